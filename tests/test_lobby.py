"""The lobby, on the real relay: a newcomer waits and hears nothing of the board until a
facilitator lets them in; only facilitators see who waits and decide; a seat that was let in
comes back without waiting, also after a restart; without a lobby nothing changes."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from factories import make_session
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    LiveRelay,
    Raw,
    eventually,
    facilitator,
    join,
    knock,
    session_file,
)
from websockets.exceptions import ConnectionClosed

from tui_board.cli.main import build_parser
from tui_board.core.model import Role, Session
from tui_board.core.ops import AddCard, Evaluate, SetRole, VoteOp, new_id
from tui_board.files.store import load_session, save_session
from tui_board.files.templates import load_template, new_session
from tui_board.live import relay as relay_module
from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.protocol import (
    SERVER_MESSAGE,
    Ack,
    Admit,
    ErrorMessage,
    Hello,
    Lobby,
    LobbyList,
    OpMessage,
    Refuse,
    Welcome,
)
from tui_board.live.relay import Relay, Room


def lobby_session() -> Session:
    """The small test session, with `lobby = true` (as a template can set it)."""
    session = make_session()
    meta = session.session.model_copy(update={"lobby": True})
    return session.model_copy(update={"session": meta})


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    relay = Relay([Room(session_file(tmp_path, lobby_session()), CODE, FACILITATOR_CODE)])
    await relay.start("127.0.0.1", 0)
    live = LiveRelay(relay.rooms[0].path, relay)
    try:
        yield live
    finally:
        await live.stop()


@dataclass
class Tape:
    """A raw connection whose every frame is recorded as it arrives (a background reader)."""

    raw: Raw
    frames: list[str] = field(default_factory=list)
    close_code: int | None = None
    task: asyncio.Task[None] | None = None

    async def _read(self) -> None:
        try:
            async for frame in self.raw.ws:
                self.frames.append(str(frame))
        except ConnectionClosed:
            pass
        rcvd = self.raw.ws.protocol.close_rcvd
        self.close_code = rcvd.code if rcvd is not None else None

    def types(self) -> list[str]:
        return [SERVER_MESSAGE.validate_json(f).type for f in self.frames]

    def messages(self) -> list[object]:
        return [SERVER_MESSAGE.validate_json(f) for f in self.frames]

    async def closed(self) -> int | None:
        assert self.task is not None
        await asyncio.wait_for(self.task, 5)
        return self.close_code


async def wait_in_lobby(live: LiveRelay, name: str = "Noor", **hello: object) -> Tape:
    """Knock as a newcomer and record everything; returns once the relay has them waiting."""
    before = len(live.room.waiters)
    raw = await knock(live.url, Hello(code=CODE, name=name, **hello))
    tape = Tape(raw)
    tape.task = asyncio.create_task(tape._read())
    await eventually(lambda: len(live.room.waiters) > before, message="in the lobby")
    await eventually(lambda: tape.frames, message="told to wait")
    return tape


async def lobby_list(raw: Raw, predicate: Callable[[LobbyList], bool] | None = None) -> LobbyList:
    """Read until a lobby list arrives that matches (by default: any)."""
    message = await raw.expect(
        lambda m: isinstance(m, LobbyList) and (predicate is None or predicate(m))
    )
    assert isinstance(message, LobbyList)
    return message


def waiting_id(live: LiveRelay, name: str) -> str:
    return next(w.newcomer.lobby_id for w in live.room.waiters.values() if w.newcomer.name == name)


# --- waiting ----------------------------------------------------------------------------------


async def test_a_newcomer_waits_and_hears_nothing_of_the_board_until_let_in(
    live: LiveRelay,
) -> None:
    ria = await facilitator(live.url)
    first = await lobby_list(ria)
    assert first.waiting == (), "the facilitator hears there is a lobby, empty"
    noor = await wait_in_lobby(live, "Noor", organisation="GGD")
    listed = await lobby_list(ria, lambda m: len(m.waiting) == 1)
    newcomer = listed.waiting[0]
    assert (newcomer.name, newcomer.organisation, newcomer.address) == ("Noor", "GGD", "127.0.0.1")
    assert not newcomer.view
    # The board goes on meanwhile: a card (an event), a projector joins (presence).
    secret = AddCard(card_id=new_id("k"), theme="doelen", text="Geheim")
    assert isinstance(await ria.op(secret), Ack)
    projector = await join(live.url, FACILITATOR_CODE, "", view=True)  # in at once
    await ria.presence(lambda online: True)
    # Nowhere counted: not at the table, not online.
    names = [p.name for p in live.room.session.participants]
    assert "Noor" not in names and len(live.room.online()) == 1
    assert noor.types() == ["lobby"], "only that they wait: no snapshot, no event, no presence"

    await ria.send(Admit(lobby_id=newcomer.lobby_id))
    await eventually(lambda: "welcome" in noor.types(), message="let in")
    assert noor.types()[:2] == ["lobby", "welcome"], "the welcome is the first sign of the board"
    welcome = noor.messages()[1]
    assert isinstance(welcome, Welcome) and welcome.snapshot is not None
    assert welcome.you.name == "Noor" and welcome.you.role is Role.PARTICIPANT
    assert any(c.text == "Geheim" for c in welcome.snapshot.cards)
    assert "Noor" in [p.name for p in live.room.session.participants]
    await lobby_list(ria, lambda m: m.waiting == ())
    assert not live.room.waiters
    await noor.raw.close()
    await projector.close()
    await ria.close()


async def test_what_a_waiting_newcomer_sends_never_reaches_the_rules(live: LiveRelay) -> None:
    ria = await facilitator(live.url)
    noor = await wait_in_lobby(live, "Noor")
    seq = live.room.seq
    card = new_id("k")
    await noor.raw.send(OpMessage(op_id="o1", op=AddCard(card_id=card, theme="doelen", text="x")))
    await noor.raw.send(OpMessage(op_id="o2", op=VoteOp(card_id=card, delta=1)))
    await noor.raw.send(OpMessage(op_id="o3", op=Evaluate(scores={"gelijkwaardig": 5})))
    await noor.raw.send(Admit(lobby_id=waiting_id(live, "Noor")))  # herself: nobody listens
    # The relay has read them (they come in order, before this facilitator's own op).
    assert isinstance(await ria.op(AddCard(card_id=new_id("k"), theme="doelen", text="a")), Ack)
    await eventually(lambda: live.room.seq == seq + 1)
    assert all(c.id != card for c in live.room.session.cards)
    assert live.room.waiters, "still waiting: she cannot let herself in"
    assert noor.types() == ["lobby"], "no ack, no reject, no event"
    await noor.raw.close()
    await eventually(lambda: not live.room.waiters, message="leaving empties the lobby")
    await lobby_list(ria, lambda m: m.waiting == ())
    await ria.close()


async def test_only_facilitators_see_who_waits_and_only_they_decide(live: LiveRelay) -> None:
    ria = await facilitator(live.url)
    piet = await wait_in_lobby(live, "Piet")
    await ria.send(Admit(lobby_id=waiting_id(live, "Piet")))
    await eventually(lambda: "welcome" in piet.types())
    welcome = piet.messages()[1]
    assert isinstance(welcome, Welcome)
    # Piet, now at the table, tries to let someone in and to turn someone away.
    piet_raw = await join(live.url, name="", token=welcome.token)
    await piet.closed()
    noor = await wait_in_lobby(live, "Noor")
    lobby_id = waiting_id(live, "Noor")
    for message in (Admit(lobby_id=lobby_id), Refuse(lobby_id=lobby_id)):
        await piet_raw.send(message)
        error = await piet_raw.error()
        assert error.key == "refused.facilitator_only" and not error.fatal
    assert lobby_id in live.room.waiters and noor.types() == ["lobby"]
    assert not any(isinstance(m, LobbyList) for m in piet_raw.received), "he never sees the list"
    # Made co-facilitator, he sees who waits and may decide.
    promote = SetRole(participant=piet_raw.you.id, role=Role.COFACILITATOR)
    assert isinstance(await ria.op(promote), Ack)
    seen = await lobby_list(piet_raw, lambda m: len(m.waiting) == 1)
    await piet_raw.send(Admit(lobby_id=seen.waiting[0].lobby_id))
    await eventually(lambda: "welcome" in noor.types())
    # A second decision about someone who no longer waits is answered, not fatal.
    await ria.send(Refuse(lobby_id=lobby_id))
    gone = await ria.error()
    assert gone.key == "relay.lobby_gone" and not gone.fatal
    await noor.raw.close()
    await piet_raw.close()
    await ria.close()


async def test_a_refused_newcomer_hears_so_and_is_closed(live: LiveRelay) -> None:
    ria = await facilitator(live.url)
    noor = await wait_in_lobby(live, "Noor")
    await ria.send(Refuse(lobby_id=waiting_id(live, "Noor")))
    assert await noor.closed() == relay_module.CLOSE_NOT_ADMITTED
    assert noor.types() == ["lobby", "error"]
    error = noor.messages()[1]
    assert isinstance(error, ErrorMessage) and error.key == "relay.not_admitted" and error.fatal
    assert "Noor" not in [p.name for p in live.room.session.participants], "no seat made"
    assert len(live.room.seats) == 1, "only the facilitator's"
    await ria.close()


async def test_the_facilitator_code_never_waits_and_observers_with_the_join_code_do(
    live: LiveRelay,
) -> None:
    ria = await facilitator(live.url)
    projector = await join(live.url, FACILITATOR_CODE, "", view=True)
    assert projector.you.role is Role.OBSERVER, "the facilitator's projector: in at once"
    screen = await wait_in_lobby(live, "", view=True)
    listed = await lobby_list(ria, lambda m: len(m.waiting) == 1)
    assert listed.waiting[0].view
    await ria.send(Admit(lobby_id=listed.waiting[0].lobby_id))
    await eventually(lambda: "welcome" in screen.types())
    welcome = screen.messages()[1]
    assert isinstance(welcome, Welcome) and welcome.you.role is Role.OBSERVER
    await screen.raw.close()
    await projector.close()
    await ria.close()


async def test_a_seat_let_in_comes_back_without_waiting_also_after_a_restart(
    live: LiveRelay,
) -> None:
    ria = await facilitator(live.url)
    noor = await wait_in_lobby(live, "Noor")
    await ria.send(Admit(lobby_id=waiting_id(live, "Noor")))
    await eventually(lambda: "welcome" in noor.types())
    welcome = noor.messages()[1]
    assert isinstance(welcome, Welcome)
    await noor.raw.close()
    again = await join(live.url, name="", token=welcome.token)  # fails unless a welcome
    assert again.you.id == welcome.you.id
    await again.close()
    await ria.close()

    await live.stop(final=False)
    await live.start_again()  # a new Room without --lobby: the session keeps it
    assert live.room.lobby
    back = await join(live.url, name="", token=welcome.token)
    assert back.you.id == welcome.you.id and back.you.name == "Noor"
    newcomer = await wait_in_lobby(live, "Bram")
    assert newcomer.types() == ["lobby"], "after the restart newcomers still wait"
    await newcomer.raw.close()
    await back.close()


async def test_a_restart_or_stop_while_waiting_is_said(live: LiveRelay) -> None:
    noor = await wait_in_lobby(live, "Noor")
    await live.stop(final=False)
    assert await noor.closed() == relay_module.CLOSE_RESTART
    error = noor.messages()[-1]
    assert isinstance(error, ErrorMessage) and error.key == "relay.restarting" and not error.fatal


# --- the board's side: RelayClient -------------------------------------------------------------


async def test_the_board_waits_in_probe_until_let_in_then_runs_in_its_seat(
    live: LiveRelay,
) -> None:
    ria = await facilitator(live.url)
    told: list[bool] = []
    client = RelayClient(live.url, CODE, name="Noor", organisation="GGD")
    client.on_wait = lambda: told.append(True)
    probe = asyncio.create_task(client.probe())
    await eventually(lambda: told, message="the board is told it waits")
    board: Session | None = client.session
    assert not probe.done() and board is None, "no board while waiting"
    listed = await lobby_list(ria, lambda m: len(m.waiting) == 1)
    await ria.send(Admit(lobby_id=listed.waiting[0].lobby_id))
    welcome = await asyncio.wait_for(probe, 5)
    assert welcome.you.name == "Noor" and client.session is not None and client.token
    # The board itself reconnects with the token: no lobby again.
    again = RelayClient(live.url, CODE, token=client.token)
    assert (await asyncio.wait_for(again.probe(), 5)).you.id == welcome.you.id
    assert len(told) == 1
    await ria.close()


async def test_the_board_rides_out_a_restart_while_waiting_and_hears_a_refusal(
    live: LiveRelay,
) -> None:
    told: list[bool] = []
    client = RelayClient(live.url, CODE, name="Noor")
    client.on_wait = lambda: told.append(True)
    probe = asyncio.create_task(client.probe())
    await eventually(lambda: live.room.waiters, message="waiting")
    await live.stop(final=False)
    await live.start_again()
    await eventually(lambda: live.room.waiters, timeout=10, message="waiting again")
    assert not probe.done() and len(told) == 1, "said once, waits on"
    ria = await facilitator(live.url)
    await ria.send(Refuse(lobby_id=next(iter(live.room.waiters))))
    with pytest.raises(JoinFailed) as failed:
        await asyncio.wait_for(probe, 5)
    assert failed.value.key == "relay.not_admitted"
    await ria.close()


async def test_without_a_lobby_everyone_is_in_at_once(tmp_path: Path) -> None:
    relay = Relay([Room(session_file(tmp_path), CODE, FACILITATOR_CODE)])
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"
    try:
        ria = await facilitator(url)
        noor = await join(url, name="Noor")  # fails unless the first message is a welcome
        assert not relay.rooms[0].lobby and noor.you.name == "Noor"
        card = AddCard(card_id=new_id("k"), theme="doelen", text="a")
        assert isinstance(await noor.op(card), Ack)
        await noor.close()
        with contextlib.suppress(TimeoutError):
            await ria.expect(lambda m: isinstance(m, LobbyList), timeout=0.3)
            raise AssertionError("no lobby list without a lobby")
        await ria.close()
    finally:
        await relay.stop()


def test_the_lobby_message_is_only_its_type() -> None:
    assert Lobby().model_dump_json() == '{"type":"lobby"}'


def test_a_template_with_lobby_gives_sessions_a_lobby_the_file_keeps(tmp_path: Path) -> None:
    text = (Path(__file__).parent.parent / "themes" / "rivierenland.toml").read_text("utf-8")
    with_lobby = tmp_path / "met.toml"
    with_lobby.write_text(text.replace('language = "nl"', 'language = "nl"\nlobby = true', 1))
    for source, expected in ((with_lobby, True), (tmp_path / "zonder.toml", False)):
        if not expected:
            source.write_text(text, encoding="utf-8")
        template = load_template(source)
        session = new_session(template, date=dt.date(2026, 11, 26), facilitator="Ria")
        path = tmp_path / f"sessie-{expected}.toml"
        save_session(session, path)
        assert ("lobby = true" in path.read_text("utf-8")) is expected, "written only when on"
        assert load_session(path).session.lobby is expected
        for lobby, on in ((False, expected), (True, True)):  # --lobby turns it on
            room = Room(path, CODE, FACILITATOR_CODE, lobby=lobby)
            assert room.lobby is on
            room.close()


async def test_a_full_lobby_refuses_the_next_newcomer(
    live: LiveRelay, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(relay_module, "LOBBY_MAX", 1)
    noor = await wait_in_lobby(live, "Noor")
    client = RelayClient(live.url, CODE, name="Piet")
    with pytest.raises(JoinFailed) as failed:
        await asyncio.wait_for(client.probe(), 5)
    assert failed.value.key == "relay.lobby_full"
    assert [w.newcomer.name for w in live.room.waiters.values()] == ["Noor"]
    await noor.raw.close()


@pytest.mark.parametrize("command", ["host", "relay"])
def test_host_and_relay_take_lobby(command: str) -> None:
    parser = build_parser()
    assert parser.parse_args([command, "sessie.toml", "--lobby"]).lobby
    assert not parser.parse_args([command, "sessie.toml"]).lobby


async def test_the_lobby_names_the_entrance_and_its_address_only_from_loopback(
    live: LiveRelay,
) -> None:
    """An entrance's board reaches the relay on its loopback listener: the facilitator sees
    where the person really is ("via ssh, 198.51.100.7"), not 127.0.0.1. The same claim
    on the public port is ignored."""
    ria = await facilitator(live.url)
    local_port = await live.relay.listen_local()
    claim = {"entrance": "ssh", "seen_from": "198.51.100.7"}
    raw = await knock(
        f"ws://127.0.0.1:{local_port}",
        Hello(code=CODE, name="Sem", **claim),
    )
    seen = await lobby_list(ria, lambda m: len(m.waiting) == 1)
    assert (seen.waiting[0].address, seen.waiting[0].entrance) == ("198.51.100.7", "ssh")
    liar = await wait_in_lobby(live, "Lex", **claim)
    seen = await lobby_list(ria, lambda m: len(m.waiting) == 2)
    lex = next(n for n in seen.waiting if n.name == "Lex")
    assert (lex.address, lex.entrance) == ("127.0.0.1", ""), "not believed on the public port"
    await raw.close()
    await liar.raw.close()
    await ria.close()


def test_the_lobby_line_says_the_entrance() -> None:
    from tui_board.live.protocol import Newcomer
    from tui_board.tui.screens.seats import lobby_label

    now = dt.datetime(2026, 3, 12, 10, 0, tzinfo=dt.UTC)
    sem = Newcomer(lobby_id="w-1", name="Sem", address="198.51.100.7", since=now, entrance="web")
    assert lobby_label(sem, now + dt.timedelta(seconds=65)) == (
        "Sem (via de browser) · vanaf 198.51.100.7 · wacht 01:05"
    )
