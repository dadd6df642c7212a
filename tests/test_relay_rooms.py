"""Many rooms on one relay, each at its own path, and the client address behind a proxy."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shutil
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from factories import make_session
from relaykit import CODE, WRONG_CODE, Recorder, eventually, join, knock, running, session_file
from test_live_cli import wait_listening
from tmuxkit import TUSSENRUIMTE, free_port

from tui_board.live.client import RelayClient
from tui_board.live.journal import Journal, token_hash
from tui_board.live.protocol import ErrorMessage, Hello
from tui_board.live.proxies import forwarded_client, parse_networks
from tui_board.live.relay import Relay, Room, room_name

MAART, APRIL = "MRTA-2222", "APRL-3333"
FAC_MAART, FAC_APRIL = "FMRT-4444", "FAPR-5555"


@pytest.fixture
async def two_rooms(tmp_path: Path) -> AsyncIterator[Relay]:
    maart = session_file(tmp_path, make_session(), "Rivierenland maart.toml")
    april = session_file(tmp_path, make_session(), "rivierenland-april.toml")
    relay = Relay(
        [Room(maart, MAART, FAC_MAART), Room(april, APRIL, FAC_APRIL)],
        trusted_proxies=parse_networks(["127.0.0.1"]),
    )
    await relay.start("127.0.0.1", 0)
    try:
        yield relay
    finally:
        await relay.stop()


def test_a_room_is_named_after_its_file() -> None:
    assert room_name(Path("/srv/Rivierenland maart.toml")) == "rivierenland-maart"
    assert room_name(Path("gemeente_2026.v2.toml")) == "gemeente_2026.v2"
    assert room_name(Path("??.toml")) == "kamer"


async def test_each_room_at_its_own_path(two_rooms: Relay) -> None:
    base = f"ws://127.0.0.1:{two_rooms.port}"
    maart = await join(f"{base}/kamer/rivierenland-maart", MAART, "Anna")
    april = await join(f"{base}/kamer/rivierenland-april/", APRIL, "Bob")
    try:
        rooms = {room.name: room for room in two_rooms.rooms}
        assert [c.actor.id for c in rooms["rivierenland-maart"].clients] == [maart.you.id]
        assert [c.actor.id for c in rooms["rivierenland-april"].clients] == [april.you.id]
    finally:
        await maart.close()
        await april.close()


async def test_the_code_of_another_room_does_not_open_a_path(two_rooms: Relay) -> None:
    url = f"ws://127.0.0.1:{two_rooms.port}/kamer/rivierenland-maart"
    raw = await knock(url, Hello(code=APRIL, name="Anna"))
    error = await raw.error()
    assert error.key == "relay.bad_code" and error.fatal
    assert await raw.closed() == 4001


async def test_codes_still_choose_the_room_at_the_root(two_rooms: Relay) -> None:
    client = RelayClient(f"ws://127.0.0.1:{two_rooms.port}", APRIL, name="Cas")
    async with running(client) as heard:
        assert isinstance(heard, Recorder)
        april = next(r for r in two_rooms.rooms if r.name == "rivierenland-april")
        you = client.you
        assert you is not None, "joined: the relay said who we are"
        await eventually(lambda: [c.actor.id for c in april.clients] == [you.id])


@pytest.mark.parametrize(
    "path", ["/kamer/bestaat-niet", "/kamer/", "/iets", "/kamer/rivierenland-maart/x"]
)
async def test_a_room_that_does_not_exist_is_a_wrong_code(two_rooms: Relay, path: str) -> None:
    base = f"ws://127.0.0.1:{two_rooms.port}"
    unknown = await knock(base + path, Hello(code=MAART, name="Anna"))
    wrong = await knock(f"{base}/kamer/rivierenland-maart", Hello(code=WRONG_CODE, name="Anna"))
    first, second = await unknown.error(), await wrong.error()
    # The same words, the same close: nothing tells a missing room from a wrong code.
    assert first == second == ErrorMessage(key="relay.bad_code", fatal=True)
    assert await unknown.closed() == await wrong.closed() == 4001
    assert len(two_rooms._wrong["127.0.0.1"]) == 2, "both count for slowing down"


async def test_a_wrong_path_is_slowed_like_a_wrong_code(two_rooms: Relay) -> None:
    base = f"ws://127.0.0.1:{two_rooms.port}"
    for _ in range(3):
        raw = await knock(f"{base}/kamer/raden-{_}", Hello(code=MAART, name="Anna"))
        await raw.error()
    assert two_rooms._wrong_delay("127.0.0.1") > 0


def test_the_client_is_the_rightmost_untrusted_hop() -> None:
    trusted = tuple(parse_networks(["127.0.0.1", "10.0.0.0/8"]))
    assert forwarded_client("127.0.0.1", ["203.0.113.7"], trusted) == "203.0.113.7"
    # What a client wrote in the header itself is never believed.
    assert forwarded_client("127.0.0.1", ["6.6.6.6, 203.0.113.7"], trusted) == "203.0.113.7"
    # Through two proxies of ours.
    assert forwarded_client("127.0.0.1", ["6.6.6.6, 203.0.113.7, 10.1.2.3"], trusted) == (
        "203.0.113.7"
    )
    assert forwarded_client("127.0.0.1", ["203.0.113.7", "10.1.2.3"], trusted) == "203.0.113.7"
    # Nonsense ends the walk at the last hop that can be believed.
    assert forwarded_client("127.0.0.1", ["onzin"], trusted) == "127.0.0.1"
    assert forwarded_client("192.0.2.1", ["203.0.113.7"], trusted) == "192.0.2.1"
    assert parse_networks(["::ffff:127.0.0.1"])[0] == ipaddress.ip_network("::ffff:127.0.0.1")


async def test_a_trusted_proxy_names_the_client(two_rooms: Relay) -> None:
    url = f"ws://127.0.0.1:{two_rooms.port}/kamer/rivierenland-maart"
    headers = {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}
    raw = await knock(url, Hello(code=WRONG_CODE, name="Anna"), additional_headers=headers)
    await raw.error()
    assert set(two_rooms._wrong) == {"198.51.100.9"}


async def test_a_forwarded_header_from_anyone_else_is_ignored_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    relay = Relay(
        [Room(session_file(tmp_path), CODE, FAC_MAART)],
        trusted_proxies=parse_networks(["10.0.0.0/8"]),
    )
    await relay.start("127.0.0.1", 0)
    try:
        headers = {"X-Forwarded-For": "198.51.100.9"}
        with caplog.at_level(logging.WARNING, "tussenruimte.relay"):
            raw = await knock(
                f"ws://127.0.0.1:{relay.port}",
                Hello(code=WRONG_CODE, name="Anna"),
                additional_headers=headers,
            )
            await raw.error()
        assert set(relay._wrong) == {"127.0.0.1"}
        assert "X-Forwarded-For from 127.0.0.1 (not a trusted proxy) ignored" in caplog.text
    finally:
        await relay.stop()


# --- as a command ---------------------------------------------------------------------------


def _relay(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [TUSSENRUIMTE, "relay", *args], stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL
    )


def test_the_relay_prints_each_rooms_path_and_join_knocks_there(tmp_path: Path) -> None:
    maart = session_file(tmp_path, make_session(), "rivierenland-maart.toml")
    april = session_file(tmp_path, make_session(), "rivierenland-april.toml")
    port = free_port()
    proxies = ["--trusted-proxy", "127.0.0.1", "--trusted-proxy", "10.0.0.0/8"]
    relay = _relay(str(maart), str(april), "--bind", "127.0.0.1", "--port", str(port),
                   "--code", MAART, *proxies)  # fmt: skip
    try:
        wait_listening(port)
        url = f"ws://127.0.0.1:{port}/kamer/rivierenland-april"
        # The code of the other room, at this room's path: refused in plain Dutch.
        wrong = subprocess.run(
            [TUSSENRUIMTE, "join", url, "--code", f"{MAART}-1", "--name", "Anna"],
            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30, check=False,
        )  # fmt: skip
        assert wrong.returncode == 1 and "Deze code klopt niet" in wrong.stderr
        assert "Traceback" not in wrong.stderr
    finally:
        relay.send_signal(signal.SIGTERM)
        _, log = relay.communicate(timeout=15)
    assert relay.returncode == 0, log
    assert f"tussenruimte join ws://127.0.0.1:{port}/kamer/rivierenland-maart --code" in log
    assert (
        f"tussenruimte join ws://127.0.0.1:{port}/kamer/rivierenland-april --code {MAART}-2" in log
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--trusted-proxy", "proxy.example"], "--trusted-proxy 'proxy.example' is geen adres"),
        (["--trusted-proxy", "10.0.0.0/33"], "is geen adres of netwerk"),
    ],
)
def test_a_bad_trusted_proxy_is_refused_in_dutch(
    tmp_path: Path, args: list[str], says: str
) -> None:
    relay = _relay(str(session_file(tmp_path)), "--port", "0", *args)
    _, log = relay.communicate(timeout=30)
    assert relay.returncode == 1 and says in log and "Traceback" not in log


def test_two_files_with_one_path_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = session_file(tmp_path / "a", make_session(), "Maart.toml")
    second = session_file(tmp_path / "b", make_session(), "maart.toml")
    relay = _relay(str(first), str(second), "--port", "0")
    _, log = relay.communicate(timeout=30)
    assert relay.returncode == 1 and "Traceback" not in log
    assert "krijgen hetzelfde pad /kamer/maart" in log


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is absent")
def test_the_template_unit_is_valid_for_systemd(tmp_path: Path) -> None:
    unit = Path(__file__).parent.parent / "docs" / "tussenruimte-relay@.service"
    shutil.copy(unit, tmp_path / unit.name)
    checked = subprocess.run(
        ["systemd-analyze", "verify", "./tussenruimte-relay@noord.service"],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr
    text = unit.read_text(encoding="utf-8")
    assert "--trusted-proxy 127.0.0.1" in text and "/srv/tussenruimte/%i/*.toml" in text


async def test_a_seat_is_on_disk_before_its_welcome_arrives(tmp_path: Path) -> None:
    # Joins that arrive together share one write (their journal entry, or the seats file);
    # none may hear its token before that write (a relay killed then would not know the
    # seat back). What is read here is what a restarted relay reads.
    path = session_file(tmp_path)
    relay = Relay([Room(path, CODE, FAC_MAART)], new_seats_per_minute=1000)
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"

    async def join_and_look(n: int) -> bool:
        raw = await join(url, CODE, f"Deelnemer {n}")
        try:
            assert raw.welcome is not None, "joined"
            token = raw.welcome.token
            seats = Journal(path).load_seats()
            return token_hash(token) in seats
        finally:
            await raw.close()

    try:
        seen = await asyncio.gather(*(join_and_look(n) for n in range(30)))
        assert all(seen) and len(seen) == 30
    finally:
        await relay.stop()
