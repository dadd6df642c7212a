"""Helpers for the live relay's tests: a real relay on a real file, real sockets, deadlines.

Nothing here is a mock. `start_relay` runs the real `Relay` on 127.0.0.1 with a free port
over a session file saved in a tmp folder; `knock`/`join` speak the wire protocol over a
real websockets connection; `Recorder` is a `Listener` for `RelayClient` that writes down
what it hears. Waiting is always for something (an event, a message, a predicate) with a
deadline, never a bare sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from factories import make_session
from pydantic import BaseModel
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tui_board.core.model import Participant, Session
from tui_board.core.ops import AddCard, Change, Op, new_id
from tui_board.files.store import save_session
from tui_board.live.client import RelayClient
from tui_board.live.protocol import (
    SERVER_MESSAGE,
    Ack,
    ErrorMessage,
    Event,
    Hello,
    Lobby,
    LobbyList,
    OpMessage,
    Presence,
    Reject,
    Welcome,
)
from tui_board.live.relay import Relay, Room

CODE = "KX7P-3MHA"
"""The participants' join code of every test relay."""
FACILITATOR_CODE = "TQ4M-9HWC"
"""The facilitator code of every test relay."""
WRONG_CODE = "XXXX-XXXX"

T = TypeVar("T")
ServerMessage = Welcome | Event | Ack | Reject | Presence | ErrorMessage | Lobby | LobbyList


async def eventually(
    predicate: Callable[[], T], timeout: float = 5.0, message: str = "", interval: float = 0.01
) -> T:
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"not within {timeout} s: {message or predicate}")
        await asyncio.sleep(interval)


def session_file(folder: Path, session: Session | None = None, name: str = "sessie.toml") -> Path:
    """Save a session (the small one of `factories` by default) as a file in `folder`."""
    path = folder / name
    save_session(session if session is not None else make_session(), path)
    return path


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveRelay:
    """A real relay with one room, listening on 127.0.0.1."""

    path: Path
    relay: Relay
    stopped: bool = False

    @property
    def room(self) -> Room:
        return self.relay.rooms[0]

    @property
    def port(self) -> int:
        return self.relay.port

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.relay.port}"

    async def stop(self, final: bool = True) -> None:
        """A clean stop (saves the session); safe to call twice. Not `final`: a restart,
        which boards ride out."""
        if not self.stopped:
            self.stopped = True
            await self.relay.stop(final=final)

    async def start_again(self) -> None:
        """After `stop()`: a new Room and Relay on the same file and the same port."""
        assert self.stopped
        port = self.port
        self.relay = Relay([Room(self.path, CODE, FACILITATOR_CODE)])
        await self.relay.start("127.0.0.1", port)
        self.stopped = False

    async def restart(self) -> None:
        """A clean restart, then the relay again from what it saved."""
        await self.stop(final=False)
        await self.start_again()


async def start_relay(path: Path, port: int = 0) -> LiveRelay:
    """Start a relay on `path` with the test codes."""
    relay = Relay([Room(path, CODE, FACILITATOR_CODE)])
    await relay.start("127.0.0.1", port)
    return LiveRelay(path, relay)


@contextlib.asynccontextmanager
async def running_relay(folder: Path, session: Session | None = None) -> AsyncIterator[LiveRelay]:
    """A relay on a fresh session file in `folder`, stopped afterwards."""
    live = await start_relay(session_file(folder, session))
    try:
        yield live
    finally:
        await live.stop()


# --- speaking the protocol over a raw connection --------------------------------------------


def encode(message: BaseModel | dict[str, Any] | str) -> str:
    """A message as the text frame that carries it."""
    if isinstance(message, BaseModel):
        return message.model_dump_json()
    if isinstance(message, dict):
        return json.dumps(message)
    return message


@dataclass
class Raw:
    """One real websockets connection to the relay, reading only when asked."""

    ws: ClientConnection
    welcome: Welcome | None = None
    received: list[ServerMessage] = field(default_factory=list)
    online: tuple[str, ...] = ()
    """Who is online as this board knows it: its welcome's list, then each presence's change."""

    @property
    def you(self) -> Participant:
        assert self.welcome is not None
        return self.welcome.you

    async def send(self, message: BaseModel | dict[str, Any] | str) -> None:
        await self.ws.send(encode(message))

    async def next(self, timeout: float = 5.0) -> ServerMessage:
        """The next message from the relay (fails on a close or after `timeout`)."""
        raw = await asyncio.wait_for(self.ws.recv(), timeout)
        message = SERVER_MESSAGE.validate_json(raw)
        self.received.append(message)
        if isinstance(message, Welcome):
            self.online = message.online
        elif isinstance(message, Presence):
            self.online = message.apply(self.online)
        return message

    async def expect(
        self, predicate: Callable[[ServerMessage], bool], timeout: float = 5.0
    ) -> ServerMessage:
        """Read until a message matches `predicate` (what is read on the way is kept)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await self.next(max(0.01, deadline - loop.time()))
            if predicate(message):
                return message

    async def op(self, op: Op, op_id: str | None = None) -> Ack | Reject:
        """Send an op and wait for its ack or reject."""
        op_id = op_id or new_id("o")
        await self.send(OpMessage(op_id=op_id, op=op))
        answer = await self.expect(
            lambda m: isinstance(m, Ack | Reject) and m.op_id == op_id,
        )
        assert isinstance(answer, Ack | Reject)
        return answer

    async def add_card(self, theme: str = "doelen", text: str = "Samen verder") -> Ack:
        """Add a card and insist that it was acknowledged."""
        answer = await self.op(AddCard(card_id=new_id("k"), theme=theme, text=text))
        assert isinstance(answer, Ack), answer
        return answer

    async def error(self, timeout: float = 5.0) -> ErrorMessage:
        """Read until an error message arrives."""
        message = await self.expect(lambda m: isinstance(m, ErrorMessage), timeout)
        assert isinstance(message, ErrorMessage)
        return message

    async def event(self, seq: int, timeout: float = 5.0) -> Event:
        """The event with this sequence number (already read, or read until it arrives)."""
        for seen in self.received:
            if isinstance(seen, Event) and seen.seq == seq:
                return seen
        message = await self.expect(lambda m: isinstance(m, Event) and m.seq == seq, timeout)
        assert isinstance(message, Event)
        return message

    async def presence(self, predicate: Callable[[tuple[str, ...]], bool]) -> tuple[str, ...]:
        """Read until `online` matches `predicate` (at once if it does); returns it. A change
        that makes no difference to what a board knew is never sent."""
        if not predicate(self.online):
            await self.expect(lambda m: isinstance(m, Presence) and predicate(self.online))
        return self.online

    def events(self) -> list[Event]:
        """Every event read so far, in order."""
        return [m for m in self.received if isinstance(m, Event)]

    async def closed(self, timeout: float = 5.0) -> int | None:
        """Read until the relay closes; the close code it sent (None without a close frame)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                try:
                    while True:
                        await self.next(timeout)
                except ConnectionClosed as closed:
                    return closed.rcvd.code if closed.rcvd is not None else None
        raise AssertionError(f"the relay did not close the connection within {timeout} s")

    async def close(self) -> None:
        await self.ws.close()


async def knock(url: str, hello: BaseModel | dict[str, Any] | str | None, **options: Any) -> Raw:
    """Open a connection and send `hello` (if any); returns it unread."""
    ws = await connect(url, open_timeout=5, close_timeout=1, **options)
    raw = Raw(ws)
    if hello is not None:
        await raw.send(hello)
    return raw


async def join(
    url: str,
    code: str = CODE,
    name: str = "Deelnemer",
    *,
    organisation: str = "",
    token: str | None = None,
    since: int | None = None,
    view: bool = False,
) -> Raw:
    """Join with a Hello and read the Welcome (fails on anything else)."""
    hello = Hello(
        code=code, name=name, organisation=organisation, token=token, since=since, view=view
    )
    raw = await knock(url, hello)
    first = await raw.next()
    assert isinstance(first, Welcome), f"expected a welcome, got {first!r}"
    raw.welcome = first
    return raw


async def facilitator(url: str, name: str = "Ria") -> Raw:
    """Join with the facilitator code."""
    return await join(url, FACILITATOR_CODE, name)


async def close_all(*raws: Raw) -> None:
    for raw in raws:
        await raw.close()


# --- listening to a RelayClient ---------------------------------------------------------


@dataclass
class Recorder:
    """A `Listener` that writes down everything a RelayClient tells the board."""

    sessions: list[tuple[Session, Participant]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    refused: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    presence: list[tuple[str, ...]] = field(default_factory=list)
    connection: list[bool] = field(default_factory=list)

    def on_session(self, session: Session, you: Participant) -> None:
        self.sessions.append((session, you))

    def on_changes(self, changes: Sequence[Change]) -> None:
        self.changes.extend(changes)

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        self.refused.append((op_id, key, values))

    def on_presence(self, online: tuple[str, ...]) -> None:
        self.presence.append(online)

    def on_connection(self, connected: bool) -> None:
        self.connection.append(connected)


@contextlib.asynccontextmanager
async def running(client: RelayClient) -> AsyncIterator[Recorder]:
    """`client.run()` in a task, connected; closed (and its task finished) afterwards."""
    recorder = Recorder()
    task = asyncio.create_task(client.run(recorder))
    try:
        await eventually(lambda: client.connected or task.done(), message="connected")
        if task.done():
            task.result()  # raises what run() raised
        yield recorder
    finally:
        await client.close()
        await asyncio.wait_for(task, 10)


def canonical(session: Session) -> dict[str, Any]:
    """A session as data, with cards and participants sorted by id.

    The order of cards in memory is not part of a session (`Session.cards` says so): a
    relay that loaded its file has them in board order, a client in the order they came.
    """
    data = session.model_dump(mode="json")
    data["cards"] = sorted(data["cards"], key=lambda c: c["id"])
    data["participants"] = sorted(data["participants"], key=lambda p: p["id"])
    return data


async def gone(pid: int, timeout: float = 10.0, group: bool = False) -> None:
    """Until process `pid` (and, with `group`, its whole process group) no longer exists."""

    def ended() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    await eventually(ended, timeout, f"board process {pid} still running")
    if group:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        raise AssertionError(f"process group {pid} still has members")
