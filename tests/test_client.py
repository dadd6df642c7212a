"""RelayClient against the real relay: joining, failing to join, and healing dropped lines."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    WRONG_CODE,
    LiveRelay,
    Recorder,
    canonical,
    eventually,
    free_port,
    running,
    running_relay,
    session_file,
    start_relay,
)

from tui_board.core.model import Role
from tui_board.core.ops import AddCard, CardPut, EditCard, MoveCard, VoteOp, VotePut
from tui_board.live import relay as relay_module
from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.relay import Client


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    async with running_relay(tmp_path) as relay:
        yield relay


def applied_ids(live: LiveRelay, actor: str) -> Counter[str]:
    """How often each op id of `actor` became an event since the room was loaded (the
    relay's own join ops, `join-…`, left out)."""
    return Counter(
        entry.op_id
        for entry in live.room.history
        if entry.actor == actor and not entry.op_id.startswith("join-")
    )


def new_connection(live: LiveRelay, participant: str, old: Client) -> Callable[[], bool]:
    """Whether `participant` is connected again, on another connection than `old`."""
    return lambda: any(c.actor.id == participant and c is not old for c in live.room.clients)


def add(n: int, theme: str = "doelen") -> AddCard:
    return AddCard(card_id=f"k-{n}", theme=theme, text=f"Kaart {n}")


# --- joining ---------------------------------------------------------------------------------


async def test_probe_joins_and_run_goes_on_from_there(live: LiveRelay) -> None:
    client = RelayClient(live.url, CODE, name="Noor", organisation="GGD")
    welcome = await client.probe()
    assert welcome.you.role is Role.PARTICIPANT and client.you == welcome.you
    assert client.session is not None and client.session == live.room.session
    assert client.token and client.seq == live.room.seq
    seat = welcome.you.id
    async with running(client) as recorder:
        assert client.you is not None and client.you.id == seat, "the same seat"
        assert recorder.sessions == [], "up to date: no new board, just go on"
        assert seat in client.online
    assert [p.id for p in live.room.session.participants].count(seat) == 1


async def test_probe_with_a_wrong_code(live: LiveRelay) -> None:
    with pytest.raises(JoinFailed) as failed:
        await RelayClient(live.url, WRONG_CODE, name="Noor").probe()
    assert failed.value.key == "relay.bad_code"


async def test_run_with_a_wrong_code_gives_up_at_once(live: LiveRelay) -> None:
    client = RelayClient(live.url, WRONG_CODE, name="Noor")
    with pytest.raises(JoinFailed) as failed:
        await asyncio.wait_for(client.run(Recorder()), 5)
    assert failed.value.key == "relay.bad_code"


async def test_probe_with_nothing_listening() -> None:
    url = f"ws://127.0.0.1:{free_port()}"
    with pytest.raises(JoinFailed) as failed:
        await RelayClient(url, CODE, name="Noor").probe()
    assert failed.value.key == "client.unreachable"
    assert failed.value.values == {"url": url}
    with pytest.raises(JoinFailed) as failed:
        await asyncio.wait_for(RelayClient(url, CODE, name="Noor").run(Recorder()), 5)
    assert failed.value.key == "client.unreachable"


async def test_probe_wss_with_nothing_listening_is_unreachable_not_a_crash() -> None:
    url = f"wss://127.0.0.1:{free_port()}"
    with pytest.raises(JoinFailed) as failed:
        await RelayClient(url, CODE, name="Noor").probe()
    assert failed.value.key == "client.unreachable"


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765", "geen adres", "127.0.0.1:8765", "", "ws://", "ws://127.0.0.1:99999"],
)
async def test_probe_with_a_bad_url(url: str) -> None:
    with pytest.raises(JoinFailed) as failed:
        await RelayClient(url, CODE, name="Noor").probe()
    assert failed.value.key == "client.bad_url"
    assert failed.value.values == {"url": url}


# --- live ---------------------------------------------------------------------------------


async def test_run_hears_what_others_do(live: LiveRelay) -> None:
    anna = RelayClient(live.url, CODE, name="Anna")
    bram = RelayClient(live.url, CODE, name="Bram")
    async with running(anna) as heard, running(bram) as bram_heard:
        assert anna.you is not None and bram.you is not None
        both = {anna.you.id, bram.you.id}
        await eventually(lambda: set(anna.online) == both)
        op_id = bram.submit(AddCard(card_id="k-bram", theme="leren", text="Van Bram"))
        await eventually(lambda: anna.session is not None and anna.session.card("k-bram"))
        assert anna.session is not None
        card = anna.session.card("k-bram")
        assert card is not None and card.author == bram.you.id and card.text == "Van Bram"
        assert any(isinstance(c, CardPut) and c.card.id == "k-bram" for c in heard.changes)
        await eventually(lambda: not bram.outbox)
        assert op_id not in bram.outbox

        # A refused op is reported to its sender, and taken out of the outbox.
        refused = bram.submit(EditCard(card_id="a1", text="Niet van Bram"))
        await eventually(lambda: bram_heard.refused)
        assert bram_heard.refused == [(refused, "refused.not_your_card", {})]
        assert not bram.outbox
        assert anna.seq == bram.seq == live.room.seq
        assert canonical(anna.session) == canonical(live.room.session)
    await eventually(lambda: not live.room.clients)


async def test_a_client_away_too_long_gets_the_whole_board_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "HISTORY", 2)
    live = await start_relay(session_file(tmp_path))
    try:
        noor = RelayClient(live.url, CODE, name="Noor")
        await noor.probe()
        ria = RelayClient(live.url, FACILITATOR_CODE, name="Ria")
        async with running(ria):
            for n in range(5):
                ria.submit(add(n))
            await eventually(lambda: not ria.outbox)
        async with running(noor) as heard:
            assert len(heard.sessions) == 1, "a fresh board, not events"
            assert noor.session is not None and noor.seq == live.room.seq
            assert canonical(noor.session) == canonical(live.room.session)
    finally:
        await live.stop()


async def test_cut_while_typing_with_the_acks_lost_on_the_line(live: LiveRelay) -> None:
    """The relay applied the ops but the acks never arrived: resent, applied once."""
    client = RelayClient(live.url, CODE, name="Noor")
    async with running(client) as heard:
        assert client.you is not None
        me = client.you.id
        line = client._ws
        assert line is not None
        line.transport.pause_reading()  # the acks pile up unread…
        sent = [client.submit(add(n)) for n in range(10)]
        await eventually(lambda: all((me, op_id) in live.room.done for op_id in sent))
        assert set(sent) <= set(client.outbox), "no ack has arrived"
        line.transport.abort()  # …and are lost with the line.
        # Typing goes on, while the client has not even noticed yet, and while it is away.
        typed = [client.submit(add(n)) for n in range(10, 13)]
        typed.append(client.submit(EditCard(card_id="k-0", text="Kaart 0, beter")))
        typed.append(client.submit(MoveCard(card_id="k-11", theme="leren")))
        await eventually(lambda: client.connected and client._ws is not line)
        await eventually(lambda: not client.outbox, message="outbox emptied")

        every = sent + typed
        assert applied_ids(live, me) == Counter(every), "each op exactly once"
        assert heard.refused == []
        session = live.room.session
        assert {c.id for c in session.cards if c.author == me} == {f"k-{n}" for n in range(13)}
        card_0, card_11 = session.card("k-0"), session.card("k-11")
        assert card_0 is not None and card_0.text == "Kaart 0, beter"
        assert card_11 is not None and card_11.theme == "leren"
        await eventually(lambda: client.seq == live.room.seq)
        assert client.session is not None
        assert canonical(client.session) == canonical(session)
        assert heard.connection.count(True) == 2


async def test_cut_by_the_relay_while_typing_again_and_again(live: LiveRelay) -> None:
    client = RelayClient(live.url, CODE, name="Noor")
    ria = RelayClient(live.url, FACILITATOR_CODE, name="Ria")
    every: list[str] = []
    async with running(client) as heard, running(ria):
        assert client.you is not None
        me = client.you.id
        for round_ in range(4):
            server_side = next(c for c in live.room.clients if c.actor.id == me)
            every += [client.submit(add(round_ * 10 + n)) for n in range(5)]
            ria.submit(add(100 + round_, theme="rollen"))  # others go on meanwhile
            if round_ % 2:
                await server_side.ws.close()  # a clean close from the relay's side
            else:
                server_side.ws.transport.abort()  # the line simply breaks
            every += [client.submit(add(round_ * 10 + n)) for n in range(5, 8)]
            await eventually(new_connection(live, me, server_side))
            await eventually(lambda: client.connected)
        await eventually(lambda: not client.outbox and not ria.outbox)
        assert applied_ids(live, me) == Counter(every), "each op exactly once"
        assert heard.refused == []
        await eventually(lambda: client.seq == ria.seq == live.room.seq)
        assert client.session is not None and ria.session is not None
        assert canonical(client.session) == canonical(live.room.session)
        assert canonical(ria.session) == canonical(live.room.session)
        assert len(live.room.session.cards) == 5 + 4 * 8 + 4


async def test_a_relay_restart_heals_by_itself(live: LiveRelay) -> None:
    client = RelayClient(live.url, CODE, name="Noor")
    async with running(client) as heard:
        assert client.you is not None
        me = client.you.id
        before = [client.submit(add(n)) for n in range(5)]
        await eventually(lambda: not client.outbox)

        port = live.port
        await live.stop(final=False)
        await eventually(lambda: not client.connected)
        during = [client.submit(add(n)) for n in range(5, 10)]  # typing while it is away
        during.append(client.submit(EditCard(card_id="k-1", text="Kaart 1, na de herstart")))
        await live.start_again()
        assert live.port == port

        await eventually(lambda: client.connected, timeout=10, message="reconnected")
        await eventually(lambda: not client.outbox)
        after = client.submit(add(10))
        await eventually(lambda: not client.outbox and client.seq == live.room.seq)

        assert client.you.id == me, "the same seat after the restart"
        assert heard.refused == [("", "relay.restarting", {})], "told why, nothing refused"
        assert applied_ids(live, me) == Counter([*during, after]), "each op exactly once"
        assert before and all((me, op_id) in live.room.done for op_id in before)
        assert client.session is not None
        assert canonical(client.session) == canonical(live.room.session)
        mine = {c.id for c in live.room.session.cards if c.author == me}
        assert mine == {f"k-{n}" for n in range(11)}


async def test_every_drop_is_healed_promptly_not_ever_slower(live: LiveRelay) -> None:
    """The backoff starts afresh once a connection was up: the fifth drop of the day
    heals as fast as the first (the delay before a first retry is at most 0.3 s)."""
    client = RelayClient(live.url, CODE, name="Noor")
    async with running(client):
        assert client.you is not None
        loop = asyncio.get_running_loop()
        for _ in range(6):
            old = next(c for c in live.room.clients if c.actor.id == client.you.id)
            old.ws.transport.abort()
            cut = loop.time()
            await eventually(new_connection(live, client.you.id, old))
            assert loop.time() - cut < 1.2, "reconnected promptly"
            await eventually(lambda: client.connected)


async def test_a_board_follows_on_over_dots_it_is_not_sent(tmp_path: Path) -> None:
    """Others' dots while voting never reach a board; the next event says what it follows,
    and the board applies it without asking for a snapshot."""
    async with running_relay(tmp_path) as live:
        ria = RelayClient(live.url, FACILITATOR_CODE, name="Ria")
        anna = RelayClient(live.url, CODE, name="Anna")
        bram = RelayClient(live.url, CODE, name="Bram")
        async with running(ria), running(anna), running(bram) as heard:
            await eventually(lambda: bram.session is not None and bram.seq == live.room.seq)
            before = bram.seq
            assert before is not None
            for _ in range(2):
                anna.submit(VoteOp(card_id="a1", delta=1))
            await eventually(lambda: not anna.outbox and anna.seq == live.room.seq)
            assert bram.seq is not None and bram.seq < live.room.seq, "the second dot: no frame"
            ria.submit(EditCard(card_id="a1", text="Door de begeleider herschreven"))
            await eventually(lambda: bram.seq == live.room.seq, message="Bram follows on")
            card = bram.session.card("a1") if bram.session else None
            assert card is not None and card.text == "Door de begeleider herschreven"
            assert bram.seq > before and len(heard.sessions) == 1, "no snapshot was needed"
            assert all(not isinstance(c, VotePut) for c in heard.changes)
