"""Watching boards: the CPU a board spends on every card that others add.

A participant's board and the projector mostly watch: while a room writes, every card of
every other person reaches every board, and each board draws it. This measures what that
costs a board, per incoming card, with 40 people adding cards at once.

How it is measured
------------------
The relay is the real command, `python -m tui_board relay FILE --bind 127.0.0.1 --port 0`,
in its own process, on a fresh session file (the `rivierenland` template in the phase
`verzamelen`, where participants add cards). Two watching boards each run in a process of
their own (this script with `--board`): a real `BoardApp` on a real `RelayClient` and
`LiveBoard`, headless at 160 x 48 (Textual lays out and renders every frame; only the
writing of the frame to a terminal is left out). One joins as a participant, one with
`--view` (the projector). Each board prints one line when its columns show all the cards
the run will add, and counts its frames (`App._display` calls with something to show).

The writers are --writers (40) raw websocket clients in this process that join as
participants and each send --cards (5) AddCard ops (texts of 40-200 characters), the
first after a random 0-1 s, then one every --pace seconds on average (uniform between half
and one and a half times it; default 1.0 s, so about 40 cards a second in all). A slower
room: `--pace 8` (a card every ~8 s each, 5 a second in all).

CPU is the board process's time on a CPU (/proc/PID/task/*/schedstat, all threads, in
nanoseconds), so other load on the machine distorts it less than wall time would.
- floor: the same boards, connected and idle, for --floor seconds before the cards
  (no incoming card: an empty watching board); given per second.
- cards: from the first card sent until the board shows the last one.
- per card = (CPU during the cards - floor per second x their duration) / cards.

Last line per board:
`watch_bench board=participant|projector cards=N cpu_ms_per_card=... floor_ms_per_s=...
frames=... frames_per_card=...`

Run: .venv/bin/python bench/watch_bench.py [--writers N] [--cards N] [--pace S] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from _common import CLIENT_OPTIONS, SEED, card_text, loadavg, machine, median
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tui_board.core.ops import AddCard
from tui_board.files.store import save_session
from tui_board.live.protocol import Hello, OpMessage

JOIN_CODE = "WATC-HBEN"
FACILITATOR_CODE = "WATC-HLEI"
SIZE = (160, 48)
KINDS = ("participant", "projector")

Args = argparse.Namespace


# --- a watching board, in its own process (`--board URL KIND EXPECT`) ------------------------


async def board_main(url: str, kind: str, expect: int) -> None:
    """Run a real board headless; say `ready`, then `all FRAMES` once `expect` cards show."""
    from tui_board.live.client import RelayClient
    from tui_board.live.liveboard import LiveBoard
    from tui_board.tui.app import BoardApp

    view = kind == "projector"
    client = RelayClient(url, JOIN_CODE, name=f"Kijker {kind}", organisation="Bench", view=view)
    await client.probe()
    app = BoardApp(LiveBoard(client))
    frames = 0
    display = app._display

    def counted(screen: object, renderable: object) -> None:
        nonlocal frames
        if renderable is not None:
            frames += 1
        display(screen, renderable)  # type: ignore[arg-type]

    app._display = counted  # type: ignore[method-assign]
    async with app.run_test(headless=True, size=SIZE) as pilot:
        while not app.connected:
            await pilot.pause(0.05)
        print("ready", flush=True)
        while sum(len(column.cards.cards) for column in app.columns) < expect:
            await asyncio.sleep(0.05)
        print(f"all {frames}", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        await client.close()


# --- the bench --------------------------------------------------------------------------------


class BoardProcess:
    """One watching board in a process of its own; reads its lines."""

    def __init__(self, kind: str, url: str, expect: int, folder: Path) -> None:
        self.kind = kind
        argv = [sys.executable, str(Path(__file__).resolve()), "--board", url, kind, str(expect)]
        env = dict(os.environ, PYTHONPATH=str(common.ROOT), TUSSENRUIMTE_LANG="en")
        self.log = (folder / f"board-{kind}.log").open("wb")
        self.proc: asyncio.subprocess.Process | None = None
        self._spawn = (argv, env)

    async def start(self) -> None:
        argv, env = self._spawn
        self.proc = await asyncio.create_subprocess_exec(
            *argv,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self.log,
            preexec_fn=common.die_with_parent,
        )

    async def line(self, timeout: float) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        raw = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        if not raw:
            raise RuntimeError(f"the {self.kind} board stopped (see {self.log.name})")
        return raw.decode().strip()

    def cpu_s(self) -> float:
        assert self.proc is not None
        return common.sched(self.proc.pid)[0]

    async def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.returncode is None and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.write(b"\n")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.proc.wait(), 10)
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()
        self.log.close()


async def writer_join(url: str, number: int) -> tuple[ClientConnection, asyncio.Task[None]]:
    ws = await connect(url, **CLIENT_OPTIONS)
    hello = Hello(code=JOIN_CODE, name=f"Schrijver {number}", organisation="Bench")
    await ws.send(hello.model_dump_json())
    first = await asyncio.wait_for(ws.recv(decode=True), 60)
    assert isinstance(first, str)
    if not first.startswith('{"type":"welcome"'):
        raise RuntimeError(f"writer {number}: no welcome but {first[:200]}")

    async def drain() -> None:  # read (and drop) what the relay sends, as a board would
        with contextlib.suppress(ConnectionClosed):
            async for raw in ws:
                if '"type":"reject"' in str(raw):
                    print(f"writer {number}: {str(raw)[:200]}", file=sys.stderr, flush=True)

    return ws, asyncio.create_task(drain())


async def write(
    ws: ClientConnection, number: int, themes: Sequence[str], args: Args, rng: random.Random
) -> None:
    await asyncio.sleep(rng.uniform(0, 1.0))
    for card in range(args.cards):
        if card:
            await asyncio.sleep(rng.uniform(0.5 * args.pace, 1.5 * args.pace))
        op = AddCard(
            card_id=f"w{number:02d}c{card:03d}", theme=rng.choice(themes), text=card_text(rng)
        )
        await ws.send(OpMessage(op_id=f"o{number}-{card}", op=op).model_dump_json())


@dataclass
class Figures:
    kind: str
    cards: int
    seconds: float
    cpu_ms: float
    floor_ms_per_s: float
    frames: int

    @property
    def per_card_ms(self) -> float:
        return (self.cpu_ms - self.floor_ms_per_s * self.seconds) / self.cards


async def one_run(number: int, args: Args, folder: Path) -> list[Figures]:
    rng = random.Random(SEED + number)
    session = common.template_session("Meekijken").model_copy(update={"phase": "verzamelen"})
    path = folder / f"sessie-{number}.toml"
    save_session(session, path)
    themes = [theme.id for theme in session.themes]
    log_path = folder / f"relay-{number}.log"
    relay = common.spawn_logged(
        common.relay_argv(path, JOIN_CODE, FACILITATOR_CODE), folder, log_path
    )
    boards: list[BoardProcess] = []
    writers: list[tuple[ClientConnection, asyncio.Task[None]]] = []
    total = args.writers * args.cards
    try:
        url = f"ws://127.0.0.1:{await common.logged_port(relay, log_path, 'the relay')}"
        boards = [BoardProcess(kind, url, total, folder) for kind in KINDS]
        for board in boards:
            await board.start()
        for board in boards:
            if (said := await board.line(60)) != "ready":
                raise RuntimeError(f"{board.kind}: {said}")
        writers = [await writer_join(url, n) for n in range(args.writers)]
        await asyncio.sleep(args.settle)  # the joins have reached the boards and are drawn
        # The floor: connected, nothing arrives.
        start = [b.cpu_s() for b in boards]
        began = time.perf_counter()
        await asyncio.sleep(args.floor)
        floor_s = time.perf_counter() - began
        floor = [(b.cpu_s() - s) * 1000 / floor_s for b, s in zip(boards, start, strict=True)]
        # The cards.
        start = [b.cpu_s() for b in boards]
        began = time.perf_counter()
        sending = [
            asyncio.create_task(write(ws, n, themes, args, random.Random(rng.random())))
            for n, (ws, _) in enumerate(writers)
        ]

        async def done(board: BoardProcess) -> tuple[float, float, int]:
            said = await board.line(args.cards * args.pace * 3 + 120)
            return time.perf_counter() - began, board.cpu_s(), int(said.split()[1])

        ends = await asyncio.gather(*(done(b) for b in boards))
        await asyncio.gather(*sending)
        figures = [
            Figures(b.kind, total, seconds, (cpu - s) * 1000, fl, frames)
            for b, s, fl, (seconds, cpu, frames) in zip(boards, start, floor, ends, strict=True)
        ]
    finally:
        for ws, task in writers:
            await common.close_reader(ws, task)
        for board in boards:
            await board.stop()
        await common.stop_process(relay)
    return figures


async def main(args: Args) -> None:
    print(machine(), flush=True)
    print(
        f"{args.writers} writers x {args.cards} cards, one every ~{args.pace} s each; "
        f"boards at {SIZE[0]}x{SIZE[1]}, headless",
        flush=True,
    )
    runs: dict[str, list[Figures]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="watch-bench-", dir=args.dir) as name:
        for number in range(args.runs):
            before = loadavg()
            for fig in await one_run(number, args, Path(name)):
                runs[fig.kind].append(fig)
                print(
                    f"run {number + 1} {fig.kind}: {fig.cards} cards in {fig.seconds:.1f} s, "
                    f"cpu_ms={fig.cpu_ms:.0f} floor_ms_per_s={fig.floor_ms_per_s:.1f} "
                    f"per_card_ms={fig.per_card_ms:.2f} frames={fig.frames} "
                    f"(loadavg {before} -> {loadavg()})",
                    flush=True,
                )
    for kind, figs in runs.items():
        per_card = median([f.per_card_ms for f in figs])
        frames = median([float(f.frames) for f in figs])
        print(
            f"watch_bench board={kind} cards={figs[0].cards} pace_s={args.pace} "
            f"cpu_ms_per_card={per_card:.2f} "
            f"floor_ms_per_s={median([f.floor_ms_per_s for f in figs]):.1f} "
            f"frames={frames:.0f} frames_per_card={frames / figs[0].cards:.2f}",
            flush=True,
        )


def parse_args(argv: Sequence[str] | None = None) -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--cards", type=int, default=5, help="cards each writer adds")
    parser.add_argument("--pace", type=float, default=1.0, help="mean seconds between cards")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--floor", type=float, default=5.0, help="seconds of the idle floor")
    parser.add_argument("--settle", type=float, default=2.0, help="seconds after the joins")
    parser.add_argument("--dir", help="folder for the temp session files (default: $TMPDIR)")
    return parser.parse_args(argv)


async def guarded(args: Args) -> None:
    """main() with a time limit; SIGTERM or ctrl+c cancel it, so every process stops."""
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)
    await asyncio.wait_for(main(args), 20 * 60)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--board"]:
        asyncio.run(board_main(sys.argv[2], sys.argv[3], int(sys.argv[4])))
        sys.exit(0)
    try:
        asyncio.run(guarded(parse_args()))
    except asyncio.CancelledError:
        print("watch_bench: interrupted", file=sys.stderr)
        sys.exit(130)
