# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""What the board does with the relay's messages, and the participants panel.

Mixed into the board app. Handlers are named `on_<message>` so Textual finds them
through the class hierarchy.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual.timer import Timer

from tui_board.core.i18n import t_wire
from tui_board.core.ops import CardPut, CardRemoved, Change, ParticipantPut, VotePut, Waiting
from tui_board.tui.livelink import (
    PostingListener,
    RelayChanges,
    RelayConnection,
    RelayLobby,
    RelayPresence,
    RelayRefused,
    RelaySession,
)
from tui_board.tui.screens.dialogs import EndedScreen
from tui_board.tui.widgets.people import PeoplePanel

if TYPE_CHECKING:
    from tui_board.live.liveboard import LiveBoard
    from tui_board.tui.app import BoardApp


FRAME_SECONDS = 1 / 30
"""How long a watching board gathers others' changes before it draws them (one frame)."""
BURST_SECONDS = 1 / 5
"""While others' changes keep coming, they are drawn at most this often: a room that writes
at once costs a board five redraws a second, not one per card (docs/benchmarks.md)."""
PAUSE_SECONDS = 0.4
"""While the person types in the card editor, others' cards wait until the typing pauses
this long (or the editor closes): every key gets the machine first (SSH boards share one),
and a board redrawn behind the editor at every card would take it from them."""
WAITS_WHILE_TYPING = (CardPut, CardRemoved, ParticipantPut, VotePut, Waiting)
"""The changes that wait for a pause in the typing: others' cards, names and dots, and the
counts of hidden cards and voters (while everyone writes privately, every card of another
brings new counts). Any other change (phase, spotlight, timer, a reveal, a round) is drawn
within a frame, with everything that waited before it."""


class Incoming:
    """Changes from the relay that wait to be drawn together, in the relay's order."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.timer: Timer | None = None
        self.drawn_at = 0.0
        """When gathered changes were last drawn (time.monotonic)."""
        self.for_pause = False
        """Whether the timer waits for a pause in the typing (not for the next frame)."""
        self.sent_seen = 0
        """How many ops the board had sent at the last draw."""
        self.draws = 0
        """How many times gathered changes were drawn (the tests count them)."""


class LiveHandlers:
    """The network worker and the handlers of what it posts."""

    _follow: str | None
    _incoming: Incoming | None = None

    @property
    def incoming(self) -> Incoming:
        """The changes that wait for the next frame."""
        if self._incoming is None:
            self._incoming = Incoming()
        return self._incoming

    async def relay_worker(self: BoardApp) -> None:
        """The network worker: keeps the connection to the relay alive."""
        from tui_board.live.client import ENDED, JoinFailed  # offline boards: no websockets
        from tui_board.live.liveboard import LiveBoard

        assert isinstance(self.board, LiveBoard)
        try:
            await self.board.client.run(PostingListener(self))
        except JoinFailed as failed:
            if failed.key not in ENDED:
                self.exit(return_code=1, message=t_wire(failed.key, failed.values))
                return
            # Said on the board itself, where people look; any key closes it.
            self.connected = False
            self.ended = t_wire(failed.key, failed.values)
            self._update_status()
            self.push_screen(EndedScreen(self.ended), lambda _: self.exit(return_code=0))

    def on_relay_changes(self: BoardApp, message: RelayChanges) -> None:
        """Gather what others changed and draw it together: one frame after it came, and
        while changes keep coming at most every `BURST_SECONDS`, so 40 people adding cards
        at once cost a few redraws of each touched column, not one per card. While the
        person types a card, others' cards wait for a pause in the typing (`PAUSE_SECONDS`)
        or the editor's closing. What this board's own op brought back is drawn at once
        (with whatever waited before it)."""
        incoming = self.incoming
        incoming.changes.extend(message.changes)
        if cast("LiveBoard", self.board).own_pending(incoming.sent_seen):
            self.flush_incoming()
        elif self.editor.is_open and all(
            isinstance(change, WAITS_WHILE_TYPING) for change in message.changes
        ):  # (had an earlier change not waited, its frame would be set already)
            if incoming.timer is None:
                incoming.for_pause = True
                incoming.timer = self.set_timer(self._typing_pause(), self._flush_at_pause)
        elif incoming.timer is None or incoming.for_pause:
            self._draw_soon()

    def _draw_soon(self: BoardApp, wait: float | None = None) -> None:
        """Draw what waits after `wait` seconds; by default in a frame, or `BURST_SECONDS`
        after the last draw if that is later."""
        incoming = self.incoming
        if incoming.timer is not None:
            incoming.timer.stop()
        incoming.for_pause = False
        if wait is None:
            wait = max(FRAME_SECONDS, incoming.drawn_at + BURST_SECONDS - time.monotonic())
        incoming.timer = self.set_timer(wait, self.flush_incoming)

    def _typing_pause(self: BoardApp) -> float:
        """Seconds until the typing in the card editor has paused `PAUSE_SECONDS` (and at
        least `BURST_SECONDS` since the last draw, as on a watching board)."""
        now = time.monotonic()
        paused = self.editor.typed_at + PAUSE_SECONDS
        return max(FRAME_SECONDS, paused - now, self.incoming.drawn_at + BURST_SECONDS - now)

    def _flush_at_pause(self: BoardApp) -> None:
        """Draw what waits, unless the person typed on since the timer was set."""
        incoming = self.incoming
        incoming.timer = None
        if self.editor.is_open and self._typing_pause() > FRAME_SECONDS:
            incoming.timer = self.set_timer(self._typing_pause(), self._flush_at_pause)
        else:
            self.flush_incoming()

    def editor_closed(self: BoardApp) -> None:
        """The card editor closed: what waited for a pause in the typing is drawn now,
        with the own card if one is on its way (its coming back draws everything)."""
        incoming = self.incoming
        if incoming.changes and incoming.for_pause:
            mine = cast("LiveBoard", self.board).own_pending(incoming.sent_seen)
            self._draw_soon(BURST_SECONDS if mine else FRAME_SECONDS)

    def flush_incoming(self: BoardApp) -> None:
        """Draw every gathered change, in order, in one go."""
        incoming = self.incoming
        if incoming.timer is not None:
            incoming.timer.stop()
            incoming.timer = None
        incoming.for_pause = False
        incoming.sent_seen = cast("LiveBoard", self.board).sent  # only live boards get here
        changes, incoming.changes = incoming.changes, []
        if changes and self.is_running:  # (not while the board closes: nothing to draw on)
            incoming.draws += 1
            incoming.drawn_at = time.monotonic()
            self.receive(changes)

    def on_relay_session(self: BoardApp, message: RelaySession) -> None:
        self.flush_incoming()  # what came before the new board, in its order
        self.reload()

    def on_relay_refused(self: BoardApp, message: RelayRefused) -> None:
        self.flush_incoming()  # every message of the relay is shown in the order it came
        self._follow = None
        self.notify(t_wire(message.key, message.values), severity="warning")

    def on_relay_presence(self: BoardApp, message: RelayPresence) -> None:
        self.flush_incoming()  # who joined comes before they are counted online
        self.online = message.online
        self.update_people()
        self._update_status()

    def on_relay_lobby(self: BoardApp, message: RelayLobby) -> None:
        self.flush_incoming()
        self.lobby = message.waiting
        self.update_people()
        self._update_status()
        self.refresh_bindings()

    def on_relay_connection(self: BoardApp, message: RelayConnection) -> None:
        self.flush_incoming()
        self.connected = message.connected
        self._update_status()
        self.update_people()

    def update_people(self: BoardApp) -> None:
        """Redraw the participants panel if it is shown."""
        panel = self.query_one(PeoplePanel)
        if panel.display:
            people = list(self._people.values())
            waiting = self.lobby_labels() if self.lobby_allowed() else None
            panel.show(people, set(self.online), self.board.live, self.seat_allowed(), waiting)

    def action_people(self: BoardApp) -> None:
        """Show or hide who is at the table."""
        panel = self.query_one(PeoplePanel)
        panel.display = not panel.display
        self.update_people()
        self._layout()
        self.refresh_bindings()
        self.update_key_bar()  # the keys of the panel (merge, remove) come and go with it
