"""Many rooms in one relay: fan-out per room with 20 rooms of 40, beside one room alone.

Target (issue): one relay process with 20 rooms x 40 participants: fan-out p50/p99 per room
and CPU per room, beside the one-room floor, for the capacity page of docs/proxy.md.

How it is measured
------------------
The relay is the real command, `python -m tui_board relay FILE... --bind 127.0.0.1
--port 0`, in its own process, on fresh session files made from the `rivierenland` template
(phase with add_card). Each room is joined at its own path, `/kamer/NAME`, with its own code
(`--code X` gives the rooms X-1, X-2, ...). Per room --people (40) participants: one sender
and 39 receivers,
raw websockets connections in this process (the same `Peer` as bench/relay_fanout.py).

Every room's sender sends AddCard ops at the same pace, one every --interval seconds (0.5 s:
2 ops/s per room, a busy room in the gathering phase), the rooms' senders staggered over
one interval, all rooms at once. Latency of a receipt = receiver's perf_counter() when
recv() returns the frame minus the sender's perf_counter() before send(); p50/p99 per room
over its receipts (ops x 39). CPU: the relay process's user+system CPU over the
measured window, per room (ms of CPU per second per room, and per op).

The one-room floor is the same relay command with one room of the same size and pace,
measured the same way just before. Both run on a machine shared with other work: the
load average is printed.

The last line reads `rooms rooms=R people=P p50_ms=... p99_ms=... one_room_p50_ms=...`.

Run: .venv/bin/python bench/rooms_bench.py [--rooms 20] [--people 40] [--ops 60]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CLIENT_OPTIONS, SEED, loadavg, machine, median, percentile
from relay_fanout import (
    Child,
    Peer,
    card_ops,
    drained,
    fresh_session,
    latencies,
    paced,
)
from websockets.asyncio.client import ClientConnection, connect

from tui_board.files.templates import find_template
from tui_board.live.protocol import Hello
from tui_board.live.relay import room_name

CODE = "BNCH-KMRS"
FACILITATOR_CODE = "BNCH-FACL"

Args = argparse.Namespace


@dataclass
class Room:
    """One room of the bench: its url, code, sender and receivers, and its receipts."""

    url: str
    code: str
    peers: list[Peer] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)

    @property
    def sender(self) -> Peer:
        return self.peers[0]

    @property
    def receivers(self) -> list[Peer]:
        return self.peers[1:]


@dataclass
class Run:
    """One relay process with `rooms` rooms, and what was measured."""

    rooms: list[Room]
    cpu_s: float = 0.0
    wall_s: float = 0.0
    join_s: float = 0.0
    ops: int = 0
    rejects: int = 0

    def p(self, q: float) -> float:
        return percentile([x for room in self.rooms for x in room.lat], q)

    def per_room(self, q: float) -> list[float]:
        return [percentile(room.lat, q) for room in self.rooms]

    @property
    def cpu_ms_per_room_s(self) -> float:
        """Milliseconds of relay CPU per second of session, per room."""
        return self.cpu_s * 1000 / self.wall_s / len(self.rooms)

    @property
    def cpu_ms_per_op(self) -> float:
        return self.cpu_s * 1000 / max(1, self.ops)


async def hello_at(url: str, code: str, name: str) -> tuple[ClientConnection, str]:
    """Open a connection to a room's path and say hello; returns it and the welcome."""
    ws = await connect(url, **CLIENT_OPTIONS)
    await ws.send(Hello(code=code, name=name, organisation="Bench").model_dump_json())
    first = await asyncio.wait_for(ws.recv(decode=True), 60)
    assert isinstance(first, str)
    if not first.startswith('{"type":"welcome"'):
        raise RuntimeError(f"{url} {name}: no welcome but {first[:200]}")
    return ws, first


async def join_room(room: Room, names: Sequence[str], batch: int = 20) -> None:
    for start in range(0, len(names), batch):
        opened = await asyncio.gather(
            *(hello_at(room.url, room.code, n) for n in names[start : start + batch])
        )
        room.peers.extend(Peer(ws, welcome) for ws, welcome in opened)


async def room_ops(room: Room, ops: list[tuple[str, str]], args: Args, delay: float) -> None:
    await asyncio.sleep(delay)
    for peer in room.receivers:
        peer.expect(ops[-1][0])
    sent = await paced(room.sender, ops, args.interval)
    if not await drained(room.receivers, ops[-1][0], timeout=60):
        print(f"  {room.url}: some clients missed the last op", flush=True)
    room.lat += latencies(room.receivers, sent)


async def run(count: int, args: Args) -> Run:
    """Start a relay with `count` rooms, join them, measure, stop it."""
    label = f"r{count}"
    paths = [args.folder / f"{label}-kamer-{n:02d}.toml" for n in range(1, count + 1)]
    for path in paths:
        fresh_session(path)
    argv = [sys.executable, "-m", "tui_board", "relay", *map(str, paths)]
    argv += ["--bind", "127.0.0.1", "--port", "0", "--code", CODE]
    argv += ["--facilitator-code", FACILITATOR_CODE, "--new-seats-per-minute", "1000000"]
    child = Child(f"relay-{label}", argv, args.folder)
    try:
        port = await child.port()
        rooms = [
            Room(
                f"ws://127.0.0.1:{port}/kamer/{room_name(path)}",
                CODE if count == 1 else f"{CODE}-{n}",
            )
            for n, path in enumerate(paths, 1)
        ]
        result = Run(rooms)
        start = time.perf_counter()
        for room in rooms:
            # 40 people: one sender and 39 who receive what it sends.
            names = ["Afzender"] + [f"Lezer {n}" for n in range(1, args.people)]
            await join_room(room, names)
        result.join_s = time.perf_counter() - start
        rng = random.Random(SEED)
        theme = find_template("rivierenland").themes[0].id
        warmup = card_ops("w", args.warmup, theme, rng)
        measured = card_ops("m", args.ops, theme, rng)
        step = args.interval / count
        await asyncio.gather(*(room_ops(r, warmup, args, i * step) for i, r in enumerate(rooms)))
        for room in rooms:
            room.lat.clear()
        gc.collect()
        gc.disable()
        cpu, wall = child.cpu_s(), time.perf_counter()
        try:
            await asyncio.gather(
                *(room_ops(r, measured, args, i * step) for i, r in enumerate(rooms))
            )
        finally:
            gc.enable()
        result.cpu_s = child.cpu_s() - cpu
        result.wall_s = time.perf_counter() - wall
        result.ops = count * args.ops
        result.rejects = sum(len(room.sender.rejects) for room in rooms)
        code, _ = await child.stop()
        if code != 0:
            print(f"  relay exit code {code}", flush=True)
        return result
    finally:
        child.kill()
        for room in locals().get("rooms", []):
            await asyncio.gather(*(peer.close() for peer in room.peers))


def describe(name: str, result: Run, args: Args) -> str:
    p50s, p99s = result.per_room(50), result.per_room(99)
    receipts = sum(len(room.lat) for room in result.rooms)
    expected = len(result.rooms) * (args.people - 1) * args.ops
    return (
        f"  {name}: rooms={len(result.rooms)} people={args.people} receipts={receipts}/{expected} "
        f"refused={result.rejects} join_s={result.join_s:.1f}\n"
        f"    all rooms p50_ms={result.p(50):.2f} p99_ms={result.p(99):.2f}; per room "
        f"p50 median {median(p50s):.2f} (range {min(p50s):.2f}-{max(p50s):.2f}), "
        f"p99 median {median(p99s):.2f} (range {min(p99s):.2f}-{max(p99s):.2f})\n"
        f"    relay CPU: {result.cpu_ms_per_room_s:.1f} ms per second per room "
        f"({result.cpu_ms_per_room_s / 10:.1f} % of a core), {result.cpu_ms_per_op:.2f} ms "
        f"per op; whole process {result.cpu_s / result.wall_s * 100:.1f} % of a core"
    )


async def main(args: Args) -> None:
    with tempfile.TemporaryDirectory(prefix="rooms-bench-", dir=args.dir) as name:
        args.folder = Path(name)
        print(machine(), flush=True)
        print(
            f"pace: one AddCard every {args.interval * 1000:.0f} ms per room; "
            f"{args.warmup} warm-up + {args.ops} measured ops per room; loadavg={loadavg()}",
            flush=True,
        )
        alone = await run(1, args)
        print(describe("one room", alone, args), flush=True)
        many = await run(args.rooms, args)
        print(describe(f"{args.rooms} rooms", many, args), flush=True)
        print(f"  loadavg_after={loadavg()}", flush=True)
        print(
            f"rooms rooms={args.rooms} people={args.people} p50_ms={many.p(50):.2f} "
            f"p99_ms={many.p(99):.2f} one_room_p50_ms={alone.p(50):.2f} "
            f"one_room_p99_ms={alone.p(99):.2f} cpu_ms_per_room_s={many.cpu_ms_per_room_s:.1f} "
            f"one_room_cpu_ms_per_s={alone.cpu_ms_per_room_s:.1f}",
            flush=True,
        )


def parse_args(argv: Sequence[str] | None = None) -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=20, help="rooms in the relay")
    parser.add_argument("--people", type=int, default=40, help="participants per room (one sends)")
    parser.add_argument("--ops", type=int, default=60, help="measured ops per room")
    parser.add_argument("--warmup", type=int, default=5, help="ops per room before measuring")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between ops")
    parser.add_argument("--dir", help="folder for the temp session files (default: $TMPDIR)")
    return parser.parse_args(argv)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds main(): the relay stopped, temp folder removed


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupted)
    asyncio.run(main(parse_args()))
