"""A room that everyone joins at once (a class, a relay restart): every board ends with
everyone at the table and online, and each hears of the others in a few frames, not in one
frame per newcomer. Real relay, real websockets clients."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from boardkit import session_file as board_session_file
from factories import make_session
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    Raw,
    close_all,
    eventually,
    facilitator,
    join,
    knock,
    session_file,
    start_relay,
)

from tui_board.core.model import Role
from tui_board.core.ops import Actor, ParticipantPut, SetMandate, SetPrivate, SetRole, VoteOp
from tui_board.core.views import NOBODY, owns_something, view_session
from tui_board.live import relay as relay_module
from tui_board.live.protocol import Ack, Event, Hello, Presence, Welcome
from tui_board.live.relay import Relay, Room

JOINING = 100


def at_the_table(raw: Raw) -> set[str]:
    """Who sits at the table as this board knows it: its snapshot, then the events."""
    assert raw.welcome is not None and raw.welcome.snapshot is not None
    people = {p.id for p in raw.welcome.snapshot.participants}
    for message in raw.received:
        if isinstance(message, Event):
            people |= {c.participant.id for c in message.changes if isinstance(c, ParticipantPut)}
    return people


async def complete(raw: Raw, everyone: set[str]) -> None:
    """Read until this board has everyone at the table and online."""
    while not (everyone <= at_the_table(raw) and set(raw.online) == everyone):
        await raw.next(timeout=10)


@contextlib.asynccontextmanager
async def room_for_many(tmp_path: Path) -> AsyncIterator[tuple[Relay, str, list[Raw]]]:
    """A relay whose room takes a crowd from one address; the boards put in the list are
    closed afterwards, then the relay stops."""
    relay = Relay([Room(session_file(tmp_path), CODE, FACILITATOR_CODE)], new_seats_per_minute=1000)
    await relay.start("127.0.0.1", 0)
    boards: list[Raw] = []
    try:
        yield relay, f"ws://127.0.0.1:{relay.port}", boards
    finally:
        await close_all(*boards)
        await relay.stop()


async def test_a_room_that_fills_at_once_hears_of_it_in_a_few_frames(tmp_path: Path) -> None:
    async with room_for_many(tmp_path) as (relay, url, boards):
        first = await join(url, name="Eerste")
        boards += [
            first,
            *await asyncio.gather(*(join(url, name=f"D {n}") for n in range(JOINING))),
        ]
        everyone = {raw.you.id for raw in boards}
        assert len(everyone) == JOINING + 1
        await asyncio.wait_for(asyncio.gather(*(complete(raw, everyone) for raw in boards)), 30)

        # The first board was in before all of them: one frame per newcomer would be 100
        # events. The joins go out with the presence that counts them online.
        events = [m for m in first.received if isinstance(m, Event)]
        presences = [m for m in first.received if isinstance(m, Presence)]
        assert len(events) <= len(presences) + 1, (len(events), len(presences))
        assert len(first.received) < JOINING / 2, f"{len(first.received)} frames"
        # Across all boards, too: far below one frame per newcomer per board (~N²/2).
        total = sum(len(raw.received) - 1 for raw in boards)  # the welcome not counted
        assert total < JOINING * JOINING / 8, total
        # And they became a few journal entries, not one per newcomer.
        joins = [
            e
            for e in relay.rooms[0].history
            if any(isinstance(c, ParticipantPut) for c in e.changes)
        ]
        assert len(joins) < JOINING / 2, len(joins)


async def test_newcomers_share_a_snapshot_that_holds_nothing_of_anyone(tmp_path: Path) -> None:
    # The welcomes of a moment share one encoded board: the board as someone who owns
    # nothing on it sees it. An author's own hidden card is in their welcome alone.
    async with room_for_many(tmp_path) as (relay, url, boards):
        ria = await join(url, FACILITATOR_CODE, "Ria")
        anna = await join(url, name="Anna")
        boards += [ria, anna]
        assert isinstance(await ria.op(SetPrivate(on=True)), Ack)
        await anna.add_card(text="GEHEIM van Anna")
        await anna.close()
        assert anna.welcome is not None
        # Anna comes back afresh (no `since`) between newcomers of the same moment.
        arrivals = [join(url, name=f"Nieuw {n}") for n in range(5)]
        arrivals.insert(2, join(url, name="", token=anna.welcome.token))
        boards += await asyncio.gather(*arrivals)
        back = boards[2 + 2]
        assert back.you.id == anna.you.id
        for raw in boards[2:]:
            assert raw.welcome is not None and raw.welcome.snapshot is not None
            texts = [c.text for c in raw.welcome.snapshot.cards]
            if raw is back:
                assert "GEHEIM van Anna" in texts, "her own hidden card"
            else:
                assert "GEHEIM van Anna" not in texts


def test_a_presence_says_who_came_and_who_went() -> None:
    online = ("anna", "bram", "cor")
    assert Presence(came=("dirk",), went=("bram",)).apply(online) == ("anna", "cor", "dirk")
    assert Presence(came=("anna",)).apply(online) == online, "one who is there stays once"
    assert Presence(went=("zoe",)).apply(online) == online


def test_who_owns_nothing_sees_what_nobody_sees() -> None:
    session = make_session()
    for person in session.participants:
        mine = owns_something(session, person.id)
        shared = view_session(session, Actor(NOBODY, Role.OBSERVER))
        own = view_session(session, Actor(person.id, person.role))
        assert mine or own == shared, person.id
    assert not owns_something(session, "p-nieuw")
    assert any(owns_something(session, p.id) for p in session.participants)


async def test_held_joins_never_tell_a_board_that_someone_voted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A join waits for the presence; a board that gets nothing of an event (another's
    # dot while voting) must not get the held join at that moment either: a frame then
    # would say that someone just did something.
    monkeypatch.setattr(relay_module, "PRESENCE_EVERY", 60.0)  # no presence during the test
    path = board_session_file(tmp_path, {"rollen": ["Een", "Twee"]}, phase="prioriteren")
    live = await start_relay(path)
    try:
        anna = await join(live.url, name="Anna")
        cor = await join(live.url, name="Cor")
        assert isinstance(await anna.op(VoteOp(card_id="k1", delta=1)), Ack)  # Cor hears "1"
        [seen] = [c for c in live.room.clients if c.actor.id == cor.you.id]
        bram = await join(live.url, name="Bram")  # held: no presence for a minute
        before = seen.sent
        assert isinstance(await anna.op(VoteOp(card_id="k1", delta=1)), Ack)  # her 2nd dot
        assert seen.sent == before, "nothing went to Cor for Anna's second dot"
        # The next event Cor does get brings Bram along first.
        assert isinstance(await bram.op(VoteOp(card_id="k2", delta=1)), Ack)  # "2 voted"
        last = live.room.seq
        await cor.event(last)
        joined = [m for m in cor.received if isinstance(m, Event) and m.seq < last]
        assert any(
            isinstance(c, ParticipantPut) and c.participant.id == bram.you.id
            for m in joined
            for c in m.changes
        )
        await close_all(anna, cor, bram)
    finally:
        await live.stop()


async def test_a_role_or_mandate_is_no_join_and_is_heard_before_its_ack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only joins wait for the presence. A role given to someone changes only a participant
    # too, yet it goes out at once: every board hears it, and the facilitator before the
    # ack (the protocol's promise: an op's event comes before its ack).
    monkeypatch.setattr(relay_module, "PRESENCE_EVERY", 60.0)  # no presence during the test
    live = await start_relay(board_session_file(tmp_path, {"rollen": ["Een"]}))
    try:
        ria = await facilitator(live.url)
        fatima = await join(live.url, name="Fatima")
        await ria.presence(lambda online: fatima.you.id in online)
        await fatima.presence(lambda online: ria.you.id in online)
        before = len(ria.received)
        answer = await ria.op(SetRole(participant=fatima.you.id, role=Role.COFACILITATOR))
        assert isinstance(answer, Ack)
        heard = [m for m in ria.received[before:] if isinstance(m, Event)]
        roles = [
            c.participant.role for m in heard for c in m.changes if isinstance(c, ParticipantPut)
        ]
        assert roles == [Role.COFACILITATOR]
        told = await fatima.event(answer.seq, timeout=2.0)
        assert isinstance(told.changes[0], ParticipantPut)
        assert isinstance(await fatima.op(SetMandate(mandate=True)), Ack)
        mandate = await ria.event(live.room.seq, timeout=2.0)
        assert [
            c.participant.mandate for c in mandate.changes if isinstance(c, ParticipantPut)
        ] == [True]
        await close_all(ria, fatima)
    finally:
        await live.stop()


async def test_a_join_waits_only_for_connections_on_their_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The gathering window is as long as a test: whatever ends it here is the relay seeing
    # that nobody else is on the way, not the clock.
    monkeypatch.setattr(relay_module, "JOIN_GATHER", 60.0)
    async with room_for_many(tmp_path) as (relay, url, boards):
        room = relay.rooms[0]
        # Alone: let in at once.
        boards.append(await join(url, name="Eerste"))
        assert relay.opening == 0
        seq = room.seq

        # Someone is connected and has not said hello yet: a join waits for them…
        late = await knock(url, None)
        boards.append(late)
        await eventually(lambda: relay.opening == 1, message="the connection is on its way")
        second = asyncio.ensure_future(join(url, name="Tweede"))
        await eventually(lambda: len(room._joins) == 1, message="the join waits")
        assert not second.done() and room.seq == seq
        # …and both become one event the moment they do.
        await late.send(Hello(code=CODE, name="Derde"))
        welcome = await late.next()
        assert isinstance(welcome, Welcome)
        boards.append(await asyncio.wait_for(second, 10))
        assert room.seq == seq + 1
        changes = room.history[-1].changes
        joined = [c.participant.name for c in changes if isinstance(c, ParticipantPut)]
        assert sorted(joined) == ["Derde", "Tweede"]

        # One that goes without a word does not hold anyone up.
        silent = await knock(url, None)
        await eventually(lambda: relay.opening == 1, message="the connection is on its way")
        fourth = asyncio.ensure_future(join(url, name="Vierde"))
        await eventually(lambda: len(room._joins) == 1, message="the join waits")
        await silent.close()
        boards.append(await asyncio.wait_for(fourth, 10))
        assert relay.opening == 0 and room.seq == seq + 2
