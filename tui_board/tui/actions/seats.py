"""Keeping the table true, from the people panel: merge two seats that are one person, or
take away an empty seat (facilitators).

M picks the seat that goes, then the seat that stays, then asks with a sentence that names
both; X picks an empty seat and asks. The rules decide (`seats.py`); the relay too, live.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Participant, Role
from tui_board.core.ops import MergeParticipants, RemoveParticipant
from tui_board.core.seats import footprint
from tui_board.core.text import clean_text
from tui_board.tui.screens.seats import ConfirmSeats, SeatPicker, lobby_label, seat_label
from tui_board.tui.widgets.people import PeoplePanel

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

SEAT_ACTIONS = frozenset({"merge_seats", "remove_seat"})
"""Actions of the people panel, for facilitators and co-facilitators while it is shown."""
LOBBY_ACTIONS = frozenset({"admit", "refuse"})
"""Let in from the lobby, or not: the same, on a live board of a room with a lobby."""


class SeatActions:
    """The keys M (merge two seats) and X (remove an empty seat)."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def seat_allowed(self) -> bool:
        """Facilitators, while the people panel is shown."""
        role = self.app.board.actor.role
        return role in EDITORS and bool(self.app.query_one(PeoplePanel).display)

    def lobby_allowed(self) -> bool:
        """Facilitators of a live room with a lobby (someone waited, or waits), while the
        people panel is shown."""
        from tui_board.live.liveboard import LiveBoard  # offline boards: no websockets

        board = self.app.board
        return isinstance(board, LiveBoard) and board.client.lobby_on and self.seat_allowed()

    def lobby_labels(self) -> list[str]:
        """Who waits, oldest first, as the people panel shows them."""
        now = self.app.board.now()
        return [lobby_label(w, now) for w in self.app.lobby]

    def _decide(self, admit: bool) -> None:
        from tui_board.live.liveboard import LiveBoard

        if not self.app.lobby:
            self.app.notify(t("lobby.none"))
            return
        labels = dict(zip([w.lobby_id for w in self.app.lobby], self.lobby_labels(), strict=True))
        names = {w.lobby_id: clean_text(w.name) or t("lobby.nameless") for w in self.app.lobby}

        def send(lobby_id: str) -> None:
            board = self.app.board
            if not isinstance(board, LiveBoard) or not board.decide(lobby_id, admit):
                self.app.notify(t("lobby.offline"), severity="warning")

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
                self.app.push_screen(ConfirmSeats(sentence), partial(confirmed, lobby_id))

        question = t("lobby.pick_admit" if admit else "lobby.pick_refuse")
        self.app.push_screen(SeatPicker(question, list(labels.items())), chosen)

    def action_admit(self) -> None:
        """Choose someone waiting and let them in."""
        self._decide(admit=True)

    def action_refuse(self) -> None:
        """Choose someone waiting, confirm, and do not let them in."""
        self._decide(admit=False)

    def _seats(self, people: list[Participant]) -> list[tuple[str, str]]:
        session = self.app.board.session
        online = set(self.app.online) if self.app.board.live else None
        ordered = sorted(people, key=lambda p: (p.name.casefold(), p.organisation, p.id))
        return [(p.id, seat_label(session, p, online)) for p in ordered]

    def action_merge_seats(self) -> None:
        """Choose the seat that goes, then the seat that stays, then confirm."""
        session = self.app.board.session
        table = [p for p in session.participants if p.role is not Role.OBSERVER]
        movable = [p for p in table if p.role not in EDITORS]
        if not movable or len(table) < 2:
            self.app.notify(t("seats.none_to_merge"))
            return

        def confirmed(gone: str, keep: str, yes: bool | None) -> None:
            if yes and self.app.submit(MergeParticipants(keep=keep, merge=gone)):
                if not self.app.board.live:
                    self.app.notify(t("seats.merged", gone=names[gone], keep=names[keep]))

        def kept(gone: str, keep: str | None) -> None:
            if keep is None:
                return
            sentence = t("seats.confirm_merge", gone=labels[gone], keep=labels[keep])
            self.app.push_screen(ConfirmSeats(sentence), partial(confirmed, gone, keep))

        def chosen(gone: str | None) -> None:
            if gone is None:
                return
            others = self._seats([p for p in table if p.id != gone])
            question = t("seats.pick_keep", name=labels[gone])
            self.app.push_screen(SeatPicker(question, others), partial(kept, gone))

        labels = dict(self._seats(table))
        names = {p.id: clean_text(p.name) for p in table}
        self.app.push_screen(SeatPicker(t("seats.pick_merge"), self._seats(movable)), chosen)

    def action_remove_seat(self) -> None:
        """Choose an empty seat, confirm, take it away."""
        session = self.app.board.session
        empty = [
            p
            for p in session.participants
            if p.role not in (*EDITORS, Role.OBSERVER) and not footprint(session, p.id)
        ]
        if not empty:
            self.app.notify(t("seats.none_empty"))
            return

        def confirmed(gone: str, yes: bool | None) -> None:
            if yes and self.app.submit(RemoveParticipant(participant=gone)):
                if not self.app.board.live:
                    self.app.notify(t("seats.removed", name=names[gone]))

        def chosen(gone: str | None) -> None:
            if gone is not None:
                sentence = t("seats.confirm_remove", name=labels[gone])
                self.app.push_screen(ConfirmSeats(sentence), partial(confirmed, gone))

        labels = dict(self._seats(empty))
        names = {p.id: clean_text(p.name) for p in empty}
        self.app.push_screen(SeatPicker(t("seats.pick_remove"), self._seats(empty)), chosen)
