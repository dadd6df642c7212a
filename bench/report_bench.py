"""How long the report (Markdown and HTML) and the diff of a 1000-card session take.

Targets (issue): report of 200 participants x 5 cards <= 300 ms per format; `diff` of two
1000-card sessions with ~50 cards changed <= 200 ms.

Each figure is wall time (time.perf_counter) of one call, repeated --runs times in this
process after one warm-up call; the summary gives the median. `md`/`html` are the whole
`report.render` (build the report from the session, then render it). `diff` is what
`tussenruimte diff` does: load both files with `store.load_session`, then
`diffing.changes`; `changes` alone is shown beside it.
The session is `big_session(200, 5)` from tests/factories.py (deterministic).

Run: .venv/bin/python bench/report_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from factories import big_session  # noqa: E402

from tui_board.diffing import changes  # noqa: E402
from tui_board.model import Card, Session  # noqa: E402
from tui_board.report import render  # noqa: E402
from tui_board.store import load_session, save_session  # noqa: E402

MD_TARGET_MS = 300.0
HTML_TARGET_MS = 300.0
DIFF_TARGET_MS = 200.0


def timed(call: Callable[[], object], runs: int) -> list[float]:
    """Time `call` `runs` times after one warm-up; milliseconds."""
    call()
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def changed(session: Session) -> tuple[Session, int]:
    """`session` after a morning's work on 50 cards: 30 edited, 10 moved, 5 gone, 5 new."""
    cards = list(session.cards)
    themes = [theme.id for theme in session.themes]
    later = dt.datetime(2026, 11, 26, 11, 0, tzinfo=dt.UTC)
    for index in range(0, 300, 10):  # 30 edits
        cards[index] = cards[index].model_copy(
            update={"text": cards[index].text + " (aangescherpt)", "updated": later}
        )
    for index in range(305, 405, 10):  # 10 moves to the next theme, at its end
        card = cards[index]
        theme = themes[(themes.index(card.theme) + 1) % len(themes)]
        cards[index] = card.model_copy(update={"theme": theme, "position": 10**6 + index})
    gone = {cards[index].id for index in range(500, 550, 10)}  # 5 deleted
    cards = [card for card in cards if card.id not in gone]
    for number in range(5):  # 5 added
        cards.append(
            Card(
                id=f"nieuw-{number}",
                theme=themes[number % len(themes)],
                text=f"Nieuwe kaart {number}: samen één loket voor gezinnen.",
                author="p001",
                position=2 * 10**6 + number,
                created=later,
                updated=later,
            )
        )
    return session.model_copy(update={"cards": tuple(cards)}), 50


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed calls per figure")
    args = parser.parse_args()

    session = big_session(200, 5)
    new, touched = changed(session)
    print(
        f"session: {len(session.cards)} cards, {len(session.participants)} participants, "
        f"{len(session.themes)} themes; diff against {touched} changed cards"
    )
    md_text = render(session, "md")
    html_text = render(session, "html")
    print(f"report: md {len(md_text) / 1024:.0f} KiB, html {len(html_text) / 1024:.0f} KiB")

    with tempfile.TemporaryDirectory(prefix="tussenruimte-bench-") as folder:
        old_path, new_path = Path(folder) / "oud.toml", Path(folder) / "nieuw.toml"
        save_session(session, old_path)
        save_session(new, new_path)
        old_loaded, new_loaded = load_session(old_path), load_session(new_path)
        lines = changes(old_loaded, new_loaded)
        assert len(lines) == touched, f"{len(lines)} lines for {touched} changes"

        print(f"wall time per call, {args.runs} runs after one warm-up (median ms):")
        md = statistics.median(timed(lambda: render(session, "md"), args.runs))
        html = statistics.median(timed(lambda: render(session, "html"), args.runs))
        diff = statistics.median(timed(lambda: changes(old_loaded, new_loaded), args.runs))
        whole = statistics.median(
            timed(lambda: changes(load_session(old_path), load_session(new_path)), args.runs)
        )

    def verdict(value: float, target: float) -> str:
        return f"target<={target:.0f}  {'OK' if value <= target else 'OVER'}"

    print(f"  report md            {md:7.1f}  {verdict(md, MD_TARGET_MS)}")
    print(f"  report html          {html:7.1f}  {verdict(html, HTML_TARGET_MS)}")
    print(f"  diff (2 loads+changes){whole:6.1f}  {verdict(whole, DIFF_TARGET_MS)}")
    print(f"    changes alone      {diff:7.1f}")
    ok = md <= MD_TARGET_MS and html <= HTML_TARGET_MS and whole <= DIFF_TARGET_MS
    print(
        f"report cards={len(session.cards)} md_ms={md:.1f} html_ms={html:.1f} "
        f"diff_ms={whole:.1f} {'OK' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
