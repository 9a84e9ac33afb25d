// The OCI image's first C++ program (smoke.sh): iostreams, an exception
// thrown and caught (libc++abi and libunwind), and exactly this line out.
#include <iostream>
#include <stdexcept>

int main()
{
	try {
		throw std::runtime_error("C++");
	} catch (const std::exception &e) {
		std::cout << "hello, " << e.what() << std::endl;
	}
}
