"""The live board's backend: ops go to the relay, changes come back from it."""

from __future__ import annotations

import datetime as dt

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Session
from tui_board.core.ops import Actor, Op, Waiting
from tui_board.core.rules import Outcome
from tui_board.live.client import RelayClient
from tui_board.live.protocol import WaysIn


class LiveBoard:
    """Same face as `LocalBoard`, but the relay decides and saves."""

    dirty = False

    def __init__(self, client: RelayClient, join_line: str = "", via: str = "") -> None:
        """The status line names how people reach this room: `via` ("ssh" or "web") is the
        entrance that started this board (which itself reaches the relay over loopback);
        on the facilitator's board the address in `join_line` (what participants type);
        otherwise the address this board joined."""
        if client.session is None or client.you is None:
            raise ValueError("join the relay first (RelayClient.probe)")
        self.client = client
        self.actor = Actor(client.you.id, client.you.role)
        self.join_line = join_line
        self.label = t(f"board.via_{via}") if via else _address(join_line) or client.url
        self.sent = 0
        """How many ops this board sent (its own changes are shown the moment they arrive)."""

    @property
    def session(self) -> Session:
        """The board as the relay last told it."""
        assert self.client.session is not None
        return self.client.session

    @property
    def ways_in(self) -> WaysIn | None:
        """Every way into the room, as the relay tells facilitators and observers."""
        return self.client.ways_in

    @property
    def live(self) -> bool:
        """Live boards wait for the relay's events."""
        return True

    @property
    def can_edit_all(self) -> bool:
        """Whether this board may change everyone's cards."""
        return self.actor.role in EDITORS

    def now(self) -> dt.datetime:
        """The relay's clock as best known here."""
        return self.client.relay_now()

    def waiting(self) -> Waiting:
        """How many hidden cards of others wait."""
        return self.client.waiting

    def submit(self, op: Op) -> Outcome | None:
        """Send the op; its changes arrive as events (None: nothing to show yet)."""
        self.sent += 1
        self.client.submit(op)
        return None

    def own_pending(self, seen: int) -> bool:
        """Whether an op of this board may be on its way back: sent since `seen` ops were,
        or not yet acknowledged by the relay."""
        return self.sent != seen or bool(self.client.outbox)

    def save(self) -> bool:
        """The relay saves; nothing to do here."""
        return False

    def decide(self, lobby_id: str, admit: bool) -> bool:
        """Let someone in from the lobby, or not; False when not connected."""
        return self.client.decide(lobby_id, admit)


def _address(join_line: str) -> str:
    """The relay's address in a join line (`tussenruimte join ws://HOST:PORT --code …`)."""
    return next((w for w in join_line.split() if w.startswith(("ws://", "wss://"))), "")
