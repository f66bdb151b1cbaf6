"""The yes/no question: y and Enter say yes, n and Esc say no."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Button

from screens.confirm import ConfirmScreen


class AskApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(ConfirmScreen("Discard [b]your[/b] changes?"), self.answers.append)


@pytest.mark.parametrize(
    ("key", "answer"), [("y", True), ("enter", True), ("n", False), ("escape", False)]
)
async def test_keys_answer(key: str, answer: bool) -> None:
    app = AskApp()
    async with app.run_test(size=(80, 24)) as pilot:
        # The question is shown literally, brackets included.
        assert "[b]your[/b]" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press(key)
        await pilot.pause()
        assert app.answers == [answer]


async def test_answers_can_be_named() -> None:
    app = App[None]()
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmScreen("Leave?", yes="Discard", no="Keep editing"), answers.append)
        await pilot.pause()
        assert "Discard (y)" in str(app.screen.query_one("#yes", Button).label)
        assert "Keep editing (n)" in str(app.screen.query_one("#no", Button).label)
        await pilot.press("n")
        await pilot.pause()
    assert answers == [False]
