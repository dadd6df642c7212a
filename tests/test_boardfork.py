"""The boards over SSH, forked from the fork server: the same board, less memory.

The gate starts the fork server (`tui_board.cli.forkserver`) beside it; once that has loaded
the board, each participant's board is a fork of it instead of a fresh `join` process
(docs/ssh.md). These tests wait until the fork server is ready, so every board here is a
forked one, and check that it is what a `join` process is: its own session on the
participant's terminal (window changes arrive), the gate's small environment, the relay's
room, the exit code, and that it ends with its connection. If the fork server goes, boards
start as processes again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from relaykit import eventually
from test_ssh import Screen, board, connect, gate_beside, gone

from tui_board.entrances.boardfork import ForkServer
from tui_board.entrances.sshgate import SshGate, _look_env, terminal_size


async def _forking(gate: SshGate) -> ForkServer:
    await eventually(lambda: gate.forks is not None, 30, "the fork server started")
    assert gate.forks is not None
    assert await gate.forks.wait_ready(60), "the fork server loaded the board"
    return gate.forks


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _environment(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


async def test_a_forked_board_is_a_whole_board(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (live, gate):
        forks = await _forking(gate)
        conn = await connect(gate.port)
        screen = await board(conn, size=(100, 30))
        await screen.wait_for("Je naam:")
        [pid] = gate.pids()
        assert _parent(pid) == forks.process.pid, "forked by the fork server"
        assert os.getsid(pid) == pid and os.getpgid(pid) == pid, "a session of its own"
        # What it started with is the fork server's small environment (the board's own
        # variables are set in the fork; /proc shows the first ones).
        assert set(_environment(pid)) <= {"TERM", "LANG", "LC_ALL", "PATH", "HOME",
                                          "TUSSENRUIMTE_LANG", "PYTHONPATH"}  # fmt: skip
        screen.type("Sanne\r")
        await screen.wait_for("Je organisatie:")
        screen.type("Wijkteam\r")
        await screen.wait_for("Heb je mandaat")
        screen.type("n\r")
        await screen.wait_for("Testsessie")
        await eventually(
            lambda: any(p.name == "Sanne" for p in live.room.session.participants),
            message="Sanne at the table",
        )
        # The terminal is its controlling terminal: a window change redraws the board.
        [session] = gate.sessions
        screen.process.change_terminal_size(120, 40)
        screen.resize(120, 40)
        await eventually(lambda: terminal_size(session.master) == (120, 40), message="resize")
        await screen.wait_for("nieuw", row=39)
        # q ends the board; the participant's ssh gets its exit code (0).
        screen.type("q")
        result = await screen.process.wait(timeout=20)
        assert result.exit_status == 0
        await gone(pid)
        conn.close()


async def test_a_forked_board_ends_with_its_connection(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        await _forking(gate)
        conn = await connect(gate.port)
        screen = await board(conn)
        await screen.wait_for("Je naam:")
        [pid] = gate.pids()
        conn.abort()
        await gone(pid)
        await eventually(lambda: not gate.sessions, message="session forgotten")


def test_only_the_look_comes_from_the_participants_environment() -> None:
    client = {"NO_COLOR": "yes", "TUSSENRUIMTE_CONTRAST": "1", "SECRET": "x", "PATH": "/x"}
    assert _look_env(client) == {"NO_COLOR": "1", "TUSSENRUIMTE_CONTRAST": "1"}
    assert _look_env({"NO_COLOR": "", "TUSSENRUIMTE_CONTRAST": "$(rm -rf ~)"}) == {}


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour"])
async def test_the_participants_no_color_reaches_the_board(tmp_path: Path, no_color: bool) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        await _forking(gate)
        conn = await connect(gate.port)
        process = await conn.create_process(
            term_type="xterm-256color",
            term_size=(100, 30),
            encoding=None,
            env={"NO_COLOR": "1"} if no_color else {},
        )
        screen = Screen(process, (100, 30))
        for prompt, answer in (
            ("Je naam:", "Sanne\r"),
            ("Je organisatie:", "\r"),
            ("mandaat", "\r"),
        ):
            await screen.wait_for(prompt)
            screen.type(answer)
        await screen.wait_for("Testsessie")
        await screen.wait_for("nieuw")
        colours = {
            colour
            for row in screen.screen.buffer.values()
            for char in row.values()
            for colour in (char.fg, char.bg)
        }
        assert (colours == {"default"}) is no_color, colours
        [pid] = gate.pids()
        conn.close()
        await gone(pid)


async def test_without_the_fork_server_boards_start_as_processes(tmp_path: Path) -> None:
    async with gate_beside(tmp_path) as (_, gate):
        forks = await _forking(gate)
        first = await connect(gate.port)
        screen = await board(first)
        await screen.wait_for("Je naam:")
        [forked] = gate.pids()
        forks.process.send_signal(signal.SIGKILL)
        await eventually(lambda: forks.closed, message="the gate noticed")
        second = await connect(gate.port)
        other = await board(second)
        await other.wait_for("Je naam:")
        [started] = [pid for pid in gate.pids() if pid != forked]
        assert _parent(started) == os.getpid(), "a process of the gate's own"
        first.abort()
        await gone(forked)  # still ended with its connection, fork server or not
        second.close()
        await gone(started)


@pytest.mark.parametrize("fork_server", [False])
async def test_the_fork_server_can_be_left_out(tmp_path: Path, fork_server: bool) -> None:
    async with gate_beside(tmp_path, fork_server=fork_server) as (_, gate):
        conn = await connect(gate.port)
        screen = await board(conn)
        await screen.wait_for("Je naam:")
        assert gate.forks is None
        [pid] = gate.pids()
        assert _parent(pid) == os.getpid()
        conn.close()
        await gone(pid)


# --- what a board loads ----------------------------------------------------------------------


def test_the_command_loads_no_report_history_or_archive() -> None:
    # Each board over SSH is `tussenruimte join`; what the command line loads, every board
    # holds. The report, history and archive load only when their command runs.
    heavy = ("tui_board.afterwards.history", "tui_board.afterwards.report",
             "tui_board.afterwards.archive", "tui_board.afterwards.diffing",
             "tui_board.live.journal", "multiprocessing")  # fmt: skip
    code = f"import sys, tui_board.cli.main; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_commands_offer_the_formats_their_modules_make() -> None:
    from tui_board.afterwards import history, report
    from tui_board.cli import history as historycmd
    from tui_board.cli import report as reportcmd

    assert historycmd.FORMATS == history.FORMATS
    assert reportcmd.FORMATS == report.FORMATS
