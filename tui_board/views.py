"""What each client may see. The relay sends every client its own view of an event.

Privacy by not sending: a hidden card (private writing, before the reveal) goes to its
author only; everyone else hears how many cards are waiting per theme and organisation.
In an anonymous session a card's author goes to that author only. `view_key` groups
clients that see the same bytes, so the relay encodes each event once per group.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Card, Session
from .ops import Actor, CardPut, CardRemoved, Change, Waiting

NOBODY_WAITS = Waiting(by_theme={}, by_organisation={})


def _private_to(card_author: str, hidden: bool, session: Session) -> bool:
    return hidden or (session.session.anonymous and bool(card_author))


def view_key(changes: Sequence[Change], session: Session, viewer: Actor) -> str:
    """Clients with the same key receive identical bytes for this event."""
    for change in changes:
        if isinstance(change, CardPut):
            card = change.card
            if _private_to(card.author, card.hidden, session) and card.author == viewer.id:
                return "author:" + viewer.id
        elif isinstance(change, CardRemoved) and change.hidden and change.author == viewer.id:
            return "author:" + viewer.id
    return "others"


def view_card(card: Card, session: Session, viewer: Actor) -> Card | None:
    """The card as `viewer` may see it, or None when they may not see it at all."""
    if card.author == viewer.id:
        return card
    if card.hidden:
        return None
    if session.session.anonymous and card.author:
        return card.model_copy(update={"author": ""})
    return card


def is_private(changes: Sequence[Change], session: Session) -> bool:
    """Whether some viewers must not learn who made these changes."""
    for change in changes:
        if isinstance(change, CardPut) and _private_to(
            change.card.author, change.card.hidden, session
        ):
            return True
        if isinstance(change, CardRemoved) and change.hidden:
            return True
    return False


def view_changes(changes: Sequence[Change], session: Session, viewer: Actor) -> tuple[Change, ...]:
    """The changes as `viewer` may see them (`session` is the session after them)."""
    shown: list[Change] = []
    for change in changes:
        if isinstance(change, CardPut):
            card = change.card
            visible = view_card(card, session, viewer)
            if visible is not None:
                shown.append(change if visible is card else CardPut(card=visible))
        elif isinstance(change, CardRemoved):
            if change.hidden and change.author != viewer.id:
                continue
            shown.append(CardRemoved(card_id=change.card_id, theme=change.theme))
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
    return session.model_copy(update={"cards": tuple(cards)})


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
    return Waiting(by_theme=by_theme, by_organisation=by_organisation)
