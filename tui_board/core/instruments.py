"""The method's own instruments, with their texts from the seeds.

- The nine norms of a working community (Werkgemeenschappen organiseren), rated 1–5 in the
  closing evaluation (procesevaluatie); only aggregates are kept, and only shown once at
  least the session's minimum of people (`MIN_ANSWERS` unless the template says otherwise,
  never fewer than `LOWEST_MIN_ANSWERS`) answered and the facilitator closed the evaluation.
- The five reflexes organisations fall back on under pressure, to tag cards with.
- The two legs of a complex task: the administrative leg (formal organisation) and the
  adaptive leg (informal platform); a TWO says which it rests on.
- The eleven "hoe dan" principles of the tussenruimte, as a health check (ja/deels/nee).

Texts are (Dutch, English). Pure data and small helpers; no I/O.
"""

from __future__ import annotations

from typing import Literal

Norm = Literal[
    "afspraken",
    "betrouwbaar",
    "bereikbaar",
    "open",
    "informatie",
    "hulpvaardig",
    "verantwoordelijkheid",
    "flexibel",
    "luisteren",
]
NORMS: tuple[tuple[Norm, str, str], ...] = (
    ("afspraken", "Afspraken nakomen", "Keeping agreements"),
    ("betrouwbaar", "Betrouwbaar zijn", "Being reliable"),
    ("bereikbaar", "Bereikbaar en beschikbaar zijn", "Being reachable and available"),
    ("open", "Open zijn", "Being open"),
    ("informatie", "Bereid zijn om informatie te delen", "Being willing to share information"),
    ("hulpvaardig", "Hulpvaardig zijn", "Being helpful"),
    ("verantwoordelijkheid", "Verantwoordelijkheid nemen", "Taking responsibility"),
    ("flexibel", "Flexibel zijn", "Being flexible"),
    ("luisteren", "Kunnen luisteren naar elkaar", "Being able to listen to each other"),
)
"""The nine norms (seed 003), in the seed's order: id, Dutch, English."""

NORM_IDS: tuple[Norm, ...] = tuple(n[0] for n in NORMS)

MIN_ANSWERS = 5
"""Below this many answers, no aggregate of the evaluation is shown anywhere (the default;
a template may set `evaluation_minimum`, down to `LOWEST_MIN_ANSWERS`)."""

LOWEST_MIN_ANSWERS = 3
"""The lowest minimum a template may set: with two, each of the two knows the other's
answer from the totals."""

Reflex = Literal["inzicht", "crisis", "harder_werken", "oplossing", "controle"]
REFLEXES: tuple[tuple[Reflex, str, str, str, str], ...] = (
    (
        "inzicht",
        "inzichtreflex",
        "Hoe lang zijn de wachttijden? Alsof weten al oplossen is.",
        "insight reflex",
        "How long are the waiting lists? As if knowing were solving.",
    ),
    (
        "crisis",
        "crisisreflex",
        "De ergste gevallen eerst!",
        "crisis reflex",
        "The worst cases first!",
    ),
    (
        "harder_werken",
        "harder-werken-reflex",
        "Productie! Efficiëntie!",
        "work-harder reflex",
        "Production! Efficiency!",
    ),
    (
        "oplossing",
        "(concrete) oplossingsreflex",
        "Nu meteen iets doen: meer budget, meer aanbod, overbruggingszorg.",
        "(concrete) solution reflex",
        "Do something right now: more budget, more supply, bridging care.",
    ),
    (
        "controle",
        "controlereflex",
        "Partijen ieder apart (aan)sturen op resultaat.",
        "control reflex",
        "Steering each party separately on results.",
    ),
)
"""The five reflexes (seed 000): id, Dutch name, Dutch meaning, English name and meaning."""

REFLEX_IDS: tuple[Reflex, ...] = tuple(r[0] for r in REFLEXES)

Leg = Literal["administratief", "adaptief"]
LEGS: tuple[tuple[Leg, str, str, str, str], ...] = (
    (
        "administratief",
        "administratief been",
        "formele organisatie: mandaat, budget, convenant",
        "administrative leg",
        "formal organisation: mandate, budget, covenant",
    ),
    (
        "adaptief",
        "adaptief been",
        "informeel platform: praktijk, netwerk",
        "adaptive leg",
        "informal platform: practice, network",
    ),
)
"""The two legs of a complex task ("denk tweebenig", seed 000)."""

PRINCIPLES: tuple[tuple[str, str], ...] = (
    (
        "Organiseer echt tussenruimte: gelijkwaardigheid tussen ongelijke actoren in een "
        "informele setting (geen pseudo-overleg).",
        "Organise a real in-between space: equality between unequal actors in an informal "
        "setting (no pseudo-consultation).",
    ),
    (
        "Met relevante betrokkenen uit het primaire proces.",
        "With relevant people from the primary process.",
    ),
    (
        "Zet de gezamenlijke opgave centraal, met oog voor belangen.",
        "Put the shared task first, with an eye for interests.",
    ),
    ("Een gezamenlijk gedragen agenda.", "A jointly supported agenda."),
    (
        "Zorg voor een samenwerkingsproces dat houvast geeft, door duidelijke spelregels af "
        "te spreken over het 'hoe'.",
        "A collaboration process that gives something to hold on to, with clear ground "
        "rules about the 'how'.",
    ),
    (
        "Draagkracht en draagvlak (uit de eigen organisatie).",
        "Capacity and support (from one's own organisation).",
    ),
    ("Neem het thuisfront mee.", "Take the home front along."),
    (
        "Ontwikkel de agenda door, door te leren.",
        "Develop the agenda further by learning.",
    ),
    (
        "Bouw aan een regionaal narratief (verantwoording én trots).",
        "Build a regional narrative (accountability and pride).",
    ),
    (
        "Stuur op voortgang en kwaliteit (niet alleen op snelheid en output).",
        "Steer on progress and quality (not only on speed and output).",
    ),
    ("Denk tweebenig.", "Think two-legged."),
)
"""The eleven "hoe dan" principles of the tussenruimte (seed 000), numbered 1–11."""

PrincipleAnswer = Literal["ja", "deels", "nee"]
Instrument = Literal["evaluatie", "reflexen", "benen", "principes"]
INSTRUMENTS: tuple[Instrument, ...] = ("evaluatie", "reflexen", "benen", "principes")
"""What a template can switch on or off (all on by default)."""


def _column(language: str) -> int:
    return 1 if language == "en" else 0


def norm_title(norm: str, language: str) -> str:
    """A norm's words in the language."""
    for found, nl, en in NORMS:
        if found == norm:
            return en if language == "en" else nl
    return norm


def reflex_text(reflex: str, language: str) -> tuple[str, str]:
    """A reflex's name and one-line meaning in the language."""
    for found, nl, nl_meaning, en, en_meaning in REFLEXES:
        if found == reflex:
            return (en, en_meaning) if language == "en" else (nl, nl_meaning)
    return (reflex, "")


def leg_text(leg: str, language: str) -> tuple[str, str]:
    """A leg's name and what it rests on, in the language."""
    for found, nl, nl_meaning, en, en_meaning in LEGS:
        if found == leg:
            return (en, en_meaning) if language == "en" else (nl, nl_meaning)
    return (leg, "")


def principle_text(number: int, language: str) -> str:
    """Principle `number` (1–11) in the language."""
    return PRINCIPLES[number - 1][_column(language)]


def mean(scores: tuple[int, ...]) -> float | None:
    """The mean rating from counts of 1..5 (None without ratings)."""
    total = sum(scores)
    if not total:
        return None
    return sum((i + 1) * n for i, n in enumerate(scores)) / total
