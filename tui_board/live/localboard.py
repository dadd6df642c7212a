"""The offline board's backend: one person, one file, the same rules as the relay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from tui_board.core.model import Role, Session
from tui_board.core.ops import Actor, Join, Op, Waiting
from tui_board.core.rules import Applied, Outcome, apply
from tui_board.core.views import NOBODY_WAITS
from tui_board.files.store import save_session

if TYPE_CHECKING:
    from tui_board.live.protocol import WaysIn

LOCAL_ID = "begeleider"


def local_actor(session: Session) -> Actor:
    """Who sits at the keyboard offline: the session's first facilitator, or a new one."""
    for person in session.participants:
        if person.role is Role.FACILITATOR:
            return Actor(person.id, Role.FACILITATOR)
    return Actor(LOCAL_ID, Role.FACILITATOR)


class LocalBoard:
    """Applies ops with the rules and saves the session to its file when asked."""

    def __init__(self, session: Session, path: Path, facilitator_name: str) -> None:
        self.session = session
        self.path = path
        self.actor = local_actor(session)
        self.dirty = False
        self._name = facilitator_name
        self.label = path.name
        self.join_line = ""
        self.ways_in: WaysIn | None = None

    @property
    def live(self) -> bool:
        """An offline board applies ops at once."""
        return False

    def submit(self, op: Op, now: dt.datetime | None = None) -> Outcome | None:
        """Apply `op` as the local facilitator; on success the session is updated."""
        now = now or dt.datetime.now(dt.UTC)
        self.session = self.seated(now)
        outcome = apply(self.session, op, self.actor, now)
        if isinstance(outcome, Applied) and outcome.changes:
            self.session = outcome.session
            self.dirty = True
        return outcome

    def seated(self, now: dt.datetime | None = None) -> Session:
        """The session with the person at the keyboard at the table: a file without a
        facilitator seats them at the first change, so the rules judge that session."""
        if self.session.participant(self.actor.id) is not None:
            return self.session
        seated = apply(self.session, Join(name=self._name), self.actor, now or self.now())
        return seated.session if isinstance(seated, Applied) else self.session

    def now(self) -> dt.datetime:
        """The clock the timer counts by (this machine's, offline)."""
        return dt.datetime.now(dt.UTC)

    def waiting(self) -> Waiting:
        """Offline there is nobody else: nothing waits for this board."""
        return NOBODY_WAITS

    def save(self) -> bool:
        """Write the session if it changed since the last save; True if it wrote."""
        if not self.dirty:
            return False
        save_session(self.session, self.path)
        self.dirty = False
        return True
