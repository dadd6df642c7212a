"""Helpers for the privacy tests: real connections that write down every frame they get.

A `Tap` is one person's real websockets connection to a relay. A reader task stores every
text frame as it arrives, raw (to search it for secrets) and parsed (to look at it); the
raw frames go into a list shared over reconnects, so a test can check everything a person
ever received. Waiting is for a message, with a deadline (`relaykit.eventually`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from relaykit import ServerMessage, eventually
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tui_board.core.ops import Op, new_id
from tui_board.live.protocol import SERVER_MESSAGE, Ack, Event, Hello, OpMessage, Reject, Welcome


@dataclass
class Person:
    """Someone at the table, over any number of connections."""

    name: str
    code: str
    organisation: str = ""
    frames: list[str] = field(default_factory=list)
    """Every raw frame received, over all connections, in order."""
    token: str | None = None
    id: str = ""
    seq: int = 0
    """The last event this person has (from the welcome and the events since)."""
    tap: Tap | None = None
    gaps: list[tuple[int, int]] = field(default_factory=list)
    """Events that did not follow on (seq had, seq got): should stay empty."""

    async def connect(self, url: str, *, since: int | None = None) -> Welcome:
        """Connect (with the token once there is one) and wait for the welcome."""
        self.tap = await Tap.open(url, self, since)
        return self.tap.welcome

    async def op(self, op: Op) -> Ack | Reject:
        assert self.tap is not None
        return await self.tap.op(op)

    async def close(self) -> None:
        """Hang up (or, when the relay hung up, wait until the reader has seen it)."""
        if self.tap is not None:
            await self.tap.close()
            self.tap = None

    def messages(self) -> list[ServerMessage]:
        """Every message received so far, parsed."""
        return [SERVER_MESSAGE.validate_json(frame) for frame in self.frames]

    def events(self) -> list[Event]:
        return [m for m in self.messages() if isinstance(m, Event)]


@dataclass
class Tap:
    """One real connection whose every frame is written down as it arrives."""

    person: Person
    ws: ClientConnection
    messages: list[ServerMessage] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, url: str, person: Person, since: int | None) -> Tap:
        ws = await connect(url, open_timeout=5, close_timeout=1)
        tap = cls(person, ws)
        hello = Hello(
            code=person.code,
            name=person.name,
            organisation=person.organisation,
            token=person.token,
            since=since,
        )
        await ws.send(hello.model_dump_json())
        tap.reader = asyncio.create_task(tap._read())
        await eventually(lambda: tap.messages, message=f"a welcome for {person.name}")
        first = tap.messages[0]
        assert isinstance(first, Welcome), f"{person.name}: expected a welcome, got {first!r}"
        return tap

    @property
    def welcome(self) -> Welcome:
        first = self.messages[0]
        assert isinstance(first, Welcome)
        return first

    async def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for raw in self.ws:
                assert isinstance(raw, str), "the relay sends text frames only"
                self.person.frames.append(raw)
                message = SERVER_MESSAGE.validate_json(raw)
                self.messages.append(message)
                if isinstance(message, Welcome):
                    person = self.person
                    person.token, person.id, person.seq = message.token, message.you.id, message.seq
                elif isinstance(message, Event):
                    # Out of order would make `since` wrong; the test sees it in `gaps`. (An
                    # event may skip seqs that had nothing for this person: it says so.)
                    follows = message.seq - 1 if message.after is None else message.after
                    if follows != self.person.seq:
                        self.person.gaps.append((self.person.seq, message.seq))
                    self.person.seq = message.seq

    async def op(self, op: Op) -> Ack | Reject:
        """Send an op and wait for its ack or reject."""
        op_id = new_id("o")
        await self.ws.send(OpMessage(op_id=op_id, op=op).model_dump_json())
        answer = await eventually(
            lambda: next(
                (m for m in self.messages if isinstance(m, Ack | Reject) and m.op_id == op_id),
                None,
            ),
            message=f"an answer to {op.type} of {self.person.name}",
        )
        assert isinstance(answer, Ack | Reject)
        return answer

    async def wait_for(
        self, predicate: Callable[[ServerMessage], bool], what: str
    ) -> ServerMessage:
        """The first message (already received or still to come) that matches."""
        found = await eventually(
            lambda: next((m for m in self.messages if predicate(m)), None), message=what
        )
        assert found is not None
        return found

    async def close(self) -> None:
        await self.ws.close()
        if self.reader is not None:
            await asyncio.wait_for(self.reader, 5)


async def acked(person: Person, op: Op) -> Ack:
    """Send `op` as `person` and insist that the relay acknowledged it."""
    answer = await person.op(op)
    assert isinstance(answer, Ack), f"{person.name}: {answer!r}"
    return answer


def events_of(messages: list[ServerMessage]) -> list[Event]:
    """Every event among these messages: live ones, and those replayed in a welcome."""
    found: list[Event] = []
    for message in messages:
        if isinstance(message, Welcome):
            found.extend(message.events)
        elif isinstance(message, Event):
            found.append(message)
    return found
