// The CloudABI extensions of <fstream>: file streams opened beneath the
// directory the program was given (descriptor 3) or on a descriptor.
#include <fcntl.h>
#include <fstream>
#include <string>
#include <unistd.h>
#include "check.h"

static const int given = 3;

int main()
{
	{
		std::ofstream o(given, "out.txt");
		o << "line one\n" << 42 << "\n";
		CHECK("ofstream(dirfd, name) creates and writes", o.good() && o.is_open());
	}
	std::ifstream i(given, "out.txt");
	std::string first;
	int n = 0;
	std::getline(i, first);
	i >> n;
	CHECK("ifstream(dirfd, name) reads it back", first == "line one" && n == 42);

	std::fstream f;
	f.openat(given, std::string("rw.txt"), std::ios::in | std::ios::out | std::ios::trunc);
	f << "abc";
	f.seekg(0);
	std::string back;
	f >> back;
	CHECK("fstream::openat with a std::string, read after write", f.is_open() && back == "abc");

	std::ifstream up;
	up.openat(given, "../out.txt");
	CHECK("openat(dirfd, \"../x\") fails: nothing above the directory", !up.is_open() && up.fail());
	std::ifstream abs(given, "/etc/passwd");
	CHECK("openat(dirfd, \"/etc/passwd\") fails: no absolute paths", !abs.is_open() && abs.fail());

	int fd = openat(given, "out.txt", O_RDONLY);
	std::ifstream adopted;
	adopted.fdopen(fd);
	std::string word;
	adopted >> word;
	CHECK("ifstream::fdopen adopts a descriptor", adopted.is_open() && word == "line");
	adopted.close();
	CHECK("close() closes the adopted descriptor", fcntl(fd, F_GETFD) == -1);

	std::filebuf fb;
	CHECK("filebuf::openat", fb.openat(given, "out.txt", std::ios::in) == &fb && fb.sgetc() == 'l');
	std::wifstream w(given, "out.txt");
	std::wstring ws;
	w >> ws;
	CHECK("wifstream(dirfd, name)", ws == L"line");
	CHECK("unlinkat cleans up", unlinkat(given, "out.txt", 0) == 0 && unlinkat(given, "rw.txt", 0) == 0);
	return report();
}
