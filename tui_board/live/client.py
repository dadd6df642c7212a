"""The board's side of the wire: join a relay, keep an outbox, heal dropped connections.

Every op gets an id made here and stays in the outbox until the relay acknowledges or
refuses it. When the connection drops, the client reconnects with backoff, resumes from
the last event it has (or takes a fresh snapshot), and sends the outbox again; the relay
applies each op id once, so nothing is lost and nothing is doubled.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import random
import ssl
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Literal, Protocol

from pydantic import ValidationError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from tui_board.core.model import Participant, Session
from tui_board.core.ops import Change, Op, Waiting, new_id
from tui_board.core.rules import apply_changes
from tui_board.live.protocol import (
    SERVER_MESSAGE,
    Ack,
    Admit,
    ErrorMessage,
    Event,
    Hello,
    Lobby,
    LobbyList,
    Newcomer,
    OpMessage,
    Presence,
    Refuse,
    Reject,
    WaysIn,
    Welcome,
)

FATAL_CLOSE_CODES = frozenset({4001, 4002, 4003, 4010, 4011, 4013})
"""Closes after which the board does not come back by itself (see the relay's CLOSE_*)."""
MERGED = 4012
"""Close: this seat was merged into another person's; reconnect as them (same token)."""
ENDED = frozenset(
    {
        "relay.stopped",
        "relay.stopped_view",
        "relay.stopped_facilitator",
        "relay.taken_over",
        "relay.seat_removed",
    }
)
"""Fatal keys that end a board that was in: the session stopped, the seat moved on."""
TEMPORARY_AFTER_JOIN = frozenset({4002})
"""Too many wrong codes from a shared address: a board that was in keeps trying."""
RESEND_BURST = 40
RESEND_PAUSE = 0.06
"""After a reconnect the outbox goes out at most this fast (under the relay's limit)."""
BACKOFF_FIRST = 0.2
BACKOFF_MAX = 5.0


class JoinFailed(Exception):
    """Joining is not possible; `key` is a message in `i18n`."""

    def __init__(self, key: str, values: dict[str, str] | None = None) -> None:
        super().__init__(key)
        self.key = key
        self.values = values or {}


class Listener(Protocol):
    """What the client tells the board."""

    def on_session(self, session: Session, you: Participant) -> None:
        """A whole new board (first join, or a resync)."""

    def on_changes(self, changes: Sequence[Change]) -> None:
        """Something changed, in the relay's order."""

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        """An op of ours was refused."""

    def on_presence(self, online: tuple[str, ...]) -> None:
        """Who is connected now."""

    def on_connection(self, connected: bool) -> None:
        """The connection came up or went down (the client is reconnecting)."""


class RelayClient:
    """One board's connection to a relay."""

    def __init__(
        self,
        url: str,
        code: str,
        *,
        name: str = "",
        organisation: str = "",
        view: bool = False,
        mandate: bool | None = None,
        tls: ssl.SSLContext | None = None,
        token: str | None = None,
        entrance: Literal["", "ssh", "web"] = "",
        seen_from: str = "",
    ) -> None:
        self.url = url
        self.code = code
        self.name = name
        self.organisation = organisation
        self.view = view
        self.mandate = mandate
        self.tls = tls
        self.entrance = entrance
        """The entrance that started this board (the relay believes it only on loopback)."""
        self.seen_from = seen_from
        """The address that entrance saw the person connect from."""
        self.token: str | None = token
        """The seat's secret: with it, the relay gives this board its own seat back."""
        self.session: Session | None = None
        self.you: Participant | None = None
        self.seq: int | None = None
        self.online: tuple[str, ...] = ()
        self.outbox: OrderedDict[str, OpMessage] = OrderedDict()
        self.waiting = Waiting(by_theme={}, by_organisation={})
        """How many hidden cards of others wait for the reveal."""
        self.clock_offset = dt.timedelta()
        """The relay's clock minus ours."""
        self.connected = False
        self._ws: ClientConnection | None = None
        self._closing = False
        self.joined = False
        """Whether a welcome ever arrived (after that, drops are healed, not fatal)."""
        self.ways_in: WaysIn | None = None
        """Every way into the room (facilitators and observers)."""
        self.newcomer: tuple[str, str] = ("", "")
        """Name and organisation to join with as a newcomer when the relay no longer knows
        the token (a kept seat sends no name: the seat's own name stays as it is now)."""
        self._last_error: ErrorMessage | None = None
        """The last fatal error the relay sent: why the close that follows it came."""
        self.on_wait: Callable[[], None] | None = None
        """Called when the relay puts this board in the lobby (`join` says so)."""
        self.waited = False
        """Whether this board waited in the lobby (then a drop before the welcome is
        healed: it waits again)."""
        self.lobby: tuple[Newcomer, ...] = ()
        """Who waits in the lobby now (facilitators' boards, when the room has one)."""
        self.lobby_on = False
        """Whether the room has a lobby (facilitators' boards hear so with the welcome)."""

    # --- sending ---------------------------------------------------------------------------

    def submit(self, op: Op) -> str:
        """Queue an op for the relay; returns its id. Sent now if connected, else later."""
        message = OpMessage(op_id=new_id("o"), op=op)
        self.outbox[message.op_id] = message
        if self._ws is not None and self.connected:
            asyncio.ensure_future(self._send(self._ws, message))
        return message.op_id

    async def _send(self, ws: ClientConnection, message: OpMessage | Admit | Refuse) -> None:
        with contextlib.suppress(ConnectionClosed):
            await ws.send(message.model_dump_json())

    def decide(self, lobby_id: str, admit: bool) -> bool:
        """Let someone in from the lobby, or not (the relay checks we may); False when
        not connected."""
        if self._ws is None or not self.connected:
            return False
        message = Admit(lobby_id=lobby_id) if admit else Refuse(lobby_id=lobby_id)
        asyncio.ensure_future(self._send(self._ws, message))
        return True

    async def probe(self) -> Welcome:
        """Join once and hang up: checks the address and code before a board opens.

        The seat (token), the board and its sequence number are kept, so `run()` resumes
        from here. Raises JoinFailed with a message key when joining is not possible.
        """
        try:
            async with self._open() as ws:
                welcome = await self._hello(ws)
                self._welcome(welcome, _SILENT)
        except JoinFailed as failed:
            if failed.key != "relay.seat_unknown" or self.token is None:
                raise
            # A seat kept from before that this relay does not know (a new session with
            # the same address): join as a newcomer instead.
            self.token = None
            if not self.name.strip():
                self.name, self.organisation = self.newcomer
            return await self.probe()
        except ConnectionClosed as closed:
            fatal = self._fatal(closed)
            if fatal is None and self.waited:
                return await self._wait_again()  # the relay restarted: wait again
            raise fatal or JoinFailed("client.unreachable", {"url": self.url}) from None
        except ssl.SSLCertVerificationError as error:
            raise JoinFailed("client.untrusted", {"url": self.url}) from error
        except (OSError, InvalidHandshake, TimeoutError) as error:
            if self.waited:
                return await self._wait_again()
            raise JoinFailed("client.unreachable", {"url": self.url}) from error
        self.joined = True
        return welcome

    async def _wait_again(self) -> Welcome:
        """Back into the lobby after a drop while waiting (a relay restart, a Wi-Fi hiccup)."""
        await asyncio.sleep(BACKOFF_MAX * (0.5 + random.random()) / 2)
        return await self.probe()

    def _open(self) -> connect:
        try:
            extra: dict[str, Any] = {"ssl": self.tls} if self.tls is not None else {}
            return connect(
                self.url,
                **extra,
                max_size=None,
                open_timeout=5,
                ping_interval=20,
                ping_timeout=20,
                close_timeout=2,
            )
        except (InvalidURI, ValueError) as error:
            raise JoinFailed("client.bad_url", {"url": self.url}) from error

    async def _hello(self, ws: ClientConnection) -> Welcome:
        hello = Hello(
            code=self.code,
            name=self.name,
            organisation=self.organisation,
            mandate=self.mandate,
            token=self.token,
            since=self.seq,
            view=self.view,
            entrance=self.entrance,
            seen_from=self.seen_from,
        )
        # Only an entrance's board names its entrance: other hellos stay as they were.
        plain = None if self.entrance else {"entrance", "seen_from"}
        await ws.send(hello.model_dump_json(exclude=plain))
        try:
            first = SERVER_MESSAGE.validate_json(await asyncio.wait_for(ws.recv(), 10))
        except ValidationError:
            raise JoinFailed("client.protocol") from None
        if isinstance(first, Lobby):
            first = await self._lobby(ws)
        if isinstance(first, ErrorMessage):
            raise JoinFailed(first.key, first.values)
        if not isinstance(first, Welcome):
            raise JoinFailed("client.protocol")
        return first

    async def _lobby(self, ws: ClientConnection) -> Welcome | ErrorMessage:
        """Wait in the lobby (as long as it takes) for the welcome, or a refusal."""
        if not self.waited and self.on_wait is not None:
            self.on_wait()
        self.waited = True
        async for raw in ws:
            try:
                message = SERVER_MESSAGE.validate_json(raw)
            except ValidationError:
                continue
            if isinstance(message, Welcome):
                return message
            if isinstance(message, ErrorMessage) and message.fatal:
                self._last_error = message
                return message
        await ws.recv()  # closed: raises ConnectionClosed, as a close before the welcome does
        raise JoinFailed("client.protocol")

    # --- the connection loop ------------------------------------------------------------------

    async def run(self, listener: Listener) -> None:
        """Connect and keep connected until `close()`; raise JoinFailed if joining fails."""
        attempt = 0
        while not self._closing:
            try:
                await self._connect_once(listener)
                attempt = 0
            except JoinFailed as failed:
                if not (self.joined and failed.key == "relay.too_many_attempts"):
                    raise
            except ConnectionClosed as closed:
                if closed.rcvd is not None and closed.rcvd.code == MERGED:
                    # Another person now: a fresh board, not the missed events; and their
                    # name stays theirs (this board's name would rename them).
                    self.seq = None
                    self.name, self.organisation, self.mandate = "", "", None
                fatal = self._fatal(closed)
                temporary = closed.rcvd is not None and closed.rcvd.code in TEMPORARY_AFTER_JOIN
                if fatal is not None and not (self.joined and temporary):
                    raise fatal from None
            except (OSError, InvalidHandshake, TimeoutError) as error:
                if not self.joined:
                    raise JoinFailed("client.unreachable", {"url": self.url}) from error
            finally:
                if self.connected:
                    attempt = 0  # it was up: a new drop starts its backoff afresh
                self.connected = False
                self._ws = None
                if not self._closing:
                    listener.on_connection(False)  # also after a failed attempt
            if self._closing:
                break
            delay = min(BACKOFF_MAX, BACKOFF_FIRST * 2**attempt) * (0.5 + random.random())
            attempt += 1
            await asyncio.sleep(delay)

    async def _connect_once(self, listener: Listener) -> None:
        async with self._open() as ws:
            self._welcome(await self._hello(ws), listener)
            self._ws = ws
            self.connected = True
            self.joined = True
            listener.on_connection(True)
            for count, message in enumerate(list(self.outbox.values())):
                if count >= RESEND_BURST:
                    await asyncio.sleep(RESEND_PAUSE)  # stay under the relay's rate limit
                await ws.send(message.model_dump_json())
            async for raw in ws:
                if not self._receive(raw, listener):
                    await ws.close()
                    break

    def _welcome(self, welcome: Welcome, listener: Listener) -> None:
        self.token = welcome.token
        self.you = welcome.you
        self.online = welcome.online
        self.ways_in = welcome.ways_in
        self._set_clock(welcome.now)
        if welcome.snapshot is not None:
            self.session = welcome.snapshot
            self.seq = welcome.seq
            listener.on_session(self.session, welcome.you)
        else:
            # Missed events: check they follow on, then apply them all at once (one rebuild
            # of the board, however many there are).
            expected = self.seq
            for event in welcome.events:
                if expected is None or _previous(event) != expected:
                    self.seq = None  # out of step: the next connection asks for a snapshot
                    raise ConnectionError("events do not follow on")
                expected = event.seq
            if welcome.events and self.session is not None:
                changes = [change for event in welcome.events for change in event.changes]
                self.session = apply_changes(self.session, changes)
                self.seq = welcome.events[-1].seq
                for change in changes:
                    if isinstance(change, Waiting):
                        self.waiting = change
                listener.on_changes(changes)
            if self.seq is not None:
                self.seq = welcome.seq  # what came after the last event had nothing for us
        self.waiting = welcome.waiting
        listener.on_changes((welcome.waiting,))
        listener.on_presence(self.online)

    def _set_clock(self, relay_now: dt.datetime | None) -> None:
        if relay_now is not None:
            self.clock_offset = relay_now - dt.datetime.now(dt.UTC)

    def relay_now(self) -> dt.datetime:
        """The relay's clock as best known here (the timer counts by it)."""
        return dt.datetime.now(dt.UTC) + self.clock_offset

    def _apply(self, event: Event, listener: Listener) -> bool:
        if self.session is None or self.seq is None or _previous(event) != self.seq:
            return False
        self.session = apply_changes(self.session, event.changes)
        self.seq = event.seq
        self._set_clock(event.now)
        for change in event.changes:
            if isinstance(change, Waiting):
                self.waiting = change
        listener.on_changes(event.changes)
        return True

    def _receive(self, raw: str | bytes, listener: Listener) -> bool:
        """Handle one message; False means we are out of step and must resync."""
        try:
            message = SERVER_MESSAGE.validate_json(raw)
        except ValidationError:
            return True  # a message we do not understand is ignored, not fatal
        if isinstance(message, Event):
            if self.seq is not None and message.seq <= self.seq:
                return True
            if not self._apply(message, listener):
                self.seq = None  # a gap: take a fresh snapshot on reconnect
                return False
        elif isinstance(message, Ack):
            self.outbox.pop(message.op_id, None)
        elif isinstance(message, Reject):
            if message.key == "relay.too_fast" and message.op_id in self.outbox:
                # Not refused, only too soon: send it again in a moment, do not drop it.
                asyncio.get_running_loop().call_later(
                    RESEND_PAUSE * 20, self._resend, message.op_id
                )
                return True
            self.outbox.pop(message.op_id, None)
            listener.on_refused(message.op_id, message.key, message.values)
        elif isinstance(message, Presence):
            self.online = message.apply(self.online)
            listener.on_presence(self.online)
        elif isinstance(message, LobbyList):
            self.lobby, self.lobby_on = message.waiting, True
            on_lobby = getattr(listener, "on_lobby", None)  # only boards that show it
            if on_lobby is not None:
                on_lobby(message.waiting)
        elif isinstance(message, ErrorMessage):
            if message.fatal:
                self._last_error = message  # the close that follows says no more
            else:
                listener.on_refused("", message.key, message.values)
        return True

    def _fatal(self, closed: ConnectionClosed) -> JoinFailed | None:
        """The JoinFailed for a close that means "do not try again", else None."""
        failed = _fatal(closed)
        last = self._last_error
        if failed is not None and last is not None and last.key == failed.key:
            return JoinFailed(last.key, last.values)
        return failed

    def _resend(self, op_id: str) -> None:
        message = self.outbox.get(op_id)
        if message is not None and self._ws is not None and self.connected:
            asyncio.ensure_future(self._send(self._ws, message))

    async def close(self) -> None:
        """Stop reconnecting and close the connection."""
        self._closing = True
        if self._ws is not None:
            await self._ws.close()


class _Silent:
    """A listener that ignores everything (for `probe`)."""

    def on_session(self, session: Session, you: Participant) -> None:
        pass

    def on_changes(self, changes: Sequence[Change]) -> None:
        pass

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        pass

    def on_presence(self, online: tuple[str, ...]) -> None:
        pass

    def on_connection(self, connected: bool) -> None:
        pass


_SILENT = _Silent()


def _previous(event: Event) -> int:
    """The seq this event follows on: the one before, or what the relay says it follows."""
    return event.seq - 1 if event.after is None else event.after


def _fatal(closed: ConnectionClosed) -> JoinFailed | None:
    """The JoinFailed for a close that means "do not try again", else None."""
    if closed.rcvd is not None and closed.rcvd.code in FATAL_CLOSE_CODES:
        return JoinFailed(closed.rcvd.reason or "relay.bad_code")
    return None
