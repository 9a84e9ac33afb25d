// Threads: std::thread, mutex, condition_variable, future/async, call_once,
// thread_local with destructors, static locals initialised under a race,
// atomic wait/notify. (std::jthread is experimental in libc++ 19: it
// needs -fexperimental-library.)
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>
#include "check.h"

static std::atomic<int> tls_destroyed;
struct PerThread {
	int value = 0;
	~PerThread() { tls_destroyed++; }
};
static thread_local PerThread per_thread;

static std::atomic<int> constructed;
struct Slow {
	Slow() { constructed++; std::this_thread::sleep_for(std::chrono::milliseconds(20)); }
};
static Slow &the_slow() { static Slow s; return s; }

int main()
{
	int counter = 0;
	std::mutex m;
	std::vector<std::thread> ts;
	for (int i = 0; i < 8; i++)
		ts.emplace_back([&] {
			for (int j = 0; j < 1000; j++) {
				std::lock_guard<std::mutex> g(m);
				counter++;
			}
		});
	for (auto &t : ts)
		t.join();
	CHECK("8 threads x 1000 increments under a mutex", counter == 8000);

	std::condition_variable cv;
	bool ready = false;
	int got = 0;
	std::thread consumer([&] {
		std::unique_lock<std::mutex> l(m);
		cv.wait(l, [&] { return ready; });
		got = 7;
	});
	{
		std::lock_guard<std::mutex> g(m);
		ready = true;
	}
	cv.notify_one();
	consumer.join();
	CHECK("condition_variable wakes the waiter", got == 7);

	auto f = std::async(std::launch::async, [] { return 6 * 7; });
	CHECK("std::async returns through a future", f.get() == 42);
	std::promise<int> pr;
	auto pf = pr.get_future();
	std::thread setter([&] { pr.set_value(5); });
	CHECK("promise/future across threads", pf.get() == 5);
	setter.join();

	std::once_flag once;
	std::atomic<int> calls{0};
	std::vector<std::thread> onces;
	for (int i = 0; i < 4; i++)
		onces.emplace_back([&] { std::call_once(once, [&] { calls++; }); });
	for (auto &t : onces)
		t.join();
	CHECK("call_once runs once from 4 threads", calls == 1);

	std::vector<std::thread> tls;
	for (int i = 0; i < 5; i++)
		tls.emplace_back([i] { per_thread.value = i; });
	for (auto &t : tls)
		t.join();
	CHECK("thread_local destructors ran in 5 finished threads", tls_destroyed == 5);

	std::vector<std::thread> racers;
	for (int i = 0; i < 4; i++)
		racers.emplace_back([] { the_slow(); });
	for (auto &t : racers)
		t.join();
	CHECK("a static local is constructed once under a race", constructed == 1);

	std::atomic<int> flag{0};
	std::thread waker([&] {
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
		flag.store(1);
		flag.notify_one();
	});
	flag.wait(0);
	waker.join();
	CHECK("atomic wait returns after notify", flag.load() == 1);

	CHECK("hardware_concurrency is known", std::thread::hardware_concurrency() >= 1);
	return report();
}
