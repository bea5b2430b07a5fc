#!/usr/bin/env python3
"""ui_pty.py NNBOOK LESSON -- times nnbook's screen through a pseudo-terminal.

Prints "ui start_ms=... key_ms_avg=... key_ms_max=... keys=N".
start: from fork to the first full screen (the status bar's kernel state
is on it); key: from writing a key (j / k, moving between cells) to the
last byte of the screen update it causes.  The terminal is 80x24, TERM
xterm-256color, a UTF-8 locale.  Only the standard library is used.
"""
import fcntl, os, pty, re, select, struct, sys, termios, time

ESC = re.compile(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78MDEHc]|\][^\x07]*\x07)")


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.execve(argv[0], argv, env)
    return pid, fd


def read_some(fd, timeout):
    r, _, _ = select.select([fd], [], [], timeout)
    if not r:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""


def main():
    nnbook, lesson = sys.argv[1], sys.argv[2]
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    t0 = time.monotonic()
    pid, fd = spawn([nnbook, lesson], env)
    buf = b""
    start = None
    while time.monotonic() - t0 < 10:
        chunk = read_some(fd, 0.5)
        buf += chunk
        if b"idle" in ESC.sub(b"", buf):
            start = time.monotonic() - t0
            break
    # let the first screen settle
    while read_some(fd, 0.2):
        pass
    lat = []
    for i in range(40):
        key = b"j" if i % 2 == 0 else b"k"
        t = time.monotonic()
        os.write(fd, key)
        last = None
        while True:
            chunk = read_some(fd, 0.05)
            if not chunk:
                break
            last = time.monotonic()
        if last is not None:
            lat.append((last - t) * 1000)
    os.write(fd, b"q")
    time.sleep(0.2)
    try:
        os.kill(pid, 15)
    except OSError:
        pass
    os.waitpid(pid, 0)
    if start is None or not lat:
        print("ui error=no-screen")
        return 1
    print("ui start_ms=%.1f key_ms_avg=%.2f key_ms_max=%.2f keys=%d"
          % (start * 1000, sum(lat) / len(lat), max(lat), len(lat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
