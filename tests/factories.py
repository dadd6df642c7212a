"""Plain functions that build sessions for tests and benchmarks (no pytest needed).

Import from tests as `from factories import ...` (pytest puts `tests/` on the path); a
benchmark adds `tests/` to `sys.path` itself.
"""

from __future__ import annotations

import datetime as dt

from tui_board.core.model import Card, Meta, Participant, Role, Session, Theme
from tui_board.core.ops import Actor, Op
from tui_board.core.rules import GAP, Applied, apply

NOW = dt.datetime(2026, 11, 26, 10, 0, 0, tzinfo=dt.UTC)
"""A fixed moment for every test: the morning of the session."""

LATER = NOW + dt.timedelta(minutes=5)
"""A fixed moment a little after NOW, to see `updated` change."""

DATE = dt.date(2026, 11, 26)
"""The day of the session."""

THEMES = (
    Theme(id="rollen", title="Rollen", question="Wie doet wat?"),
    Theme(id="leren", title="Samen leren", question="Wat leren we samen?"),
    Theme(id="doelen", title="Doelen", question="Waar werken we samen naartoe?"),
)
"""The three themes of the small session, in board order."""

PEOPLE = (
    Participant(id="ria", name="Ria", organisation="Gemeente", role=Role.FACILITATOR),
    Participant(id="cor", name="Cor", organisation="Wijkteam", role=Role.COFACILITATOR),
    Participant(id="anna", name="Anna", organisation="Zorgaanbieder", role=Role.PARTICIPANT),
    Participant(id="bram", name="Bram", organisation="School", role=Role.PARTICIPANT),
    Participant(id="olga", name="Olga", organisation="Woningcorporatie", role=Role.OBSERVER),
)
"""Everyone at the small session's table: one of each role, and two participants."""

FACILITATOR = Actor("ria", Role.FACILITATOR)
COFACILITATOR = Actor("cor", Role.COFACILITATOR)
ANNA = Actor("anna", Role.PARTICIPANT)
BRAM = Actor("bram", Role.PARTICIPANT)
OBSERVER = Actor("olga", Role.OBSERVER)
STRANGER = Actor("zoe", Role.PARTICIPANT)
"""Someone who is not at the table (not among the participants)."""

ACTORS = (FACILITATOR, COFACILITATOR, ANNA, BRAM, OBSERVER, STRANGER)
"""Every actor of the small session, the stranger included."""


def card(
    card_id: str,
    theme: str,
    position: int,
    *,
    author: str = "anna",
    text: str | None = None,
    when: dt.datetime = NOW,
) -> Card:
    """One card, with a readable default text."""
    return Card(
        id=card_id,
        theme=theme,
        text=text if text is not None else f"Kaart {card_id}",
        author=author,
        position=position,
        created=when,
        updated=when,
    )


SMALL_CARDS = (
    card("a1", "rollen", 1 * GAP, author="anna"),
    card("b1", "rollen", 2 * GAP, author="bram"),
    card("a2", "rollen", 3 * GAP, author="anna"),
    card("r1", "leren", 1 * GAP, author="ria"),
    card("b2", "leren", 2 * GAP, author="bram"),
)
"""The cards of the small session: three in `rollen`, two in `leren`, none in `doelen`."""


def make_session(
    *,
    cards: tuple[Card, ...] | list[Card] | None = None,
    themes: tuple[Theme, ...] = THEMES,
    participants: tuple[Participant, ...] = PEOPLE,
) -> Session:
    """A small session: three themes, one participant of each role (two participants)."""
    return Session(
        session=Meta(title="Testsessie", date=DATE, place="Tiel", template="rivierenland"),
        questions=("Wat hebben we nodig?",),
        spelregels=("We praten over oplossingen.", "Iedereen spreekt zorgen uit."),
        themes=themes,
        participants=participants,
        cards=tuple(SMALL_CARDS if cards is None else cards),
    )


def actor_for(session: Session, participant_id: str) -> Actor:
    """The actor of someone at the table, with their role."""
    person = session.participant(participant_id)
    if person is None:
        raise LookupError(participant_id)
    return Actor(person.id, person.role)


_WORDS = (
    "samen",
    "vertrouwen",
    "gemeente",
    "wijkteam",
    "school",
    "zorg",
    "afspraak",
    "mandaat",
    "leren",
    "doel",
    "rol",
    "partnerschap",
)


def big_session(
    participants: int = 40,
    cards_per_participant: int = 25,
    *,
    themes: int = 4,
    text_words: int = 12,
) -> Session:
    """A big, deterministic session: `participants` people each with that many cards.

    Cards are spread round-robin over `themes` themes, positions a GAP apart; the first
    participant is the facilitator. The cards are in board order, as a loaded file has them.
    """
    theme_list = tuple(
        Theme(id=f"thema-{t}", title=f"Thema {t + 1}", question=f"Vraag bij thema {t + 1}?")
        for t in range(themes)
    )
    people = tuple(
        Participant(
            id=f"p{p:03d}",
            name=f"Deelnemer {p + 1}",
            organisation=f"Organisatie {p % 7 + 1}",
            role=Role.FACILITATOR if p == 0 else Role.PARTICIPANT,
        )
        for p in range(participants)
    )
    per_theme: list[list[Card]] = [[] for _ in range(themes)]
    number = 0
    for p in range(participants):
        for c in range(cards_per_participant):
            t = number % themes
            words = " ".join(_WORDS[(number + w) % len(_WORDS)] for w in range(text_words))
            when = NOW + dt.timedelta(seconds=number)
            per_theme[t].append(
                Card(
                    id=f"p{p:03d}-k{c:03d}",
                    theme=theme_list[t].id,
                    text=f"{number + 1}. {words}",
                    author=people[p].id,
                    position=(len(per_theme[t]) + 1) * GAP,
                    created=when,
                    updated=when,
                )
            )
            number += 1
    return Session(
        session=Meta(title="Grote sessie", date=DATE, place="Culemborg"),
        questions=("Wat maakt samenwerking duurzaam?",),
        spelregels=(
            "Verantwoordelijkheid voor een deel = medeverantwoordelijkheid voor het geheel.",
        ),
        themes=theme_list,
        participants=people,
        cards=tuple(c for cards in per_theme for c in cards),
    )


def run_ops(session: Session, actor: Actor, *ops: Op, now: dt.datetime = NOW) -> Session:
    """Apply `ops` by `actor` with the rules, insisting that every one is applied."""
    for op in ops:
        outcome = apply(session, op, actor, now)
        assert isinstance(outcome, Applied), (op, outcome)
        session = outcome.session
    return session
