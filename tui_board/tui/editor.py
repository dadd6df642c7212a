"""The card editor, on an overlay layer of the board instead of a screen of its own.

A modal screen made every add and edit lay out and draw the whole board again when it
opened and closed. On its own layer, positioned absolutely, the editor covers the bottom
of the board without changing the size of anything, so only the region it covers is
drawn again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ..i18n import t
from ..text import MAX_CARD_TEXT

Done = Callable[[str | None], None]
HEIGHT = 7
"""Rows the editor covers (border, title, input, hint)."""


class CardEditor(Vertical):
    """Type a card's text: Enter keeps it, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self) -> None:
        super().__init__(id="editor")
        self._title = Static(classes="dialog-title")
        self._input = Input(
            placeholder=t("board.editor_placeholder"), max_length=MAX_CARD_TEXT, id="card-text"
        )
        self._done: Done | None = None

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._input
        yield Static(Content(t("board.editor_hint", max=MAX_CARD_TEXT)), classes="hint")

    @property
    def is_open(self) -> bool:
        """Whether someone is typing in it."""
        return self._done is not None

    def open(self, title: str, text: str, done: Done, bottom: int) -> None:
        """Show the editor with `text` just above row `bottom`; `done` gets the result."""
        self._done = done
        self._title.update(Content(title))
        self._input.value = text
        self._input.cursor_position = len(text)
        self.styles.offset = (0, max(0, bottom - HEIGHT))
        self.display = True
        self._input.focus()

    def _close(self, result: str | None) -> None:
        done, self._done = self._done, None
        self.display = False
        if done is not None:
            done(result)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)
