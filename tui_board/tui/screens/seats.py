"""Choosing a seat (or someone waiting in the lobby) and asking once more, with the
sentences that tell two seats apart."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_board.core.i18n import t
from tui_board.core.model import Participant, Role, Session
from tui_board.core.seats import footprint
from tui_board.core.text import clean_text
from tui_board.entrances.ways import newcomer_words
from tui_board.tui.widgets.room import clock

if TYPE_CHECKING:
    from tui_board.live.protocol import Newcomer


def _count(key: str, number: int) -> str:
    return t(f"{key}.one" if number == 1 else key, count=number)


def lobby_label(newcomer: Newcomer, now: dt.datetime) -> str:
    """ "Noor (GGD) · vanaf 192.0.2.7 · wacht 01:05": who, from where, how long."""
    name, details = newcomer_words(newcomer)
    seconds = int((now - newcomer.since).total_seconds())
    return t(
        "lobby.label",
        name=name,
        details=details or "—",
        address=clean_text(newcomer.address) or "?",
        time=clock(seconds),
    )


def seat_label(session: Session, person: Participant, online: set[str] | None) -> str:
    """ "Ingrid Ünal (Gemeente Tiel, weg, 2 kaarten)": enough to tell two seats apart."""
    details = [clean_text(person.organisation)] if clean_text(person.organisation) else []
    if online is not None:
        details.append(t("board.online") if person.id in online else t("board.away"))
    if person.role is not Role.PARTICIPANT:
        details.append(t(f"room.role.{person.role.value}"))
    holds = footprint(session, person.id)
    for what in ("cards", "dots", "answers"):
        if what in holds:
            details.append(_count(f"seats.{what}", holds[what]))
    for what in ("evaluation", "confirmed"):
        if what in holds:
            details.append(t(f"seats.{what}"))
    if not holds:
        details.append(t("seats.empty"))
    return f"{clean_text(person.name)} ({', '.join(details)})"


class SeatPicker(ModalScreen[str | None]):
    """Choose one seat: ↑/↓ and Enter; Escape cancels."""

    DEFAULT_CSS = """
    SeatPicker { align: center middle; background: $background; }
    SeatPicker OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]
    AUTO_FOCUS = "#seat-list"

    def __init__(self, question: str, seats: list[tuple[str, str]]) -> None:
        super().__init__()
        self._question = question
        self._seats = seats

    def compose(self) -> ComposeResult:
        options = [Option(Content(label), id=pid) for pid, label in self._seats]
        with Vertical(id="seat-pick", classes="dialog"):
            yield Static(Content(self._question), classes="dialog-title")
            yield OptionList(*options, id="seat-list", compact=True)
            yield Static(Content(t("seats.pick_hint")), classes="hint")

    @on(OptionList.OptionSelected, "#seat-list")
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(message.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmSeats(ModalScreen[bool]):
    """Ask once more, with a sentence that names the seats."""

    DEFAULT_CSS = "ConfirmSeats { align: center middle; background: $background; }"
    BINDINGS = [
        Binding("j,y", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence

    def compose(self) -> ComposeResult:
        with Vertical(id="seat-confirm", classes="dialog"):
            yield Static(Content(self.sentence), classes="dialog-title")
            yield Static(Content(t("seats.confirm_keys")), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
