"""Fan-out through the relay: how long an op takes from its sender to every other board.

Targets (issue): with 200 clients p99 <= 25 ms and p50 within 1.5x the floor's p50; relay
memory <= 200 KB per connected client; a client that missed 1000 events is consistent
again within 1 s of reconnecting.

How it is measured
------------------
The relay is the real command, `python -m tui_board relay FILE --bind 127.0.0.1 --port 0`,
in its own process (its log goes to a file in the temp folder), on a fresh session file made
from the `rivierenland` template (`new_session` + `store.save_session`) for every client
count. The state folder (journal, fsync per op) is on the disk of the temp folder (--dir).

All clients run in this process on one event loop: raw websockets connections that speak
the protocol (hello -> welcome, then reading frames), no RelayClient and no board, so the
relay is measured and not the TUI. N receivers join as participants; one more participant,
the sender, sends AddCard ops (card texts of 40-200 characters) at a fixed pace, one every
--interval seconds (default 0.06 s = 16.7 ops/s, under the relay's OP_RATE of 20/s with
OP_BURST 60, so no op is refused; refusals are counted and printed). Each receiver stamps
every frame with time.perf_counter() when `recv()` hands it over; a receipt's latency is
that stamp minus the stamp taken just before the sender's `send()`. p50/p99 are over all
receipts (ops x N). --warmup ops go first (they also flush the join traffic) and are not
counted; this process's garbage collector is off while ops are measured.

The floor is the least a relay can do, in its own process the same way: websockets'
`serve` with the relay's settings (max_size, max_queue, pings); it answers the first
message of a connection with a tiny welcome and forwards every later message to all other
connections with `websockets.broadcast`. Both servers run at once with their own sender and
N receivers (all in this process); the measured ops go in blocks of --block (50), turn about
floor/relay, so both see the same background load. What the relay adds on top of the floor:
validation, the rules, the journal (write + fsync per op before the event leaves), a queue
and a writer task per client. server_cpu_ms_per_op is the server process's user+system CPU
(/proc) over the measured blocks, divided by the ops; "waiting for a CPU" is the time the
server's and this process's threads spent on a run queue (/proc/PID/task/*/schedstat) over
the same blocks: on a busy machine it shows how much of the latency is other load.

Memory: VmRSS of the server process with only the sender connected, and again after the N
receivers joined and the warm-up ops went round (the join traffic has drained), divided by N.
Also after the measured ops, and the same for the floor.

Joins: the N receivers join 20 at a time (each 20 wait for their welcomes), as a room does
that fills at once; join_s is the wall time, with the server's and this process's CPU
over it. Counted for the relay up to the end of the warm-up: the receivers' presence frames,
the events that tell who joined (participant_put), and the bytes of their welcomes.

Reconnect: a fresh relay; 20 writers join; client A joins, keeps its board (the snapshot)
and token, and hangs up. The writers then send --missed ops (1000) at once, 50 each: each
burst stays under OP_BURST (60), so the relay runs with its real limits, nothing refused.
When all are acknowledged, A reconnects with its token and `since`; timed from opening the
connection to (1) the welcome frame received, (2) parsed, (3) its events applied one by one
as client.py does (`apply_changes` per event). A's board is then compared with a fresh
snapshot (an observer joining). Repeated --rounds times (the board grows by 1000 cards per
round); between rounds the writers' token buckets refill.

Each client count prints its details and ends with the line
`fanout clients=N p50_ms=... p99_ms=... floor_p50_ms=... ratio_p50=...`.

Run: .venv/bin/python bench/relay_fanout.py [--clients N] [--ops N] [--interval S]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import os
import random
import re
import signal
import sys
import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
from _common import CLIENT_OPTIONS, SEED, card_text, machine, percentile
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from tui_board.core.model import Session
from tui_board.core.ops import AddCard
from tui_board.core.rules import apply_changes
from tui_board.files.store import save_session
from tui_board.files.templates import find_template
from tui_board.live.journal import Entry, Journal
from tui_board.live.protocol import MAX_FRAME, SERVER_MESSAGE, Hello, OpMessage, Welcome
from tui_board.live.relay import OP_BURST, OP_RATE

SIZES = (10, 50, 200)
JOIN_CODE = "BENC-HJNT"
FACILITATOR_CODE = "BENC-HFAC"
P99_TARGET_MS = 25.0
RATIO_TARGET = 1.5
MEMORY_TARGET_KB = 200.0
RECONNECT_TARGET_MS = 1000.0
WRITERS = 20

# The relay's own settings (Relay.start), so the floor differs only in what it does.
SERVER_OPTIONS: dict[str, Any] = {
    "max_size": MAX_FRAME,
    "max_queue": 16,
    "ping_interval": 20,
    "ping_timeout": 20,
}
FLOOR_WELCOME = '{"type":"welcome"}'
CARD_ID = re.compile(r'"(?:card_)?id":"([bwm]\d{5})"')
CARD_FRAME = ('"card_put"', '"add_card"')

Args = argparse.Namespace
"""The command line, plus `folder` (the temp folder of this run)."""


# --- the servers, each in its own process ----------------------------------------------


class Child:
    """A server process (the real relay or the floor) with its log in a file."""

    def __init__(self, name: str, argv: list[str], folder: Path) -> None:
        self.name = name
        self.log_path = folder / f"{name}.log"
        self.proc = common.spawn_logged(argv, folder, self.log_path)

    async def port(self, timeout: float = 30.0) -> int:
        """The port the server reports in its log (it listens on port 0)."""
        return await common.logged_port(self.proc, self.log_path, self.name, timeout)

    def cpu_s(self) -> float:
        """User + system CPU seconds the process used so far."""
        return common.cpu_s(self.proc.pid)

    def wait_s(self) -> float:
        """Seconds the process's threads spent waiting for a CPU (schedstat)."""
        return runqueue_wait_s(self.proc.pid)

    def rss_kb(self) -> int:
        """VmRSS of the process, in KiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    async def stop(self, timeout: float = 15.0) -> tuple[int | None, float]:
        """SIGTERM (the relay saves and exits); kill after `timeout`. Exit code, seconds."""
        return await common.stop_process(self.proc, timeout)

    def kill(self) -> None:
        common.kill_process(self.proc)


def runqueue_wait_s(pid: int | str) -> float:
    """Seconds all threads of `pid` waited on a run queue: how much other load delayed it."""
    return common.sched(pid)[1]


def start_relay(path: Path, folder: Path) -> Child:
    argv = common.relay_argv(path, JOIN_CODE, FACILITATOR_CODE)
    return Child(f"relay-{path.stem}", argv, folder)


def start_floor(path: Path, folder: Path) -> Child:
    return Child(path.stem, [sys.executable, str(Path(__file__).resolve()), "--floor"], folder)


async def floor_main() -> None:
    """The floor: forward every message to all other connections, nothing else."""
    joined: set[ServerConnection] = set()

    async def handler(ws: ServerConnection) -> None:
        try:
            await ws.recv()  # the hello
            await ws.send(FLOOR_WELCOME)
        except ConnectionClosed:
            return
        joined.add(ws)
        try:
            async for message in ws:
                broadcast(joined - {ws}, message)
        except ConnectionClosed:
            pass
        finally:
            joined.discard(ws)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with serve(handler, "127.0.0.1", 0, **SERVER_OPTIONS) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"floor listening on 127.0.0.1:{port}", flush=True)
        await stop.wait()


def fresh_session(path: Path) -> Session:
    session = common.template_session("Fan-out benchmark")
    # Participants may add cards only in a phase that allows it (the template's flow).
    phases = getattr(session, "phases", ())
    writing = next((phase.id for phase in phases if "add_card" in phase.allows), None)
    if writing is not None:
        session = session.model_copy(update={"phase": writing})
    save_session(session, path)
    return session


# --- the clients, all in this process -------------------------------------------------


class Peer:
    """One raw connection that keeps every card frame it reads, stamped on arrival."""

    def __init__(self, ws: ClientConnection, welcome: str, keep: bool = True) -> None:
        self.ws = ws
        self.keep = keep
        self.welcome = welcome
        self.frames: list[tuple[float, str]] = []
        self.acks = 0
        self.rejects: list[str] = []
        self.presence = 0
        self.presence_bytes = 0
        self.joins = 0
        self.join_bytes = 0
        self.watch = ""
        self.seen = asyncio.Event()
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for raw in self.ws:
                stamp = time.perf_counter()
                text = raw if isinstance(raw, str) else raw.decode()
                if CARD_FRAME[0] in text or CARD_FRAME[1] in text:
                    if self.keep:
                        self.frames.append((stamp, text))
                    if self.watch and self.watch in text:
                        self.seen.set()
                elif text.startswith('{"type":"ack"'):
                    self.acks += 1
                elif text.startswith('{"type":"reject"'):
                    self.rejects.append(text)
                elif text.startswith('{"type":"presence"'):
                    self.presence += 1
                    self.presence_bytes += len(text)
                elif '"participant_put"' in text:  # who joined (one event per moment)
                    self.joins += 1
                    self.join_bytes += len(text)

    def expect(self, card_id: str) -> None:
        self.watch = f'"{card_id}"'
        self.seen.clear()

    async def close(self) -> None:
        await common.close_reader(self.ws, self.task)


async def hello(
    url: str,
    name: str,
    *,
    token: str | None = None,
    since: int | None = None,
    view: bool = False,
) -> tuple[ClientConnection, str]:
    """Open a connection and say hello; returns it and the welcome frame."""
    ws = await connect(url, **CLIENT_OPTIONS)
    message = Hello(
        code=JOIN_CODE, name=name, organisation="Bench", token=token, since=since, view=view
    )
    await ws.send(message.model_dump_json())
    first = await asyncio.wait_for(ws.recv(decode=True), 60)
    assert isinstance(first, str)
    if not first.startswith('{"type":"welcome"'):
        raise RuntimeError(f"{name}: no welcome but {first[:200]}")
    return ws, first


async def join_peers(
    url: str, names: Sequence[str], batch: int = 20, keep: bool = True
) -> list[Peer]:
    """Join everyone, `batch` at a time (the way a room arrives: close together)."""
    peers: list[Peer] = []
    for start in range(0, len(names), batch):
        opened = await asyncio.gather(*(hello(url, n) for n in names[start : start + batch]))
        peers.extend(Peer(ws, welcome, keep) for ws, welcome in opened)
    return peers


def card_ops(prefix: str, count: int, theme: str, rng: random.Random) -> list[tuple[str, str]]:
    """(card id, encoded op message) for `count` AddCard ops."""
    ops = []
    for number in range(count):
        card_id = f"{prefix}{number:05d}"
        op = AddCard(card_id=card_id, theme=theme, text=card_text(rng))
        ops.append((card_id, OpMessage(op_id=f"o{card_id}", op=op).model_dump_json()))
    return ops


async def paced(sender: Peer, ops: list[tuple[str, str]], interval: float) -> dict[str, float]:
    """Send the ops one every `interval` seconds; returns the send stamp of each card."""
    sent: dict[str, float] = {}
    start = time.perf_counter()
    for number, (card_id, text) in enumerate(ops):
        delay = start + number * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        sent[card_id] = time.perf_counter()
        await sender.ws.send(text)
    return sent


async def drained(peers: Sequence[Peer], card_id: str, timeout: float = 15.0) -> bool:
    """Wait until every peer has the frame of `card_id`."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(p.seen.wait() for p in peers)), timeout)
    return all(p.seen.is_set() for p in peers)


def latencies(peers: Sequence[Peer], sent: dict[str, float]) -> list[float]:
    """Milliseconds from send to receipt, for every card frame of a measured op."""
    out: list[float] = []
    for peer in peers:
        for stamp, text in peer.frames:
            found = CARD_ID.search(text)
            if found and found.group(1) in sent:
                out.append((stamp - sent[found.group(1)]) * 1000)
    return out


# --- one client count: the floor and the relay side by side ----------------------------------


@dataclass
class Rig:
    """One server (floor or relay) with its sender and receivers, and what was measured."""

    kind: str
    clients: int
    child: Child
    path: Path
    peers: list[Peer] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    cpu_s: float = 0.0
    wait_s: float = 0.0
    bench_wait_s: float = 0.0
    join_s: float = 0.0
    join_cpu_s: float = 0.0
    join_bench_cpu_s: float = 0.0
    rss_before: int = 0
    rss_joined: int = 0
    rss_after: int = 0
    rejects: int = 0
    presence_frames: int = 0
    presence_bytes: int = 0
    join_frames: int = 0
    join_bytes: int = 0
    welcome_bytes: int = 0
    stop_code: int | None = None
    stop_s: float = 0.0
    saved_cards: int = -1

    @property
    def sender(self) -> Peer:
        return self.peers[0]

    @property
    def receivers(self) -> list[Peer]:
        return self.peers[1:]

    @property
    def per_client_kb(self) -> float:
        return (self.rss_joined - self.rss_before) / self.clients

    @property
    def p50(self) -> float:
        return percentile(self.lat, 50)

    @property
    def p99(self) -> float:
        return percentile(self.lat, 99)


async def rig_up(kind: str, clients: int, warmup: list[tuple[str, str]], args: Args) -> Rig:
    """Start the server, join the sender and the receivers, send the warm-up ops."""
    path = args.folder / f"{kind}-{clients}.toml"
    fresh_session(path)
    child = start_relay(path, args.folder) if kind == "relay" else start_floor(path, args.folder)
    rig = Rig(kind, clients, child, path)
    url = f"ws://127.0.0.1:{await child.port()}"
    rig.peers = await join_peers(url, ["Afzender"])
    await asyncio.sleep(0.3)
    rig.rss_before = child.rss_kb()
    start, cpu, bench_cpu = time.perf_counter(), child.cpu_s(), time.process_time()
    rig.peers += await join_peers(url, [f"Lezer {n}" for n in range(clients)])
    rig.join_s = time.perf_counter() - start
    rig.join_cpu_s = child.cpu_s() - cpu
    rig.join_bench_cpu_s = time.process_time() - bench_cpu
    for peer in rig.receivers:
        peer.expect(warmup[-1][0])
    await paced(rig.sender, warmup, args.interval)
    if not await drained(rig.receivers, warmup[-1][0], timeout=60):
        if rig.sender.rejects:
            raise RuntimeError(f"{kind} refuses the bench's ops: {rig.sender.rejects[0]}")
        print(f"  {kind}: the warm-up did not reach every client", flush=True)
    rig.rss_joined = child.rss_kb()
    rig.presence_frames = sum(p.presence for p in rig.receivers)
    rig.presence_bytes = sum(p.presence_bytes for p in rig.receivers)
    rig.join_frames = sum(p.joins for p in rig.receivers)
    rig.join_bytes = sum(p.join_bytes for p in rig.receivers)
    rig.welcome_bytes = sum(len(p.welcome) for p in rig.receivers)
    return rig


async def measure(rig: Rig, ops: list[tuple[str, str]], interval: float) -> None:
    """Send one block of ops at the pace and collect every receipt's latency."""
    for peer in rig.receivers:
        peer.frames.clear()
        peer.expect(ops[-1][0])
    gc.collect()
    gc.disable()
    cpu, wait, bench_wait = rig.child.cpu_s(), rig.child.wait_s(), runqueue_wait_s("self")
    try:
        sent = await paced(rig.sender, ops, interval)
        if not await drained(rig.receivers, ops[-1][0]):
            print(f"  {rig.kind}: some clients missed the last op of a block", flush=True)
    finally:
        gc.enable()
    rig.cpu_s += rig.child.cpu_s() - cpu
    rig.wait_s += rig.child.wait_s() - wait
    rig.bench_wait_s += runqueue_wait_s("self") - bench_wait
    rig.lat += latencies(rig.receivers, sent)


async def rig_down(rig: Rig) -> None:
    """Stop the server with SIGTERM (the relay saves) and close the clients."""
    try:
        rig.rss_after = rig.child.rss_kb()
        rig.rejects = len(rig.sender.rejects)
        if rig.sender.rejects:
            print(f"  {rig.kind}: refused: {rig.sender.rejects[0]}", flush=True)
        rig.stop_code, rig.stop_s = await rig.child.stop()
        if rig.kind == "relay":
            # Counted in the TOML itself: the relay may run a newer model than this process.
            rig.saved_cards = len(tomllib.loads(rig.path.read_text()).get("cards", []))
    finally:
        rig.child.kill()
        await asyncio.gather(*(peer.close() for peer in rig.peers))


def describe(rig: Rig, args: Args) -> str:
    expected = rig.clients * args.ops
    text = (
        f"  {rig.kind:5s} clients={rig.clients} receipts={len(rig.lat)}/{expected} "
        f"p50_ms={rig.p50:.2f} p90_ms={percentile(rig.lat, 90):.2f} "
        f"p99_ms={rig.p99:.2f} max_ms={max(rig.lat, default=float('nan')):.2f} "
        f"server_cpu_ms_per_op={rig.cpu_s * 1000 / args.ops:.2f} join_s={rig.join_s:.2f}"
        f"\n  {rig.kind:5s} CPU during the joins: server_s={rig.join_cpu_s:.2f} "
        f"bench_s={rig.join_bench_cpu_s:.2f}"
        f"\n  {rig.kind:5s} waiting for a CPU per op: server_ms={rig.wait_s * 1000 / args.ops:.2f} "
        f"bench_ms={rig.bench_wait_s * 1000 / args.ops:.2f}"
        f"\n  {rig.kind:5s} memory rss_kb before={rig.rss_before} joined={rig.rss_joined} "
        f"after_ops={rig.rss_after} per_client_kb={rig.per_client_kb:.1f} "
        f"per_client_after_ops_kb={(rig.rss_after - rig.rss_before) / rig.clients:.1f}"
    )
    if rig.kind == "relay":
        text += (
            f"\n  relay refused={rig.rejects} sigterm_exit={rig.stop_code} "
            f"stop_s={rig.stop_s:.2f} cards_in_toml={rig.saved_cards}/{args.warmup + args.ops} "
            f"join_presence_frames={rig.presence_frames} "
            f"join_presence_kb={rig.presence_bytes / 1024:.0f} "
            f"join_event_frames={rig.join_frames} join_event_kb={rig.join_bytes / 1024:.0f} "
            f"welcome_kb={rig.welcome_bytes / 1024:.0f}"
        )
    return text


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER"


def loadavg() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


async def fanout(clients: int, args: Args) -> None:
    print(f"clients={clients} loadavg_before={loadavg()}", flush=True)
    rng = random.Random(SEED)
    theme = find_template("rivierenland").themes[0].id
    warmup = card_ops("w", args.warmup, theme, rng)
    measured = card_ops("m", args.ops, theme, rng)
    rigs: list[Rig] = []
    try:
        for kind in ("floor", "relay"):
            rigs.append(await rig_up(kind, clients, warmup, args))
        # Blocks alternate between the two, so both see the same background load.
        for number, start in enumerate(range(0, args.ops, args.block)):
            block = measured[start : start + args.block]
            for rig in rigs if number % 2 == 0 else rigs[::-1]:
                await measure(rig, block, args.interval)
    finally:
        for rig in rigs:
            await rig_down(rig)
    floor, relay = rigs
    print(describe(floor, args), flush=True)
    print(describe(relay, args), flush=True)
    ratio = relay.p50 / floor.p50 if floor.p50 > 0 else float("nan")
    print(
        f"  target p99<={P99_TARGET_MS:.0f}ms: {verdict(relay.p99 <= P99_TARGET_MS)}  "
        f"p50<={RATIO_TARGET}x floor: {verdict(ratio <= RATIO_TARGET)}  "
        f"memory<={MEMORY_TARGET_KB:.0f}KB/client: "
        f"{verdict(relay.per_client_kb <= MEMORY_TARGET_KB)}  loadavg_after={loadavg()}",
        flush=True,
    )
    print(
        f"fanout clients={clients} p50_ms={relay.p50:.2f} p99_ms={relay.p99:.2f} "
        f"floor_p50_ms={floor.p50:.2f} ratio_p50={ratio:.2f}",
        flush=True,
    )


# --- reconnect after missing events --------------------------------------------------------


@dataclass
class Board:
    """Client A's copy of the board, kept the way RelayClient keeps it."""

    session: Session
    seq: int
    token: str


async def write_missed(
    writers: list[Peer], count: int, themes: list[str], tag: str, rng: random.Random
) -> tuple[float, int]:
    """Each writer sends its share of `count` AddCard ops in one burst; wait for all answers.

    Returns the seconds until every op was answered, and how many were refused.
    """
    each = -(-count // len(writers))
    before = [(w.acks, len(w.rejects)) for w in writers]

    async def burst(index: int, writer: Peer) -> None:
        share = min(each, count - index * each)
        for n in range(max(share, 0)):
            card_id = f"{tag}w{index:02d}k{n:04d}"
            op = AddCard(card_id=card_id, theme=themes[n % len(themes)], text=card_text(rng))
            await writer.ws.send(OpMessage(op_id=f"o{card_id}", op=op).model_dump_json())

    def answered() -> tuple[int, int]:
        done = sum(w.acks - a for w, (a, _) in zip(writers, before, strict=True))
        refused = sum(len(w.rejects) - r for w, (_, r) in zip(writers, before, strict=True))
        return done, refused

    start = time.perf_counter()
    await asyncio.gather(*(burst(i, w) for i, w in enumerate(writers)))
    deadline = time.monotonic() + 60
    while sum(answered()) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    return time.perf_counter() - start, answered()[1]


async def resume(url: str, board: Board) -> tuple[Board, dict[str, float], str, Welcome]:
    """Reconnect with token and `since`; apply the events one by one, as client.py does."""
    start = time.perf_counter()
    ws, raw = await hello(url, "Terugkomer", token=board.token, since=board.seq)
    received = time.perf_counter()
    welcome = SERVER_MESSAGE.validate_json(raw)
    parsed = time.perf_counter()
    assert isinstance(welcome, Welcome)
    session, seq = board.session, board.seq
    for event in welcome.events:  # RelayClient._welcome -> _apply: one event at a time
        assert (event.seq - 1 if event.after is None else event.after) == seq, (event.seq, seq)
        session = apply_changes(session, event.changes)
        seq = event.seq
    applied = time.perf_counter()
    await ws.close()
    times = {
        "welcome_ms": (received - start) * 1000,
        "parse_ms": (parsed - received) * 1000,
        "apply_ms": (applied - parsed) * 1000,
        "total_ms": (applied - start) * 1000,
    }
    return Board(session, seq, welcome.token), times, raw, welcome


async def reconnect(args: Args) -> None:
    folder: Path = args.folder
    path = folder / "reconnect.toml"
    themes = [theme.id for theme in fresh_session(path).themes]
    each = -(-args.missed // WRITERS)
    print(
        f"reconnect missed={args.missed}: {WRITERS} writers send {each} ops each in one burst "
        f"(under OP_BURST={OP_BURST:.0f}; OP_RATE={OP_RATE:.0f}/s; relay limits unchanged)",
        flush=True,
    )
    child = start_relay(path, folder)
    writers: list[Peer] = []
    worst = 0.0
    rng = random.Random(SEED)
    try:
        url = f"ws://127.0.0.1:{await child.port()}"
        writers = await join_peers(url, [f"Schrijver {n}" for n in range(WRITERS)], keep=False)
        ws, first = await hello(url, "Terugkomer")
        welcome = SERVER_MESSAGE.validate_json(first)
        assert isinstance(welcome, Welcome) and welcome.snapshot is not None
        board = Board(welcome.snapshot, welcome.seq, welcome.token)
        await ws.close()
        for round_number in range(1, args.rounds + 1):
            await asyncio.sleep(0.3)  # A is gone before the ops start
            send_s, refused = await write_missed(
                writers, args.missed, themes, f"r{round_number}", rng
            )
            before = board
            board, times, raw, welcome = await resume(url, board)
            changes = itertools.chain.from_iterable(e.changes for e in welcome.events)
            batch_start = time.perf_counter()
            batched = apply_changes(before.session, changes)
            batch_ms = (time.perf_counter() - batch_start) * 1000

            snap_start = time.perf_counter()
            truth_ws, truth_raw = await hello(url, "Controle", view=True)
            snap_ms = (time.perf_counter() - snap_start) * 1000
            await truth_ws.close()
            truth = SERVER_MESSAGE.validate_json(truth_raw)
            assert isinstance(truth, Welcome) and truth.snapshot is not None
            cards = {c.id: c for c in board.session.cards}
            same = (
                welcome.snapshot is None
                and board.seq == truth.seq
                and cards == {c.id: c for c in truth.snapshot.cards}
                and cards == {c.id: c for c in batched.cards}
            )
            worst = max(worst, times["total_ms"])
            timing = " ".join(f"{key}={value:.1f}" for key, value in times.items())
            print(
                f"  round={round_number} cards={len(cards)} sent_s={send_s:.2f} "
                f"refused={refused} events={len(welcome.events)} "
                f"welcome_kb={len(raw.encode()) / 1024:.0f} {timing} "
                f"batched_apply_ms={batch_ms:.1f} consistent={'yes' if same else 'NO'}",
                flush=True,
            )
            print(
                f"  round={round_number} fresh observer: snapshot_ms={snap_ms:.1f} "
                f"snapshot_kb={len(truth_raw.encode()) / 1024:.0f}",
                flush=True,
            )
            if round_number < args.rounds:
                await asyncio.sleep(each / OP_RATE + 0.5)  # the writers' buckets refill
        code, stop_s = await child.stop()
        print(f"  relay sigterm_exit={code} stop_s={stop_s:.2f}", flush=True)
    finally:
        child.kill()
        await asyncio.gather(*(peer.close() for peer in writers))
    print(
        f"reconnect missed={args.missed} worst_total_ms={worst:.1f} "
        f"target<={RECONNECT_TARGET_MS:.0f}ms: {verdict(worst <= RECONNECT_TARGET_MS)}",
        flush=True,
    )


def fsync_ms(folder: Path, count: int = 50) -> float:
    """What one journal append (write + fsync) costs on the temp folder's disk."""
    journal = Journal(folder / "fsync.toml")
    journal.open(0)
    samples = []
    for number in range(1, count + 1):
        start = time.perf_counter()
        journal.append(Entry(seq=number, actor="x", op_id=f"o{number}", changes=()))
        samples.append((time.perf_counter() - start) * 1000)
    journal.close()
    return percentile(samples, 50)


async def main(args: Args) -> None:
    sizes = (args.clients,) if args.clients else SIZES
    with tempfile.TemporaryDirectory(prefix="relay-fanout-", dir=args.dir) as name:
        args.folder = Path(name)
        print(machine(), flush=True)
        print(
            f"pace: one AddCard every {args.interval * 1000:.0f} ms "
            f"({1 / args.interval:.1f} ops/s; relay OP_RATE={OP_RATE:.0f}/s "
            f"OP_BURST={OP_BURST:.0f}); {args.warmup} warm-up + {args.ops} measured ops per "
            f"client count, in blocks of {args.block} alternating floor/relay; "
            f"clients and servers on 127.0.0.1",
            flush=True,
        )
        print(f"journal append+fsync p50_ms={fsync_ms(args.folder):.2f}", flush=True)
        for clients in sizes:
            await fanout(clients, args)
        if args.rounds:
            await reconnect(args)


def parse_args(argv: Sequence[str] | None = None) -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, help="one client count (default: 10, 50, 200)")
    parser.add_argument("--ops", type=int, default=200, help="measured ops per client count")
    parser.add_argument("--block", type=int, default=50, help="ops per floor/relay block")
    parser.add_argument("--warmup", type=int, default=20, help="ops before measuring")
    parser.add_argument("--interval", type=float, default=0.06, help="seconds between ops")
    parser.add_argument("--missed", type=int, default=1000, help="events missed on reconnect")
    parser.add_argument("--rounds", type=int, default=3, help="reconnect rounds (0: skip)")
    parser.add_argument("--dir", help="folder for the temp session files (default: $TMPDIR)")
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.floor and 1 / args.interval >= OP_RATE:
        parser.error(f"--interval must stay under the relay's OP_RATE ({OP_RATE:.0f}/s)")
    return args


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # unwinds main(): servers stopped, temp folder removed


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupted)
    arguments = parse_args()
    if arguments.floor:
        asyncio.run(floor_main())
    else:
        asyncio.run(main(arguments))
