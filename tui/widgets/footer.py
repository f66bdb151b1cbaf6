"""The footer of every screen. Textual's rebuilds all its keys each time a screen says
its bindings may have changed — on every keystroke in some forms, as each answer of a
live check refreshes them — and that rebuild costs a layout of the whole screen. This one
rebuilds only when the keys it shows did change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: Any = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = self._shown_keys(screen)
        if shown == self._shown and self._bindings_ready:
            return
        if screen.app.app_focus:  # else Textual's skips the rebuild: it is still to do
            self._shown = shown
        super().bindings_changed(screen)

    def _shown_keys(self, screen: Screen[Any]) -> tuple[Any, ...]:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
