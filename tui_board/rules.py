"""The rules: one pure function decides what an Op does and who may do it.

`apply(session, op, actor, now)` returns either `Applied` (the new session and the
Changes that lead to it) or `Refused` (a message key and its values, so every client can
say why in its own language). The offline board and the relay both call it; nothing else
changes a session. `apply_changes` replays Changes on a copy, as every client does with
what the relay sends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import assert_never

from .model import Card, Participant, Role, Session
from .ops import (
    Actor,
    AddCard,
    CardPut,
    CardRemoved,
    Change,
    DeleteCard,
    EditCard,
    Join,
    MoveCard,
    Op,
    ParticipantPut,
)
from .text import MAX_CARD_TEXT, clean_line, clean_text

GAP = 1024
"""Space left between card positions so that an insert rarely renumbers a theme."""

EDITORS = frozenset({Role.FACILITATOR, Role.COFACILITATOR})
"""Roles that may change anyone's cards."""


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


def apply(session: Session, op: Op, actor: Actor, now: dt.datetime) -> Outcome:
    """Decide whether `actor` may do `op` on `session` at time `now`, and what it changes."""
    now = now.astimezone(dt.UTC).replace(microsecond=0)
    if isinstance(op, Join):
        return _join(session, op, actor)
    if actor.role is Role.OBSERVER:
        return Refused("refused.observer")
    if session.participant(actor.id) is None:
        return Refused("refused.not_at_table")
    match op:
        case AddCard():
            return _add(session, op, actor, now)
        case EditCard():
            return _edit(session, op, actor, now)
        case DeleteCard():
            return _delete(session, op, actor)
        case MoveCard():
            return _move(session, op, actor, now)
        case _:
            assert_never(op)


def apply_changes(session: Session, changes: Iterable[Change]) -> Session:
    """Return `session` with `changes` applied, in order. No rules: changes are decisions."""
    cards = {c.id: c for c in session.cards}
    people = {p.id: p for p in session.participants}
    for change in changes:
        match change:
            case CardPut():
                cards[change.card.id] = change.card
            case CardRemoved():
                cards.pop(change.card_id, None)
            case ParticipantPut():
                people[change.participant.id] = change.participant
            case _:
                assert_never(change)
    return session.model_copy(
        update={"cards": tuple(cards.values()), "participants": tuple(people.values())}
    )


def _done(session: Session, changes: list[Change]) -> Applied:
    return Applied(apply_changes(session, changes), tuple(changes))


def _join(session: Session, op: Join, actor: Actor) -> Outcome:
    name = clean_line(op.name, 100)
    if not name:
        return Refused("refused.name_empty")
    person = Participant(
        id=actor.id, name=name, organisation=clean_line(op.organisation, 100), role=actor.role
    )
    if session.participant(actor.id) == person:
        return Applied(session, ())
    return _done(session, [ParticipantPut(participant=person)])


def _card_text(text: str) -> str | Refused:
    cleaned = clean_text(text)
    if not cleaned:
        return Refused("refused.text_empty")
    if len(cleaned) > MAX_CARD_TEXT:
        return Refused("refused.text_too_long", {"max": str(MAX_CARD_TEXT)})
    return cleaned


def _own_card(session: Session, card_id: str, actor: Actor) -> Card | Refused:
    card = session.card(card_id)
    if card is None:
        return Refused("refused.no_card")
    if actor.role not in EDITORS and card.author != actor.id:
        return Refused("refused.not_your_card")
    return card


def _add(session: Session, op: AddCard, actor: Actor, now: dt.datetime) -> Outcome:
    if session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    if session.card(op.card_id) is not None:
        return Refused("refused.card_exists")
    text = _card_text(op.text)
    if isinstance(text, Refused):
        return text
    placed = _place(session.cards_in(op.theme), op.card_id, op.before)
    if isinstance(placed, Refused):
        return placed
    position, shifted = placed
    card = Card(
        id=op.card_id,
        theme=op.theme,
        text=text,
        author=actor.id,
        position=position,
        created=now,
        updated=now,
    )
    return _done(session, [*shifted, CardPut(card=card)])


def _edit(session: Session, op: EditCard, actor: Actor, now: dt.datetime) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    text = _card_text(op.text)
    if isinstance(text, Refused):
        return text
    if text == card.text:
        return Applied(session, ())
    return _done(session, [CardPut(card=card.model_copy(update={"text": text, "updated": now}))])


def _delete(session: Session, op: DeleteCard, actor: Actor) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    return _done(session, [CardRemoved(card_id=card.id, theme=card.theme)])


def _move(session: Session, op: MoveCard, actor: Actor, now: dt.datetime) -> Outcome:
    card = _own_card(session, op.card_id, actor)
    if isinstance(card, Refused):
        return card
    if session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    if op.before == card.id and op.theme == card.theme:
        return Applied(session, ())
    others = [c for c in session.cards_in(op.theme) if c.id != card.id]
    placed = _place(others, card.id, op.before)
    if isinstance(placed, Refused):
        return placed
    position, shifted = placed
    if card.theme == op.theme and card.position == position and not shifted:
        return Applied(session, ())
    moved = card.model_copy(update={"theme": op.theme, "position": position, "updated": now})
    return _done(session, [*shifted, CardPut(card=moved)])


def _place(
    ordered: list[Card], card_id: str, before: str | None
) -> tuple[int, list[Change]] | Refused:
    """Find a position for `card_id` before `before` (or at the end) among `ordered`.

    Returns the position and the changes to neighbours when the theme had to be renumbered
    because there was no gap left.
    """
    if before is None:
        return (ordered[-1].position + GAP if ordered else GAP), []
    index = next((i for i, c in enumerate(ordered) if c.id == before), -1)
    if index < 0:
        return Refused("refused.no_card")
    low = ordered[index - 1].position if index > 0 else -1
    high = ordered[index].position
    if high - low >= 2:
        return (low + high) // 2, []
    # No room: renumber the whole theme with even gaps; only cards that move are sent.
    shifted: list[Change] = []
    for rank, other in enumerate(ordered, start=1):
        new_position = (rank + (rank > index)) * GAP
        if other.position != new_position:
            shifted.append(CardPut(card=other.model_copy(update={"position": new_position})))
    return (index + 1) * GAP, shifted
