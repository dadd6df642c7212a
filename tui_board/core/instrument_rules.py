"""The rules for the method's instruments: reflex tags, the closing evaluation and the
principles check. Called by `rules.apply`, never on their own.

The evaluation is private by construction: an `Evaluate` op is folded into the aggregates
at once; no change, file or journal ever holds one person's ratings. Views show the
aggregates only after the facilitator closed the evaluation with at least the session's
`evaluation_minimum` of people (one release, so nobody can subtract two aggregates). The
minimum counts distinct people at the table who may answer (`answered_people`): not
observers, not seats that left the table, not one seat twice. Closing keeps the count
only: who answered is let go, as are the figures when too few people answered.
"""

from __future__ import annotations

import datetime as dt

from tui_board.core.instruments import NORM_IDS, Instrument
from tui_board.core.model import Card, Evaluation, PrincipleCheck, Role, Session
from tui_board.core.ops import (
    Actor,
    CardPut,
    CheckPrinciple,
    Evaluate,
    EvaluationPut,
    PrinciplePut,
    StartEvaluation,
    TagReflex,
)
from tui_board.core.outcome import Applied, Outcome, Refused, done
from tui_board.core.text import clean_line, clean_text

MAX_LINE = 300
"""The longest open line of the evaluation."""


def _off(session: Session, instrument: Instrument) -> Refused | None:
    if instrument not in session.instruments:
        return Refused("refused.instrument_off")
    return None


def tag_reflex(session: Session, op: TagReflex, actor: Actor, now: dt.datetime) -> Outcome:
    """Tag a card with a reflex: facilitators, or everyone when the template opens it."""
    card = session.card(op.card_id)
    if card is None or (card.hidden and card.author != actor.id):
        return Refused("refused.no_card")
    if card.reflex == op.reflex:
        return Applied(session, ())
    tagged: Card = card.model_copy(update={"reflex": op.reflex, "updated": now})
    return done(session, [CardPut(card=tagged)])


def start_evaluation(session: Session, op: StartEvaluation) -> Outcome:
    """Start the evaluation, or close it for good (facilitators; `rules.apply` checks)."""
    off = _off(session, "evaluatie")
    if off is not None:
        return off
    current = session.evaluation
    if not op.close:
        if current is not None and not current.open:
            return Refused("refused.evaluation_closed")
        if current is not None:
            return Applied(session, ())
        return done(session, [EvaluationPut(evaluation=Evaluation())])
    if current is None:
        return Refused("refused.no_evaluation")
    if not current.open:
        return Applied(session, ())
    # Who answered is needed only to answer once: closed, it would only tell on people.
    closed = current.model_copy(update={"open": False, "answered": ()})
    if answered_people(session, current) < session.evaluation_minimum:
        # Too few to show without showing someone: nothing but the count is kept.
        closed = closed.model_copy(update={"scores": {}, "lines": ()})
    return done(session, [EvaluationPut(evaluation=closed)])


def answered_people(session: Session, evaluation: Evaluation) -> int:
    """How many distinct people at the table who may answer have answered: what the
    minimum counts. Observers, seats no longer at the table and repeats do not count."""
    return len(
        {
            person.id
            for person in (session.participant(id_) for id_ in evaluation.answered)
            if person is not None and person.role is not Role.OBSERVER
        }
    )


def evaluate(session: Session, op: Evaluate, actor: Actor) -> Outcome:
    """Fold one person's ratings into the aggregates (once per person, while open)."""
    off = _off(session, "evaluatie")
    if off is not None:
        return off
    current = session.evaluation
    if current is None or not current.open:
        return Refused("refused.no_evaluation")
    if actor.id in current.answered:
        return Refused("refused.evaluated")
    if set(op.scores) != set(NORM_IDS) or any(not 1 <= v <= 5 for v in op.scores.values()):
        return Refused("refused.evaluation_scores")
    line = clean_line(clean_text(op.line), MAX_LINE + 1)
    if len(line) > MAX_LINE:
        return Refused("refused.text_too_long", {"max": str(MAX_LINE)})
    scores = dict(current.scores)
    for norm in NORM_IDS:
        counts = list(scores.get(norm, (0, 0, 0, 0, 0)))
        counts[op.scores[norm] - 1] += 1
        scores[norm] = (counts[0], counts[1], counts[2], counts[3], counts[4])
    # Sorted on the text alone (ties too), so the order never tells who answered first.
    ordered = sorted([*current.lines, line], key=lambda text: (text.casefold(), text))
    lines = tuple(ordered) if line else current.lines
    updated = current.model_copy(
        update={
            "count": current.count + 1,
            "answered": (*current.answered, actor.id),
            "scores": scores,
            "lines": lines,
        }
    )
    return done(session, [EvaluationPut(evaluation=updated)])


def check_principle(session: Session, op: CheckPrinciple) -> Outcome:
    """Record (or take back) the group's answer on one principle (facilitators)."""
    off = _off(session, "principes")
    if off is not None:
        return off
    note = clean_line(clean_text(op.note), 501)
    if len(note) > 500:
        return Refused("refused.text_too_long", {"max": "500"})
    old = next((p for p in session.principles if p.number == op.number), None)
    new = PrincipleCheck(number=op.number, answer=op.answer, note=note) if op.answer else None
    if new == old:
        return Applied(session, ())
    return done(session, [PrinciplePut(number=op.number, check=new)])
