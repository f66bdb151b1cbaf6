"""The command palette (Ctrl+P): every action of the app and of the current screen, by
name, with a line of help that names its key. An action missing here does not exist.

The app and each screen list their own commands through `palette_commands()`; this
provider only gathers and matches them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    name: str
    callback: Callable[[], Any]
    help: str


@runtime_checkable
class HasCommands(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


class ComptoirCommands(Provider):
    def commands(self) -> list[PaletteCommand]:
        """The screen's own commands first, then the app's."""
        found: list[PaletteCommand] = []
        for source in (self.screen, self.app):
            if isinstance(source, HasCommands):
                found += source.palette_commands()
        return found

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.name, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.name), command.callback, help=command.help
                )
