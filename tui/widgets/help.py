"""F1 / `?`: every key of the screen underneath (the footer shows only a few), with an
optional paragraph the screen supplies."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from models.i18n import N_, _
from tui.widgets.translated import TranslatedModal


def _declared_actions(node: DOMNode) -> set[str]:
    """Actions bound by Comptoir's own classes; Textual's widget keys (cursor moves in a
    table, editing keys in an input) are left out of the help, as every app has them."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if cls.__module__.split(".")[0] in ("tui", "screens"):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                actions.add(binding.action)
    return actions


def key_lines(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding of Comptoir active on `screen`,
    keys of one action joined, in the order the screen declares them."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not binding.description or binding.action not in _declared_actions(node):
            continue
        keys, _text = by_action.setdefault(binding.action, ([], binding.description))
        display = screen.app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [(", ".join(keys), text) for keys, text in by_action.values()]


class HelpScreen(TranslatedModal[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", N_("Close"))]

    def __init__(self, title: str, intro: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.intro = intro
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _d in self.keys), default=0) + 2
        lines = Content("\n").join(
            Content.assemble((keys.ljust(width), "bold"), text) for keys, text in self.keys
        )
        with Vertical(id="help-box"):
            yield Static(Content(self.help_title), id="help-title")
            with VerticalScroll(id="help-body"):
                if self.intro:
                    yield Static(Content(self.intro), id="help-intro")
                yield Static(lines, id="help-keys")
            yield Static(Content(_("Esc closes this help.")), id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
