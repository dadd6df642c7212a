"""The card editor, on an overlay layer of the board instead of a screen of its own.

A modal screen made every add and edit lay out and draw the whole board again when it
opened and closed. On its own layer, positioned absolutely, the editor covers the bottom
of the board without changing the size of anything, so only the region it covers is
drawn again. It stays in the layout while closed, only invisible (`visibility`, not
`display`): Textual numbers the widgets in drawing order, and an editor that came and went
from the layout renumbered every widget under it, so that its opening, Enter and Escape
each redrew the whole screen (some 15 KB over SSH) instead of the rows it covers.

What goes into the field is cleaned as it goes in, typed or pasted (`CardInput`): escape
sequences whole, controls and invisible characters as the rules strip them, so that the
field shows what will be saved. A card may hold lines: ctrl+j (the line feed a terminal
sends for it, in tmux, over SSH and in the browser alike) or alt+enter starts a new line,
and Enter saves. The field grows with its lines up to `MAX_ROWS` rows. The hint line under
it gives the keys; the field's bottom border says how many characters are left, and when a
paste or a key goes past `MAX_CARD_TEXT`, what fits is kept and the border says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TextArea
from textual.widgets.text_area import EditResult, Location

from tui_board.core.i18n import t
from tui_board.core.text import MAX_CARD_TEXT, clean_typed_lines
from tui_board.tui.keys import key_name


@dataclass(frozen=True, slots=True)
class NewCard:
    """What the editor writes: a new card in `theme`, answering problem `answers` (a
    proposal), written for `person` (the notulist), or neither."""

    theme: str
    answers: str = ""
    person: str = ""


@dataclass(frozen=True, slots=True)
class CardText:
    """What the editor writes: the new text of card `card_id`."""

    card_id: str


Writing = NewCard | CardText
"""What the card editor is open for (`CardEditor.Done` carries it back)."""

MAX_ROWS = 4
"""The most rows the field grows to; a longer text scrolls inside it."""
FRAME = 6
"""Rows the editor covers besides the field's text (border, title, field border, hint)."""
NEWLINE_KEYS = ("ctrl+j", "alt+enter", "shift+enter")
"""Keys that start a new line: ctrl+j works in every terminal (it sends a line feed);
alt+enter and shift+enter where the terminal tells them apart from Enter."""


class CardInput(TextArea):
    """The field of the card editor: what is typed or pasted goes in cleaned
    (`clean_typed_lines`), a paste whole with its lines, and past `limit` characters only
    what fits goes in (`cut` says so). Enter calls `submit`; a key of `NEWLINE_KEYS` starts a
    new line."""

    def __init__(
        self,
        limit: int,
        changed: Callable[[], None],
        submit: Callable[[], None],
        **kwargs: object,
    ) -> None:
        super().__init__(highlight_cursor_line=False, **kwargs)  # type: ignore[arg-type]
        self.limit = limit
        self._changed = changed
        self._submit = submit
        self.taking = False
        """Whether the field takes keys: from the editor's opening until Enter or Escape."""
        self.cut = False
        """Whether the last thing typed or pasted did not fit whole."""
        self.nothing = False
        """Whether the last paste had nothing to show (only controls or invisible ones)."""
        self.typed_at = 0.0
        """When the last key came (time.monotonic): others' cards wait for a pause."""

    @property
    def value(self) -> str:
        """The text in the field."""
        return self.text

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        cleaned = clean_typed_lines(insert)
        top, bottom = sorted((start, end))
        room = max(0, self.limit - (len(self.text) - len(self.get_text_range(top, bottom))))
        self.cut = len(cleaned) > room
        self.nothing = False
        if self.cut:
            cleaned = cleaned[:room]
        result = None
        if cleaned or top != bottom:
            result = super()._replace_via_keyboard(cleaned, start, end)
        self._changed()
        return result

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        self.cut = self.nothing = False  # what was cut is no longer the news
        return super()._delete_via_keyboard(start, end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.taking and super().check_action(action, parameters)

    async def _on_key(self, event: events.Key) -> None:
        self.typed_at = time.monotonic()
        if not self.taking:
            event.prevent_default()  # closed, not yet hidden: nothing more goes in
        elif event.key == "enter":
            event.stop()
            event.prevent_default()  # not TextArea's own line break
            self._submit()
        elif event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self._replace_via_keyboard("\n", *self.selection)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        if not self.taking:
            event.prevent_default()
            return
        if not clean_typed_lines(event.text).strip():
            # Nothing visible (the board cleans a paste before it comes here): say so.
            event.prevent_default()  # not TextArea's own handler as well
            self.cut, self.nothing = False, True
            self._changed()


class CardEditor(Vertical):
    """Type a card's text: Enter keeps it, Escape cancels; either way the editor closes and
    posts `Done` with what it was open for (the board's screen makes it an op, and `hide`s
    the editor)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    class Done(Message):
        """The editor closed: `text` for `writing`, or None when it was cancelled."""

        def __init__(self, writing: Writing, text: str | None) -> None:
            super().__init__()
            self.writing = writing
            self.text = text

    def __init__(self) -> None:
        super().__init__(id="editor")
        self._title = Static(classes="dialog-title")
        self._input = CardInput(
            MAX_CARD_TEXT,
            self._show_left,
            self._submit,
            placeholder=t("board.editor_placeholder"),
            id="card-text",
        )
        self._hint = Static(classes="hint")
        self._writing: Writing | None = None
        self._bottom = 0
        self._rows = 1

    def compose(self) -> ComposeResult:
        yield self._title
        yield self._input
        yield self._hint

    def on_mount(self) -> None:
        self._hint.update(Content(t("board.editor_hint", newline=key_name("ctrl+j"))))
        self._show_left()

    def _show_left(self) -> None:
        """Say how many characters are left, or that what came in was cut to fit, and give
        the field as many rows as its text has lines (up to `MAX_ROWS`)."""
        field = self._input
        self._fit()
        if field.cut:
            said = t("board.editor_cut", max=field.limit)
        elif field.nothing:
            said = t("board.editor_nothing")
        else:
            left = field.limit - len(field.value)
            said = t("board.editor_left_one") if left == 1 else t("board.editor_left", left=left)
        field.border_subtitle = said

    def _fit(self) -> None:
        field = self._input
        if field.size.width:  # laid out: the wrapped lines are known
            rows = field.wrapped_document.height
        else:
            rows = field.text.count("\n") + 1
        rows = max(1, min(MAX_ROWS, rows))
        if rows == self._rows:
            return
        self._rows = rows
        field.styles.height = rows + 2
        self.styles.height = FRAME + rows
        self.styles.offset = (0, max(0, self._bottom - FRAME - rows))

    @property
    def typed_at(self) -> float:
        """When the last key was typed in the field (time.monotonic)."""
        return self._input.typed_at

    @property
    def is_open(self) -> bool:
        """Whether someone is typing in it."""
        return self._writing is not None

    def open(self, title: str, text: str, writing: Writing, bottom: int) -> None:
        """Show the editor with `text` just above row `bottom`, for `writing`."""
        self._writing = writing
        self._input.taking = True
        self._title.update(Content(title))
        self._input.cut = self._input.nothing = False
        self._input.typed_at = time.monotonic()  # opening it is the first key
        self._bottom = bottom
        self._rows = 0  # fitted anew
        self._input.load_text(text)
        self._input.move_cursor(self._input.document.end)
        self._show_left()
        self.visible = True
        # At once (`focus()` waits a turn): a key typed as soon as the editor shows must
        # land in it, after the cursor, not on the board or over a selection.
        self.screen.set_focus(self._input)

    def _close(self, result: str | None) -> None:
        writing, self._writing = self._writing, None
        self._input.taking = False
        if writing is None:
            self.visible = False
        else:
            # The editor stays on screen as it is until the board takes the text and
            # `hide`s it: the closed editor and the new card show in one frame.
            self.post_message(self.Done(writing, result))

    def hide(self) -> None:
        """Take the closed editor off the board (the board does, when it takes the text)."""
        if not self.is_open:  # (not when a key since has opened it again)
            self.visible = False

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._show_left()

    def _submit(self) -> None:
        self._close(self._input.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.is_open  # Escape: only while it is open

    def action_cancel(self) -> None:
        self._close(None)
