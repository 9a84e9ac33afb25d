#!/usr/bin/env bash
# cloudabi-run: the flag form and the YAML form, descriptor numbering, the
# argdata hand-off and argv, hygiene (stray descriptors closed, an empty
# environment), --check, and one-line errors (file:line:column) for bad
# configurations, each before anything runs.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run=$out/bin/cloudabi-run
arch=$(uname -m)
cc=$(tool "$arch" cc)

for p in show-args main-args main-argdata self-confined stderr-message; do
	"$cc" "$here/programs/$p.c" -o "$scratch/$p"
done
if [ "$arch" = x86_64 ]; then
	"$cc" -nostdlib -fno-stack-protector -O1 "$here/programs/raw-vectors.c" -o "$scratch/raw-vectors"
fi
mkdir -p "$scratch/data/sub"
echo hello > "$scratch/data/hello.txt"
cd "$scratch"

# --check
report=$("$run" --check)
check "--check names the Landlock ABI the kernel returns" grep -qE '^landlock: available, ABI [0-9]+$' <<< "$report"
check "--check reports seccomp" grep -qE '^seccomp: (available|missing)$' <<< "$report"
check "--check reports user namespaces" grep -qE '^user namespaces: (available|missing)$' <<< "$report"
check "--check reports this kernel's gaps" grep -qE '^gaps: ' <<< "$report"

# The flag form: a map of the grants, standard descriptors passed through.
got=$("$run" --unconfined --dir data=data --file greeting=data/hello.txt ./show-args 5< /dev/null)
check "flag form: the argdata is a map of the grants, numbered from 3" \
	grep -qzF '"data": !fd 3,' <<< "$got"
check "flag form: the file grant is 4" grep -qF '"greeting": !fd 4' <<< "$got"
check "flag form: the argdata descriptor (5) is closed before the program runs" grep -qx 'fd 5: closed' <<< "$got"
check "flag form: a stray descriptor of the caller (5) did not reach it" grep -qx 'fd 6: closed' <<< "$got"
check "flag form: stdout reaches the program" grep -qx 'fd 1: open' <<< "$got"
check "the environment is empty" sh -c '! grep -q "^env "' <<< "$got"
got=$("$run" --unconfined --env A=1 --env B=two ./show-args)
check "--env passes exactly what it names" sh -c 'grep -qx "env A=1" && true' <<< "$got"
check "--env B too, and nothing else" test "$(grep -c '^env ' <<< "$got")" = 2
got=$("$run" --unconfined ./main-args one "two words")
check "a main-only program gets argv from the arguments after PROGRAM" \
	test "$(printf '%s\n' "$got" | tail -n 2)" = "$(printf 'argv[1] one\nargv[2] two words')"

# A main-only program reads the same argdata through program_argdata().
got=$("$run" --unconfined --dir data=data --file greeting=data/hello.txt ./main-argdata one)
check "program_argdata: a main-only program sees the grants (flag form)" \
	grep -qF '"data": !fd 3,' <<< "$got"
check "program_argdata: ... with argv as usual" grep -qx 'argv\[1\] one' <<< "$got"
got=$(CLOUDABI_ALLOW_UNCONFINED=1 ./main-argdata two)
check "program_argdata: started without a launcher, the argdata is null" \
	grep -qx null <<< "$got"

# The YAML form.
cat > cfg.yaml <<'Y'
%TAG ! tag:nuxi.nl,2015:cloudabi/
---
out: !fd stdout
data: !file {path: data, rights: rw}
greeting: !file {path: data/hello.txt}
count: 42
ratio: 0.5
flags: [true, false, ~]
name: "a string"
self: !executable
Y
got=$("$run" --unconfined --config cfg.yaml ./show-args)
check "yaml: !fd stdout arrives as 1" grep -qF '"out": !fd 1,' <<< "$got"
check "yaml: descriptors numbered 3, 4 ... in order of appearance" \
	sh -c 'grep -qF "\"data\": !fd 3," && true' <<< "$got"
check "yaml: the file is 4, the executable 5" sh -c "grep -qF '\"greeting\": !fd 4,' && true" <<< "$got"
check "yaml: !executable is a descriptor" grep -qF '"self": !fd 5' <<< "$got"
check "yaml: plain scalars become int, float, bool, null; quoted a string" \
	sh -c 'grep -qF "\"count\": 42," && true' <<< "$got"
check "yaml: a standard descriptor the config does not name is /dev/null (open)" grep -qx 'fd 0: open' <<< "$got"
check "yaml: the argdata descriptor (6) is closed" grep -qx 'fd 6: closed' <<< "$got"
got=$("$run" --unconfined --config - ./show-args < cfg.yaml)
check "--config - reads the YAML from standard input" grep -qF '"count": 42,' <<< "$got"

# Errors: one line, file:line:column where there is a file, status 2,
# and the program never runs (it would print "fd 0").
bad() { # NAME PATTERN YAML
	printf '%s\n' "$3" > bad.yaml
	expect_fail "config error: $1" "$2" sh -c "'$run' --unconfined --config bad.yaml ./show-args | grep -q 'fd 0' && echo RAN; exit 2"
}
bad "unknown tag" '^cloudabi-run: bad.yaml:1:4: unknown tag !bogus' 'x: !bogus 1'
bad "invalid YAML" '^cloudabi-run: bad.yaml:2:1: ' 'x: [1, 2'
bad "a missing path" "^cloudabi-run: bad.yaml:1:17: cannot open nowhere" 'x: !file {path: nowhere}'
bad "!file without a path" '^cloudabi-run: bad.yaml:1:4: !file needs a path' 'x: !file {mode: ro}'
bad "an unknown key" "^cloudabi-run: bad.yaml:1:23: !file has no key 'colour'" 'x: !file {path: data, colour: red}'
bad "a mode on a directory" '^cloudabi-run: bad.yaml:1:29: data is a directory' 'x: !file {path: data, mode: rw}'
bad "bad rights" '^cloudabi-run: bad.yaml:1:31: rights are ro, rw' 'x: !file {path: data, rights: fly}'
bad "a wrong type for !fd" '^cloudabi-run: bad.yaml:1:4: !fd must be a scalar' 'x: !fd [1]'
bad "an !fd that is not open" '^cloudabi-run: bad.yaml:1:4: !fd 77: descriptor 77 is not open' 'x: !fd 77'
bad "an address that does not parse" "^cloudabi-run: bad.yaml:1:4: 'nonsense' is not HOST:PORT" 'x: !socket {connect: nonsense}'
bad "a socket with both bind and connect" '^cloudabi-run: bad.yaml:1:4: !socket takes exactly one' 'x: !socket {bind: "127.0.0.1:0", connect: "127.0.0.1:1"}'
expect_fail "a missing config file" '^cloudabi-run: cannot read nothing.yaml' "$run" --unconfined --config nothing.yaml ./show-args
expect_fail "a missing program" '^cloudabi-run: cannot run ./nothing: No such file or directory$' "$run" --unconfined ./nothing
expect_fail "a program that is not ELF" '^cloudabi-run: cannot run ./cfg.yaml: it is not an ELF executable$' "$run" --unconfined ./cfg.yaml
expect_fail "--dir without NAME=" 'takes NAME=PATH' "$run" --unconfined --dir data ./show-args
expect_fail "--dir with bad rights" 'rights are ro, rw' "$run" --unconfined --dir d=data:fly ./show-args
expect_fail "--env without =" 'takes NAME=VALUE' "$run" --unconfined --env X ./show-args
expect_fail "no program" '^usage:' "$run" --unconfined

# Sockets: a listening socket granted by bind; the program gets the fd.
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\no: !fd stdout\nl: !socket {bind: "127.0.0.1:0"}\n' > sock.yaml
got=$("$run" --unconfined --config sock.yaml ./show-args)
check "!socket {bind} gives a descriptor" grep -qF '"l": !fd 3' <<< "$got"

# The interface (issue 15, item 4): help, version, misspelt options.
help=$("$run" --help || true)
check "--help exits 0" "$run" --help
check "-h prints the same help" test "$("$run" -h)" = "$help"
synopsis=$(sed -n '/^    cloudabi-run \[/,/^$/p' "$top/docs/cloudabi-run.md" | grep -oE -- '--[a-z-]+' | sort -u)
check "(control) docs/cloudabi-run.md's synopsis names at least 12 options" test "$(wc -l <<< "$synopsis")" -ge 12
missing=$(while read -r o; do grep -qF -- "$o" <<< "$help" || echo "$o"; done <<< "$synopsis")
check "--help names every option of the documented synopsis" test -z "$missing"
missing=$(for w in ro rw read write create remove exec append stream dgram; do
	grep -qw -- "$w" <<< "$help" || echo "$w"; done
	for w in NAME=bind:ADDR NAME=connect:ADDR; do grep -qF -- "$w" <<< "$help" || echo "$w"; done)
check "--help names the rights, file modes and socket forms" test -z "$missing"
man_options=$(grep -oE -- '\\-\\-[a-z\\-]+' "$top/runtime/cloudabi-run/cloudabi-run.1" | sed 's/\\//g' | sort -u)
missing=$(grep -oE -- '--[a-z-]+' <<< "$help" | sort -u | while read -r o; do grep -qx -- "$o" <<< "$man_options" || echo "$o"; done)
check "(control) the man page's roff names at least 12 options" test "$(wc -l <<< "$man_options")" -ge 12
check "cloudabi-run(1) documents every option --help names" test -z "$missing"
check "--help shows at least two examples" test "$(sed -n '/^Examples:/,/^$/p' <<< "$help" | grep -c '^  cloudabi-run ')" -ge 2
check "--version is the repository's VERSION" \
	grep -qxE "cloudabi-run $(sed 's/\./\\./g' "$top/VERSION")(\+dirty)?" <<< "$("$run" --version)"
got=$("$run" --dri data=data ./show-args 2>&1; echo "status $?")
check "a misspelt option: one line naming it" test "$(head -n 1 <<< "$got")" = "cloudabi-run: unknown option '--dri'"
check "... then the usage line" grep -q '^usage: cloudabi-run ' <<< "$(sed -n 2p <<< "$got")"
check "... status 2, and the program did not run" sh -c 'grep -qx "status 2" && ! grep -q "^fd 0"' <<< "$got"
got=$("$run" --unconfined --dir=data=data --env=A=1 ./show-args 2>&1 || true)
check "--opt=VALUE works as --opt VALUE" sh -c 'grep -qF "\"data\": !fd 3" && true' <<< "$got"
expect_fail "an option without its value" "^cloudabi-run: option '--dir' needs a value" "$run" --dir

# Refusals of what used to be accepted silently, each one line before
# anything runs (the controls above show the same grants work alone).
nothing_ran() { # NAME PATTERN ARGS...: fails with PATTERN, status 2, program never ran
	local name=$1 pattern=$2 got
	shift 2
	got=$("$run" "$@" 2>&1; echo "status $?")
	if grep -qE -- "$pattern" <<< "$(head -n 1 <<< "$got")" && [ "$(wc -l <<< "$got")" = 2 ] &&
		grep -qx 'status 2' <<< "$got"; then ok "$name"
	else not_ok "$name" "$got"; fi
}
nothing_ran "the same name granted twice by flags" \
	"^cloudabi-run: the name 'data' is granted twice \(--dir data=data and --file data=data/hello.txt\)$" \
	--unconfined --dir data=data --file data=data/hello.txt ./show-args
nothing_ran "--file naming a directory" '^cloudabi-run: --file log=data: data is a directory \(grant it with --dir\)$' \
	--unconfined --file log=data ./show-args
nothing_ran "--dir naming a file" '^cloudabi-run: --dir d=data/hello.txt: data/hello.txt is not a directory \(grant a file with --file\)$' \
	--unconfined --dir d=data/hello.txt ./show-args
bad "the same key twice (a name granted twice)" \
	"^cloudabi-run: bad.yaml:4:1: the key 'data' appears twice in this map \(first at line 3, column 1\)$" \
	"$(printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\ndata: !file {path: data}\ndata: !file {path: data/hello.txt}')"
bad "the same key twice inside a !file" "^cloudabi-run: bad.yaml:1:23: the key 'path' appears twice" \
	'x: !file {path: data, path: data/hello.txt}'

# Sockets in the flag form, with YAML's words (bind, connect, stream, dgram).
got=$("$run" --unconfined --socket l=bind:127.0.0.1:0 --dir data=data ./show-args || true)
check "--socket NAME=bind:ADDR is granted in order (3), like YAML's !socket {bind}" \
	sh -c 'grep -qF "\"l\": !fd 3," && true' <<< "$got"
check "... and the next grant is 4" grep -qF '"data": !fd 4' <<< "$got"
"$run" --unconfined --socket u=bind:"$scratch/stream.sock" --socket d=bind:"$scratch/dgram.sock":dgram ./show-args > /dev/null || true
check "--socket bind: a UNIX stream socket is bound at its path" test -S "$scratch/stream.sock"
check "--socket bind:...:dgram: a UNIX datagram socket is bound at its path" test -S "$scratch/dgram.sock"
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1); s.settimeout(20)
print("ready", flush=True); c, _ = s.accept(); print("accepted")' "$scratch/listen.sock" > "$scratch/listener.out" &
listener=$!
for _ in {1..100}; do grep -q ready "$scratch/listener.out" && break; sleep 0.1; done
got=$("$run" --unconfined --socket c=connect:"$scratch/listen.sock" ./show-args || true)
wait "$listener" || true
check "--socket NAME=connect:ADDR connects (the listener accepted) and is granted" \
	sh -c 'grep -qx accepted "$1" && printf "%s\n" "$2" | grep -qF "\"c\": !fd 3"' sh "$scratch/listener.out" "$got"
nothing_ran "--socket without bind: or connect:" '^cloudabi-run: --socket x=listen:127.0.0.1:80: say bind:ADDR or connect:ADDR$' \
	--unconfined --socket x=listen:127.0.0.1:80 ./show-args
nothing_ran "--socket with a bad address" "^cloudabi-run: --socket x: 'nonsense' is not HOST:PORT" \
	--unconfined --socket x=connect:nonsense ./show-args

# PROGRAM without a slash is looked up in PATH, as env(1) does; a
# non-executable file of that name earlier in PATH is passed over.
mkdir -p bin-noexec bin
cp show-args bin/show-args
cp show-args bin-noexec/show-args && chmod 644 bin-noexec/show-args
got=$(cd data && PATH="$scratch/bin-noexec:$scratch/bin:$PATH" "$run" --unconfined show-args 2>&1 || true)
check "a program named without a slash is found in PATH" grep -qx 'fd 1: open' <<< "$got"
expect_fail "... and is not taken from the current directory" 'not found in PATH' \
	sh -c "cd '$scratch' && PATH=/nonexistent '$run' --unconfined show-args"
expect_fail "only a non-executable one in PATH: says so" \
	"^cloudabi-run: cannot run show-args: $scratch/bin-noexec/show-args is not executable \(Permission denied\)$" \
	sh -c "cd data && PATH='$scratch/bin-noexec' '$run' --unconfined show-args"

# Why a file cannot run, in one line each.
cp show-args noexec && chmod 644 noexec
expect_fail "a file that is not executable: why" '^cloudabi-run: cannot run ./noexec: Permission denied \(mode 0644: it is not executable\)$' \
	"$run" --unconfined ./noexec
expect_fail "a directory" '^cloudabi-run: cannot run ./data: it is a directory$' "$run" --unconfined ./data
printf '#!/bin/sh\necho hi\n' > script.sh && chmod 755 script.sh
expect_fail "a script" '^cloudabi-run: cannot run ./script.sh: it is a script \(#!/bin/sh\), not an ELF executable' "$run" --unconfined ./script.sh

# Host (glibc) programs: a dynamically linked one is refused with its
# interpreter named (as readelf reads it); a static one runs confined
# with a note that it is not a CloudABI program.
clang-19 -O1 "$here/host/foreign.c" -o host-dynamic
clang-19 -O1 -static "$here/host/foreign.c" -o host-static
interp=$(llvm-readelf-19 -l host-dynamic | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p')
check "(control) the dynamic host program has an interpreter" test -n "$interp"
expect_fail "a dynamically linked program: refused, naming its interpreter" \
	"^cloudabi-run: ./host-dynamic is dynamically linked \(interpreter $interp\): only static executables can run confined$" \
	"$run" ./host-dynamic
check "(control) ... and it runs with --unconfined" sh -c "'$run' --unconfined ./host-dynamic 2>/dev/null | grep -qx 'host program runs'"
# The launcher itself is a static executable: no dynamic loader runs
# before it confines a program (the control above shows the check sees an
# interpreter where there is one).
check "cloudabi-run is a static executable (no interpreter)" \
	sh -c "! llvm-readelf-19 -l '$run' | grep -q 'program interpreter'"
osabi=$(od -An -tu1 -j7 -N1 host-static | tr -d ' ')
if [ "$arch" = x86_64 ] && grep -q '^landlock: available' <<< "$report"; then
	"$run" ./host-static > host.out 2> host.err || true
	check "a static non-CloudABI program runs confined" grep -qx 'host program runs' host.out
	check "... confined: its raw open of /etc/passwd is refused" grep -qxE 'open /etc/passwd: (Operation not permitted|Permission denied)' host.out
	check "(control) unconfined, the same open succeeds" sh -c "'$run' --unconfined ./host-static 2>/dev/null | grep -qx 'open /etc/passwd: opened'"
	check "... with one line on stderr: not a CloudABI program, its OS/ABI ($osabi)" \
		sh -c "test \$(wc -l < host.err) = 1 && grep -qE '^cloudabi-run: note: ./host-static is not a CloudABI program \(ELF OS/ABI $osabi[,)]' host.err"
	check "(control) a CloudABI program gets no such note" sh -c "! '$run' --dir data=data ./show-args 2>&1 >/dev/null | grep -q note"
fi

# With --config, the program's stderr is the launcher's unless the config
# names stderr (issue 15, item 5): a failing program's message is seen.
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\ndata: !file {path: data}\n' > nostderr.yaml
confined=--unconfined
[ "$arch" = x86_64 ] && grep -q '^landlock: available' <<< "$report" && confined=--strict
status=0; "$run" $confined --config nostderr.yaml ./stderr-message 2> err.txt || status=$?
check "--config without stderr: the program's message reaches the launcher's stderr" \
	grep -qx 'stderr-message: something went wrong' err.txt
check "... and its status is the program's (3)" test "$status" = 3
status=0; "$run" $confined --no-stderr --config nostderr.yaml ./stderr-message 2> err.txt || status=$?
check "--no-stderr: descriptor 2 is /dev/null, the message is gone" test ! -s err.txt
check "(control) ... although the program ran (status 3)" test "$status" = 3
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\nerr: !fd stderr\n' > withstderr.yaml
status=0; "$run" $confined --no-stderr --config withstderr.yaml ./stderr-message 2> err.txt || status=$?
check "a config that names !fd stderr gets it, --no-stderr or not" grep -qx 'stderr-message: something went wrong' err.txt
got=$("$run" --unconfined --config nostderr.yaml ./show-args 2>/dev/null || true)
check "(control) stdout is still /dev/null unless named: nothing printed" test -z "$got"

# Confined runs (the escape suite, tests/escape, attacks them in depth).
if [ "$arch" = x86_64 ] && grep -q '^landlock: available' <<< "$report"; then
	got=$("$run" --dir data=data ./show-args)
	check "confined: a program prints its argdata through the launcher" grep -qF '"data": !fd 3' <<< "$got"
	got=$("$run" --isolate --dir data=data ./show-args)
	check "--isolate: the program runs with its grants" grep -qF '"data": !fd 3' <<< "$got"

	# Self-confinement: the same kind of program started directly.
	direct=$(cd data && ../self-confined 3< .)
	check "started directly, a raw open(\"/etc/passwd\") is blocked" grep -qx 'raw_open_etc_passwd -1' <<< "$direct"
	check "started directly, a raw openat(AT_FDCWD, ...) is blocked" grep -qx 'raw_openat_fdcwd -1' <<< "$direct"
	check "started directly, the inherited directory still works" grep -qx 'inside 1' <<< "$direct"
	direct=$(cd data && CLOUDABI_ALLOW_UNCONFINED=1 ../self-confined 3< .)
	check "CLOUDABI_ALLOW_UNCONFINED=1 does not weaken a kernel that can confine" \
		grep -qx 'raw_open_etc_passwd -1' <<< "$direct"
	check "(control) a libc-free program started directly is not confined, so the checks above test something" \
		sh -c "cd data && ../raw-vectors 3< . | grep -qx 'open_etc_passwd [0-9]*'"

	# A seccomp filter already in place that hides Landlock (a container
	# engine's old profile): no path rules, so the program refuses, as
	# cloudabi-run does there; CLOUDABI_ALLOW_UNCONFINED=1 runs it, with
	# its own seccomp filter still added.
	clang-19 -O1 "$here/host/hide-landlock.c" -o hide-landlock
	expect_fail "under a filter that hides Landlock, a program started directly refuses in one line" \
		"^cloudabi: cannot start: Landlock is not available here \(a seccomp filter already in place hides it\)" \
		sh -c "cd data && ../hide-landlock ../self-confined 3< ."
	check "... with status 127" sh -c "cd data && ../hide-landlock ../self-confined 3< . 2>/dev/null; test \$? = 127"
	direct=$(cd data && CLOUDABI_ALLOW_UNCONFINED=1 ../hide-landlock ../self-confined 3< . 2>&1 || true)
	check "there CLOUDABI_ALLOW_UNCONFINED=1 runs it with its seccomp filter: a raw open(\"/etc/passwd\") is still blocked" \
		grep -qx 'raw_open_etc_passwd -1' <<< "$direct"
	check "(control) ... and it did run: the inherited directory works" grep -qx 'inside 1' <<< "$direct"
	check "(control) the hider hides Landlock: cloudabi-run under it finds none" \
		sh -c "./hide-landlock '$run' --check 2>&1 | grep -q '^landlock: missing'"
else
	echo "skip - confined runs: need x86_64 and Landlock"
fi

# Where the kernel cannot confine (qemu-user has neither Landlock nor
# seccomp), a program refuses to start unless told otherwise, and says
# that qemu-user is the reason (issue 15, item 3): the kernel's own machine
# (/proc/sys/kernel/arch) is not the program's.
"$(tool aarch64 cc)" "$here/programs/main-args.c" -o "$scratch/main-args-aarch64"
"$(tool aarch64 cc)" "$here/programs/show-args.c" -o "$scratch/show-args-aarch64"
qemu_says="^cloudabi: cannot start: this aarch64 program runs under qemu-user on an? $(cat /proc/sys/kernel/arch) kernel, and qemu-user cannot confine it \(it has neither Landlock nor seccomp\); CLOUDABI_ALLOW_UNCONFINED=1 runs it unconfined, an aarch64 kernel runs it confined$"
if [ "$arch" != aarch64 ]; then
	expect_fail "under qemu-aarch64-static a program refuses to start, saying qemu-user is why, in one line" \
		"$qemu_says" qemu-aarch64-static "$scratch/main-args-aarch64"
	check "... its status is 127" sh -c "qemu-aarch64-static '$scratch/main-args-aarch64' 2>/dev/null; test \$? = 127"
	check "... and it is one line" test "$(qemu-aarch64-static "$scratch/main-args-aarch64" 2>&1 | wc -l)" = 1
	check "under qemu-user CLOUDABI_ALLOW_UNCONFINED=1 lets it run" \
		sh -c "CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static '$scratch/main-args-aarch64' x | grep -qx 'argv\[1\] x'"
	if [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
		expect_fail "started by a plain exec (binfmt_misc), the same refusal" "$qemu_says" "$scratch/main-args-aarch64"

		# cloudabi-run --unconfined: the foreign program through binfmt_misc,
		# with its grants and argdata (it used to fail with ENOENT).
		got=$("$run" --unconfined --dir data=data ./show-args-aarch64 2>&1 || true)
		check "cloudabi-run --unconfined runs an aarch64 program (binfmt_misc), with its grants" \
			grep -qF '"data": !fd 3' <<< "$got"
		check "... and its argdata descriptor is closed" grep -qx 'fd 4: closed' <<< "$got"
		got=$("$run" --unconfined --isolate --dir data=data ./show-args-aarch64 2>&1 || true)
		check "... also with --isolate (no /proc there: by its descriptor)" grep -qF '"data": !fd 3' <<< "$got"
		got=$("$run" --unconfined ./main-args-aarch64 a "b c" 2>&1 || true)
		check "... its argv too" test "$(tail -n 2 <<< "$got")" = "$(printf 'argv[1] a\nargv[2] b c')"
	fi
	expect_fail "without --unconfined, cloudabi-run refuses an aarch64 program, saying why" \
		'^cloudabi-run: ./show-args-aarch64 is built for aarch64, so it runs under qemu-user here, and qemu-user cannot confine it; --unconfined runs it unconfined \(a kernel for aarch64 runs it confined\)$' \
		"$run" ./show-args-aarch64

	# Where binfmt_misc has no entry (a new binfmt_misc instance in a user
	# namespace, Linux 6.7+), one line with the qemu command that works,
	# and that command does work.
	clang-19 -O1 "$here/host/nobinfmt.c" -o nobinfmt
	if ./nobinfmt true 2>/dev/null; then
		got=$(./nobinfmt "$run" --unconfined ./main-args-aarch64 x 2>&1 || true)
		check "no binfmt_misc entry: one line giving the qemu command" \
			grep -qxF "cloudabi-run: cannot run ./main-args-aarch64: this machine has no binfmt_misc entry for aarch64 programs; run it with: CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static ./main-args-aarch64 x (unconfined, with the shell's descriptors)" <<< "$got"
		cmd=$(sed -n 's/.*; run it with: \(.*\) (unconfined, with.*/\1/p' <<< "$got")
		check "... and that command runs it" sh -c "$cmd | grep -qx 'argv\[1\] x'"
	else
		echo "skip - no binfmt_misc entry: this kernel has no binfmt_misc per user namespace"
	fi

	# Every aarch64 command README.md shows, run as written (with out/ and
	# a hello.c of our own beside it).
	mkdir -p readme && ln -sfn "$out" readme/out
	printf '#include <stdio.h>\nint main(void)\n{\n\tprintf("hello, world\\n");\n\treturn 0;\n}\n' > readme/hello.c
	cmds=$(sed -n 's/^    \(.*\(hello-arm\|prog-arm\).*\)$/\1/p' "$top/README.md" | sed 's/ *# .*//')
	check "(control) README.md shows at least four aarch64 commands" test "$(wc -l <<< "$cmds")" -ge 4
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		case $c in
		*-cc\ *-o\ hello-arm) check "README's command runs as written: $c" sh -c "cd '$scratch/readme' && $c" ;;
		*) check "README's command runs as written: $c" sh -c "cd '$scratch/readme' && ( $c ) | grep -qx 'hello, world'" ;;
		esac
	done <<< "$cmds"
fi

finish
