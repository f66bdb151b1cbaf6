"""argparse pieces the command groups share."""

from __future__ import annotations

import argparse
from typing import Any


class InOrder(argparse.Action):
    """Appends (const, value) to the option's destination, so that several options
    sharing one destination (`--item`, `--line`; `--item`, `--price`, `--discount`) keep
    the order they were typed in."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        found = list(getattr(namespace, self.dest, None) or [])
        found.append((self.const, values))
        setattr(namespace, self.dest, found)
