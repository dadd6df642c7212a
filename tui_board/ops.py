"""Every change to a session is an Op; what an Op did is a list of Changes.

Ops are what a person asks for (a key press, a message from a client). Changes are what
the rules decided happened; boards and clients apply Changes, never Ops. Both are pydantic
models with a `type` field, so the wire protocol can carry them as they are.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from .model import ID_PATTERN, Card, Participant, Role


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Join(_Op):
    """Take a seat at the table (or update one's name and organisation)."""

    type: Literal["join"] = "join"
    name: str = Field(max_length=200)
    """The name to show."""
    organisation: str = Field(default="", max_length=200)
    """The organisation one sits at the table for."""


class AddCard(_Op):
    """Add a card to a theme."""

    type: Literal["add_card"] = "add_card"
    card_id: str = Field(pattern=ID_PATTERN)
    """The id of the new card, made by the client."""
    theme: str = Field(pattern=ID_PATTERN)
    """The theme to add it to."""
    text: str = Field(max_length=2000)
    """What the card says (cleaned and checked by the rules)."""
    before: str | None = None
    """Put the card before this card; at the end of the theme when None."""


class EditCard(_Op):
    """Change the text of a card."""

    type: Literal["edit_card"] = "edit_card"
    card_id: str = Field(pattern=ID_PATTERN)
    """The card to change."""
    text: str = Field(max_length=2000)
    """The new text."""


class DeleteCard(_Op):
    """Remove a card."""

    type: Literal["delete_card"] = "delete_card"
    card_id: str = Field(pattern=ID_PATTERN)
    """The card to remove."""


class MoveCard(_Op):
    """Move a card to another theme and/or another place in its theme."""

    type: Literal["move_card"] = "move_card"
    card_id: str = Field(pattern=ID_PATTERN)
    """The card to move."""
    theme: str = Field(pattern=ID_PATTERN)
    """The theme it ends up in (its own theme to reorder)."""
    before: str | None = None
    """Put it before this card of that theme; at the end when None."""


Op = Annotated[Join | AddCard | EditCard | DeleteCard | MoveCard, Field(discriminator="type")]
"""Any op; parse one with `OP_ADAPTER.validate_python(...)`."""

OP_ADAPTER: TypeAdapter[Join | AddCard | EditCard | DeleteCard | MoveCard] = TypeAdapter(Op)


class CardPut(BaseModel):
    """A card was added or changed: this is how it is now."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["card_put"] = "card_put"
    card: Card


class CardRemoved(BaseModel):
    """A card is gone."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["card_removed"] = "card_removed"
    card_id: str
    theme: str


class ParticipantPut(BaseModel):
    """Someone joined the table or changed their details."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["participant_put"] = "participant_put"
    participant: Participant


Change = Annotated[CardPut | CardRemoved | ParticipantPut, Field(discriminator="type")]
"""Any change; parse one with `CHANGE_ADAPTER.validate_python(...)`."""

CHANGE_ADAPTER: TypeAdapter[CardPut | CardRemoved | ParticipantPut] = TypeAdapter(Change)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks for an op: decided by the board offline, by the relay live — never the client."""

    id: str
    role: Role


def new_id(prefix: str = "k") -> str:
    """A fresh random id for a card (or anything else) made on this client."""
    return prefix + secrets.token_hex(5)
