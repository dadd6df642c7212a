"""wss: the relay serves TLS with a certificate; a board that trusts it joins."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest
from boardkit import session_file

from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.relay import Relay, Room


def self_signed(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed, so no test certificate can be made")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


async def test_wss_with_a_trusted_certificate(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    relay = Relay([Room(session_file(tmp_path), "AAAA-BBBB", "CCCC-DDDD")])
    await relay.start("127.0.0.1", 0, server)
    url = f"wss://127.0.0.1:{relay.port}"
    try:
        trusting = RelayClient(
            url, "AAAA-BBBB", name="Anna", tls=ssl.create_default_context(cafile=str(cert))
        )
        welcome = await trusting.probe()
        assert welcome.you.name == "Anna"
        with pytest.raises(JoinFailed) as refused:
            await RelayClient(url, "AAAA-BBBB", name="Bob").probe()
        assert refused.value.key == "client.untrusted"
    finally:
        await relay.stop()
