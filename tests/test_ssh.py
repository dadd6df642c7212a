"""The SSH entrance: the join code as password, a terminal gets a board, nothing else.

Real parts only: the real relay and the real gate on 127.0.0.1, an asyncssh client (and,
in the end-to-end tests, OpenSSH's own `ssh` and `sshd` in tmux). A terminal's output is
fed to pyte, a terminal emulator, so the tests read the screen a participant would see.
Waiting is always for something, with a deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import re
import shutil
import signal
import socket
import ssl
import stat
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncssh
import pyte
import pytest
from asyncssh.packet import Boolean, String, UInt32
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    WRONG_CODE,
    LiveRelay,
    eventually,
    free_port,
    session_file,
    start_relay,
)
from relaykit import gone as process_gone
from test_tls import self_signed
from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.core.model import Participant
from tui_board.entrances.sshgate import HOST_KEY, SshGate, host_key, open_gate, terminal_size
from tui_board.files.store import load_session
from tui_board.live.journal import state_dir
from tui_board.live.relay import Relay, Room

ROOT = Path(__file__).resolve().parent.parent
GUARD = ROOT / "docs" / "tussenruimte-ssh-join"
DOC = ROOT / "docs" / "ssh.md"


@contextlib.asynccontextmanager
async def gate_beside(
    folder: Path, keys: bool = False, **options: Any
) -> AsyncIterator[tuple[LiveRelay, SshGate]]:
    """A real relay on a fresh session file and the gate in front of it, as `--ssh` has it
    (`keys`: SSH keys keep seats, as `open_gate` sets it up)."""
    live = await start_relay(session_file(folder))
    local = await live.relay.listen_local()
    key = host_key(state_dir(live.path))
    options.setdefault("fail_delay", 0)
    if keys:
        options["seats"] = {CODE: state_dir(live.path)}
    gate = SshGate([CODE], f"ws://127.0.0.1:{local}", key, **options)
    await gate.start("127.0.0.1", 0)
    try:
        yield live, gate
    finally:
        await gate.stop()
        await live.stop()


async def connect(port: int, password: str = CODE, **options: Any) -> asyncssh.SSHClientConnection:
    """An SSH client that offers only a password, and trusts the gate's key (checked apart)."""
    options.setdefault("username", "sessie")
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        password=password,
        known_hosts=None,
        client_keys=None,
        agent_path=None,
        config=None,
        preferred_auth="password",
        **options,
    )


async def connect_with(
    port: int, key: asyncssh.SSHKey, **options: Any
) -> asyncssh.SSHClientConnection:
    """An SSH client that offers only `key` (no password)."""
    options.setdefault("username", "sessie")
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        known_hosts=None,
        client_keys=[key],
        agent_path=None,
        config=None,
        preferred_auth="publickey",
        **options,
    )


def stderr_of(result: asyncssh.SSHCompletedProcess) -> str:
    """What a process run with `encoding=None` wrote to stderr (asyncssh types it as bytes or
    str; without an encoding it is bytes)."""
    stderr = result.stderr or b""
    assert isinstance(stderr, bytes), stderr
    return stderr.decode()


def fingerprint_of(conn: asyncssh.SSHClientConnection) -> str:
    """The SHA256 fingerprint of the host key the server showed."""
    key = conn.get_server_host_key()
    assert key is not None, "no host key"
    return key.get_fingerprint("sha256")


class Screen:
    """What the participant's terminal shows: the session's bytes fed to a terminal emulator."""

    def __init__(self, process: asyncssh.SSHClientProcess[bytes], size: tuple[int, int]) -> None:
        self.process = process
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.ended = False
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        while data := await self.process.stdout.read(65536):
            self.stream.feed(data)
        self.ended = True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)

    async def wait_for(self, text: str, row: int | None = None, timeout: float = 20.0) -> None:
        """Until `text` is on the screen (on line `row` if given); fails showing the screen."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            shown = self.screen.display[row] if row is not None else self.text()
            if text in shown:
                return
            if loop.time() > deadline:
                raise AssertionError(f"{text!r} not on screen within {timeout} s:\n{self.text()}")
            await asyncio.sleep(0.02)

    def type(self, text: str) -> None:
        self.process.stdin.write(text.encode())


async def board(conn: asyncssh.SSHClientConnection, size: tuple[int, int] = (100, 30)) -> Screen:
    """Ask for a terminal (as `ssh` does) and start reading it."""
    process = await conn.create_process(term_type="xterm-256color", term_size=size, encoding=None)
    return Screen(process, size)


async def gone(pid: int, timeout: float = 10.0) -> None:
    """Until the board process `pid` and its whole process group no longer exist."""
    await process_gone(pid, timeout, group=True)


# --- a participant's board ------------------------------------------------------------------


async def test_a_terminal_gets_a_board_that_reaches_the_relay(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (live, gate):
        conn = await connect(gate.port)
        screen = await board(conn)
        await screen.wait_for("Je naam:")
        [pid] = gate.pids()
        screen.type("Sanne\r")
        await screen.wait_for("Je organisatie:")
        screen.type("Wijkteam Tiel-Oost\r")
        await screen.wait_for("Heb je mandaat")
        screen.type("j\r")
        await screen.wait_for("Testsessie")  # the board itself

        def sanne_seated() -> Any:
            return next((p for p in live.room.session.participants if p.name == "Sanne"), None)

        sanne = await eventually(sanne_seated, message="Sanne at the table")
        assert (sanne.organisation, sanne.mandate) == ("Wijkteam Tiel-Oost", True)
        await eventually(lambda: sanne.id in live.room.online(), message="Sanne online")

        # The client may ask; the gate says no (asyncssh's client does not ask by itself).
        chan = screen.process.channel
        assert await chan._make_request(b"auth-agent-req@openssh.com") is False
        x11 = (Boolean(False), String(b"MIT-MAGIC-COOKIE-1"), String(b"0011aabb"), UInt32(0))
        assert await chan._make_request(b"x11-req", *x11) is False

        screen.type("n")
        await screen.wait_for("Nieuwe kaart in Rollen")
        screen.type("Kaart via ssh")
        screen.type("\r")

        def card() -> Any:
            return next((c for c in live.room.session.cards if c.text == "Kaart via ssh"), None)

        added = await eventually(card, message="the card at the relay")
        assert added.author == sanne.id and added.theme == "rollen"
        await screen.wait_for("Kaart via ssh")
        # The status line names the way in, not the relay's loopback address.
        await screen.wait_for("via ssh · ")
        assert "127.0.0.1" not in screen.text()

        # A window change reaches the pseudo-terminal and the board draws itself anew.
        [session] = gate.sessions
        assert terminal_size(session.master) == (100, 30)
        screen.process.change_terminal_size(120, 40)
        screen.resize(120, 40)
        await eventually(lambda: terminal_size(session.master) == (120, 40), message="resize")
        await screen.wait_for("nieuw", row=39)  # the key bar, on a line that did not exist

        conn.abort()  # the connection drops: no goodbye
        await gone(pid)
        await eventually(lambda: not gate.sessions, message="session forgotten")
        await eventually(lambda: sanne.id not in live.room.online(), message="Sanne offline")


async def test_the_user_name_session_gives_english(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        conn = await connect(gate.port, username="session")
        screen = await board(conn)
        await screen.wait_for("Your name:")
        conn.close()


# --- who gets in ----------------------------------------------------------------------------


async def test_only_the_join_code_opens_the_gate(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        for wrong in (WRONG_CODE, FACILITATOR_CODE, "KX7P-3MH"):
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(gate.port, password=wrong)
        # Case, spaces and dashes are forgiven, as with `join`.
        async with await connect(gate.port, password="kx7p 3mha") as conn:
            process = await conn.create_process(encoding=None)
            result = await process.wait(timeout=10)
        assert b"terminal nodig" in (result.stderr or b"")
        assert gate.started == 0


class _Banners(asyncssh.SSHClient):
    """A client that keeps the banners the server sends while logging in."""

    def __init__(self) -> None:
        self.banners: list[str] = []

    def auth_banner_received(self, msg: str, lang: str) -> None:
        self.banners.append(msg)


async def test_a_wrong_code_is_said_in_the_sessions_language(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        for user, words in (("sessie", "Dat is niet de code"), ("session", "That is not the code")):
            client = _Banners()
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(
                    gate.port, password=WRONG_CODE, username=user, client_factory=lambda c=client: c
                )
            assert any(words in banner for banner in client.banners), client.banners
        right = _Banners()
        async with await connect(gate.port, client_factory=lambda: right):
            assert not any("niet de code" in banner for banner in right.banners)


async def test_wrong_codes_block_an_address_for_a_while(tmp_path: Path) -> None:
    async with gate_beside(tmp_path, attempts=3) as (_, gate):
        for _ in range(3):
            with pytest.raises(asyncssh.PermissionDenied):
                await connect(gate.port, password=WRONG_CODE)
        with pytest.raises(asyncssh.PermissionDenied) as refused:
            await connect(gate.port)  # the right code, but from a blocked address
        assert "Te veel verkeerde codes" in refused.value.reason
        # Another address is not blocked by these typos.
        async with await connect(gate.port, local_addr=("127.0.0.2", 0)) as conn:
            assert conn.get_extra_info("sockname")[0] == "127.0.0.2"


# --- nothing but a board --------------------------------------------------------------------


async def test_no_command_no_subsystem_no_session_without_a_terminal(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        # `ssh … ls`, `ssh -t … ls`, scp, sftp: refused in words, in the session's language.
        for user, words in (("sessie", "alleen meedoen aan de sessie"), ("session", "only lets")):
            for asked in ({"command": "id"}, {"command": "ls", "term_type": "xterm"},
                          {"subsystem": "sftp"}):  # fmt: skip
                async with await connect(gate.port, username=user) as conn:
                    process = await conn.create_process(**asked, encoding=None)
                    result = await process.wait(timeout=10)
                assert result.exit_status == 1, asked
                assert words in stderr_of(result), (user, asked)
                assert not result.stdout, asked
        async with await connect(gate.port) as conn:
            with pytest.raises((asyncssh.SFTPError, asyncssh.ChannelOpenError)):
                await conn.start_sftp_client()
        async with await connect(gate.port) as conn:
            process = await conn.create_process(encoding=None)  # a shell, without a terminal
            result = await process.wait(timeout=10)
            assert result.exit_status == 1
            assert "Het bord heeft een terminal nodig" in stderr_of(result)
        assert gate.started == 0, "no board was started for any of these"


async def test_no_forwarding_of_any_kind(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (live, gate):
        async with await connect(gate.port) as conn:
            with pytest.raises(asyncssh.ChannelOpenError) as refused:
                await conn.open_connection("127.0.0.1", live.port)  # ssh -L / -W
            assert "Doorsturen (ssh -L, -W) kan niet" in refused.value.reason
            with pytest.raises(asyncssh.ChannelListenError):
                await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", live.port)  # ssh -R
            with pytest.raises(asyncssh.ChannelOpenError):
                await conn.open_unix_connection(str(tmp_path / "sock"))
            with pytest.raises(asyncssh.ChannelListenError):
                await conn.forward_remote_path(str(tmp_path / "remote.sock"), str(tmp_path / "x"))


async def test_a_connection_without_a_session_does_not_stay(tmp_path: Path) -> None:
    async with gate_beside(tmp_path, login_timeout=2.0) as (_, gate):
        conn = await connect(gate.port)  # like `ssh -N`: in, and then nothing
        await asyncio.wait_for(conn.wait_closed(), 15)
        assert not gate.connections


# --- limits ---------------------------------------------------------------------------------


async def test_a_full_gate_says_so(tmp_path: Path) -> None:
    async with gate_beside(tmp_path, max_sessions=1) as (_, gate):
        first = await connect(gate.port)
        screen = await board(first)
        await screen.wait_for("Je naam:")
        async with await connect(gate.port, username="session") as second:
            process = await second.create_process(
                term_type="xterm", term_size=(80, 24), encoding=None
            )
            result = await process.wait(timeout=10)
        assert result.exit_status == 1
        assert "The session is full" in stderr_of(result)
        assert gate.started == 1 and len(gate.pids()) == 1
        first.close()


async def test_an_idle_board_is_closed_with_its_process(tmp_path: Path) -> None:
    async with gate_beside(tmp_path, idle_timeout=3.0) as (_, gate):
        conn = await connect(gate.port)
        screen = await board(conn)
        [pid] = await eventually(gate.pids, message="a board")
        result = await screen.process.wait(timeout=30)  # nobody types
        assert result.exit_status == 1
        await screen.wait_for("lang niets getypt")
        await gone(pid)
        conn.close()


async def test_stopping_the_gate_ends_every_board(tmp_path: Path) -> None:
    live = await start_relay(session_file(tmp_path))
    try:
        gate = await open_gate(live.relay, "127.0.0.1", 0, language="nl")
        assert (state_dir(live.path) / HOST_KEY).is_file()
        conn = await connect(gate.port)
        screen = await board(conn)
        await screen.wait_for("Je naam:")
        [pid] = gate.pids()
        await gate.stop()
        await screen.wait_for("De sessie is gestopt")
        await gone(pid)
        await eventually(lambda: screen.ended, message="the connection closed")
        result = await screen.process.wait(timeout=10)
        assert result.exit_status == 0, "the session ended as it should: no error for ssh"
    finally:
        await live.stop()


async def test_behind_tls_the_boards_still_reach_the_room(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)  # wss:// with a certificate the board does not know
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    relay = Relay([Room(session_file(tmp_path), CODE, FACILITATOR_CODE)])
    await relay.start("127.0.0.1", 0, context)
    try:
        gate = await open_gate(relay, "127.0.0.1", 0, language="nl")
        try:
            conn = await connect(gate.port)
            screen = await board(conn)
            await screen.wait_for("Je naam:")
            screen.type("Tessa\rGGD\r\r")
            await screen.wait_for("Testsessie")

            def names() -> set[str]:
                return {p.name for p in relay.rooms[0].session.participants}

            await eventually(lambda: "Tessa" in names(), message="Tessa at the table")
            conn.close()
        finally:
            await gate.stop()
    finally:
        await relay.stop()


# --- the host key ---------------------------------------------------------------------------


async def test_the_host_key_is_made_once_and_kept(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (live, gate):
        path = state_dir(live.path) / HOST_KEY
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        first = gate.fingerprint
        assert re.fullmatch(r"SHA256:[A-Za-z0-9+/]{43}", first)
        async with await connect(gate.port) as conn:
            assert fingerprint_of(conn) == first
    async with gate_beside(tmp_path) as (_, again):  # the same session file, a new gate
        assert again.fingerprint == first
        async with await connect(again.port) as conn:
            assert fingerprint_of(conn) == first
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    async with gate_beside(elsewhere) as (_, other):
        assert other.fingerprint != first


# --- the commands ---------------------------------------------------------------------------


def _read_until(path: Path, text: str, process: subprocess.Popen[str], timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while True:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content:
            return content
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{text!r} not in the output:\n{content}")
        time.sleep(0.05)


async def test_relay_with_ssh_prints_the_line_and_stops_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port, ssh_port = free_port(), free_port()
    log = tmp_path / "relay.log"
    command = [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
               "--code", CODE, "--ssh", str(ssh_port)]  # fmt: skip
    with log.open("w") as out:
        relay = subprocess.Popen(command, stderr=out, text=True)
    try:
        printed = _read_until(log, "Sleutel van deze server", relay)
        assert f"ssh -p {ssh_port} sessie@127.0.0.1" in printed
        fingerprint = host_key(state_dir(path)).get_fingerprint("sha256")
        assert f"Sleutel van deze server: {fingerprint}" in printed
        async with await connect(ssh_port) as conn:
            assert fingerprint_of(conn) == fingerprint
            process = await conn.create_process(encoding=None)
            result = await process.wait(timeout=10)
            assert b"terminal nodig" in (result.stderr or b"")
        busy = subprocess.run(
            [*command[:6], str(free_port()), *command[7:]],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert busy.returncode == 1
        assert f"SSH-poort {ssh_port} is al in gebruik" in busy.stderr
    finally:
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)
    assert relay.returncode == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")
    # asyncssh warns about DSA at import (CryptographyDeprecationWarning): not for the user.
    assert "Warning" not in log.read_text(encoding="utf-8")
    assert "Warning" not in busy.stderr


def _children(pid: int, needle: str) -> list[int]:
    """Processes whose parent is `pid` and whose command line holds `needle`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[1]) == pid and needle in cmdline:
            found.append(int(entry.name))
    return found


def _ssh_client() -> str:
    client = shutil.which("ssh")
    if client is None:
        raise RuntimeError("the ssh client is needed for this test (.ci/run installs it)")
    return client


def test_real_ssh_into_a_hosted_session(tmp_path: Path) -> None:
    client = _ssh_client()
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    port, ssh_port = free_port(), free_port()
    host = Terminal(
        [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE, "--ssh", str(ssh_port)],
        size=(160, 32), cwd=tmp_path,
    )  # fmt: skip
    anna = None
    try:
        host.wait_for(f"ssh -p {ssh_port} sessie@127.0.0.1")
        fingerprint = host_key(state_dir(path)).get_fingerprint("sha256")
        host.wait_for(fingerprint)  # every way in, on the facilitator's board
        anna = Terminal(
            [client, "-p", str(ssh_port), "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no",
             "sessie@127.0.0.1"],
            size=(100, 30),
        )  # fmt: skip
        anna.wait_for("password:")
        anna.type(CODE)
        anna.keys("Enter")
        anna.wait_for("Je naam:")
        anna.type("Anna")
        anna.keys("Enter")
        anna.wait_for("Je organisatie:")
        anna.type("Gemeente")
        anna.keys("Enter")
        anna.wait_for("Heb je mandaat")
        anna.keys("Enter")
        anna.wait_for("Fase 1/7")
        host.wait_for("2 online")
        host.keys("]")
        anna.wait_for("Fase 2/7")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Kaart via ssh")
        anna.keys("Enter")
        host.wait_for("Kaart via ssh")
        anna.keys("Right")
        tmux_pane = host._tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()[0]
        [host_pid] = _children(int(tmux_pane), "tussenruimte host")
        [board] = _children(host_pid, "tui_board join")
        anna.close()  # the terminal goes, and ssh with it: the connection drops
        anna = None
        host.wait_for("1 online")
        deadline = time.monotonic() + 10
        while _children(host_pid, "tui_board join"):
            assert time.monotonic() < deadline, f"board {board} still running"
            time.sleep(0.05)
        host.keys("q")
        host.wait_for("[exit 0]")
    finally:
        host.close()
        if anna is not None:
            anna.close()


# --- the sshd recipe in docs/ssh.md -------------------------------------------------------


def test_the_guard_refuses_without_a_terminal(tmp_path: Path) -> None:
    run = [str(GUARD), "ws://127.0.0.1:9", CODE]
    plain = subprocess.run(run, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert plain.returncode == 1 and "terminal nodig" in plain.stderr
    english = subprocess.run(
        run, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        env={**os.environ, "TUSSENRUIMTE_LANG": "en"},
    )  # fmt: skip
    assert english.returncode == 1 and "needs a terminal" in english.stderr
    command = subprocess.run(
        run, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        env={**os.environ, "SSH_ORIGINAL_COMMAND": "cat /etc/passwd"},
    )  # fmt: skip
    assert command.returncode == 1 and "Opdrachten geven kan hier niet" in command.stderr
    wrong = subprocess.run([str(GUARD)], capture_output=True, text=True)
    assert wrong.returncode == 2
    # The code in TUSSENRUIMTE_CODE (sshd's SetEnv), not on a command line; without it, usage.
    from_env = subprocess.run(
        [str(GUARD), "ws://127.0.0.1:9"], stdin=subprocess.DEVNULL, capture_output=True,
        text=True, env={**os.environ, "TUSSENRUIMTE_CODE": CODE},
    )  # fmt: skip
    assert from_env.returncode == 1 and "terminal nodig" in from_env.stderr
    no_code = subprocess.run(
        [str(GUARD), "ws://127.0.0.1:9"], stdin=subprocess.DEVNULL, capture_output=True,
        text=True, env={k: v for k, v in os.environ.items() if k != "TUSSENRUIMTE_CODE"},
    )  # fmt: skip
    assert no_code.returncode == 2 and "TUSSENRUIMTE_CODE" in no_code.stderr


def test_the_guard_with_a_terminal_becomes_the_board(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port = free_port()
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE], stderr=subprocess.DEVNULL,
    )  # fmt: skip
    terminal = None
    try:
        _wait_listening(port)
        terminal = Terminal(
            ["env", f"TUSSENRUIMTE={TUSSENRUIMTE}", str(GUARD), f"ws://127.0.0.1:{port}", CODE]
        )
        terminal.wait_for("Je naam:")
    finally:
        if terminal is not None:
            terminal.close()
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)


def _wait_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.05)


def recipe() -> str:
    """The `Match User` block of docs/ssh.md, as written there."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- sshd-recipe -->\s*```[a-z]*\n(.*?)```", text, re.S)
    assert match, "docs/ssh.md has the sshd recipe"
    return match.group(1)


SSHD = Path("/usr/sbin/sshd")


@pytest.mark.skipif(not SSHD.exists(), reason="sshd is not installed (.ci/run installs it)")
def test_the_sshd_recipe_gives_a_board_and_nothing_else(tmp_path: Path) -> None:
    client = _ssh_client()
    user = getpass.getuser()
    for name in ("hostkey", "id"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)], check=True
        )
    (tmp_path / "authorized_keys").write_text((tmp_path / "id.pub").read_text())
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port, ssh_port = free_port(), free_port()
    block = (
        recipe()
        .replace("Match User sessie", f"Match User {user}")
        .replace("/usr/local/bin/tussenruimte-ssh-join", str(GUARD))
        .replace("ws://127.0.0.1:8765", f"ws://127.0.0.1:{port}")
        # Only for this test: where the test's tussenruimte is (the recipe expects it on
        # PATH), on the same line (sshd takes only the first SetEnv).
        .replace(
            "TUSSENRUIMTE_CODE=KX7P-3MHA", f"TUSSENRUIMTE_CODE={CODE} TUSSENRUIMTE={TUSSENRUIMTE}"
        )
    )
    assert f"ForceCommand {GUARD} ws://127.0.0.1:{port}\n" in block
    assert CODE not in block.split("ForceCommand", 1)[1].split("\n", 1)[0], "not on a command line"
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {ssh_port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'hostkey'}\n"
        f"PidFile none\nUsePAM no\nStrictModes no\n"
        f"AuthorizedKeysFile {tmp_path / 'authorized_keys'}\n"
        "Subsystem sftp internal-sftp\n" + block
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE], stderr=subprocess.DEVNULL,
    )  # fmt: skip
    sshd_log = tmp_path / "sshd.log"
    with sshd_log.open("w") as out:
        sshd = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stderr=out)
    ssh = [client, "-p", str(ssh_port), "-i", str(tmp_path / "id"), "-o", "IdentitiesOnly=yes",
           "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
           "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"]  # fmt: skip
    where = f"{user}@127.0.0.1"
    terminal = None
    try:
        _wait_listening(port)
        _wait_listening(ssh_port)

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*ssh, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                timeout=30,
            )  # fmt: skip

        no_tty = run("-T", where)
        assert no_tty.returncode == 1 and "terminal nodig" in no_tty.stderr, no_tty
        command = run(where, "cat", "/etc/hostname")
        assert command.returncode == 1 and "Opdrachten geven kan hier niet" in command.stderr
        forward = run("-W", f"127.0.0.1:{port}", where)  # stdio forwarding, as -L would
        assert forward.returncode == 255, forward
        remote = run("-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9", where)
        assert remote.returncode == 255 and "forwarding failed" in remote.stderr, remote
        sftp = subprocess.run(
            ["sftp", "-b", "-", "-P", str(ssh_port), "-i", str(tmp_path / "id"),
             "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
             "-o", "IdentitiesOnly=yes", where],
            input="ls\n", capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert sftp.returncode != 0
        terminal = Terminal([*ssh, where], size=(100, 30))
        terminal.wait_for("Je naam:")
        terminal.type("Piet")
        terminal.keys("Enter")
        terminal.wait_for("Je organisatie:")
        terminal.keys("Enter")
        terminal.wait_for("Heb je mandaat")
        terminal.keys("Enter")
        terminal.wait_for("Fase 1/7")
    finally:
        if terminal is not None:
            terminal.close()
        sshd.terminate()
        sshd.wait(timeout=10)
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)


# --- coming back with a key -----------------------------------------------------------------


def _keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


def _ssh_with(client: str, port: int, key: Path | None) -> list[str]:
    """`ssh` as a participant types it, with one key (or none: password only)."""
    which = (
        ["-i", str(key), "-o", "IdentitiesOnly=yes"] if key else ["-o", "PubkeyAuthentication=no"]
    )
    return [client, "-p", str(port), *which, "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "sessie@127.0.0.1"]  # fmt: skip


def _pane_children(terminal: Terminal, needle: str) -> list[int]:
    pane = terminal._tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()[0]
    return _children(int(pane), needle)


def test_real_ssh_with_a_key_comes_back_to_its_own_seat(tmp_path: Path) -> None:
    client = _ssh_client()
    anna_key, bram_key = _keygen(tmp_path / "anna"), _keygen(tmp_path / "bram")
    path = session_file(tmp_path)
    port, ssh_port = free_port(), free_port()
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE, "--ssh", str(ssh_port)], stderr=subprocess.DEVNULL,
    )  # fmt: skip
    terminals: list[Terminal] = []

    def participant(key: Path | None) -> Terminal:
        terminal = Terminal(_ssh_with(client, ssh_port, key), size=(100, 30))
        terminals.append(terminal)
        return terminal

    try:
        _wait_listening(port, 60)
        _wait_listening(ssh_port, 60)
        anna = participant(anna_key)
        anna.wait_for("Typ de code van de sessie")  # in with the key; the code on the terminal
        anna.type(CODE)
        anna.keys("Enter")
        anna.wait_for("Je naam:")
        anna.type("Annelies")
        anna.keys("Enter")
        anna.wait_for("Je organisatie:")
        anna.type("Gemeente")
        anna.keys("Enter")
        anna.wait_for("Heb je mandaat")
        anna.keys("Enter")
        anna.wait_for("Testsessie")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Eerste kaart van Annelies")
        anna.keys("Enter")
        anna.wait_for("Eerste kaart van Annelies")
        folder = state_dir(path) / "ssh-seats"
        [kept] = list(folder.glob("*.json"))
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        [ssh] = _pane_children(anna, "sessie@127.0.0.1")
        os.kill(ssh, signal.SIGKILL)  # the laptop's connection is gone, without a goodbye
        deadline = time.monotonic() + 10
        while _pane_children(anna, "sessie@127.0.0.1"):
            assert time.monotonic() < deadline, "ssh still running"
            time.sleep(0.05)

        again = participant(anna_key)
        again.wait_for("Typ de code van de sessie")
        again.type(WRONG_CODE)  # a known key does not make a wrong code right
        again.keys("Enter")
        again.wait_for("niet de code van de sessie")
        again.type(CODE)
        again.keys("Enter")
        again.wait_for("Eerste kaart van Annelies")  # her seat: no name asked, her card there
        assert "Je naam" not in again.screen()
        again.keys("n")
        again.wait_for("Nieuwe kaart in")
        again.type("Tweede kaart van Annelies")
        again.keys("Enter")
        again.wait_for("Tweede kaart van Annelies")

        bram = participant(bram_key)  # another key, the right code: a seat of his own
        bram.wait_for("Typ de code van de sessie")
        bram.type(CODE)
        bram.keys("Enter")
        bram.wait_for("Je naam:")
        bram.type("Bart")
        bram.keys("Enter", "Enter", "Enter")
        bram.wait_for("Testsessie")
        bram.wait_for("Eerste kaart van Annelies")

        # Annelies' public key without its private half: offered, never proven. ssh falls
        # back to the password; the code then gives a new seat, not hers.
        forged = tmp_path / "vervalst"
        forged.mkdir()
        shutil.copy(anna_key.with_suffix(".pub"), forged / "anna.pub")
        forger = participant(forged / "anna.pub")
        forger.wait_for("password:")
        forger.type(CODE)
        forger.keys("Enter")
        forger.wait_for("Je naam:")
        forger.type("Vera")
        forger.keys("Enter", "Enter", "Enter")
        forger.wait_for("Testsessie")

        carla = participant(None)  # no key: the code as password, a new seat as before
        carla.wait_for("password:")
        carla.type(CODE)
        carla.keys("Enter")
        carla.wait_for("Je naam:")
        carla.type("Carla")
        carla.keys("Enter", "Enter", "Enter")
        carla.wait_for("Testsessie")
        assert len(list(folder.glob("*.json"))) == 2, "a seat file per key; none without a key"
    finally:
        for terminal in terminals:
            terminal.close()
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=20)
    assert relay.returncode == 0
    saved = load_session(path)
    names = [p.name for p in saved.participants]
    assert names.count("Annelies") == names.count("Bart") == names.count("Carla") == 1
    assert names.count("Vera") == 1
    anna_id = next(p.id for p in saved.participants if p.name == "Annelies")
    cards = {c.text: c.author for c in saved.cards}
    assert cards["Eerste kaart van Annelies"] == cards["Tweede kaart van Annelies"] == anna_id


async def _seated(screen: Screen, code: str = CODE, name: str = "Sanne") -> None:
    """After a login with a key: the code on the terminal, then a name as a newcomer."""
    await screen.wait_for("Typ de code van de sessie")
    screen.type(code + "\r")
    await screen.wait_for("Je naam:")
    screen.type(f"{name}\r\r\r")
    await screen.wait_for("Testsessie")


@pytest.mark.parametrize("fork_server", [True, False])
async def test_a_key_comes_back_to_its_seat_and_no_one_else_does(
    tmp_path: Path, fork_server: bool
) -> None:
    sanne_key = asyncssh.generate_private_key("ssh-ed25519")
    async with gate_beside(tmp_path, keys=True, fork_server=fork_server) as (live, gate):
        if fork_server:
            await eventually(lambda: gate.forks is not None, 30, "the fork server started")
            assert gate.forks is not None and await gate.forks.wait_ready(60)
        conn = await connect_with(gate.port, sanne_key)
        screen = await board(conn)
        await _seated(screen)
        [pid] = gate.pids()
        if fork_server:
            assert gate.forks is not None and _parent(pid) == gate.forks.process.pid

        def people() -> list[Participant]:
            return [p for p in live.room.session.participants if p.name == "Sanne"]

        [sanne] = await eventually(people, message="Sanne at the table")
        await eventually(lambda: sanne.id in live.room.online(), message="Sanne online")
        [kept] = (state_dir(live.path) / "ssh-seats").glob("*.json")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert str(kept).encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        conn.abort()  # gone without a goodbye
        await gone(pid)
        await eventually(lambda: sanne.id not in live.room.online(), message="Sanne offline")

        again = await connect_with(gate.port, sanne_key)
        back = await board(again)
        await back.wait_for("Typ de code van de sessie")
        back.type("X\x7f\x1b[D" + CODE + "\r")  # a typo taken back, an arrow key: not the code
        await back.wait_for("Testsessie")
        assert "Je naam" not in back.text(), "her seat: no name asked"
        await eventually(lambda: sanne.id in live.room.online(), message="the same seat")
        assert len(people()) == 1

        other = await connect_with(gate.port, asyncssh.generate_private_key("ssh-ed25519"))
        stranger = await board(other)
        await _seated(stranger, name="Sanne")  # another key, the same name: another seat
        await eventually(lambda: len(people()) == 2, message="a second Sanne")
        assert sanne.id in live.room.online()
        plain = await connect(gate.port)  # the code as password, no key: a new seat
        newcomer = await board(plain)
        await newcomer.wait_for("Je naam:")
        assert len(list((state_dir(live.path) / "ssh-seats").glob("*.json"))) == 2
        for each in (again, other, plain):
            each.close()


async def test_after_a_key_a_wrong_code_is_still_wrong(tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    async with gate_beside(tmp_path, keys=True, fork_server=False) as (live, gate):
        async with await connect_with(gate.port, key) as conn:
            screen = await board(conn)
            for tried, wrong in enumerate((WRONG_CODE, FACILITATOR_CODE, "KX7P-3MH")):

                def asked(n: int = tried + 1) -> bool:
                    return screen.text().count("Typ de code") == n

                await eventually(asked, message="asked")
                screen.type(wrong + "\r")
            result = await screen.process.wait(timeout=10)
            assert result.exit_status == 1
            assert screen.text().count("niet de code van de sessie") == 2
            assert "niet de code van de sessie" in stderr_of(result)
        assert gate.started == 0 and not list(
            state_dir(Path(tmp_path / "sessie.toml")).glob("ssh-seats/*")
        )


async def test_the_code_prompt_does_not_wait_for_ever(tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    async with gate_beside(tmp_path, keys=True, login_timeout=2.0, fork_server=False) as (_, gate):
        async with await connect_with(gate.port, key) as conn:
            screen = await board(conn)
            await screen.wait_for("Typ de code van de sessie")
            result = await screen.process.wait(timeout=15)
            assert result.exit_status == 1
            assert "niet op tijd" in stderr_of(result) + screen.text()
        assert gate.started == 0 and not gate.sessions


async def test_without_seats_a_key_does_not_open_the_gate(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        with pytest.raises(asyncssh.PermissionDenied):
            await connect_with(gate.port, asyncssh.generate_private_key("ssh-ed25519"))


async def test_a_key_seated_in_one_room_is_a_stranger_in_another(tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    first = session_file(tmp_path, name="a.toml")
    second = session_file(tmp_path, name="b.toml")
    other_code = "QW8R-2ZTY"
    relay = Relay([Room(first, CODE, FACILITATOR_CODE), Room(second, other_code, "PL3K-7XNB")])
    await relay.start("127.0.0.1", 0)
    try:
        gate = await open_gate(relay, "127.0.0.1", 0, language="nl")
        try:
            async with await connect_with(gate.port, key) as conn:
                await _seated(await board(conn), name="Sanne")
            async with await connect_with(gate.port, key) as conn:
                await _seated(await board(conn), code=other_code, name="Sanne")  # name asked
            for path in (first, second):
                assert len(list((state_dir(path) / "ssh-seats").glob("*.json"))) == 1
        finally:
            await gate.stop()
    finally:
        await relay.stop()


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
