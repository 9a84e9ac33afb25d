// An exception nobody catches: std::terminate, which aborts after saying
// what was thrown; the runner checks the message and the signal.
#include <stdexcept>

int main()
{
	throw std::runtime_error("nobody catches this");
}
