// std::cout, std::cerr and std::cin on the standard descriptors; the runner
// feeds standard input and checks both outputs.
#include <iostream>
#include <string>

int main()
{
	std::string line;
	std::getline(std::cin, line);
	std::cout << "out: " << line << " " << 6 * 7 << std::endl;
	std::cerr << "err: " << line.size() << std::endl;
	std::wcout << L"wide" << std::endl;
	return std::cout.good() && std::cerr.good() ? 0 : 1;
}
