#!/usr/bin/env bash
# Python (python/): the interpreter runs scripts from what it was granted,
# in the flag form and the YAML form, on both targets (aarch64 through
# qemu-user); relative paths resolve beneath a granted working directory
# and nowhere else; bad input is one line (a traceback for a syntax error)
# and writes nothing; and the escape script (escape.py) finds every way out
# blocked, as root and as nobody, while the host's python3 (the control)
# gets through each one.
source "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
run=$out/bin/cloudabi-run
native=$(uname -m)

# py ARCH [cloudabi-run options] -- [python3 arguments]: python3 of ARCH
# started by cloudabi-run; aarch64 unconfined through qemu-user (which has
# neither Landlock nor seccomp).
py() {
	local arch=$1 opts=()
	shift
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	local exe=$out/$arch-unknown-cloudabi/bin/python3
	if [ "$arch" = "$native" ]; then
		"$run" "${opts[@]}" -- "$exe" "$@"
	else
		"$run" --unconfined --env CLOUDABI_ALLOW_UNCONFINED=1 "${opts[@]}" -- \
			"$(realpath "$(command -v "qemu-$arch-static")")" "$exe" "$@"
	fi
}

cd "$scratch"
mkdir -p data lib/pkg outside
echo "hello from data" > data/note.txt
echo "secret" > outside/secret.txt
printf 'import sys\nprint("argv", sys.argv)\nprint("argdata", sys.argdata)\n' > show.py
printf 'def f():\n    return 6 * 7\n' > lib/mod42.py
printf 'NAME = "pkg"\n' > lib/pkg/__init__.py
printf 'from . import NAME\nVALUE = NAME + ".sub"\n' > lib/pkg/sub.py
printf 'import sys\nfrom pkg.sub import VALUE\nprint("main", VALUE, sys.argv[1:])\n' > lib/runme.py
printf 'print("unclosed"\n' > broken.py

for arch in $arches; do
	exe=$out/$arch-unknown-cloudabi/bin/python3
	if [ ! -x "$exe" ]; then
		not_ok "$arch: python3 is installed in the prefix" "no $exe (build.sh --without-python?)"
		continue
	fi
	ok "$arch: python3 is installed in the prefix"
	check "$arch: a static CloudABI executable (ELF OS/ABI 17)" \
		sh -c "od -An -tu1 -j7 -N1 '$exe' | grep -qw 17"

	# ---- the command line, as usual ----
	got=$(py "$arch" -- -c 'print(6 * 7)' 2>&1 || true)
	check "$arch: python3 -c runs" test "$got" = 42
	got=$(printf 'import sys\nprint(sys.platform, sys.version_info[:2])\n' | py "$arch" -- 2>&1 || true)
	check "$arch: with nothing to run, it reads the program from standard input" \
		test "$got" = "cloudabi (3, 11)"

	# ---- the flag form: the script by descriptor, the rest as arguments ----
	got=$(py "$arch" --file script=show.py --dir data=data:rw -- one "two words" 2>&1 || true)
	check "$arch flag form: sys.argv is 'script' and the arguments" \
		grep -qxF "argv ['script', 'one', 'two words']" <<< "$got"
	check "$arch flag form: sys.argdata maps the grants to descriptors" \
		grep -qxF "argdata {'script': cloudabi.fd(3), 'data': cloudabi.fd(4)}" <<< "$got"
	rm -f data/result.txt
	got=$(py "$arch" --file script="$top/tests/demo/python-demo.py" --dir data=data:rw -- 2>&1 || true)
	check "$arch demo: lists the granted directory" grep -q "holds: note.txt" <<< "$got"
	check "$arch demo: reads it" grep -q "note.txt says: hello from data" <<< "$got"
	check "$arch demo: writes into it" grep -q "Python 3.11.2" data/result.txt
	check "$arch demo: open(\"/etc/passwd\") is PermissionError (ENOTCAPABLE)" \
		grep -qF 'open("/etc/passwd"): PermissionError: [Errno 134]' <<< "$got"
	check "$arch demo: a new socket is PermissionError (ENOTCAPABLE)" \
		grep -qF 'socket.create_connection(("127.0.0.1", 80)): PermissionError: [Errno 134]' <<< "$got"

	# ---- the YAML form ----
	cat > cmd.yaml <<'Y'
%TAG ! tag:nuxi.nl,2015:cloudabi/
---
stdout: !fd stdout
command: "import sys; print(repr(sys.argdata)); print(sys.argv)"
argv: [x, "y z"]
args:
  data: !file {path: data}
  count: 3
  ratio: 0.5
  flags: [true, false, ~]
  name: "a string"
Y
	got=$(py "$arch" --config cmd.yaml -- 2>&1 || true)
	check "$arch yaml: command runs with args as sys.argdata (dict, list, fd, int, float, bool, None)" \
		grep -qxF "{'data': cloudabi.fd(3), 'count': 3, 'ratio': 0.5, 'flags': [True, False, None], 'name': 'a string'}" <<< "$got"
	check "$arch yaml: argv gives sys.argv[1:]" grep -qxF "['-c', 'x', 'y z']" <<< "$got"
	cat > mod.yaml <<'Y'
%TAG ! tag:nuxi.nl,2015:cloudabi/
---
stdout: !fd stdout
module: runme
path: !file {path: lib}
argv: [first]
Y
	got=$(py "$arch" --config mod.yaml -- 2>&1 || true)
	check "$arch yaml: a module and its package imported from a 'path' descriptor" \
		test "$got" = "main pkg.sub ['first']"
	cat > script.yaml <<'Y'
%TAG ! tag:nuxi.nl,2015:cloudabi/
---
stdout: !fd stdout
script: !file {path: show.py}
args: {answer: 42}
Y
	got=$(py "$arch" --config script.yaml -- 2>&1 || true)
	check "$arch yaml: a script by descriptor, args as sys.argdata" grep -qxF "argdata {'answer': 42}" <<< "$got"

	# ---- a working directory: relative paths beneath it, nowhere else ----
	rm -rf work && mkdir work && echo "in work" > work/w.txt
	cat > cwd.py <<'P'
import contextlib, os
try:
    os.getcwd()
except PermissionError as e:
    print("getcwd refused", e.errno)
print(sorted(os.listdir()))
with open("w.txt") as f:
    print(f.read().strip())
os.mkdir("sub")
with open("sub/new.txt", "w") as f:
    f.write("made")
os.rename("sub/new.txt", "sub/moved.txt")
print(sorted(os.listdir("sub")), os.stat("sub/moved.txt").st_size)
for p in ("../outside/secret.txt", "/etc/hostname"):
    try:
        open(p)
    except PermissionError as e:
        print("refused", p, e.errno)
with contextlib.chdir("sub"):
    print("in sub", sorted(os.listdir(".")))
print("back", sorted(os.listdir()))
os.chdir("sub")
print("chdir", sorted(os.listdir(".")))
P
	got=$(py "$arch" --file script=cwd.py --dir cwd=work:rw -- 2>&1 || true)
	check "$arch cwd: os.getcwd() is refused: the working directory has no name" grep -qxF "getcwd refused 134" <<< "$got"
	check "$arch cwd: os.listdir() lists it" grep -qxF "['w.txt']" <<< "$got"
	check "$arch cwd: open() of a relative name reads beneath it" grep -qxF "in work" <<< "$got"
	check "$arch cwd: mkdir, write, rename, stat beneath it" grep -qxF "['moved.txt'] 4" <<< "$got"
	check "$arch cwd: the file is really there" test "$(cat work/sub/moved.txt 2>/dev/null)" = made
	check "$arch cwd: '..' out of it is refused (ENOTCAPABLE)" grep -qxF "refused ../outside/secret.txt 134" <<< "$got"
	check "$arch cwd: an absolute path is refused (ENOTCAPABLE)" grep -qxF "refused /etc/hostname 134" <<< "$got"
	check "$arch cwd: contextlib.chdir() moves beneath it" grep -qxF "in sub ['moved.txt']" <<< "$got"
	check "$arch cwd: ... and comes back" grep -qxF "back ['sub', 'w.txt']" <<< "$got"
	check "$arch cwd: os.chdir() moves beneath it" grep -qxF "chdir ['moved.txt']" <<< "$got"
	got=$(py "$arch" -- -c 'open("note.txt")' 2>&1 || true)
	check "$arch no cwd: a relative name is refused too" grep -q "PermissionError: \[Errno 134\]" <<< "$got"

	# ---- what a global namespace would need is absent or refused ----
	cat > absent.py <<'P'
import os, socket, subprocess, threading
print("absent", [n for n in ("fork", "system", "execv", "getpid", "kill", "getuid", "setuid") if hasattr(os, n)])
try:
    subprocess.run(["true"])
except OSError as e:
    print("subprocess", type(e).__name__)
try:
    os.popen("true")
except OSError as e:
    print("popen", type(e).__name__)
a, b = socket.socketpair()
a.sendall(b"ping")
print("socketpair", b.recv(4))
out = []
ts = [threading.Thread(target=lambda i=i: out.append(sum(range(i * 1000)))) for i in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
print("threads", len(out))
P
	got=$(py "$arch" --file script=absent.py -- 2>&1 || true)
	check "$arch: os.fork, os.system, os.getpid, os.kill ... are absent" grep -qxF "absent []" <<< "$got"
	check "$arch: subprocess raises OSError" grep -qE "^subprocess (OSError|PermissionError)" <<< "$got"
	check "$arch: os.popen raises OSError" grep -qE "^popen (OSError|PermissionError)" <<< "$got"
	check "$arch: socket.socketpair works" grep -qxF "socketpair b'ping'" <<< "$got"
	check "$arch: threads work" grep -qxF "threads 8" <<< "$got"

	# ---- bad input: one line (a traceback for a syntax error), status not 0, nothing written ----
	before=$(find "$scratch/data" "$scratch/outside" -newer show.py | sort)
	expect_fail "$arch bad input: a script descriptor that cannot be read" "^script: can't open file 'script': \[Errno 9\]" \
		py "$arch" --file script=show.py:append -- 
	expect_fail "$arch bad input: a syntax error is Python's traceback" "SyntaxError" \
		py "$arch" --file script=broken.py -- 
	expect_fail "$arch bad input: 'cwd' that is not a directory is one line" "^python3: the grant 'cwd' is not a directory" \
		py "$arch" --file cwd=show.py -- -c pass
	printf '%s\n' '%TAG ! tag:nuxi.nl,2015:cloudabi/' --- 'script: !file {path: show.py}' 'command: "pass"' > both.yaml
	expect_fail "$arch bad input: both a script and a command" "^python3: give one of the grants" \
		py "$arch" --config both.yaml -- 
	check "$arch bad input: nothing was written outside" test "$(find "$scratch/data" "$scratch/outside" -newer show.py | sort)" = "$before"
done

# ---- the escape script: confined as root and as nobody; the host's python3 as control ----
if [[ " $arches " == *" $native "* ]] && [ -x "$out/$native-unknown-cloudabi/bin/python3" ]; then
	chmod 755 "$scratch" "$scratch/outside"
	chmod 644 "$scratch/outside/secret.txt" "$here/escape.py" 2>/dev/null || true
	cp "$here/escape.py" "$scratch/escape.py" && chmod 644 "$scratch/escape.py"
	# a listener on loopback for the connect vector, as the host's python3
	python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
while True:
    c, _ = s.accept(); c.close()
' > port.txt &
	listener=$!
	for _ in {1..50}; do [ -s port.txt ] && break; sleep 0.1; done
	port=$(cat port.txt)
	vectors=12
	control=$(python3 "$scratch/escape.py" "$scratch/outside/secret.txt" "$port" 2>&1 || true)
	n=$(grep -c ': got through$' <<< "$control" || true)
	check "escape control: each of the $vectors vectors gets through under the host's python3 ($n)" test "$n" = "$vectors"
	for who in root nobody; do
		as=()
		[ "$who" = nobody ] && as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
		got=$("${as[@]}" "$run" --file script="$scratch/escape.py" -- \
			"$out/$native-unknown-cloudabi/bin/python3" "$scratch/outside/secret.txt" "$port" 2>&1 || true)
		while IFS= read -r line; do
			vector=${line%%: *}
			case $line in
			*": blocked "*) ok "escape as $who: $vector is blocked (${line#*: blocked })" ;;
			*) not_ok "escape as $who: $vector is blocked" "$line" ;;
			esac
		done <<< "$got"
		check "escape as $who: all $vectors vectors were tried" test "$(grep -c ': blocked \|: got through' <<< "$got")" = "$vectors"
	done
	kill "$listener" 2>/dev/null || true
	wait "$listener" 2>/dev/null || true
fi

finish
