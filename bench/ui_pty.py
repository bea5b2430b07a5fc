#!/usr/bin/env python3
"""ui_pty.py NNBOOK LESSON [--training] -- times nnbook's screen through a pseudo-terminal.

Prints "ui start_ms=... key_ms_avg=... key_ms_max=... keys=N".
With --training, the first cell of LESSON (a training loop with frame())
runs while `?` (help) and `q` (back) are pressed in turn; a key's latency
is from writing it to the first screen output that shows the screen it
asked for (the help's "Moving" heading, or the notebook's "epoch" column).
Prints "ui training_key_ms_avg=... _max=... keys=N".
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


def training(fd):
    """Runs cell 1, then times + and - while it trains; returns the latencies."""
    os.write(fd, b"\r")
    buf = b""
    t0 = time.monotonic()
    while b"frame" not in ESC.sub(b"", buf) and time.monotonic() - t0 < 10:
        buf += read_some(fd, 0.2)
    lat = []
    for i in range(30):
        key, want = (b"?", b"Moving") if i % 2 == 0 else (b"q", b"epoch")
        t = time.monotonic()
        os.write(fd, key)
        seen = b""
        while time.monotonic() - t < 2:
            chunk = read_some(fd, 0.5)
            seen += chunk
            if want in ESC.sub(b"", seen):
                lat.append((time.monotonic() - t) * 1000)
                break
        time.sleep(0.05)
    os.write(fd, b"\x03")
    return lat


def main():
    nnbook, lesson = sys.argv[1], sys.argv[2]
    train = len(sys.argv) > 3 and sys.argv[3] == "--training"
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
    if train:
        lat = training(fd)
        os.write(fd, b"q")
        time.sleep(0.3)
        try:
            os.kill(pid, 15)
        except OSError:
            pass
        os.waitpid(pid, 0)
        if not lat:
            print("ui error=no-training-keys")
            return 1
        print("ui training_key_ms_avg=%.2f training_key_ms_max=%.2f keys=%d"
              % (sum(lat) / len(lat), max(lat), len(lat)))
        return 0
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
