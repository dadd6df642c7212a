"""How long `tussenruimte merge` takes on two branches of a 1000-card session.

Target (issue): merge of two 1000-card sessions <= 300 ms.

The base is `big_session(200, 5)` (1000 cards, the target case, as for `diff` in
`report_bench`), and then the decided one of `report_bench` (`with_decisions`: clusters, a
closed voting round, 50 agreements with their answers and concerns, a terugblik; no
target). `report_bench.changed` on it is "ours" (30 cards edited, 10 moved, 5 deleted, 5
added). "Theirs" edits 30 other cards, adds 5 of its own, and edits
one card ours edited too (one conflict, recorded).

`merge` is what git's driver call does: `merging.run_merge` on three files (load all
three with the store, merge, save the result over OURS); `merge_sessions` alone (the
sessions already loaded) is shown beside it. Wall time (time.perf_counter), --runs calls
after one warm-up, median.

Run: .venv/bin/python bench/merge_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests", ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from factories import big_session  # noqa: E402
from report_bench import changed, timed, with_decisions  # noqa: E402

from tui_board.core.model import Card, Session  # noqa: E402
from tui_board.files.merging import merge_sessions, run_merge  # noqa: E402
from tui_board.files.store import load_session, save_session  # noqa: E402

MERGE_TARGET_MS = 300.0


def theirs_of(session: Session) -> Session:
    """The other branch: 30 other cards edited, 5 added, and card 0 edited differently."""
    cards = list(session.cards)
    later = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    for index in [0, *range(601, 891, 10)]:
        cards[index] = cards[index].model_copy(
            update={"text": cards[index].text + " (van de andere kant)", "updated": later}
        )
    for number in range(5):
        cards.append(
            Card(
                id=f"ander-{number}",
                theme=session.themes[number % len(session.themes)].id,
                text=f"Kaart {number} van de andere kant.",
                position=2 * 10**6 + number,
                created=later,
                updated=later,
            )
        )
    return session.model_copy(update={"cards": tuple(cards)})


def measure(label: str, base: Session, runs: int) -> float:
    """Print and return the median ms of the driver's call for `base` and its branches."""
    ours, _ = changed(base)
    theirs = theirs_of(base)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for side, session in (("base", base), ("ours", ours), ("theirs", theirs)):
            save_session(session, folder / f"{side}.toml")
        loaded = [load_session(folder / f"{n}.toml") for n in ("base", "ours", "theirs")]
        result = merge_sessions(*loaded)
        size = (folder / "base.toml").stat().st_size / 1024

        def driver() -> None:
            shutil.copy(folder / "ours.toml", folder / "a.toml")
            with contextlib.redirect_stderr(io.StringIO()):
                code = run_merge(folder / "base.toml", folder / "a.toml", folder / "theirs.toml")
            assert code == 1, "one conflict is recorded"

        merge_ms = statistics.median(timed(driver, runs))
        alone_ms = statistics.median(timed(lambda: merge_sessions(*loaded), runs))
    print(
        f"{label}: {len(base.cards)} cards ({size:.0f} KiB) -> {len(result.session.cards)} "
        f"cards, {len(result.conflicts)} conflict; merge (load 3 + merge + save) "
        f"{merge_ms:.1f} ms, merge_sessions alone {alone_ms:.1f} ms"
    )
    return merge_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed calls per figure")
    args = parser.parse_args()
    plain = big_session(200, 5)
    target = measure("plain (target case)", plain, args.runs)
    decided = Session.model_validate(with_decisions(plain).model_dump(by_alias=True))
    measure("decided (no target)", decided, args.runs)
    verdict = "ok" if target <= MERGE_TARGET_MS else "OVER"
    print(f"target {MERGE_TARGET_MS:.0f} ms for the plain case: {verdict}")
    return 0 if target <= MERGE_TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
