"""SSH entrance figures: start to board, memory per board, key echo with 40 typing.

Targets: from `ssh` start to the board visible on loopback <= 1 s; 40 SSH
participants at once on this 2-core machine: memory per participant <= 40 MiB, and a
keystroke echoed on the participant's own screen p99 <= 100 ms while all 40 type (and add
their cards), on a quiet machine (docs/benchmarks.md, "SSH entrance").

How it is measured
------------------
Every run starts from nothing: a fresh session file (the `rivierenland` template in the
phase `verzamelen`, where participants add cards, saved with `store.save_session`) and the
real command `python -m tui_board relay FILE --bind 127.0.0.1 --port 0 --code ...
--ssh 0` in its own process (English; the ports are read back from its log). The gate starts
one `tussenruimte join` child per terminal, as it does for a participant.

The participants are asyncssh clients in this process, on one event loop: each logs in as
`session` with the join code as password, asks for a pseudo-terminal (xterm-256color,
100 x 30) and feeds everything it receives to its own `pyte` screen, a terminal emulator.
A text "is on the screen" when pyte shows it; after the first look, only the rows pyte
marks as changed are searched again.

1. Start (one participant at a time, `--starts` times, nobody else connected; first
   `--settle` seconds after the relay started, as a room fills some time after the
   facilitator started the session, so the fork server has loaded the board): the clock
   starts before `asyncssh.connect`; `prompt` is when "Your name:" shows (login, the
   pseudo-terminal and the child's start); the three questions (name, organisation,
   mandate) are answered the moment each shows, so `board` is when the session's title
   shows on the board, with no human time in it. The connection then closes and the next
   start waits until the child has gone.
2. Join: `--participants` clients connect at once (one every 50 ms); the time until each
   board shows is printed (40 Python processes starting on 2 cores).
3. Memory: once every board is up and the machine has settled (2 s), each board is read
   from /proc/PID/smaps_rollup: Rss, Pss (shared pages divided among the processes that
   share them) and Private (clean + dirty). The boards are found through /proc: the
   children of the fork server (`tui_board/entrances/boardfork.py`, a child of the relay), and any
   child of the relay started as a process of its own. The figure per participant is the
   Pss of all boards plus the fork server's own Pss, divided by the number of boards.
   Read again after the typing.
4. Typing: every participant at once writes `--cards` cards: `n` opens the editor, then
   `--chars` characters are typed one by one with 120-280 ms between them (about 5 keys a
   second each, 200 a second in all), then Enter adds the card (it appears on all 40
   boards; with `--no-add` Escape closes the editor instead, so only the typing loads the
   machine) and 0.5-1.5 s later the next card starts. The keys keep their pace whether or
   not the echo of the one before has shown. A keystroke's echo is the time from writing
   the key to the SSH channel until the editor's row on that participant's screen shows the
   text typed so far. The figure includes the client side in this process
   (encryption, pyte), which shares the 2 cores with the relay and the 40 boards; this
   process's CPU time is printed beside it, and how late its event loop woke for a 10 ms
   tick meanwhile (an echo that arrives while it is busy is seen that much later).
5. Breakdown (`echo breakdown:` lines): the echo of the first and the second key of a card,
   of keys that came within 0.3 s after this screen changed outside the editor (others'
   cards drawn behind it), and of keys by how many participants pressed Enter in the 0.3 s
   before (a card on its way to every board); with the bytes each screen received from the
   key until its echo, and the bytes per card while the editor was closed.

Last line:
`ssh_bench participants=40 start_p50_ms=... start_max_ms=... pss_per_participant_mib=...
rss_median_mib=... pss_idle_mib=... echo_p50_ms=... echo_p99_ms=...`

`--no-fork` leaves the gate's fork server out (every board a process of its own, as before
it existed), for the comparison in docs/benchmarks.md.

Run: .venv/bin/python bench/ssh_bench.py [--participants N] [--starts N] [--cards N]
[--chars N] [--no-add] [--no-fork]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common
import asyncssh
import pyte
from _common import SEED, loadavg, machine, median, percentile

from tui_board.files.store import save_session

JOIN_CODE = "SSHB-ENCH"
FACILITATOR_CODE = "SSHB-LEID"
TITLE = "SSH-bench"
SIZE = (100, 30)
PROMPTS = (
    ("Your name:", "Deelnemer {n}\r"),
    ("Your organisation:", "Organisatie {org}\r"),
    ("Do you have a mandate", "y\r"),
)
EDITOR = "Type your card…"
START_TARGET_MS = 1000.0
MEMORY_TARGET_MIB = 40.0
ECHO_TARGET_MS = 100.0
ECHO_TIMEOUT = 10.0

Args = argparse.Namespace
NO_FORK = (
    "import functools, sys; from tui_board.entrances import sshgate; "
    "sshgate.SshGate.__init__ = functools.partialmethod(sshgate.SshGate.__init__, "
    "fork_server=False); from tui_board.cli.main import main; sys.exit(main(sys.argv[1:]))"
)
"""`python -m tui_board` with the gate's fork server left out (`--no-fork`)."""


# --- the relay with its SSH entrance, in its own process -----------------------------------


class RelayProcess:
    """`python -m tui_board relay FILE --ssh 0` with its log in a file."""

    def __init__(self, path: Path, folder: Path, fork: bool = True) -> None:
        self.log_path = folder / "relay.log"
        argv = common.relay_argv(path, JOIN_CODE, FACILITATOR_CODE) + ["--ssh", "0"]
        if not fork:  # every board a process of its own, as before the fork server
            argv[1:3] = ["-c", NO_FORK]
        self.proc = common.spawn_logged(argv, folder, self.log_path)

    async def ssh_port(self, timeout: float = 30.0) -> int:
        """The SSH port the relay reports in its log (it listens on port 0)."""
        await common.logged_port(self.proc, self.log_path, "the relay", timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(r"ssh -p (\d+) ", self.log_path.read_text(errors="replace"))
            if found:
                return int(found.group(1))
            await asyncio.sleep(0.05)
        raise RuntimeError(f"no ssh entrance:\n{common.log_tail(self.log_path)}")

    def _children(self, parent: int) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent:
                    found.append(int(entry.name))
        return found

    def fork_server(self) -> int | None:
        """The fork server's process id (sshgate starts it beside the relay), if any."""
        for pid in self._children(self.proc.pid):
            with contextlib.suppress(OSError):
                if b"tui_board.cli.forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
        return None

    def boards(self) -> list[int]:
        """The process ids of the boards over SSH: the relay's children (started as
        processes) and the fork server's (forked)."""
        server = self.fork_server()
        found = [pid for pid in self._children(self.proc.pid) if pid != server]
        return found + (self._children(server) if server is not None else [])

    async def stop(self) -> None:
        await common.stop_process(self.proc, 20)


def memory(pid: int) -> dict[str, float]:
    """Rss, Pss and Private (clean + dirty) of a process in MiB (/proc/PID/smaps_rollup)."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        values[name] = int(rest.split()[0]) / 1024
    return {
        "rss": values["Rss"],
        "pss": values["Pss"],
        "private": values["Private_Clean"] + values["Private_Dirty"],
    }


# --- a participant: an SSH client with a terminal emulator ----------------------------------


@dataclass
class Waiter:
    text: str
    row: int | None
    done: asyncio.Future[float]


@dataclass
class Key:
    """One key's echo and what was around it (the breakdown of the echo times)."""

    ms: float
    index: int
    """Which key of its card (0: the first after the editor opened)."""
    sent: float
    drew_before: float
    """Seconds since this screen last changed outside the editor's row before the key
    (others' cards drawn behind the editor), or inf."""
    nbytes: int
    """Bytes this screen received from the key until its echo showed."""


@dataclass
class Participant:
    number: int
    port: int
    conn: asyncssh.SSHClientConnection | None = None
    process: asyncssh.SSHClientProcess[bytes] | None = None
    screen: pyte.Screen = field(default_factory=lambda: pyte.Screen(*SIZE))
    waiters: list[Waiter] = field(default_factory=list)
    echo_ms: list[float] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    missed: int = 0
    reader: asyncio.Task[None] | None = None
    received: int = 0
    """Bytes received over the SSH channel."""
    editing: bool = False
    """Whether the editor is open (between `n` and Enter or Escape)."""
    received_closed: int = 0
    """Bytes received while the editor was closed (the own card and others' drawn)."""
    editor_row: int | None = None
    other_rows_at: float = float("-inf")
    """When a row outside the editor (its field's row and three either side) last changed
    while the editor was open."""

    def __post_init__(self) -> None:
        self.stream = pyte.ByteStream(self.screen)

    async def connect(self) -> None:
        self.conn = await asyncssh.connect(
            "127.0.0.1",
            self.port,
            username="session",
            password=JOIN_CODE,
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            config=None,
            preferred_auth="password",
        )
        self.process = await self.conn.create_process(
            term_type="xterm-256color", term_size=SIZE, encoding=None
        )
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process is not None
        with contextlib.suppress(asyncssh.Error, OSError):
            while data := await self.process.stdout.read(65536):
                self.received += len(data)
                if not self.editing:
                    self.received_closed += len(data)
                self.stream.feed(data)
                if self.editing and self.editor_row is not None:
                    editor = range(self.editor_row - 3, self.editor_row + 4)
                    if any(y not in editor for y in self.screen.dirty):
                        self.other_rows_at = time.perf_counter()
                if self.waiters:
                    self._check(self.screen.dirty)
                self.screen.dirty.clear()

    def _row(self, y: int) -> str:
        line = self.screen.buffer[y]
        return "".join(line[x].data for x in range(self.screen.columns))

    def _check(self, rows: set[int] | range) -> None:
        now = time.perf_counter()
        texts = {y: self._row(y) for y in rows if 0 <= y < self.screen.lines}
        for waiter in list(self.waiters):
            shown = (
                waiter.text in texts.get(waiter.row, "")
                if waiter.row is not None
                else any(waiter.text in row for row in texts.values())
            )
            if shown and not waiter.done.done():
                waiter.done.set_result(now)
                self.waiters.remove(waiter)

    async def wait_for(self, text: str, row: int | None = None, timeout: float = 30.0) -> float:
        """Until `text` shows (on `row`, if given); the perf_counter moment it showed."""
        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        waiter = Waiter(text, row, done)
        self.waiters.append(waiter)
        self._check(range(self.screen.lines) if row is None else range(row, row + 1))
        try:
            return await asyncio.wait_for(done, timeout)
        finally:
            if waiter in self.waiters:
                self.waiters.remove(waiter)

    def row_of(self, text: str) -> int:
        return next(y for y in range(self.screen.lines) if text in self._row(y))

    def type(self, text: str) -> None:
        assert self.process is not None
        self.process.stdin.write(text.encode())

    async def answer_questions(self) -> None:
        for prompt, answer in PROMPTS:
            await self.wait_for(prompt)
            self.type(answer.format(n=self.number, org=self.number % 8))

    async def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.conn.wait_closed(), 5)
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(BaseException):
                await self.reader


# --- the phases ----------------------------------------------------------------------------


async def gone(relay: RelayProcess, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while relay.boards() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


async def one_start(number: int, port: int) -> tuple[float, float, float]:
    """(prompt, board, total) in ms for one participant connecting alone."""
    person = Participant(number, port)
    start = time.perf_counter()
    await person.connect()
    prompt = await person.wait_for(PROMPTS[0][0])
    answered = time.perf_counter()
    await person.answer_questions()
    shown = await person.wait_for(TITLE)
    await person.close()
    return (prompt - start) * 1000, (shown - answered) * 1000, (shown - start) * 1000


async def join_all(count: int, port: int) -> tuple[list[Participant], list[float]]:
    """`count` participants at once (one every 50 ms); each one's ms until its board."""
    people = [Participant(100 + n, port) for n in range(count)]
    start = time.perf_counter()

    async def join(person: Participant, delay: float) -> float:
        await asyncio.sleep(delay)
        began = time.perf_counter()
        await person.connect()
        await person.answer_questions()
        return (await person.wait_for(TITLE, timeout=120) - began) * 1000

    times = await asyncio.gather(*(join(p, 0.05 * i) for i, p in enumerate(people)))
    print(
        f"join: {count} at once, all boards up after {time.perf_counter() - start:.1f} s; "
        f"per board p50_ms={percentile(times, 50):.0f} max_ms={max(times):.0f}",
        flush=True,
    )
    return people, list(times)


async def write_cards(person: Participant, args: Args, rng: random.Random) -> None:
    """Type `args.cards` cards of `args.chars` characters, timing every key's echo.

    The keys come at their own pace, whether or not the echo of the one before has shown
    (a person does not wait for the screen), so a slow moment is measured in every key it
    delays rather than in one.
    """

    async def echo(typed: str, row: int, sent: float, index: int) -> None:
        drew_before = sent - person.other_rows_at
        before = person.received
        try:
            shown = await person.wait_for(typed, row=row, timeout=ECHO_TIMEOUT)
        except TimeoutError:
            person.missed += 1
            return
        person.echo_ms.append((shown - sent) * 1000)
        person.keys.append(
            Key((shown - sent) * 1000, index, sent, drew_before, person.received - before)
        )

    await asyncio.sleep(rng.uniform(0, 1.0))
    letters = "abcdefghijklmnopqrstuvwxyz"
    for card in range(args.cards):
        person.type("n")
        await person.wait_for(EDITOR, timeout=30)
        row = person.row_of(EDITOR)
        person.editor_row, person.editing = row, True
        person.screen.dirty.clear()
        text = f"k{person.number}x{card} " + "".join(rng.choice(letters) for _ in range(args.chars))
        typed = ""
        echoes: list[asyncio.Task[None]] = []
        for char in text[: args.chars]:
            await asyncio.sleep(rng.uniform(0.12, 0.28))
            typed += char
            sent = time.perf_counter()
            person.type(char)
            echoes.append(asyncio.create_task(echo(typed, row, sent, len(echoes))))
        await asyncio.gather(*echoes)
        person.editing = False
        if args.add:
            ENTERS.append(time.perf_counter())
            person.type("\r")
            await person.wait_for(typed, timeout=30)  # the card on the board
        else:
            person.type("\x1b")  # Escape: the editor closes, nothing is sent
            await asyncio.sleep(0.3)
        await asyncio.sleep(rng.uniform(0.5, 1.5))


async def loop_lag(lag: list[float], tick: float = 0.01) -> None:
    """How late this process's event loop wakes for a `tick` (ms): an echo that arrives
    meanwhile is seen that much later (the 40 clients' SSH and pyte share one thread)."""
    while True:
        start = time.perf_counter()
        await asyncio.sleep(tick)
        lag.append((time.perf_counter() - start - tick) * 1000)


ENTERS: list[float] = []
"""When any participant pressed Enter (perf_counter): a card on its way to all boards."""


def breakdown(people: list[Participant], args: Args) -> None:
    """Which keys make the tail: p50/p99 of the echo per kind of key, and the bytes."""
    keys = [key for p in people for key in p.keys]
    enters = sorted(ENTERS)

    def enters_before(key: Key, window: float = 0.3) -> int:
        return bisect.bisect_right(enters, key.sent) - bisect.bisect_left(enters, key.sent - window)

    groups: dict[str, list[Key]] = {
        "first key after n": [k for k in keys if k.index == 0],
        "second key": [k for k in keys if k.index == 1],
        "others drawn behind the editor <0.3 s before": [
            k for k in keys if k.index > 1 and k.drew_before < 0.3
        ],
        "the rest": [k for k in keys if k.index > 1 and k.drew_before >= 0.3],
    }
    for count in (0, 1, 2, 3):
        label = f"{count}{'+' if count == 3 else ''} Enters (anyone) in the 0.3 s before"
        groups[label] = [
            k for k in keys if (enters_before(k) >= 3 if count == 3 else enters_before(k) == count)
        ]
    slow = [k for k in keys if k.ms > ECHO_TARGET_MS]
    for label, group in groups.items():
        if not group:
            continue
        ms = [k.ms for k in group]
        slow_here = sum(1 for k in group if k.ms > ECHO_TARGET_MS)
        print(
            f"echo breakdown: {label}: {len(group)} keys, p50_ms={percentile(ms, 50):.1f} "
            f"p90_ms={percentile(ms, 90):.1f} p99_ms={percentile(ms, 99):.1f} "
            f"over_{ECHO_TARGET_MS:.0f}ms={slow_here}/{len(slow)}; bytes per echo "
            f"median={median([k.nbytes for k in group]):.0f} "
            f"max={max(k.nbytes for k in group)}",
            flush=True,
        )
    closed = sum(p.received_closed for p in people)
    cards = len(enters)
    if cards:
        print(
            f"bytes: {closed / len(people) / 1024:.0f} KiB per board while its editor was "
            f"closed, {closed / len(people) / cards:.0f} B per card added ({cards} cards); "
            f"per key echoed: {sum(k.nbytes for k in keys) / max(1, len(keys)):.0f} B",
            flush=True,
        )


def memory_line(label: str, relay: RelayProcess) -> dict[str, list[float]]:
    pids = relay.boards()
    rows = [memory(pid) for pid in pids]
    figures = {key: [row[key] for row in rows] for key in ("rss", "pss", "private")}
    server = relay.fork_server()
    shared = memory(server)["pss"] if server is not None else 0.0
    # Per participant: every board's Pss plus the fork server's, shared out over the boards.
    figures["per_participant"] = [(sum(figures["pss"]) + shared) / max(1, len(pids))]
    print(
        f"memory {label}: {len(pids)} boards; "
        + "; ".join(
            f"{key} median_mib={median(figures[key]):.1f} max_mib={max(figures[key]):.1f}"
            for key in ("rss", "pss", "private")
        )
        + f"; fork_server_pss_mib={shared:.1f}; total_pss_mib={sum(figures['pss']) + shared:.0f}"
        + f"; per_participant_mib={figures['per_participant'][0]:.1f}",
        flush=True,
    )
    return figures


def boards_cpu(relay: RelayProcess) -> float:
    total = 0.0
    for pid in relay.boards():
        with contextlib.suppress(OSError):
            total += common.cpu_s(pid)
    return total


async def main(args: Args) -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="ssh-bench-", dir=args.dir) as name:
        folder = Path(name)
        print(machine(), flush=True)
        print(f"loadavg_before={loadavg()}", flush=True)
        session = common.template_session(TITLE).model_copy(update={"phase": "verzamelen"})
        path = folder / "sessie.toml"
        save_session(session, path)
        relay = RelayProcess(path, folder, fork=args.fork)
        people: list[Participant] = []
        try:
            port = await relay.ssh_port()
            await asyncio.sleep(args.settle)  # the fork server loads the board meanwhile
            server = relay.fork_server()
            print(
                f"fork server: {'pid ' + str(server) if server else 'none'}"
                + (f", pss_mib={memory(server)['pss']:.1f}" if server else ""),
                flush=True,
            )
            starts = []
            for number in range(args.starts):
                prompt, board, total = await one_start(number, port)
                starts.append(total)
                print(
                    f"start {number + 1}: prompt_ms={prompt:.0f} answers_to_board_ms={board:.0f} "
                    f"total_ms={total:.0f}",
                    flush=True,
                )
                await gone(relay)
            people, _ = await join_all(args.participants, port)
            await asyncio.sleep(2)
            idle = memory_line("after joining", relay)
            relay_cpu, boards_before = common.cpu_s(relay.proc.pid), boards_cpu(relay)
            own_cpu, wall = time.process_time(), time.perf_counter()
            writers = (write_cards(p, args, random.Random(rng.random())) for p in people)
            lag: list[float] = []
            ticker = asyncio.create_task(loop_lag(lag))
            await asyncio.gather(*writers)
            ticker.cancel()
            wall = time.perf_counter() - wall
            relay_cpu = common.cpu_s(relay.proc.pid) - relay_cpu
            boards_used = boards_cpu(relay) - boards_before
            own_cpu = time.process_time() - own_cpu
            await asyncio.sleep(2)
            typed = memory_line("after typing", relay)
            breakdown(people, args)
            print(
                f"this process's event loop late (a 10 ms tick, during the typing): "
                f"p50_ms={percentile(lag, 50):.1f} p99_ms={percentile(lag, 99):.1f} "
                f"max_ms={max(lag):.1f}: part of every echo's time is this process's own",
                flush=True,
            )
            echo = [ms for p in people for ms in p.echo_ms]
            missed = sum(p.missed for p in people)
            print(
                f"typing: {len(echo)} keys in {wall:.1f} s ({len(echo) / wall:.0f}/s), "
                f"{missed} not echoed within {ECHO_TIMEOUT:.0f} s; echo p50_ms="
                f"{percentile(echo, 50):.1f} p90_ms={percentile(echo, 90):.1f} "
                f"p99_ms={percentile(echo, 99):.1f} max_ms={max(echo):.1f}; cpu_s: "
                f"boards={boards_used:.1f} relay={relay_cpu:.1f} this_process={own_cpu:.1f} "
                f"(of {2 * wall:.0f} on 2 cores); loadavg_after={loadavg()}",
                flush=True,
            )
        finally:
            for person in people:
                await person.close()
            await relay.stop()
    pss = typed["per_participant"][0]
    checks = [
        ("start to board <= 1 s (median)", median(starts) <= START_TARGET_MS),
        ("memory per participant <= 40 MiB (Pss, fork server included)", pss <= MEMORY_TARGET_MIB),
        ("echo p99 <= 100 ms", percentile(echo, 99) <= ECHO_TARGET_MS),
    ]
    for label, holds in checks:
        print(f"target: {label}: {'OK' if holds else 'NOT MET'}", flush=True)
    print(
        f"ssh_bench participants={args.participants} add={args.add} fork={args.fork} "
        f"start_p50_ms={median(starts):.0f} "
        f"start_max_ms={max(starts):.0f} pss_per_participant_mib={pss:.1f} "
        f"rss_median_mib={statistics.median(typed['rss']):.1f} "
        f"pss_idle_mib={idle['per_participant'][0]:.1f} "
        f"echo_p50_ms={percentile(echo, 50):.1f} echo_p99_ms={percentile(echo, 99):.1f}",
        flush=True,
    )


def parse_args(argv: Sequence[str] | None = None) -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--starts", type=int, default=7, help="single starts, one at a time")
    parser.add_argument("--cards", type=int, default=3, help="cards each participant writes")
    parser.add_argument("--chars", type=int, default=30, help="characters per card")
    parser.add_argument(
        "--add",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Enter adds each card (every board redraws); --no-add: Escape, typing only",
    )
    parser.add_argument(
        "--fork",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="boards forked by the fork server (default); --no-fork: a process each",
    )
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after the start")
    parser.add_argument("--dir", help="folder for the temp session file (default: $TMPDIR)")
    return parser.parse_args(argv)


async def guarded(args: Args) -> None:
    """main() with a time limit; SIGTERM or ctrl+c cancel it, so the relay (and with it
    every board) is stopped and the temp folder removed."""
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)
    await asyncio.wait_for(main(args), 20 * 60)


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the boards use their .pyc, as installed
    try:
        asyncio.run(guarded(parse_args()))
    except asyncio.CancelledError:
        print("ssh_bench: interrupted", file=sys.stderr)
        sys.exit(130)
