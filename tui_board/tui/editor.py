"""The card editor, on an overlay layer of the board instead of a screen of its own.

A modal screen made every add and edit lay out and draw the whole board again when it
opened and closed. On its own layer, positioned absolutely, the editor covers the bottom
of the board without changing the size of anything, so only the region it covers is
drawn again.

What goes into the field is cleaned as it goes in, typed or pasted (`CardInput`): escape
sequences whole, controls and invisible characters as the rules strip them, so that the
field shows what will be saved. The hint line says how many characters are left, and when
a paste or a key goes past `MAX_CARD_TEXT`, what fits is kept and the line says so.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ..i18n import t
from ..text import MAX_CARD_TEXT, clean_typed

Done = Callable[[str | None], None]
HEIGHT = 7
"""Rows the editor covers (border, title, input, hint)."""


class CardInput(Input):
    """The field of the card editor: what is typed or pasted goes in cleaned
    (`clean_typed`), a paste whole (its lines become one paragraph, as the rules make
    them), and past `limit` characters only what fits goes in (`cut` says so)."""

    def __init__(self, limit: int, changed: Callable[[], None], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.limit = limit
        self._changed = changed
        self.cut = False
        """Whether the last thing typed or pasted did not fit whole."""
        self.nothing = False
        """Whether the last paste had nothing to show (only controls or invisible ones)."""

    def replace(self, text: str, start: int, end: int) -> None:
        start, end = sorted((max(0, start), min(len(self.value), end)))
        cleaned = clean_typed(text)
        room = max(0, self.limit - (len(self.value) - (end - start)))
        self.cut = len(cleaned) > room
        self.nothing = False
        if self.cut:
            cleaned = cleaned[:room]
        if cleaned or start != end:
            super().replace(cleaned, start, end)
        self._changed()

    def _on_paste(self, event: events.Paste) -> None:
        # Textual's Input keeps only the first line of a paste; a card is one paragraph.
        event.stop()
        event.prevent_default()  # not Input's own handler as well
        if clean_typed(event.text):
            self.replace(event.text, *self.selection)
            return
        # Nothing visible (the board cleans a paste before it comes here): say so.
        self.cut, self.nothing = False, True
        self._changed()


class CardEditor(Vertical):
    """Type a card's text: Enter keeps it, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self) -> None:
        super().__init__(id="editor")
        self._title = Static(classes="dialog-title")
        self._input = CardInput(
            MAX_CARD_TEXT,
            self._show_left,
            placeholder=t("board.editor_placeholder"),
            select_on_focus=False,  # editing goes on after the text; nothing is replaced
            id="card-text",
        )
        self._hint = Static(classes="hint")
        self._done: Done | None = None

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._input
        yield self._hint

    def on_mount(self) -> None:
        self._show_left()

    def _show_left(self) -> None:
        """Say how many characters are left, or that what came in was cut to fit."""
        field = self._input
        if field.cut:
            said = t("board.editor_cut", max=field.limit)
        elif field.nothing:
            said = t("board.editor_nothing")
        else:
            left = field.limit - len(field.value)
            said = t("board.editor_left_one") if left == 1 else t("board.editor_left", left=left)
        self._hint.update(Content(t("board.editor_hint") + " · " + said))

    @property
    def is_open(self) -> bool:
        """Whether someone is typing in it."""
        return self._done is not None

    def open(self, title: str, text: str, done: Done, bottom: int) -> None:
        """Show the editor with `text` just above row `bottom`; `done` gets the result."""
        self._done = done
        self._title.update(Content(title))
        self._input.cut = self._input.nothing = False
        self._input.value = text
        self._input.cursor_position = len(text)
        self._show_left()
        self.styles.offset = (0, max(0, bottom - HEIGHT))
        self.display = True
        # At once (`focus()` waits a turn): a key typed as soon as the editor shows must
        # land in it, after the cursor, not on the board or over a selection.
        self.screen.set_focus(self._input)

    def _close(self, result: str | None) -> None:
        done, self._done = self._done, None
        self.display = False
        if done is not None:
            done(result)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_left()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)
