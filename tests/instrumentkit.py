"""Sessions that use the method's instruments, built with the real rules (no hand-made state).

`evaluated(...)` runs a closing evaluation through `rules.apply`: start, one `Evaluate` per
person, close. `instrumented()` is the small session of `factories` with every instrument
used: reflex tags, two-legged (and one-legged) agreements, the principles check and a closed
evaluation of four answers. Ratings here are distinctive per person, so a test can look for
any one person's ratings and be sure it would see them.

The raters sit in a session whose template set the evaluation's minimum to the lowest it
may be (`LOWEST_MIN_ANSWERS`, 3), so that four answers show; tests of the default minimum
(5) build their session without `with_raters` or set it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from factories import FACILITATOR, NOW, card, make_session

from tui_board.core.instruments import LOWEST_MIN_ANSWERS, NORM_IDS, Leg, PrincipleAnswer, Reflex
from tui_board.core.model import Participant, Role, Session
from tui_board.core.ops import (
    Actor,
    CheckPrinciple,
    DraftAgreement,
    Evaluate,
    Op,
    StartEvaluation,
    TagReflex,
)
from tui_board.core.rules import Applied, apply

RATERS = (
    Participant(id="anna", name="Anna", organisation="Zorgaanbieder"),
    Participant(id="bram", name="Bram", organisation="School"),
    Participant(id="dewi", name="Dewi", organisation="Gemeente"),
    Participant(id="evi", name="Evi", organisation="Wijkteam"),
)
"""Four participants who answer the evaluation."""


def ratings(shift: int) -> dict[str, int]:
    """Nine distinctive ratings: norm i gets (i + shift) % 5 + 1."""
    return {norm: (i + shift) % 5 + 1 for i, norm in enumerate(NORM_IDS)}


ANSWERS: dict[str, tuple[dict[str, int], str]] = {
    "anna": (ratings(0), "Anna-lijn: eerder de wethouder erbij"),
    "bram": (ratings(1), "bram-lijn: korte lijnen houden"),
    "dewi": (ratings(3), "Dewi-lijn: samen leren werkt"),
    "evi": (ratings(4), ""),
}
"""Each rater's ratings and open line (Evi writes none)."""


def expected_counts(people: Sequence[str]) -> dict[str, tuple[int, int, int, int, int]]:
    """The aggregate counts per norm of these people's ratings."""
    counts: dict[str, list[int]] = {norm: [0, 0, 0, 0, 0] for norm in NORM_IDS}
    for person in people:
        for norm, value in ANSWERS[person][0].items():
            counts[norm][value - 1] += 1
    return {norm: (c[0], c[1], c[2], c[3], c[4]) for norm, c in counts.items()}


def run(session: Session, *steps: tuple[Op, Actor], now: dt.datetime = NOW) -> Session:
    """Apply each op as its actor; every one must be applied."""
    for op, actor in steps:
        outcome = apply(session, op, actor, now)
        assert isinstance(outcome, Applied), (op, actor, outcome)
        session = outcome.session
    return session


def with_raters(session: Session) -> Session:
    """`session` with the four raters at the table (those not there yet), the evaluation's
    minimum at 3 (as a template may set it)."""
    known = {p.id for p in session.participants}
    extra = tuple(p for p in RATERS if p.id not in known)
    update = {
        "participants": (*session.participants, *extra),
        "evaluation_minimum": LOWEST_MIN_ANSWERS,
    }
    return Session.model_validate(session.model_copy(update=update).model_dump(by_alias=True))


def evaluated(session: Session, people: Sequence[str] = ("anna", "bram", "dewi", "evi")) -> Session:
    """Start the evaluation, let `people` answer (see ANSWERS), close it."""
    session = with_raters(session)
    steps: list[tuple[Op, Actor]] = [(StartEvaluation(), FACILITATOR)]
    for person in people:
        scores, line = ANSWERS[person]
        steps.append((Evaluate(scores=scores, line=line), Actor(person, Role.PARTICIPANT)))
    steps.append((StartEvaluation(close=True), FACILITATOR))
    return run(session, *steps)


def raters_answer(people: Sequence[str], *, close: bool) -> Session:
    """The small session with the raters: the evaluation started, `people` answered, and
    closed when `close`."""
    session = with_raters(make_session())
    steps: list[tuple[Op, Actor]] = [(StartEvaluation(), FACILITATOR)]
    for person in people:
        scores, line = ANSWERS[person]
        steps.append((Evaluate(scores=scores, line=line), Actor(person, Role.PARTICIPANT)))
    if close:
        steps.append((StartEvaluation(close=True), FACILITATOR))
    return run(session, *steps)


REFLEX_TAGS: tuple[tuple[str, Reflex], ...] = (
    ("a1", "crisis"),
    ("b1", "crisis"),
    ("r1", "controle"),
)
"""Cards of the small session and the reflex they get."""

LEGS: tuple[tuple[str, str, tuple[Leg, ...]], ...] = (
    ("two-beide", "Eén regievoerder per gezin", ("administratief", "adaptief")),
    ("two-admin", "Convenant tekenen", ("administratief",)),
    ("two-adapt", "Samen casussen bespreken", ("adaptief",)),
    ("two-geen", "Nog eens praten", ()),
)
"""Agreements and the legs they rest on: both, one (twice), none."""

PRINCIPLE_ANSWERS: tuple[tuple[int, PrincipleAnswer, str], ...] = (
    (1, "ja", "Iedereen aan tafel"),
    (7, "deels", "Thuisfront nog niet overal mee"),
    (11, "nee", ""),
)
"""Principles answered (the other eight stay undiscussed)."""


def instrumented(session: Session | None = None) -> Session:
    """The small session with every instrument used (see the module docstring)."""
    base = with_raters(session if session is not None else make_session())
    steps: list[tuple[Op, Actor]] = [
        (TagReflex(card_id=card_id, reflex=reflex), FACILITATOR) for card_id, reflex in REFLEX_TAGS
    ]
    steps += [
        (
            DraftAgreement(agreement_id=i, what=what, why="Omdat het nodig is", legs=legs),
            FACILITATOR,
        )
        for i, what, legs in LEGS
    ]
    steps += [
        (CheckPrinciple(number=n, answer=answer, note=note), FACILITATOR)
        for n, answer, note in PRINCIPLE_ANSWERS
    ]
    return evaluated(run(base, *steps))


def hidden_reflex_card(session: Session) -> Session:
    """`session` plus a hidden card of Anna's in "doelen", tagged with the crisis reflex."""
    hidden = card("geheim", "doelen", 1024, author="anna", text="GEHEIM-nog-niet-onthuld")
    hidden = hidden.model_copy(update={"hidden": True, "reflex": "crisis"})
    return session.model_copy(update={"cards": (*session.cards, hidden)})
