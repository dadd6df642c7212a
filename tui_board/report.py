"""The report of a session: bondig en concreet (spelregel 6), in Markdown or one HTML file.

`build_report` turns a Session into a `reportdoc.Report`: plain blocks (paragraphs, lists,
tables, sections) holding plain text, cleaned of control characters. The renderers in
`reportdoc` turn those into Markdown or HTML and escape every piece of text on the way.

Sections are made by the functions in `SECTIONS`, in order; each returns None when the
session has nothing for it. Later schema versions add their own builders without touching
the renderers: agreements (TWO's with their "waarom", owner organisations, review date and
the consent round) go first, right after the lead, because that is what a report is for;
clusters and votes go after the cards.

Privacy: hidden cards are counted, never printed; in an anonymous session no card is ever
linked to a person or an organisation; "voice" is counted per organisation, never per person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .i18n import t
from .model import Card, Participant, Role, Session, board_order
from .phases import phase_title
from .reportdoc import Block, Items, Line, Para, Report, Section, Span, Table
from .reportdoc import render_html as render_html
from .reportdoc import render_markdown as render_markdown
from .text import clean_text


def _plain(text: str) -> Line:
    return (Span(text),)


# --- building ----------------------------------------------------------------------------


def format_date(day: dt.date) -> str:
    """A date as people write it: "26 november 2026" (or "26 November 2026")."""
    months = t("report.months").split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def organisation_of(person: Participant) -> str:
    """The organisation someone sits at the table for, cleaned ("" when none)."""
    return clean_text(person.organisation)


def by_organisation(people: tuple[Participant, ...]) -> list[tuple[str, list[Participant]]]:
    """People grouped per organisation: organisations A-Z (none last), names A-Z."""
    groups: dict[str, list[Participant]] = {}
    for person in people:
        groups.setdefault(organisation_of(person), []).append(person)
    order = sorted(groups, key=lambda org: (org == "", org.casefold(), org))
    return [
        (org, sorted(groups[org], key=lambda p: (clean_text(p.name).casefold(), p.id)))
        for org in order
    ]


def mandate_mark(person: Participant) -> str:
    """ "mandaat ✓", "geen mandaat ✗" or "mandaat ?"."""
    if person.mandate is None:
        return t("report.mandate.unknown")
    return t("report.mandate.yes" if person.mandate else "report.mandate.no")


def person_marks(person: Participant) -> str:
    """Mandate, and the role when it is not "participant": "procesbegeleider, mandaat ?"."""
    marks = [mandate_mark(person)]
    if person.role is not Role.PARTICIPANT:
        marks.insert(0, t(f"report.role.{person.role.value}"))
    return ", ".join(marks)


def author_label(session: Session, card: Card, people: dict[str, Participant]) -> str:
    """ "Anna Bakker (Gemeente Tiel)" for a card; "" when unknown or anonymous."""
    if session.session.anonymous or not card.author:
        return ""
    person = people.get(card.author)
    if person is None:
        return ""
    org = organisation_of(person)
    name = clean_text(person.name)
    return f"{name} ({org})" if org else name


def at_table(session: Session) -> list[Participant]:
    """The people who can confirm the spelregels: everyone but observers."""
    return [p for p in session.participants if p.role is not Role.OBSERVER]


def _lead(session: Session) -> tuple[Line, ...]:
    meta = session.session
    facts = [
        Span(t("report.kind"), "strong"),
        Span(" · " + t("report.date", date=format_date(meta.date))),
    ]
    if clean_text(meta.place):
        facts.append(Span(" · " + t("report.place", place=clean_text(meta.place))))
    lines: list[Line] = [tuple(facts)]
    phase = session.current_phase()
    if phase is not None:
        number = session.phases.index(phase) + 1
        title = clean_text(phase_title(phase.id, phase.title))
        lines.append(
            _plain(t("report.phase", phase=title, number=number, total=len(session.phases)))
        )
    elif not session.phases:
        lines.append(_plain(t("report.no_phases")))
    if meta.anonymous:
        lines.append(_plain(t("report.anonymous")))
    return tuple(lines)


def _questions(session: Session) -> Section | None:
    questions = [clean_text(q) for q in session.questions if clean_text(q)]
    if not questions:
        return None
    return Section("questions", t("report.questions"), (Items(tuple(map(_plain, questions))),))


def _table(session: Session) -> Section:
    people = session.participants
    if not people:
        return Section("table", t("report.table"), (Para(_plain(t("report.nobody"))),))
    groups = by_organisation(people)
    summary = t(
        "report.table_summary",
        people=len(people),
        organisations=sum(1 for org, _ in groups if org),
        yes=sum(p.mandate is True for p in people),
        no=sum(p.mandate is False for p in people),
        unknown=sum(p.mandate is None for p in people),
    )
    items: list[Line] = []
    for org, members in groups:
        names = "; ".join(f"{clean_text(p.name)} ({person_marks(p)})" for p in members)
        label = org or t("report.no_organisation")
        items.append((Span(label, "strong"), Span(": " + names)))
    return Section(
        "table", t("report.table"), (Para(_plain(summary), note=True), Items(tuple(items)))
    )


def _spelregels(session: Session) -> Section:
    rules = [clean_text(rule) for rule in session.spelregels if clean_text(rule)]
    if not rules:
        return Section(
            "spelregels", t("report.spelregels"), (Para(_plain(t("report.no_spelregels"))),)
        )
    present = at_table(session)
    ids = {p.id for p in present}
    count = sum(1 for person in set(session.confirmed) if person in ids)
    blocks: tuple[Block, ...] = (
        Items(tuple(map(_plain, rules)), numbered=True),
        Para(_plain(t("report.confirmed", count=count, total=len(present))), note=True),
    )
    return Section("spelregels", t("report.spelregels"), blocks)


def _cards(session: Session) -> Section:
    people = {p.id: p for p in session.participants}
    per_theme: dict[str, list[Card]] = {theme.id: [] for theme in session.themes}
    for card in board_order(session, session.cards):
        per_theme.setdefault(card.theme, []).append(card)
    hidden_total = sum(1 for card in session.cards if card.hidden)
    summary = t(
        "report.cards_summary", visible=len(session.cards) - hidden_total, hidden=hidden_total
    )
    blocks: list[Block] = [Para(_plain(summary), note=True)]
    for theme in session.themes:
        cards = per_theme[theme.id]
        inner: list[Block] = []
        if clean_text(theme.question):
            inner.append(Para((Span(clean_text(theme.question), "em"),)))
        items: list[Line] = []
        for card in cards:
            if card.hidden:
                continue
            author = author_label(session, card, people)
            line: Line = (Span(clean_text(card.text)),)
            if author:
                line += (Span(" — "), Span(author, "em"))
            items.append(line)
        if items:
            inner.append(Items(tuple(items)))
        hidden = sum(1 for card in cards if card.hidden)
        if hidden:
            inner.append(Para(_plain(t("report.hidden", count=hidden)), note=True))
        if not cards:
            inner.append(Para(_plain(t("report.no_cards")), note=True))
        blocks.append(Section("theme", clean_text(theme.title), tuple(inner)))
    return Section("cards", t("report.cards"), tuple(blocks))


def _voice(session: Session) -> Section | None:
    if not session.participants and not session.cards:
        return None
    anonymous = session.session.anonymous
    seats: dict[str, int] = {}
    for person in session.participants:
        org = organisation_of(person) or t("report.no_organisation")
        seats[org] = seats.get(org, 0) + 1
    written: dict[str, int] = {}
    if not anonymous:
        people = {p.id: p for p in session.participants}
        for card in session.cards:
            author = people.get(card.author)
            if author is None:
                org = t("report.voice.unknown")
            else:
                org = organisation_of(author) or t("report.no_organisation")
            written[org] = written.get(org, 0) + 1
    orgs = sorted(set(seats) | set(written), key=lambda org: (org.casefold(), org))
    header = [t("report.voice.organisation"), t("report.voice.people")]
    if not anonymous:
        header.append(t("report.voice.cards"))
    rows: list[tuple[str, ...]] = []
    total = len(session.cards)
    for org in orgs:
        row = [org, str(seats.get(org, 0))]
        if not anonymous:
            cards = written.get(org, 0)
            share = f" ({round(100 * cards / total)}%)" if total else ""
            row.append(f"{cards}{share}")
        rows.append(tuple(row))
    numeric = (False, True, True)[: len(header)]
    note = t("report.voice_anonymous" if anonymous else "report.voice_note")
    table = Table(tuple(header), tuple(rows), numeric)
    return Section("voice", t("report.voice"), (table, Para(_plain(note), note=True)))


SECTIONS: tuple[Callable[[Session], Section | None], ...] = (
    _questions,
    _table,
    _spelregels,
    _cards,
    _voice,
)
"""The section builders, in the order of the report (see the module docstring)."""


def build_report(session: Session) -> Report:
    """The report of `session`, in the current language."""
    sections = tuple(s for s in (build(session) for build in SECTIONS) if s is not None)
    return Report(clean_text(session.session.title), _lead(session), sections)


FORMATS = ("md", "html")
"""The formats `render` knows."""


def render(session: Session, fmt: str) -> str:
    """The report of `session` as "md" or "html" text."""
    report = build_report(session)
    if fmt == "html":
        return render_html(report)
    if fmt == "md":
        return render_markdown(report)
    raise ValueError(f"unknown report format {fmt!r}")
