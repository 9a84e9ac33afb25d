// The "no extra flags" program: exceptions, threads, iostreams,
// containers, regex and random_device, built with just <triple>-c++.
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

int main()
{
	std::map<std::string, int> words;
	std::vector<std::thread> threads;
	std::vector<int> sums(4);
	for (int t = 0; t < 4; t++)
		threads.emplace_back([&sums, t] {
			for (int i = 0; i <= 100; i++)
				sums[t] += i * (t + 1);
		});
	for (auto &t : threads)
		t.join();
	std::regex word("[a-z]+");
	std::string text = "capabilities not paths capabilities";
	for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it)
		words[it->str()]++;
	std::random_device rd;
	std::uniform_int_distribution<int> die(1, 6);
	int roll = die(rd);
	try {
		if (roll >= 1)
			throw std::runtime_error("caught");
	} catch (const std::exception &e) {
		std::cout << e.what() << " " << sums[3] << " " << words["capabilities"]
			  << " " << (roll >= 1 && roll <= 6 ? "die-ok" : "die-bad") << std::endl;
	}
	return 0;
}
