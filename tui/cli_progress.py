"""A progress bar for long CLI work: drawn on a terminal, silent in scripts and pipes."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

# Redraw at most this often: a bar redrawn per row slows a 100k-row job down.
_INTERVAL_S = 0.1
_WIDTH = 30


class ProgressBar:
    """`bar(done, total)` redraws `label [####....] done/total` on one stderr line."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self._last_draw = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last_draw < _INTERVAL_S:
            return
        self._last_draw = now
        filled = _WIDTH * min(done, total) // max(total, 1)
        bar = "#" * filled + "." * (_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def progress_bar(label: str, stream: TextIO | None = None) -> Callable[[int, int], None] | None:
    """A bar on `stream` (stderr by default) when it is a terminal, else None: scripts
    and pipes get no carriage returns in their logs."""
    stream = stream or sys.stderr
    return ProgressBar(label, stream) if stream.isatty() else None
