// Exceptions: thrown across frames and through C frames, rethrown, nested,
// caught by base class, and std::exception_ptr carried between threads.
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>
#include "check.h"

extern "C" int call_through_c(int (*callback)(int), int depth); // c-frames.c

static int thrower(int depth)
{
	if (depth == 0)
		throw std::runtime_error("from the bottom");
	return thrower(depth - 1) + 1;
}

static int throw_from_callback(int) { throw std::out_of_range("from a callback"); }

struct Counted {
	static int live;
	Counted() { live++; }
	~Counted() { live--; }
};
int Counted::live;

static void unwinds_locals(int depth)
{
	Counted c;
	if (depth == 0)
		throw 42;
	unwinds_locals(depth - 1);
}

int main()
{
	std::string what;
	try {
		thrower(20);
	} catch (const std::exception &e) {
		what = e.what();
	}
	CHECK("caught across 20 frames by base class", what == "from the bottom");

	what.clear();
	try {
		call_through_c(throw_from_callback, 5);
	} catch (const std::out_of_range &e) {
		what = e.what();
	}
	CHECK("caught through 5 C frames", what == "from a callback");

	try {
		unwinds_locals(10);
	} catch (int v) {
		CHECK("an int is caught", v == 42);
	}
	CHECK("destructors of 11 frames ran while unwinding", Counted::live == 0);

	int rethrown = 0;
	try {
		try {
			throw std::logic_error("first");
		} catch (...) {
			rethrown++;
			throw;
		}
	} catch (const std::logic_error &e) {
		rethrown += std::string(e.what()) == "first";
	}
	CHECK("throw; rethrows the same exception", rethrown == 2);

	bool outer = false, inner = false;
	try {
		try {
			throw std::invalid_argument("inner");
		} catch (...) {
			std::throw_with_nested(std::runtime_error("outer"));
		}
	} catch (const std::runtime_error &e) {
		outer = std::string(e.what()) == "outer";
		try {
			std::rethrow_if_nested(e);
		} catch (const std::invalid_argument &i) {
			inner = std::string(i.what()) == "inner";
		}
	}
	CHECK("throw_with_nested: outer caught", outer);
	CHECK("rethrow_if_nested: inner caught", inner);

	std::exception_ptr p;
	std::thread t([&] {
		try {
			throw std::domain_error("in a thread");
		} catch (...) {
			p = std::current_exception();
		}
	});
	t.join();
	what.clear();
	try {
		std::rethrow_exception(p);
	} catch (const std::domain_error &e) {
		what = e.what();
	}
	CHECK("exception_ptr carries an exception out of a thread", what == "in a thread");
	CHECK("no exception is in flight at the end", std::uncaught_exceptions() == 0);
	return report();
}
