"""How long a 1000-card session takes to load and to save (store.load_session/save_session).

Targets (issue): load <= 150 ms, save <= 100 ms, for 200 participants x 5 cards.

Each figure is wall time (time.perf_counter) of one call, repeated --runs times in this
process after one warm-up call; the summary gives the median, with min and max beside it.
`save` is the whole `save_session`: TOML text, temporary file, fsync, rename, fsync of the
folder. The parts are timed separately as well, so a regression can be placed:
load = read+parse (tomllib) + validate (pydantic); save = dumps (text) + write (file+fsync).

Run: .venv/bin/python bench/store_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import build_session, loadavg, machine, median

from tui_board.core.model import Session
from tui_board.files.store import (
    atomic_write,
    dumps_session,
    load_session,
    read_toml,
    save_session,
    validate_data,
)

LOAD_TARGET_MS = 150.0
SAVE_TARGET_MS = 100.0


def timed(call: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """Time `call` once cold, then `runs` times; milliseconds."""
    start = time.perf_counter()
    call()
    first = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return first, samples


def line(name: str, first: float, samples: list[float], target: float | None = None) -> str:
    verdict = ""
    if target is not None:
        verdict = f"  target<={target:.0f}  {'OK' if median(samples) <= target else 'OVER'}"
    return (
        f"  {name:<22} median={median(samples):7.1f} ms  min={min(samples):7.1f}  "
        f"max={max(samples):7.1f}  first={first:7.1f}{verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed calls per figure")
    args = parser.parse_args()

    print(machine())
    session = build_session()
    with tempfile.TemporaryDirectory(prefix="tussenruimte-bench-") as folder:
        path = Path(folder) / "groot.toml"
        save_session(session, path)
        size = path.stat().st_size
        print(
            f"session: {len(session.cards)} cards, {len(session.participants)} participants, "
            f"{len(session.themes)} themes; file {size / 1024:.0f} KiB"
        )
        text_data: dict[str, Any] = {}

        def parse() -> None:
            text_data["text"], text_data["data"] = read_toml(path)

        parse()
        loaded = load_session(path)
        assert loaded == session, "load(save(session)) differs from session"

        def validate() -> None:
            validate_data(Session, text_data["data"], str(text_data["text"]), path)

        text = dumps_session(session).encode("utf-8")
        out = Path(folder) / "uit.toml"

        print(f"wall time per call, {args.runs} runs after one warm-up (ms):")
        load_first, load = timed(lambda: load_session(path), args.runs)
        print(line("load_session", load_first, load, LOAD_TARGET_MS))
        print(line("  read+parse (tomllib)", *timed(parse, args.runs)))
        print(line("  validate (pydantic)", *timed(validate, args.runs)))
        save_first, save = timed(lambda: save_session(session, out), args.runs)
        print(line("save_session", save_first, save, SAVE_TARGET_MS))
        print(line("  dumps_session", *timed(lambda: dumps_session(session), args.runs)))
        print(line("  atomic_write+fsync", *timed(lambda: atomic_write(out, text), args.runs)))
        assert out.read_bytes() == path.read_bytes(), "saves are not deterministic"

    print(f"loadavg at the end: {loadavg()}")
    ok = median(load) <= LOAD_TARGET_MS and median(save) <= SAVE_TARGET_MS
    print(
        f"store cards={len(session.cards)} load_ms={median(load):.1f} save_ms={median(save):.1f} "
        f"load_target_ms={LOAD_TARGET_MS:.0f} save_target_ms={SAVE_TARGET_MS:.0f} "
        f"{'OK' if ok else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
