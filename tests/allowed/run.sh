#!/usr/bin/env bash
# The allowed suite (docs/confinement.md, "The allowed suite"): what a confined program may do must
# keep working. The libc's functional programs (tests/libc: every *at
# function inside the granted directory, threads, pdfork/pdwait/pdkill,
# pipes, socketpair with SCM_RIGHTS, clocks, getrandom, exec of the
# program's own descriptor, ...) already run self-confined there (mode b,
# started directly); here they run again under cloudabi-run (mode a),
# where their start-up confinement nests inside the launcher's. x86_64
# only: qemu-user cannot confine aarch64 programs.
source "$(dirname "$0")/../lib.sh"
arches=$(uname -m)
via_launcher=1
if "$out/bin/cloudabi-run" --check | grep -q '^landlock: available'; then
	run_programs "$top/tests/libc"
else
	echo "skip - the allowed suite under the launcher: this kernel has no Landlock"
fi

# A listening socket granted by the launcher: accept works inside.
cc=$(tool "$(uname -m)" cc)
cat > "$scratch/accept.c" <<'C'
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void)
{
	/* descriptor 3 is a listening socket granted by the launcher */
	int c = accept(3, 0, 0);
	char buf[8] = {0};
	if (c < 0 || read(c, buf, 4) != 4) return 1;
	printf("accepted %s\n", buf);
	return 0;
}
C
"$cc" "$scratch/accept.c" -o "$scratch/accept"
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\n- !fd stdout\n- !socket {bind: "%s"}\n' "$scratch/sock" > "$scratch/accept.yaml"
"$out/bin/cloudabi-run" --config "$scratch/accept.yaml" "$scratch/accept" > "$scratch/accept.out" 2>&1 &
server=$!
for _ in {1..50}; do [ -S "$scratch/sock" ] && break; sleep 0.1; done
cat > "$scratch/client.c" <<'C'
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
int main(int argc, char **argv)
{
	(void)argc;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strncpy(a.sun_path, argv[1], sizeof a.sun_path - 1);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	return s < 0 || connect(s, (void *)&a, sizeof a) || write(s, "ping", 4) != 4;
}
C
clang-19 -fuse-ld=lld "$scratch/client.c" -o "$scratch/client"
"$scratch/client" "$scratch/sock" || true
wait "$server" || true
check "accept on a granted listening socket, confined" grep -qx 'accepted ping' "$scratch/accept.out"

finish
