"""Key-to-frame latency of the board with 1000 cards, headless, plus memory and a rebuild check.

Targets (issue): a key that moves the cursor, adds, edits or moves a card is redrawn in
p50 <= 16 ms and p99 <= 33 ms; peak memory <= 60 MiB; adding one card does not rebuild
the other 999.

How a key is timed
------------------
The app runs headless (`App.run_test(size=(160, 48))`). The bench wraps `app._display`,
the one place every finished frame passes through, and also turns each frame into
terminal bytes (`render_segments`, what a real driver writes; headless skips it). For
each key it takes the time just before the key event is handed to the driver (exactly as
`Pilot.press` does it) and then waits until the app is quiet: at least one frame since
the key, no new frame for 20 ms, no CPU used in the last 3 ms poll and no pending
repaint or layout on the current screen. Per key it reports
  first  ms from sending the key to the first frame it caused (something visible changed)
  last   ms to the last frame it caused (the screen is complete again) - the figure held
         against the target, since the key is only fully redrawn then
  cpu    CPU ms the process used from sending the key to that last frame
  frames how many frames the key caused.
A screen update that draws nothing (Textual hands `_display` None when only widgets that
are not on screen were marked dirty, e.g. the hidden editor's input) writes nothing to
the terminal, so it is not counted as a frame; the table counts those apart (`empty`).

`Pilot.press()` + `Pilot.pause()` are not used for the figures: both end in
`wait_for_idle`, which sleeps in steps of 20 ms, so that pair never takes less than
~60-80 ms whatever the app does. The bench prints that too (`Pilot method`), on the
board and on the floor app.

Kinds (keys as the board binds them; the kinds without a modal run first):
  cursor   down x N/2, then up x N/2 in the first column (it scrolls)
  column   right x3, left x3, repeated
  move     shift+right then shift+left: the top card of the first column to the end of
           the next column and back (the cursor is put on the top card between pairs)
  reorder  shift+down then shift+up on a card in the middle of the third column
  open     n or e (the card editor opens)       type: each character typed in it
  add      enter in the editor after n + "Nieuwe kaart <i>" (the card is added)
  edit     enter in the editor after e + " x" (the card is saved), then down
The floor is a minimal Textual app (one Static; down/up change its text) measured the
same way in the same run. Autosave (3 s after a change) is pushed out of the key
measurements and timed on its own: it runs on the UI loop, so a key pressed during it
waits that long. Full garbage collections (generation 2) are recorded per phase, and the
growth of live objects and RSS over the adds.

Memory: peak RSS (VmHWM from /proc) of a child process that loads the 1000-card file (as
`tussenruimte open` does), runs the board headless and moves around; then the same after
20 adds and 20 edits; the floor app measured the same way; and tracemalloc's peak of
Python allocations in a third child. The children load .pyc files from a bytecode cache
filled once beforehand (as an installed program does), not compile from source. (Not
ru_maxrss: Linux carries it over exec, so a child would report the bench's own peak.)

Run: .venv/bin/python bench/board_bench.py [--samples N] [--edits N] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    ROOT,
    build_session,
    bytecode_env,
    loadavg,
    machine,
    median,
    percentile,
)

P50_TARGET_MS = 16.0
P99_TARGET_MS = 33.0
MEMORY_TARGET_MIB = 60.0
QUIET_S = 0.020
MEMORY_EDITS = 20
SIZE = (160, 48)


# --- frames and keys -----------------------------------------------------------------


class FrameProbe:
    """Wraps app._display: counts frames, encodes them, remembers when they ended.

    A screen update with nothing to draw (`renderable` None: only widgets that are not on
    screen were marked dirty) writes nothing to the terminal, so it is not a frame; those
    are counted apart, in `empty`.
    """

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.frames = 0
        self.empty = 0
        self.first = 0.0
        self.last = 0.0
        self.last_cpu = 0.0
        self.bytes = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                self.empty += 1
                return
            if isinstance(renderable, CompositorUpdate):
                self.bytes += len(renderable.render_segments(app.console))
            self.frames += 1
            self.last = time.perf_counter()
            self.last_cpu = time.process_time()
            if not self.first:
                self.first = self.last

        app._display = display


class GcWatch:
    """Records the full (generation 2) collections and how long they took."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append((time.perf_counter() - self._start) * 1000)


def key_event(app: Any, key: str) -> Any:
    """The events.Key that Pilot.press would send for `key`."""
    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def settle(app: Any, probe: FrameProbe, since: float, frames_before: int) -> float:
    """Wait until the app is quiet after a key; return the time of the last frame."""
    deadline = since + 10.0
    while True:
        cpu = time.process_time()
        await asyncio.sleep(0.003)
        busy = time.process_time() - cpu
        now = time.perf_counter()
        screen = app.screen  # background screens keep their dirty marks until resumed
        pending = bool(
            screen._dirty_widgets
            or screen._layout_required
            or screen._repaint_required
            or screen._scroll_required
        )
        if (
            probe.frames > frames_before
            and now - probe.last >= QUIET_S
            and busy < 0.001
            and not pending
        ):
            return probe.last
        if now > deadline:
            raise TimeoutError(f"no quiet frame within 10 s (frames={probe.frames})")


class Timing(NamedTuple):
    """One key: ms to the first and to the last frame it caused, CPU ms, frames."""

    first: float
    last: float
    cpu: float
    frames: int
    empty: int = 0
    """Screen updates with nothing to draw (not frames)."""


async def press(app: Any, probe: FrameProbe, key: str) -> Timing:
    """Send one key the way Pilot.press does, and time the frames it causes."""
    event = key_event(app, key)
    frames = probe.frames
    empty = probe.empty
    probe.first = 0.0
    cpu = time.process_time()
    sent = time.perf_counter()
    app._driver.send_message(event)
    last = await settle(app, probe, sent, frames)
    return Timing(
        (probe.first - sent) * 1000,
        (last - sent) * 1000,
        (probe.last_cpu - cpu) * 1000,
        probe.frames - frames,
        probe.empty - empty,
    )


# --- the board -----------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.samples: dict[str, list[Timing]] = {}
        self.extra: dict[str, list[float]] = {}

    def add(self, kind: str, timing: Timing) -> None:
        self.samples.setdefault(kind, []).append(timing)


def make_board(path: Path) -> Any:
    from tui_board.files.store import load_session
    from tui_board.live.localboard import LocalBoard
    from tui_board.tui.app import BoardApp

    return BoardApp(LocalBoard(load_session(path), path, "Marieke de Vries"))


def rss_mib() -> float:
    """This process's resident set now (VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def live_objects() -> int:
    """Objects the collector tracks, frozen ones included (the board freezes what survives)."""
    return len(gc.get_objects()) + gc.get_freeze_count()


def footer_keys() -> int:
    """How many FooterKey widgets exist (attached or not)."""
    from textual.widgets._footer import FooterKey

    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey))


async def bench_board(
    path: Path, samples: int, edits: int, results: Results, watch: GcWatch
) -> dict[str, Any]:
    import tui_board.tui.actions.saving as app_module

    app_module.AUTOSAVE_SECONDS = 3600.0  # timed on its own below
    app = make_board(path)
    extra: dict[str, Any] = {"gc": {}}
    changes: list[int] = []
    submit = app.board.submit

    def counting_submit(op: Any, now: Any = None) -> Any:
        outcome = submit(op, now)
        changes.append(len(getattr(outcome, "changes", ())))
        return outcome

    app.board.submit = counting_submit
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe = FrameProbe(app)
        pairs = max(1, samples // 2)
        phase_start = 0

        async def run(kind: str, key: str) -> None:
            results.add(kind, await press(app, probe, key))

        def phase_done(name: str) -> None:
            nonlocal phase_start
            extra["gc"][name] = watch.pauses[phase_start:]
            phase_start = len(watch.pauses)

        # The kinds without a modal first, so the editor's leak (see `leak`) does not
        # weigh on them; then add and edit.

        # cursor: down then up through the first column (it scrolls)
        for _ in range(pairs):
            await run("cursor", "down")
        for _ in range(pairs):
            await run("cursor", "up")
        phase_done("cursor")

        # column: right x3, left x3
        for _ in range(max(1, samples // 6)):
            for step in ("right",) * 3 + ("left",) * 3:
                await run("column", step)
        phase_done("column")

        # move: the top card of the first column to the next column and back
        for _ in range(pairs):
            await settle_call(app, probe, lambda: app.column.cards.set_cursor(0))
            await run("move", "shift+right")
            await run("move", "shift+left")
        phase_done("move")

        # reorder: a card in the middle of the third column, down and up
        await press(app, probe, "right")
        await press(app, probe, "right")
        cards = app.column.cards
        await settle_call(app, probe, lambda: cards.set_cursor(len(cards.cards) // 2))
        start = len(changes)
        for _ in range(pairs):
            await run("reorder", "shift+down")
            await run("reorder", "shift+up")
        reorder_changes = changes[start:]
        extra["reorder_renumbered"] = sum(1 for c in reorder_changes if c > 1)
        extra["reorder_max_changes"] = max(reorder_changes, default=0)
        phase_done("reorder")

        # add: n, type, enter - at the end of the first column
        await press(app, probe, "left")
        await press(app, probe, "left")
        gc.collect()
        before = (live_objects(), rss_mib(), footer_keys())
        text = "Nieuwe kaart"
        for number in range(edits):
            await run("open", "n")
            for char in f"{text} {number}":
                await run("type", char)
            await run("add", "enter")
        phase_done("add")
        gc.collect()
        after = (live_objects(), rss_mib(), footer_keys())
        extra["leak"] = {
            "adds": edits,
            "objects_per_add": (after[0] - before[0]) / edits,
            "kib_per_add": (after[1] - before[1]) * 1024 / edits,
            "footer_keys": (before[2], after[2]),
        }
        extra["cards_after_add"] = len(app.board.session.cards)

        # edit: e, " x", enter - successive cards of the second column
        await press(app, probe, "right")
        for _ in range(edits):
            await run("open", "e")
            for char in " x":
                await run("type", char)
            await run("edit", "enter")
            await press(app, probe, "down")
        phase_done("edit")

        # autosave: what a key waits for when it lands during one
        saves = []
        app.board.path = path.with_name("autosave-bench.toml")  # keep the input file as it is
        for _ in range(5):
            app.board.dirty = True
            begin = time.perf_counter()
            app.saving.save_now()
            saves.append((time.perf_counter() - begin) * 1000)
        results.extra["autosave"] = saves

        extra["rebuild"] = await rebuild_check(app, probe)
        extra["pilot_method_ms"] = await pilot_method(app, pilot, 20, ("down", "up"))
        extra["encoded_kib"] = probe.bytes / 1024
    return extra


async def settle_call(app: Any, probe: FrameProbe, call: Callable[[], object]) -> None:
    frames = probe.frames
    since = time.perf_counter()
    call()
    await settle(app, probe, since, frames)


async def pilot_method(app: Any, pilot: Any, count: int, keys: tuple[str, str]) -> float:
    """The median of `await pilot.press(k); await pilot.pause()` (for comparison only)."""
    times = []
    for number in range(count):
        begin = time.perf_counter()
        await pilot.press(keys[number % 2])
        await pilot.pause()
        times.append((time.perf_counter() - begin) * 1000)
    return median(times)


async def rebuild_check(app: Any, probe: FrameProbe) -> dict[str, dict[str, int]]:
    """Count CardList work during one add and one edit (wrappers on the class)."""
    from tui_board.tui.widgets.cardlist import CardList

    counts: Counter[str] = Counter()
    lay, strips, render_line = CardList._lay, CardList._card_strips, CardList.render_line

    def counted_lay(self: Any, index: int) -> Any:
        before = self._layout.get(self._cards[index].id)
        layout = lay(self, index)
        counts["lay_calls"] += 1
        counts["lay_built"] += layout is not before
        return layout

    def counted_strips(self: Any, index: int) -> Any:
        card = self._cards[index]
        before = self._strips.get((card.id, self.active and index == self.cursor))
        built = strips(self, index)
        counts["strips_calls"] += 1
        counts["strips_built"] += built is not before
        return built

    def counted_render_line(self: Any, y: int) -> Any:
        counts["render_line"] += 1
        return render_line(self, y)

    CardList._lay = counted_lay  # type: ignore[method-assign]
    CardList._card_strips = counted_strips  # type: ignore[method-assign]
    CardList.render_line = counted_render_line  # type: ignore[method-assign]
    report: dict[str, dict[str, int]] = {}
    try:
        await press(app, probe, "left")
        await press(app, probe, "n")
        for char in "Nog een kaart":
            await press(app, probe, char)
        counts.clear()
        await press(app, probe, "enter")
        report["add_enter"] = dict(counts)
        counts.clear()
        await press(app, probe, "e")
        await press(app, probe, "x")
        await press(app, probe, "enter")
        report["edit_e_x_enter"] = dict(counts)
        counts.clear()
        await press(app, probe, "shift+right")
        report["move_right"] = dict(counts)
    finally:
        CardList._lay = lay  # type: ignore[method-assign]
        CardList._card_strips = strips  # type: ignore[method-assign]
        CardList.render_line = render_line  # type: ignore[method-assign]
    return report


# --- the floor -----------------------------------------------------------------------


def floor_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        BINDINGS = [("down", "step(1)"), ("up", "step(-1)")]

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def compose(self) -> ComposeResult:
            yield Static("floor 0", id="text")

        def action_step(self, step: int) -> None:
            self.count += step
            self.query_one("#text", Static).update(f"floor {self.count}")

    return Floor()


async def bench_floor(samples: int, results: Results) -> float:
    app = floor_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe = FrameProbe(app)
        for number in range(samples):
            results.add("floor", await press(app, probe, "down" if number % 2 == 0 else "up"))
        return await pilot_method(app, pilot, 20, ("down", "up"))


# --- memory (in child processes) -----------------------------------------------------


async def memory_run(which: str, path: Path | None, edits: int) -> dict[str, float]:
    app = make_board(path) if which == "board" and path else floor_app()
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe = FrameProbe(app)
        if which == "board":
            for key in ("down",) * 30 + ("right", "down", "left"):
                await press(app, probe, key)
            out["open_mib"] = peak_rss_mib()
            for _ in range(edits):
                for key in ("n", "k", "enter", "e", "x", "enter"):
                    await press(app, probe, key)
            gc.collect()
            out["after_edits_mib"] = peak_rss_mib()
            out["edits"] = edits
        else:
            await press(app, probe, "down")
            out["open_mib"] = peak_rss_mib()
    return out


def peak_rss_mib() -> float:
    """This process's peak resident set (VmHWM), in MiB.

    Not ru_maxrss: Linux carries ru_maxrss over an exec, so a child started by a big
    parent reports the parent's peak. VmHWM belongs to the process's own memory map.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(which: str, path: Path | None, traced: bool, edits: int) -> None:
    if traced:
        import tracemalloc

        tracemalloc.start()
    out = asyncio.run(memory_run(which, path, 0 if traced else edits))
    if traced:
        out["traced_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(out))


def measure_memory(
    which: str, path: Path | None, env: dict[str, str], traced: bool = False
) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--memory-child", which]
    if path is not None:
        command += ["--file", str(path)]
    if traced:
        command.append("--traced")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True, env=env)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def warm_bytecode(env: dict[str, str]) -> None:
    """Compile what the memory children import into their bytecode cache, once."""
    code = (
        "import sys; sys.path.insert(0, 'bench'); import board_bench, _common, "
        "tui_board.cli.main, tui_board.live.localboard, tui_board.files.store, tui_board.tui.app"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=env)


# --- main ----------------------------------------------------------------------------


def table(results: Results) -> None:
    print(
        f"  {'kind':<9}{'n':>5} {'first p50':>9}{'p99':>7} | {'last p50':>8}{'p90':>7}"
        f"{'p99':>7}{'max':>7} | {'cpu p50':>7}{'frames':>7}{'empty':>6}"
    )
    for kind in KINDS:
        values = results.samples[kind]
        first = [v.first for v in values]
        last = [v.last for v in values]
        cpu = [v.cpu for v in values]
        frames = sum(v.frames for v in values) / len(values)
        empty = sum(v.empty for v in values) / len(values)
        print(
            f"  {kind:<9}{len(values):>5} {percentile(first, 50):9.1f}{percentile(first, 99):7.1f}"
            f" | {percentile(last, 50):8.1f}{percentile(last, 90):7.1f}"
            f"{percentile(last, 99):7.1f}{max(last):7.1f} | {percentile(cpu, 50):7.1f}"
            f"{frames:7.2f}{empty:6.2f}"
        )


KINDS = ("floor", "cursor", "column", "open", "type", "add", "edit", "move", "reorder")
TARGET_KINDS = ("cursor", "column", "add", "edit", "move", "reorder")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=150, help="samples per kind (about)")
    parser.add_argument("--edits", type=int, default=100, help="adds and edits (each)")
    parser.add_argument("--quick", action="store_true", help="30 samples per kind")
    parser.add_argument("--memory-child", choices=("board", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.file, args.traced, MEMORY_EDITS)
        return 0
    samples = 30 if args.quick else args.samples
    edits = 30 if args.quick else args.edits

    from tui_board.files.store import save_session

    print(machine())
    results = Results()
    with tempfile.TemporaryDirectory(prefix="tussenruimte-bench-") as folder:
        path = Path(folder) / "groot.toml"
        session = build_session()
        save_session(session, path)
        print(f"session: {len(session.cards)} cards; terminal {SIZE[0]}x{SIZE[1]} (headless)")
        floor_pilot = asyncio.run(bench_floor(max(samples, 100), results))
        watch = GcWatch()
        begin = time.perf_counter()
        extra = asyncio.run(bench_board(path, samples, edits, results, watch))
        took = time.perf_counter() - begin
        gc.callbacks.remove(watch._callback)
        env = bytecode_env(Path(folder))
        warm_bytecode(env)
        memory = measure_memory("board", path, env)
        floor_memory = measure_memory("floor", None, env)
        traced = measure_memory("board", path, env, traced=True)

    keys = sum(len(results.samples[k]) for k in KINDS if k != "floor")
    print(
        f"board run: {took:.1f} s, {keys} timed keys. Per key: ms from sending the key to the "
        "first / last frame it caused (built and encoded to terminal bytes), CPU ms to the "
        "last frame, frames, and screen updates that drew nothing (empty, not frames):"
    )
    table(results)
    for kind in ("add", "edit"):
        last = [v.last for v in results.samples[kind]]
        if len(last) >= 40:
            print(
                f"  {kind}: last-frame p50 of the first 20 {percentile(last[:20], 50):.1f} ms, "
                f"of the last 20 {percentile(last[-20:], 50):.1f} ms"
            )
    saves = results.extra["autosave"]
    print(
        f"  autosave: save_now() on the UI loop with {extra['cards_after_add']} cards takes "
        f"median {median(saves):.1f} ms (max {max(saves):.1f}); a key pressed then waits"
    )
    print(
        f"  reorder: {extra['reorder_renumbered']} of {len(results.samples['reorder'])} "
        f"reorders renumbered the column (up to {extra['reorder_max_changes']} changes)"
    )
    print("  gc: full (generation 2) collections during each phase (a key that meets one waits):")
    for name, pauses in extra["gc"].items():
        if pauses:
            print(
                f"    {name:<8} {len(pauses):4d} collections, median {median(pauses):6.1f} ms, "
                f"max {max(pauses):6.1f} ms"
            )
        else:
            print(f"    {name:<8}    0 collections")
    leak = extra["leak"]
    print(
        f"  leak: over {leak['adds']} adds (n, text, enter) the live objects grew by "
        f"{leak['objects_per_add']:.0f} per add and RSS by {leak['kib_per_add']:.0f} KiB per "
        f"add; FooterKey widgets alive {leak['footer_keys'][0]} -> {leak['footer_keys'][1]}"
    )
    print(
        f"  Pilot method (press + pause; not used above): board {extra['pilot_method_ms']:.1f} "
        f"ms, floor app {floor_pilot:.1f} ms per key - mostly Pilot's own 20 ms sleeps"
    )
    print("rebuild check (CardList calls during one key; *_built = cache misses = work redone):")
    for name, counted in extra["rebuild"].items():
        print(f"  {name:<15} " + " ".join(f"{k}={v}" for k, v in sorted(counted.items())))
    print(
        f"memory: peak RSS (VmHWM) of a child that opens the 1000-card file headless and "
        f"moves around: {memory['open_mib']:.1f} MiB; after {MEMORY_EDITS} adds and "
        f"{MEMORY_EDITS} edits: {memory['after_edits_mib']:.1f} MiB; floor app "
        f"{floor_memory['open_mib']:.1f} MiB; Python heap peak (tracemalloc, open and move) "
        f"{traced['traced_peak_mib']:.1f} MiB"
    )

    print(f"loadavg at the end: {loadavg()}")
    floor = [v.last for v in results.samples["floor"]]
    for kind in TARGET_KINDS:
        values = results.samples[kind]
        last = [v.last for v in values]
        first = [v.first for v in values]
        p50, p99 = percentile(last, 50), percentile(last, 99)
        ok = p50 <= P50_TARGET_MS and p99 <= P99_TARGET_MS
        print(
            f"board kind={kind} n={len(values)} p50_ms={p50:.1f} p99_ms={p99:.1f} "
            f"first_p50_ms={percentile(first, 50):.1f} first_p99_ms={percentile(first, 99):.1f} "
            f"cpu_p50_ms={percentile([v.cpu for v in values], 50):.1f} "
            f"floor_p50_ms={percentile(floor, 50):.1f} floor_p99_ms={percentile(floor, 99):.1f} "
            f"{'OK' if ok else 'OVER'}"
        )
    add = extra["rebuild"]["add_enter"]
    print(
        f"board add_rebuild lay_built={add.get('lay_built', 0)} "
        f"strips_built={add.get('strips_built', 0)} lay_calls={add.get('lay_calls', 0)} "
        f"strips_calls={add.get('strips_calls', 0)} "
        f"{'OK' if add.get('lay_built', 0) <= 2 else 'REBUILDS'}"
    )
    mem_ok = memory["open_mib"] <= MEMORY_TARGET_MIB
    print(
        f"board memory peak_rss_mib={memory['open_mib']:.1f} "
        f"after_{MEMORY_EDITS}_adds_and_edits_mib={memory['after_edits_mib']:.1f} "
        f"floor_rss_mib={floor_memory['open_mib']:.1f} "
        f"heap_peak_mib={traced['traced_peak_mib']:.1f} "
        f"target_mib={MEMORY_TARGET_MIB:.0f} {'OK' if mem_ok else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
