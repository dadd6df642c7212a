"""What the board does with the relay's news, and the participants panel (`app.live`)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, assert_never, cast

from textual.timer import Timer

from tui_board.core.i18n import t_wire
from tui_board.core.ops import CardPut, CardRemoved, Change, ParticipantPut, VotePut, Waiting
from tui_board.tui.livelink import (
    Changed,
    Connection,
    Lobby,
    NewBoard,
    News,
    Online,
    OpRefused,
    PostingListener,
)
from tui_board.tui.screens.dialogs import EndedScreen
from tui_board.tui.widgets.people import PeoplePanel

if TYPE_CHECKING:
    from tui_board.live.liveboard import LiveBoard
    from tui_board.tui.app import BoardApp


FRAME_SECONDS = 1 / 30
"""How long a watching board gathers others' changes before it draws them (one frame)."""
BURST_SECONDS = 1 / 2
"""While others' cards keep coming, they are drawn at most this often: a room that writes
at once costs a board two redraws a second, not one per card. Forty boards on one machine
(the SSH entrance) that each drew five times a second took it from the typing in every
wave of Enters (docs/benchmarks.md). What is not a card, name, dot or count (a phase, a
reveal, a round, the spotlight) is drawn within a frame whatever came before."""
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


class LiveActions:
    """The network worker, what the board does with each piece of news from the relay, and
    the participants panel."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self.incoming = Incoming()
        """The changes that wait to be drawn."""

    async def worker(self) -> None:
        """The network worker: keeps the connection to the relay alive."""
        from tui_board.live.client import ENDED, JoinFailed  # offline boards: no websockets
        from tui_board.live.liveboard import LiveBoard

        app = self.app
        assert isinstance(app.board, LiveBoard)
        try:
            await app.board.client.run(PostingListener(app))
        except JoinFailed as failed:
            if failed.key not in ENDED:
                app.exit(return_code=1, message=t_wire(failed.key, failed.values))
                return
            # Said on the board itself, where people look; any key closes it.
            app.connected = False
            app.ended = t_wire(failed.key, failed.values)
            app.saving.update_status()
            app.push_screen(EndedScreen(app.ended), lambda _: app.exit(return_code=0))

    def heard(self, news: News) -> None:
        """One piece of news from the relay. Anything but changes first draws what waits,
        so every message of the relay is shown in the order it came."""
        app = self.app
        if isinstance(news, Changed):
            self._changed(news)
            return
        self.flush()
        match news:
            case NewBoard():
                app.reload()
            case OpRefused(key=key, values=values):
                app._follow = None
                app.notify(t_wire(key, values), severity="warning")
            case Online(online=online):  # who joined comes before they are counted online
                app.online = online
                self.update_people()
                app.saving.update_status()
            case Lobby(waiting=waiting):
                app.lobby = waiting
                self.update_people()
                app.saving.update_status()
                app.refresh_bindings()
            case Connection(connected=connected):
                app.connected = connected
                app.saving.update_status()
                self.update_people()
            case _:
                assert_never(news)

    def _changed(self, news: Changed) -> None:
        """Gather what others changed and draw it together: one frame after it came, and
        while cards keep coming at most every `BURST_SECONDS`, so 40 people adding cards
        at once cost a few redraws of each touched column, not one per card; a change of
        the room (phase, reveal, round, spotlight) within a frame, with what came before.
        While the person types a card, others' cards wait for a pause in the typing
        (`PAUSE_SECONDS`) or the editor's closing. What this board's own op brought back is
        drawn at once (with whatever waited before it)."""
        app, incoming = self.app, self.incoming
        incoming.changes.extend(news.changes)
        can_wait = all(isinstance(change, WAITS_WHILE_TYPING) for change in news.changes)
        if cast("LiveBoard", app.board).own_pending(incoming.sent_seen):
            self.flush()
        elif app.editor.is_open and can_wait:
            # (had an earlier change not waited, its frame would be set already)
            if incoming.timer is None:
                incoming.for_pause = True
                incoming.timer = app.set_timer(self._typing_pause(), self._flush_at_pause)
        elif not can_wait:  # a phase, a reveal, a round: within a frame, whatever came
            self._draw_soon(FRAME_SECONDS)
        elif incoming.timer is None or incoming.for_pause:
            self._draw_soon()

    def _draw_soon(self, wait: float | None = None) -> None:
        """Draw what waits after `wait` seconds; by default in a frame, or `BURST_SECONDS`
        after the last draw if that is later."""
        incoming = self.incoming
        if incoming.timer is not None:
            incoming.timer.stop()
        incoming.for_pause = False
        if wait is None:
            wait = max(FRAME_SECONDS, incoming.drawn_at + BURST_SECONDS - time.monotonic())
        incoming.timer = self.app.set_timer(wait, self.flush)

    def _typing_pause(self) -> float:
        """Seconds until the typing in the card editor has paused `PAUSE_SECONDS` (and at
        least `BURST_SECONDS` since the last draw, as on a watching board)."""
        now = time.monotonic()
        paused = self.app.editor.typed_at + PAUSE_SECONDS
        return max(FRAME_SECONDS, paused - now, self.incoming.drawn_at + BURST_SECONDS - now)

    def _flush_at_pause(self) -> None:
        """Draw what waits, unless the person typed on since the timer was set."""
        incoming = self.incoming
        incoming.timer = None
        if self.app.editor.is_open and self._typing_pause() > FRAME_SECONDS:
            incoming.timer = self.app.set_timer(self._typing_pause(), self._flush_at_pause)
        else:
            self.flush()

    def editor_closed(self) -> None:
        """The card editor closed: what waited for a pause in the typing is drawn now,
        with the own card if one is on its way (its coming back draws everything)."""
        incoming = self.incoming
        if incoming.changes and incoming.for_pause:
            mine = cast("LiveBoard", self.app.board).own_pending(incoming.sent_seen)
            self._draw_soon(BURST_SECONDS if mine else FRAME_SECONDS)

    def flush(self) -> None:
        """Draw every gathered change, in order, in one go."""
        app, incoming = self.app, self.incoming
        if incoming.timer is not None:
            incoming.timer.stop()
            incoming.timer = None
        incoming.for_pause = False
        if not app.board.live:
            return  # an offline board draws what its own ops change, at once
        incoming.sent_seen = cast("LiveBoard", app.board).sent
        changes, incoming.changes = incoming.changes, []
        if changes and app.is_running:  # (not while the board closes: nothing to draw on)
            incoming.draws += 1
            incoming.drawn_at = time.monotonic()
            app.receive(changes)

    def update_people(self) -> None:
        """Redraw the participants panel if it is shown."""
        app = self.app
        panel = app.query_one(PeoplePanel)
        if panel.display:
            people = list(app.board.session.participants)
            seats = app.seats
            waiting = seats.lobby_labels() if seats.lobby_allowed() else None
            panel.show(people, set(app.online), app.board.live, seats.seat_allowed(), waiting)

    def action_people(self) -> None:
        """Show or hide who is at the table."""
        app = self.app
        panel = app.query_one(PeoplePanel)
        panel.display = not panel.display
        self.update_people()
        app.layout.apply()
        app.refresh_bindings()
        app.update_key_bar()  # the keys of the panel (merge, remove) come and go with it
