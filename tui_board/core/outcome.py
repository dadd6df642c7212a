"""What the rules decide: Applied or Refused, and how Changes replay on a session.

Kept apart from `rules` so that the rule modules for clusters and the terugblik can share
them; `rules` re-exports everything here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Generic, TypeVar, assert_never

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


_BY_ID = attrgetter("id")
K = TypeVar("K")
V = TypeVar("V")


class _Keyed(Generic[K, V]):
    """One of the session's tuples as a dict by key, made only when a change touches it
    (a join to a table of a thousand need not copy the cards, votes and agreements)."""

    def __init__(self, items: tuple[V, ...], key: Callable[[V], K]) -> None:
        self.items = items
        self.key = key
        self._by: dict[K, V] | None = None

    @property
    def by(self) -> dict[K, V]:
        if self._by is None:
            self._by = dict(zip(map(self.key, self.items), self.items, strict=True))
        return self._by

    @by.setter
    def by(self, value: dict[K, V]) -> None:
        self._by = value

    def result(self) -> tuple[V, ...]:
        """The items after the changes (the very tuple if none touched them)."""
        return self.items if self._by is None else tuple(self._by.values())


def apply_changes(session: Session, changes: Iterable[Change]) -> Session:
    """Return `session` with `changes` applied, in order. No rules: changes are decisions."""
    cards = _Keyed(session.cards, _BY_ID)
    people = _Keyed(session.participants, _BY_ID)
    votes = _Keyed(session.votes, attrgetter("voter", "card"))
    agreements = _Keyed(session.agreements, _BY_ID)
    clusters = _Keyed(session.clusters, _BY_ID)
    reviews = _Keyed(session.terugblik, _BY_ID)
    for change in changes:
        match change:
            case CardPut():
                cards.by[change.card.id] = change.card
            case CardRemoved():
                cards.by.pop(change.card_id, None)
                # Dots on a card that is gone go back to their voters; its proposals stay,
                # unlinked.
                votes.by = {k: v for k, v in votes.by.items() if v.card != change.card_id}
                for other in [c for c in cards.by.values() if c.answers == change.card_id]:
                    cards.by[other.id] = other.model_copy(update={"answers": ""})
            case ParticipantPut():
                people.by[change.participant.id] = change.participant
            case ParticipantRemoved():
                gone = change.participant
                people.by.pop(gone, None)
                # The rules moved everything of the seat before this change; a board that
                # could not see all of it lets go of (or hands over) what it still holds.
                for card in [c for c in cards.by.values() if c.author == gone]:
                    cards.by[card.id] = card.model_copy(update={"author": change.into})
                votes.by = {k: v for k, v in votes.by.items() if v.voter != gone}
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
                    votes.by[(change.voter, change.card)] = vote
                else:
                    votes.by.pop((change.voter, change.card), None)
            case VotesShown():
                votes.by = {(v.voter, v.card): v for v in change.votes}
            case AgreementPut():
                agreements.by[change.agreement.id] = change.agreement
            case ClusterPut():
                clusters.by[change.cluster.id] = change.cluster
            case ClusterRemoved():
                clusters.by.pop(change.cluster_id, None)
                votes.by = {k: v for k, v in votes.by.items() if v.card != change.cluster_id}
            case ReviewPut():
                reviews.by[change.review.id] = change.review
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
            "cards": cards.result(),
            "participants": people.result(),
            "votes": votes.result(),
            "agreements": agreements.result(),
            "clusters": clusters.result(),
            "terugblik": reviews.result(),
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
