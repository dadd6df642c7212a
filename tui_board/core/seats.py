"""The rules for keeping the table true: merging two seats that are one person, and taking
away a seat that holds nothing. Called by `rules.apply`, never on their own (it checked that
the actor is a facilitator or co-facilitator).

A merge moves everything of the seat that goes to the seat that stays, as ordinary changes
(cards, dots, consent answers, the evaluation's list of who answered, the confirmation of
the spelregels, missing details), and ends with `ParticipantRemoved(into=…)`. Where both
seats did the same thing, one person counts once:

- consent answers: in a round both answered, the kept seat's answer stays and the other is
  dropped; concerns of earlier rounds all stay (now in the kept seat's name);
- dots: the kept seat's dots stay; the other seat's dots are added card by card (in the order
  of the card ids), as far as the budget allows, on one card and in all;
- the evaluation: answers are folded into totals the moment they are given and cannot be
  taken apart again, so the totals and the count of answers stay; the person is listed once
  among those who answered;
- the spelregels: confirmed once if either seat confirmed;
- the kept seat's name, organisation and mandate stay; an organisation or mandate it has not
  given is taken from the other seat.

`reseat` is for the relay: after a merge, a token of the removed seat leads to the kept one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Protocol, TypeVar

from tui_board.core.model import EDITORS, Agreement, Answer, Participant, Role, Session
from tui_board.core.ops import (
    AgreementPut,
    CardPut,
    Change,
    EvaluationPut,
    MergeParticipants,
    ParticipantPut,
    ParticipantRemoved,
    RemoveParticipant,
    VotePut,
)
from tui_board.core.outcome import Outcome, Refused, done, state_of


def footprint(session: Session, participant: str) -> dict[str, int]:
    """What a seat has to its name: cards, dots, answers (consent and evaluation) and
    confirmations, as far as `session` shows them. Empty: nothing."""
    found = {
        "cards": sum(1 for c in session.cards if c.author == participant),
        "dots": sum(v.dots for v in session.votes if v.voter == participant),
        "answers": sum(
            1
            for a in session.agreements
            for answer in (*a.answers, *a.concerns)
            if answer.participant == participant
        ),
        "evaluation": int(
            session.evaluation is not None and participant in session.evaluation.answered
        ),
        "confirmed": int(participant in session.confirmed),
    }
    return {what: n for what, n in found.items() if n}


def remove(session: Session, op: RemoveParticipant) -> Outcome:
    """Take away a seat that wrote, voted and answered nothing."""
    person = session.participant(op.participant)
    if person is None:
        return Refused("refused.no_person")
    if person.role in EDITORS:
        return Refused("refused.remove_facilitator", {"name": person.name})
    if footprint(session, person.id):
        return Refused("refused.remove_not_empty", {"name": person.name})
    return done(session, [ParticipantRemoved(participant=person.id)])


def merge(session: Session, op: MergeParticipants) -> Outcome:
    """Merge the seat `op.merge` into `op.keep` (see the module's notes for the rules)."""
    if op.keep == op.merge:
        return Refused("refused.merge_same")
    keep = session.participant(op.keep)
    gone = session.participant(op.merge)
    if keep is None or gone is None:
        return Refused("refused.no_person")
    if gone.role in EDITORS:
        return Refused("refused.merge_facilitator", {"name": gone.name})
    if Role.OBSERVER in (keep.role, gone.role):
        return Refused("refused.merge_observer")
    changes: list[Change] = []
    details = _details(keep, gone)
    if details != keep:
        changes.append(ParticipantPut(participant=details))
    changes += [
        CardPut(card=card.model_copy(update={"author": keep.id}))
        for card in sorted(session.cards, key=lambda c: c.id)
        if card.author == gone.id
    ]
    changes += _votes(session, keep.id, gone.id)
    for agreement in session.agreements:
        moved = _agreement(agreement, keep.id, gone.id)
        if moved != agreement:
            changes.append(AgreementPut(agreement=moved))
    evaluation = session.evaluation
    if evaluation is not None and gone.id in evaluation.answered:
        answered = tuple(p for p in evaluation.answered if p != gone.id)
        answered += () if keep.id in answered else (keep.id,)
        changes.append(
            EvaluationPut(evaluation=evaluation.model_copy(update={"answered": answered}))
        )
    if gone.id in session.confirmed:
        confirmed = tuple(p for p in session.confirmed if p != gone.id)
        confirmed += () if keep.id in confirmed else (keep.id,)
        changes.append(state_of(session).model_copy(update={"confirmed": confirmed}))
    changes.append(ParticipantRemoved(participant=gone.id, into=keep.id))
    return done(session, changes)


def _details(keep: Participant, gone: Participant) -> Participant:
    update: dict[str, object] = {}
    if not keep.organisation and gone.organisation:
        update["organisation"] = gone.organisation
    if keep.mandate is None and gone.mandate is not None:
        update["mandate"] = gone.mandate
    return keep.model_copy(update=update) if update else keep


def _votes(session: Session, keep: str, gone: str) -> list[Change]:
    """The other seat's dots added to the kept seat's, within the budget."""
    mine = {v.card: v.dots for v in session.votes if v.voter == keep}
    theirs = sorted((v for v in session.votes if v.voter == gone), key=lambda v: v.card)
    used = sum(mine.values())
    changes: list[Change] = []
    for vote in theirs:
        changes.append(VotePut(voter=gone, card=vote.card, dots=0))
        have = mine.get(vote.card, 0)
        extra = max(0, min(vote.dots, session.dots - have, session.dots - used))
        if extra:
            mine[vote.card] = have + extra
            used += extra
            changes.append(VotePut(voter=keep, card=vote.card, dots=have + extra))
    return changes


def _agreement(agreement: Agreement, keep: str, gone: str) -> Agreement:
    rounds = {a.round for a in agreement.answers if a.participant == keep}
    answers: list[Answer] = []
    for answer in agreement.answers:
        if answer.participant != gone:
            answers.append(answer)
        elif answer.round not in rounds:  # both answered: the kept seat's answer stays
            answers.append(answer.model_copy(update={"participant": keep}))
    concerns = tuple(
        c.model_copy(update={"participant": keep}) if c.participant == gone else c
        for c in agreement.concerns
    )
    if tuple(answers) == agreement.answers and concerns == agreement.concerns:
        return agreement
    return agreement.model_copy(update={"answers": tuple(answers), "concerns": concerns})


class _Seat(Protocol):
    @property
    def participant(self) -> str: ...


S = TypeVar("S", bound=_Seat)


def reseat(seats: Mapping[str, S], changes: Iterable[Change]) -> dict[str, S]:
    """The relay's seats (token hash → `journal.Seat`) after applied `changes`.

    After a merge, every token of the removed seat leads to the seat that stays; the tokens
    of a seat taken away empty are dropped (a board that comes back with one gets a new
    seat, as a newcomer does). Other seats are returned as they are.
    """
    result = dict(seats)
    for change in changes:
        if not isinstance(change, ParticipantRemoved):
            continue
        for key, seat in list(result.items()):
            if seat.participant != change.participant:
                continue
            if change.into:
                result[key] = replace(seat, participant=change.into)  # type: ignore[type-var]
            else:
                del result[key]
    return result


def departures(changes: Iterable[Change]) -> dict[str, str]:
    """Seats that left the table in `changes`: removed id → kept id ("" when taken away).

    For the relay's connections: a board still connected as a removed seat now acts as the
    kept one (merge), or is no longer at the table."""
    return {c.participant: c.into for c in changes if isinstance(c, ParticipantRemoved)}
