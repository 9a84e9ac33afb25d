int greet_answer(void) { return 42; }
