# The Python demo at the end of build.sh, run as
#   cloudabi-run --file script=tests/demo/python-demo.py --dir data=DIR:rw -- python3
# It has the directory granted as "data" and nothing else.
import os
import socket
import sys

import cloudabi

data = sys.argdata["data"]
names = sorted(os.listdir(data))
print(f"  granted 'data' ({data!r}) holds: {', '.join(names)}")
with cloudabi.open(data, "note.txt") as f:
    print(f"  note.txt says: {f.read().strip()}")
with cloudabi.open(data, "result.txt", "w") as f:
    f.write(f"{len(names)} files seen by Python {sys.version.split()[0]}\n")
print("  wrote result.txt into it")

try:
    open("/etc/passwd")
except OSError as e:
    print(f'  open("/etc/passwd"): {type(e).__name__}: {e}')
try:
    socket.create_connection(("127.0.0.1", 80), timeout=2)
except OSError as e:
    print(f'  socket.create_connection(("127.0.0.1", 80)): {type(e).__name__}: {e}')
