// RTTI: typeid, dynamic_cast down, across and failing, bad_cast.
#include <cstring>
#include <typeinfo>
#include "check.h"

struct Base { virtual ~Base() = default; };
struct Left : virtual Base { int l = 1; };
struct Right : virtual Base { int r = 2; };
struct Both : Left, Right {};
struct Other : Base {};

int main()
{
	Both both;
	Base *b = &both;
	CHECK("typeid of the dynamic type", typeid(*b) == typeid(Both));
	CHECK("typeid names differ", std::strcmp(typeid(Left).name(), typeid(Right).name()) != 0);
	CHECK("dynamic_cast down through a virtual base", dynamic_cast<Both *>(b) == &both);
	Left *l = &both;
	Right *r = dynamic_cast<Right *>(l);
	CHECK("dynamic_cast across (sideways)", r != nullptr && r->r == 2);
	CHECK("dynamic_cast to an unrelated type is null", dynamic_cast<Other *>(b) == nullptr);
	CHECK("dynamic_cast<void*> finds the complete object", dynamic_cast<void *>(r) == static_cast<void *>(&both));
	bool thrown = false;
	try {
		Base &ref = both;
		(void)dynamic_cast<Other &>(ref);
	} catch (const std::bad_cast &) {
		thrown = true;
	}
	CHECK("a failed reference cast throws std::bad_cast", thrown);
	thrown = false;
	try {
		Base *null = nullptr;
		(void)typeid(*null);
	} catch (const std::bad_typeid &) {
		thrown = true;
	}
	CHECK("typeid of a null pointer throws std::bad_typeid", thrown);
	return report();
}
