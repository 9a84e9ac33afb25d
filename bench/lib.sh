# Shared by make bench's group scripts (source it; bench/README.md).
#
# A group script measures, appends its records to $BENCH_SAMPLES (the
# format is report.py's: a group, notes, samples, rows that could not be
# measured and why, ratios and targets) and prints its table with
# bench/report.py. bench/run.sh runs the groups and writes the results.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$top/bench
out=${CLOUDABI_PREFIX:-$top/out}
arch=$(uname -m)
work=${BENCH_WORK:-$top/build/bench}
mkdir -p "$work"
if [ -z "${BENCH_SAMPLES:-}" ]; then
	# a group run on its own: its own record, printed at the end
	BENCH_SAMPLES=$work/samples-$(basename "$0" .sh).tsv
	: > "$BENCH_SAMPLES"
fi
export BENCH_SAMPLES BENCH_WORK=$work

bench_name=$(basename "$0")
die() { printf '%s: error: %s\n' "$bench_name" "$*" >&2; exit 1; }
say() { printf '%s: %s\n' "$bench_name" "$*" >&2; }

# usage_from_header: print the script's header comment (its --help).
usage() { sed -n '2,/^[^#]/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
# A group takes no argument but --help.
no_arguments() {
	case ${1:-} in
	-h|--help) usage; exit 0 ;;
	"") ;;
	*) die "unknown argument '$1' (see --help)" ;;
	esac
}

# rounds GROUP DEFAULT: the number of alternating rounds of a group:
# BENCH_RUNS_<GROUP> (upper case), else BENCH_RUNS, else DEFAULT.
rounds() {
	local var n
	var=BENCH_RUNS_$(printf '%s' "$1" | tr '[:lower:]-' '[:upper:]_')
	n=${!var:-${BENCH_RUNS:-$2}}
	[[ $n =~ ^[1-9][0-9]*$ ]] || die "$var/BENCH_RUNS must be a positive number, not '$n'"
	echo "$n"
}

# The records (tabs separate fields; a field holds none).
clean() { # the text with tabs and newlines made spaces, this checkout's path made "."
	local s=${1//$'\t'/ }
	s=${s//$'\n'/ }
	s=${s//$top/.}
	printf '%s' "$s"
}
record() { local IFS=$'\t'; printf '%s\n' "$*" >> "$BENCH_SAMPLES"; }
group() { record G "$1" "$(clean "$2")" "$3"; }                     # NAME TITLE UNIT
note() { record I "$1" "$(clean "$2")"; }                           # GROUP TEXT
sample() { record S "$1" "$2" "$3"; }                               # GROUP ROW VALUE
rows() { local g=$1 r; shift; for r; do record D "$g" "$r"; done; }  # GROUP ROW...: their order
not_measured() { # GROUP ROW REASON: said once on stderr per row and reason
	local why
	why=$(clean "${3:-failed without a message}")
	record N "$1" "$2" "$why"
	[ "${said_row:-}" = "$2	$why" ] || say "$2: not measured: $why"
	said_row="$2	$why"
}
ratio() { record R "$@"; }                                          # GROUP LABEL NUM DEN OP TARGET
target() { record T "$@"; }                                         # GROUP LABEL ROW OP TARGET
show() { python3 "$bench/report.py" show "$BENCH_SAMPLES" "$@"; }   # GROUP...

# median GROUP ROW: the median of a row's samples so far (for a note)
median() {
	awk -F'\t' -v g="$1" -v r="$2" '$1 == "S" && $2 == g && $3 == r { print $4 }' "$BENCH_SAMPLES" | sort -g |
		awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# paired_diff GROUP ROW_A ROW_B: the median of sample i of A minus sample
# i of B (the two measured in the same round), for a note
paired_diff() {
	awk -F'\t' -v g="$1" -v a="$2" -v b="$3" '
		$1 == "S" && $2 == g && $3 == a { x[++na] = $4 }
		$1 == "S" && $2 == g && $3 == b { y[++nb] = $4 }
		END { if (na == nb) for (i = 1; i <= na; i++) print x[i] - y[i] }' "$BENCH_SAMPLES" | sort -g |
		awk '{ a[NR] = $1 } END { if (NR) print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# first_line TEXT: the first non-empty line, for a one-line reason
first_line() { printf '%s\n' "$1" | grep -v '^[[:space:]]*$' | head -n 1; }

# need FILE WHAT: stop with a one-line error when the toolchain is not built
need() { [ -e "$1" ] || die "$2 is missing ($(clean "$1")): run ./build.sh (or make bench, which builds first)"; }

# Debian's musl-gcc runs x86_64-linux-gnu-gcc unless told otherwise; gcc
# is the listed command (scripts/host-packages.txt) and the same compiler.
export REALGCC=gcc

# The host C compiler for the harness's own programs.
host_cc() { gcc -O2 -Wall -Wextra -Werror "$@"; }

# spawn_tool: build (when its source changed) and print the path of the
# start-up timer bench/spawn.c.
spawn_tool() {
	local bin=$work/spawn
	if [ ! -x "$bin" ] || [ "$bench/spawn.c" -nt "$bin" ]; then
		host_cc "$bench/spawn.c" -o "$bin.new" && mv "$bin.new" "$bin"
	fi
	echo "$bin"
}

# as_user USER COMMAND...: run COMMAND as USER (root only): nobody with the
# group nogroup and no supplementary groups; "self" runs it as is.
as_user() {
	local u=$1
	shift
	if [ "$u" = self ]; then "$@"
	else setpriv --reuid="$u" --regid=nogroup --clear-groups -- "$@"; fi
}

# ours_cc: this toolchain's C compiler for this machine
ours_cc() { echo "$out/bin/$arch-unknown-cloudabi-cc"; }
ours_cxx() { echo "$out/bin/$arch-unknown-cloudabi-c++"; }

# wasi_cc / wasi_cxx: clang-19 for WASI with Debian's wasi-libc (and libc++)
wasi_cc() { clang-19 --target=wasm32-wasi -O2 "$@"; }
wasi_cxx() { clang++-19 --target=wasm32-wasi -O2 "$@"; }
# node_flags: Node.js's flags for WASI (before Node 20 it needs one to
# enable it); node_wasi DIR: the command that runs DIR/wasi-run.mjs
node_flags() {
	local major
	major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
	if [ "$major" -lt 20 ]; then echo "--no-warnings --experimental-wasi-unsafe-preview1"
	else echo "--no-warnings"; fi
}
node_wasi() { echo "node $(node_flags) $1/wasi-run.mjs"; }

# The wall and the CPU table of a group get the same row: both samples,
# or both "not measured" with one reason.
sample_both() { sample "$1" "$2" "$3"; sample "$1-cpu" "$2" "$4"; }
not_measured_both() { not_measured "$1" "$2" "$3"; not_measured "$1-cpu" "$2" "$3"; }
