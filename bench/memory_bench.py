"""Peak memory of the board in a real terminal (tmux, 160x48), at start and in use.

Target: peak memory <= 60 MiB on the 1000-card board.

How: a private tmux server (`tmux -L bench-memory -f /dev/null`) runs
`tussenruimte open FILE` on the benchmark's 1000-card session in a detached session of
160x48. The bench waits until the first card of every column is on screen and reads the
app's peak RSS (VmHWM in /proc) 2 s later; then it types what a participant types: 20 new
cards (`n`, text, Enter) and 20 edits of the focused card (`e`, appended text, Enter),
moving one column to the right after every fifth card. After each key sequence it waits
(poll with a deadline) until the card's marker word is on screen, so every change was
drawn before the next one starts. At the end: VmHWM (the peak) and VmRSS (what is held
now). The floor is a minimal Textual app (one Static) in the same terminal. The session
file is a copy in a temporary folder; the board autosaves into it.

Run: .venv/bin/python bench/memory_bench.py [--runs N] [--adds N] [--edits N] [--pause S] [--steps]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
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
from startup_bench import (
    FLOOR_APP,
    FLOOR_TEXT,
    HEIGHT,
    WIDTH,
    app_pid,
    board_ready,
)

SOCKET = "bench-memory"
TARGET_MIB = 60.0
TIMEOUT_S = 20.0
ENV: dict[str, str] = {}
EDITOR_NEW = "Nieuwe kaart in"  # the title of the new-card editor (Dutch, the default)
EDITOR_EDIT = "Kaart wijzigen"


def tmux(*args: str, check: bool = True) -> str:
    done = subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, env=ENV
    )
    return done.stdout


def screen(name: str) -> list[str]:
    return tmux("capture-pane", "-p", "-t", name).splitlines()


Ready = Callable[[list[str]], bool]


def wait_screen(name: str, found: Ready, what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        lines = screen(name)
        if found(lines):
            return
        time.sleep(0.02)
    raise TimeoutError(f"{name}: {what} not on screen after {TIMEOUT_S} s:\n" + "\n".join(lines))


def has(word: str) -> Ready:
    return lambda lines: any(word in line for line in lines)


def shown(word: str, dialog: str) -> Ready:
    """The word is on screen and the dialog is closed."""
    return lambda lines: (
        any(word in line for line in lines) and not any(dialog in line for line in lines)
    )


def status(pid: int) -> dict[str, float]:
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def keys(name: str, *sequence: str, literal: bool = False) -> None:
    tmux("send-keys", "-t", name, *(["-l"] if literal else []), *sequence)


def start(name: str, command: str) -> int:
    tmux("new-session", "-d", "-s", name, "-x", str(WIDTH), "-y", str(HEIGHT), command)
    pane = int(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
    return app_pid(pane)


def stop(name: str, pid: int) -> None:
    tmux("kill-session", "-t", name, check=False)
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.02)


PAUSE_S = 0.0
"""Seconds to wait after each change (--pause): a person thinks between cards."""


def use_board(name: str, adds: int, edits: int, pid: int = 0) -> None:
    """Type `adds` new cards and `edits` edits, each waited for on screen.

    With a `pid`, print the app's RSS after every step (--steps).
    """
    for index in range(adds):
        if index and index % 5 == 0:
            keys(name, "Right")
        marker = f"nieuwq{index:02d}"
        keys(name, "n")
        wait_screen(name, has(EDITOR_NEW), "the card editor")
        keys(name, f"Een nieuwe kaart {marker} over samenwerken", literal=True)
        keys(name, "Enter")
        wait_screen(name, shown(marker, EDITOR_NEW), f"card {marker}")
        time.sleep(PAUSE_S)
        if pid:
            print(f"    add {index + 1}: {status(pid)}")
    for index in range(edits):
        marker = f"wijzq{index:02d}"
        keys(name, "e")
        wait_screen(name, has(EDITOR_EDIT), "the card editor")
        keys(name, f" {marker}", literal=True)
        keys(name, "Enter")
        wait_screen(name, shown(marker, EDITOR_EDIT), f"edit {marker}")
        time.sleep(PAUSE_S)
        if pid:
            print(f"    edit {index + 1}: {status(pid)}")


def run_once(
    run: int, board_command: str, ready: Ready, adds: int, edits: int, steps: bool
) -> tuple[dict[str, float], dict[str, float]]:
    name = f"board-{run}"
    pid = start(name, board_command)
    try:
        wait_screen(name, ready, "the four columns")
        time.sleep(2.0)
        at_start = status(pid)
        use_board(name, adds, edits, pid if steps else 0)
        time.sleep(1.0)
        in_use = status(pid)
    finally:
        stop(name, pid)
    return at_start, in_use


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--steps", action="store_true", help="print the RSS after each step")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds after each change")
    args = parser.parse_args()
    global PAUSE_S
    PAUSE_S = args.pause
    if shutil.which("tmux") is None:
        print("memory: tmux is not installed; nothing measured")
        return 1
    program = Path(sys.executable).parent / "tussenruimte"
    print(machine())
    results = []
    floors = []
    with tempfile.TemporaryDirectory(prefix="tussenruimte-mem-") as folder:
        ENV.update(bytecode_env(Path(folder)))
        source = Path(folder) / "groot.toml"
        session = write_session(source)
        ready = board_ready(first_cards(session))
        floor_script = Path(folder) / "floor_app.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, env=ENV)
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "keeper", "sleep 100000")
        try:
            for run in range(args.runs + 1):
                path = Path(folder) / f"run{run}.toml"
                shutil.copyfile(source, path)
                command = f"cd {ROOT} && exec {program} open {path}"
                at_start, in_use = run_once(run, command, ready, args.adds, args.edits, args.steps)
                floor_pid = start(f"floor-{run}", f"exec {sys.executable} {floor_script}")
                wait_screen(f"floor-{run}", has(FLOOR_TEXT), "the floor app")
                time.sleep(1.0)
                floor = status(floor_pid)
                stop(f"floor-{run}", floor_pid)
                label = "warm-up (not counted)" if run == 0 else f"run {run}"
                print(
                    f"  {label}: start peak {at_start['VmHWM']:.1f} MiB; after "
                    f"{args.adds} adds + {args.edits} edits peak {in_use['VmHWM']:.1f} MiB, "
                    f"held {in_use['VmRSS']:.1f} MiB; floor {floor['VmHWM']:.1f} MiB"
                )
                if run:
                    results.append((at_start, in_use))
                    floors.append(floor["VmHWM"])
        finally:
            subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True, env=ENV)
    peak_start = median([a["VmHWM"] for a, _ in results])
    peak_use = median([b["VmHWM"] for _, b in results])
    print(f"loadavg at the end: {loadavg()}")
    print(
        f"memory start_mib={peak_start:.1f} in_use_mib={peak_use:.1f} "
        f"floor_mib={median(floors):.1f} target_mib={TARGET_MIB} "
        f"{'OK' if max(peak_start, peak_use) <= TARGET_MIB else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
