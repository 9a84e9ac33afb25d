# Lua 5.4: its plain makefile ("make generic", ANSI C plus nothing
# platform-specific) with CC, AR and RANLIB. Debian's source package has no
# test suite (Lua's tests are a separate tarball), so the native count is 0
# and the port runs smoke checks of its own instead, through cloudabi-run:
# arithmetic, string patterns, coroutines, and io.open/io.lines/os.rename/
# os.remove beneath the granted directory; os.execute() reports no shell.
system="make"
patched="yes: io/os/package paths beneath descriptor 3; no shell, no popen"

native_tests() {
	local src=$1
	cd "$src" && make -C src -j "$jobs" generic CC=gcc >&2
	echo 0
}

cross_build() {
	local arch=$1 src=$2 t=$arch-unknown-cloudabi
	cd "$src" && make -C src -j "$jobs" generic CC="$out/bin/$t-cc" AR="$out/bin/$t-ar rcu" RANLIB="$out/bin/$t-ranlib"
}

cross_tests() {
	local arch=$1 src=$2 d n=0 t=0
	d=$(mktemp -d "$src/smoke.XXXXXX")
	cat > "$d/smoke.lua" <<'LUA'
local ok = 0
local function check(name, cond) print((cond and "ok   - " or "FAIL - ") .. name) end
check("arithmetic", 2^10 == 1024 and 7 // 2 == 3)
check("string patterns", ("key=value"):match("(%w+)=(%w+)") == "key")
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
check("coroutines", co(1) == 2 and co(5) == 10)
local f = assert(io.open("out.txt", "w")); f:write("line1\nline2\n"); f:close()
local lines = {}; for l in io.lines("out.txt") do lines[#lines + 1] = l end
check("io.open and io.lines beneath the granted directory", #lines == 2 and lines[2] == "line2")
check("os.rename", os.rename("out.txt", "moved.txt") == true)
check("os.remove", os.remove("moved.txt") == true and io.open("moved.txt") == nil)
check("an absolute path is refused", io.open("/etc/passwd") == nil)
check("os.execute() has no shell", os.execute() == false)
check("dofile beneath the granted directory", pcall(dofile, "smoke-dofile.lua") and DOFILE_RAN == true)
LUA
	echo 'DOFILE_RAN = true' > "$d/smoke-dofile.lua"
	cp "$src/src/lua" "$d/lua"
	$(runner "$arch" "$d") "$d/lua" smoke.lua >&2 || true
	# counted from the program's own lines
	$(runner "$arch" "$d") "$d/lua" smoke.lua 2>&1 | awk '/^ok/ { p++ } /^(ok|FAIL)/ { t++ } END { print p + 0, t + 0 }'
}
