"""The nginx recipe (docs/nginx-tussenruimte.conf), run for real on loopback.

nginx terminates TLS with a self-signed certificate in front of a real relay with two
rooms and a real browser entrance; boards join the rooms through wss:// on the proxy, the
relay counts wrong codes per real client address (the proxy is trusted), and a forged
X-Forwarded-For changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import logging
import os
import shutil
import signal
import socket
import ssl
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from factories import make_session
from relaykit import WRONG_CODE, eventually, free_port, knock, session_file
from test_tls import self_signed

from tui_board.entrances.webgate import WebGate
from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.protocol import Hello
from tui_board.live.proxies import parse_networks
from tui_board.live.relay import Relay, Room

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
RECIPE = Path(__file__).parent.parent / "docs" / "nginx-tussenruimte.conf"
MAART, APRIL = "MRTA-2222", "APRL-3333"
NAME = "bord.example.nl"

pytestmark = pytest.mark.skipif(
    not NGINX, reason="nginx is not installed (.ci/run installs it from Debian's packages)"
)


@dataclass
class Proxy:
    port: int
    ca: ssl.SSLContext
    relay: Relay
    gate: WebGate

    def url(self, path: str) -> str:
        return f"wss://127.0.0.1:{self.port}{path}"


def recipe(folder: Path, port: int, relay: int, web: int, cert: Path, key: Path) -> str:
    """The recipe as a whole nginx.conf: the documented server on our ports and files."""
    text = RECIPE.read_text(encoding="utf-8")
    replace = {
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "listen [::]:443 ssl;": "",
        "listen 80;": f"listen 127.0.0.1:{free_port()};",
        "listen [::]:80;": "",
        "/etc/letsencrypt/live/bord.example.nl/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/bord.example.nl/privkey.pem": str(key),
        "http://127.0.0.1:8765": f"http://127.0.0.1:{relay}",
        "http://127.0.0.1:8080": f"http://127.0.0.1:{web}",
    }
    for old, new in replace.items():
        assert old in text, f"the recipe no longer has {old!r}"
        text = text.replace(old, new)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    return (
        "daemon off;\nmaster_process on;\nworker_processes 1;\n"
        f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n"
        f"    uwsgi_temp_path {folder / 'uwsgi'};\n    scgi_temp_path {folder / 'scgi'};\n"
        f"{text}\n}}\n"
    )


@pytest.fixture
def nginx_tls(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed(tmp_path)


@pytest.fixture
async def proxy(tmp_path: Path, nginx_tls: tuple[Path, Path]) -> AsyncIterator[Proxy]:
    cert, key = nginx_tls
    relay = Relay(
        [
            Room(session_file(tmp_path, make_session(), "rivierenland-maart.toml"), MAART),
            Room(session_file(tmp_path, make_session(), "rivierenland-april.toml"), APRIL),
        ],
        trusted_proxies=parse_networks(["127.0.0.1"]),
    )
    await relay.start("127.0.0.1", 0)
    gate = WebGate(
        [MAART],
        "ws://127.0.0.1:9",
        public_url=f"https://{NAME}/",
        fail_delay=0,
        trusted_proxies=relay.trusted_proxies,
    )
    await gate.start("127.0.0.1", 0)
    port = free_port()
    folder = tmp_path / "nginx"
    folder.mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(recipe(folder, port, relay.port, gate.port, cert, key), encoding="utf-8")
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    ca = ssl.create_default_context(cafile=str(cert))
    try:
        await eventually(lambda: _listening(port) or process.poll() is not None, 10, "nginx")
        if process.poll() is not None:
            log = (folder / "error.log").read_text(errors="replace")
            pytest.fail(f"nginx did not start: {process.stderr and process.stderr.read()!r} {log}")
        yield Proxy(port, ca, relay, gate)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGQUIT)
        await asyncio.to_thread(process.wait, 10)
        await gate.stop()
        await relay.stop()


@pytest.fixture
def relay_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.INFO, "tussenruimte.relay"):
        yield caplog


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


async def test_boards_join_two_rooms_through_the_proxy(proxy: Proxy) -> None:
    maart = RelayClient(proxy.url("/kamer/rivierenland-maart"), MAART, name="Anna", tls=proxy.ca)
    april = RelayClient(proxy.url("/kamer/rivierenland-april"), APRIL, name="Bob", tls=proxy.ca)
    assert (await maart.probe()).you.name == "Anna"
    assert (await april.probe()).you.name == "Bob"
    rooms = {room.name: room for room in proxy.relay.rooms}
    assert [p.name for p in rooms["rivierenland-maart"].session.participants][-1] == "Anna"
    assert [p.name for p in rooms["rivierenland-april"].session.participants][-1] == "Bob"
    # The code of one room does not open the other's path, also through the proxy.
    wrong = RelayClient(proxy.url("/kamer/rivierenland-april"), MAART, name="Cas", tls=proxy.ca)
    with pytest.raises(JoinFailed) as refused:
        await wrong.probe()
    assert refused.value.key == "relay.bad_code"


async def test_the_relay_counts_wrong_codes_per_real_client(proxy: Proxy) -> None:
    # Two clients on two loopback addresses, both through nginx (whose own address is
    # 127.0.0.1, the trusted proxy).
    for source, times in (("127.0.0.2", 4), ("127.0.0.3", 1)):
        for _ in range(times):
            raw = await knock(
                proxy.url("/kamer/rivierenland-maart"),
                Hello(code=WRONG_CODE, name="Raden"),
                ssl=proxy.ca,
                local_addr=(source, 0),
            )
            assert (await raw.error()).key == "relay.bad_code"
    wrong = proxy.relay._wrong
    assert sorted((a, len(t)) for a, t in wrong.items()) == [("127.0.0.2", 4), ("127.0.0.3", 1)]
    # The fourth from 127.0.0.2 is slowed down; 127.0.0.3 is not held up by it.
    assert proxy.relay._wrong_delay("127.0.0.3") == 0
    assert proxy.relay._wrong_delay("127.0.0.2") > 0


async def test_a_forged_forwarded_for_is_not_believed(
    proxy: Proxy, relay_log: pytest.LogCaptureFixture
) -> None:
    forged = {"X-Forwarded-For": "203.0.113.99"}
    # Through the proxy: nginx appends the real address; the relay takes the rightmost.
    raw = await knock(
        proxy.url("/kamer/rivierenland-maart"),
        Hello(code=WRONG_CODE, name="Raden"),
        ssl=proxy.ca,
        local_addr=("127.0.0.4", 0),
        additional_headers=forged,
    )
    await raw.error()
    # Straight to the relay from an address that is no trusted proxy: ignored and logged.
    direct = await knock(
        f"ws://127.0.0.1:{proxy.relay.port}/kamer/rivierenland-maart",
        Hello(code=WRONG_CODE, name="Raden"),
        local_addr=("127.0.0.5", 0),
        additional_headers=forged,
    )
    await direct.error()
    assert sorted(proxy.relay._wrong) == ["127.0.0.4", "127.0.0.5"]
    assert "X-Forwarded-For from 127.0.0.5 (not a trusted proxy) ignored" in relay_log.text


def _request(
    proxy: Proxy, method: str, host: str, body: str = "", source: str = "127.0.0.1"
) -> int:
    """One https request to the proxy (blocking: run it in a thread); its status."""
    connection = http.client.HTTPSConnection(
        "127.0.0.1", proxy.port, context=proxy.ca, source_address=(source, 0)
    )
    headers = {"Host": host}
    if method == "POST":
        headers["Origin"] = f"https://{host}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, "/" if method == "GET" else "/join", body, headers)
        return connection.getresponse().status
    finally:
        connection.close()


async def test_the_browser_entrance_answers_its_name_behind_the_proxy(proxy: Proxy) -> None:
    assert await asyncio.to_thread(_request, proxy, "GET", NAME) == 200
    # A name the entrance does not know (DNS rebinding) is refused behind the proxy too.
    assert await asyncio.to_thread(_request, proxy, "GET", "vreemd.example.com") == 421


async def test_the_browser_entrance_counts_wrong_codes_per_real_client(proxy: Proxy) -> None:
    form = f"name=Raden&org=&code={WRONG_CODE}&lang=nl"
    status = await asyncio.to_thread(_request, proxy, "POST", NAME, form, "127.0.0.6")
    assert status == 403  # the wrong code's page (the Origin matched the name: no refusal)
    assert set(proxy.gate.attempts._seen) == {"127.0.0.6"}
