"""TUI figures at scale: start-up to first frame, keystroke to painted results, peak memory.

`run(db_path, customers)` is called by `python -m bench` (bench/__main__.py). Start-up and
memory are measured on the real entry point (`comptoir --db …`) under a pseudo-terminal,
as an operator's SSH session runs it; keystroke latency in-process through Textual's
Pilot on the same database, with keys typed at a fast typist's pace.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STARTUP_RUNS = 15
# A fast typist (~100 words a minute): the search pauses between keys are real, as they
# decide whether a keystroke searches at once or waits for the typing to pause.
TYPING_INTERVAL_S = 0.12
THROTTLE_PAUSE_S = 0.3
QUERIES = ("martin", "boulan", "lyon", "dupont", "75011", "garage", "papad", "athin",
           "jansen", "utrecht", "café", "pharm", "bakker", "nikos", "info@", "06 12",
           "thess", "rouen", "sarl")  # fmt: skip
RSS_SEARCHES = ("mart", "lyon", "bakk", "papa", "garage")
ENTRY = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _figure(name: str, values: list[float]) -> dict[str, Any]:
    return {"bench": name, "runs": len(values),
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(_percentile(values, 0.95), 1)}  # fmt: skip


class TerminalSession:
    """The app's real entry point on a pseudo-terminal sized 80×24, its output drained."""

    def __init__(self, db_path: Path, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.output = bytearray()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-c", ENTRY, "--db", str(db_path), "--operator", "bench"],
            stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color", **(env or {})},
        )  # fmt: skip
        os.close(slave)

    def drain(self, seconds: float) -> None:
        """Reads what the app writes for `seconds` (or until it exits)."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:  # the app has exited and closed its side
                    return

    def wait_until_shown(self, text: bytes, timeout: float = 10.0) -> bool:
        deadline = time.perf_counter() + timeout
        while text not in self.output and time.perf_counter() < deadline:
            if self.process.poll() is not None:
                return False
            self.drain(0.05)
        return text in self.output

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            self.drain(TYPING_INTERVAL_S)

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        deadline = time.perf_counter() + timeout
        while self.process.poll() is None and time.perf_counter() < deadline:
            self.drain(0.02)
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            os.write(self.master, b"\x11")  # Ctrl+Q
            try:
                self.wait_for_exit(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        os.close(self.master)


def startup_first_frame(db_path: Path, runs: int = STARTUP_RUNS) -> dict[str, Any]:
    """From spawn to exit of an app told to quit once its first page is painted."""
    timings = []
    for _ in range(runs):
        session = TerminalSession(db_path, {"COMPTOIR_EXIT_AFTER_FIRST_PAINT": "1"})
        status = session.wait_for_exit(30)
        elapsed = (time.perf_counter() - session.started) * 1000
        session.close()
        if status != 0:
            raise RuntimeError(f"the app exited with {status}: {bytes(session.output[-500:])!r}")
        timings.append(elapsed)
    return _figure("startup_first_frame", timings)


def peak_rss_mb(db_path: Path, customers: int) -> dict[str, Any]:
    """The app's peak resident memory (VmHWM) with the list open after a few searches."""
    session = TerminalSession(db_path)
    try:
        if not session.wait_until_shown(b"C0"):
            raise RuntimeError(f"the list never showed: {bytes(session.output[-500:])!r}")
        for query in RSS_SEARCHES:
            session.type(query)
            session.drain(0.3)
            session.type("\x7f" * len(query))
        session.drain(0.5)
        status = Path(f"/proc/{session.process.pid}/status").read_text()
    finally:
        session.close()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines()
                   if line.startswith("VmHWM:"))  # fmt: skip
    return {"bench": "peak_rss_mb", "customers": customers, "value": round(peak_kb / 1024, 1),
            "unit": "MiB"}  # fmt: skip


async def _keystrokes(db_path: Path) -> list[float]:
    from textual import events

    from models.db import database
    from models.migrations import open_database
    from tui.app import ComptoirApp

    open_database(str(db_path))
    app = ComptoirApp("bench", str(db_path), mouse=False)
    timings: list[float] = []

    def press(key: str) -> None:
        # As the terminal driver does; Pilot.press() would add its own wait for the
        # process to go idle (~100 ms here) to every key.
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        assert app._driver is not None
        app._driver.send_message(event)

    try:
        async with app.run_test(size=(80, 24)):
            screen = app.screen
            await _results_painted(screen)
            for query in QUERIES:
                for char in query:
                    started, before = time.perf_counter(), screen._generation
                    press(char)
                    await _results_painted(screen, after_generation=before)
                    timings.append((time.perf_counter() - started) * 1000)
                    await asyncio.sleep(TYPING_INTERVAL_S)
                for _ in query:
                    press("backspace")
                await asyncio.sleep(THROTTLE_PAUSE_S)
                await _results_painted(screen)
    finally:
        database.close()
    return timings


async def _results_painted(screen: Any, after_generation: int = -1) -> None:
    """Until the results for what the search box says now are painted: a search newer
    than `after_generation` started, none waiting for the typing to pause, and the
    newest search's results on screen (the list screen counts its searches)."""
    while True:
        await asyncio.sleep(0.001)
        started = screen._generation > after_generation
        pending = screen._timer is not None
        if started and not pending and screen.painted_generation == screen._generation:
            return


def keystroke_to_paint(db_path: Path) -> dict[str, Any]:
    """From a key press in the search box to the table repainted with its results."""
    return _figure("keystroke_to_paint", asyncio.run(_keystrokes(db_path)))


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    return [
        startup_first_frame(db_path),
        keystroke_to_paint(db_path),
        peak_rss_mb(db_path, customers),
    ]


if __name__ == "__main__":
    import json

    for figure in run(Path(sys.argv[1]), int(sys.argv[2])):
        print(json.dumps(figure))
