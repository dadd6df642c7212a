"""The relay: the one authority over a live session.

It authenticates a join code, gives each connection its seat and role (the client never
says who it is), orders ops with a sequence number per room, applies them with the same
rules as the offline board, makes them durable in the journal before anyone hears of them,
and sends every client its own view of each event. Bad input from one connection gets an
error or a close for that connection alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import secrets
import ssl
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from tui_board.core.i18n import MESSAGES
from tui_board.core.model import Card, Participant, Role, Session
from tui_board.core.ops import RECORDING_OPS, Actor, Change, Join, Op, ParticipantPut
from tui_board.core.rules import Applied, Outcome, Refused, apply
from tui_board.core.seats import departures, reseat
from tui_board.core.views import (
    NOBODY,
    decides,
    is_private,
    key_for,
    owns_something,
    private_authors,
    view_changes,
    view_session,
    waiting,
)
from tui_board.files.store import load_session
from tui_board.live.codes import new_code, same_code
from tui_board.live.journal import Done, Entry, Journal, Seat, token_hash
from tui_board.live.protocol import (
    CLIENT_MESSAGE,
    MAX_FRAME,
    PROTOCOL_VERSION,
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
from tui_board.live.proxies import Network, forwarded_client, trusted

LOG = logging.getLogger("tussenruimte.relay")

HELLO_TIMEOUT = 10.0
"""Seconds a new connection has to say hello."""
QUEUE_LIMIT = 2000
"""Messages waiting for one client; a client that falls further behind is dropped."""
DIRECT_BYTES = 64 * 1024
"""A message is written to a connection at once while less than this waits in its
socket's buffer and nothing in its queue; else it queues (and the writer waits for the
buffer to drain)."""
OP_RATE = 20.0
"""Ops per second one seat may send on average (however many times it reconnects)…"""
OP_BURST = 60.0
"""…and in a burst."""
MAX_BAD = 20
"""Broken messages one connection may send before it is closed."""
WRONG_FREE = 3
"""Wrong codes (or seat tokens) from one address that are answered at once…"""
WRONG_DELAY_FIRST = 0.5
"""…after that the answer waits this long, doubling with every wrong code…"""
WRONG_DELAY_MAX = 8.0
"""…up to this long (seconds), as sshd does. The right code is never slowed down."""
WRONG_FORGET = 600.0
"""Seconds after which an address's wrong codes are forgotten."""
ROOM_WRONG_PER_MINUTE = 120
"""Wrong codes per room per minute above which every wrong answer waits the longest delay
and the relay warns in its log (once a minute)."""
HELD_MAX = 512
"""Connections with a wrong code held waiting at once; beyond this they are closed at once."""
NEW_SEATS_PER_MINUTE = 60
"""New seats one address may open per minute (a venue's Wi-Fi is one address for all)."""
HISTORY = 5000
"""Events kept in memory, so a reconnecting client gets what it missed, not a snapshot."""
DONE_KEEP = 10000
"""Op ids remembered, so a resent op is applied once."""
SLOW_CLOSE_TIMEOUT = 5.0
"""Seconds a dropped client gets to take its close frame before the connection is cut."""
STOP_TIMEOUT = 5.0
"""Seconds connections get to close on a stop before they are cut (then the rooms save)."""
PRESENCE_EVERY = 0.15
"""Presence goes out at most this often (seconds) in a room of up to PRESENCE_ROOM boards…"""
PRESENCE_ROOM = 100
"""…in a bigger room the pause grows with its size (each presence, and the joins that go
with it, is a frame to everyone)…"""
PRESENCE_MAX = 1.5
"""…up to this long (seconds)."""
JOIN_GATHER = 0.005
"""A join waits at most this long (seconds) for others that are on their way (connected,
hello not yet read): those that arrive together while a room fills (a class, a relay
restart) become one event (one journal write, one frame per board), and their welcomes
share one snapshot. With nobody else on the way a join is applied at once."""
CHECKPOINT_SECONDS = 30.0
"""How often the TOML file is brought up to date while ops come in."""
LOBBY_MAX = 200
"""People waiting in one room's lobby at once; beyond this a newcomer is refused (4002)."""
ROOM_PREFIX = "/kamer/"
"""Each room is also at its own path: this prefix and its name (the file name without
`.toml`), e.g. `/kamer/rivierenland-maart`. At `/` the code alone chooses the room."""
FORWARDED_LOG_EVERY = 60.0
"""Seconds between log lines about a forwarded-for header from one untrusted address."""

CLOSE_BAD_CODE = 4001
CLOSE_TOO_MANY = 4002
CLOSE_PROTOCOL = 4003
CLOSE_TOO_SLOW = 4008
CLOSE_STOPPED = 4010
"""The session stopped for good (the host quit, the relay was stopped): do not come back."""
CLOSE_TAKEN_OVER = 4011
"""The same seat joined on another connection: this one gives way."""
CLOSE_MERGED = 4012
"""This seat was merged into another: come back (with the same token) as that person."""
CLOSE_NOT_ADMITTED = 4013
"""A facilitator did not let this newcomer in from the lobby: do not come back by yourself."""
CLOSE_RESTART = 1012
"""The relay restarts (SIGHUP): boards reconnect by themselves, as after a drop."""
FATAL_CLOSE_CODES = frozenset(
    {
        CLOSE_BAD_CODE,
        CLOSE_TOO_MANY,
        CLOSE_PROTOCOL,
        CLOSE_STOPPED,
        CLOSE_TAKEN_OVER,
        CLOSE_NOT_ADMITTED,
    }
)
"""Close codes after which a client should not try again by itself."""

Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Bucket:
    """A token bucket: the op rate limit of one seat."""

    def __init__(self) -> None:
        self._tokens = OP_BURST
        self._stamp = time.monotonic()

    def allow(self) -> bool:
        """May the seat send another op now?"""
        now = time.monotonic()
        self._tokens = min(OP_BURST, self._tokens + (now - self._stamp) * OP_RATE)
        self._stamp = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


class Client:
    """One connection: its seat, its outgoing queue and its seat's rate limit."""

    def __init__(
        self,
        ws: ServerConnection,
        actor: Actor,
        seat: str = "",
        bucket: Bucket | None = None,
        address: str = "",
    ) -> None:
        self.ws = ws
        self.actor = actor
        self.seat = seat
        """The hash of the seat's token: one live connection per seat."""
        self.bucket = bucket or Bucket()
        self.address = address
        self.sent = 0
        """The seq of the last event this connection was sent (or its welcome's): events with
        nothing for it are not sent at all, and the next one says what it follows."""
        self.queue: asyncio.Queue[str] = asyncio.Queue(QUEUE_LIMIT)
        self.pending = 0
        """Messages queued and not yet handed to the connection (while any are, a new one
        queues behind them, so the order holds)."""
        self.presence_base: tuple[str, ...] | None = None
        """Who was online by its welcome, until the next presence (None: it has had the
        room's last presence, so the change since then is all it needs)."""
        self.dropped = False
        self.on_drop: Callable[[], None] | None = None
        """Told when this connection is being dropped (it no longer counts as online)."""
        self.counted = False
        """Whether the room counts this connection as its participant online."""
        self._drop: asyncio.Task[None] | None = None
        self.bad = 0

    def send(self, text: str) -> None:
        """Send a message, or queue it; a client that cannot keep up is dropped, never
        waited for."""
        if self.dropped:
            return
        if not self.pending and self.ws.transport.get_write_buffer_size() < DIRECT_BYTES:
            # Nothing waits before it and the connection takes it: written at once, with
            # no turn of the writer task (a room of a thousand gets several frames each).
            broadcast((self.ws,), text)
            return
        try:
            self.queue.put_nowait(text)
            self.pending += 1
        except asyncio.QueueFull:
            self._dropping()
            LOG.warning("client %s is too slow; dropping it", self.actor.id)
            self._drop = asyncio.ensure_future(self._close_slow())

    def _dropping(self) -> None:
        self.dropped = True
        if self.on_drop is not None:
            self.on_drop()

    async def _close_slow(self) -> None:
        """Close with 4008; a client that does not even read that is cut off.

        `close()` waits for the close frame to be written, which never happens for a peer
        that stopped reading: without the timeout the connection would be held forever.
        """
        try:
            await asyncio.wait_for(self.ws.close(CLOSE_TOO_SLOW, "te traag"), SLOW_CLOSE_TIMEOUT)
        except TimeoutError:
            self.ws.transport.abort()

    def allow_op(self) -> bool:
        """May this connection's seat send another op now?"""
        return self.bucket.allow()

    async def end(
        self,
        key: str,
        code: int,
        values: dict[str, str] | None = None,
        fatal: bool = True,
        timeout: float | None = None,
    ) -> None:
        """Say why, then close with `code`; a peer that does not take it within `timeout`
        (SLOW_CLOSE_TIMEOUT by default) is cut off."""
        self._dropping()
        text = ErrorMessage(key=key, values=values or {}, fatal=fatal).model_dump_json()
        wait = SLOW_CLOSE_TIMEOUT if timeout is None else timeout
        try:
            await asyncio.wait_for(self._say_and_close(text, code, key), wait)
        except TimeoutError:
            self.ws.transport.abort()

    async def _say_and_close(self, text: str, code: int, reason: str) -> None:
        with contextlib.suppress(ConnectionClosed):
            await self.ws.send(text)
            await self.ws.close(code, reason)

    async def writer(self) -> None:
        """Send queued messages in order until the connection closes."""
        with contextlib.suppress(ConnectionClosed):
            while True:
                await self.ws.send(await self.queue.get())
                self.pending -= 1


@dataclass(eq=False)
class Waiter:
    """A newcomer in the lobby: connected, told to wait, not seated, sent nothing else."""

    ws: ServerConnection
    newcomer: Newcomer
    decided: asyncio.Future[bool]
    """True: let in; False: sent away."""


class Room:
    """One session file, live: its state, its journal, its seats and its clients."""

    def __init__(
        self,
        path: Path,
        code: str | None = None,
        facilitator_code: str | None = None,
        clock: Clock = _utcnow,
        lobby: bool = False,
    ) -> None:
        self.path = path
        self.name = room_name(path)
        """The room's name in its path (`ROOM_PREFIX` + name)."""
        self.clock = clock
        self.journal = Journal(path)
        # Codes survive a restart, so participants reconnect by themselves.
        kept = self.journal.load_codes()
        self.code = code or kept.get("code") or new_code()
        self.facilitator_code = facilitator_code or kept.get("facilitator") or new_code()
        if kept != {"code": self.code, "facilitator": self.facilitator_code}:
            self.journal.save_codes({"code": self.code, "facilitator": self.facilitator_code})
        session = self.journal.restore_owners(load_session(path))
        self.session, self.seq, entries, done = self.journal.recover(session)
        self.checkpointed = self.seq - len(entries)
        self.history: deque[Entry] = deque(entries, maxlen=HISTORY)
        self.done: OrderedDict[tuple[str, str], int] = OrderedDict(
            ((d.actor, d.op_id), d.seq) for d in done
        )
        for entry in entries:
            self._remember(entry.actor, entry.op_id, entry.seq)
        if self.journal.path.exists():
            self.journal.resume()
        else:
            self.journal.open(self.seq)
        self.seats: dict[str, Seat] = self.journal.load_seats()
        self._seats_in_journal = bool(self.journal.journal_seats())
        """Some seats are only in the journal: the seats file is written before a fresh one."""
        self._new_seats: dict[str, Seat] = {}
        """Seats made but not yet saved: with their join's journal entry, else in the seats
        file at the end of this turn of the event loop."""
        self._seats_due = False
        if entries or self._seats_in_journal:
            self.checkpoint()  # bring the TOML up to date with what was recovered
        self.buckets: dict[str, Bucket] = {}
        """The op rate limit per seat (by participant id), kept across reconnects."""
        self._waiting = waiting(self.session)
        self._presence_due: asyncio.TimerHandle | None = None
        self._announced: tuple[str, ...] = ()
        """Who was online in the last presence (boards welcomed since got their own list)."""
        self._held: list[Entry] = []
        """Events of joins not yet sent to the boards already in: they go with the next
        presence (see `_send_held`)."""
        self._held_text: dict[int, str] = {}
        """The held joins, encoded, by the seq a board has (see `_catch_up`)."""
        self._held_parts: dict[int, str] = {}
        """The changes of each held join, encoded, by its seq."""
        self._joins: list[tuple[Actor, Join, asyncio.Future[None]]] = []
        """Joins waiting to be applied together (see JOIN_GATHER)."""
        self._joins_due: asyncio.Handle | None = None
        """When the gathered joins are applied (a timer while others are on the way)."""
        self._snapshot: tuple[int, str] | None = None
        """The board as someone who owns nothing on it sees it, encoded, and its seq: the
        welcomes of a moment share it."""
        self.clients: list[Client] = []
        self._by_seat: dict[str, Client] = {}
        """The connection of each seat (by token hash; one at a time)."""
        self._online_counts: dict[str, int] = {}
        """Participants online, with how many connections each, in the order they came."""
        self._online: tuple[str, ...] | None = None
        """`online()`, while no connection came, went or was dropped."""
        self.ways_in: WaysIn | None = None
        """Every way in (set by `host`/`relay`), for facilitators' and observers' welcomes."""
        self.lobby = lobby or self.session.session.lobby
        """Newcomers wait until a facilitator lets them in (`--lobby`, or the session's
        `lobby = true`)."""
        self.waiters: dict[str, Waiter] = {}
        """Who waits in the lobby now, by lobby id, in the order they came."""
        if entries:
            LOG.info("%s: %d ops recovered from the journal", path.name, len(entries))

    # --- seats ---------------------------------------------------------------------------

    def role_for(self, code: str, view: bool) -> Role | None:
        """The role a code gives, or None for a wrong code."""
        if same_code(code, self.facilitator_code):
            return Role.OBSERVER if view else Role.FACILITATOR
        if same_code(code, self.code):
            return Role.OBSERVER if view else Role.PARTICIPANT
        return None

    def admitted(self, hello: Hello, role: Role) -> bool:
        """Whether this hello goes in at once: always without a lobby; with one, the
        facilitator code, and a token of a seat this code would give back."""
        if not self.lobby or same_code(hello.code, self.facilitator_code):
            return True
        seat = self.seats.get(token_hash(hello.token)) if hello.token else None
        return seat is not None and seat.role is role

    # --- the lobby -------------------------------------------------------------------------

    def wait(self, ws: ServerConnection, hello: Hello, address: str, local: bool) -> Waiter:
        """Put a newcomer in the lobby: they hear they wait; the facilitators see them."""
        newcomer = Newcomer(
            lobby_id="w-" + secrets.token_hex(4),
            name=hello.name,
            organisation=hello.organisation,
            # The entrances say whom they let in; nobody else is believed.
            address=hello.seen_from if local and hello.seen_from else address,
            entrance=hello.entrance if local else "",
            since=self.clock(),
            view=hello.view,
        )
        waiter = Waiter(ws, newcomer, asyncio.get_running_loop().create_future())
        self.waiters[newcomer.lobby_id] = waiter
        self.send_lobby()
        LOG.info("%s: %s waits in the lobby", self.path.name, newcomer.address)
        return waiter

    def unwait(self, waiter: Waiter) -> None:
        """A waiting newcomer left, or was let in or sent away."""
        if self.waiters.pop(waiter.newcomer.lobby_id, None) is not None:
            self.send_lobby()

    def decide(self, client: Client, message: Admit | Refuse) -> None:
        """A facilitator lets someone in or sends them away; nobody else may."""
        if not decides(self.session, client.actor):
            refused = ErrorMessage(key="refused.facilitator_only")
            client.send(refused.model_dump_json())
            return
        waiter = self.waiters.get(message.lobby_id)
        if waiter is None or waiter.decided.done():
            client.send(ErrorMessage(key="relay.lobby_gone").model_dump_json())
            return
        waiter.decided.set_result(isinstance(message, Admit))
        self.unwait(waiter)
        what = "let in" if isinstance(message, Admit) else "sent away"
        LOG.info("%s: %s %s %s", self.path.name, client.actor.id, what, message.lobby_id)

    def lobby_list(self) -> str:
        """Who waits now, as the facilitators hear it."""
        waiting = tuple(w.newcomer for w in self.waiters.values())
        return LobbyList(waiting=waiting).model_dump_json()

    def send_lobby(self) -> None:
        """Tell the facilitators and co-facilitators connected now who waits."""
        text = self.lobby_list()
        for client in self.clients:
            if decides(self.session, client.actor):
                client.send(text)

    def knows(self, token: str) -> bool:
        """Whether `token` is the secret of one of this room's seats."""
        return token_hash(token) in self.seats

    def bucket(self, actor: Actor) -> Bucket:
        """The op rate limit of this actor's seat (the same after every reconnect)."""
        return self.buckets.setdefault(actor.id, Bucket())

    def seat(self, hello: Hello, role: Role) -> tuple[Actor, str]:
        """Find or make the seat for this hello; returns the actor and its token."""
        if hello.token:
            seat = self.seats.get(token_hash(hello.token))
            if seat is not None and (seat.role is role or role is Role.FACILITATOR):
                known = self.session.participant(seat.participant)
                return Actor(seat.participant, known.role if known else seat.role), hello.token
        return self.new_seat(role)

    def new_seat(self, role: Role) -> tuple[Actor, str]:
        """Make a seat for a newcomer; returns the actor and its token."""
        token = secrets.token_urlsafe(24)
        if role is Role.FACILITATOR:
            existing = next(
                (p.id for p in self.session.participants if p.role is Role.FACILITATOR), None
            )
            participant = existing or "begeleider"
        elif role is Role.OBSERVER:
            participant = "v-" + secrets.token_hex(4)
        else:
            participant = "p-" + secrets.token_hex(4)
        seat = self.seats[token_hash(token)] = Seat(participant, role)
        self._new_seats[token_hash(token)] = seat
        self._save_seats_soon()
        return Actor(participant, role), token

    def _save_seats_soon(self) -> None:
        """Save the new seats before this turn of the event loop ends, or with the journal
        entry of their joins: those that arrive together are written once (the file holds
        every seat: writing it per join costs O(N²) when a thousand join at once). Nothing
        the caller queues (the welcome with the token) is sent before it: writers run after
        this callback, and a newcomer's welcome after its join."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.journal.save_seats(self.seats)
            self._new_seats.clear()
            return
        if not self._seats_due:
            self._seats_due = True
            loop.call_soon(self._save_seats)

    def _save_seats(self) -> None:
        """Save the new seats, but for those whose join is about to be applied: they are
        written with its journal entry (one write for both)."""
        self._seats_due = False
        joining = {actor.id for actor, _, _ in self._joins}
        if any(seat.participant not in joining for seat in self._new_seats.values()):
            self.journal.save_seats(self.seats)
            self._new_seats.clear()

    # --- the flow of ops ------------------------------------------------------------------

    def welcome(self, client: Client, token: str, since: int | None) -> str:
        """The welcome (encoded) for a client that just joined, and register it for events."""
        actor = client.actor
        person = self.session.participant(actor.id)
        you = person if person is not None else _observer(actor)
        first = self.history[0].seq if self.history else self.seq + 1
        snapshot = ""
        if since is not None and since <= self.seq and since >= first - 1:
            events: list[Event] = []
            last = since
            for entry in self.history:
                if entry.seq <= since:
                    continue
                event = self._event(entry, actor)
                if event.changes:  # nothing for this board: not sent (see `_broadcast`)
                    events.append(_following(event, last))
                    last = entry.seq
            message = Welcome(you=you, token=token, seq=self.seq, events=tuple(events))
        else:
            message = Welcome(you=you, token=token, seq=self.seq)
            snapshot = self._snapshot_for(actor)
        client.sent = self.seq
        self._take_over(client)
        self._register(client)
        online = self.online()
        client.presence_base = online
        update = {"online": online, "waiting": self._waiting, "now": self.clock()}
        if actor.role is not Role.PARTICIPANT:
            update["ways_in"] = self.ways_in
        text = message.model_copy(update=update).model_dump_json(exclude={"snapshot"})
        if not snapshot:
            return text
        # The snapshot is encoded once for everyone who sees the same board (the welcomes
        # of a moment); it goes in as it is. JSON does not care where in the object it is.
        return f'{text[:-1]},"snapshot":{snapshot}}}'

    def _snapshot_for(self, actor: Actor) -> str:
        """The board as `actor` may see it, encoded; shared between everyone who owns nothing
        on it (no card, vote, answer: a newcomer, an observer), as they all see the same."""
        # What is at its default is left out: a board reads it back the same, and a room of
        # a thousand takes a third less (each welcome names everyone at the table).
        if owns_something(self.session, actor.id):
            return view_session(self.session, actor).model_dump_json(exclude_defaults=True)
        if self._snapshot is None or self._snapshot[0] != self.seq:
            view = view_session(self.session, Actor(NOBODY, Role.OBSERVER))
            self._snapshot = (self.seq, view.model_dump_json(exclude_defaults=True))
        return self._snapshot[1]

    def _take_over(self, client: Client) -> None:
        """A seat is live on one connection: an older one of the same seat gives way."""
        old = self._by_seat.get(client.seat) if client.seat else None
        if old is not None:
            self._unregister(old)
            where = client.address or "?"
            LOG.info("%s: seat of %s taken over from %s", self.path.name, old.actor.id, where)
            asyncio.ensure_future(old.end("relay.taken_over", CLOSE_TAKEN_OVER, {"where": where}))

    def join(self, actor: Actor, hello: Hello, others: bool = False) -> asyncio.Future[None]:
        """Seat a participant at the table (or update their name and organisation).

        Done when the future is: the joins of a moment are applied together, so a room
        that fills at once hears of them in a few events, not one per person. `others`:
        more connections are on their way (their hello not yet read); the join waits for
        them, at most JOIN_GATHER. Without, the joins gathered so far are applied in the
        next turn of the event loop."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        op = self._join_op(actor, hello)
        if op is None:
            done.set_result(None)
            return done
        self._joins.append((actor, op, done))
        if self._joins_due is None:
            self._joins_due = loop.call_later(JOIN_GATHER, self._join_all)
        if not others:
            self.join_soon()
        return done

    def join_soon(self) -> None:
        """Apply the gathered joins in the next turn of the event loop (nobody else is on
        the way)."""
        if self._joins_due is not None and isinstance(self._joins_due, asyncio.TimerHandle):
            self._joins_due.cancel()
            self._joins_due = asyncio.get_running_loop().call_soon(self._join_all)

    def _join_op(self, actor: Actor, hello: Hello) -> Join | None:
        if actor.role is Role.OBSERVER:
            return None
        person = None if hello.name and hello.organisation else self.session.participant(actor.id)
        name = hello.name or (person.name if person else "")
        if not name.strip() and actor.role is Role.FACILITATOR:
            # The facilitator code needs no name; without one the facilitator would not be
            # seated and every op of theirs refused ("not at the table").
            english = self.session.session.language == "en"
            name = MESSAGES["cli.default_facilitator"][1 if english else 0]
        organisation = hello.organisation or (person.organisation if person else "")
        return Join(name=name, organisation=organisation, mandate=hello.mandate)

    def _join_all(self) -> None:
        """Apply the joins gathered so far as one event."""
        self._joins_due = None
        joins, self._joins = self._joins, []
        try:
            if joins:
                ops: list[tuple[Actor, str, Op]] = [
                    (actor, f"join-{secrets.token_hex(4)}", op) for actor, op, _ in joins
                ]
                self.submit_all(ops)
            if self._new_seats:
                self._save_seats()  # seats whose join changed nothing (or was refused)
        except Exception as error:  # the disk failed: each joining connection hears of it
            for _, _, done in joins:
                if not done.done():
                    done.set_exception(error)
            return
        for _, _, done in joins:
            if not done.done():
                done.set_result(None)

    def handle(self, client: Client, message: OpMessage) -> None:
        """Apply one op from a client and answer it."""
        actor = client.actor
        previous = self.done.get((actor.id, message.op_id))
        if previous is not None:
            client.send(Ack(op_id=message.op_id, seq=previous).model_dump_json())
            return
        if not client.allow_op():
            reject = Reject(op_id=message.op_id, key="relay.too_fast")
            client.send(reject.model_dump_json())
            return
        outcome = self.submit(actor, message.op_id, message.op)
        if isinstance(outcome, Applied):
            seq = self.done.get((actor.id, message.op_id), 0)
            client.send(Ack(op_id=message.op_id, seq=seq).model_dump_json())
        else:
            reject = Reject(op_id=message.op_id, key=outcome.key, values=outcome.values)
            client.send(reject.model_dump_json())

    def submit(self, actor: Actor, op_id: str, op: Op) -> Outcome:
        """Apply with the rules; journal, then broadcast. Returns the rules' outcome."""
        return self.submit_all([(actor, op_id, op)])[0]

    def submit_all(self, ops: list[tuple[Actor, str, Op]]) -> list[Outcome]:
        """Apply ops one after the other with the rules; what they changed becomes one
        event (one journal entry, one frame per board). The outcome of each, in order."""
        outcomes: list[Outcome] = []
        session = self.session
        changes: list[Change] = []
        applied: list[tuple[str, str]] = []
        now = self.clock()
        for actor, op_id, op in ops:
            if isinstance(op, RECORDING_OPS):
                # The notulist records on the offline board.
                outcomes.append(Refused("refused.offline_only"))
                continue
            outcome = apply(session, op, actor, now)
            outcomes.append(outcome)
            if not isinstance(outcome, Applied):
                continue
            if not outcome.changes:
                self._remember(actor.id, op_id, 0)
                continue
            session = outcome.session
            changes.extend(outcome.changes)
            applied.append((actor.id, op_id))
        if not applied:
            return outcomes
        # One op: its actor and id, as ever. Several (joins): the relay's own entry.
        actor_id, op_id = applied[0] if len(applied) == 1 else ("", f"joins-{secrets.token_hex(4)}")
        entry = Entry(seq=self.seq + 1, actor=actor_id, op_id=op_id, changes=tuple(changes))
        ids = {actor_id for actor_id, _ in applied}
        seats = {k: seat for k, seat in self._new_seats.items() if seat.participant in ids}
        self.journal.append(entry, seats)  # durable before anyone hears of it
        if seats:
            self._seats_in_journal = True
            for key in seats:
                del self._new_seats[key]
        self.seq = entry.seq
        self.session = session
        self.history.append(entry)
        for actor_id, op_id in applied:
            self._remember(actor_id, op_id, entry.seq)
        joins = all(isinstance(op, Join) for _, _, op in ops)
        self._broadcast(entry, joins)
        self._reseat(entry.changes)
        if self.waiters and any(isinstance(c, ParticipantPut) for c in entry.changes):
            self.send_lobby()  # a new co-facilitator sees who waits
        return outcomes

    def _reseat(self, changes: tuple[Change, ...]) -> None:
        """After a merge or a removed seat: tokens lead to the seat that stays, and boards
        of a seat that left the table come back as that person (or go)."""
        gone = departures(changes)
        if not gone:
            return
        seats = reseat(self.seats, changes)
        if seats != self.seats:
            self.seats = seats
            if self._seats_in_journal:
                self.checkpoint()  # the seats file, and a journal without the old seats
            else:
                self.journal.save_seats(seats)
        for client in [c for c in self.clients if c.actor.id in gone]:
            self._unregister(client)
            kept = self.session.participant(gone[client.actor.id])
            if kept is not None:
                ending = client.end(
                    "relay.seat_merged", CLOSE_MERGED, {"name": kept.name}, fatal=False
                )
            else:
                ending = client.end("relay.seat_removed", CLOSE_TAKEN_OVER)
            asyncio.ensure_future(ending)

    def _remember(self, actor: str, op_id: str, seq: int) -> None:
        self.done[(actor, op_id)] = seq
        while len(self.done) > DONE_KEEP:
            self.done.popitem(last=False)

    def _event(
        self,
        entry: Entry,
        viewer: Actor,
        extra: tuple[Change, ...] = (),
        memo: dict[str, Card] | None = None,
        private: bool | None = None,
    ) -> Event:
        changes = view_changes(entry.changes, self.session, viewer, memo) + extra
        if private is None:
            private = is_private(entry.changes, self.session)
        actor = entry.actor if not private or entry.actor == viewer.id else ""
        return Event(seq=entry.seq, changes=changes, actor=actor, now=self.clock())

    def _broadcast(self, entry: Entry, joins: bool = False) -> None:
        """Send `entry` to every board, each in its view. Joins (`joins`: the entry holds
        only what `Join` ops changed) wait for the next presence; any other op, a role or a
        mandate too, goes out at once, before its actor hears the op was done."""
        # What others see of private writing: the counts, whenever they change.
        now_waiting = waiting(self.session)
        extra: tuple[Change, ...] = ()
        if now_waiting != self._waiting:
            self._waiting = now_waiting
            extra = (now_waiting,)
        if joins and not extra and all(isinstance(c, ParticipantPut) for c in entry.changes):
            # Who joined goes out with the next presence, the same for every board.
            self._held.append(entry)
            self._held_text.clear()
            self.announce_presence()
            return
        encoded: dict[str, str] = {}
        private = is_private(entry.changes, self.session)
        authors = private_authors(entry.changes, self.session)  # once per event, not per client
        memo: dict[str, Card] = {}
        events: dict[str, Event] = {}
        for client in self.clients:
            key = key_for(authors, client.actor, entry.changes, self.session)
            if private and client.actor.id == entry.actor:
                key += "|actor"  # only the actor hears it was them: never share these bytes
            event = events.get(key)
            if event is None:
                event = events[key] = self._event(entry, client.actor, extra, memo, private)
            if not event.changes:
                # Nothing for this board (another's dot while voting): no frame at all, so
                # nobody learns when someone else voted. The next event says what it follows.
                continue
            # The joins it lacks go first; only to a board that gets this event (a frame
            # to the others now would tell them that something happened, say a vote).
            self._catch_up(client)
            after = client.sent
            sent_key = key if after == entry.seq - 1 else f"{key}|{after}"
            text = encoded.get(sent_key)
            if text is None:
                text = encoded[sent_key] = _following(event, after).model_dump_json()
            client.send(text)
            client.sent = entry.seq

    def _send_held(self) -> None:
        """Send the held joins to every board that lacks them (with the presence)."""
        for client in self.clients:
            self._catch_up(client)
        self._held = []
        self._held_text.clear()
        self._held_parts.clear()

    def _catch_up(self, client: Client) -> None:
        """Send this board the held joins it lacks, as one event (its seq the last one's,
        `after` says where it follows on). A room that fills at once sends each board one
        frame per presence, not one per newcomer."""
        if not self._held:
            return
        last = self._held[-1].seq
        after = client.sent
        if after >= last:
            return  # welcomed after them: its welcome had them
        text = self._held_text.get(after)
        if text is None:
            entries = [e for e in self._held if e.seq > after]
            actor = entries[0].actor if len(entries) == 1 else ""
            event = _following(Event(seq=last, changes=(), actor=actor, now=self.clock()), after)
            changes = ",".join(self._held_part(e) for e in entries)
            head = event.model_dump_json(exclude={"changes"})
            text = self._held_text[after] = f'{head[:-1]},"changes":[{changes}]}}'
        client.send(text)
        client.sent = last

    def _held_part(self, entry: Entry) -> str:
        """The participant_put changes of a held join, encoded once for every board (what
        is at its default left out, as in a snapshot: a room of a thousand that fills at
        once sends each board every newcomer)."""
        part = self._held_parts.get(entry.seq)
        if part is None:
            part = self._held_parts[entry.seq] = ",".join(
                '{"type":"participant_put","participant":'
                + change.participant.model_dump_json(exclude_defaults=True)
                + "}"
                for change in entry.changes
                if isinstance(change, ParticipantPut)
            )
        return part

    def online(self) -> tuple[str, ...]:
        """Ids of the participants connected now (observers not counted)."""
        if self._online is None:
            self._online = tuple(self._online_counts)
        return self._online

    def _register(self, client: Client) -> None:
        """A connection is in: it gets events, and counts as online."""
        self.clients.append(client)
        if client.seat:
            self._by_seat[client.seat] = client
        client.on_drop = lambda: self._count(client, False)
        self._count(client, True)

    def _unregister(self, client: Client) -> None:
        """A connection is out: no more events, not online."""
        self.clients.remove(client)
        if self._by_seat.get(client.seat) is client:
            del self._by_seat[client.seat]
        self._count(client, False)

    def unregister_all(self) -> None:
        """Every connection is out (the relay stops)."""
        for client in self.clients:
            client.counted = False
        self.clients.clear()
        self._by_seat.clear()
        self._online_counts.clear()
        self._online = None

    def _count(self, client: Client, live: bool) -> None:
        """Count a connection as online or not (once each way; a dropped one is not)."""
        live = live and not client.dropped and client.actor.role is not Role.OBSERVER
        if client.counted == live:
            return
        client.counted = live
        who = client.actor.id
        number = self._online_counts.get(who, 0) + (1 if live else -1)
        if number > 0:
            self._online_counts[who] = number
        else:
            self._online_counts.pop(who, None)
        self._online = None

    def announce_presence(self) -> None:
        """Tell everyone who is connected, at most every PRESENCE_EVERY seconds.

        A room of 200 that joins at once (or comes back after a Wi-Fi drop) would otherwise
        send 200 × 200 presence messages; now the joins of a moment share one.
        """
        if self._presence_due is not None:
            return
        loop = asyncio.get_running_loop()
        size = max(1.0, len(self.clients) / PRESENCE_ROOM)
        delay = min(PRESENCE_MAX, PRESENCE_EVERY * size)
        self._presence_due = loop.call_later(delay, self._send_presence)

    def _send_presence(self) -> None:
        """Tell everyone who came and who went since the last presence (the whole list
        would be N ids to N boards, O(N²), whenever a room fills)."""
        self._presence_due = None
        self._send_held()  # who joined comes before they are counted online
        online = self.online()
        encoded: dict[tuple[str, ...], str] = {}
        for client in self.clients:
            base = self._announced if client.presence_base is None else client.presence_base
            client.presence_base = None
            text = encoded.get(base)
            if text is None:
                text = encoded[base] = _presence(base, online)
            if text:
                client.send(text)
        self._announced = online

    def leave(self, client: Client) -> None:
        """A connection ended."""
        if client in self.clients:
            self._unregister(client)
            self.announce_presence()

    def checkpoint(self) -> None:
        """Bring the TOML file up to date and start a fresh journal."""
        if self.seq == self.checkpointed and not self._seats_in_journal:
            return
        if self._seats_in_journal:  # the fresh journal will not have them
            self.journal.save_seats(self.seats)
            self._seats_in_journal = False
        done = [Done(a, o, s) for (a, o), s in self.done.items()]
        self.journal.checkpoint(self.session, self.seq, done)
        self.checkpointed = self.seq
        LOG.info("%s: saved up to event %d", self.path.name, self.seq)

    def close(self) -> None:
        """Save and close the journal (a clean stop)."""
        if self._joins_due is not None:
            self._joins_due.cancel()
            self._join_all()  # joins still gathering are saved too
        self._save_seats()
        self.checkpoint()
        self.journal.close()


def _observer(actor: Actor) -> Participant:
    return Participant(id=actor.id, name="waarnemer", role=Role.OBSERVER)


class Relay:
    """A websockets server with one room per session file."""

    def __init__(
        self,
        rooms: list[Room],
        new_seats_per_minute: int | None = None,
        trusted_proxies: Iterable[Network] = (),
    ) -> None:
        self.rooms = rooms
        self.by_name = {room.name: room for room in rooms}
        """Each room by the name in its path."""
        self.trusted_proxies = tuple(trusted_proxies)
        """Proxies whose X-Forwarded-For is believed (`--trusted-proxy`)."""
        self._forged: dict[str, float] = {}
        """When a forwarded-for header from each untrusted address was last logged."""
        self.new_seats_per_minute = new_seats_per_minute
        """New seats one address may open per minute (None: NEW_SEATS_PER_MINUTE)."""
        self._server: Server | None = None
        self._local: list[Server] = []
        self._wrong: dict[str, deque[float]] = {}
        """When each address last gave a wrong code or seat token (for the delay)."""
        self._room_wrong: deque[float] = deque()
        self._warned = 0.0
        self._held = 0
        self._new_seats: dict[str, deque[float]] = {}
        self._checkpointer: asyncio.Task[None] | None = None
        self.port = 0
        self.opening = 0
        """Connections on their way: connected, their hello not read yet (the joins of a
        moment wait a little for them, see JOIN_GATHER)."""
        self._connection = arriving_connection(self)

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, tls: ssl.SSLContext | None = None
    ) -> None:
        """Listen on host:port (port 0 picks a free one; read it back from `port`)."""
        self._server = await serve(
            self._handler,
            host,
            port,
            max_size=MAX_FRAME,
            max_queue=16,
            # No per-connection deflate: it cost a sixth of the relay's time at 200 clients
            # and 50 KB per client; a LAN carries the bigger frames easily (see benchmarks).
            compression=None,
            ping_interval=20,
            ping_timeout=20,
            ssl=tls,
            create_connection=self._connection,
        )
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        self._checkpointer = asyncio.create_task(self._checkpoints())
        LOG.info("relay listening on %s:%d", host, self.port)

    async def listen_local(self, host: str = "127.0.0.1") -> int:
        """Also listen on a loopback port, without TLS; returns the port.

        For boards this process starts itself (the SSH entrance): they reach the rooms
        whatever address or certificate the public listener has.
        """
        server = await serve(
            self._local_handler,
            host,
            0,
            max_size=MAX_FRAME,
            max_queue=16,
            compression=None,
            ping_interval=20,
            ping_timeout=20,
            create_connection=self._connection,
        )
        self._local.append(server)
        port: int = next(iter(server.sockets)).getsockname()[1]
        return port

    async def stop(self, final: bool = True) -> None:
        """Close every connection, save every room, stop listening.

        `final`: the session ends here, and every board hears so ("De sessie is gestopt")
        and stops trying. Otherwise the relay restarts: boards reconnect by themselves.
        """
        if self._checkpointer is not None:
            self._checkpointer.cancel()
        clients = [client for room in self.rooms for client in room.clients]
        waiters = [waiter for room in self.rooms for waiter in room.waiters.values()]
        for room in self.rooms:
            room.unregister_all()
            room.waiters.clear()
        code = CLOSE_STOPPED if final else CLOSE_RESTART
        ending = [
            c.end(_stop_key(c.actor.role, final), code, fatal=final, timeout=STOP_TIMEOUT)
            for c in clients
        ]
        # Those in the lobby hear it too (as participants); after a restart they wait again.
        key = _stop_key(Role.PARTICIPANT, final)
        ending += [_say_end(w.ws, key, code, final) for w in waiters]
        await asyncio.gather(*ending)
        for local in self._local:
            local.close(close_connections=True)
            try:
                await asyncio.wait_for(local.wait_closed(), STOP_TIMEOUT)
            except TimeoutError:
                for connection in list(local.all_connections):
                    connection.transport.abort()
        if self._server is not None:
            self._server.close(close_connections=True)
            try:
                await asyncio.wait_for(self._server.wait_closed(), STOP_TIMEOUT)
            except TimeoutError:
                # A peer that stopped reading never takes its close frame: cut it off,
                # or the stop (and the save after it) waits for the keepalive, if ever.
                for connection in list(self._server.all_connections):
                    connection.transport.abort()
                await self._server.wait_closed()
        for room in self.rooms:
            room.close()
        LOG.info("relay stopped; sessions saved")

    async def _checkpoints(self) -> None:
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            for room in self.rooms:
                try:
                    room.checkpoint()
                except OSError as error:
                    LOG.error("%s: saving failed: %s", room.path, error)

    def _wrong_delay(self, address: str) -> float:
        """Count a wrong code from `address`; how long its answer waits (growing, like sshd).

        The code is always compared first, so the right code from the same address is let
        in at once, whatever others behind the same router try.
        """
        now = time.monotonic()
        seen = _recent(self._wrong, address, now, WRONG_FORGET)
        seen.append(now)
        room = self._room_wrong
        room.append(now)
        while room and now - room[0] > 60:
            room.popleft()
        if len(room) > ROOM_WRONG_PER_MINUTE:
            if now - self._warned > 60:
                self._warned = now
                LOG.warning("%d wrong codes in the last minute: someone may be guessing", len(room))
            return WRONG_DELAY_MAX
        if len(seen) <= WRONG_FREE:
            return 0.0
        growing: float = WRONG_DELAY_FIRST * 2.0 ** (len(seen) - WRONG_FREE - 1)
        return min(WRONG_DELAY_MAX, growing)

    async def _refuse_wrong(self, ws: ServerConnection, address: str, key: str) -> None:
        """Refuse a wrong code or seat token after the address's delay."""
        delay = self._wrong_delay(address)
        LOG.info(
            "wrong %s from %s", "seat token" if key == "relay.seat_unknown" else "code", address
        )
        if delay and self._held < HELD_MAX:
            self._held += 1
            try:
                await asyncio.sleep(delay)
            finally:
                self._held -= 1
        await _refuse(ws, key, CLOSE_BAD_CODE)

    def nobody_on_the_way(self) -> None:
        """The last connection on its way said hello (or went): the joins gathered need
        not wait longer."""
        for room in self.rooms:
            room.join_soon()

    def _too_many_seats(self, address: str) -> bool:
        """Has `address` opened too many new seats in the last minute? Counts this one."""
        now = time.monotonic()
        seen = _recent(self._new_seats, address, now, 60.0)
        if len(seen) >= (self.new_seats_per_minute or NEW_SEATS_PER_MINUTE):
            LOG.warning("too many new seats from %s: refused", address)
            return True
        seen.append(now)
        return False

    async def _local_handler(self, ws: ServerConnection) -> None:
        """Boards this process started (the SSH and browser entrances, which admit people
        themselves): no per-address limit on new seats, as they all come from here."""
        await self._handler(ws, local=True)

    def client_address(self, ws: ServerConnection) -> str:
        """The address a connection comes from: the peer's, or behind a trusted proxy the
        rightmost address in X-Forwarded-For that is not a trusted proxy itself. From
        anyone else the header is ignored (and logged)."""
        peer = str(ws.remote_address[0]) if ws.remote_address else "?"
        request = ws.request
        forwarded = request.headers.get_all("X-Forwarded-For") if request is not None else []
        if not forwarded:
            return peer
        if not trusted(peer, self.trusted_proxies):
            now = time.monotonic()
            if now - self._forged.get(peer, -FORWARDED_LOG_EVERY) >= FORWARDED_LOG_EVERY:
                if len(self._forged) > 10000:
                    self._forged.clear()
                self._forged[peer] = now
                LOG.warning("X-Forwarded-For from %s (not a trusted proxy) ignored", peer)
            return peer
        return forwarded_client(peer, forwarded, self.trusted_proxies)

    def _room_at(self, ws: ServerConnection) -> Room | None | bool:
        """The room this connection's path names; True at `/` (the code chooses), None
        for a path that names no room."""
        target = ws.request.path if ws.request is not None else "/"
        path = target.split("?", 1)[0].rstrip("/")
        if not path:
            return True
        if not path.startswith(ROOM_PREFIX) or "/" in path[len(ROOM_PREFIX) :]:
            return None
        return self.by_name.get(path[len(ROOM_PREFIX) :])

    async def _handler(self, ws: ServerConnection, local: bool = False) -> None:
        if local:  # the entrances on loopback: they say themselves whom they let in
            address = str(ws.remote_address[0]) if ws.remote_address else "?"
        else:
            address = self.client_address(ws)
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except TimeoutError:
            await _refuse(ws, "relay.hello_timeout", CLOSE_PROTOCOL)
            return
        except ConnectionClosed:
            return
        finally:
            if isinstance(ws, Arriving):
                ws.arrived()
        try:
            hello = CLIENT_MESSAGE.validate_json(raw)
        except ValidationError:
            hello = None
        if not isinstance(hello, Hello):
            await _refuse(ws, "relay.hello_first", CLOSE_PROTOCOL)
            return
        if hello.protocol != PROTOCOL_VERSION:
            await _refuse(ws, "relay.protocol_version", CLOSE_PROTOCOL)
            return
        at = self._room_at(ws)
        rooms = self.rooms if at is True else [at] if isinstance(at, Room) else []
        # A path that names no room gets the very answer of a wrong code (and counts as
        # one): nobody learns which rooms exist by trying names.
        found = [(room, room.role_for(hello.code, hello.view)) for room in rooms]
        match = next(((room, role) for room, role in found if role is not None), None)
        if match is None or match[1] is None:
            await self._refuse_wrong(ws, address, "relay.bad_code")
            return
        room, role = match
        if hello.token and not room.knows(hello.token):
            # A stale or guessed seat token counts as a wrong code; the board that kept
            # a stale one asks again without it (a new seat).
            await self._refuse_wrong(ws, address, "relay.seat_unknown")
            return
        if role is Role.PARTICIPANT and not hello.token and not hello.name.strip():
            await _refuse(ws, "relay.name_needed", CLOSE_PROTOCOL)
            return
        if not hello.token and role is Role.PARTICIPANT and not local:
            if self._too_many_seats(address):
                await _refuse(ws, "relay.too_many_seats", CLOSE_TOO_MANY)
                return
        if not room.admitted(hello, role):
            if len(room.waiters) >= LOBBY_MAX:
                await _refuse(ws, "relay.lobby_full", CLOSE_TOO_MANY)
                return
            if not await self._wait_in_lobby(room, ws, hello, address, local):
                return
        actor, token = room.seat(hello, role)
        if hello.name or room.session.participant(actor.id) is None:
            await room.join(actor, hello, others=self.opening > 0)
        client = Client(ws, actor, token_hash(token), room.bucket(actor), address)
        client.send(room.welcome(client, token, hello.since))
        if room.lobby and decides(room.session, actor):
            client.send(room.lobby_list())  # who waits, right after the welcome
        room.announce_presence()
        LOG.info("%s joined %s as %s from %s", actor.id, room.path.name, actor.role.value, address)
        writer = asyncio.create_task(client.writer())
        try:
            async for raw in ws:
                self._receive(room, client, raw)
                if client.bad > MAX_BAD:
                    client.send(
                        ErrorMessage(key="relay.too_many_bad", fatal=True).model_dump_json()
                    )
                    await ws.close(CLOSE_PROTOCOL, "relay.too_many_bad")
                    break
        except ConnectionClosed:
            pass
        finally:
            writer.cancel()
            room.leave(client)
            LOG.info("%s left %s", actor.id, room.path.name)

    async def _wait_in_lobby(
        self, room: Room, ws: ServerConnection, hello: Hello, address: str, local: bool
    ) -> bool:
        """Hold a newcomer in the lobby until a facilitator decides; True: let in.

        They hear only that they wait: no board, no events, no presence. What they send
        meanwhile is read and dropped (it never reaches the rules).
        """
        waiter = room.wait(ws, hello, address, local)
        try:
            await ws.send(Lobby().model_dump_json())
            reader: asyncio.Future[None] = asyncio.ensure_future(_drain(ws))
            decided = asyncio.ensure_future(_decision(waiter.decided))
            try:
                await asyncio.wait({reader, decided}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                decided.cancel()
                reader.cancel()  # safe: websockets loses no message by a cancelled recv
                with contextlib.suppress(asyncio.CancelledError):
                    await reader  # its recv has ended before the handler reads on
        except ConnectionClosed:
            return False
        finally:
            room.unwait(waiter)
        if not waiter.decided.done():
            return False  # they left, or too many broken messages, or the relay stops
        if not waiter.decided.result():
            LOG.info("%s: a newcomer from %s was not let in", room.path.name, address)
            await _refuse(ws, "relay.not_admitted", CLOSE_NOT_ADMITTED)
            return False
        return True

    def _receive(self, room: Room, client: Client, raw: str | bytes) -> None:
        try:
            message = CLIENT_MESSAGE.validate_json(raw)
        except ValidationError as error:
            client.bad += 1
            first = error.errors()[0]
            where = ".".join(str(part) for part in first.get("loc", ()))
            text = ErrorMessage(key="relay.bad_message", values={"where": where or "-"})
            client.send(text.model_dump_json())
            return
        if isinstance(message, Hello):
            client.bad += 1
            client.send(ErrorMessage(key="relay.hello_twice").model_dump_json())
            return
        if isinstance(message, Admit | Refuse):
            room.decide(client, message)
            return
        room.handle(client, message)


class Arriving(ServerConnection):
    """A connection that counts as on its way (`Relay.opening`) from the moment it is
    made until its hello is read or it ends."""

    relay: Relay
    on_the_way = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.on_the_way = True
        self.relay.opening += 1
        super().connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self.arrived()

    def arrived(self) -> None:
        """Its hello was read (or it ended): no longer on its way."""
        if self.on_the_way:
            self.on_the_way = False
            self.relay.opening -= 1
            if not self.relay.opening:
                self.relay.nobody_on_the_way()


def arriving_connection(relay: Relay) -> type[Arriving]:
    """The connection class of `relay`'s listeners (each counts itself in `opening`)."""
    return type("RelayConnection", (Arriving,), {"relay": relay})


def _following(event: Event, after: int) -> Event:
    """`event` as sent to a board whose last event was `after` (said only when events in
    between had nothing for it)."""
    return event if after == event.seq - 1 else event.model_copy(update={"after": after})


def _presence(before: tuple[str, ...], now: tuple[str, ...]) -> str:
    """The presence that brings a board from `before` to `now`, encoded ("" for none)."""
    had, has = set(before), set(now)
    came = tuple(p for p in now if p not in had)
    went = tuple(p for p in before if p not in has)
    return Presence(came=came, went=went).model_dump_json() if came or went else ""


def _stop_key(role: Role, final: bool) -> str:
    """What a board hears when the relay stops: a participant that their cards are kept, a
    facilitator that the file is saved, a projector only that it is over."""
    if not final:
        return "relay.restarting"
    if role is Role.OBSERVER:
        return "relay.stopped_view"
    if role is Role.PARTICIPANT:
        return "relay.stopped"
    return "relay.stopped_facilitator"


def _recent(
    table: dict[str, deque[float]], address: str, now: float, window: float
) -> deque[float]:
    """The times in `table` for `address` within `window` seconds (older ones dropped)."""
    if len(table) > 10000:  # many addresses: forget those whose window has passed
        for known in [a for a, times in table.items() if not times or now - times[-1] > window]:
            del table[known]
    seen = table.setdefault(address, deque())
    while seen and now - seen[0] > window:
        seen.popleft()
    return seen


async def _decision(decided: asyncio.Future[bool]) -> None:
    """Wait for a facilitator's decision (shielded: cancelling this does not cancel it)."""
    await asyncio.shield(decided)


async def _drain(ws: ServerConnection) -> None:
    """Read and drop what a waiting newcomer sends, until the connection closes (or more
    than MAX_BAD messages came: then close it with 4003)."""
    count = 0
    with contextlib.suppress(ConnectionClosed):
        async for _ in ws:
            count += 1
            if count > MAX_BAD:
                await ws.close(CLOSE_PROTOCOL, "relay.too_many_bad")
                return


async def _say_end(ws: ServerConnection, key: str, code: int, fatal: bool) -> None:
    """Tell a waiting newcomer the relay stops (or restarts) and close."""
    text = ErrorMessage(key=key, fatal=fatal).model_dump_json()
    try:
        await asyncio.wait_for(_send_close(ws, text, code, key), STOP_TIMEOUT)
    except TimeoutError:
        ws.transport.abort()


async def _send_close(ws: ServerConnection, text: str, code: int, reason: str) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.send(text)
        await ws.close(code, reason)


async def _refuse(ws: ServerConnection, key: str, code: int) -> None:
    with contextlib.suppress(ConnectionClosed):
        await ws.send(ErrorMessage(key=key, fatal=True).model_dump_json())
        await ws.close(code, key)


def room_name(path: Path) -> str:
    """The name of a session file's room in its path: the file name without `.toml`, in
    lower case, with anything but letters, digits, `-`, `_` and `.` as `-`."""
    stem = path.name.removesuffix(".toml").lower()
    return re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-.") or "kamer"


def load_rooms(
    paths: list[Path], code: str | None, facilitator_code: str | None, lobby: bool = False
) -> list[Room]:
    """One room per file; with several files, each gets its own codes unless given.
    `lobby`: newcomers wait to be let in, in every room (else as each session says)."""
    if len(paths) > 1 and (code or facilitator_code):
        return [
            Room(
                path,
                f"{code}-{n}" if code else None,
                f"{facilitator_code}-{n}" if facilitator_code else None,
                lobby=lobby,
            )
            for n, path in enumerate(paths, 1)
        ]
    return [Room(path, code, facilitator_code, lobby=lobby) for path in paths]


__all__ = [
    "Relay",
    "Room",
    "Session",
    "load_rooms",
    "room_name",
]
