"""The browser entrance (`--web`) and the screen that lets people in (every way in, QR code).

Real parts only: the real gate on 127.0.0.1 with aiohttp's own client, the real relay, the
real `tussenruimte host`/`join` in tmux, and in the end a real browser (Chromium, driven by
Playwright) typing a card that a terminal board shows. Where a test needs a board process
without a relay, the gate starts a small stand-in that speaks the same protocol as
Textual's web driver (and echoes what it gets), so the test can see exactly what reached
the board. Waiting is always for something, with a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pyte
import pytest
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    eventually,
    free_port,
    gone,
    session_file,
    start_relay,
)
from tmuxkit import TUSSENRUIMTE, Terminal
from yarl import URL

from tui_board.cli.main import build_parser
from tui_board.core.i18n import set_language
from tui_board.core.model import Participant
from tui_board.entrances import webgate
from tui_board.entrances.qr import QUIET_ZONE, half_blocks, modules, qr_lines
from tui_board.entrances.ways import board_lines, screen_lines
from tui_board.entrances.webgate import Ticket, WebGate, board_command, host_allowed, same_origin
from tui_board.live.journal import state_dir
from tui_board.live.protocol import Hello, WaysIn, Welcome

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# A stand-in for `tussenruimte join` under Textual's web driver: the same start line and
# packets (type byte, 4-byte length, payload). It says it is ready, then echoes every
# packet it gets as a data packet "D:…" or "M:…"; "quit" makes it say "exit" and stop.
FAKE_BOARD = r"""
import json, os, signal, sys
mode = sys.argv[1] if len(sys.argv) > 1 else ""
if mode == "stubborn":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
if mode == "fails":
    sys.stderr.write("Verbinden met ws://127.0.0.1:1 …\nDe relay weigert: de sessie is vol.\n")
    sys.exit(1)
out = sys.stdout.buffer
def send(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()
out.write(b"__GANGLION__\n")
out.flush()
ready = {"pid": os.getpid(), "argv": sys.argv[2:], "env": dict(os.environ)}
send(b"D", ("READY " + json.dumps(ready)).encode())
inp = sys.stdin.buffer
while True:
    kind = inp.read(1)
    if not kind:
        break
    size = int.from_bytes(inp.read(4), "big")
    payload = inp.read(size)
    if kind == b"M" and json.loads(payload).get("type") == "quit":
        send(b"M", b'{"type": "exit"}')
        break
    send(b"D", kind + b":" + payload)
if mode == "stubborn":  # not even the end of its input stops it
    import time
    time.sleep(60)
"""


def fake(mode: str = "") -> Callable[[str, Ticket], list[str]]:
    """The stand-in board's command (the ticket's fields after the mode, to check them)."""

    def command(url: str, ticket: Ticket) -> list[str]:
        return [sys.executable, "-c", FAKE_BOARD, mode, url, *board_command(url, ticket)[5:]]

    return command


@contextlib.asynccontextmanager
async def web_gate(mode: str = "", **options: Any) -> AsyncIterator[WebGate]:
    """A gate on a free port with the stand-in board, stopped afterwards."""
    options.setdefault("fail_delay", 0)
    options.setdefault("kill_grace", 0.5)
    gate = WebGate([CODE], "ws://127.0.0.1:9", command=fake(mode), **options)
    await gate.start("127.0.0.1", 0)
    try:
        yield gate
    finally:
        await gate.stop()


def base(gate: WebGate) -> str:
    return f"http://127.0.0.1:{gate.port}"


async def ticket(http: aiohttp.ClientSession, gate: WebGate, **form: str) -> str:
    """Fill in the form with the right code; the ticket from the page it sends you to."""
    fields = {"code": CODE, "name": "Anna", "org": "Gemeente", "lang": "nl", **form}
    async with http.post(
        base(gate) + "/join", data=fields, allow_redirects=False, headers={"Origin": base(gate)}
    ) as answer:
        assert answer.status == 303, await answer.text()
        location = answer.headers["Location"]
    assert location.startswith("/board/")
    return location.removeprefix("/board/")


async def open_board(
    http: aiohttp.ClientSession, gate: WebGate, token: str, origin: str | None = None
) -> aiohttp.ClientWebSocketResponse:
    """The board's websocket, as textual.js opens it (with the page's origin)."""
    return await http.ws_connect(
        f"ws://127.0.0.1:{gate.port}/ws/{token}?width=100&height=30",
        origin=origin if origin is not None else base(gate),
    )


async def read_until(ws: aiohttp.ClientWebSocketResponse, needle: bytes) -> bytes:
    """Binary frames until one holds `needle` (fails on a close or after 10 s)."""
    seen = b""
    while needle not in seen:
        message = await asyncio.wait_for(ws.receive(), 10)
        assert message.type is aiohttp.WSMsgType.BINARY, (message, seen)
        seen += message.data
    return seen


async def ready(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    """What the stand-in board said when it started (its pid, argv and environment)."""
    said = await read_until(ws, b"READY ")
    found: dict[str, Any] = json.loads(said.split(b"READY ", 1)[1])
    return found


# --- the form ---------------------------------------------------------------------------------


async def test_the_form_asks_for_the_code_and_loads_nothing_from_elsewhere() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        async with http.get(base(gate) + "/") as answer:
            page = await answer.text()
            headers = answer.headers
        assert answer.status == 200
        assert "<title>tussenruimte</title>" in page
        for field in ('name="code"', 'name="name"', 'name="org"', 'name="mandate"'):
            assert field in page
        assert "Code van de sessie" in page and "Meedoen" in page
        # Nothing from elsewhere: every address on the page is this server's.
        addresses = re.findall(r'(?:src|href|action)="([^"]*)"', page)
        assert addresses and all(a.startswith(("/", "data:")) for a in addresses), addresses
        assert "http" not in page
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "connect-src 'self'" in csp
        assert headers["Server"] == "tussenruimte"
        assert headers["X-Frame-Options"] == "DENY"
        async with http.get(base(gate) + "/?lang=en") as answer:
            english = await answer.text()
        assert "Session code" in english and '<html lang="en">' in english
        assert gate.started == 0


async def test_every_file_a_page_loads_is_served_here_and_nothing_else() -> None:
    stock = (Path(webgate.SERVE).parent / "templates" / "app_index.html").read_text("utf-8")
    assert "fonts.googleapis.com" in stock  # what textual-serve's own page would load
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        for name, (path, kind) in webgate.STATIC.items():
            async with http.get(f"{base(gate)}/static/{name}") as answer:
                assert answer.status == 200, name
                assert answer.content_type == kind
                assert await answer.read() == path.read_bytes()
        for name in ("../webgate.py", "nope.js", "js/textual.js", "%2e%2e/codes.py"):
            async with http.get(f"{base(gate)}/static/{name}") as answer:
                assert answer.status == 404, name
    css = (webgate.WEB / "page.css").read_text("utf-8")
    assert 'url("/static/RobotoMono.ttf")' in css
    for name in ("form.html", "board.html", "page.css", "board.js"):
        text = (webgate.WEB / name).read_text("utf-8")
        assert "googleapis" not in text and "http://" not in text and "https://" not in text


async def test_a_wrong_code_starts_nothing_and_too_many_lock_the_address_out() -> None:
    async with web_gate(attempts=3) as gate, aiohttp.ClientSession() as http:
        for _ in range(2):
            async with http.post(
                base(gate) + "/join", data={"code": "XXXX-XXXX", "name": "Anna"}
            ) as answer:
                assert answer.status == 403
                page = await answer.text()
            assert "Die code klopt niet" in page
            assert 'value="Anna"' in page  # what was typed stays
        async with http.post(base(gate) + "/join", data={"code": "NOPE", "name": "A"}) as answer:
            assert answer.status == 429
            assert "Te veel verkeerde codes" in await answer.text()
        # Locked out: the right code does not help within the minute.
        async with http.post(
            base(gate) + "/join", data={"code": CODE, "name": "Anna"}, allow_redirects=False
        ) as answer:
            assert answer.status == 429
        assert gate.started == 0 and not gate.sessions


async def test_a_name_is_needed_and_the_form_says_so() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        async with http.post(
            base(gate) + "/join", data={"code": CODE, "name": " \x1b\x07\t "}
        ) as answer:
            assert answer.status == 400
            assert "Vul je naam in" in await answer.text()


async def test_a_form_from_another_origin_is_refused() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        async with http.post(
            base(gate) + "/join",
            data={"code": CODE, "name": "Anna"},
            headers={"Origin": "http://kwaadaardig.example"},
            allow_redirects=False,
        ) as answer:
            assert answer.status == 403
        assert not gate.full() and gate.started == 0


async def test_only_ip_addresses_localhost_and_the_public_name_are_answered() -> None:
    options = {"public_url": "http://bord.zaal.lan:8080/"}
    async with web_gate(**options) as gate, aiohttp.ClientSession() as http:
        for host, status in [
            (f"127.0.0.1:{gate.port}", 200),
            (f"localhost:{gate.port}", 200),
            ("192.168.1.20:8080", 200),
            ("[::1]:8080", 200),
            ("bord.zaal.lan:8080", 200),
            ("rebinding.kwaadaardig.example", 421),
        ]:
            async with http.get(base(gate) + "/", headers={"Host": host}) as answer:
                assert answer.status == status, host
                if status == 421:
                    assert "http://bord.zaal.lan:8080/" in await answer.text()
    assert host_allowed("10.0.0.5") and host_allowed("[fe80::1]:80")
    assert not host_allowed("") and not host_allowed("example.org")
    assert same_origin("http://127.0.0.1:8080", "127.0.0.1:8080")
    assert not same_origin("http://127.0.0.1:8081", "127.0.0.1:8080")
    assert not same_origin("null", "127.0.0.1:8080") and not same_origin(None, "x")


# --- the ticket and the board --------------------------------------------------------------------


async def test_the_right_code_gives_a_ticket_for_one_board() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        token = await ticket(http, gate, code="kx7p 3mha", name="Anna", mandate="yes")
        assert gate.started == 0  # nothing runs before the board's websocket
        async with http.get(f"{base(gate)}/board/{token}") as answer:
            page = await answer.text()
        assert answer.status == 200 and "<title>tussenruimte</title>" in page
        assert f'data-session-websocket-url="ws://127.0.0.1:{gate.port}/ws/{token}"' in page
        assert "googleapis" not in page and str(ROOT) not in page
        ws = await open_board(http, gate, token)
        said = await ready(ws)
        assert gate.started == 1 and gate.pids() == [said["pid"]]
        # The board is asked for exactly what the form said, with the room's own code: in
        # its environment, never on its command line (anyone may read that with `ps`).
        assert said["argv"] == [
            "ws://127.0.0.1:9", "--lang", "nl", "--via", "web", "--seen-from=127.0.0.1",
            "--name=Anna", "--org=Gemeente", "--mandate",
        ]  # fmt: skip
        assert said["env"]["TUSSENRUIMTE_CODE"] == CODE
        # The ticket is used up: a second board (or a reload) needs the form again.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_board(http, gate, token)
        assert refused.value.status == 410
        async with http.get(f"{base(gate)}/board/{token}") as answer:
            assert answer.status == 410
            assert "verlopen of al gebruikt" in await answer.text()
        await ws.close()


async def test_a_ticket_expires_and_belongs_to_the_address_that_got_it() -> None:
    async with web_gate(ticket_ttl=0.2) as gate, aiohttp.ClientSession() as http:
        token = await ticket(http, gate)
        await asyncio.sleep(0.3)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_board(http, gate, token)
        assert refused.value.status == 410
        gate.ticket_ttl = 60
        token = await ticket(http, gate)
        gate._tickets[token] = dataclasses.replace(gate._tickets[token], address="192.0.2.7")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_board(http, gate, token)
        assert refused.value.status == 403
        assert gate.started == 0


async def test_a_websocket_from_another_origin_starts_nothing() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        token = await ticket(http, gate)
        for origin in ("http://kwaadaardig.example", "null", f"http://127.0.0.1:{gate.port + 1}"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await open_board(http, gate, token, origin=origin)
            assert refused.value.status == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:  # no Origin at all
            await http.ws_connect(f"ws://127.0.0.1:{gate.port}/ws/{token}")
        assert refused.value.status == 403
        assert gate.started == 0
        ws = await open_board(http, gate, token)  # the page's own origin still may
        await ready(ws)
        await ws.close()


async def test_what_the_browser_sends_reaches_the_board_checked() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        await ready(ws)
        await ws.send_str(json.dumps(["stdin", "n€"]))
        assert b"D:n\xe2\x82\xac" in await read_until(ws, b"D:")
        await ws.send_str(json.dumps(["resize", {"width": 99999, "height": -3}]))
        said = await read_until(ws, b"resize")
        assert b'"width": 500' in said and b'"height": 5' in said
        for junk in ("{", "[]", "[1, 2]", '{"stdin": 1}', '["stdin", 5]', '["resize", "x"]'):
            await ws.send_str(junk)
        await ws.send_bytes(b"\x00\x01")
        await ws.send_str(json.dumps(["ping", "123"]))
        answer = await asyncio.wait_for(ws.receive(), 10)
        assert answer.type is aiohttp.WSMsgType.TEXT and json.loads(answer.data) == ["pong", "123"]
        await ws.send_str(json.dumps(["focus"]))
        assert b'M:{"type": "focus"}' in await read_until(ws, b"focus")
        await ws.close()


async def test_the_board_gets_a_small_environment() -> None:
    os.environ["TUSSENRUIMTE_TEST_SECRET"] = "geheim"
    try:
        async with web_gate() as gate, aiohttp.ClientSession() as http:
            ws = await open_board(http, gate, await ticket(http, gate, lang="en"))
            env = (await ready(ws))["env"]
            await ws.close()
    finally:
        del os.environ["TUSSENRUIMTE_TEST_SECRET"]
    assert "TUSSENRUIMTE_TEST_SECRET" not in env
    assert env["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
    assert env["TUSSENRUIMTE_LANG"] == "en"
    assert (env["COLUMNS"], env["ROWS"]) == ("100", "30")
    allowed = set(webgate._child_env("nl", 80, 24)) | {"PYTHONPATH", "TUSSENRUIMTE_CODE"}
    assert set(env) - {"PWD", "SHLVL", "_", "LC_CTYPE"} <= allowed


def test_a_name_that_looks_like_an_option_stays_a_name() -> None:
    odd = Ticket(CODE, "--view", "-x Gemeente", None, "nl", "127.0.0.1", 0.0)
    command = board_command("ws://127.0.0.1:9", odd)
    assert command[:4] == [sys.executable, "-m", "tui_board", "join"]
    args = build_parser().parse_args(command[3:])
    assert (args.name, args.org, args.view, args.mandate) == ("--view", "-x Gemeente", False, None)
    no = board_command("ws://x", Ticket(CODE, "A", "", False, "en", "?", 0.0))
    assert no[-1] == "--no-mandate" and "--lang" in no and no[no.index("--lang") + 1] == "en"


async def test_the_board_is_killed_when_the_browser_goes() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        pid = (await ready(ws))["pid"]
        assert os.getpgid(pid) == pid  # its own process group: all of it can be ended
        await ws.close()
        await gone(pid)
        await eventually(lambda: not gate.sessions, message="the board is still counted")


async def test_a_board_that_ignores_sigterm_gets_sigkill() -> None:
    async with web_gate("stubborn", kill_grace=0.5) as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        pid = (await ready(ws))["pid"]
        started = time.monotonic()
        await ws.close()
        await gone(pid)
        assert time.monotonic() - started >= 0.4  # it had its grace, then SIGKILL


GATE_ALONE = """
import asyncio, sys
from tui_board.entrances.webgate import WebGate
async def main():
    command = lambda url, ticket: [sys.executable, "-c", sys.argv[1], ""]
    gate = WebGate([sys.argv[2]], "ws://127.0.0.1:9", fail_delay=0, command=command)
    await gate.start("127.0.0.1", 0)
    print(gate.port, flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


async def test_no_board_outlives_its_gate_even_after_kill_9() -> None:
    alone = subprocess.Popen(
        [sys.executable, "-c", GATE_ALONE, FAKE_BOARD, CODE], stdout=subprocess.PIPE, text=True
    )
    try:
        assert alone.stdout is not None
        port = int(await asyncio.wait_for(asyncio.to_thread(alone.stdout.readline), 30))
        gate = WebGate([CODE], "")
        gate.port = port
        async with aiohttp.ClientSession() as http:
            ws = await open_board(http, gate, await ticket(http, gate))
            pid = (await ready(ws))["pid"]
            alone.kill()  # no clean stop: the gate never gets to end its boards
            await gone(pid)
    finally:
        alone.kill()
        alone.wait()


async def test_a_board_that_fails_to_start_tells_why() -> None:
    async with web_gate("fails") as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        said = await read_until(ws, b"\r\n")
        assert b"De relay weigert: de sessie is vol." in said
        assert b"127.0.0.1:1" not in said  # the inner address is not shown
        closed = await asyncio.wait_for(ws.receive(), 10)
        assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)


async def test_quitting_the_board_closes_the_page() -> None:
    async with web_gate() as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        pid = (await ready(ws))["pid"]
        await ws.send_str(json.dumps(["stdin", "q"]))
        for board in list(gate.sessions):
            await board._meta({"type": "quit"})  # what Textual's exit would bring about
        while not ws.closed:
            message = await asyncio.wait_for(ws.receive(), 10)
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        await gone(pid)


async def test_at_most_max_sessions_boards_at_once() -> None:
    async with web_gate(max_sessions=1) as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        await ready(ws)
        async with http.post(
            base(gate) + "/join", data={"code": CODE, "name": "Bob"}, allow_redirects=False
        ) as answer:
            assert answer.status == 503
            assert "er doen al 1 mensen mee in de browser" in await answer.text()
        await ws.close()
        await eventually(lambda: not gate.sessions)
        await ticket(http, gate, name="Bob")  # room again


async def test_an_idle_board_is_closed_with_a_reason() -> None:
    async with web_gate(idle_timeout=0.5) as gate, aiohttp.ClientSession() as http:
        ws = await open_board(http, gate, await ticket(http, gate))
        pid = (await ready(ws))["pid"]
        said = await read_until(ws, b"lang niets getypt")
        assert b"daarom is het bord gesloten" in said
        await gone(pid)


async def test_stopping_the_gate_tells_every_browser_and_ends_every_board() -> None:
    async with aiohttp.ClientSession() as http:
        async with web_gate() as gate:
            sockets = [await open_board(http, gate, await ticket(http, gate)) for _ in range(3)]
            pids = [(await ready(ws))["pid"] for ws in sockets]
            await gate.stop()
            for ws in sockets:
                assert b"De sessie is gestopt" in await read_until(ws, b"gestopt")
            for pid in pids:
                await gone(pid)


# --- with the real relay and the real board ------------------------------------------------------


async def test_a_real_board_joins_the_room_through_the_gate(tmp_path: Path) -> None:
    live = await start_relay(session_file(tmp_path))
    gate = await webgate.open_gate(
        live.relay, "127.0.0.1", 0, public_url="", language="nl", max_sessions=5
    )
    try:
        async with aiohttp.ClientSession() as http:
            token = await ticket(http, gate, name="Bea", org="Wijkteam", mandate="no")
            ws = await open_board(http, gate, token)
            screen = pyte.Screen(100, 30)
            stream = pyte.ByteStream(screen)
            deadline = time.monotonic() + 30
            while "Testsessie" not in "\n".join(screen.display):
                message = await asyncio.wait_for(
                    ws.receive(), max(0.1, deadline - time.monotonic())
                )
                assert message.type is aiohttp.WSMsgType.BINARY, message
                stream.feed(message.data)
            bea = next(p for p in live.room.session.participants if p.name == "Bea")
            assert bea.organisation == "Wijkteam" and bea.mandate is False
            pid = gate.pids()[0]
            await ws.close()
            await gone(pid)
            await eventually(lambda: not live.room.clients, message="the board left the room")
    finally:
        await gate.stop()
        await live.stop()


async def test_facilitators_and_observers_hear_every_way_in_participants_do_not(
    tmp_path: Path,
) -> None:
    from websockets.asyncio.client import connect

    live = await start_relay(session_file(tmp_path))
    ways = WaysIn(join="tussenruimte join ws://h:1 --code X", code=CODE, web="http://h:2/")
    live.room.ways_in = ways
    try:
        for code, view, expected in [
            (FACILITATOR_CODE, False, ways),
            (CODE, True, ways),
            (FACILITATOR_CODE, True, ways),
            (CODE, False, None),
        ]:
            async with connect(live.url) as ws:
                hello = Hello(code=code, name="" if view else "Iemand", view=view)
                await ws.send(hello.model_dump_json())
                welcome = Welcome.model_validate_json(await ws.recv())
                assert welcome.ways_in == expected, (code, view)
    finally:
        await live.stop()


# --- the words and the QR code -------------------------------------------------------------------


def decode(lines: list[str], scale: int = 4) -> list[str]:
    """Read half-block lines (dark on light) as a camera would: pixels, then zxing-cpp."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp reads the QR codes")
    cells = {" ": (0, 0), "▀": (1, 0), "▄": (0, 1), "█": (1, 1)}
    rows = []
    for line in lines:
        for half in (0, 1):
            row = bytes(0 if cells[c][half] else 255 for c in line for _ in range(scale))
            rows.extend([row] * scale)
    image = memoryview(b"".join(rows)).cast("B", (len(rows), len(rows[0])))
    return [found.text for found in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    "url",
    ["http://192.168.1.20:8080/", "http://[fe80::1]:8080/", "https://bord.gemeente-tiel.nl/"],
)
def test_the_qr_code_reads_back_as_the_address(url: str) -> None:
    lines = qr_lines(url)
    assert decode(lines) == [url]
    dark = modules(url)
    assert half_blocks(dark) == lines
    # The quiet zone is there: the outer four modules all round are light.
    assert not any(dark[r][c] for r in range(QUIET_ZONE) for c in range(len(dark[0])))
    assert not any(row[c] for row in dark for c in range(QUIET_ZONE))
    assert len(lines[0]) <= 37 and len(lines) <= 19, "fits beside the words on 80×24"


def test_half_blocks_draw_two_rows_per_line() -> None:
    assert half_blocks([[True, False, True, False], [True, True, False, False]]) == ["█▄▀ "]
    assert half_blocks([[True, False]]) == ["▀ "]  # an odd last row gets a light row below


def test_the_lines_name_every_way_in_in_both_languages() -> None:
    ways = WaysIn(
        join="tussenruimte join ws://192.168.1.20:8765 --code KX7P-3MHA",
        code="KX7P-3MHA",
        ssh_host="192.168.1.20",
        ssh_port=2222,
        fingerprint="SHA256:abc",
        web="http://192.168.1.20:8080/",
    )
    lines = board_lines(ways)
    assert lines[0] == "Deelnemers: tussenruimte join ws://192.168.1.20:8765 --code KX7P-3MHA"
    assert "ssh -p 2222 sessie@192.168.1.20" in lines[1] and "SHA256:abc" in lines[1]
    assert "of in de browser: http://192.168.1.20:8080/" in lines[2] and "i:" in lines[2]
    words = "\n".join(text for text, _ in screen_lines(ways))
    assert "De code: KX7P-3MHA" in words and "http://192.168.1.20:8080/" in words
    set_language("en")
    assert "ssh -p 2222 session@192.168.1.20" in board_lines(ways)[1]
    assert "In a browser" in "\n".join(text for text, _ in screen_lines(ways))
    assert board_lines(None, "tussenruimte join x") == ["Participants: tussenruimte join x"]
    assert board_lines(None) == []
    only = board_lines(WaysIn(join="j"))
    assert only == ["Participants: j"]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_screen_to_let_people_in(tmp_path: Path, size: tuple[int, int]) -> None:
    from boardkit import local, make_app, screen_now
    from boardkit import session_file as board_file

    from tui_board.tui.screens.entrances import EntrancesScreen

    url = "http://192.168.100.200:18080/"
    app = make_app(board_file(tmp_path))
    local(app).ways_in = WaysIn(
        join="tussenruimte join ws://192.168.100.200:8765 --code KX7P-3MHA",
        code="KX7P-3MHA",
        ssh_host="192.168.100.200",
        ssh_port=2222,
        fingerprint="SHA256:zHZUwl5ws09LXM5OLF2dwd/1j0mMZ3Hg69TRdxP8npY",
        web=url,
    )
    async with app.run_test(size=size) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, EntrancesScreen)
        shown = _screen_text(app)
        assert "De code: KX7P-3MHA" in shown and url in shown
        qr = [line for line in shown.splitlines() if "█" in line]
        start = min(line.index("█") for line in qr) - QUIET_ZONE
        width = len(qr_lines(url)[0])
        first = shown.splitlines().index(qr[0]) - QUIET_ZONE // 2
        drawn = [
            line[start : start + width] for line in shown.splitlines()[first:][: len(qr_lines(url))]
        ]
        assert decode(drawn) == [url]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(screen_now(app), EntrancesScreen)
        await pilot.press("q")


async def test_a_window_too_small_for_the_qr_code_says_so(tmp_path: Path) -> None:
    from boardkit import local, make_app
    from boardkit import session_file as board_file

    app = make_app(board_file(tmp_path))
    local(app).ways_in = WaysIn(join="tussenruimte join ws://h:1 --code X", web="http://h:2/")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        shown = _screen_text(app)
        assert "Maak het venster groter voor de QR-code" in shown
        assert "█" not in shown
        await pilot.press("escape", "q")


async def test_a_board_without_ways_in_has_no_screen_for_them(tmp_path: Path) -> None:
    from boardkit import make_app
    from boardkit import session_file as board_file

    app = make_app(board_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.check_action("entrances", ()) is False
        await pilot.press("i")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        await pilot.press("q")


def _screen_text(app: Any) -> str:
    """The whole screen as text, line by line (what a terminal would show)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# --- the commands --------------------------------------------------------------------------------


def _read_until(path: Path, text: str, process: subprocess.Popen[str], timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content:
            return content
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not in the output:\n{content}")
        time.sleep(0.05)


def test_relay_with_web_prints_the_address_and_stops_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port, web_port = free_port(), free_port()
    log = tmp_path / "relay.log"
    command = [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
               "--code", CODE, "--web", str(web_port)]  # fmt: skip
    with log.open("w") as out:
        relay = subprocess.Popen(command, stderr=out, text=True)
    try:
        printed = _read_until(log, "Of in de browser", relay)
        printed = _read_until(log, f"http://127.0.0.1:{web_port}/", relay)
        assert "tussenruimte join ws://127.0.0.1" in printed
        busy = subprocess.run(
            [*command[:6], str(free_port()), *command[7:]],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert busy.returncode == 1
        assert f"Webpoort {web_port} is al in gebruik" in busy.stderr
    finally:
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)
    assert relay.returncode == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--public-url", "http://bord.lan/"], "--public-url hoort bij --web"),
        (["--web", "0", "--public-url", "bord.lan"], "moet een adres zijn dat begint met http"),
    ],
)
def test_public_url_is_checked(tmp_path: Path, extra: list[str], says: str) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    for command in ("host", "relay"):
        done = subprocess.run(
            [TUSSENRUIMTE, command, str(path), "--port", str(free_port()), *extra],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert done.returncode == 1, command
        assert says in done.stderr, command


# --- end to end: tmux and a real browser ---------------------------------------------------------


def _chromium_or_skip() -> None:
    """Skip, saying why, where there is no browser (.ci/run installs Debian's Chromium)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: the browser tests need it "
            "(`apt-get install chromium`; .ci/run tries that and says so when it cannot)"
        )
    try:
        import playwright.async_api  # noqa: F401
    except ImportError as error:
        pytest.skip(f"playwright is not installed ({error}); `make test` installs it")


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """Debian's Chromium under Playwright (no browser download), closed afterwards."""
    _chromium_or_skip()
    from playwright.async_api import async_playwright

    async with contextlib.AsyncExitStack() as stack:
        try:
            driver = await stack.enter_async_context(async_playwright())
            browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # the driver or the browser: say why, and skip
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {error!s:.300}")
        try:
            yield browser
        finally:
            await browser.close()


class BrowserScreen:
    """What the page's terminal shows: the board's frames, read off the page's websocket."""

    def __init__(self, page: Any) -> None:
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None
        page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        query = dict(part.split("=") for part in ws.url.split("?", 1)[1].split("&"))
        self.screen = pyte.Screen(int(query["width"]), int(query["height"]))
        self.stream = pyte.ByteStream(self.screen)
        ws.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes) and self.stream is not None:
            self.stream.feed(payload)

    def text(self) -> str:
        return "\n".join(self.screen.display) if self.screen is not None else ""

    async def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{text!r} not in the browser within {timeout} s:\n{self.text()}"
                )
            await asyncio.sleep(0.05)


def _processes(needle: str) -> list[int]:
    """Processes whose command line holds `needle`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode():
                    found.append(int(entry.name))
    return found


def _descendants(root: int) -> set[int]:
    """The processes started by `root`, and by those, and so on."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family - {root}


async def test_a_card_typed_in_a_browser_reaches_a_terminal_board(tmp_path: Path) -> None:
    from boardkit import session_file as board_file

    async with chromium() as browser:
        path = board_file(tmp_path)  # in the phase verzamelen: cards may be added
        port, web_port = free_port(), free_port()
        host = Terminal(
            [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
             "--code", CODE, "--web", str(web_port), "--name", "Marieke"],
            size=(140, 36), cwd=tmp_path,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{web_port}/"
            host.wait_for(f"of in de browser: {url}", timeout=30)  # every way in, on the board
            page = await browser.new_page(viewport={"width": 1100, "height": 700})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            problems: list[str] = []
            page.on("pageerror", lambda error: problems.append(str(error)))
            shown = BrowserScreen(page)
            await page.goto(url)
            await page.fill("#code", CODE.lower().replace("-", " "))
            await page.fill("#name", "Bea Browser")
            await page.fill("#org", "Wijkteam Tiel")
            await page.check("input[name=mandate][value=yes]")
            started = time.monotonic()
            await page.click("button[type=submit]")
            await page.wait_for_selector("body.-first-byte", state="attached", timeout=20000)
            await shown.wait_for("Fase 2/7")
            visible = time.monotonic() - started
            assert visible < 10, f"the board took {visible:.1f} s"  # the bench measures it
            assert await page.title() == "tussenruimte"
            assert "/board/" in page.url and str(tmp_path) not in page.url
            assert all(r.startswith(f"http://127.0.0.1:{web_port}/") for r in requests), requests
            assert await page.evaluate("document.fonts.check(\"16px 'Roboto Mono'\")")
            assert not problems, problems
            host.wait_for("2 online")
            # A card typed in the browser, on the facilitator's terminal board.
            await page.click("#terminal")
            await page.keyboard.press("n")
            await shown.wait_for("Nieuwe kaart")
            await page.keyboard.type("Kaart uit de browser")
            await page.keyboard.press("Enter")
            host.wait_for("Kaart uit de browser")
            host.wait_for("Bea Browser")
            await shown.wait_for("Kaart uit de browser")
            # The status line names the way in, not the relay's loopback address.
            await shown.wait_for("in de browser · ")
            assert f"127.0.0.1:{port}" not in shown.text()
            # Only this host's own boards: other tests (and their browsers) may run beside it.
            ours = _descendants(host.pid)
            boards = [pid for pid in _processes("tui_board join ws://127.0.0.1") if pid in ours]
            boards = [pid for pid in boards if pid in _processes("--name=Bea Browser")]
            assert len(boards) == 1
            # The browser goes away: so does its board.
            await page.close()
            await gone(boards[0])
            host.wait_for("1 online")
        finally:
            host.close()


async def test_the_projector_shows_every_way_in_and_a_qr_code_that_reads(tmp_path: Path) -> None:
    pytest.importorskip("zxingcpp", reason="zxing-cpp reads the QR code")
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    port, ssh_port, web_port = free_port(), free_port(), free_port()
    log = tmp_path / "relay.log"
    command = [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
               "--code", CODE, "--facilitator-code", FACILITATOR_CODE,
               "--ssh", str(ssh_port), "--web", str(web_port),
               "--public-url", f"http://127.0.0.1:{web_port}/"]  # fmt: skip
    with log.open("w") as out:
        relay = subprocess.Popen(command, stderr=out, text=True)
    projector = None
    try:
        _read_until(log, "Of in de browser", relay)
        projector = Terminal(
            [TUSSENRUIMTE, "join", f"ws://127.0.0.1:{port}", "--code", CODE, "--view"],
            size=(100, 30),
        )
        url = f"http://127.0.0.1:{web_port}/"
        projector.wait_for(f"tussenruimte join ws://127.0.0.1:{port} --code {CODE}")
        projector.wait_for(f"ssh -p {ssh_port} sessie@127.0.0.1")
        projector.wait_for(f"of in de browser: {url}")
        projector.keys("i")
        shown = projector.wait_for("Zo doe je mee")
        assert f"De code: {CODE}" in shown
        lines = shown.splitlines()
        qr = [n for n, line in enumerate(lines) if "█▀▀▀▀▀█" in line]
        width, height = len(qr_lines(url)[0]), len(qr_lines(url))
        start = lines[qr[0]].index("█▀▀▀▀▀█") - QUIET_ZONE
        top = qr[0] - QUIET_ZONE // 2
        drawn = [
            line.ljust(start + width)[start : start + width] for line in lines[top : top + height]
        ]
        assert decode(drawn) == [url]
        projector.keys("Escape")
        projector.wait_gone("Zo doe je mee")
    finally:
        if projector is not None:
            projector.close()
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)
    assert relay.returncode == 0


# --- a browser keeps its seat ---------------------------------------------------------------


async def test_a_browser_that_reloads_keeps_its_seat(tmp_path: Path) -> None:
    from boardkit import session_file as board_file

    async with chromium() as browser:
        live = await start_relay(board_file(tmp_path))  # verzamelen: cards may be added
        gate = await webgate.open_gate(
            live.relay, "127.0.0.1", 0, public_url="", language="nl", max_sessions=5
        )
        try:
            url = f"http://127.0.0.1:{gate.port}/"
            context = await browser.new_context(viewport={"width": 1100, "height": 700})
            page = await context.new_page()
            shown = BrowserScreen(page)
            await page.goto(url)
            await page.fill("#code", CODE)
            await page.fill("#name", "Bea Browser")
            await page.fill("#org", "Wijkteam Tiel")
            await page.click("form[action='/join'] button[type=submit]")
            await shown.wait_for("Fase 2/7")

            def people() -> list[Participant]:
                return [p for p in live.room.session.participants if p.name == "Bea Browser"]

            [bea] = await eventually(people, message="Bea at the table")
            await page.click("#terminal")
            await page.keyboard.press("n")
            await shown.wait_for("Nieuwe kaart")
            await page.keyboard.type("Eerste kaart van Bea")
            await page.keyboard.press("Enter")
            await shown.wait_for("Eerste kaart van Bea")

            # The cookie: a secret for this entrance only, out of reach of scripts.
            [cookie] = await context.cookies()
            assert cookie["name"] == gate.cookie_name
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
            assert len(cookie["value"]) == 43
            folder = state_dir(live.path) / "web-seats"
            digest = hashlib.sha256(cookie["value"].encode()).hexdigest()
            kept = folder / f"{digest}.json"
            await eventually(kept.is_file, message="the seat kept")
            assert not _processes(str(kept)), "the seat file is on no command line"
            assert oct(kept.stat().st_mode & 0o777) == oct(0o600)
            for each in state_dir(live.path).rglob("*"):  # only a hash of the secret is kept
                assert cookie["value"] not in each.name
                if each.is_file():
                    assert cookie["value"].encode() not in each.read_bytes()

            # A reload: the same seat, without the form.
            [first_board] = gate.pids()
            await page.reload()
            await shown.wait_for("Eerste kaart van Bea")
            await shown.wait_for("Fase 2/7")
            await gone(first_board)
            await eventually(lambda: bea.id in live.room.online(), message="Bea online again")
            await page.click("#terminal")
            await page.keyboard.press("n")
            await shown.wait_for("Nieuwe kaart")
            await page.keyboard.type("Tweede kaart van Bea")
            await page.keyboard.press("Enter")

            def authors() -> set[str]:
                return {c.author for c in live.room.session.cards if "kaart van Bea" in c.text}

            await eventually(
                lambda: len([c for c in live.room.session.cards if "kaart van Bea" in c.text]) == 2,
                message="the second card",
            )
            assert authors() == {bea.id} and len(people()) == 1

            # The tab closed, a new one opened: one button back to the seat.
            await page.close()
            await eventually(lambda: not gate.pids(), message="the board ended with the tab")
            again = await context.new_page()
            shown = BrowserScreen(again)
            await again.goto(url)
            assert "Welkom terug, Bea Browser" in await again.inner_text("body")
            await again.click("form[action='/back'] button")
            await shown.wait_for("Tweede kaart van Bea")
            await eventually(lambda: bea.id in live.room.online(), message="back in her seat")
            assert len(people()) == 1

            # Another browser (no cookie, or a made-up one), the right code: a new seat.
            stranger = await browser.new_context()
            await stranger.add_cookies([{"name": gate.cookie_name, "value": "x" * 43, "url": url}])
            other = await stranger.new_page()
            other_shown = BrowserScreen(other)
            await other.goto(url)
            assert "Welkom terug" not in await other.inner_text("body")
            await other.fill("#code", CODE)
            await other.fill("#name", "Bea Browser")
            await other.click("form[action='/join'] button[type=submit]")
            await other_shown.wait_for("Fase 2/7")
            await eventually(lambda: len(people()) == 2, message="a seat of her own")
            assert bea.id in live.room.online()
            await stranger.close()
            await context.close()
        finally:
            await gate.stop()
            await live.stop()


async def test_a_cookie_of_another_room_or_unknown_gives_nothing(tmp_path: Path) -> None:
    rooms = {CODE: tmp_path / "a", "QW8R-2ZTY": tmp_path / "b"}
    async with web_gate(seats=rooms) as gate:
        gate.codes = tuple(rooms)
        secret = "s" * 43
        seat_a = (
            tmp_path / "a" / "web-seats" / f"{hashlib.sha256(secret.encode()).hexdigest()}.json"
        )
        seat_a.parent.mkdir(parents=True)
        seat_a.write_text('{"seats": {"Anna": {"token": "t"}}, "last": "Anna"}')
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            jar.update_cookies({gate.cookie_name: secret}, URL(base(gate)))
            async with http.get(base(gate) + "/") as page:
                assert "Welkom terug, Anna" in await page.text()
            # In room B with room A's cookie: a seat in B, and a new cookie.
            token = await ticket(http, gate, code="QW8R-2ZTY")
            made = Path(gate._tickets[token].seat_file)
            assert made.parent == tmp_path / "b" / "web-seats" and made != seat_a
            new = {c.key: c.value for c in jar}[gate.cookie_name]
            assert new != secret and made.name == hashlib.sha256(new.encode()).hexdigest() + ".json"
            # A reload with the new cookie, before its board kept a seat: nothing to go back to.
            async with http.get(base(gate) + "/board/unknown") as page:
                assert page.status == 410
            # Room A's code with room A's cookie: its own seat, no new cookie.
            jar.update_cookies({gate.cookie_name: secret}, URL(base(gate)))
            token = await ticket(http, gate)
            assert Path(gate._tickets[token].seat_file) == seat_a
            assert {c.key: c.value for c in jar}[gate.cookie_name] == secret
            # The reload of a used link with room A's cookie: a fresh ticket for that seat.
            async with http.get(base(gate) + "/board/used") as page:
                assert page.status == 200
                found = re.search(r"/ws/([A-Za-z0-9_-]+)", await page.text())
            assert found and gate._tickets[found.group(1)].seat_file == str(seat_a)
        async with aiohttp.ClientSession() as http:  # no cookie: the form as ever
            async with http.get(base(gate) + "/board/used") as page:
                assert page.status == 410
            async with http.get(base(gate) + "/") as page:
                assert "Welkom terug" not in await page.text()


# --- the board in the browser takes the keyboard and fits --------------------------------------


async def test_the_browser_board_takes_keys_at_once_and_its_key_bar_fits(tmp_path: Path) -> None:
    """No click first: the board has the keyboard as soon as it shows. At 1280 px the key bar
    ends at a whole key ("? meer" when not all fit), never cut in the middle."""
    from boardkit import session_file as board_file

    async with chromium() as browser:
        live = await start_relay(board_file(tmp_path))  # verzamelen: cards may be added
        gate = await webgate.open_gate(
            live.relay, "127.0.0.1", 0, public_url="", language="nl", max_sessions=5
        )
        try:
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            shown = BrowserScreen(page)
            await page.goto(f"http://127.0.0.1:{gate.port}/")
            await page.fill("#code", CODE)
            await page.fill("#name", "Bea Browser")
            await page.click("form[action='/join'] button[type=submit]")
            await shown.wait_for("Fase 2/7")
            assert not await page.is_visible(".touch"), "a mouse and keys: no touch line"
            await page.keyboard.press("n")  # no click on the terminal
            await shown.wait_for("Nieuwe kaart")
            await page.keyboard.type("Zonder klikken")
            await page.keyboard.press("Enter")
            await eventually(
                lambda: any(c.text == "Zonder klikken" for c in live.room.session.cards),
                message="the card typed without a click",
            )
            assert shown.screen is not None and shown.screen.columns < 160
            bar = shown.screen.display[-1].rstrip()
            assert bar.endswith((" ?  meer", " alle acties")), bar
        finally:
            await gate.stop()
            await live.stop()


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("nl", "Op een tablet of telefoon: tik op het bord"),
        ("en", "On a tablet or phone: tap the board"),
    ],
)
async def test_a_touch_screen_is_told_to_tap_the_board(
    tmp_path: Path, lang: str, says: str
) -> None:
    from boardkit import session_file as board_file

    async with chromium() as browser:
        live = await start_relay(board_file(tmp_path))
        gate = await webgate.open_gate(
            live.relay, "127.0.0.1", 0, public_url="", language="nl", max_sessions=5
        )
        try:
            context = await browser.new_context(
                viewport={"width": 800, "height": 1000}, has_touch=True, is_mobile=True
            )
            page = await context.new_page()
            shown = BrowserScreen(page)
            await page.goto(f"http://127.0.0.1:{gate.port}/?lang={lang}")
            await page.fill("#code", CODE)
            await page.fill("#name", "Tim Tablet")
            await page.tap("form[action='/join'] button[type=submit]")
            await shown.wait_for("Fase 2/7" if lang == "nl" else "Phase 2/7")
            assert await page.is_visible(".touch")
            assert says in await page.inner_text(".touch")
            line = await page.eval_on_selector(".touch", "e => e.getBoundingClientRect().top")
            board = await page.eval_on_selector(
                "#terminal", "e => e.getBoundingClientRect().bottom"
            )
            assert board <= line, "the board stands above the line, not under it"
            await context.close()
        finally:
            await gate.stop()
            await live.stop()
