"""The relay's protocol over real sockets: hello, welcome, ops, acks, events, resume, presence."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from factories import PEOPLE, make_session
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    LiveRelay,
    close_all,
    facilitator,
    join,
    knock,
    running_relay,
    session_file,
    start_relay,
)

from tui_board.core.model import Role
from tui_board.core.ops import AddCard, CardPut, EditCard, MoveCard, ParticipantPut
from tui_board.live import relay as relay_module
from tui_board.live.protocol import Ack, Event, Hello, Reject
from tui_board.live.relay import Relay, Room, load_rooms


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    async with running_relay(tmp_path) as running:
        yield running


def card_puts(event: Event) -> list[CardPut]:
    return [c for c in event.changes if isinstance(c, CardPut)]


async def test_hello_gets_a_welcome_with_the_board_as_it_is(live: LiveRelay) -> None:
    noor = await join(live.url, name="Noor", organisation="GGD")
    welcome = noor.welcome
    assert welcome is not None
    assert welcome.you.name == "Noor" and welcome.you.organisation == "GGD"
    assert welcome.you.role is Role.PARTICIPANT
    assert welcome.token
    assert welcome.events == ()
    assert welcome.snapshot is not None
    assert welcome.snapshot == live.room.session, "the snapshot is the relay's board"
    assert welcome.seq == live.room.seq == 1, "joining the table was the first event"
    assert {c.id for c in welcome.snapshot.cards} == {"a1", "b1", "a2", "r1", "b2"}
    assert welcome.snapshot.participant(welcome.you.id) == welcome.you
    assert welcome.online == (welcome.you.id,)
    await noor.close()


async def test_the_relay_decides_who_is_who(live: LiveRelay) -> None:
    # A participant who calls herself Ria is not the facilitator Ria.
    fake_ria = await join(live.url, CODE, "Ria")
    assert fake_ria.you.role is Role.PARTICIPANT
    assert fake_ria.you.id != "ria" and fake_ria.you.id.startswith("p-")
    # The facilitator code gives the facilitator's seat at the table.
    ria = await facilitator(live.url)
    assert ria.you.id == "ria" and ria.you.role is Role.FACILITATOR
    # view=True gives an observer, with either code, whatever the name.
    for code in (CODE, FACILITATOR_CODE):
        viewer = await join(live.url, code, "Ria", view=True)
        assert viewer.you.role is Role.OBSERVER and viewer.you.id.startswith("v-")
        assert viewer.you.id not in live.room.online()
        assert live.room.session.participant(viewer.you.id) is None, "observers do not sit"
        await viewer.close()

    # A card's author is the seat that sent the op.
    ack = await fake_ria.add_card(text="Wie betaalt?")
    event = await fake_ria.event(ack.seq)
    [put] = card_puts(event)
    assert put.card.author == fake_ria.you.id and event.actor == fake_ria.you.id
    ack = await ria.add_card(text="Wie beslist?")
    [put] = card_puts(await ria.event(ack.seq))
    assert put.card.author == "ria"
    authors = {c.text: c.author for c in live.room.session.cards}
    assert authors["Wie betaalt?"] == fake_ria.you.id and authors["Wie beslist?"] == "ria"
    await close_all(fake_ria, ria)


@pytest.mark.parametrize(
    "extra",
    [{"role": "facilitator"}, {"id": "ria"}, {"author": "ria"}, {"participant": "ria"}],
)
async def test_a_hello_cannot_say_who_it_is(live: LiveRelay, extra: dict[str, str]) -> None:
    hello = {"type": "hello", "protocol": 1, "code": CODE, "name": "Noor", **extra}
    raw = await knock(live.url, hello)
    error = await raw.error()
    assert error.fatal and error.key == "relay.hello_first"
    assert await raw.closed() == relay_module.CLOSE_PROTOCOL
    assert [p.id for p in live.room.session.participants] == ["ria", "cor", "anna", "bram", "olga"]


async def test_ops_are_acked_and_events_reach_everyone_in_order(live: LiveRelay) -> None:
    ria = await facilitator(live.url)
    anna = await join(live.url, name="Anna")
    bram = await join(live.url, name="Bram")
    acks: list[Ack] = []
    for n, sender in enumerate([anna, bram, anna, ria, bram, anna]):
        acks.append(await sender.add_card(theme="doelen", text=f"Kaart {n}"))
    seqs = [ack.seq for ack in acks]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert seqs[-1] == live.room.seq
    last = live.room.seq
    streams = []
    for raw in (ria, anna, bram):
        await raw.event(last)
        events = raw.events()
        assert raw.welcome is not None
        follows = raw.welcome.seq
        for event in events:  # each follows on (joins of a moment come as one event)
            assert (event.seq - 1 if event.after is None else event.after) == follows
            follows = event.seq
        assert follows == last
        expected = list(range(seqs[0], last + 1))
        assert [e.seq for e in events if e.seq >= seqs[0]] == expected, "the ops' events, each"
        streams.append({e.seq: e for e in events})
    # Everyone hears the same events (from the moment they were there).
    assert bram.welcome is not None
    for seq in range(seqs[0], last + 1):
        assert streams[0][seq] == streams[1][seq] == streams[2][seq]
    # The ack's seq is the event of that op: its card, by its author.
    for ack, sender, n in zip(acks, [anna, bram, anna, ria, bram, anna], range(6), strict=True):
        event = streams[0][ack.seq]
        [put] = card_puts(event)
        assert put.card.text == f"Kaart {n}" and put.card.author == sender.you.id
    await close_all(ria, anna, bram)


async def test_refused_ops_get_a_reject_with_the_rules_key(live: LiveRelay) -> None:
    noor = await join(live.url, name="Noor")
    viewer = await join(live.url, view=True)
    before = live.room.seq, live.room.session

    answer = await noor.op(EditCard(card_id="a1", text="Van mij nu"))
    assert isinstance(answer, Reject) and answer.key == "refused.not_your_card"
    answer = await noor.op(AddCard(card_id="k1", theme="nergens", text="Hallo"))
    assert isinstance(answer, Reject) and answer.key == "refused.no_theme"
    assert answer.values == {"theme": "nergens"}
    answer = await noor.op(AddCard(card_id="a1", theme="rollen", text="Dubbel"))
    assert isinstance(answer, Reject) and answer.key == "refused.card_exists"
    answer = await noor.op(MoveCard(card_id="weg", theme="rollen"))
    assert isinstance(answer, Reject) and answer.key == "refused.no_card"
    answer = await viewer.op(AddCard(card_id="k2", theme="rollen", text="Mag ik?"))
    assert isinstance(answer, Reject) and answer.key == "refused.observer"

    assert (live.room.seq, live.room.session) == before, "a refused op changes nothing"
    assert not [m for m in noor.received if isinstance(m, Event)], "and makes no event"
    await close_all(noor, viewer)


async def test_a_resent_op_is_applied_once_and_acked_with_the_same_seq(live: LiveRelay) -> None:
    noor = await join(live.url, name="Noor")
    op = AddCard(card_id="k-noor", theme="doelen", text="Eén keer")
    first = await noor.op(op, "o-1")
    assert isinstance(first, Ack) and first.seq == live.room.seq
    again = await noor.op(op, "o-1")
    assert again == first
    assert live.room.seq == first.seq, "no new event"
    assert [c.id for c in live.room.session.cards].count("k-noor") == 1

    # Also from a new connection on the same seat (the ack was lost with the old one).
    assert noor.welcome is not None
    token = noor.welcome.token
    await noor.close()
    back = await join(live.url, name="", token=token)
    assert back.you.id == noor.you.id
    assert await back.op(op, "o-1") == first
    assert live.room.seq == first.seq

    # An op that changes nothing is acked with seq 0, also when it comes again.
    same = EditCard(card_id="k-noor", text="Eén keer")
    assert await back.op(same, "o-2") == Ack(op_id="o-2", seq=0)
    assert await back.op(same, "o-2") == Ack(op_id="o-2", seq=0)

    # Op ids belong to their sender: someone else's "o-1" is their own op.
    bram = await join(live.url, name="Bram")
    other = await bram.op(AddCard(card_id="k-bram", theme="doelen", text="Ook"), "o-1")
    assert isinstance(other, Ack) and other.seq == live.room.seq > first.seq
    assert live.room.session.card("k-bram") is not None
    await close_all(back, bram)


async def test_resume_with_since_brings_the_missed_events(live: LiveRelay) -> None:
    noor = await join(live.url, name="Noor")
    assert noor.welcome is not None
    token, since = noor.welcome.token, noor.welcome.seq
    await noor.close()

    bram = await join(live.url, name="Bram")
    for text in ("Een", "Twee", "Drie"):
        await bram.add_card(text=text)

    back = await join(live.url, name="", token=token, since=since)
    welcome = back.welcome
    assert welcome is not None
    assert welcome.snapshot is None, "events, not the whole board"
    assert [e.seq for e in welcome.events] == list(range(since + 1, live.room.seq + 1))
    assert welcome.seq == live.room.seq
    texts = [p.card.text for e in welcome.events for p in card_puts(e)]
    assert texts == ["Een", "Twee", "Drie"]
    assert any(isinstance(c, ParticipantPut) for e in welcome.events for c in e.changes)
    assert welcome.you.id == noor.you.id

    # Up to date already: no events, no snapshot.
    current = await join(live.url, name="", token=token, since=live.room.seq)
    assert current.welcome is not None
    assert current.welcome.snapshot is None and current.welcome.events == ()
    await close_all(bram, back, current)


async def test_resume_from_too_long_ago_or_from_the_future_gets_a_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "HISTORY", 3)
    live = await start_relay(session_file(tmp_path))
    try:
        ria = await facilitator(live.url)
        for n in range(6):
            await ria.add_card(text=f"Kaart {n}")
        last = live.room.seq
        assert [e.seq for e in live.room.history] == [last - 2, last - 1, last]

        old = await join(live.url, name="Noor", since=1)
        assert old.welcome is not None
        assert old.welcome.snapshot is not None and old.welcome.events == ()
        assert len(old.welcome.snapshot.cards) == 5 + 6

        future = await join(live.url, name="Noor", since=last + 100)
        assert future.welcome is not None
        assert future.welcome.snapshot is not None and future.welcome.events == ()
        assert future.welcome.seq == live.room.seq

        # Still within the history: the events.
        last = live.room.seq
        recent = await join(live.url, name="", token=future.welcome.token, since=last - 3)
        assert recent.welcome is not None
        assert recent.welcome.snapshot is None
        assert [e.seq for e in recent.welcome.events] == [last - 2, last - 1, last]
        await close_all(ria, old, future, recent)
    finally:
        await live.stop()


async def test_a_token_reclaims_the_same_seat_also_after_a_restart(live: LiveRelay) -> None:
    noor = await join(live.url, name="Noor", organisation="GGD")
    assert noor.welcome is not None
    token, seat = noor.welcome.token, noor.you.id
    ack = await noor.add_card(text="Mijn kaart")
    card_id = card_puts(await noor.event(ack.seq))[0].card.id
    await noor.close()

    await live.restart()
    assert live.room is not None and live.room.session.card(card_id) is not None

    back = await join(live.url, name="", token=token)
    assert back.you.id == seat
    assert back.you.name == "Noor" and back.you.organisation == "GGD"
    assert back.you.role is Role.PARTICIPANT
    answer = await back.op(EditCard(card_id=card_id, text="Nog steeds van mij"))
    assert isinstance(answer, Ack), "the card is still hers"

    # A made-up token is refused; without one, the same name gets a new seat.
    made_up = await knock(live.url, Hello(code=CODE, name="Noor", token="verzonnen-token"))
    assert (await made_up.error()).key == "relay.seat_unknown"
    stranger = await join(live.url, name="Noor")
    assert stranger.you.id != seat
    answer = await stranger.op(EditCard(card_id=card_id, text="Overgenomen"))
    assert isinstance(answer, Reject) and answer.key == "refused.not_your_card"
    await close_all(back, stranger)


async def test_a_participant_token_does_not_become_an_observer_seat_or_back(
    live: LiveRelay,
) -> None:
    noor = await join(live.url, name="Noor")
    assert noor.welcome is not None
    viewer = await join(live.url, token=noor.welcome.token, view=True)
    assert viewer.you.role is Role.OBSERVER and viewer.you.id != noor.you.id
    assert viewer.welcome is not None
    as_participant = await join(live.url, name="X", token=viewer.welcome.token)
    assert as_participant.you.role is Role.PARTICIPANT
    assert as_participant.you.id not in (viewer.you.id, noor.you.id)
    await close_all(noor, viewer, as_participant)


async def test_presence_lists_who_is_online(live: LiveRelay) -> None:
    anna = await join(live.url, name="Anna")
    assert anna.welcome is not None and anna.welcome.online == (anna.you.id,)
    bram = await join(live.url, name="Bram")
    assert bram.welcome is not None
    assert set(bram.welcome.online) == {anna.you.id, bram.you.id}
    await anna.presence(lambda online: set(online) == {anna.you.id, bram.you.id})

    viewer = await join(live.url, view=True)
    ria = await facilitator(live.url)
    everyone = {anna.you.id, bram.you.id, "ria"}
    seen = await anna.presence(lambda online: "ria" in online)
    assert set(seen) == everyone, "observers are not counted"

    await bram.close()
    await anna.presence(lambda online: bram.you.id not in online)
    assert set(live.room.online()) == {anna.you.id, "ria"}
    await viewer.presence(lambda online: set(online) == {anna.you.id, "ria"})
    await close_all(anna, viewer, ria)


@pytest.mark.parametrize(
    ("code", "role"),
    [
        ("kx7p-3mha", Role.PARTICIPANT),
        ("kx7p3mha", Role.PARTICIPANT),
        ("KX7P3MHA", Role.PARTICIPANT),
        (" kx7p 3mha ", Role.PARTICIPANT),
        ("tq4m9hwc", Role.FACILITATOR),
    ],
)
async def test_codes_are_read_forgivingly(live: LiveRelay, code: str, role: Role) -> None:
    raw = await join(live.url, code, "Noor")
    assert raw.you.role is role
    await raw.close()


async def test_a_code_that_only_looks_alike_is_wrong(live: LiveRelay) -> None:
    raw = await knock(live.url, Hello(code="KX7P-3MH", name="Noor"))
    error = await raw.error()
    assert error.key == "relay.bad_code"
    assert await raw.closed() == relay_module.CLOSE_BAD_CODE


async def test_the_codes_survive_a_restart(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    first = Room(path)
    first.close()
    again = Room(path)
    assert (again.code, again.facilitator_code) == (first.code, first.facilitator_code)
    again.close()
    given = Room(path, CODE, FACILITATOR_CODE)
    assert (given.code, given.facilitator_code) == (CODE, FACILITATOR_CODE)
    given.close()
    kept = Room(path)
    assert (kept.code, kept.facilitator_code) == (CODE, FACILITATOR_CODE)
    kept.close()


async def test_a_facilitator_without_a_name_is_still_seated(tmp_path: Path) -> None:
    """`tussenruimte host` sends no name without --name; on a file without a facilitator
    at the table that must not leave the facilitator unseated (every op refused)."""
    nobody_leads = make_session(participants=PEOPLE[2:4], cards=())
    async with running_relay(tmp_path, nobody_leads) as live:
        lead = await join(live.url, FACILITATOR_CODE, "")
        assert lead.you.role is Role.FACILITATOR
        assert lead.you.name == "Procesbegeleider"
        await lead.add_card(text="Welkom")
        assert live.room.session.participant(lead.you.id) == lead.you
        await lead.close()


async def test_several_rooms_each_have_their_own_codes(tmp_path: Path) -> None:
    paths = [session_file(tmp_path, name=f"{name}.toml") for name in ("ochtend", "middag")]
    rooms = load_rooms(paths, None, "TQ4M-9HWC")
    assert [r.facilitator_code for r in rooms] == ["TQ4M-9HWC-1", "TQ4M-9HWC-2"]
    assert rooms[0].code != rooms[1].code
    relay = Relay(rooms)
    await relay.start("127.0.0.1", 0)
    try:
        url = f"ws://127.0.0.1:{relay.port}"
        for room, other in ((rooms[0], rooms[1]), (rooms[1], rooms[0])):
            lead = await join(url, room.facilitator_code, "Ria")
            assert lead.you.role is Role.FACILITATOR
            ack = await lead.add_card(text=f"In {room.path.stem}")
            assert ack.seq == room.seq
            assert all(c.text != f"In {room.path.stem}" for c in other.session.cards)
            await lead.close()
            guest = await join(url, room.code, "Noor")
            assert guest.you.role is Role.PARTICIPANT
            assert room.session.participant(guest.you.id) is not None
            assert other.session.participant(guest.you.id) is None
            await guest.close()
        raw = await knock(url, Hello(code="TQ4M-9HWC", name="Ria"))
        assert (await raw.error()).key == "relay.bad_code"
    finally:
        await relay.stop()
    with_code = load_rooms(paths, CODE, None)
    assert [r.code for r in with_code] == [f"{CODE}-1", f"{CODE}-2"]
    assert with_code[0].facilitator_code == rooms[0].facilitator_code, "kept from the last run"
    for room in with_code:
        room.close()
