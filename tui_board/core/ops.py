"""Every change to a session is an Op; what an Op did is a list of Changes.

Ops are what a person asks for (a key press, a message from a client). Changes are what
the rules decided happened; boards and clients apply Changes, never Ops. Both are pydantic
models with a `type` field, so the wire protocol can carry them as they are.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from tui_board.core.instruments import Leg, PrincipleAnswer, Reflex
from tui_board.core.model import (
    ID_PATTERN,
    MAX_DOTS,
    Agreement,
    Card,
    Cluster,
    Evaluation,
    Origin,
    Participant,
    PrincipleCheck,
    Review,
    Role,
    Timer,
    Vote,
)


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Join(_Op):
    """Take a seat at the table (or update one's name and organisation)."""

    type: Literal["join"] = "join"
    name: str = Field(max_length=200)
    """The name to show."""
    organisation: str = Field(default="", max_length=200)
    """The organisation one sits at the table for."""
    mandate: bool | None = None
    """Whether one may make agreements for one's organisation; None keeps what was said."""


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
    answers: str = Field(default="", pattern=r"^$|" + ID_PATTERN)
    """Make it a proposal that answers this problem card (spelregel 2)."""


class SetKind(_Op):
    """Mark a card as a problem, a proposal, or neither."""

    type: Literal["set_kind"] = "set_kind"
    card_id: str = Field(pattern=ID_PATTERN)
    kind: Literal["", "probleem", "voorstel"]


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


class SetPhase(_Op):
    """Move the room to another phase (facilitators)."""

    type: Literal["set_phase"] = "set_phase"
    phase: str = Field(default="", pattern=r"^$|" + ID_PATTERN)
    """The id of the phase to go to; empty to move by `step`."""
    step: int = Field(default=0, ge=-20, le=20)
    """Move this many phases from where the room is when the relay applies it (so that
    three quick presses of ] move three phases, whatever the board had seen)."""


class SetPrivate(_Op):
    """Switch private writing on or off (facilitators)."""

    type: Literal["set_private"] = "set_private"
    on: bool


class Reveal(_Op):
    """Reveal the hidden cards, of one theme or of all (facilitators)."""

    type: Literal["reveal"] = "reveal"
    theme: str | None = Field(default=None, pattern=ID_PATTERN)
    """Only this theme; every theme when None."""


class Spotlight(_Op):
    """Put one card on every screen, or end the spotlight with None (facilitators)."""

    type: Literal["spotlight"] = "spotlight"
    card_id: str | None = Field(default=None, pattern=ID_PATTERN)


class TimerOp(_Op):
    """Start, pause, resume, lengthen or stop the timer (facilitators)."""

    type: Literal["timer"] = "timer"
    action: Literal["start", "pause", "resume", "add", "stop"]
    seconds: int = Field(default=0, ge=0, le=24 * 3600)
    """For start: the length; for add: how much longer."""


class SetRole(_Op):
    """Give someone another role (the facilitator); handing over "facilitator" makes the
    giver a participant."""

    type: Literal["set_role"] = "set_role"
    participant: str = Field(pattern=ID_PATTERN)
    role: Role


class Confirm(_Op):
    """Confirm the spelregels (each participant once)."""

    type: Literal["confirm"] = "confirm"


class SetSpelregels(_Op):
    """Edit the spelregels for this session (facilitators)."""

    type: Literal["set_spelregels"] = "set_spelregels"
    spelregels: tuple[str, ...] = Field(max_length=30)


class SetMandate(_Op):
    """Say whether one has a mandate to make agreements (spelregel 3)."""

    type: Literal["set_mandate"] = "set_mandate"
    mandate: bool


class VoteOp(_Op):
    """Put a dot on a card (+1) or take one back (-1)."""

    type: Literal["vote"] = "vote"
    card_id: str = Field(pattern=ID_PATTERN)
    delta: Literal[1, -1]


class SetDots(_Op):
    """Set the dot budget (facilitators)."""

    type: Literal["set_dots"] = "set_dots"
    dots: int = Field(ge=1, le=MAX_DOTS)


class CloseVoting(_Op):
    """Close the voting round (everyone sees the tally), or open it again (facilitators)."""

    type: Literal["close_voting"] = "close_voting"
    closed: bool = True


class DraftAgreement(_Op):
    """Draft a TWO, or change a draft (facilitators)."""

    type: Literal["draft_agreement"] = "draft_agreement"
    agreement_id: str = Field(pattern=ID_PATTERN)
    what: str = Field(max_length=2000)
    why: str = Field(max_length=4000)
    owners: tuple[str, ...] = Field(default=(), max_length=30)
    review: dt.date | None = None
    source: str = Field(default="", pattern=r"^$|" + ID_PATTERN)
    legs: tuple[Leg, ...] = Field(default=(), max_length=2)
    """What it rests on: the administrative leg, the adaptive leg, or both."""


class StartRound(_Op):
    """Start a consent round on a TWO (facilitators)."""

    type: Literal["start_round"] = "start_round"
    agreement_id: str = Field(pattern=ID_PATTERN)


class AnswerOp(_Op):
    """Answer in a consent round: werkbaar, bedenking (with a text) or achterban."""

    type: Literal["answer"] = "answer"
    agreement_id: str = Field(pattern=ID_PATTERN)
    kind: Literal["werkbaar", "bedenking", "achterban"]
    text: str = Field(default="", max_length=2000)


class CloseAnswers(_Op):
    """Close answering in a consent round: from now on everyone sees the answers, and the
    facilitator chooses with them in view (facilitators)."""

    type: Literal["close_answers"] = "close_answers"
    agreement_id: str = Field(pattern=ID_PATTERN)


class CloseRound(_Op):
    """After answering closed: adopt, amend (back to concept) or park (facilitators)."""

    type: Literal["close_round"] = "close_round"
    agreement_id: str = Field(pattern=ID_PATTERN)
    outcome: Literal["aangenomen", "concept", "geparkeerd"]


class GroupCards(_Op):
    """Group cards into a cluster, or add them to an existing one (ordenen).

    The first card decides the theme where the cluster stands; the others join it there,
    also from other themes."""

    type: Literal["group_cards"] = "group_cards"
    cluster_id: str = Field(pattern=ID_PATTERN)
    """The id of the new cluster (made by the client), or of the cluster to add to."""
    title: str = Field(max_length=1000)
    """The title of the cluster."""
    cards: tuple[str, ...] = Field(min_length=1, max_length=500)
    """The cards to group; the first one says where."""


class Ungroup(_Op):
    """Undo a cluster: its cards stay where they are, without it."""

    type: Literal["ungroup"] = "ungroup"
    cluster_id: str = Field(pattern=ID_PATTERN)


class RenameCluster(_Op):
    """Give a cluster another title."""

    type: Literal["rename_cluster"] = "rename_cluster"
    cluster_id: str = Field(pattern=ID_PATTERN)
    title: str = Field(max_length=1000)


class TagReflex(_Op):
    """Tag a card with the reflex the group fell back on (or "" to untag)."""

    type: Literal["tag_reflex"] = "tag_reflex"
    card_id: str = Field(pattern=ID_PATTERN)
    reflex: Reflex | Literal[""]


class StartEvaluation(_Op):
    """Start the closing evaluation, or close it (facilitators; closing is final)."""

    type: Literal["start_evaluation"] = "start_evaluation"
    close: bool = False


class Evaluate(_Op):
    """One person's ratings of the nine norms (1–5) and one open line. Only the relay sees
    them: it adds them to the aggregates and keeps nothing else."""

    type: Literal["evaluate"] = "evaluate"
    scores: dict[str, int] = Field(max_length=20)
    line: str = Field(default="", max_length=2000)


class CheckPrinciple(_Op):
    """Record ja, deels or nee (with a note) for one of the eleven principles (facilitators)."""

    type: Literal["check_principle"] = "check_principle"
    number: int = Field(ge=1, le=11)
    answer: PrincipleAnswer | Literal[""]
    """"" takes the answer back."""
    note: str = Field(default="", max_length=2000)


class SuggestCluster(_Op):
    """Propose a cluster to the facilitators (for whoever may not group cards)."""

    type: Literal["suggest_cluster"] = "suggest_cluster"
    title: str = Field(max_length=1000)
    cards: tuple[str, ...] = Field(min_length=1, max_length=500)


class ReviewOp(_Op):
    """Record what the group says of an earlier agreement (terugblik, facilitators)."""

    type: Literal["review"] = "review"
    review_id: str = Field(pattern=ID_PATTERN)
    """The terugblik entry (the earlier agreement's id)."""
    verdict: Literal["", "werkt", "afgerond", "bijstellen", "vervallen"]
    """werkt, afgerond (worked and done), bijstellen (makes a draft TWO for a second round),
    vervallen; "" undoes."""
    note: str = Field(default="", max_length=4000)
    """The experience, in the group's words."""
    agreement_id: str = Field(default="", pattern=r"^$|" + ID_PATTERN)
    """For bijstellen: the id of the new draft (made by the client)."""


class RatifyMinutes(_Op):
    """Ratify the minutes (notulen) of the session this one follows (`[origin]`), with the
    corrections the group made, or take the ratification back (facilitators)."""

    type: Literal["ratify_minutes"] = "ratify_minutes"
    ratified: bool = True
    """False takes the ratification (and its corrections) back."""
    note: str = Field(default="", max_length=4000)
    """The corrections, in the group's words; "" for none."""


class MergeParticipants(_Op):
    """Two seats are one person: everything of `merge` goes to `keep`, and `merge` leaves the
    table (facilitators)."""

    type: Literal["merge_participants"] = "merge_participants"
    keep: str = Field(pattern=ID_PATTERN)
    """The seat that stays."""
    merge: str = Field(pattern=ID_PATTERN)
    """The seat that goes: its cards, dots and answers follow to `keep`."""


class RemoveParticipant(_Op):
    """Take a seat away that wrote, voted and answered nothing (facilitators)."""

    type: Literal["remove_participant"] = "remove_participant"
    participant: str = Field(pattern=ID_PATTERN)


class AddPerson(_Op):
    """Put someone at the table who was there, when a session is recorded afterwards (the
    notulist; the facilitator, on the offline board only)."""

    type: Literal["add_person"] = "add_person"
    participant: str = Field(pattern=ID_PATTERN)
    """The id of the new seat (made by the board)."""
    name: str = Field(max_length=200)
    """Their name."""
    organisation: str = Field(default="", max_length=200)
    """The organisation they sat at the table for."""
    mandate: bool | None = None
    """Whether they could make agreements for their organisation; None: not said."""


BehalfOp = Annotated[AddCard | AnswerOp | Evaluate, Field(discriminator="type")]
"""What the notulist can do on someone's behalf: a card, a consent answer, an evaluation."""


class OnBehalf(_Op):
    """Do `op` as the person at the table who did it in the room, when a session is recorded
    afterwards (the notulist; the facilitator, on the offline board only). The rules judge
    `op` as that person's own."""

    type: Literal["on_behalf"] = "on_behalf"
    participant: str = Field(pattern=ID_PATTERN)
    """Who wrote the card or gave the answer."""
    op: BehalfOp


AnyOp = (
    Join
    | AddCard
    | EditCard
    | DeleteCard
    | MoveCard
    | SetPhase
    | SetPrivate
    | Reveal
    | Spotlight
    | TimerOp
    | SetRole
    | Confirm
    | SetSpelregels
    | SetMandate
    | VoteOp
    | SetDots
    | CloseVoting
    | SetKind
    | DraftAgreement
    | StartRound
    | AnswerOp
    | CloseAnswers
    | CloseRound
    | GroupCards
    | Ungroup
    | RenameCluster
    | SuggestCluster
    | ReviewOp
    | RatifyMinutes
    | TagReflex
    | StartEvaluation
    | Evaluate
    | CheckPrinciple
    | MergeParticipants
    | RemoveParticipant
    | AddPerson
    | OnBehalf
)
Op = Annotated[AnyOp, Field(discriminator="type")]
"""Any op; parse one with `OP_ADAPTER.validate_python(...)`."""

OP_ADAPTER: TypeAdapter[AnyOp] = TypeAdapter(Op)

RECORDING_OPS = (AddPerson, OnBehalf)
"""Ops of the notulist: only for recording a session afterwards on the offline board; the
relay refuses them (`refused.offline_only`)."""


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
    hidden: bool = False
    """The card was still hidden (then only its author hears of it)."""
    author: str = ""
    """Who wrote it (used by views to decide who hears of a hidden card; never sent)."""


class ParticipantPut(BaseModel):
    """Someone joined the table or changed their details."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["participant_put"] = "participant_put"
    participant: Participant


class ParticipantRemoved(BaseModel):
    """A seat left the table for good: taken away empty, or merged `into` another seat.

    The changes before it in the same event already moved everything of the seat to `into`
    (cards, dots, answers); what remains of it is let go."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["participant_removed"] = "participant_removed"
    participant: str
    into: str = ""
    """For a merge: the seat that stays (a token of the removed seat now leads there)."""


class StatePut(BaseModel):
    """The room's state changed: phase, private writing, spotlight, timer, spelregels."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["state_put"] = "state_put"
    phase: str
    private: bool
    spotlight: str
    timer: Timer | None = None
    spelregels: tuple[str, ...]
    confirmed: tuple[str, ...]
    dots: int = 3
    voting: Literal["", "closed"] = ""


class Waiting(BaseModel):
    """How many hidden cards wait for the reveal, per theme and per organisation.

    Only views make this change: it is what others see of private writing."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["waiting"] = "waiting"
    by_theme: dict[str, int]
    by_organisation: dict[str, int]
    voters: int = 0
    """How many people have voted in the open round (never who, nor on what)."""


class VotePut(BaseModel):
    """One voter's dots on one card are now `dots` (0: none)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["vote_put"] = "vote_put"
    voter: str
    card: str
    dots: int = Field(ge=0)


class VotesShown(BaseModel):
    """The round closed: every vote, for everyone."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["votes_shown"] = "votes_shown"
    votes: tuple[Vote, ...]


class AgreementPut(BaseModel):
    """A TWO was drafted or changed: this is how it is now."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["agreement_put"] = "agreement_put"
    agreement: Agreement


class ClusterPut(BaseModel):
    """A cluster was made or changed: this is how it is now."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["cluster_put"] = "cluster_put"
    cluster: Cluster


class ClusterRemoved(BaseModel):
    """A cluster is gone (its cards stay; dots on it go back to their voters)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["cluster_removed"] = "cluster_removed"
    cluster_id: str


class ClusterSuggested(BaseModel):
    """Someone proposes a cluster: only facilitators hear of it; the session is unchanged."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["cluster_suggested"] = "cluster_suggested"
    by: str
    title: str
    cards: tuple[str, ...]


class EvaluationPut(BaseModel):
    """The evaluation changed: this is how it is now (views strip the aggregates until it is
    closed with enough answers)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["evaluation_put"] = "evaluation_put"
    evaluation: Evaluation


class PrinciplePut(BaseModel):
    """The answer on one principle changed (`check` None: taken back)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["principle_put"] = "principle_put"
    number: int
    check: PrincipleCheck | None = None


class ReviewPut(BaseModel):
    """A terugblik entry changed: this is how it is now."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["review_put"] = "review_put"
    review: Review


class OriginPut(BaseModel):
    """Where the session came from changed (its minutes ratified): this is how it is now."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["origin_put"] = "origin_put"
    origin: Origin


class RecordedPut(BaseModel):
    """The session is recorded afterwards: on this day, by this person."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["recorded_put"] = "recorded_put"
    recorded: dt.date
    recorded_by: str


AnyChange = (
    CardPut
    | CardRemoved
    | ParticipantPut
    | ParticipantRemoved
    | StatePut
    | Waiting
    | VotePut
    | VotesShown
    | AgreementPut
    | ClusterPut
    | ClusterRemoved
    | ClusterSuggested
    | ReviewPut
    | EvaluationPut
    | PrinciplePut
    | RecordedPut
    | OriginPut
)
Change = Annotated[AnyChange, Field(discriminator="type")]
"""Any change; parse one with `CHANGE_ADAPTER.validate_python(...)`."""

CHANGE_ADAPTER: TypeAdapter[AnyChange] = TypeAdapter(Change)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks for an op: decided by the board offline, by the relay live — never the client."""

    id: str
    role: Role


def new_id(prefix: str = "k") -> str:
    """A fresh random id for a card (or anything else) made on this client."""
    return prefix + secrets.token_hex(5)
