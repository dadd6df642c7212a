"""The report of a session: bondig en concreet (spelregel 6), in Markdown or one HTML file.

`build_report` turns a Session into a `reportdoc.Report`: plain blocks (paragraphs, lists,
tables, sections) holding plain text, cleaned of control characters. The renderers in
`reportdoc` turn those into Markdown or HTML and escape every piece of text on the way.

Sections are made by the functions in `SECTIONS`, in order; each returns None when the
session has nothing for it, so a session of any schema version (or one with only cards)
gets a report with just what it has. The agreements (TWO's with their "waarom", owner
organisations, review date, status, the concerns raised and the last consent round) go
first, right after the lead, because that is what a report is for (spelregel 6); then the
terugblik on the earlier session's agreements; then who sat at the table, the spelregels,
the cards per theme (grouped in their clusters, with their dots once the voting round is
closed), the voting round, the problems still without a proposal, and the voice per
organisation.

Privacy: hidden cards are counted, never printed; in an anonymous session no card and no
concern is ever linked to a person or an organisation; votes are shown only once the
facilitator closed the voting round (before that the report says so and shows no number);
answers of a consent round that is still open are counted, never shown; "voice" is counted
per organisation, never per person.

The method's instruments get a section each, only when the session has them on
(`Session.instruments`) and used them: the reflexes the group fell back on (per reflex its
meaning and its cards), the agreements grouped by the legs they rest on (one-legged ones
flagged; inside the agreements section), the health check on the eleven principles, and the
closing evaluation. The evaluation shows only what every board was shown: the aggregates per
norm and the open lines (never a name), and only once it was closed with at least the
session's `evaluation_minimum` of answers (default `instruments.MIN_ANSWERS`); it says with
how many answers the figures were made; before that, or with fewer answers, it says why not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui_board.afterwards.reportdoc import (
    Block,
    Item,
    Items,
    Line,
    Para,
    Report,
    Section,
    Span,
    Table,
)
from tui_board.afterwards.reportdoc import render_html as render_html
from tui_board.afterwards.reportdoc import render_markdown as render_markdown
from tui_board.core.i18n import language, t, t_count
from tui_board.core.instruments import (
    MIN_ANSWERS,
    NORM_IDS,
    REFLEX_IDS,
    mean,
    norm_title,
    principle_text,
    reflex_text,
)
from tui_board.core.model import (
    Agreement,
    AgreementStatus,
    Answer,
    Card,
    Cluster,
    Evaluation,
    Origin,
    Participant,
    Review,
    Role,
    Session,
    board_order,
)
from tui_board.core.phases import phase_title
from tui_board.core.terugblik import with_corrections
from tui_board.core.text import clean_card_text, clean_text


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


def person_label(person: Participant) -> str:
    """ "Anna Bakker (Gemeente Tiel)", or the name alone without an organisation."""
    org = organisation_of(person)
    name = clean_text(person.name)
    return f"{name} ({org})" if org else name


def author_label(session: Session, card: Card, people: dict[str, Participant]) -> str:
    """ "Anna Bakker (Gemeente Tiel)" for a card; "" when unknown or anonymous."""
    return speaker(session, card.author, people)


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
    if meta.recorded is not None:
        day = format_date(meta.recorded)
        name = clean_text(meta.recorded_by)
        recorded = t("report.recorded_by", name=name, date=day) if name else None
        lines.append(_plain(recorded or t("report.recorded", date=day)))
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
    seated = at_table(session)  # people at the table: observers are listed, never counted
    summary = t(
        "report.table_summary",
        people=len(seated),
        organisations=sum(1 for org, _ in by_organisation(tuple(seated)) if org),
        yes=sum(p.mandate is True for p in seated),
        no=sum(p.mandate is False for p in seated),
        unknown=sum(p.mandate is None for p in seated),
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


def dots_label(count: int) -> str:
    """ "1 stip" or "5 stippen"."""
    return t("report.dots.one" if count == 1 else "report.dots", count=count)


def shown_tally(session: Session) -> dict[str, int]:
    """Dots per card or cluster id, only once the voting round is closed (else empty)."""
    return session.tally() if session.voting == "closed" else {}


def answered_problem(card: Card, cards: dict[str, Card]) -> Card | None:
    """The problem card a proposal (voorstel) answers; None for any other card, or when
    that card is gone."""
    return cards.get(card.answers) if card.kind == "voorstel" and card.answers else None


@dataclass(frozen=True, slots=True)
class CardContext:
    """What a card's line needs of its session: the people and the cards by id, and the
    dots shown per card or cluster (none before the voting round closed)."""

    session: Session
    people: dict[str, Participant]
    cards: dict[str, Card]
    tally: dict[str, int]

    @classmethod
    def of(cls, session: Session) -> CardContext:
        people = {p.id: p for p in session.participants}
        return cls(session, people, {c.id: c for c in session.cards}, shown_tally(session))

    def problem(self, card: Card) -> Card | None:
        """The problem card `card` answers, if it is a proposal that answers one."""
        return answered_problem(card, self.cards)

    def author(self, card: Card) -> str:
        """Who wrote `card` ("" when unknown or anonymous)."""
        return author_label(self.session, card, self.people)


def _card_line(card: Card, context: CardContext) -> Line:
    line: Line = ()
    if card.kind:
        line += (Span(t(f"report.kind.{card.kind}"), "strong"),)
    line += (Span(clean_card_text(card.text)),)
    problem = context.problem(card)
    if problem is not None:
        label = t("report.hidden_card") if problem.hidden else f'"{clean_text(problem.text)}"'
        line += (Span(" " + t("report.answers", problem=label)),)
    author = context.author(card)
    if author:
        line += (Span(" — "), Span(author, "em"))
    if context.tally.get(card.id):
        line += (Span(" · " + dots_label(context.tally[card.id])),)
    return line


def _cluster_line(cluster: Cluster, tally: dict[str, int]) -> Line:
    line: Line = (Span(t("report.cluster", title=clean_text(cluster.title)), "strong"),)
    if tally.get(cluster.id):
        line += (Span(" · " + dots_label(tally[cluster.id])),)
    return line


Placed = Card | tuple[Cluster, tuple[Card, ...]]
"""One entry in a theme's column: a card on its own, or a cluster with its cards."""


def laid_out(session: Session, ordered: Sequence[Card]) -> dict[str, list[Placed]]:
    """The column of each theme (by id) as the board lays out `ordered` (cards in board
    order): a card on its own, or a cluster with its cards where its first card stands; a
    cluster with none of those cards comes last in its theme's column, empty."""
    clusters = {c.id: c for c in session.clusters}
    members: dict[str, list[Card]] = {}
    for card in ordered:
        if card.cluster in clusters:
            members.setdefault(card.cluster, []).append(card)
    columns: dict[str, list[Placed]] = {theme.id: [] for theme in session.themes}
    shown: set[tuple[str, str]] = set()
    for card in ordered:
        cluster = clusters.get(card.cluster)
        if cluster is None:
            columns.setdefault(card.theme, []).append(card)
        elif (card.theme, cluster.id) not in shown:
            shown.add((card.theme, cluster.id))
            columns.setdefault(card.theme, []).append((cluster, tuple(members[cluster.id])))
    for cluster in session.clusters:
        if (cluster.theme, cluster.id) not in shown:
            columns.setdefault(cluster.theme, []).append((cluster, ()))
    return columns


def _cards(session: Session) -> Section:
    context = CardContext.of(session)
    per_theme: dict[str, list[Card]] = {theme.id: [] for theme in session.themes}
    for card in session.cards:
        per_theme.setdefault(card.theme, []).append(card)
    ordered = board_order(session, session.cards)
    columns = laid_out(session, [card for card in ordered if not card.hidden])
    hidden_total = sum(1 for card in session.cards if card.hidden)
    summary = t(
        "report.cards_summary", visible=len(session.cards) - hidden_total, hidden=hidden_total
    )
    if session.clusters:
        summary += " · " + t("report.clusters_summary", count=len(session.clusters))
    blocks: list[Block] = [Para(_plain(summary), note=True)]
    for theme in session.themes:
        cards = per_theme[theme.id]
        inner: list[Block] = []
        if clean_text(theme.question):
            inner.append(Para((Span(clean_text(theme.question), "em"),)))
        items: list[Line | Item] = []
        for placed in columns.get(theme.id, []):
            if isinstance(placed, Card):
                items.append(_card_line(placed, context))
                continue
            cluster, members = placed
            lines = tuple(_card_line(c, context) for c in members)
            empty: Line = (Span(t("report.cluster_empty")),)
            items.append(Item(_cluster_line(cluster, context.tally), Items(lines or (empty,))))
        if items:
            inner.append(Items(tuple(items)))
        hidden = sum(1 for card in cards if card.hidden)
        if hidden:
            inner.append(Para(_plain(t("report.hidden", count=hidden)), note=True))
        if not cards and not items:
            inner.append(Para(_plain(t("report.no_cards")), note=True))
        blocks.append(Section("theme", clean_text(theme.title), tuple(inner)))
    return Section("cards", t("report.cards"), tuple(blocks))


TOP = 5
"""How many cards or clusters the voting section lists, most dots first."""


def _votes(session: Session) -> Section | None:
    """The voting round: its result once closed; before that, only that it was not closed."""
    if session.voting != "closed":
        if not session.votes:
            return None
        note = Para(_plain(t("report.votes.open")), note=True)
        return Section("votes", t("report.votes"), (note,))
    tally = session.tally()
    voters = {v.voter for v in session.votes}
    summary = t(
        "report.votes.summary",
        voters=len(voters),
        dots=sum(tally.values()),
        budget=session.dots,
    )
    blocks: list[Block] = [Para(_plain(summary), note=True)]
    cards = {c.id: c for c in session.cards}
    clusters = {c.id: c for c in session.clusters}
    themes = {th.id: clean_text(th.title) for th in session.themes}
    order = {c.id: i for i, c in enumerate(board_order(session, session.cards))}
    rank = {th.id: i for i, th in enumerate(session.themes)}
    ranked: list[tuple[int, tuple[int, int], Line]] = []
    for target, dots in tally.items():
        card = cards.get(target)
        cluster = clusters.get(target)
        if card is not None and not card.hidden:
            line: Line = (Span(clean_card_text(card.text)),)
            theme, place = card.theme, (rank.get(card.theme, len(rank)), order[card.id])
        elif cluster is not None:
            line = (Span(t("report.cluster", title=clean_text(cluster.title)), "strong"),)
            theme, place = cluster.theme, (rank.get(cluster.theme, len(rank)), -1)
        else:
            continue  # a hidden card's dots are counted above, its text is never shown
        line += (Span(f" ({themes.get(theme, theme)}) — " + dots_label(dots)),)
        ranked.append((-dots, place, line))
    ranked.sort(key=lambda entry: (entry[0], entry[1]))
    if ranked:
        blocks.append(Para(_plain(t("report.votes.top", count=min(TOP, len(ranked))))))
        blocks.append(Items(tuple(line for _, _, line in ranked[:TOP]), numbered=True))
    else:
        blocks.append(Para(_plain(t("report.votes.none")), note=True))
    return Section("votes", t("report.votes"), tuple(blocks))


def _open_problems(session: Session) -> Section | None:
    """Problem cards that no proposal answers yet (spelregel 2)."""
    if not any(card.kind == "probleem" for card in session.cards):
        return None
    people = {p.id: p for p in session.participants}
    themes = {th.id: clean_text(th.title) for th in session.themes}
    open_cards = board_order(session, session.open_problems())
    items: list[Line | Item] = []
    for card in open_cards:
        if card.hidden:
            continue
        line: Line = (Span(clean_card_text(card.text)), Span(f" ({themes.get(card.theme, '')})"))
        author = author_label(session, card, people)
        if author:
            line += (Span(" — "), Span(author, "em"))
        items.append(line)
    blocks: list[Block] = []
    if not open_cards:
        blocks.append(Para(_plain(t("report.open_problems.none"))))
    else:
        blocks.append(Para(_plain(t("report.open_problems.count", count=len(open_cards)))))
    if items:
        blocks.append(Items(tuple(items)))
    hidden = sum(1 for card in open_cards if card.hidden)
    if hidden:
        blocks.append(Para(_plain(t("report.hidden", count=hidden)), note=True))
    return Section("open_problems", t("report.open_problems"), tuple(blocks))


# --- agreements and terugblik --------------------------------------------------------------

STATUS_ORDER: tuple[AgreementStatus, ...] = (
    "aangenomen",
    "in_ronde",
    "beraad",
    "concept",
    "herzien",
    "geparkeerd",
    "vervallen",
)
"""The order of the status groups: adopted first."""


def answer_counts(answers: tuple[Answer, ...]) -> dict[str, int]:
    """How many answers of each kind (werkbaar, bedenking, achterban, verborgen)."""
    counts = {"werkbaar": 0, "bedenking": 0, "achterban": 0, "verborgen": 0}
    for answer in answers:
        counts[answer.kind] = counts.get(answer.kind, 0) + 1
    return counts


def round_summary(agreement: Agreement) -> str:
    """The last consent round in one line: counts only, and none while the round is open."""
    if agreement.status == "in_ronde":
        return t_count("report.two.round_open", len(agreement.answers), number=agreement.round)
    if agreement.round == 0:
        return t("report.two.no_round")
    counts = answer_counts(agreement.answers)
    return t(
        "report.two.round",
        number=agreement.round,
        werkbaar=counts["werkbaar"],
        bedenking=counts["bedenking"],
        achterban=counts["achterban"],
    )


def speaker(session: Session, participant_id: str, people: dict[str, Participant]) -> str:
    """ "Anna Bakker (Gemeente Tiel)" for an answer; "" in an anonymous session or unknown."""
    if session.session.anonymous:
        return ""
    person = people.get(participant_id)
    return "" if person is None else person_label(person)


def concern_head(session: Session, concern: Answer, people: dict[str, Participant]) -> str:
    """ "Bedenking (ronde 1) van Anna Bakker:": who raised it (not in an anonymous session)
    and in which round."""
    who = speaker(session, concern.participant, people)
    if who:
        return t("report.two.concern_by", round=concern.round, who=who)
    return t("report.two.concern", round=concern.round)


def concern_line(session: Session, concern: Answer, people: dict[str, Participant]) -> Line:
    """One concern: who raised it (not in an anonymous session), in which round, and what."""
    head = concern_head(session, concern, people)
    return (Span(head + " "), Span(clean_text(concern.text) or "—"))


def note_line(session: Session, answer: Answer, people: dict[str, Participant]) -> Line:
    """The note someone wrote with "kan ermee werken" or "overleg met achterban": who (not
    in an anonymous session), in which round, and what."""
    kind = t(f"report.two.note.{answer.kind}")
    who = speaker(session, answer.participant, people)
    if who:
        head = t("report.two.note_by", kind=kind, round=answer.round, who=who)
    else:
        head = t("report.two.note", kind=kind, round=answer.round)
    return (Span(head + " "), Span(clean_text(answer.text)))


def notes_of(agreement: Agreement) -> tuple[Answer, ...]:
    """The answers other than concerns that came with a note, once answering closed; none
    of an open round (as `concerns_of`)."""
    if agreement.status == "in_ronde":
        return ()
    return tuple(
        a for a in agreement.answers if a.kind in ("werkbaar", "achterban") and clean_text(a.text)
    )


def concerns_of(agreement: Agreement) -> tuple[Answer, ...]:
    """Every concern the report shows: those of earlier rounds, and those of the last round
    once answering closed (also when a file was written by hand with them only among the
    answers); none of an open round."""
    concerns = list(agreement.concerns)
    if agreement.status != "in_ronde":
        concerns += (
            a for a in agreement.answers if a.kind == "bedenking" and a not in agreement.concerns
        )
    return tuple(concerns)


def _agreement_item(
    session: Session,
    agreement: Agreement,
    people: dict[str, Participant],
    cards: dict[str, Card],
    reviews: dict[str, Review],
) -> Item:
    sub: list[Line | Item] = [
        (Span(t("report.two.why") + " ", "em"), Span(clean_text(agreement.why))),
    ]
    owners = [clean_text(o) for o in agreement.owners if clean_text(o)]
    sub.append(_plain(t("report.two.owners", owners=", ".join(owners) or "—")))
    review = format_date(agreement.review) if agreement.review else t("report.two.no_review")
    sub.append(_plain(t("report.two.review", date=review)))
    source = cards.get(agreement.source)
    cluster = session.cluster(agreement.source) if agreement.source else None
    if source is not None and not source.hidden:
        sub.append(_plain(t("report.two.source", text=f'"{clean_text(source.text)}"')))
    elif cluster is not None:
        title = t("report.cluster", title=clean_text(cluster.title))
        sub.append(_plain(t("report.two.source", text=title)))
    earlier = reviews.get(agreement.revisits)
    if earlier is not None:
        sub.append(_plain(t("report.two.revisits", what=f'"{clean_text(earlier.what)}"')))
    sub.append(_plain(round_summary(agreement)))
    sub.extend(concern_line(session, concern, people) for concern in concerns_of(agreement))
    sub.extend(note_line(session, answer, people) for answer in notes_of(agreement))
    return Item((Span(clean_text(agreement.what), "strong"),), Items(tuple(sub)))


def _agreements(session: Session) -> Section | None:
    if not session.agreements:
        return None
    people = {p.id: p for p in session.participants}
    cards = {c.id: c for c in session.cards}
    reviews = {r.id: r for r in session.terugblik}
    groups: dict[str, list[Agreement]] = {status: [] for status in STATUS_ORDER}
    for agreement in session.agreements:
        groups.setdefault(agreement.status, []).append(agreement)
    counts = [
        f"{t(f'report.two.status.{status}')}: {len(groups[status])}"
        for status in STATUS_ORDER
        if groups[status]
    ]
    summary = t("report.two.summary", count=len(session.agreements), statuses=" · ".join(counts))
    blocks: list[Block] = [Para(_plain(summary), note=True)]
    for status in STATUS_ORDER:
        if not groups[status]:
            continue
        items = tuple(_agreement_item(session, a, people, cards, reviews) for a in groups[status])
        heading = t(f"report.two.group.{status}", count=len(groups[status]))
        blocks.append(Section(f"status-{status}", heading, (Items(items),)))
    legs = _legs(session)
    if legs is not None:
        blocks.append(legs)
    return Section("agreements", t("report.agreements"), tuple(blocks))


LEG_GROUPS = ("both", "administratief", "adaptief", "none")
"""The groups of agreements by the legs they rest on, in the report's order."""


def leg_group(agreement: Agreement) -> str:
    """ "both", "administratief", "adaptief" or "none": what `agreement` rests on."""
    if len(set(agreement.legs)) == 2:
        return "both"
    return agreement.legs[0] if agreement.legs else "none"


def _legs(session: Session) -> Section | None:
    """The agreements by leg ("denk tweebenig"), one-legged ones flagged; only when the
    instrument is on and some agreement says what it rests on."""
    if "benen" not in session.instruments or not any(a.legs for a in session.agreements):
        return None
    groups: dict[str, list[Agreement]] = {group: [] for group in LEG_GROUPS}
    for agreement in session.agreements:
        groups[leg_group(agreement)].append(agreement)
    one_legged = len(groups["administratief"]) + len(groups["adaptief"])
    notes = [t("report.legs.note")]
    if one_legged:
        notes.append(t("report.legs.flagged", count=one_legged))
    blocks: list[Block] = [Para(_plain(" ".join(notes)), note=True)]
    for group in LEG_GROUPS:
        if not groups[group]:
            continue
        lines: list[Line | Item] = []
        for agreement in groups[group]:
            status = t(f"report.two.status.{agreement.status}")
            line: Line = (Span(clean_text(agreement.what), "strong"), Span(f" ({status})"))
            if group in ("administratief", "adaptief"):
                line += (Span(" — "), Span(t("report.legs.one_leg"), "em"))
            lines.append(line)
        heading = t(f"report.legs.{group}", count=len(groups[group]))
        blocks.append(Section(f"legs-{group}", heading, (Items(tuple(lines)),)))
    return Section("legs", t("report.legs"), tuple(blocks))


def verdict_label(review: Review) -> str:
    """ "werkt", "wordt bijgesteld", "vervalt" or "nog niet besproken"."""
    return t(f"report.verdict.{review.verdict or 'open'}")


def ratified_line(origin: Origin) -> str:
    """ "De notulen van "X" van … zijn vastgesteld op … (met correcties: …)", or "" while
    they are not ratified."""
    if origin.vastgesteld is None:
        return ""
    line = t(
        "report.ratified",
        title=clean_text(origin.title),
        date=format_date(origin.date),
        on=format_date(origin.vastgesteld),
    )
    return line + " " + with_corrections(origin.correcties)


def _terugblik(session: Session) -> Section | None:
    if session.origin is None and not session.terugblik:
        return None
    blocks: list[Block] = []
    if session.origin is not None:
        origin = session.origin
        line = t("report.origin", title=clean_text(origin.title), date=format_date(origin.date))
        if clean_text(origin.file):
            line += " " + t("report.origin_file", file=clean_text(origin.file))
        blocks.append(Para(_plain(line)))
        ratified = ratified_line(origin)
        if ratified:
            blocks.append(Para(_plain(ratified)))
    if not session.terugblik:
        blocks.append(Para(_plain(t("report.terugblik.empty")), note=True))
        return Section("terugblik", t("report.terugblik"), tuple(blocks))
    verdicts = [r.verdict or "open" for r in session.terugblik]
    counts = " · ".join(
        f"{t(f'report.verdict.{v}')}: {verdicts.count(v)}"
        for v in ("werkt", "afgerond", "bijstellen", "vervallen", "open")
        if v in verdicts
    )
    blocks.append(Para(_plain(t("report.terugblik.summary", counts=counts)), note=True))
    followed: dict[str, list[Agreement]] = {}
    for agreement in session.agreements:
        if agreement.revisits:
            followed.setdefault(agreement.revisits, []).append(agreement)
    items: list[Line | Item] = []
    for review in session.terugblik:
        head: Line = (
            Span(clean_text(review.what), "strong"),
            Span(" — "),
            Span(verdict_label(review), "em"),
        )
        sub: list[Line | Item] = []
        if clean_text(review.note):
            note = clean_text(review.note)
            sub.append((Span(t("report.terugblik.note") + " ", "em"), Span(note)))
        if clean_text(review.why):
            sub.append((Span(t("report.two.why") + " ", "em"), Span(clean_text(review.why))))
        owners = [clean_text(o) for o in review.owners if clean_text(o)]
        if owners:
            sub.append(_plain(t("report.two.owners", owners=", ".join(owners))))
        if review.review is not None:
            line = t("report.two.review", date=format_date(review.review))
            if review.review < session.session.date:
                line += f" ({t('report.terugblik.late')})"
            sub.append(_plain(line))
        if review.agenda > 1:
            sub.append(_plain(t("report.terugblik.agenda", count=review.agenda)))
        sub.extend(
            (Span(t("report.terugblik.concern") + " "), Span(clean_text(c)))
            for c in review.concerns
            if clean_text(c)
        )
        for agreement in followed.get(review.id, []):
            status = t(f"report.two.status.{agreement.status}")
            what = f'"{clean_text(agreement.what)}"'
            sub.append(_plain(t("report.terugblik.new", what=what, status=status)))
        items.append(Item(head, Items(tuple(sub))))
    blocks.append(Items(tuple(items)))
    return Section("terugblik", t("report.terugblik"), tuple(blocks))


def _voice(session: Session) -> Section | None:
    if not session.participants and not session.cards:
        return None
    anonymous = session.session.anonymous
    people = {p.id: p for p in session.participants}

    def org_of(participant_id: str) -> str:
        person = people.get(participant_id)
        if person is None:
            return t("report.voice.unknown")
        return organisation_of(person) or t("report.no_organisation")

    seats: dict[str, int] = {}
    for person in at_table(session):  # observers are not at the table
        org = organisation_of(person) or t("report.no_organisation")
        seats[org] = seats.get(org, 0) + 1
    for org in getattr(session, "invited", ()):  # organisations expected at the table
        if isinstance(org, str) and clean_text(org):
            seats.setdefault(clean_text(org), 0)
    written: dict[str, int] = {}
    if not anonymous:
        for card in session.cards:
            org = org_of(card.author)
            written[org] = written.get(org, 0) + 1
    closed = session.voting == "closed"
    dots: dict[str, int] = {}
    if closed:
        for vote in session.votes:
            org = org_of(vote.voter)
            dots[org] = dots.get(org, 0) + vote.dots
    answers: dict[str, int] = {}
    answered = any(a.answers for a in session.agreements)
    for agreement in session.agreements:
        for answer in agreement.answers:
            org = org_of(answer.participant)
            answers[org] = answers.get(org, 0) + 1
    orgs = sorted(
        set(seats) | set(written) | set(dots) | set(answers), key=lambda org: (org.casefold(), org)
    )
    header = [t("report.voice.organisation"), t("report.voice.people")]
    if not anonymous:
        header.append(t("report.voice.cards"))
    if closed:
        header.append(t("report.voice.dots"))
    if answered:
        header.append(t("report.voice.answers"))
    rows: list[tuple[str, ...]] = []
    total = len(session.cards)
    for org in orgs:
        row = [org, str(seats.get(org, 0))]
        if not anonymous:
            cards = written.get(org, 0)
            share = f" ({round(100 * cards / total)}%)" if total else ""
            row.append(f"{cards}{share}")
        if closed:
            row.append(str(dots.get(org, 0)))
        if answered:
            row.append(str(answers.get(org, 0)))
        rows.append(tuple(row))
    numeric = (False, *([True] * (len(header) - 1)))
    notes = [t("report.voice_anonymous" if anonymous else "report.voice_note")]
    if session.votes and not closed:
        notes.append(t("report.voice_votes_secret"))
    if answered:
        notes.append(t("report.voice_answers"))
    table = Table(tuple(header), tuple(rows), numeric)
    return Section("voice", t("report.voice"), (table, Para(_plain(" ".join(notes)), note=True)))


# --- the method's instruments ------------------------------------------------------------


def format_mean(value: float) -> str:
    """A mean rating with one decimal, as the language writes it: "3,8" or "3.8"."""
    text = f"{value:.1f}"
    return text if language() == "en" else text.replace(".", ",")


def released(evaluation: Evaluation, minimum: int = MIN_ANSWERS) -> bool:
    """Whether the evaluation's aggregates may be shown: closed, with at least `minimum`
    answers (the session's `evaluation_minimum`; the same rule as `views.shown_evaluation`,
    whatever a file holds)."""
    return not evaluation.open and evaluation.count >= minimum and bool(evaluation.scores)


def norm_means(evaluation: Evaluation, minimum: int = MIN_ANSWERS) -> dict[str, float | None]:
    """The mean per norm (seed order) of a released evaluation; empty when not released."""
    if not released(evaluation, minimum):
        return {}
    return {norm: mean(evaluation.scores.get(norm, (0, 0, 0, 0, 0))) for norm in NORM_IDS}


def _evaluation(session: Session) -> Section | None:
    """The closing evaluation: aggregates per norm and the open lines, never a name."""
    evaluation = session.evaluation
    if "evaluatie" not in session.instruments or evaluation is None:
        return None
    count = t("report.eval.count", count=evaluation.count)
    if evaluation.open:  # a file never keeps an open evaluation's count (views.at_rest)
        blocks: list[Block] = [Para(_plain(t("report.eval.open")))]
        blocks += [Para(_plain(count), note=True)] if evaluation.count else []
        return Section("evaluation", t("report.evaluation"), tuple(blocks))
    minimum = session.evaluation_minimum
    if not released(evaluation, minimum):
        blocks = [
            Para(_plain(t("report.eval.too_few", min=minimum))),
            Para(_plain(count), note=True),
        ]
        return Section("evaluation", t("report.evaluation"), tuple(blocks))
    header = (t("report.eval.norm"), t("report.eval.mean"), "1", "2", "3", "4", "5")
    rows: list[tuple[str, ...]] = []
    for norm, average in norm_means(evaluation, minimum).items():
        counts = evaluation.scores.get(norm, (0, 0, 0, 0, 0))
        shown = format_mean(average) if average is not None else "–"
        rows.append((norm_title(norm, language()), shown, *(str(n) for n in counts)))
    blocks = [
        Para(_plain(t_count("report.eval.made_from", evaluation.count))),
        Para(_plain(t_count("report.eval.summary", evaluation.count)), note=True),
        Table(header, tuple(rows), (False, *([True] * 6))),
    ]
    lines = [clean_text(line) for line in evaluation.lines if clean_text(line)]
    if lines:
        inner: tuple[Block, ...] = (
            Items(tuple(_plain(line) for line in lines)),
            Para(_plain(t("report.eval.lines_note")), note=True),
        )
    else:
        inner = (Para(_plain(t("report.eval.no_lines")), note=True),)
    blocks.append(Section("lines", t("report.eval.lines"), inner))
    return Section("evaluation", t("report.evaluation"), tuple(blocks))


def _reflexes(session: Session) -> Section | None:
    """Where the group fell back on a reflex: per reflex its meaning and its cards."""
    if "reflexen" not in session.instruments:
        return None
    tagged = [card for card in board_order(session, session.cards) if card.reflex]
    if not tagged:
        return None
    themes = {th.id: clean_text(th.title) for th in session.themes}
    blocks: list[Block] = [Para(_plain(t("report.reflex.summary", count=len(tagged))), note=True)]
    items: list[Line | Item] = []
    for reflex in REFLEX_IDS:
        cards = [card for card in tagged if card.reflex == reflex]
        if not cards:
            continue
        name, meaning = reflex_text(reflex, language())
        head: Line = (Span(name, "strong"), Span(f" ({len(cards)}×) — "), Span(meaning, "em"))
        sub: list[Line | Item] = [
            (Span(clean_card_text(card.text)), Span(f" ({themes.get(card.theme, card.theme)})"))
            for card in cards
            if not card.hidden
        ]
        hidden = sum(1 for card in cards if card.hidden)
        if hidden:
            sub.append(_plain(t("report.hidden", count=hidden)))
        items.append(Item(head, Items(tuple(sub))))
    blocks.append(Items(tuple(items)))
    return Section("reflexes", t("report.reflexes"), tuple(blocks))


ANSWER_MARKS: dict[str, str] = {"ja": "●", "deels": "◐", "nee": "○", "": "—"}
"""A sign per answer on a principle ("" not discussed), so it is never told by colour alone."""


def answer_label(answer: str) -> str:
    """ "ja", "deels", "nee", or "nog niet besproken" for "" (in the current language)."""
    return t(f"report.principle.{answer or 'open'}")


def _principles(session: Session) -> Section | None:
    """The health check: all eleven principles, with the group's answer and note."""
    if "principes" not in session.instruments or not session.principles:
        return None
    checks = {check.number: check for check in session.principles}
    answers = [checks[n].answer if n in checks else "" for n in range(1, 12)]
    counts = " · ".join(
        f"{ANSWER_MARKS[a]} {answer_label(a)}: {answers.count(a)}"
        for a in ("ja", "deels", "nee", "")
        if a in answers
    )
    items: list[Line | Item] = []
    for number in range(1, 12):
        check = checks.get(number)
        line: Line = (Span(principle_text(number, language())), Span(" — "))
        if check is None:
            line += (Span(f"{ANSWER_MARKS['']} {answer_label('')}", "em"),)
        else:
            answer = f"{ANSWER_MARKS[check.answer]} {answer_label(check.answer)}"
            line += (Span(answer, "strong"),)
            if clean_text(check.note):
                line += (Span(": " + clean_text(check.note)),)
        items.append(line)
    blocks: tuple[Block, ...] = (
        Para(_plain(t("report.principles.summary", counts=counts)), note=True),
        Items(tuple(items), numbered=True),
    )
    return Section("principles", t("report.principles"), blocks)


def _conflicts(session: Session) -> Section | None:
    """What a git merge could not decide (`merging`): first, so nobody reads past it."""
    if not session.conflicts:
        return None
    from tui_board.files.merging import conflict_lines  # merging imports the store

    lines = tuple(_plain(line) for line in conflict_lines(session))
    blocks: tuple[Block, ...] = (
        Para(_plain(t("merge.conflicts.what_now")), note=True),
        Items(lines),
    )
    return Section("conflicts", t_count("report.conflicts", len(session.conflicts)), blocks)


SECTIONS: tuple[Callable[[Session], Section | None], ...] = (
    _conflicts,
    _agreements,
    _terugblik,
    _questions,
    _table,
    _spelregels,
    _cards,
    _votes,
    _open_problems,
    _reflexes,
    _voice,
    _principles,
    _evaluation,
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
