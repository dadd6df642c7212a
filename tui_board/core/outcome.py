"""What the rules decide: Applied or Refused, and how Changes replay on a session.

Kept apart from `rules` so that the rule modules for clusters and the terugblik can share
them; `rules` re-exports everything here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import assert_never

from tui_board.core.model import Session, Vote
from tui_board.core.ops import (
    AgreementPut,
    CardPut,
    CardRemoved,
    Change,
    ClusterPut,
    ClusterRemoved,
    ClusterSuggested,
    EvaluationPut,
    OriginPut,
    ParticipantPut,
    ParticipantRemoved,
    PrinciplePut,
    RecordedPut,
    ReviewPut,
    StatePut,
    VotePut,
    VotesShown,
    Waiting,
)


@dataclass(frozen=True, slots=True)
class Applied:
    """The op was allowed: the session after it, and what changed."""

    session: Session
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Refused:
    """The op was refused; `key` is a message in `i18n`, `values` fill it in."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


Outcome = Applied | Refused


def apply_changes(session: Session, changes: Iterable[Change]) -> Session:
    """Return `session` with `changes` applied, in order. No rules: changes are decisions."""
    cards = {c.id: c for c in session.cards}
    people = {p.id: p for p in session.participants}
    votes = {(v.voter, v.card): v for v in session.votes}
    agreements = {a.id: a for a in session.agreements}
    clusters = {c.id: c for c in session.clusters}
    reviews = {r.id: r for r in session.terugblik}
    for change in changes:
        match change:
            case CardPut():
                cards[change.card.id] = change.card
            case CardRemoved():
                cards.pop(change.card_id, None)
                # Dots on a card that is gone go back to their voters; its proposals stay,
                # unlinked.
                votes = {k: v for k, v in votes.items() if v.card != change.card_id}
                for other in [c for c in cards.values() if c.answers == change.card_id]:
                    cards[other.id] = other.model_copy(update={"answers": ""})
            case ParticipantPut():
                people[change.participant.id] = change.participant
            case ParticipantRemoved():
                gone = change.participant
                people.pop(gone, None)
                # The rules moved everything of the seat before this change; a board that
                # could not see all of it lets go of (or hands over) what it still holds.
                for card in [c for c in cards.values() if c.author == gone]:
                    cards[card.id] = card.model_copy(update={"author": change.into})
                votes = {k: v for k, v in votes.items() if v.voter != gone}
                if gone in session.confirmed:
                    confirmed = tuple(p for p in session.confirmed if p != gone)
                    session = session.model_copy(update={"confirmed": confirmed})
            case StatePut():
                state = change.model_dump(exclude={"type"})
                state["timer"] = change.timer
                session = session.model_copy(update=state)
            case Waiting() | ClusterSuggested():
                pass  # what others see of private acts; not part of the session
            case VotePut():
                if change.dots:
                    vote = Vote(voter=change.voter, card=change.card, dots=change.dots)
                    votes[(change.voter, change.card)] = vote
                else:
                    votes.pop((change.voter, change.card), None)
            case VotesShown():
                votes = {(v.voter, v.card): v for v in change.votes}
            case AgreementPut():
                agreements[change.agreement.id] = change.agreement
            case ClusterPut():
                clusters[change.cluster.id] = change.cluster
            case ClusterRemoved():
                clusters.pop(change.cluster_id, None)
                votes = {k: v for k, v in votes.items() if v.card != change.cluster_id}
            case ReviewPut():
                reviews[change.review.id] = change.review
            case EvaluationPut():
                session = session.model_copy(update={"evaluation": change.evaluation})
            case PrinciplePut():
                checks = {p.number: p for p in session.principles if p.number != change.number}
                if change.check is not None:
                    checks[change.number] = change.check
                ordered = tuple(checks[n] for n in sorted(checks))
                session = session.model_copy(update={"principles": ordered})
            case OriginPut():
                session = session.model_copy(update={"origin": change.origin})
            case RecordedPut():
                meta = session.session.model_copy(
                    update={"recorded": change.recorded, "recorded_by": change.recorded_by}
                )
                session = session.model_copy(update={"session": meta})
            case _:
                assert_never(change)
    return session.model_copy(
        update={
            "cards": tuple(cards.values()),
            "participants": tuple(people.values()),
            "votes": tuple(votes.values()),
            "agreements": tuple(agreements.values()),
            "clusters": tuple(clusters.values()),
            "terugblik": tuple(reviews.values()),
        }
    )


def state_of(session: Session) -> StatePut:
    """The session's room state as a change (to send it whole)."""
    return StatePut(
        phase=session.phase,
        private=session.private,
        spotlight=session.spotlight,
        timer=session.timer,
        spelregels=session.spelregels,
        confirmed=session.confirmed,
        dots=session.dots,
        voting=session.voting,
    )


def done(session: Session, changes: list[Change]) -> Applied:
    """Applied: `changes`, and the session after them."""
    return Applied(apply_changes(session, changes), tuple(changes))
