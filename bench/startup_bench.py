"""Time from process start to a full board in a real terminal (tmux, 160x48).

Target (issue): <= 0.6 s from starting `tussenruimte open FILE` with a 1000-card session
until the cards of all four columns are on screen.

How: a private tmux server (`tmux -L bench-startup -f /dev/null`) runs each start in a new
detached session of 160x48. The clock starts just before `tmux new-session` is spawned;
the bench then runs `tmux capture-pane -p` every ~5 ms (each capture is itself a small
process, so the effective poll is ~5-10 ms) until the first line of the first card of
every column is in that column's part of the screen. The time of that capture is the
result. Then the session is killed and the bench waits for the process to be gone before
the next start. The floor is a minimal Textual app (one Static) measured the same way in
the same run, interleaved with the board. One warm-up start of each is not counted: it
fills a bytecode cache in a temporary folder (PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE
is dropped for the apps), so the timed starts load .pyc files as an installed program
does, and the working tree gets no __pycache__. The tmux server is always killed at the
end.

Also shown: the time of the first capture with anything on screen ("first paint") and
the peak RSS (VmHWM) of the app process when the board was complete.

Run: .venv/bin/python bench/startup_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    ROOT,
    bytecode_env,
    first_cards,
    loadavg,
    machine,
    median,
    write_session,
)

SOCKET = "bench-startup"
WIDTH, HEIGHT = 160, 48
TARGET_S = 0.6
POLL_S = 0.005
TIMEOUT_S = 20.0
FLOOR_TEXT = "tussenruimte-floor-ready"

FLOOR_APP = f'''
from textual.app import App, ComposeResult
from textual.widgets import Static


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("{FLOOR_TEXT}")


Floor().run()
'''


ENV: dict[str, str] | None = None
"""The environment of every tmux command (so of the tmux server and the apps it starts)."""


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, env=ENV
    )
    return done.stdout


def kill_server() -> None:
    subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, check=False, env=ENV)


def start_server() -> None:
    kill_server()
    subprocess.run(
        [
            "tmux", "-L", SOCKET, "-f", "/dev/null",
            "new-session", "-d", "-s", "keeper", "-x", str(WIDTH), "-y", str(HEIGHT),
            "sleep 100000",
        ],
        check=True,
        env=ENV,
    )  # fmt: skip
    tmux("set-option", "-g", "default-size", f"{WIDTH}x{HEIGHT}")


def app_pid(pane_pid: int) -> int:
    """The pane's process, or its first child when the pane runs a shell around it."""
    try:
        command = Path(f"/proc/{pane_pid}/cmdline").read_bytes()
    except OSError:
        return pane_pid
    if b"python" in command or b"tussenruimte" in command:
        return pane_pid
    children = Path(f"/proc/{pane_pid}/task/{pane_pid}/children")
    try:
        first = children.read_text().split()
    except OSError:
        return pane_pid
    return int(first[0]) if first else pane_pid


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def wait_gone(pid: int, timeout: float = 5.0) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)


class Start:
    """One start: seconds to first paint and to complete, and the app's peak RSS."""

    def __init__(self, first_paint: float, complete: float, rss: float) -> None:
        self.first_paint = first_paint
        self.complete = complete
        self.rss = rss


def one_start(name: str, command: str, ready: Callable[[list[str]], bool]) -> Start:
    """Start `command` in a fresh tmux session and time it until `ready(screen lines)`."""
    begin = time.perf_counter()
    subprocess.run(
        [
            "tmux", "-L", SOCKET, "new-session", "-d", "-s", name,
            "-x", str(WIDTH), "-y", str(HEIGHT), command,
        ],
        check=True,
        env=ENV,
    )  # fmt: skip
    first_paint: float | None = None
    pane_pid = int(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
    try:
        while True:
            screen = subprocess.run(
                ["tmux", "-L", SOCKET, "capture-pane", "-p", "-t", name],
                capture_output=True,
                text=True,
                check=False,
                env=ENV,
            )
            now = time.perf_counter() - begin
            if screen.returncode != 0:
                raise RuntimeError(f"{name}: the pane is gone (did the app fail?)")
            lines = screen.stdout.splitlines()
            if first_paint is None and any(line.strip() for line in lines):
                first_paint = now
            if ready(lines):
                paint = now if first_paint is None else first_paint
                return Start(paint, now, peak_rss_mib(app_pid(pane_pid)))
            if now > TIMEOUT_S:
                raise TimeoutError(f"{name}: not ready after {TIMEOUT_S} s:\n{screen.stdout}")
            time.sleep(POLL_S)
    finally:
        pid = app_pid(pane_pid)
        tmux("kill-session", "-t", name, check=False)
        wait_gone(pid)


def board_ready(texts: list[str]) -> Callable[[list[str]], bool]:
    """Ready when each column shows the start of its first card in its own part."""
    width = WIDTH // len(texts)
    # The start of each first card, short enough to be on the card's first line.
    heads = [textwrap.shorten(text, 24, placeholder="").strip() for text in texts]

    def ready(lines: list[str]) -> bool:
        for index, head in enumerate(heads):
            left, right = index * width, (index + 1) * width
            if not any(head in line[left:right] for line in lines):
                return False
        return True

    return ready


def floor_ready(lines: list[str]) -> bool:
    return any(FLOOR_TEXT in line for line in lines)


def summary(name: str, starts: list[Start]) -> str:
    complete = [s.complete for s in starts]
    paint = [s.first_paint for s in starts]
    rss = [s.rss for s in starts]
    return (
        f"  {name:<6} complete median {median(complete):.3f} s (min {min(complete):.3f}, "
        f"max {max(complete):.3f}); first paint median {median(paint):.3f} s; "
        f"peak RSS median {median(rss):.1f} MiB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts of each app")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("startup: tmux is not installed; nothing measured")
        return 1

    print(machine())
    print(f"tmux: {subprocess.run(['tmux', '-V'], capture_output=True, text=True).stdout.strip()}")
    python = Path(sys.executable)
    program = python.parent / "tussenruimte"
    if not program.exists():
        print(f"startup: {program} is missing (pip install -e .); nothing measured")
        return 1

    global ENV
    board: list[Start] = []
    floor: list[Start] = []
    with tempfile.TemporaryDirectory(prefix="tussenruimte-bench-") as folder:
        ENV = bytecode_env(Path(folder))
        path = Path(folder) / "groot.toml"
        session = write_session(path)
        before = path.read_bytes()
        floor_script = Path(folder) / "floor_app.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        board_command = f"cd {ROOT} && exec {program} open {path}"
        floor_command = f"cd {ROOT} && exec {python} {floor_script}"
        ready = board_ready(first_cards(session))
        print(
            f"session: {len(session.cards)} cards; terminal {WIDTH}x{HEIGHT} in tmux; "
            f"{args.runs} timed starts each (after one warm-up), interleaved"
        )
        try:
            start_server()
            warm_floor = one_start("warm-floor", floor_command, floor_ready)
            warm_board = one_start("warm-board", board_command, ready)
            print(
                f"  warm-up (not counted; compiles the bytecode cache): floor "
                f"{warm_floor.complete:.3f} s, board {warm_board.complete:.3f} s"
            )
            for run in range(args.runs):
                floor.append(one_start(f"floor-{run}", floor_command, floor_ready))
                board.append(one_start(f"board-{run}", board_command, ready))
        finally:
            kill_server()
        assert path.read_bytes() == before, "opening the board changed the file"

    print("seconds from spawning `tmux new-session` to the complete screen:")
    print(summary("board", board))
    print(summary("floor", floor))
    print("  board runs: " + " ".join(f"{s.complete:.3f}" for s in board))
    print("  floor runs: " + " ".join(f"{s.complete:.3f}" for s in floor))
    print(f"loadavg at the end: {loadavg()}")
    p50 = median([s.complete for s in board])
    floor_p50 = median([s.complete for s in floor])
    print(
        f"startup p50_s={p50:.3f} min_s={min(s.complete for s in board):.3f} "
        f"max_s={max(s.complete for s in board):.3f} floor_s={floor_p50:.3f} "
        f"over_floor_s={p50 - floor_p50:.3f} target_s={TARGET_S} "
        f"{'OK' if p50 <= TARGET_S else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
