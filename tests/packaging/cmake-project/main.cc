#include <iostream>
extern "C" int greet_answer(void);
int main() { std::cout << "hello from a library, " << greet_answer() << "\n"; }
