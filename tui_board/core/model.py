"""The session and its parts as pydantic models: pure data, no I/O.

A session file on disk (see `store`) is exactly this model. Later features (phases,
clusters, votes, agreements) get their own fields here; the schema version says which
shape a file has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from enum import StrEnum
from operator import attrgetter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tui_board.core.instruments import (
    INSTRUMENTS,
    LOWEST_MIN_ANSWERS,
    MIN_ANSWERS,
    NORM_IDS,
    Instrument,
    Leg,
    PrincipleAnswer,
    Reflex,
)

SCHEMA_VERSION = 4
"""The schema version this program writes; it reads every version up to this one."""

MAX_DOTS = 20
"""The largest dot budget a facilitator can set."""

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"


class Role(StrEnum):
    """What someone may do at the table."""

    FACILITATOR = "facilitator"
    COFACILITATOR = "cofacilitator"
    PARTICIPANT = "participant"
    OBSERVER = "observer"


EDITORS = frozenset({Role.FACILITATOR, Role.COFACILITATOR})
"""The roles that run the session: they may change anyone's cards, in any phase."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Meta(_Strict):
    """What the session is: shown on top of the board and in reports."""

    id: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The session's stable identity, made once by `new` and kept on every save; "" in
    older files, which then have a derived one (`session_identity`)."""
    title: str = Field(strict=True, min_length=1, max_length=200)
    """The title of the session, e.g. "Duurzaam samenwerken in Rivierenland"."""
    date: dt.date = Field(strict=True)
    """The day the session takes place."""
    place: str = Field(strict=True, default="", max_length=200)
    """Where it takes place (may be empty)."""
    template: str = Field(strict=True, default="rivierenland", pattern=ID_PATTERN)
    """The name of the template the session was made from."""
    language: Literal["nl", "en"] = "nl"
    """The language of the session's own texts: "nl" or "en"."""
    anonymous: bool = Field(strict=True, default=False)
    """Authors are shown to nobody and not written to this file (schema 2)."""
    lobby: bool = Field(strict=True, default=False)
    """Newcomers wait in the lobby until a facilitator lets them in (live sessions)."""
    recorded: dt.date | None = Field(strict=True, default=None)
    """The day the session was recorded afterwards on the offline board (the notulist:
    people added, cards and answers on their behalf); None for a session held on the board."""
    recorded_by: str = Field(strict=True, default="", max_length=100)
    """Who recorded it afterwards (the facilitator's name at the time)."""


class Theme(_Strict):
    """One column of the board."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Short stable name, used by cards to say where they belong."""
    title: str = Field(strict=True, min_length=1, max_length=200)
    """The title shown above the column."""
    question: str = Field(strict=True, default="", max_length=500)
    """The guiding question shown under the title."""


class Participant(_Strict):
    """Someone at the table."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Stable id; cards name their author by it."""
    name: str = Field(strict=True, min_length=1, max_length=100)
    """Display name."""
    organisation: str = Field(strict=True, default="", max_length=100)
    """The organisation they sit at the table for."""
    role: Role = Role.PARTICIPANT
    """What they may do."""
    mandate: bool | None = Field(strict=True, default=None)
    """Whether they may make agreements for their organisation (spelregel 3); None: not
    said yet (schema 2)."""


class Card(_Strict):
    """One card on the board."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Stable id, made by whoever created the card."""
    theme: str = Field(strict=True, pattern=ID_PATTERN)
    """The id of the theme (column) the card is in."""
    text: str = Field(strict=True, min_length=1, max_length=500)
    """What the card says: plain text, never markup."""
    author: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The id of the participant who wrote it; empty when unknown."""
    position: int = Field(strict=True, ge=0)
    """Order within the theme: lower comes first. Gaps are normal."""
    created: dt.datetime = Field(strict=True)
    """When the card was made (UTC)."""
    updated: dt.datetime = Field(strict=True)
    """When the card was last changed (UTC)."""
    hidden: bool = Field(strict=True, default=False)
    """Written during private writing and not yet revealed: only its author sees it
    (schema 2)."""
    kind: Literal["", "probleem", "voorstel"] = ""
    """A problem, a proposal, or neither (spelregel 2: a problem is followed by a proposal)."""
    answers: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """For a proposal: the id of the problem card it answers."""
    cluster: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The id of the cluster the card belongs to ("" for none; schema 4). The cards of a
    cluster stand together in its theme."""
    reflex: Reflex | Literal[""] = ""
    """The reflex the group fell back on here, if tagged (schema 4; see `instruments`)."""

    @field_validator("created", "updated")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            raise PydanticCustomError("timezone_aware", "time without a time zone")
        return value.astimezone(dt.UTC)


Capability = Literal["add_card", "edit_card", "move_card", "confirm", "vote", "consent", "evaluate"]


class Phase(_Strict):
    """One step of the session's flow."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Short stable name, e.g. "verzamelen"."""
    title: str = Field(strict=True, min_length=1, max_length=100)
    """The name shown on every board."""
    ask: str = Field(strict=True, default="", max_length=300)
    """One plain sentence: what this phase asks of participants."""
    allows: tuple[Capability, ...] = ()
    """What participants may do in this phase (facilitators may always do everything)."""


class Timer(_Strict):
    """The session's timer. The relay's clock is the one that counts."""

    duration: int = Field(strict=True, gt=0, le=24 * 3600)
    """The length it was set to, in seconds."""
    ends: dt.datetime | None = Field(strict=True, default=None)
    """When it reaches zero, while it runs (UTC)."""
    left: int = Field(strict=True, default=0, ge=0)
    """Seconds left, while it is paused."""

    @field_validator("ends")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise PydanticCustomError("timezone_aware", "time without a time zone")
        return value.astimezone(dt.UTC) if value is not None else None

    def remaining(self, now: dt.datetime) -> int:
        """Whole seconds left at `now` (never below zero)."""
        if self.ends is None:
            return self.left
        return max(0, int((self.ends - now).total_seconds() + 0.999))


class Cluster(_Strict):
    """Cards grouped under one title while ordering (ordenen, schema 4)."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Stable id; cards name their cluster by it, votes may name it as their card."""
    title: str = Field(strict=True, min_length=1, max_length=200)
    """The title the group gave it."""
    theme: str = Field(strict=True, pattern=ID_PATTERN)
    """The theme (column) where its cards stand."""


class Vote(_Strict):
    """Dots one participant put on one card or cluster."""

    voter: str = Field(strict=True, pattern=ID_PATTERN)
    """The participant who voted."""
    card: str = Field(strict=True, pattern=ID_PATTERN)
    """The card voted on, or the cluster (a cluster is voted on as one)."""
    dots: int = Field(strict=True, ge=1, le=MAX_DOTS)
    """How many dots."""


AgreementStatus = Literal[
    "concept", "in_ronde", "beraad", "aangenomen", "geparkeerd", "herzien", "vervallen"
]
AnswerKind = Literal["werkbaar", "bedenking", "achterban", "verborgen"]


class Answer(_Strict):
    """One participant's answer in a consent round."""

    participant: str = Field(strict=True, pattern=ID_PATTERN)
    """Who answered."""
    kind: AnswerKind
    """werkbaar (kan ermee werken), bedenking (a concern, spelregel 5), achterban (needs to
    consult their organisation first, spelregel 4). "verborgen" is only ever sent to others
    while the round is open: that someone answered, not what."""
    text: str = Field(strict=True, default="", max_length=500)
    """The concern or note, in their words."""
    round: int = Field(strict=True, default=1, ge=1)
    """The round it was given in."""


class Agreement(_Strict):
    """A TWO: Tijdelijk Werkbare Overeenstemming (schema 3)."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """Stable id."""
    what: str = Field(strict=True, min_length=1, max_length=500)
    """The agreement: what we will do (afspraak)."""
    why: str = Field(strict=True, min_length=1, max_length=1000)
    """Why (waarom, spelregel 6): required."""
    owners: tuple[str, ...] = ()
    """The organisations at the table that own it (eigenaar)."""
    review: dt.date | None = Field(strict=True, default=None)
    """When we look at it again (evaluatiedatum)."""
    status: AgreementStatus = "concept"
    """concept → in_ronde (answering, each answer seen by its answerer only) → beraad
    (answering closed, every answer seen by all) → aangenomen (or back to concept, or
    geparkeerd); later herzien or vervallen."""
    source: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The card or cluster it grew from, if any."""
    revisits: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """For a second round: the id of the terugblik entry (an agreement of the earlier
    session) it adjusts (schema 4)."""
    legs: tuple[Leg, ...] = ()
    """What it rests on: the administrative leg (mandate, budget, convenant), the adaptive
    leg (practice, network), or both ("denk tweebenig", schema 4)."""
    round: int = Field(strict=True, default=0, ge=0)
    """How many consent rounds it has had."""
    answers: tuple[Answer, ...] = ()
    """The answers of the current or last round."""
    concerns: tuple[Answer, ...] = ()
    """Concerns of earlier rounds: they stay with the agreement for the next round."""


Verdict = Literal["", "werkt", "afgerond", "bijstellen", "vervallen"]
Opening = Literal["cluster", "reflex"]


class Evaluation(_Strict):
    """The closing evaluation on the nine norms: aggregates only, never one person's ratings
    (schema 4)."""

    open: bool = Field(strict=True, default=True)
    """Participants can still answer. Closing is final; only then are aggregates shown."""
    count: int = Field(strict=True, default=0, ge=0)
    """How many people answered."""
    answered: tuple[str, ...] = ()
    """Who answered (each once); others only ever see the count."""
    scores: dict[str, tuple[int, int, int, int, int]] = Field(default_factory=dict)
    """Per norm id: how many rated it 1, 2, 3, 4 and 5."""
    lines: tuple[str, ...] = ()
    """The open lines ("wat nemen we mee"), without names, in alphabetical order."""

    @field_validator("scores")
    @classmethod
    def _known_norms(
        cls, value: dict[str, tuple[int, int, int, int, int]]
    ) -> dict[str, tuple[int, int, int, int, int]]:
        for norm, counts in value.items():
            if norm not in NORM_IDS or any(n < 0 for n in counts):
                raise PydanticCustomError("unknown_norm", "unknown norm {norm}", {"norm": norm})
        return value


class PrincipleCheck(_Strict):
    """What the group said of one of the eleven principles (schema 4)."""

    number: int = Field(strict=True, ge=1, le=11)
    """Which principle (1–11, see `instruments.PRINCIPLES`)."""
    answer: PrincipleAnswer
    """ja, deels or nee."""
    note: str = Field(strict=True, default="", max_length=500)
    """A short note."""


class Origin(_Strict):
    """The earlier session a session was made from with `new --from` (schema 4)."""

    title: str = Field(strict=True, min_length=1, max_length=200)
    """Its title."""
    date: dt.date = Field(strict=True)
    """Its date."""
    file: str = Field(strict=True, default="", max_length=200)
    """Its file name (no folder), as it was when this session was made."""
    id: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """Its identity (`session_identity`): finds it after a rename or in the archive."""
    vastgesteld: dt.date | None = Field(strict=True, default=None)
    """The day its minutes (notulen) were ratified in this session's opening; None while
    not (yet) ratified."""
    correcties: str = Field(strict=True, default="", max_length=2000)
    """The corrections the group made to its minutes when ratifying them, in their words."""


class Review(_Strict):
    """An adopted TWO of the earlier session, to look back on (terugblik, schema 4)."""

    id: str = Field(strict=True, pattern=ID_PATTERN)
    """The agreement's id in the earlier session."""
    what: str = Field(strict=True, min_length=1, max_length=500)
    """The agreement as it was adopted."""
    why: str = Field(strict=True, default="", max_length=1000)
    """Why it was made."""
    owners: tuple[str, ...] = ()
    """The organisations that owned it."""
    review: dt.date | None = Field(strict=True, default=None)
    """The review date that was set."""
    concerns: tuple[str, ...] = ()
    """The concerns raised when it was adopted, as "name (organisation): text"."""
    agenda: int = Field(strict=True, default=1, ge=1)
    """How many sessions it has stood on the agenda, this one included: an adopted
    agreement comes back in every next session until it is closed."""
    verdict: Verdict = ""
    """What the group says now: werkt (stays in force and comes back), afgerond (worked and
    is done), bijstellen (a new draft for a second round) or vervallen; "" while not yet
    discussed (it comes back)."""
    note: str = Field(strict=True, default="", max_length=1000)
    """The experience, in the group's words."""


ConflictSide = Literal["", "ours", "theirs"]


class Conflict(_Strict):
    """Something both sides of a git merge changed differently (`tussenruimte merge`, see
    `merging`): the file holds our side's value, this entry keeps the other side's value
    until someone decides and removes it (docs/session-format.md)."""

    part: str = Field(strict=True, default="", max_length=40)
    """Where: the table ("cards", "agreements", "session", …); "" for a top-level field."""
    id: str = Field(strict=True, default="", max_length=200)
    """The id of the card, agreement, participant … ("" for a field of a plain table)."""
    field: str = Field(strict=True, default="", max_length=200)
    """The field that differs ("text", "title", …); "" when the whole item is meant."""
    ours: str = Field(strict=True, default="", max_length=20000)
    """The value the file kept (ours, the branch merged into), as text."""
    theirs: str = Field(strict=True, default="", max_length=20000)
    """The other side's value, as text."""
    removed: ConflictSide = ""
    """Which side deleted the item while the other changed it (the file keeps the changed
    item); "" when both changed it."""


_BY_ID = attrgetter("id")
_INDEX_FROM = 32
"""From this many people at the table on, `Session.participant` looks them up in an index."""
_people_index: tuple[tuple[Participant, ...], dict[str, Participant]] = ((), {})
"""The participants tuple last looked up in, and its index by id (a relay welcoming a room
of a thousand asks the same table again and again; a tuple never changes)."""


class Session(_Strict):
    """A whole session: what the board shows and what the file holds."""

    schema_version: int = Field(strict=True, default=SCHEMA_VERSION, alias="schema")
    """The version of the file format."""
    session: Meta
    """Title, date, place, template and language."""
    questions: tuple[str, ...] = ()
    """The questions the session asks itself (shown in the help and the report)."""
    spelregels: tuple[str, ...] = ()
    """The ground rules of the session, from the template."""
    themes: tuple[Theme, ...] = Field(min_length=1)
    """The columns of the board, in order."""
    participants: tuple[Participant, ...] = ()
    """Everyone who sat at the table."""
    cards: tuple[Card, ...] = ()
    """Every card. The file keeps them in board order; in memory the order is not kept
    (use `cards_in` or `board_order`)."""
    phases: tuple[Phase, ...] = ()
    """The steps of the session, from its template; none: a free board (schema 2)."""
    phase: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The id of the current phase ("" without phases)."""
    private: bool = Field(strict=True, default=False)
    """Private writing is on: new cards stay hidden until the facilitator reveals them."""
    spotlight: str = Field(strict=True, default="", pattern=r"^$|" + ID_PATTERN)
    """The id of the card in the spotlight on every board ("" for none)."""
    timer: Timer | None = None
    """The timer, when one is set."""
    confirmed: tuple[str, ...] = ()
    """Ids of the participants who confirmed the spelregels."""
    dots: int = Field(strict=True, default=3, ge=1, le=MAX_DOTS)
    """Dots each participant may spend, which is also the most on one card (schema 3)."""
    voting: Literal["", "closed"] = ""
    """"closed" once the facilitator closed the round: then everyone sees the tally."""
    votes: tuple[Vote, ...] = ()
    """Every dot placed, one entry per voter and card (secret until the round closes)."""
    agreements: tuple[Agreement, ...] = ()
    """The TWOs made in this session, in the order they were drafted (schema 3)."""
    clusters: tuple[Cluster, ...] = ()
    """The clusters made while ordering (schema 4)."""
    open_to_all: tuple[Opening, ...] = ()
    """Facilitator actions the template opens to every participant: "cluster" (schema 4)."""
    instruments: tuple[Instrument, ...] = INSTRUMENTS
    """The method's instruments this session uses (a template may switch some off)."""
    evaluation: Evaluation | None = None
    """The closing evaluation, once started (schema 4)."""
    evaluation_minimum: int = Field(strict=True, default=MIN_ANSWERS)
    """How many people must have answered the evaluation before its figures are shown
    (from the template; at least `instruments.LOWEST_MIN_ANSWERS`)."""
    principles: tuple[PrincipleCheck, ...] = ()
    """The health check on the eleven principles, as far as it went (schema 4)."""
    invited: tuple[str, ...] = ()
    """Organisations expected at the table, carried over from the earlier session: the voice
    panel shows them also while nobody of theirs has joined (schema 4)."""
    origin: Origin | None = None
    """The earlier session this one was made from, if any (schema 4)."""
    terugblik: tuple[Review, ...] = ()
    """The earlier session's adopted TWOs, to look back on first (schema 4)."""
    conflicts: tuple[Conflict, ...] = ()
    """What a git merge could not decide (`tussenruimte merge`): ours is kept, each entry
    names the other side's value until someone removes it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("evaluation_minimum")
    @classmethod
    def _enough_answers(cls, value: int) -> int:
        return check_evaluation_minimum(value)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if not 1 <= value <= SCHEMA_VERSION:
            raise PydanticCustomError(
                "schema_version",
                "unknown schema version {version}",
                {"version": value, "supported": SCHEMA_VERSION},
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Session:
        _unique("themes", [t.id for t in self.themes])
        _unique("participants", [p.id for p in self.participants])
        _unique("cards", [c.id for c in self.cards])
        theme_ids = {t.id for t in self.themes}
        people = {p.id for p in self.participants}
        for card in self.cards:
            if card.theme not in theme_ids:
                raise PydanticCustomError(
                    "unknown_theme",
                    "card {card} is in unknown theme {theme}",
                    {"card": card.id, "theme": card.theme, "known": ", ".join(sorted(theme_ids))},
                )
            if card.author and card.author not in people:
                raise PydanticCustomError(
                    "unknown_author",
                    "card {card} names unknown author {author}",
                    {"card": card.id, "author": card.author},
                )
        _unique("phases", [p.id for p in self.phases])
        _unique("agreements", [a.id for a in self.agreements])
        _unique("clusters", [c.id for c in self.clusters])
        _unique("terugblik", [r.id for r in self.terugblik])
        _unique("principles", [str(p.number) for p in self.principles])
        clusters = {c.id: c for c in self.clusters}
        for card in self.cards:
            home = clusters.get(card.cluster) if card.cluster else None
            if card.cluster and (home is None or home.theme != card.theme):
                raise PydanticCustomError(
                    "unknown_cluster",
                    "card {card} names cluster {cluster}, which is not in its theme",
                    {"card": card.id, "cluster": card.cluster},
                )
        for cluster in self.clusters:
            if cluster.theme not in theme_ids:
                raise PydanticCustomError(
                    "cluster_theme",
                    "cluster {id} is in unknown theme {theme}",
                    {"id": cluster.id, "theme": cluster.theme, "known": ", ".join(theme_ids)},
                )
        if self.phases and self.phase not in {p.id for p in self.phases}:
            raise PydanticCustomError(
                "unknown_phase",
                "unknown phase {phase}",
                {"phase": self.phase, "known": ", ".join(p.id for p in self.phases)},
            )
        if not self.phases and self.phase:
            raise PydanticCustomError(
                "unknown_phase", "unknown phase {phase}", {"phase": self.phase, "known": "-"}
            )
        if self.spotlight and self.spotlight not in {c.id for c in self.cards}:
            raise PydanticCustomError(
                "unknown_card", "unknown card {card}", {"card": self.spotlight}
            )
        card_ids = {c.id for c in self.cards}
        _unique("cards and clusters", [*card_ids, *clusters])
        for card in self.cards:
            if card.answers and card.answers not in card_ids:
                raise PydanticCustomError(
                    "unknown_card", "unknown card {card}", {"card": card.answers}
                )
        for vote in self.votes:
            if vote.voter not in people or not (vote.card in card_ids or vote.card in clusters):
                raise PydanticCustomError(
                    "unknown_card", "unknown card {card}", {"card": f"{vote.voter}/{vote.card}"}
                )
        for person in self.confirmed:
            if person not in people:
                raise PydanticCustomError(
                    "unknown_person", "unknown participant {person}", {"person": person}
                )
        return self

    def agreement(self, agreement_id: str) -> Agreement | None:
        """The agreement with this id, if any."""
        return next((a for a in self.agreements if a.id == agreement_id), None)

    def cluster(self, cluster_id: str) -> Cluster | None:
        """The cluster with this id, if any."""
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def members(self, cluster_id: str) -> list[Card]:
        """The cards of a cluster, in board order."""
        cards = (c for c in self.cards if c.cluster == cluster_id)
        return sorted(cards, key=lambda c: (c.position, c.id))

    def organisations(self) -> list[str]:
        """The organisations at the table, in order of first appearance."""
        seen: dict[str, None] = {}
        for person in self.participants:
            if person.organisation and person.role is not Role.OBSERVER:
                seen[person.organisation] = None
        return list(seen)

    def open_problems(self) -> list[Card]:
        """Problem cards that no proposal answers yet."""
        answered = {c.answers for c in self.cards if c.answers}
        return [c for c in self.cards if c.kind == "probleem" and c.id not in answered]

    def dots_used(self, voter: str) -> int:
        """How many dots `voter` has spent."""
        return sum(v.dots for v in self.votes if v.voter == voter)

    def tally(self) -> dict[str, int]:
        """Dots per card id (use only what the viewer may see)."""
        totals: dict[str, int] = {}
        for vote in self.votes:
            totals[vote.card] = totals.get(vote.card, 0) + vote.dots
        return totals

    def current_phase(self) -> Phase | None:
        """The phase the session is in, if it has phases."""
        return next((p for p in self.phases if p.id == self.phase), None)

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with this id, if any."""
        return next((t for t in self.themes if t.id == theme_id), None)

    def card(self, card_id: str) -> Card | None:
        """The card with this id, if any."""
        return next((c for c in self.cards if c.id == card_id), None)

    def participant(self, participant_id: str) -> Participant | None:
        """The participant with this id, if any."""
        people = self.participants
        if len(people) < _INDEX_FROM:
            return next((p for p in people if p.id == participant_id), None)
        global _people_index
        indexed = _people_index  # read once: another thread may swap it meanwhile
        if indexed[0] is not people:
            indexed = (people, dict(zip(map(_BY_ID, people), people, strict=True)))
            _people_index = indexed
        return indexed[1].get(participant_id)

    def cards_in(self, theme_id: str) -> list[Card]:
        """The cards of one theme, in board order."""
        return sorted(
            (c for c in self.cards if c.theme == theme_id), key=lambda c: (c.position, c.id)
        )


def session_identity(session: Session) -> str:
    """The session's stable identity: its `id`, or for an older file without one an id
    derived from its date, title and place (the same file always gives the same id, and so
    does every copy of it)."""
    if session.session.id:
        return session.session.id
    meta = session.session
    seed = "\n".join((meta.date.isoformat(), meta.title.casefold(), meta.place.casefold()))
    return f"{meta.date.isoformat()}-{hashlib.sha256(seed.encode()).hexdigest()[:8]}"


def new_identity(date: dt.date) -> str:
    """A fresh identity for a new session: its date and eight random hex digits."""
    return f"{date.isoformat()}-{secrets.token_hex(4)}"


def check_evaluation_minimum(value: int) -> int:
    """`value` as an evaluation minimum, or a validation error that says why not."""
    if value < LOWEST_MIN_ANSWERS:
        raise PydanticCustomError(
            "evaluation_minimum",
            "the evaluation minimum must be at least {lowest}",
            {"lowest": LOWEST_MIN_ANSWERS, "value": value},
        )
    return value


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise PydanticCustomError(
                "duplicate_id", "id {id} occurs twice in {what}", {"id": item, "what": what}
            )
        seen.add(item)


def board_order(session: Session, cards: tuple[Card, ...] | list[Card]) -> tuple[Card, ...]:
    """Sort cards the way the board shows them: theme order, then position, then id."""
    rank = {t.id: i for i, t in enumerate(session.themes)}
    return tuple(sorted(cards, key=lambda c: (rank.get(c.theme, len(rank)), c.position, c.id)))
