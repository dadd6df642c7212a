"""The plain board on a 1000-card session: what saying a change and answering a command costs.

The plain board (`join --plain`) applies every change of an event one at a time and says
each in a sentence; for a card that moves within its theme it finds the card's place before
and after (two sorts of the theme). This measures that on the benchmark session of
`_common` (1000 cards over four themes, about 250 each), in process: a real `PlainBoard` on
a `RelayClient` that holds the session (no network: `on_changes` and `handle` are what the
live board calls for each event and each typed line).

How it is measured
------------------
Each event is made by the rules (`rules.apply`) from the session, then given to a fresh
board's `on_changes` (--runs times; the median wall time of `time.perf_counter`).
- floor: the same changes applied one at a time with `apply_changes` and nothing said, as
  `on_changes` applies them (what any client does with the event).
- said: `on_changes`, the sentences included.
Commands (`help`, `lijst`, `afspraken`, `principe`) are timed the same way through
`handle`, against a reader's floor of 100 ms (an answer that comes later is noticed).

Events: a card one place up in its theme (`MoveCard` before its neighbour), a card to the
top of its theme, a group of ten cards (`GroupCards`), and the reveal of 100 hidden cards.

Last lines: `plain case=... floor_ms=... said_ms=... lines=...` and for commands
`plain command=... ms=... lines=... OK|OVER`.

Run: .venv/bin/python bench/plain_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import START, build_session, loadavg

from tui_board.core.model import Role, Session
from tui_board.core.ops import Actor, Change, GroupCards, MoveCard, Op, Reveal
from tui_board.core.rules import Applied, apply, apply_changes
from tui_board.entrances.plain import PlainBoard
from tui_board.live.client import RelayClient

COMMAND_FLOOR_MS = 100.0
"""How long a typed command may take before a reader notices the wait."""


def board_on(session: Session, person: str) -> tuple[PlainBoard, list[str]]:
    client = RelayClient("ws://127.0.0.1:1", "CODE")
    client.session = session
    client.you = session.participant(person)
    lines: list[str] = []
    return PlainBoard(client, lines.append), lines


def changes_of(session: Session, op: Op, actor: Actor) -> tuple[Change, ...]:
    outcome = apply(session, op, actor, START)
    assert isinstance(outcome, Applied), outcome
    return outcome.changes


def timed(runs: int, run: Callable[[], object], ready: Callable[[], object] = list) -> float:
    """The median of `runs` runs of `run`, each after `ready` (not timed), in ms."""
    times = []
    for _ in range(runs):
        ready()
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def floor(session: Session, changes: Sequence[Change]) -> None:
    for change in changes:
        session = apply_changes(session, [change])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(f"plain_bench: building the session ... loadavg={loadavg()}", flush=True)
    session = build_session()
    lead = next(p for p in session.participants if p.role is Role.FACILITATOR)
    facilitator = Actor(lead.id, Role.FACILITATOR)
    theme = session.themes[0].id
    cards = session.cards_in(theme)
    middle = cards[len(cards) // 2]
    hidden = session.model_copy(
        update={
            "cards": tuple(
                c.model_copy(update={"hidden": i < 100}) for i, c in enumerate(session.cards)
            ),
            "private": True,
        }
    )
    events: list[tuple[str, Session, Op]] = [
        (
            "up_one_place",
            session,
            MoveCard(card_id=middle.id, theme=theme, before=cards[len(cards) // 2 - 1].id),
        ),
        ("to_the_top", session, MoveCard(card_id=middle.id, theme=theme, before=cards[0].id)),
        (
            "group_of_ten",
            session,
            GroupCards(cluster_id="cbench", title="Samen", cards=tuple(c.id for c in cards[:10])),
        ),
        ("reveal_100", hidden, Reveal()),
    ]
    print(f"cards={len(session.cards)} theme_cards={len(cards)} runs={args.runs}")
    for name, base, op in events:
        changes = changes_of(base, op, facilitator)
        fresh: list[tuple[PlainBoard, list[str]]] = []

        def ready(base: Session = base, fresh: list[tuple[PlainBoard, list[str]]] = fresh) -> None:
            fresh[:] = [board_on(base, lead.id)]  # a board that has not heard it yet

        def say(
            changes: Sequence[Change] = changes, fresh: list[tuple[PlainBoard, list[str]]] = fresh
        ) -> None:
            fresh[0][0].on_changes(changes)

        def apply_only(base: Session = base, changes: Sequence[Change] = changes) -> None:
            floor(base, changes)

        floor_ms = timed(args.runs, apply_only)
        said_ms = timed(args.runs, say, ready)
        said = fresh[0][1]
        print(
            f"plain case={name} changes={len(changes)} floor_ms={floor_ms:.1f} "
            f"said_ms={said_ms:.1f} lines={len(said)}",
            flush=True,
        )
    participant = next(p for p in session.participants if p.role is Role.PARTICIPANT)
    for who, person in (("participant", participant.id), ("facilitator", lead.id)):
        for command in ("help", "lijst", "afspraken", "principe"):
            board, heard = board_on(session, person)

            def answer(command: str = command, board: PlainBoard = board) -> None:
                board.handle(command)

            def forget(heard: list[str] = heard) -> None:
                heard.clear()

            ms = timed(args.runs, answer, forget)
            verdict = "OK" if ms <= COMMAND_FLOOR_MS else "OVER"
            print(
                f"plain command={command} as={who} ms={ms:.1f} lines={len(heard)} "
                f"floor_ms={COMMAND_FLOOR_MS:.0f} {verdict}",
                flush=True,
            )
    print(f"loadavg={loadavg()}")


if __name__ == "__main__":
    main()
