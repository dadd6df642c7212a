"""How long the report (Markdown and HTML) and the diff of a 1000-card session take.

Targets (issue): report of 200 participants x 5 cards with 50 agreements <= 300 ms per
format; `diff` of two 1000-card sessions with ~50 cards changed <= 200 ms.

The session is a decided one (`with_decisions`): 40 clusters holding 400 cards, 100
problems each answered by a proposal, a closed voting round (600 dots from 200 voters,
on cards and clusters), 50 agreements in every status (40 answers each in their last
round, 5 concerns each) and a terugblik on 10 agreements of an earlier session.

Each figure is wall time (time.perf_counter) of one call, repeated --runs times in this
process after one warm-up call; the summary gives the median. `md`/`html` are the whole
`report.render` (build the report from the session, then render it). `diff` is what
`tussenruimte diff` does: load both files with `store.load_session`, then
`diffing.changes`; `changes` alone is shown beside it.
The session is `big_session(200, 5)` from tests/factories.py with `with_decisions`
(deterministic).

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

from tui_board.afterwards.diffing import changes  # noqa: E402
from tui_board.afterwards.report import render  # noqa: E402
from tui_board.core.model import (  # noqa: E402
    Agreement,
    Answer,
    Card,
    Cluster,
    Origin,
    Review,
    Session,
    Vote,
)
from tui_board.files.store import load_session, save_session  # noqa: E402

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


AGREEMENTS = 50
STATUSES = ("aangenomen", "in_ronde", "concept", "geparkeerd", "herzien", "vervallen")
KINDS = ("werkbaar", "werkbaar", "bedenking", "achterban")


def with_decisions(session: Session) -> Session:
    """`session` (in board order, as `big_session` makes it) after ordering, voting and
    agreeing. Cards whose index ends in 1-4 are clustered (10 clusters per theme), in 8 are
    problems and in 9 proposals answering them; `changed` leaves all of those alone except
    for edits, so the diff still has exactly its 50 lines."""
    cards = list(session.cards)
    clusters: dict[str, Cluster] = {}
    for index, card in enumerate(cards):
        update: dict[str, str] = {}
        if index % 10 in (1, 2, 3, 4):
            cluster_id = f"c-{card.theme}-{index // 10 % 10}"
            clusters.setdefault(
                cluster_id, Cluster(id=cluster_id, title=f"Cluster {cluster_id}", theme=card.theme)
            )
            update["cluster"] = cluster_id
        elif index % 10 == 8:
            update["kind"] = "probleem"
        elif index % 10 == 9:
            update = {"kind": "voorstel", "answers": cards[index - 1].id}
        if update:
            cards[index] = card.model_copy(update=update)
    people = [p.id for p in session.participants]
    targets = [c.id for i, c in enumerate(cards) if i % 10 == 7] + list(clusters)
    votes = [
        Vote(voter=voter, card=targets[(n * 7 + k) % len(targets)], dots=1)
        for n, voter in enumerate(people)
        for k in range(3)
    ]
    votes = list({(v.voter, v.card): v for v in votes}.values())
    agreements = []
    for number in range(AGREEMENTS):
        status = STATUSES[number % len(STATUSES)]
        voters = people[number : number + 40]
        answers = tuple(
            Answer(
                participant=voter,
                kind=KINDS[(number + k) % len(KINDS)],
                text="Wie betaalt dit?" if KINDS[(number + k) % len(KINDS)] == "bedenking" else "",
                round=2,
            )
            for k, voter in enumerate(voters)
        )
        concerns = tuple(
            Answer(participant=voter, kind="bedenking", text=f"Bedenking {k} bij {number}", round=1)
            for k, voter in enumerate(voters[:5])
        )
        agreements.append(
            Agreement(
                id=f"t{number:03d}",
                what=f"Afspraak {number + 1}: samen één loket voor gezinnen in de wijk.",
                why="Zodat gezinnen één aanspreekpunt hebben en niemand tussen wal en schip valt.",
                owners=("Organisatie 1", "Organisatie 2"),
                review=dt.date(2027, 3, 1),
                status=status,
                source=cards[number * 10 + 7].id,
                round=2,
                answers=answers,
                concerns=concerns,
                revisits=f"oud{number}" if number < 10 else "",
            )
        )
    terugblik = tuple(
        Review(
            id=f"oud{n}",
            what=f"Eerdere afspraak {n + 1}",
            why="Korte lijnen.",
            owners=("Organisatie 3",),
            review=dt.date(2026, 11, 1),
            concerns=("Deelnemer 3 (Organisatie 3): kost veel tijd",),
            verdict=("werkt", "bijstellen", "vervallen", "")[n % 4],
            note="Loopt, maar kan beter.",
        )
        for n in range(10)
    )
    return session.model_copy(
        update={
            "cards": tuple(cards),
            "clusters": tuple(clusters.values()),
            "votes": tuple(votes),
            "voting": "closed",
            "agreements": tuple(agreements),
            "origin": Origin(title="Grote sessie, september", date=dt.date(2026, 9, 10)),
            "terugblik": terugblik,
        }
    )


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


def diff_times(session: Session, runs: int) -> tuple[float, float, int]:
    """Median ms of `changes` alone and of the whole `diff` command (two loads + changes),
    for `session` against `changed(session)`; and the number of lines it said."""
    new, touched = changed(session)
    with tempfile.TemporaryDirectory(prefix="tussenruimte-bench-") as folder:
        old_path, new_path = Path(folder) / "oud.toml", Path(folder) / "nieuw.toml"
        save_session(session, old_path)
        save_session(new, new_path)
        old_loaded, new_loaded = load_session(old_path), load_session(new_path)
        lines = changes(old_loaded, new_loaded)
        assert len(lines) == touched, f"{len(lines)} lines for {touched} changes"
        alone = statistics.median(timed(lambda: changes(old_loaded, new_loaded), runs))
        whole = statistics.median(
            timed(lambda: changes(load_session(old_path), load_session(new_path)), runs)
        )
    return alone, whole, len(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed calls per figure")
    args = parser.parse_args()

    plain = big_session(200, 5)
    session = Session.model_validate(with_decisions(plain).model_dump(by_alias=True))
    print(
        f"session: {len(session.cards)} cards, {len(session.participants)} participants, "
        f"{len(session.themes)} themes, {len(session.clusters)} clusters, "
        f"{sum(v.dots for v in session.votes)} dots, {len(session.agreements)} agreements "
        f"({sum(len(a.answers) + len(a.concerns) for a in session.agreements)} answers and "
        f"concerns), {len(session.terugblik)} terugblik"
    )
    md_text = render(session, "md")
    html_text = render(session, "html")
    print(f"report: md {len(md_text) / 1024:.0f} KiB, html {len(html_text) / 1024:.0f} KiB")

    print(f"wall time per call, {args.runs} runs after one warm-up (median ms):")
    md = statistics.median(timed(lambda: render(session, "md"), args.runs))
    html = statistics.median(timed(lambda: render(session, "html"), args.runs))
    # The diff target is for two 1000-card sessions with ~50 cards changed: the
    # plain session. The decided one is shown beside it; its files are twice the size (2250
    # answers), and loading them is most of the time.
    alone, whole, said = diff_times(plain, args.runs)
    decided_alone, decided_whole, _ = diff_times(session, args.runs)

    def verdict(value: float, target: float) -> str:
        return f"target<={target:.0f}  {'OK' if value <= target else 'OVER'}"

    print(f"  report md               {md:7.1f}  {verdict(md, MD_TARGET_MS)}")
    print(f"  report html             {html:7.1f}  {verdict(html, HTML_TARGET_MS)}")
    print(f"  diff, {said} cards changed  {whole:7.1f}  {verdict(whole, DIFF_TARGET_MS)}")
    print(f"    changes alone         {alone:7.1f}")
    print(f"  diff, decided session   {decided_whole:7.1f}  (no target)")
    print(f"    changes alone         {decided_alone:7.1f}")
    ok = md <= MD_TARGET_MS and html <= HTML_TARGET_MS and whole <= DIFF_TARGET_MS
    print(
        f"report cards={len(session.cards)} agreements={len(session.agreements)} "
        f"md_ms={md:.1f} html_ms={html:.1f} diff_ms={whole:.1f} "
        f"decided_diff_ms={decided_whole:.1f} {'OK' if ok else 'OVER'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
