"""Concurrent users through gunicorn on loopback: throughput, response times, errors, workers' memory.

Each simulated user is a logged-in session (second factor passed) of a role, fetching that role's daily mix
of pages one after the other, as fast as the server answers. Threads with http.client are enough here: the
client's share of the CPU is small next to the server's (and it is the same machine: the figures are a floor).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class User:
    """One simulated user: its session cookie and its weighted mix of URLs."""

    role: str
    cookie: str
    mix: list[tuple[str, float]]


@dataclass
class LoadResult:
    users: int
    seconds: float
    workers: int
    pages: int = 0
    errors: int = 0
    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.times[0] if self.times else 0.0
        return statistics.quantiles(self.times, n=20, method="inclusive")[18]

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def start_gunicorn(port: int, workers: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--no-control-socket", "--timeout", "120"]
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start (exit {server.returncode}); see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                if len(children(server.pid)) >= workers:
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")


def fetch(port: int, cookie: str, path: str) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def run(
    users: list[User], *, seconds: float, warmup: float, port: int, server_pid: int, workers: int
) -> LoadResult:
    """Every user fetches its mix until the time is up; the first `warmup` seconds are not counted."""
    result = LoadResult(users=len(users), seconds=seconds, workers=workers)
    lock = threading.Lock()
    begin = time.monotonic() + warmup
    end = begin + seconds
    peaks: dict[int, float] = {}

    def user_loop(user: User, seed: int) -> None:
        rng = random.Random(seed)
        paths = [p for p, _w in user.mix]
        weights = [w for _p, w in user.mix]
        while time.monotonic() < end:
            path = rng.choices(paths, weights=weights)[0]
            try:
                status, ms = fetch(port, user.cookie, path)
                ok = status < 400
            except OSError as error:
                status, ms, ok = 0, 0.0, False
                path = f"{path} ({error})"
            if time.monotonic() < begin:
                continue
            with lock:
                if ok:
                    result.pages += 1
                    result.times.append(ms)
                else:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(f"{user.role} {path}: HTTP {status}")

    threads = [threading.Thread(target=user_loop, args=(u, n), daemon=True) for n, u in enumerate(users)]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        for pid in children(server_pid):
            peaks[pid] = max(peaks.get(pid, 0.0), rss_mb(pid))
        time.sleep(0.5)
    result.rss_mb = sorted(peaks.values(), reverse=True)[:workers]
    return result


def prime(users: list[User], port: int) -> None:
    """Every user opens two of its pages once, all at the same time, uncounted: each worker then has its
    modules imported and its templates compiled, as after the first minutes of a working day."""

    def first_pages(user: User) -> None:
        for path, _weight in user.mix[:2]:
            with contextlib.suppress(OSError):
                fetch(port, user.cookie, path)

    threads = [threading.Thread(target=first_pages, args=(u,), daemon=True) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def load_test(
    users: list[User], *, seconds: float, workers: int, env: dict[str, str], log: Path
) -> LoadResult:
    port = free_port()
    server = start_gunicorn(port, workers, {**os.environ, **env}, log)
    try:
        prime(users, port)
        warmup = min(5.0, max(1.0, seconds / 10))
        return run(users, seconds=seconds, warmup=warmup, port=port, server_pid=server.pid, workers=workers)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
