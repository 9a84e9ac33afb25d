// Static constructors run before main in order of definition, destructors
// after main in reverse order; the runner checks the printed sequence.
#include <cstdio>

struct Announce {
	const char *name;
	explicit Announce(const char *n) : name(n) { std::printf("construct %s\n", name); }
	~Announce() { std::printf("destroy %s\n", name); }
};

static Announce first("first");
static Announce second("second");

static Announce &local()
{
	static Announce l("local");
	return l;
}

int main()
{
	std::printf("main\n");
	local();
	return 0;
}
