"""Secrets stay out of sight: no code on a command line, the state folder out of git.

A command line is anyone's to read on the computer (`ps`, /proc/PID/cmdline); a process's
environment only its owner's. So the boards the ssh and browser entrances start get the
code in their environment (or, forked, in the fork server's message), and `join` takes it
from `--code`, from TUSSENRUIMTE_CODE, or asks for it. The state folder beside a session
file (journal, seats, codes, owners, the SSH host key) is the owner's only and carries its
own `.gitignore`, so `git add -A` in a repository of sessions never stages it.

Real parts only: the real `tussenruimte relay` with `--ssh` and `--web`, an asyncssh client
and aiohttp's websocket as the participants, real git. Waiting is for something, with a
deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pyte
import pytest
from factories import make_session
from relaykit import CODE, FACILITATOR_CODE, WRONG_CODE, free_port, join, session_file, start_relay
from test_boardfork import _forking
from test_ssh import _read_until, _wait_listening, board, connect, gate_beside
from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.entrances.sshgate import HOST_KEY, host_key, open_gate
from tui_board.live.codes import CODE_ENV, normalise
from tui_board.live.journal import state_dir

# --- no code on a command line --------------------------------------------------------------


def _processes() -> dict[int, tuple[int, str]]:
    """Every process we may see: its parent and its command line (arguments joined by " ")."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            found[int(entry.name)] = (parent, line)
    return found


def _descendants(root: int, processes: dict[int, tuple[int, str]]) -> set[int]:
    family, grew = {root}, True
    while grew:
        more = {pid for pid, (parent, _) in processes.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family - {root}


def _holds(line: str, code: str) -> bool:
    """Whether a command line holds `code` in any spelling `join` would accept."""
    return code.upper() in line.upper() or normalise(code) in normalise(line)


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _without_code_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != CODE_ENV}


@dataclass
class Browser:
    """A participant in the browser: the form with the code, then the board's websocket, read
    into a terminal emulator (as the page's xterm.js would)."""

    http: aiohttp.ClientSession
    screen: pyte.Screen
    reader: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, web_port: int, code: str) -> Browser:
        browser = cls(aiohttp.ClientSession(), pyte.Screen(100, 30))
        base = f"http://127.0.0.1:{web_port}"
        fields = {"code": code, "name": "Bram", "org": "GGD", "lang": "nl", "mandate": "no"}
        async with browser.http.post(
            base + "/join", data=fields, allow_redirects=False, headers={"Origin": base}
        ) as answer:
            assert answer.status == 303, await answer.text()
            token = answer.headers["Location"].removeprefix("/board/")
        ws = await browser.http.ws_connect(
            f"ws://127.0.0.1:{web_port}/ws/{token}?width=100&height=30", origin=base
        )
        browser.reader = asyncio.create_task(browser._read(ws))
        return browser

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        stream = pyte.ByteStream(self.screen)
        async for message in ws:
            if message.type is aiohttp.WSMsgType.BINARY:
                stream.feed(message.data)

    async def close(self) -> None:
        await self.http.close()
        if self.reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.reader, 10)


async def _until_on(screen: pyte.Screen, text: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in "\n".join(screen.display):
        assert time.monotonic() < deadline, f"{text!r} not on the screen:\n" + "\n".join(
            screen.display
        )
        await asyncio.sleep(0.05)


async def test_no_process_of_a_session_shows_a_code_on_its_command_line(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port, ssh_port, web_port = free_port(), free_port(), free_port()
    log = tmp_path / "relay.log"
    # Without --code: the relay makes the codes itself, so none is on its own command line
    # either (the one the test starts; a facilitator may still choose to type one there).
    command = [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
               "--ssh", str(ssh_port), "--web", str(web_port)]  # fmt: skip
    with log.open("w") as out:
        relay = subprocess.Popen(command, stderr=out, text=True, env=_without_code_env())
    conn, browser = None, None
    try:
        printed = _read_until(log, f"http://127.0.0.1:{web_port}/", relay)
        code, facilitator = re.findall(r"--code (\S+)", printed)
        # A participant over ssh, with the code as the password, at the board.
        conn = await connect(ssh_port, password=code)
        screen = await board(conn)
        for prompt, answer in (("Je naam:", "Sanne\r"), ("Je organisatie:", "Wijkteam\r"),
                               ("Heb je mandaat", "n\r")):  # fmt: skip
            await screen.wait_for(prompt, timeout=30)
            screen.type(answer)
        await screen.wait_for("Fase 1/7", timeout=30)
        # A participant in the browser, at the board.
        browser = await Browser.open(web_port, code)
        await _until_on(browser.screen, "Fase 1/7")

        processes = _processes()
        family = _descendants(relay.pid, processes)
        lines = {pid: processes[pid][1] for pid in family}
        web_boards = [pid for pid, line in lines.items() if "join" in line and "--via web" in line]
        forkservers = [pid for pid, line in lines.items() if "tui_board.cli.forkserver" in line]
        [fork_server] = forkservers or [0]
        ssh_boards = [
            pid
            for pid, line in lines.items()
            if "--via ssh" in line or processes[pid][0] == fork_server
        ]
        assert len(web_boards) == 1 and len(ssh_boards) == 1, lines
        for secret in (code, facilitator):
            for pid, (_, line) in processes.items():
                assert not _holds(line, secret), f"process {pid} shows a code: {line}"
            listed = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True)
            assert listed.returncode == 0 and "tussenruimte" in listed.stdout
            assert not _holds(listed.stdout, secret), "`ps -eo args` shows a code"
        # The browser's board has it where only its owner may look.
        [web_board] = web_boards
        assert _environment(web_board)[CODE_ENV] == code
        assert stat.S_IMODE(os.stat(f"/proc/{web_board}/environ").st_mode) == 0o400
    finally:
        if conn is not None:
            conn.close()
        if browser is not None:
            await browser.close()
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=30)
    assert relay.returncode == 0
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "process"])
async def test_a_board_over_ssh_gets_the_code_but_not_on_its_command_line(
    tmp_path: Path, forked: bool
) -> None:
    async with gate_beside(tmp_path, fork_server=forked) as (live, gate):
        if forked:
            await _forking(gate)
        conn = await connect(gate.port)
        screen = await board(conn)
        await screen.wait_for("Je naam:")
        screen.type("Sanne\rWijkteam\rn\r")
        await screen.wait_for("Testsessie")  # the relay let the board in: it had the code
        [pid] = gate.pids()
        processes = _processes()
        assert not _holds(processes[pid][1], CODE), processes[pid][1]
        if forked:  # the code came in the fork server's message, not even in an environment
            assert CODE_ENV not in _environment(pid)
            assert not _holds(processes[processes[pid][0]][1], CODE)
            assert CODE_ENV not in _environment(processes[pid][0])
        else:
            assert _environment(pid)[CODE_ENV] == CODE
        conn.close()


# --- join: the code from --code, from TUSSENRUIMTE_CODE, or asked -----------------------------


def _join(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TUSSENRUIMTE, "join", *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30,
        env=_without_code_env() | (env or {}),
    )  # fmt: skip


def test_join_without_a_code_says_how_to_give_one() -> None:
    url = f"ws://127.0.0.1:{free_port()}"
    nl = _join(url, "--name", "Anna")
    assert nl.returncode == 1 and "Traceback" not in nl.stderr
    assert "De deelnamecode ontbreekt" in nl.stderr and "TUSSENRUIMTE_CODE" in nl.stderr
    en = _join(url, "--name", "Anna", "--lang", "en")
    assert en.returncode == 1 and "The join code is missing" in en.stderr
    blank = _join(url, "--name", "Anna", env={CODE_ENV: "  "})
    assert blank.returncode == 1 and "De deelnamecode ontbreekt" in blank.stderr


def test_join_takes_the_code_from_its_environment_or_asks(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    port = free_port()
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", CODE, "--facilitator-code", FACILITATOR_CODE],
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"ws://127.0.0.1:{port}"
    terminals: list[Terminal] = []
    try:
        _wait_listening(port)
        # The code in the environment is the one the relay hears (a wrong one is refused) ...
        home = {"XDG_STATE_HOME": str(tmp_path / "home")}
        wrong = _join(url, "--name", "Anna", env={CODE_ENV: WRONG_CODE, **home})
        assert wrong.returncode == 1 and "Deze code klopt niet" in wrong.stderr
        # ... and --code goes first.
        flag = _join(url, "--code", WRONG_CODE, "--name", "Anna", env={CODE_ENV: CODE, **home})
        assert flag.returncode == 1 and "Deze code klopt niet" in flag.stderr
        # The right one in the environment: the board.
        # (Each board a home of its own: a board keeps nothing where another would find it.)
        given = Terminal(
            ["env", f"XDG_STATE_HOME={tmp_path / 'anna'}", f"{CODE_ENV}={CODE}",
             TUSSENRUIMTE, "join", url, "--name", "Anna", "--org", "Gemeente", "--no-mandate"],
            size=(100, 30),
        )  # fmt: skip
        terminals.append(given)
        given.wait_for("Testsessie", timeout=30)
        # None at all, at a terminal: it asks, before the name.
        asked = Terminal(
            ["env", "-u", CODE_ENV, f"XDG_STATE_HOME={tmp_path / 'bram'}",
             TUSSENRUIMTE, "join", url],
            size=(100, 30),
        )  # fmt: skip
        terminals.append(asked)
        asked.wait_for("Deelnamecode:", timeout=30)
        asked.type(CODE.lower())
        asked.keys("Enter")
        asked.wait_for("Je naam:")
        asked.type("Bram")
        asked.keys("Enter")
        asked.wait_for("Je organisatie:")
        asked.keys("Enter")
        asked.wait_for("Heb je mandaat")
        asked.keys("Enter")
        asked.wait_for("Testsessie", timeout=30)
    finally:
        for terminal in terminals:
            terminal.close()
        relay.send_signal(signal.SIGTERM)
        relay.wait(timeout=30)


# --- the state folder -------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def _modes(folder: Path) -> dict[str, int]:
    return {entry.name: stat.S_IMODE(entry.stat().st_mode) for entry in folder.iterdir()}


@pytest.mark.parametrize("before", ["new", "old"])
async def test_the_state_folder_stays_out_of_git_and_is_the_owners_only(
    tmp_path: Path, before: str
) -> None:
    repo = tmp_path / "sessies"
    repo.mkdir()
    _git(repo, "init", "-q")
    session = make_session()
    session = session.model_copy(
        update={"session": session.session.model_copy(update={"anonymous": True})}
    )
    path = session_file(repo, session)
    folder = state_dir(path)
    if before == "old":  # made by an older version: open to others, no .gitignore
        folder.mkdir(mode=0o755)
        folder.chmod(0o755)
    live = await start_relay(path)
    try:
        gate = await open_gate(live.relay, "127.0.0.1", 0, language="nl")  # the SSH host key
        await gate.stop()
        anna = await join(live.url, CODE, "Anna")  # a seat
        await anna.add_card(text="Van Anna")  # a journal entry, and (anonymous) an owner
        await anna.ws.close()
    finally:
        await live.stop()
    modes = _modes(folder)
    expected = {".gitignore", "journal.jsonl", "seats.json", "codes.json", "owners.json", HOST_KEY}
    assert expected <= set(modes), modes
    assert all(mode == 0o600 for mode in modes.values()), modes
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert (folder / ".gitignore").read_text() == "*\n"

    staged = _git(repo, "add", "-A", "--dry-run")
    assert staged.strip() == f"add '{path.name}'", staged
    assert folder.name not in _git(repo, "status", "--porcelain", "--untracked-files=all")
    _git(repo, "add", "-A")
    assert _git(repo, "diff", "--cached", "--name-only").split() == [path.name]


def test_the_host_key_alone_makes_a_private_ignored_folder(tmp_path: Path) -> None:
    folder = state_dir(tmp_path / "sessie.toml")
    key = host_key(folder)
    assert host_key(folder).get_fingerprint() == key.get_fingerprint()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert _modes(folder) == {HOST_KEY: 0o600, ".gitignore": 0o600}
    assert (folder / ".gitignore").read_text() == "*\n"
