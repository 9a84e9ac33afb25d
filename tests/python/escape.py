# Every way out a Python program has, each tried once with harmless
# arguments (a temporary file the test owns, signal 0, loopback). Prints
# one line per vector: "VECTOR: blocked EXCEPTION: message" or
# "VECTOR: got through". Run confined (tests/python/run.sh) every vector
# must be blocked; run by the host's python3 as the control, every one must
# get through.
#
# sys.argv[1] is the test's own file outside every grant; sys.argv[2] a
# loopback port where the test listens.
import os
import sys

outside = sys.argv[1]
port = int(sys.argv[2])
parent = os.path.dirname(outside)
name = os.path.basename(outside)


def attempt(vector, action):
    try:
        action()
    except Exception as e:
        print(f"{vector}: blocked {type(e).__name__}: {e}")
    else:
        print(f"{vector}: got through")


def read_by_path():
    with open(outside) as f:
        f.read()


def os_open_absolute():
    os.close(os.open(outside, os.O_RDONLY))


def os_open_dotdot():
    # as many ".." as it takes to reach / from wherever this runs, then down
    ups = "../" * 64
    os.close(os.open(ups + outside.lstrip("/"), os.O_RDONLY))


def os_system():
    if os.system(f"cat {outside} > /dev/null") != 0:
        raise OSError("the shell failed")


def run_subprocess():
    import subprocess
    subprocess.run(["cat", outside], check=True, stdout=subprocess.DEVNULL)


def connect():
    import socket
    socket.create_connection(("127.0.0.1", port), timeout=5).close()


def load_ctypes():
    import ctypes
    ctypes.CDLL(None).getpid()


def kill_init():
    os.kill(1, 0)


def read_proc_self():
    with open("/proc/self/status") as f:
        f.read()


def list_root():
    os.listdir("/")


def stat_outside():
    os.stat(outside)


def chdir_out():
    os.chdir(parent)
    with open(name) as f:
        f.read()


for vector, action in [
    ("open(path)", read_by_path),
    ("os.open(absolute)", os_open_absolute),
    ("os.open(../..)", os_open_dotdot),
    ("os.system", os_system),
    ("subprocess.run", run_subprocess),
    ("socket.connect(127.0.0.1)", connect),
    ("ctypes", load_ctypes),
    ("os.kill(1, 0)", kill_init),
    ("open(/proc/self/status)", read_proc_self),
    ("os.listdir(/)", list_root),
    ("os.stat(absolute)", stat_outside),
    ("os.chdir(absolute)", chdir_out),
]:
    attempt(vector, action)
