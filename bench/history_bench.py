"""How long `tussenruimte history` takes over 100 sessions: to its first frame, and as Markdown.

Target: `history` over 100 sessions to its first frame <= 2 s.

The folder: 100 sessions of the `rivierenland` template, one about every five weeks from
February 2017 to August 2026, laid out as the archive does (one folder per year). Each
has 12-24 people from 4-9 organisations of the region, 80-120 cards (Dutch sentences, as
in the other benchmarks), a closed voting round, 3-6 agreements (most adopted, with a
review date a quarter later; some drafts) and, from the second session on, an origin and
a terugblik on the previous session's adopted agreements (werkt / bijstellen / vervallen
/ not yet judged; one in ten is forgotten, so its review date passes; a "bijstellen" is
followed by an adjusted agreement that `revisits` it). Every 10th session is anonymous.
Built from a seeded random: every run gets the same folder (about 4 MB of TOML), written
with the project's own store.

Figures:
- first frame: wall time from spawning `python -c <child>` to the child reporting the first
  frame of the history app. The child does what `tussenruimte history DIR` does (imports,
  `history.collect` of the folder, `HistoryApp(history).run()`, headless, 80x24) and wraps
  `app._display` to report and exit on the first frame. So it includes Python's start, the
  imports, reading and validating 100 files and Textual's start. The child also reports
  its own split (imports / collect / app start to first frame). The floor is a minimal
  Textual app (one Static) measured the same way, interleaved. One warm-up of each fills a
  bytecode cache in a temporary folder (PYTHONPYCACHEPREFIX), as an installed program has.
- collect, md: in this process, wall time of `collect(folder)` (as the command does it:
  in forked worker processes when the machine has more than one core; and in this
  process alone, `workers=1`) and of `render_markdown` (build the document and render
  it), after one warm-up, median over the runs.

Run: .venv/bin/python bench/history_bench.py [--runs N] [--sessions N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    _FIRST,
    _LAST,
    _ORGS,
    ROOT,
    bytecode_env,
    card_text,
    loadavg,
    machine,
    median,
    percentile,
    template_session,
)

from tui_board.afterwards.history import collect, render_markdown
from tui_board.core.model import (
    Agreement,
    Answer,
    Card,
    Meta,
    Origin,
    Participant,
    Review,
    Session,
    Vote,
)
from tui_board.files.store import save_session

SEED = 20261126
TARGET_S = 2.0
SIZE = (80, 24)
MARK = "HISTORY-FIRST-FRAME"

_AGREEMENTS = (
    "Eén regievoerder per gezin, afgesproken in de eerste week",
    "Elk kwartaal een leerkring over casuïstiek",
    "Data over de wijk delen binnen de regels van de AVG",
    "Het wijkteam schuift aan bij het overleg van de scholen",
    "Eén plan per gezin in plaats van vijf",
    "Budgetten voor preventie samen inzetten",
    "Een vaste contactpersoon per organisatie voor de huisartsen",
    "Fouten melden zonder schuldvraag, en er samen van leren",
)

CHILD = """
import os, sys, time
start = time.perf_counter()
from pathlib import Path
from tui_board.afterwards.history import collect
from tui_board.tui.screens.history import HistoryApp
imported = time.perf_counter()
history = collect(Path(sys.argv[1]), __import__("datetime").date(2026, 11, 26))
collected = time.perf_counter()
app = HistoryApp(history)
original = app._display
def display(screen, renderable):
    original(screen, renderable)
    if not getattr(app, "_bench_done", False):
        app._bench_done = True
        now = time.perf_counter()
        report = "{} {:.1f} {:.1f} {:.1f} {}".format(
            "MARK", (imported - start) * 1000, (collected - imported) * 1000,
            (now - collected) * 1000, len(history.sessions))
        os.write(1, (report + "\\n").encode())
        app.exit()
app._display = display
app.run(headless=True, size=SIZE)
""".replace("MARK", MARK).replace("SIZE", repr(SIZE))

FLOOR = """
import os, time
from textual.app import App, ComposeResult
from textual.widgets import Static

class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("floor")

app = Floor()
original = app._display
def display(screen, renderable):
    original(screen, renderable)
    if not getattr(app, "_bench_done", False):
        app._bench_done = True
        os.write(1, b"MARK 0 0 0 0\\n")
        app.exit()
app._display = display
app.run(headless=True, size=SIZE)
""".replace("MARK", MARK).replace("SIZE", repr(SIZE))


# --- the folder ----------------------------------------------------------------------------


def build_sessions(count: int) -> list[tuple[str, Session]]:
    """`count` sessions over time, each looking back on the one before."""
    rng = random.Random(SEED)
    base = template_session("Rivierenland")
    themes = [theme.id for theme in base.themes]
    day = dt.date(2017, 2, 1)
    sessions: list[tuple[str, Session]] = []
    previous: tuple[str, Session] | None = None
    for number in range(count):
        orgs = rng.sample(_ORGS, rng.randint(4, 9))
        people = [base.participants[0]]
        for p in range(rng.randint(12, 24)):
            people.append(
                Participant(
                    id=f"p{p:03d}",
                    name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                    organisation=orgs[p % len(orgs)],
                    mandate=rng.random() < 0.8,
                )
            )
        anonymous = number % 10 == 9
        start = dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)
        cards = []
        for c in range(rng.randint(80, 120)):
            when = start + dt.timedelta(seconds=20 * c)
            author = "" if anonymous else rng.choice(people[1:]).id
            cards.append(
                Card(
                    id=f"k{c:03d}",
                    theme=rng.choice(themes),
                    text=card_text(rng),
                    author=author,
                    position=(c + 1) * 1024,
                    created=when,
                    updated=when,
                )
            )
        votes = []
        for person in people[1:]:
            for target in rng.sample(cards, 3):
                votes.append(Vote(voter=person.id, card=target.id, dots=1))
        votes = list({(v.voter, v.card): v for v in votes}.values())
        terugblik: list[Review] = []
        agreements: list[Agreement] = []
        origin = None
        if previous is not None:
            prev_file, prev = previous
            origin = Origin(
                title=prev.session.title, date=prev.session.date, file=Path(prev_file).name
            )
            for made in prev.agreements:
                if made.status != "aangenomen" or rng.random() < 0.1:
                    continue  # a draft, or forgotten: its review date passes unnoticed
                verdict = rng.choice(("werkt", "werkt", "bijstellen", "vervallen", ""))
                terugblik.append(
                    Review(
                        id=made.id,
                        what=made.what,
                        why=made.why,
                        owners=made.owners,
                        review=made.review,
                        verdict=verdict,
                        note="Zo ervaren we het nu." if verdict else "",
                    )
                )
        for a in range(rng.randint(3, 6)):
            revisits = ""
            adjusted = [r for r in terugblik if r.verdict == "bijstellen"]
            if a == 0 and adjusted:
                revisits = adjusted[0].id
            answers = tuple(
                Answer(participant=p.id, kind=rng.choice(("werkbaar", "werkbaar", "bedenking")))
                for p in rng.sample(people[1:], 6)
            )
            agreements.append(
                Agreement(
                    id=f"a{number:03d}-{a}",
                    what=rng.choice(_AGREEMENTS),
                    why="Omdat we het samen zo willen: " + card_text(rng)[:120],
                    owners=tuple(rng.sample(orgs, 2)),
                    review=day + dt.timedelta(days=91),
                    status="aangenomen" if rng.random() < 0.8 else "concept",
                    revisits=revisits,
                    round=1,
                    answers=answers,
                )
            )
        session = base.model_copy(
            update={
                "session": Meta(
                    title=f"Rivierenland, sessie {number + 1}",
                    date=day,
                    place=rng.choice(("Tiel", "Culemborg", "Geldermalsen", "Zaltbommel")),
                    anonymous=anonymous,
                ),
                "participants": tuple(people),
                "cards": tuple(cards),
                "voting": "closed",
                "votes": tuple(votes),
                "agreements": tuple(agreements),
                "origin": origin,
                "terugblik": tuple(terugblik),
                "phase": "afsluiten",
            }
        )
        session = Session.model_validate(session.model_dump(by_alias=True))
        file = f"{day.year}/{day.isoformat()}-rivierenland-sessie-{number + 1}.toml"
        sessions.append((file, session))
        previous = (file, session)
        day += dt.timedelta(days=35)
    return sessions


def write_folder(folder: Path, count: int) -> int:
    """Write the sessions into `folder`; the number of bytes written."""
    total = 0
    for file, session in build_sessions(count):
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        save_session(session, path)
        total += path.stat().st_size
    return total


# --- measuring -----------------------------------------------------------------------------


def first_frame(code: str, folder: Path, env: dict[str, str]) -> tuple[float, list[float]]:
    """Seconds from spawn to the child's first-frame line, and the child's own split (ms)."""
    begin = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().decode()
    elapsed = time.perf_counter() - begin
    _, err = proc.communicate(timeout=60)
    if not line.startswith(MARK):
        raise RuntimeError(f"no first frame (exit {proc.returncode}):\n{err.decode()[-2000:]}")
    return elapsed, [float(x) for x in line.split()[1:]]


def timed_ms(call: object, runs: int) -> list[float]:
    assert callable(call)
    call()
    samples = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts and calls")
    parser.add_argument("--sessions", type=int, default=100, help="sessions in the folder")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="tussenruimte-history-") as tmp:
        folder = Path(tmp) / "archief"
        size = write_folder(folder, args.sessions)
        today = dt.date(2026, 11, 26)
        history = collect(folder, today)
        cards = sum(s.cards for s in history.sessions)
        counts = history.counts()
        print(
            f"folder: {len(history.sessions)} sessions, {cards} cards, {size / 1024:.0f} KiB; "
            f"{len(history.stories)} agreements "
            + " ".join(f"{k}={v}" for k, v in counts.items())
            + f"; {len(history.organisations)} organisations, {len(history.themes)} themes"
        )
        assert len(history.sessions) == args.sessions and not history.skipped
        text = render_markdown(history)
        print(f"markdown: {len(text) / 1024:.0f} KiB")

        env = bytecode_env(Path(tmp))
        first_frame(CHILD, folder, env)  # warm-up: fills the bytecode cache
        first_frame(FLOOR, folder, env)
        starts: list[float] = []
        splits: list[list[float]] = []
        floors: list[float] = []
        for _ in range(args.runs):
            elapsed, split = first_frame(CHILD, folder, env)
            starts.append(elapsed)
            splits.append(split)
            floors.append(first_frame(FLOOR, folder, env)[0])
        collect_ms = timed_ms(lambda: collect(folder, today), args.runs)
        serial_ms = timed_ms(lambda: collect(folder, today, workers=1), args.runs)
        md_ms = timed_ms(lambda: render_markdown(history), args.runs)

    p50, worst = median(starts), max(starts)
    imports = median([s[0] for s in splits])
    loading = median([s[1] for s in splits])
    app = median([s[2] for s in splits])
    print(f"first frame of `history` (80x24, headless), {args.runs} starts after one warm-up:")
    print(f"  p50 {p50:.3f} s  p90 {percentile(starts, 90):.3f} s  max {worst:.3f} s")
    print(f"  child split (p50 ms): imports {imports:.0f}, collect {loading:.0f}, app {app:.0f}")
    print(f"  floor (minimal Textual app): p50 {median(floors):.3f} s  max {max(floors):.3f} s")
    print(f"in process, {args.runs} calls after one warm-up (median / max ms):")
    print(f"  collect {median(collect_ms):7.1f} / {max(collect_ms):7.1f}  (as the command)")
    print(f"  collect {median(serial_ms):7.1f} / {max(serial_ms):7.1f}  (one process)")
    print(f"  md      {median(md_ms):7.1f} / {max(md_ms):7.1f}")
    print(f"loadavg: {loadavg()}")
    ok = worst <= TARGET_S
    summary = {
        "sessions": len(history.sessions),
        "first_frame_p50_s": round(p50, 3),
        "first_frame_max_s": round(worst, 3),
        "floor_p50_s": round(median(floors), 3),
        "collect_ms": round(median(collect_ms), 1),
        "collect_one_process_ms": round(median(serial_ms), 1),
        "md_ms": round(median(md_ms), 1),
    }
    print(json.dumps(summary))
    print(
        f"history sessions={len(history.sessions)} p50_s={p50:.3f} max_s={worst:.3f} "
        f"md_ms={median(md_ms):.1f} {'OK' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
