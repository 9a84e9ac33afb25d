# Read one of the archive's indices (a Sources or a Packages file) and
# print a line for every file each of its stanzas lists:
#   PACKAGE VERSION ARCH URI SHA256 DEPENDS FILE
# base is the repository's URI (apt-get indextargets' REPO_URI). Used by
# scripts/lib-apt.sh.
function flush(   i, n, parts, f) {
	if (pkg != "") {
		if (filename != "")               # a binary package: one file
			emit(base filename, sha, arch)
		for (i = 1; i <= nsrc; i++) {     # a source package: each file
			split(srcfiles[i], parts, " ")
			f = directory == "" ? parts[3] : directory "/" parts[3]
			emit(base f, parts[1], "source")
		}
	}
	pkg = version = arch = filename = sha = directory = ""
	depends = "-"
	nsrc = 0; insums = 0
}
# apt quotes "+" in the paths it asks for; some servers read a bare "+"
# as a space.
function emit(uri, sum, a,   name) {
	name = uri
	sub(/.*\//, "", name)
	gsub(/\+/, "%2b", uri)
	sub(/^\.\//, "", uri)
	gsub(/\/\.\//, "/", uri)
	print pkg, version, a, uri, sum, depends, name
}
BEGIN { flush() }
/^$/ { flush(); next }
/^[ \t]/ {
	if (insums) srcfiles[++nsrc] = $0
	next
}
{ insums = 0 }
/^Package:/ { pkg = $2; next }
/^Version:/ { version = $2; next }
/^Architecture:/ { arch = $2; next }
/^Filename:/ { filename = $2; next }
/^SHA256:/ { sha = $2; next }
/^Directory:/ { directory = $2; next }
/^Checksums-Sha256:/ { insums = 1; next }
/^Depends:/ {
	d = $0
	sub(/^Depends:[ \t]*/, "", d)
	sub(/[ ,(|].*/, "", d)
	if (d != "") depends = d
	next
}
END { flush() }
