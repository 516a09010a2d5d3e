#!/usr/bin/env python3
"""notify-listen.py SOCKET OUT [HOST:PORT|/PATH] - stand in for systemd's
notify socket: bind a unix datagram socket at SOCKET (mode 0777, so a
daemon that runs as another user may send), and append each message to
OUT as one line, its fields separated by spaces, then the sender's pid
("pid=N", from SCM_CREDENTIALS). When a message holds READY=1 and an
endpoint is given, try to connect to it at once and add "connect=ok" or
"connect=fail". Stops after STOPPING=1 or 120 seconds."""
import os
import socket
import struct
import sys
import time

path, out = sys.argv[1], sys.argv[2]
target = sys.argv[3] if len(sys.argv) > 3 else None


def can_connect():
    try:
        if target.startswith("/"):
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.settimeout(2)
            c.connect(target)
        else:
            host, port = target.rsplit(":", 1)
            c = socket.create_connection((host, int(port)), timeout=2)
        c.close()
        return "connect=ok"
    except OSError as e:
        return "connect=fail(%s)" % e


s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
s.bind(path + ".tmp")
os.chmod(path + ".tmp", 0o777)
os.rename(path + ".tmp", path)
s.settimeout(1)
end = time.time() + 120
while time.time() < end:
    try:
        data, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(12))
    except socket.timeout:
        continue
    pid = "pid=?"
    for level, kind, cdata in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            pid = "pid=%d" % struct.unpack("iII", cdata[:12])[0]
    fields = data.decode("utf-8", "replace").split("\n")
    line = " ".join(f for f in fields if f)
    if "READY=1" in fields and target:
        line += " " + can_connect()
    with open(out, "a") as f:
        f.write(line + " " + pid + "\n")
    if "STOPPING=1" in fields:
        break
