"""One seat per person, on the real relay: a seat follows its secret, a code alone never takes
someone's seat, a seat is live on one connection, admission is slowed for guessers but never
for the right code, and the end of a session is said."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    WRONG_CODE,
    LiveRelay,
    Raw,
    Recorder,
    close_all,
    eventually,
    facilitator,
    join,
    knock,
    running_relay,
    session_file,
)
from websockets.asyncio.client import connect

from tui_board.core.ops import AddCard, EditCard, new_id
from tui_board.live import relay as relay_module
from tui_board.live import seatkeep
from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.protocol import Ack, Hello, Reject
from tui_board.live.relay import Relay, Room
from tui_board.live.seatkeep import KeptSeat


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    async with running_relay(tmp_path) as live:
        yield live


# --- the seat follows its secret ------------------------------------------------------------


async def test_the_same_token_is_the_same_person_with_their_cards(live: LiveRelay) -> None:
    ingrid = await join(live.url, name="Ingrid Ünal", organisation="Gemeente")
    card = new_id("k")
    assert isinstance(await ingrid.op(AddCard(card_id=card, theme="doelen", text="Eén")), Ack)
    assert ingrid.welcome is not None
    token = ingrid.welcome.token
    ingrid.ws.transport.abort()  # a crash: no close frame
    again = await join(live.url, name="", token=token)
    assert again.you.id == ingrid.you.id and again.you.name == "Ingrid Ünal"
    answer = await again.op(EditCard(card_id=card, text="Eén, herzien"))
    assert isinstance(answer, Ack), "her own card is still hers"
    people = [p for p in live.room.session.participants if p.name == "Ingrid Ünal"]
    assert len(people) == 1, "one person at the table, not two"
    await again.close()


async def test_a_second_connection_takes_the_seat_over_and_the_first_hears_where(
    live: LiveRelay,
) -> None:
    first = await join(live.url, name="Noor")
    assert first.welcome is not None
    second = await join(live.url, name="", token=first.welcome.token)
    error = await first.error()
    assert error.key == "relay.taken_over" and error.fatal
    assert error.values["where"] == "127.0.0.1"
    assert await first.closed() == relay_module.CLOSE_TAKEN_OVER
    assert [c.actor.id for c in live.room.clients] == [second.you.id]
    assert live.room.online() == (second.you.id,)
    await second.add_card()  # the new connection carries on
    await second.close()


async def test_a_code_alone_never_takes_a_seat(live: LiveRelay) -> None:
    ingrid = await join(live.url, name="Ingrid Ünal")
    stranger = await join(live.url, name="Ingrid Ünal")
    assert stranger.you.id != ingrid.you.id, "same name, same code: still another seat"
    await close_all(ingrid, stranger)


async def test_a_stale_or_guessed_token_is_refused_as_a_wrong_code(
    live: LiveRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "WRONG_FREE", 0)
    monkeypatch.setattr(relay_module, "WRONG_DELAY_FIRST", 0.3)
    before = len(live.room.session.participants)
    loop = asyncio.get_running_loop()
    started = loop.time()
    raw = await knock(live.url, Hello(code=CODE, name="Mallory", token="geraden-" + "x" * 20))
    error = await raw.error()
    assert error.key == "relay.seat_unknown" and error.fatal
    assert loop.time() - started >= 0.3, "a wrong token is slowed down like a wrong code"
    assert await raw.closed() == relay_module.CLOSE_BAD_CODE
    assert len(live.room.session.participants) == before, "no seat, no takeover"


async def test_a_board_with_a_stale_token_sits_down_as_a_newcomer(live: LiveRelay) -> None:
    client = RelayClient(live.url, CODE, token="van-een-oude-sessie-1234")
    client.newcomer = ("Fatima", "GGD")
    welcome = await client.probe()
    assert client.token != "van-een-oude-sessie-1234"
    assert (welcome.you.name, welcome.you.organisation) == ("Fatima", "GGD")


async def test_a_kept_seat_comes_back_without_renaming_its_person(live: LiveRelay) -> None:
    first = RelayClient(live.url, CODE, name="Ingrid Ünal", organisation="Gemeente")
    await first.probe()
    assert first.token is not None and first.you is not None
    # Kept on her laptop under an older name; the seat's name as it is now stays.
    again = RelayClient(live.url, CODE, token=first.token)
    again.newcomer = ("Ingrid", "Gemeente")
    welcome = await again.probe()
    assert welcome.you.id == first.you.id and welcome.you.name == "Ingrid Ünal"


# --- admission -----------------------------------------------------------------------------


async def test_the_right_code_gets_in_within_2_s_beside_a_brute_forcer(live: LiveRelay) -> None:
    stop = asyncio.Event()
    tried = 0

    async def guess() -> None:
        nonlocal tried
        while not stop.is_set():
            raw = await knock(live.url, Hello(code=WRONG_CODE, name="Raden"))
            tried += 1
            await raw.close()  # a guesser does not wait for the answer

    guessers = [asyncio.create_task(guess()) for _ in range(8)]
    try:
        await eventually(lambda: tried >= 200, timeout=30, message="the brute-forcer runs")
        loop = asyncio.get_running_loop()
        started = loop.time()
        noor = await join(live.url, name="Noor")  # the same address: 127.0.0.1
        took = loop.time() - started
        assert took < 2.0, f"the right code waited {took:.2f} s"
        assert noor.you.name == "Noor"
        await noor.close()
    finally:
        stop.set()
        await asyncio.gather(*guessers, return_exceptions=True)


async def test_wrong_codes_wait_longer_and_longer(
    live: LiveRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "WRONG_FREE", 2)
    monkeypatch.setattr(relay_module, "WRONG_DELAY_FIRST", 0.2)
    loop = asyncio.get_running_loop()
    waited = []
    for _ in range(4):
        started = loop.time()
        raw = await knock(live.url, Hello(code=WRONG_CODE, name="Raden"))
        assert (await raw.error()).key == "relay.bad_code"
        waited.append(loop.time() - started)
    assert waited[0] < 0.2 and waited[1] < 0.2, waited
    assert 0.2 <= waited[2] < waited[3] and waited[3] >= 0.4, waited
    # Another address is not slowed by this one's guesses.
    started = loop.time()
    other = await knock(live.url, Hello(code=WRONG_CODE), local_addr=("127.0.0.2", 0))
    assert (await other.error()).key == "relay.bad_code"
    assert loop.time() - started < 0.2


async def test_new_seats_per_address_are_limited_and_a_seat_still_comes_back(
    live: LiveRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "NEW_SEATS_PER_MINUTE", 3)
    seated = [await join(live.url, name=f"Gast {n}") for n in range(3)]
    extra = await knock(live.url, Hello(code=CODE, name="Gast 4"))
    error = await extra.error()
    assert error.key == "relay.too_many_seats"
    assert await extra.closed() == relay_module.CLOSE_TOO_MANY
    assert sum(p.name.startswith("Gast") for p in live.room.session.participants) == 3
    first = seated[0]
    assert first.welcome is not None
    await first.close()
    back = await join(live.url, name="", token=first.welcome.token)
    assert back.you.id == first.you.id, "a seat that comes back is no new seat"
    other = Raw(await connect(live.url, local_addr=("127.0.0.2", 0)))
    await other.send(Hello(code=CODE, name="Van elders"))
    assert (await other.next()).type == "welcome", "another address may still join"
    await close_all(back, other, *seated[1:])


async def test_the_op_rate_belongs_to_the_seat_not_the_connection(
    live: LiveRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "OP_BURST", 4.0)
    monkeypatch.setattr(relay_module, "OP_RATE", 0.5)
    noor = await join(live.url, name="Noor")
    assert noor.welcome is not None
    for n in range(4):
        assert isinstance(await noor.op(AddCard(card_id=f"k-{n}", theme="doelen", text="x")), Ack)
    await noor.close()
    again = await join(live.url, name="", token=noor.welcome.token)
    answer = await again.op(AddCard(card_id="k-9", theme="doelen", text="nog een"))
    assert isinstance(answer, Reject) and answer.key == "relay.too_fast"
    await again.close()


# --- the end of a session is said ----------------------------------------------------------------


async def test_a_final_stop_tells_every_board_and_they_stop_trying(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        ria = await facilitator(live.url)
        view = await join(live.url, name="", view=True)
        client = RelayClient(live.url, CODE, name="Noor")
        recorder = Recorder()
        running = asyncio.create_task(client.run(recorder))
        await eventually(lambda: client.connected)
        await live.stop()
        for raw, key in ((ria, "relay.stopped_facilitator"), (view, "relay.stopped_view")):
            error = await raw.error()
            assert error.key == key and error.fatal
            assert await raw.closed() == relay_module.CLOSE_STOPPED
        with pytest.raises(JoinFailed) as failed:
            await asyncio.wait_for(running, 10)
        assert failed.value.key == "relay.stopped"


async def test_a_restart_is_ridden_out_in_the_same_seat(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        client = RelayClient(live.url, CODE, name="Noor")
        recorder = Recorder()
        running = asyncio.create_task(client.run(recorder))
        await eventually(lambda: client.connected)
        you = client.you
        assert you is not None
        await live.stop(final=False)
        await eventually(lambda: not client.connected)
        assert not running.done(), "a restart is no reason to stop"
        assert ("", "relay.restarting", {}) in recorder.refused, "the board is told why"
        await live.start_again()
        await eventually(lambda: client.connected, timeout=15)
        assert client.you is not None and client.you.id == you.id
        await client.close()
        await asyncio.wait_for(running, 5)


# --- where join keeps its seat ---------------------------------------------------------------


def test_the_kept_seat_is_private_and_per_line(own_state_home: Path) -> None:
    url, view = "ws://192.0.2.1:8765", False
    assert seatkeep.load_seat(url, CODE, view) is None
    assert seatkeep.save_seat(url, CODE, view, KeptSeat("geheim", "Noor", "GGD"))
    path = seatkeep.seat_path(url, CODE, view)
    assert path.is_relative_to(own_state_home)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert seatkeep.load_seat(url, CODE.lower().replace("-", " "), view) == KeptSeat(
        "geheim", "Noor", "GGD"
    ), "the code as people type it"
    assert seatkeep.load_seat(url, CODE, True) is None, "the projector is another seat"
    assert seatkeep.load_seat("ws://192.0.2.2:8765", CODE, view) is None
    assert "geheim" not in path.name
    path.write_text("{kapot", encoding="utf-8")
    assert seatkeep.load_seat(url, CODE, view) is None, "a damaged file is no seat"


def test_people_who_share_a_computer_keep_a_seat_each(own_state_home: Path) -> None:
    url, view = "ws://192.0.2.1:8765", False
    seatkeep.save_seat(url, CODE, view, KeptSeat("van-noor", "Noor", "GGD"))
    seatkeep.save_seat(url, CODE, view, KeptSeat("van-piet", "Piet", "Woonstichting"))
    assert seatkeep.load_seat(url, CODE, view, "Noor") == KeptSeat("van-noor", "Noor", "GGD")
    assert seatkeep.load_seat(url, CODE, view, " Piet ") == KeptSeat(
        "van-piet", "Piet", "Woonstichting"
    )
    assert seatkeep.load_seat(url, CODE, view, "Bram") is None, "another name: no seat"
    assert seatkeep.load_seat(url, CODE, view) == KeptSeat("van-piet", "Piet", "Woonstichting"), (
        "without a name: the last one used"
    )
    seatkeep.forget_seat(url, CODE, view, "Piet")
    assert seatkeep.load_seat(url, CODE, view, "Piet") is None
    assert seatkeep.load_seat(url, CODE, view, "Noor") is not None, "Noor's stays"


async def test_the_relay_takes_its_own_limit_of_new_seats(tmp_path: Path) -> None:
    relay = Relay([Room(session_file(tmp_path), CODE, FACILITATOR_CODE)], new_seats_per_minute=2)
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"
    try:
        seated = [await join(url, name=f"Gast {n}") for n in range(2)]
        extra = await knock(url, Hello(code=CODE, name="Gast 3"))
        assert (await extra.error()).key == "relay.too_many_seats"
        await close_all(*seated)
    finally:
        await relay.stop()
