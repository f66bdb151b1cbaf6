"""Binding descriptions in the operator's language.

Textual merges a class's BINDINGS when the class is defined, at import time, before the
CLI has installed the language; each instance then gets its own copy of that map. So the
descriptions are marked with `N_()` where declared and translated here, per instance, when
a screen is built: the footer, the help screen and Textual's own key panel all read the
instance's map and so show the translated text.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from models.i18n import _

ResultType = TypeVar("ResultType")


def translate_bindings(node: DOMNode) -> None:
    """Replaces `node`'s bindings by copies with translated descriptions and tooltips.
    The lists are rebuilt, never edited in place: they are shared with the class."""
    key_map = node._bindings.key_to_bindings
    for key, bindings in list(key_map.items()):
        key_map[key] = [
            dataclasses.replace(
                binding,
                description=_(binding.description) if binding.description else "",
                tooltip=_(binding.tooltip) if binding.tooltip else "",
            )
            for binding in bindings
        ]


class TranslatedScreen(Screen[ResultType]):
    """A screen whose binding descriptions are shown in the operator's language."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        translate_bindings(self)

    @property
    def app_operator(self) -> str:
        """Who is at the keyboard (recorded on every change)."""
        return str(getattr(self.app, "operator", ""))


class TranslatedModal(ModalScreen[ResultType]):
    """A modal screen whose binding descriptions are shown in the operator's language."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        translate_bindings(self)
