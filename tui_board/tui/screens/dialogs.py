"""Modal screens: the card editor, the delete confirmation and the help screen."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_board.core.i18n import t
from tui_board.core.model import Session
from tui_board.tui.keys import BY_ID, KEYS, Key, display, keys_of, written
from tui_board.tui.screens.instruments import reflex_legend
from tui_board.tui.widgets.flow import FlowInput, settle


class ConfirmDelete(ModalScreen[bool]):
    """Ask before a card is deleted."""

    BINDINGS = [
        Binding("j,y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, card_text: str) -> None:
        super().__init__()
        self._card_text = card_text

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Content(t("board.confirm_delete")), classes="dialog-title")
            yield Static(Content(self._card_text), classes="quote")
            yield Static(Content(t("board.confirm_keys")), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class HelpScreen(ModalScreen[None]):
    """Every key this person can use here (now or in a later phase), the session's
    questions and its spelregels."""

    BINDINGS = [Binding("escape,question_mark,q", "close", show=False)]

    def __init__(self, session: Session, keys: Sequence[Key] = KEYS) -> None:
        super().__init__()
        self._session = session
        self._keys = list(keys)
        # The key that opened help closes it too, also when it is your own (keymap.py).
        self._bindings.bind(",".join(keys_of(BY_ID["help"])), "close", show=False)

    def compose(self) -> ComposeResult:
        width = max(len(display(k)) for k in self._keys) + 2
        parts: list[str | tuple[str, str]] = []
        for key in self._keys:
            rows = [(display(key).ljust(width), "bold"), (t(key.long) + "\n", "")]
            parts.extend(rows)
        if self._session.questions:
            parts.append(("\n" + t("board.help_questions") + "\n", "bold underline"))
            parts.extend(f"• {q}\n" for q in self._session.questions)
        if self._session.spelregels:
            parts.append(("\n" + t("board.help_spelregels") + "\n", "bold underline"))
            parts.extend(f"{n}. {r}\n" for n, r in enumerate(self._session.spelregels, 1))
        parts.extend(reflex_legend(self._session))
        with Vertical(id="help", classes="dialog"):
            yield Static(Content(t("board.help_title")), classes="dialog-title")
            with VerticalScroll():
                yield Static(Content.assemble(*parts))
            yield Static(Content(t("board.help_close", press=written("help"))), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class TimerAsk(ModalScreen[int | None]):
    """Ask how many minutes the timer runs: Enter starts it, Escape cancels.

    The 5 starts selected: a typed number replaces it. Keys typed fast all land in order
    (flow.py): Backspace, a digit and Enter in one burst start the timer on that digit."""

    BINDINGS = [
        Binding("escape", "cancel", show=False, priority=True),
        Binding("enter", "start", show=False, priority=True),
    ]
    AUTO_FOCUS = "#minutes"

    def compose(self) -> ComposeResult:
        with Vertical(id="timer-ask", classes="dialog"):
            yield Static(Content(t("room.timer_ask")), classes="dialog-title")
            yield FlowInput(value="5", type="integer", max_length=3, id="minutes")
            yield Static(Content(t("room.timer_hint")), classes="hint")

    async def action_start(self) -> None:
        field = self.query_one("#minutes", Input)
        await settle([field])
        try:
            minutes = int(field.value)
        except ValueError:
            minutes = 0
        if minutes <= 0:
            self.notify(t("room.timer_bad"), severity="warning")
            return
        self.dismiss(minutes)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LineAsk(ModalScreen[str | None]):
    """Ask for one line of text (a cluster title, a note): Enter keeps it, Escape cancels.

    A given value starts selected: typing replaces it, an arrow key keeps it to change."""

    BINDINGS = [
        Binding("escape", "cancel", show=False, priority=True),
        Binding("enter", "keep", show=False, priority=True),
    ]
    AUTO_FOCUS = "#line"

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self._question = question
        self._value = value
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="line-ask", classes="dialog"):
            yield Static(Content(self._question), classes="dialog-title")
            yield FlowInput(value=self._value, max_length=200, id="line", select_on_focus=True)
            yield Static(Content(self._hint or t("screen.line_hint")), classes="hint")

    async def action_keep(self) -> None:
        field = self.query_one("#line", Input)
        await settle([field])
        self.dismiss(field.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SpelregelsEditor(ModalScreen[tuple[str, ...] | None]):
    """Edit the session's spelregels, one per line: ctrl+s keeps them, Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+s", "keep", show=False, priority=True),
    ]

    def __init__(self, rules: tuple[str, ...]) -> None:
        super().__init__()
        self._rules = rules

    def compose(self) -> ComposeResult:
        with Vertical(id="rules-edit", classes="dialog"):
            yield Static(Content(t("room.spelregels_edit")), classes="dialog-title")
            # TextArea loads only when someone edits the spelregels (it weighs ~1 MiB).
            from textual.widgets import TextArea

            yield TextArea("\n".join(self._rules), id="rules-text", soft_wrap=True)
            yield Static(Content(t("room.spelregels_edit_hint")), classes="hint")

    def action_keep(self) -> None:
        from textual.widgets import TextArea

        text = self.query_one(TextArea).text
        self.dismiss(tuple(line.strip() for line in text.splitlines() if line.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class EndedScreen(ModalScreen[None]):
    """The last word of a live board: the session stopped, or the seat went elsewhere.

    The board stops trying to reconnect; any key closes it.
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self._message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="ended", classes="dialog"):
            yield Static(Content(self._message), classes="dialog-title")
            yield Static(Content(t("board.ended_keys")), classes="hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)
