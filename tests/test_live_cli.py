"""`tussenruimte relay` and `join` as processes: clear messages, exit codes, clean stops."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, free_port


def wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.05)


def join(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TUSSENRUIMTE, "join", *args],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )


def test_join_errors_are_plain_dutch(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port = free_port()
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", "AAAA-BBBB", "--facilitator-code", "CCCC-DDDD"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_listening(port)
        wrong = join(f"ws://127.0.0.1:{port}", "--code", "FOUT-CODE", "--name", "Anna")
        assert wrong.returncode == 1
        assert "Deze code klopt niet" in wrong.stderr and "Traceback" not in wrong.stderr
        nameless = join(f"ws://127.0.0.1:{port}", "--code", "AAAA-BBBB")
        assert nameless.returncode == 1 and "Vul je naam in" in nameless.stderr
        english = join(f"ws://127.0.0.1:{port}", "--code", "nope", "--name", "A", "--lang", "en")
        assert english.returncode == 1 and "This code is not right" in english.stderr
    finally:
        relay.send_signal(signal.SIGTERM)
        _, log = relay.communicate(timeout=15)
    assert relay.returncode == 0, log
    assert "tussenruimte join ws://" in log and "--code AAAA-BBBB" in log
    assert "--code CCCC-DDDD" in log
    assert "Traceback" not in log
    unreachable = join(f"ws://127.0.0.1:{port}", "--code", "AAAA-BBBB", "--name", "Anna")
    assert unreachable.returncode == 1
    assert "niet bereikbaar" in unreachable.stderr and "Traceback" not in unreachable.stderr
    bad_url = join("http://example", "--code", "AAAA-BBBB", "--name", "Anna")
    assert bad_url.returncode == 1 and "geen geldig adres" in bad_url.stderr


def test_relay_refuses_a_bad_file_and_a_busy_port(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.toml"
    bad.write_text("schema = 1\n[session\n", encoding="utf-8")
    result = subprocess.run(
        [TUSSENRUIMTE, "relay", str(bad), "--port", "0"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1 and "kan niet worden geopend" in result.stderr
    assert bad.read_text(encoding="utf-8") == "schema = 1\n[session\n"
    good = tmp_path / "goed.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(good)], check=True, capture_output=True)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [TUSSENRUIMTE, "relay", str(good), "--bind", "127.0.0.1", "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 1 and f"Poort {port} is al in gebruik" in result.stderr
