"""Under a real pseudo-terminal: control sequences and bidi overrides stored in customer
names never reach the operator's terminal (the headless tests cannot see raw bytes)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from peewee import Database
from tui_pilot import add_customer

ROOT = Path(__file__).resolve().parents[2]
TITLE_INJECTION = "\x1b]0;pwned\x07Evil\x1b[2J"
BIDI_OVERRIDE = "\u202eabc"
LAUNCH = (
    "import sys\n"
    "from models.migrations import open_database\n"
    "from tui.app import ComptoirApp\n"
    "open_database(sys.argv[1])\n"
    "ComptoirApp('alice', sys.argv[1], mouse=False).run(mouse=False)\n"
)


def _read(master: int, seconds: float, output: bytearray) -> None:
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([master], [], [], min(left, 0.05))
        if ready:
            try:
                output += os.read(master, 65536)
            except OSError:  # the app exited and closed the terminal
                return


def test_injected_sequences_never_reach_the_terminal(
    db: Database, db_path: Path, company: object
) -> None:
    add_customer(TITLE_INJECTION)
    add_customer(BIDI_OVERRIDE)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(db_path)],
        stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )  # fmt: skip
    os.close(slave)
    output = bytearray()
    try:
        deadline = time.monotonic() + 15
        # Until both rows are on screen (the name, sanitised, ends in "Evil"), then a bit
        # more so that any late repaint is read too.
        while time.monotonic() < deadline and not (b"Evil" in output and b"abc" in output):
            _read(master, 0.1, output)
        _read(master, 1.0, output)
        assert b"Evil" in output and b"abc" in output, bytes(output[-400:])
        assert b"\x1b]0;pwned" not in output
        assert BIDI_OVERRIDE[0].encode() not in output
        os.write(master, b"\x11")  # Ctrl+Q
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:
            _read(master, 0.1, output)
        assert process.wait(timeout=1) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
