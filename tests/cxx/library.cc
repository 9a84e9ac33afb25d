// The rest of the library: strings, containers, algorithms, regex, chrono,
// random_device, <format>, string streams, locales without locale files.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <format>
#include <locale>
#include <map>
#include <numeric>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>
#include "check.h"

int main()
{
	std::string s = "capability";
	s += std::string(3, '!');
	CHECK("string append and find", s.find("bil") == 4 && s.size() == 13);
	CHECK("to_string and stoi", std::to_string(1234) == "1234" && std::stoi("-56") == -56);

	std::vector<int> v(100);
	std::iota(v.begin(), v.end(), 0);
	std::reverse(v.begin(), v.end());
	std::sort(v.begin(), v.end());
	CHECK("iota, reverse, sort", std::is_sorted(v.begin(), v.end()) && v[99] == 99);
	CHECK("accumulate", std::accumulate(v.begin(), v.end(), 0) == 4950);
	std::map<std::string, int> m{{"b", 2}, {"a", 1}};
	std::unordered_map<int, std::string> um;
	for (int i = 0; i < 1000; i++)
		um[i] = std::to_string(i);
	std::set<int> st(v.begin(), v.end());
	CHECK("map, unordered_map, set", m.begin()->first == "a" && um.at(999) == "999" && st.size() == 100);

	std::regex re(R"((\w+)@(\w+)\.org)");
	std::smatch sm;
	std::string mail = "write to user@example.org today";
	CHECK("regex_search with groups", std::regex_search(mail, sm, re) && sm[2] == "example");
	CHECK("regex_replace", std::regex_replace(std::string("a1b22c"), std::regex("[0-9]+"), "#") == "a#b#c");

	auto t0 = std::chrono::steady_clock::now();
	auto now = std::chrono::system_clock::now();
	CHECK("chrono clocks", std::chrono::steady_clock::now() >= t0 &&
		now.time_since_epoch() > std::chrono::hours(24 * 365 * 50));

	std::random_device rd;
	unsigned a = rd(), b = rd(), c = rd();
	CHECK("random_device gives varying numbers", !(a == b && b == c));
	std::mt19937 gen(rd());
	std::uniform_int_distribution<int> dist(1, 6);
	int roll = dist(gen);
	CHECK("mt19937 seeded from random_device", roll >= 1 && roll <= 6);

	CHECK("std::format", std::format("{:>5}|{:x}|{:.2f}", "ab", 255, 3.14159) == "   ab|ff|3.14");
	char buf[32];
	auto [end, ec] = std::to_chars(buf, buf + sizeof buf, 2.5);
	CHECK("to_chars of a double", ec == std::errc() && std::string(buf, end) == "2.5");

	std::ostringstream os;
	os << 42 << ' ' << 1.5 << ' ' << std::hex << 255;
	CHECK("ostringstream", os.str() == "42 1.5 ff");
	std::istringstream is("7 8 9");
	int x, y, z;
	is >> x >> y >> z;
	CHECK("istringstream", x + y + z == 24);

	std::locale classic("C"), utf8("C.UTF-8");
	CHECK("locales C and C.UTF-8 exist without locale files", classic.name() == "C" && utf8.name() == "C.UTF-8");
	CHECK("toupper through a locale", std::toupper('q', utf8) == 'Q');
	return report();
}
