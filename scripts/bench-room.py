#!/usr/bin/env python3
# The served room under load (issue 15, item 9; DESIGN §8): `entangled serve` with ten human
# delegations, the facilitator and five projector sessions, every one a stock OpenSSH client on
# loopback under a pseudo-terminal of its own, all pressing keys at once. Measures
# keystroke-to-redraw (from writing an arrow key into a client's terminal to the first byte of the
# redraw coming back out of it: client, SSH, door, room and ncurses included), the host's resident
# memory, and how long a turn takes to resolve and reach all ten delegations once the last one
# is released. Numbers go into docs/performance.md; nothing here is a test.
#
# Needs python3 (standard library only), ssh and sshpass.
# Usage: swift build -c release && python3 scripts/bench-room.py [--binary .build/release/entangled]
#        [--seconds 30] [--delegations 10] [--projectors 5]
import argparse, fcntl, json, os, pty, random, select, signal, struct, subprocess, sys, tempfile, termios, time

BLOCS = ["US", "EU", "CN", "UK", "JP", "KR", "IN", "CA", "AU", "RU"]

def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]

class Seat:
    """One ssh client under its own pseudo-terminal."""
    def __init__(self, name, port, user, code, cols, rows):
        self.name, self.user = name, user
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.execvp("sshpass", ["sshpass", "-p", code, "ssh", "-p", str(port),
                                  "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                                  "-o", "LogLevel=ERROR", "-o", "PubkeyAuthentication=no",
                                  f"{user}@127.0.0.1"])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.set_blocking(self.fd, False)
        self.received = bytearray()
        self.last_output = 0.0
        self.pressed_at = None
        self.next_press = 0.0
        self.up = False
        self.latencies = []
        self.unanswered = 0

    def read(self, now):
        try:
            data = os.read(self.fd, 65536)
        except (BlockingIOError, OSError):
            return b""
        if data:
            self.received += data
            self.last_output = now
        return data

    def press(self, key, now):
        os.write(self.fd, key)
        self.pressed_at = now

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/entangled")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--delegations", type=int, default=10)
    ap.add_argument("--projectors", type=int, default=5)
    args = ap.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-room-")
    humans = BLOCS[: args.delegations]
    host = subprocess.Popen([args.binary, "serve", "--human", *humans, "--facilitator", "--format", "json",
                             "--port", "0", "--listen", "127.0.0.1", "--save-dir", folder],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = json.loads(host.stdout.readline())
    port = first["port"]
    codes = {s["user"]: s["code"] for s in first["seats"]}

    seats = [Seat(b, port, b.lower(), codes[b.lower()], 100, 30) for b in humans]
    seats.append(Seat("FACILITATOR", port, "facilitator", codes["facilitator"], 120, 40))
    projectors = [Seat(f"PROJECTOR{i+1}", port, "projector", codes["projector"], 160, 48) for i in range(args.projectors)]
    everyone = seats + projectors
    by_fd = {s.fd: s for s in everyone}

    rss_peak = 0
    def sample_rss():
        nonlocal rss_peak
        try:
            with open(f"/proc/{host.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss_peak = max(rss_peak, int(line.split()[1]))
        except OSError:
            pass

    def pump(until, on_data=None):
        while True:
            now = time.monotonic()
            if now >= until:
                return
            r, _, _ = select.select(list(by_fd), [], [], min(0.05, until - now))
            now = time.monotonic()
            for fd in r:
                seat = by_fd[fd]
                data = seat.read(now)
                if data and on_data:
                    on_data(seat, data, now)

    # Everyone connects and draws a first screen.
    start = time.monotonic()
    pump(start + 8)
    sample_rss()
    rss_connected = rss_peak
    silent = [s.name for s in everyone if not s.received]
    if silent:
        print("no screen from:", ", ".join(silent), file=sys.stderr)

    # Load: every seat opens and closes its quit question (q, then n: each a redraw of part of the
    # screen) at a brisk typing pace (a key every 50–250 ms after its redraw);
    # a redraw is the first output after the key. Projectors press too (their keys change nothing).
    random.seed(1)
    t_end = time.monotonic() + args.seconds
    for s in everyone:
        s.next_press = time.monotonic() + random.uniform(0, 0.25)
    last_rss = 0.0
    while time.monotonic() < t_end:
        now = time.monotonic()
        for s in everyone:
            if s.pressed_at is None and now >= s.next_press:
                s.press(b"n" if s.up else b"q", now)
                s.up = not s.up
            elif s.pressed_at is not None and now - s.pressed_at > 2.0:
                s.unanswered += 1
                s.pressed_at = None
                s.next_press = now + random.uniform(0.05, 0.25)
        r, _, _ = select.select(list(by_fd), [], [], 0.005)
        now = time.monotonic()
        for fd in r:
            s = by_fd[fd]
            if s.pressed_at is None:
                s.read(now)
                continue
            mark = len(s.received)
            s.read(now)
            # q is timed to the frame that draws the question (other seats' changes may arrive
            # first and are not counted); n is answered by any output.
            asked_quit = s.up
            if (asked_quit and b"Quit" in s.received[max(0, mark - 8):]) or (not asked_quit and len(s.received) > mark) \
                    or (s in projectors and len(s.received) > mark):
                if asked_quit and s not in projectors:
                    s.latencies.append(now - s.pressed_at)
                s.pressed_at = None
                s.next_press = now + random.uniform(0.05, 0.25)
        if now - last_rss > 0.5:
            sample_rss(); last_rss = now
    pump(time.monotonic() + 1)
    measured = [l for s in seats for l in s.latencies]
    projector_answers = sum(len(s.latencies) for s in projectors)

    # A turn with ten seats: every delegation closes its question, passes its briefing and seals;
    # then the facilitator releases. Timed from the release to the first frame on each delegation
    # (the room resolves the turn before it draws anything after that key).
    for s in everyone:
        if s.up:
            os.write(s.fd, b"n")
    pump(time.monotonic() + 1)
    for s in seats[:-1]:
        os.write(s.fd, b"\r")
    pump(time.monotonic() + 1)
    for s in seats[:-1]:
        os.write(s.fd, b"e"); time.sleep(0.05); os.write(s.fd, b"y")
    pump(time.monotonic() + 3)
    fac = seats[-1]
    os.write(fac.fd, b"e"); pump(time.monotonic() + 0.5)
    marks = {s.name: len(s.received) for s in seats}
    released = time.monotonic()
    os.write(fac.fd, b"y")
    arrived = {}
    def watch(seat, data, now):
        if seat in seats[:-1] and seat.name not in arrived:
            arrived[seat.name] = now - released
    pump(released + 20, watch)
    sample_rss()
    resolved = any("2025-Q2" in f for f in os.listdir(folder))

    result = {
        "delegations": len(humans), "projectors": len(projectors), "seconds": args.seconds,
        "keystrokes": len(measured),
        "keystrokeToRedrawMs": {"p50": round(percentile(measured, 50) * 1000, 2),
                                "p99": round(percentile(measured, 99) * 1000, 2),
                                "max": round(max(measured) * 1000, 2) if measured else None},
        "unanswered": sum(s.unanswered for s in seats),
        "projectorKeysAnswered": projector_answers,
        "hostRSSMB": {"connected": round(rss_connected / 1024, 1), "peak": round(rss_peak / 1024, 1)},
        "turnResolved": resolved,
        "turnResolutionToAllSeatsMs": round(max(arrived.values()) * 1000, 1) if resolved and len(arrived) == len(humans) else None,
    }
    print(json.dumps(result, indent=2))

    host.send_signal(signal.SIGTERM)
    try:
        host.wait(timeout=20)
    except subprocess.TimeoutExpired:
        host.kill()
    for s in everyone:
        try:
            os.kill(s.pid, signal.SIGTERM)
            os.waitpid(s.pid, 0)
        except OSError:
            pass

if __name__ == "__main__":
    main()
