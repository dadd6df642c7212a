"""What each client may see. The relay sends every client its own view of an event.

Privacy by not sending: a hidden card (private writing, before the reveal) goes to its
author only; everyone else hears how many cards are waiting per theme and organisation.
In an anonymous session a card's author goes to that author only. Who answered the
closing evaluation goes to nobody (each answerer hears only that they did); everyone,
facilitators too, hears how many. `view_key` groups clients that see the same bytes, so the
relay encodes each event once per group.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui_board.core.model import EDITORS, Agreement, Card, Evaluation, Session
from tui_board.core.ops import (
    Actor,
    AgreementPut,
    CardPut,
    CardRemoved,
    Change,
    ClusterSuggested,
    EvaluationPut,
    VotePut,
    VotesShown,
    Waiting,
)

NOBODY_WAITS = Waiting(by_theme={}, by_organisation={})
NOBODY = "\x00nobody"
"""A viewer id no participant can have (ids are letters, digits and dashes): the board as
someone who owns nothing on it sees it."""


def _private_to(card_author: str, hidden: bool, session: Session) -> bool:
    return hidden or (session.session.anonymous and bool(card_author))


def private_authors(changes: Sequence[Change], session: Session) -> frozenset[str]:
    """The authors who see a version of these changes that others do not."""
    authors: set[str] = set()
    for change in changes:
        if isinstance(change, CardPut):
            if _private_to(change.card.author, change.card.hidden, session):
                authors.add(change.card.author)
        elif isinstance(change, CardRemoved) and change.hidden:
            authors.add(change.author)
        elif isinstance(change, VotePut) and session.voting != "closed":
            authors.add(change.voter)
        elif isinstance(change, VotesShown) and session.voting != "closed":
            authors.update(v.voter for v in change.votes)
        elif isinstance(change, AgreementPut) and change.agreement.status == "in_ronde":
            authors.update(a.participant for a in change.agreement.answers)
        elif isinstance(change, EvaluationPut):
            authors.update(change.evaluation.answered)  # each hears only that they answered
    return frozenset(authors)


def view_key(changes: Sequence[Change], session: Session, viewer: Actor) -> str:
    """Clients with the same key receive identical bytes for this event."""
    return key_for(private_authors(changes, session), viewer)


def key_for(
    authors: frozenset[str],
    viewer: Actor,
    changes: Sequence[Change] = (),
    session: Session | None = None,
) -> str:
    """The view group of `viewer`, given the event's `private_authors` (computed once).

    With `changes` and `session`: a proposal for the facilitators makes them a group of
    their own."""
    key = "author:" + viewer.id if viewer.id in authors else "others"
    if session is not None and any(isinstance(c, ClusterSuggested) for c in changes):
        key += "|decides" if decides(session, viewer) else ""
    return key


def decides(session: Session, viewer: Actor) -> bool:
    """Whether `viewer` hears proposals meant for the facilitators (their role as it is now)."""
    person = session.participant(viewer.id)
    role = person.role if person is not None else viewer.role
    return role in EDITORS


def view_card(
    card: Card, session: Session, viewer: Actor, memo: dict[str, Card] | None = None
) -> Card | None:
    """The card as `viewer` may see it, or None when they may not see it at all.

    `memo` shares the anonymised copies between the viewers of one event.
    """
    if card.author == viewer.id:
        return card
    if card.hidden:
        return None
    if session.session.anonymous and card.author:
        if memo is None:
            return card.model_copy(update={"author": ""})
        copy = memo.get(card.id)
        if copy is None:
            copy = memo[card.id] = card.model_copy(update={"author": ""})
        return copy
    return card


def is_private(changes: Sequence[Change], session: Session) -> bool:
    """Whether some viewers must not learn who made these changes."""
    for change in changes:
        if isinstance(change, CardPut) and _private_to(
            change.card.author, change.card.hidden, session
        ):
            return True
        if isinstance(change, VotePut) and session.voting != "closed":
            return True
        if isinstance(change, AgreementPut) and change.agreement.status == "in_ronde":
            return True
        if isinstance(change, ClusterSuggested):
            return True  # others do not learn that someone proposed something
        if isinstance(change, EvaluationPut) and change.evaluation.answered:
            return True  # an answer (or seats merged): others hear the count, never who
        if isinstance(change, CardRemoved) and _private_to(change.author, change.hidden, session):
            return True  # in an anonymous session, who removes a card is mostly its author
    return False


def view_changes(
    changes: Sequence[Change],
    session: Session,
    viewer: Actor,
    memo: dict[str, Card] | None = None,
) -> tuple[Change, ...]:
    """The changes as `viewer` may see them (`session` is the session after them)."""
    shown: list[Change] = []
    for change in changes:
        if isinstance(change, CardPut):
            card = change.card
            visible = view_card(card, session, viewer, memo)
            if visible is not None:
                shown.append(change if visible is card else CardPut(card=visible))
        elif isinstance(change, CardRemoved):
            if change.hidden and change.author != viewer.id:
                continue
            shown.append(CardRemoved(card_id=change.card_id, theme=change.theme))
        elif isinstance(change, VotePut):
            # Votes are secret until the round closes: only the voter hears of their dots.
            if change.voter == viewer.id or session.voting == "closed":
                shown.append(change)
        elif isinstance(change, VotesShown) and session.voting != "closed":
            # The round opened again: each viewer keeps only their own votes.
            own = tuple(v for v in change.votes if v.voter == viewer.id)
            shown.append(change if own == change.votes else VotesShown(votes=own))
        elif isinstance(change, AgreementPut):
            shown.append(AgreementPut(agreement=view_agreement(change.agreement, viewer)))
        elif isinstance(change, EvaluationPut):
            evaluation = shown_evaluation(change.evaluation, session.evaluation_minimum, viewer)
            shown.append(
                change if evaluation is change.evaluation else EvaluationPut(evaluation=evaluation)
            )
        elif isinstance(change, ClusterSuggested):
            if decides(session, viewer):
                shown.append(change)
        else:
            shown.append(change)
    return tuple(shown)


def view_session(session: Session, viewer: Actor) -> Session:
    """The session as `viewer` may see it (hidden cards of others left out)."""
    cards = []
    for card in session.cards:
        visible = view_card(card, session, viewer)
        if visible is not None:
            cards.append(visible)
    agreements = tuple(view_agreement(a, viewer) for a in session.agreements)
    votes = session.votes
    if session.voting != "closed":
        votes = tuple(v for v in votes if v.voter == viewer.id)
    return session.model_copy(
        update={
            "cards": tuple(cards),
            "votes": votes,
            "agreements": agreements,
            "evaluation": view_evaluation(session, viewer),
        }
    )


def owns_something(session: Session, viewer_id: str) -> bool:
    """Whether `view_session` shows `viewer_id` anything it shows nobody else: a card of
    theirs, their vote, their answer in a round, that they answered the evaluation. Whoever
    owns nothing sees what `NOBODY` sees (a newcomer, an observer), so they can share it."""
    evaluation = session.evaluation
    return (
        any(card.author == viewer_id for card in session.cards)
        or any(vote.voter == viewer_id for vote in session.votes)
        or any(a.participant == viewer_id for g in session.agreements for a in g.answers)
        or (evaluation is not None and viewer_id in evaluation.answered)
    )


def view_evaluation(session: Session, viewer: Actor) -> Evaluation | None:
    """The session's evaluation as `viewer` may see it (see `shown_evaluation`)."""
    evaluation = session.evaluation
    if evaluation is None:
        return None
    return shown_evaluation(evaluation, session.evaluation_minimum, viewer)


def at_rest(evaluation: Evaluation) -> Evaluation:
    """The evaluation as it may be written to disk (file, journal): while it is open,
    nothing but that it is open. A running aggregate on disk would give away each answer
    (the first one, or the difference of two writes); a crash mid-evaluation therefore
    loses the answers given so far, and people answer again."""
    return Evaluation(open=True) if evaluation.open else evaluation


def changes_at_rest(changes: Sequence[Change]) -> tuple[Change, ...]:
    """`changes` as the journal may keep them (see `at_rest`)."""
    return tuple(
        EvaluationPut(evaluation=at_rest(c.evaluation))
        if isinstance(c, EvaluationPut) and c.evaluation.open
        else c
        for c in changes
    )


def shown_evaluation(evaluation: Evaluation, minimum: int, viewer: Actor) -> Evaluation:
    """How many answered (for everyone, facilitators too), whether `viewer` answered (to
    them alone: nobody learns who else did), and the aggregates only once the evaluation is
    closed with at least `minimum` answers: the same for every viewer, one release for all.

    The rules let go of the figures when too few people answered (`answered_people`); the
    count is checked here again, whatever a file holds."""
    update: dict[str, object] = {}
    if evaluation.answered and evaluation.answered != (viewer.id,):
        update["answered"] = (viewer.id,) if viewer.id in evaluation.answered else ()
    released = not evaluation.open and evaluation.count >= minimum
    if not released and (evaluation.scores or evaluation.lines):
        update.update(scores={}, lines=())
    return evaluation.model_copy(update=update) if update else evaluation


def view_agreement(agreement: Agreement, viewer: Actor) -> Agreement:
    """While a consent round is open for answers (in_ronde), others see that someone
    answered, never what. Once the facilitator closed answering (beraad), every answer is
    seen by all, the facilitator too: the choice is made with the reactions in view."""
    if agreement.status != "in_ronde":
        return agreement
    answers = tuple(
        a if a.participant == viewer.id else a.model_copy(update={"kind": "verborgen", "text": ""})
        for a in agreement.answers
    )
    return (
        agreement
        if answers == agreement.answers
        else agreement.model_copy(update={"answers": answers})
    )


def waiting(session: Session) -> Waiting:
    """How many hidden cards wait, per theme and (unless anonymous) per organisation."""
    by_theme: dict[str, int] = {}
    by_organisation: dict[str, int] = {}
    people = {p.id: p for p in session.participants}
    for card in session.cards:
        if not card.hidden:
            continue
        by_theme[card.theme] = by_theme.get(card.theme, 0) + 1
        if not session.session.anonymous:
            person = people.get(card.author)
            organisation = person.organisation if person and person.organisation else "—"
            by_organisation[organisation] = by_organisation.get(organisation, 0) + 1
    voters = len({v.voter for v in session.votes}) if session.voting != "closed" else 0
    return Waiting(by_theme=by_theme, by_organisation=by_organisation, voters=voters)
