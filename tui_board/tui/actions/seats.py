# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""Keeping the table true, from the people panel: merge two seats that are one person, or
take away an empty seat (facilitators). Mixed into the board app.

M picks the seat that goes, then the seat that stays, then asks with a sentence that names
both; X picks an empty seat and asks. The rules decide (`seats.py`); the relay too, live.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
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
from tui_board.core.model import EDITORS, Participant, Role, Session
from tui_board.core.ops import MergeParticipants, RemoveParticipant
from tui_board.core.seats import footprint
from tui_board.core.text import clean_text
from tui_board.entrances.ways import newcomer_words
from tui_board.tui.widgets.people import PeoplePanel
from tui_board.tui.widgets.room import clock

if TYPE_CHECKING:
    from tui_board.live.protocol import Newcomer
    from tui_board.tui.app import BoardApp

SEAT_ACTIONS = frozenset({"merge_seats", "remove_seat"})
"""Actions of the people panel, for facilitators and co-facilitators while it is shown."""
LOBBY_ACTIONS = frozenset({"admit", "refuse"})
"""Let in from the lobby, or not: the same, on a live board of a room with a lobby."""


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


class SeatActions:
    """The keys M (merge two seats) and X (remove an empty seat)."""

    def seat_allowed(self: BoardApp) -> bool:
        """Facilitators, while the people panel is shown."""
        role = self.board.actor.role
        return role in EDITORS and bool(self.query_one(PeoplePanel).display)

    def lobby_allowed(self: BoardApp) -> bool:
        """Facilitators of a live room with a lobby (someone waited, or waits), while the
        people panel is shown."""
        from tui_board.live.liveboard import LiveBoard  # offline boards: no websockets

        board = self.board
        return isinstance(board, LiveBoard) and board.client.lobby_on and self.seat_allowed()

    def lobby_labels(self: BoardApp) -> list[str]:
        """Who waits, oldest first, as the people panel shows them."""
        now = self.board.now()
        return [lobby_label(w, now) for w in self.lobby]

    def _decide(self: BoardApp, admit: bool) -> None:
        from tui_board.live.liveboard import LiveBoard

        if not self.lobby:
            self.notify(t("lobby.none"))
            return
        labels = dict(zip([w.lobby_id for w in self.lobby], self.lobby_labels(), strict=True))
        names = {w.lobby_id: clean_text(w.name) or t("lobby.nameless") for w in self.lobby}

        def send(lobby_id: str) -> None:
            board = self.board
            if not isinstance(board, LiveBoard) or not board.decide(lobby_id, admit):
                self.notify(t("lobby.offline"), severity="warning")

        def confirmed(lobby_id: str, yes: bool | None) -> None:
            if yes:
                send(lobby_id)

        def chosen(lobby_id: str | None) -> None:
            if lobby_id is None:
                return
            if admit:
                send(lobby_id)
            else:
                sentence = t("lobby.confirm_refuse", name=names[lobby_id])
                self.push_screen(ConfirmSeats(sentence), partial(confirmed, lobby_id))

        question = t("lobby.pick_admit" if admit else "lobby.pick_refuse")
        self.push_screen(SeatPicker(question, list(labels.items())), chosen)

    def action_admit(self: BoardApp) -> None:
        """Choose someone waiting and let them in."""
        self._decide(admit=True)

    def action_refuse(self: BoardApp) -> None:
        """Choose someone waiting, confirm, and do not let them in."""
        self._decide(admit=False)

    def _seats(self: BoardApp, people: list[Participant]) -> list[tuple[str, str]]:
        session = self.board.session
        online = set(self.online) if self.board.live else None
        ordered = sorted(people, key=lambda p: (p.name.casefold(), p.organisation, p.id))
        return [(p.id, seat_label(session, p, online)) for p in ordered]

    def action_merge_seats(self: BoardApp) -> None:
        """Choose the seat that goes, then the seat that stays, then confirm."""
        session = self.board.session
        table = [p for p in session.participants if p.role is not Role.OBSERVER]
        movable = [p for p in table if p.role not in EDITORS]
        if not movable or len(table) < 2:
            self.notify(t("seats.none_to_merge"))
            return

        def confirmed(gone: str, keep: str, yes: bool | None) -> None:
            if yes and self.submit(MergeParticipants(keep=keep, merge=gone)):
                if not self.board.live:
                    self.notify(t("seats.merged", gone=names[gone], keep=names[keep]))

        def kept(gone: str, keep: str | None) -> None:
            if keep is None:
                return
            sentence = t("seats.confirm_merge", gone=labels[gone], keep=labels[keep])
            self.push_screen(ConfirmSeats(sentence), partial(confirmed, gone, keep))

        def chosen(gone: str | None) -> None:
            if gone is None:
                return
            others = self._seats([p for p in table if p.id != gone])
            question = t("seats.pick_keep", name=labels[gone])
            self.push_screen(SeatPicker(question, others), partial(kept, gone))

        labels = dict(self._seats(table))
        names = {p.id: clean_text(p.name) for p in table}
        self.push_screen(SeatPicker(t("seats.pick_merge"), self._seats(movable)), chosen)

    def action_remove_seat(self: BoardApp) -> None:
        """Choose an empty seat, confirm, take it away."""
        session = self.board.session
        empty = [
            p
            for p in session.participants
            if p.role not in (*EDITORS, Role.OBSERVER) and not footprint(session, p.id)
        ]
        if not empty:
            self.notify(t("seats.none_empty"))
            return

        def confirmed(gone: str, yes: bool | None) -> None:
            if yes and self.submit(RemoveParticipant(participant=gone)):
                if not self.board.live:
                    self.notify(t("seats.removed", name=names[gone]))

        def chosen(gone: str | None) -> None:
            if gone is not None:
                sentence = t("seats.confirm_remove", name=labels[gone])
                self.push_screen(ConfirmSeats(sentence), partial(confirmed, gone))

        labels = dict(self._seats(empty))
        names = {p.id: clean_text(p.name) for p in empty}
        self.push_screen(SeatPicker(t("seats.pick_remove"), self._seats(empty)), chosen)
