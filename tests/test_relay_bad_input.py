"""Bad input gets an error or a close for that connection alone; everyone else goes on."""

from __future__ import annotations

import asyncio
import secrets
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    WRONG_CODE,
    LiveRelay,
    Raw,
    eventually,
    facilitator,
    join,
    knock,
    running_relay,
    session_file,
    start_relay,
)
from websockets.asyncio.client import connect

from tui_board.core.ops import AddCard
from tui_board.files.store import load_session
from tui_board.live import relay as relay_module
from tui_board.live.protocol import Ack, Hello, OpMessage, Reject
from tui_board.live.relay import Client

VALID_ADD = {"type": "add_card", "card_id": "k-ok", "theme": "rollen", "text": "Goed"}


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    async with running_relay(tmp_path) as running:
        yield running


@pytest.fixture
async def bystander(live: LiveRelay) -> AsyncIterator[Raw]:
    """Someone already at the table, who must not notice anything of the trouble."""
    raw = await facilitator(live.url)
    yield raw
    await raw.close()


async def still_works(raw: Raw, live: LiveRelay) -> None:
    """The connection is open and the relay still applies its ops."""
    before = live.room.seq
    ack = await raw.add_card(text=f"Nog steeds {secrets.token_hex(3)}")
    assert ack.seq == before + 1 == live.room.seq


def server_side(live: LiveRelay, participant: str) -> Client:
    return next(c for c in live.room.clients if c.actor.id == participant)


# --- broken messages from someone who is in -------------------------------------------------


BROKEN: list[Any] = [
    "dit is geen json{",
    "",
    "null",
    "[]",
    '"hallo"',
    b"\xff\xfe\x00",
    {"type": "shout", "text": "HALLO"},
    {"op_id": "o1", "op": VALID_ADD},
    {"type": "op", "op_id": "o1"},
    {"type": "op", "op": VALID_ADD},
    {"type": "op", "op_id": "NIET GOED!", "op": VALID_ADD},
    {"type": "op", "op_id": "o1", "op": {**VALID_ADD, "card_id": 5}},
    {"type": "op", "op_id": "o1", "op": {**VALID_ADD, "theme": None}},
    {"type": "op", "op_id": "o1", "op": {"type": "fly", "card_id": "k1"}},
    {"type": "op", "op_id": "o1", "op": {"type": "add_card", "card_id": "k1"}},
    {"type": "op", "op_id": "o1", "op": {**VALID_ADD, "text": "x" * 2001}},
    {"type": "op", "op_id": "o1", "op": {"type": "join", "name": "n" * 201}},
    {"type": "ack", "op_id": "o1", "seq": 3},
]


@pytest.mark.parametrize("message", BROKEN, ids=range(len(BROKEN)))
async def test_a_broken_message_gets_an_error_and_the_connection_stays(
    live: LiveRelay, bystander: Raw, message: Any
) -> None:
    noor = await join(live.url, name="Noor")
    before = live.room.seq, live.room.session
    if isinstance(message, bytes):
        await noor.ws.send(message)
    else:
        await noor.send(message)
    error = await noor.error()
    assert error.key == "relay.bad_message" and not error.fatal
    assert error.values.get("where"), "says where the message was wrong"
    assert (live.room.seq, live.room.session) == before, "nothing applied"
    await still_works(noor, live)
    await still_works(bystander, live)
    await noor.close()


async def test_a_second_hello_is_an_error_not_a_new_seat(live: LiveRelay, bystander: Raw) -> None:
    noor = await join(live.url, name="Noor")
    await noor.send(Hello(code=FACILITATOR_CODE, name="Ria"))
    error = await noor.error()
    assert error.key == "relay.hello_twice" and not error.fatal
    assert server_side(live, noor.you.id).actor.role.value == "participant"
    await still_works(noor, live)
    await still_works(bystander, live)
    await noor.close()


@pytest.mark.parametrize("where", ["op", "message"])
async def test_a_client_cannot_claim_another_author(
    live: LiveRelay, bystander: Raw, where: str
) -> None:
    noor = await join(live.url, name="Noor")
    before = live.room.seq, live.room.session
    op = {**VALID_ADD, "author": "ria"} if where == "op" else VALID_ADD
    message = {"type": "op", "op_id": "o-claim", "op": op}
    if where == "message":
        message["author"] = "ria"
    await noor.send(message)
    error = await noor.error()
    assert error.key == "relay.bad_message"
    assert (live.room.seq, live.room.session) == before, "nothing applied"
    assert not any(isinstance(m, Ack | Reject) for m in noor.received)
    assert live.room.session.card("k-ok") is None
    await still_works(noor, live)
    await still_works(bystander, live)
    await noor.close()


async def test_card_text_over_500_characters_is_refused(live: LiveRelay, bystander: Raw) -> None:
    noor = await join(live.url, name="Noor")
    answer = await noor.op(AddCard(card_id="k-lang", theme="rollen", text="a" * 501))
    assert isinstance(answer, Reject) and answer.key == "refused.text_too_long"
    assert answer.values == {"max": "500"}
    assert live.room.session.card("k-lang") is None
    answer = await noor.op(AddCard(card_id="k-lang", theme="rollen", text="a" * 500))
    assert isinstance(answer, Ack)
    await still_works(bystander, live)
    await noor.close()


@pytest.mark.parametrize("seated", [True, False], ids=["after-hello", "instead-of-hello"])
async def test_a_frame_over_64_kib_closes_that_connection(
    live: LiveRelay, bystander: Raw, seated: bool
) -> None:
    big = secrets.token_hex(33 * 1024)  # 66 KiB that do not compress
    if seated:
        noor = await join(live.url, name="Noor")
        await noor.send(big)
    else:
        noor = await knock(live.url, big)
    assert await noor.closed() == 1009
    if seated:
        await eventually(lambda: noor.you.id not in live.room.online())
    await still_works(bystander, live)


async def test_a_flood_of_ops_is_slowed_down_not_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "OP_BURST", 5.0)
    monkeypatch.setattr(relay_module, "OP_RATE", 20.0)
    async with running_relay(tmp_path) as live:
        calm = await facilitator(live.url)
        noor = await join(live.url, name="Noor")
        ids = [f"o-{n}" for n in range(30)]
        for n, op_id in enumerate(ids):
            op = AddCard(card_id=f"k-{n}", theme="doelen", text=f"Snel {n}")
            await noor.send(OpMessage(op_id=op_id, op=op))
        answers: dict[str, Ack | Reject] = {}
        while len(answers) < len(ids):
            message = await noor.expect(lambda m: isinstance(m, Ack | Reject))
            assert isinstance(message, Ack | Reject)
            answers[message.op_id] = message
        acked = [i for i in ids if isinstance(answers[i], Ack)]
        rejected = [a for a in answers.values() if isinstance(a, Reject)]
        assert len(acked) >= 5 and rejected, "the burst passes, the flood does not"
        assert {r.key for r in rejected} == {"relay.too_fast"}
        noor_cards = [c for c in live.room.session.cards if c.author == noor.you.id]
        assert len(noor_cards) == len(acked), "a refused op is not applied"

        # The connection stays; after a breath the same connection gets its ops through.
        async def try_again() -> bool:
            answer = await noor.op(
                AddCard(card_id=secrets.token_hex(4), theme="doelen", text="Rustig")
            )
            return isinstance(answer, Ack)

        deadline = asyncio.get_running_loop().time() + 5
        while not await try_again():
            assert asyncio.get_running_loop().time() < deadline, "never let through again"
            await asyncio.sleep(0.05)
        # The others were never slowed down by Noor's flood.
        await still_works(calm, live)
        await noor.close()
        await calm.close()


# --- knocking wrongly -------------------------------------------------------------------------


async def test_a_connection_that_never_says_hello_is_closed(
    live: LiveRelay, bystander: Raw, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "HELLO_TIMEOUT", 0.2)
    silent = await knock(live.url, None)
    error = await silent.error()
    assert error.key == "relay.hello_timeout" and error.fatal
    assert await silent.closed() == relay_module.CLOSE_PROTOCOL
    await still_works(bystander, live)


@pytest.mark.parametrize(
    "first",
    [
        OpMessage(op_id="o1", op=AddCard(card_id="k1", theme="rollen", text="Eerst")),
        {"type": "hello", "code": CODE, "name": "Noor", "wie": "ik"},
        {"type": "hello", "name": "Noor"},
        "geen json",
    ],
    ids=["op", "extra-field", "no-code", "not-json"],
)
async def test_the_first_message_must_be_a_hello(
    live: LiveRelay, bystander: Raw, first: Any
) -> None:
    raw = await knock(live.url, first)
    error = await raw.error()
    assert error.key == "relay.hello_first" and error.fatal
    assert await raw.closed() == relay_module.CLOSE_PROTOCOL
    assert live.room.session.card("k1") is None
    await still_works(bystander, live)


async def test_another_protocol_version_is_refused(live: LiveRelay, bystander: Raw) -> None:
    raw = await knock(live.url, Hello(code=CODE, name="Noor", protocol=99))
    error = await raw.error()
    assert error.key == "relay.protocol_version" and error.fatal
    assert await raw.closed() == relay_module.CLOSE_PROTOCOL
    await still_works(bystander, live)


async def test_a_participant_needs_a_name(live: LiveRelay, bystander: Raw) -> None:
    raw = await knock(live.url, Hello(code=CODE, name="   "))
    error = await raw.error()
    assert error.key == "relay.name_needed"
    assert await raw.closed() == relay_module.CLOSE_PROTOCOL
    assert len(live.room.session.participants) == 5
    await still_works(bystander, live)


async def test_wrong_codes_are_refused_and_the_right_one_still_gets_in(
    live: LiveRelay, bystander: Raw, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "WRONG_DELAY_FIRST", 0.05)
    for _ in range(relay_module.WRONG_FREE + 2):
        raw = await knock(live.url, Hello(code=WRONG_CODE, name="Raden"))
        error = await raw.error()
        assert error.key == "relay.bad_code" and error.fatal
        assert await raw.closed() == relay_module.CLOSE_BAD_CODE
    assert len(live.room.session.participants) == 5, "nobody was seated"
    # Someone else's typos behind the same router never lock out the right code.
    for code in (CODE, FACILITATOR_CODE):
        raw = await knock(live.url, Hello(code=code, name="Noor"))
        assert (await raw.next()).type == "welcome"
        await raw.close()
    await still_works(bystander, live)


# --- too many broken messages ------------------------------------------------------------------


async def test_too_many_broken_messages_close_the_connection(
    live: LiveRelay, bystander: Raw, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "MAX_BAD", 3)
    noor = await join(live.url, name="Noor")
    for _ in range(3):
        await noor.send("kapot")
        assert (await noor.error()).key == "relay.bad_message"
    await still_works(noor, live)  # MAX_BAD broken messages are forgiven…
    await noor.send("kapot")  # …one more is not.
    assert await noor.closed() == relay_module.CLOSE_PROTOCOL
    await eventually(lambda: all(c.actor.id != noor.you.id for c in live.room.clients))
    await still_works(bystander, live)


# --- a client that stops reading ------------------------------------------------------------


async def slow_reader(live: LiveRelay) -> tuple[Raw, Client]:
    """A participant whose board takes one message and then stops reading.

    Small socket buffers on both ends (and no compression) make the relay feel it soon.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", live.port))
    ws = await connect(live.url, sock=sock, max_queue=1, compression=None)
    raw = Raw(ws)
    await raw.send(Hello(code=CODE, name="Traag"))
    welcome = await raw.next()
    assert welcome.type == "welcome"
    raw.welcome = welcome
    client = server_side(live, welcome.you.id)
    server_socket = client.ws.transport.get_extra_info("socket")
    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    return raw, client


async def flood_until_dropped(live: LiveRelay, sender: Raw, slow: Client, limit: int) -> int:
    """Send ops until the relay drops `slow`; the most messages ever queued for it."""
    most = 0
    for n in range(3000):
        text = f"{n} " + secrets.token_hex(200)
        await sender.add_card(text=text)
        most = max(most, slow.queue.qsize())
        assert slow.queue.qsize() <= limit
        if slow.dropped:
            return most
    raise AssertionError("the slow client was never dropped")


async def test_a_client_that_stops_reading_is_dropped_with_4008(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "QUEUE_LIMIT", 20)
    monkeypatch.setattr(relay_module, "OP_BURST", 100000.0)
    async with running_relay(tmp_path) as live:
        ria = await facilitator(live.url)
        other = await join(live.url, name="Bram")
        slow, client = await slow_reader(live)
        most = await flood_until_dropped(live, ria, client, 20)
        assert most == 20, "the queue filled up to its limit and no further"
        assert slow.you.id not in live.room.online()
        await still_works(ria, live)
        await still_works(other, live)

        # When it reads again it finds what was queued, in order, and then the close.
        code = await slow.closed()
        assert code == relay_module.CLOSE_TOO_SLOW
        seqs = [e.seq for e in slow.events()]
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), "no gaps before the close"
        await eventually(lambda: client not in live.room.clients)
        await other.presence(lambda online: slow.you.id not in online)

        # Everyone else got every event.
        await other.event(live.room.seq)
        assert [e.seq for e in other.events()][-1] == live.room.seq
        await ria.close()
        await other.close()


async def test_a_client_that_never_reads_again_is_cut_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "QUEUE_LIMIT", 20)
    monkeypatch.setattr(relay_module, "OP_BURST", 100000.0)
    monkeypatch.setattr(relay_module, "SLOW_CLOSE_TIMEOUT", 0.2)
    async with running_relay(tmp_path) as live:
        ria = await facilitator(live.url)
        slow, client = await slow_reader(live)
        await flood_until_dropped(live, ria, client, 20)
        # The relay lets go of the connection by itself: no handler, no socket kept.
        await eventually(lambda: client not in live.room.clients, timeout=3)
        await eventually(lambda: client.ws.transport.is_closing(), timeout=3)
        await ria.presence(lambda online: slow.you.id not in online)
        await still_works(ria, live)
        await ria.close()
        # Reading now finds the end of the connection (the close frame may be lost with it).
        assert await slow.closed() in (None, relay_module.CLOSE_TOO_SLOW)


async def test_a_client_that_stopped_reading_does_not_hold_up_a_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "OP_BURST", 100000.0)
    monkeypatch.setattr(relay_module, "STOP_TIMEOUT", 0.3)
    live = await start_relay(session_file(tmp_path))
    ria = await facilitator(live.url)
    slow, client = await slow_reader(live)
    texts: list[str] = []
    while client.queue.qsize() < 5:  # its pipe is full: the relay's writer for it is stuck
        texts.append(f"{len(texts)} " + secrets.token_hex(200))
        await ria.add_card(text=texts[-1])
        assert len(texts) < 3000, "the slow client never fell behind"
    assert not client.dropped
    await asyncio.wait_for(live.stop(), 3)
    saved = {c.text for c in load_session(live.path).cards}
    assert set(texts) <= saved, "the stop saved every card"
