/* C frames for exceptions.cc to throw through: compiled as C, with the
 * unwind tables the target's C compiler emits by default. */
int call_through_c(int (*callback)(int), int depth);

int call_through_c(int (*callback)(int), int depth)
{
	if (depth == 0)
		return callback(0);
	return call_through_c(callback, depth - 1) + 1;
}
