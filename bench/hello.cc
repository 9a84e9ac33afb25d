// Hello world with iostream: the C++ program of make bench's size group.
#include <iostream>

int main()
{
	std::cout << "hello, world" << std::endl;
	return 0;
}
