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

for p in show-args main-args self-confined; do
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
expect_fail "a missing program" '^cloudabi-run: cannot open ./nothing' "$run" --unconfined ./nothing
expect_fail "a program that is not ELF" 'is not an ELF executable' "$run" --unconfined cfg.yaml
expect_fail "--dir without NAME=" 'takes NAME=PATH' "$run" --unconfined --dir data ./show-args
expect_fail "--dir with bad rights" 'rights are ro, rw' "$run" --unconfined --dir d=data:fly ./show-args
expect_fail "--env without =" 'takes NAME=VALUE' "$run" --unconfined --env X ./show-args
expect_fail "no program" '^usage:' "$run" --unconfined

# Sockets: a listening socket granted by bind; the program gets the fd.
printf '%%TAG ! tag:nuxi.nl,2015:cloudabi/\n---\no: !fd stdout\nl: !socket {bind: "127.0.0.1:0"}\n' > sock.yaml
got=$("$run" --unconfined --config sock.yaml ./show-args)
check "!socket {bind} gives a descriptor" grep -qF '"l": !fd 3' <<< "$got"

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
else
	echo "skip - confined runs: need x86_64 and Landlock"
fi

# Where the kernel cannot confine (qemu-user has neither Landlock nor
# seccomp), a program refuses to start unless told otherwise.
"$(tool aarch64 cc)" "$here/programs/main-args.c" -o "$scratch/main-args-aarch64"
expect_fail "under qemu-user a program refuses to start, with one line" \
	'^cloudabi: cannot start: this kernel has no Landlock \(CLOUDABI_ALLOW_UNCONFINED=1 runs it unconfined\)$' \
	qemu-aarch64-static "$scratch/main-args-aarch64"
check "... its status is 127" sh -c "qemu-aarch64-static '$scratch/main-args-aarch64' 2>/dev/null; test \$? = 127"
check "under qemu-user CLOUDABI_ALLOW_UNCONFINED=1 lets it run" \
	sh -c "CLOUDABI_ALLOW_UNCONFINED=1 qemu-aarch64-static '$scratch/main-args-aarch64' x | grep -qx 'argv\[1\] x'"

finish
