"""What changed between two versions of a session, in people's words; and a plain-text
rendering of one session for git's textconv, so that `git log -p` reads like minutes.

Both only say what a report may say: the text of a card that is not revealed yet is never
printed ("(nog niet onthuld)" instead); votes are never counted before the voting round is
closed, and answers of a consent round that is still open never show. The diff never names
who wrote a card; the diff and textconv name who raised a concern, like the report, except
in an anonymous session.

The method's instruments: reflex tags, the legs an agreement rests on and the answers on the
eleven principles are named; of the closing evaluation the diff says only that it started,
how many answered and that it closed — never a rating, never an aggregate (textconv shows the
aggregates and open lines as the report does: only once closed with enough answers).
"""

from __future__ import annotations

from bisect import bisect_left

from tui_board.afterwards.report import (
    ANSWER_MARKS,
    CardContext,
    answer_counts,
    answer_label,
    answered_problem,
    at_table,
    by_organisation,
    concern_head,
    dots_label,
    format_date,
    format_mean,
    laid_out,
    mandate_mark,
    norm_means,
    person_label,
    person_marks,
    ratified_line,
    released,
    round_summary,
    speaker,
    verdict_label,
)
from tui_board.core.i18n import language, t, t_count
from tui_board.core.instruments import (
    INSTRUMENTS,
    leg_text,
    norm_title,
    principle_text,
    reflex_text,
)
from tui_board.core.model import (
    Agreement,
    Answer,
    Card,
    Cluster,
    Evaluation,
    Session,
    Theme,
    board_order,
)
from tui_board.core.phases import phase_title
from tui_board.core.text import card_lines, clean_card_text, clean_text


def quoted(text: str) -> str:
    """Text between double quotes, cleaned of control characters."""
    return f'"{clean_text(text)}"'


def card_label(card: Card) -> str:
    """A card as a diff line shows it: its quoted text, or "(nog niet onthuld)". A diff line
    is one line: the card's line breaks show as ⏎."""
    if card.hidden:
        return t("diff.hidden_card")
    return '"' + " ".join(line or "⏎" for line in _marked_lines(card.text)) + '"'


def _marked_lines(text: str) -> list[str]:
    lines = card_lines(text)
    return [
        line + (" ⏎" if line and n + 1 < len(lines) and lines[n + 1] else "")
        for n, line in enumerate(lines)
    ]


def _theme_title(session: Session, theme_id: str) -> str:
    theme = session.theme(theme_id)
    return clean_text(theme.title) if theme is not None else theme_id


# --- diff --------------------------------------------------------------------------------


def changes(old: Session, new: Session) -> list[str]:
    """Every change from `old` to `new`, one line each, in the current language.

    Order: the session itself, the room (phase, private writing, spotlight, timer), the
    spelregels, the people, the themes, the terugblik (origin and verdicts), the clusters,
    the cards in board order (removed cards last, in their old board order), the voting
    round, the agreements, then the instruments (which are on, the principles, the
    evaluation). An empty list: nothing changed.
    """
    parts = (
        _meta,
        _room,
        _rules,
        _people,
        _themes,
        _terugblik,
        _clusters,
        _cards,
        _voting,
        _agreements,
        _instruments,
        _conflicts,
        _other,
    )
    return [line for part in parts for line in part(old, new)]


def _conflicts(old: Session, new: Session) -> list[str]:
    """What a git merge left to decide (`merging`): new entries, and those decided."""
    if old.conflicts == new.conflicts:
        return []
    from tui_board.files.merging import describe  # merging imports the store

    lines = [
        t("diff.conflict_added", what=describe(new, c))
        for c in new.conflicts
        if c not in old.conflicts
    ]
    lines += [
        t("diff.conflict_decided", what=describe(old, c))
        for c in old.conflicts
        if c not in new.conflicts
    ]
    return lines


_KNOWN = frozenset(
    {
        "schema_version",  # a newer format says nothing about the session itself
        "session",
        "questions",
        "spelregels",
        "themes",
        "participants",
        "cards",
        "phases",
        "phase",
        "private",
        "spotlight",
        "timer",
        "confirmed",
        "dots",
        "voting",
        "votes",
        "agreements",
        "clusters",
        "open_to_all",
        "origin",
        "terugblik",
        "instruments",
        "evaluation",
        "principles",
        "conflicts",
    }
)
"""The session's fields the lines above describe."""


def _other(old: Session, new: Session) -> list[str]:
    """Fields this diff has no words for yet (added by a newer schema): named, not shown."""
    fields = [
        info.alias or name
        for name, info in type(new).model_fields.items()
        if name not in _KNOWN and getattr(old, name) != getattr(new, name)
    ]
    return [t("diff.other", fields=", ".join(fields))] if fields else []


def _meta(old: Session, new: Session) -> list[str]:
    a, b = old.session, new.session
    lines = []
    if a.title != b.title:
        lines.append(t("diff.title", old=quoted(a.title), new=quoted(b.title)))
    if a.date != b.date:
        lines.append(t("diff.date", old=format_date(a.date), new=format_date(b.date)))
    if a.place != b.place:
        lines.append(t("diff.place", old=quoted(a.place), new=quoted(b.place)))
    if a.anonymous != b.anonymous:
        lines.append(t("diff.anonymous_on" if b.anonymous else "diff.anonymous_off"))
    if old.questions != new.questions:
        lines.append(t("diff.questions"))
    return lines


def _room(old: Session, new: Session) -> list[str]:
    lines = []
    if old.phases != new.phases:
        lines.append(t("diff.phases"))
    phase = new.current_phase()
    if old.phase != new.phase and phase is not None:
        lines.append(t("diff.phase", phase=clean_text(phase_title(phase.id, phase.title))))
    if old.private != new.private:
        lines.append(t("diff.private_on" if new.private else "diff.private_off"))
    if old.spotlight != new.spotlight:
        card = new.card(new.spotlight) if new.spotlight else None
        if card is None:
            lines.append(t("diff.spotlight_off"))
        else:
            lines.append(t("diff.spotlight_on", card=card_label(card)))
    before = old.timer.duration if old.timer else None
    after = new.timer.duration if new.timer else None
    if before != after:
        if after is None:
            lines.append(t("diff.timer_off"))
        else:
            minutes = after // 60 if after % 60 == 0 else round(after / 60, 1)
            lines.append(t("diff.timer_set", minutes=minutes))
    return lines


def _rules(old: Session, new: Session) -> list[str]:
    lines = []
    if old.spelregels != new.spelregels:
        lines.append(t("diff.spelregels"))
        kept = set(old.spelregels)
        lines += [t("diff.rule_added", text=quoted(r)) for r in new.spelregels if r not in kept]
        now = set(new.spelregels)
        lines += [t("diff.rule_removed", text=quoted(r)) for r in old.spelregels if r not in now]
    before, after = set(old.confirmed), set(new.confirmed)
    for person_id in new.confirmed:
        person = new.participant(person_id)
        if person_id not in before and person is not None:
            lines.append(t("diff.confirmed", person=person_label(person)))
    for person_id in old.confirmed:
        person = new.participant(person_id) or old.participant(person_id)
        if person_id not in after and person is not None:
            lines.append(t("diff.unconfirmed", person=person_label(person)))
    return lines


def _people(old: Session, new: Session) -> list[str]:
    lines = []
    before = {p.id: p for p in old.participants}
    after = {p.id: p for p in new.participants}
    for person in new.participants:
        was = before.get(person.id)
        if was is None:
            lines.append(t("diff.joined", person=person_label(person)))
            continue
        if person_label(was) != person_label(person):
            lines.append(t("diff.person_changed", old=person_label(was), new=person_label(person)))
        if was.role is not person.role:
            role = t(f"report.role.{person.role.value}")
            lines.append(t("diff.role", person=person_label(person), role=role))
        if was.mandate != person.mandate:
            lines.append(
                t("diff.mandate", person=person_label(person), mandate=mandate_mark(person))
            )
    lines += [t("diff.left", person=person_label(p)) for p in old.participants if p.id not in after]
    return lines


def _themes(old: Session, new: Session) -> list[str]:
    lines = []
    before: dict[str, Theme] = {th.id: th for th in old.themes}
    after = {th.id for th in new.themes}
    for theme in new.themes:
        was = before.get(theme.id)
        if was is None:
            lines.append(t("diff.theme_added", theme=quoted(theme.title)))
            continue
        if was.title != theme.title:
            lines.append(t("diff.theme_renamed", old=quoted(was.title), new=quoted(theme.title)))
        if was.question != theme.question:
            lines.append(t("diff.theme_question", theme=quoted(theme.title)))
    lines += [
        t("diff.theme_removed", theme=quoted(th.title)) for th in old.themes if th.id not in after
    ]
    kept_old = [th.id for th in old.themes if th.id in after]
    kept_new = [th.id for th in new.themes if th.id in before]
    if kept_old != kept_new:
        lines.append(t("diff.theme_order"))
    return lines


def _cards(old: Session, new: Session) -> list[str]:
    before = {c.id: c for c in old.cards}
    after = {c.id: c for c in new.cards}
    old_order = board_order(old, old.cards)
    new_order = board_order(new, new.cards)
    reordered = _reordered(old_order, new_order)
    old_clusters = {c.id: c for c in old.clusters}
    new_clusters = {c.id: c for c in new.clusters}
    kept = old_clusters.keys() & new_clusters.keys()
    lines = []
    for card in new_order:
        theme = _theme_title(new, card.theme)
        was = before.get(card.id)
        if was is None:
            lines.append(_card_added(card, theme, after))
            if card.reflex:
                lines.append(_reflex_line(card, theme))
            continue
        if was.hidden and not card.hidden:
            lines.append(t("diff.card_revealed", theme=theme, card=card_label(card)))
        elif was.text != card.text and (was.hidden or card.hidden):
            lines.append(t("diff.card_changed_hidden", theme=theme))
        elif was.text != card.text:
            lines.append(
                t("diff.card_changed", theme=theme, old=card_label(was), new=card_label(card))
            )
        with_cluster = (
            card.cluster == was.cluster
            and card.cluster in kept
            and old_clusters[card.cluster].theme != new_clusters[card.cluster].theme
        )
        if was.theme != card.theme and not with_cluster:
            old_theme = _theme_title(old, was.theme)
            lines.append(t("diff.card_moved", old=old_theme, new=theme, card=card_label(card)))
        elif was.theme == card.theme and card.id in reordered:
            lines.append(t("diff.card_reordered", theme=theme, card=card_label(card)))
        if was.kind != card.kind:
            key = f"diff.card_marked.{card.kind}" if card.kind else "diff.card_unmarked"
            lines.append(t(key, theme=theme, card=card_label(card)))
        if card.kind == "voorstel" and card.answers and card.answers != was.answers:
            problem = after.get(card.answers)
            if problem is not None:
                lines.append(
                    t("diff.proposal_for", problem=card_label(problem), card=card_label(card))
                )
        if was.cluster != card.cluster:
            lines += _cluster_membership(was, card, old_clusters, new_clusters, kept)
        if was.reflex != card.reflex:
            lines.append(_reflex_line(card, theme))
    for card in old_order:
        if card.id not in after:
            theme = _theme_title(old, card.theme)
            lines.append(t("diff.card_removed", theme=theme, card=card_label(card)))
    return lines


def reflex_name(reflex: str) -> str:
    """A reflex's name in the current language ("crisisreflex")."""
    return reflex_text(reflex, language())[0]


def _reflex_line(card: Card, theme: str) -> str:
    if not card.reflex:
        return t("diff.reflex_untagged", theme=theme, card=card_label(card))
    return t(
        "diff.reflex_tagged", theme=theme, reflex=reflex_name(card.reflex), card=card_label(card)
    )


def _card_added(card: Card, theme: str, cards: dict[str, Card]) -> str:
    problem = answered_problem(card, cards)
    if problem is not None:
        return t(
            "diff.proposal_added", theme=theme, problem=card_label(problem), card=card_label(card)
        )
    if card.kind:
        return t(f"diff.card_added.{card.kind}", theme=theme, card=card_label(card))
    return t("diff.card_added", theme=theme, card=card_label(card))


def _cluster_membership(
    was: Card,
    card: Card,
    old_clusters: dict[str, Cluster],
    new_clusters: dict[str, Cluster],
    kept: set[str],
) -> list[str]:
    """A card joined or left a cluster that was there before and still is (a new or an
    ungrouped cluster says so itself, with its number of cards)."""
    left = old_clusters[was.cluster] if was.cluster in kept else None
    joined = new_clusters[card.cluster] if card.cluster in kept else None
    label = card_label(card)
    if left is not None and joined is not None:
        return [
            t(
                "diff.card_cluster_moved",
                old=quoted(left.title),
                new=quoted(joined.title),
                card=label,
            )
        ]
    if joined is not None:
        return [t("diff.card_clustered", cluster=quoted(joined.title), card=label)]
    if left is not None:
        return [t("diff.card_unclustered", cluster=quoted(left.title), card=label)]
    return []


def count_cards(count: int) -> str:
    """ "1 kaart" or "3 kaarten"."""
    return t("diff.cards.one" if count == 1 else "diff.cards", count=count)


def _clusters(old: Session, new: Session) -> list[str]:
    """Clusters made, renamed, moved to another theme, or ungrouped."""
    before = {c.id: c for c in old.clusters}
    after = {c.id: c for c in new.clusters}
    new_members: dict[str, int] = {}
    for card in new.cards:
        if card.cluster:
            new_members[card.cluster] = new_members.get(card.cluster, 0) + 1
    lines = []
    for cluster in new.clusters:
        theme = _theme_title(new, cluster.theme)
        was = before.get(cluster.id)
        count = count_cards(new_members.get(cluster.id, 0))
        if was is None:
            lines.append(
                t("diff.cluster_made", theme=theme, cluster=quoted(cluster.title), cards=count)
            )
            continue
        if was.title != cluster.title:
            lines.append(
                t(
                    "diff.cluster_renamed",
                    theme=theme,
                    old=quoted(was.title),
                    new=quoted(cluster.title),
                )
            )
        if was.theme != cluster.theme:
            lines.append(
                t(
                    "diff.cluster_moved",
                    old=_theme_title(old, was.theme),
                    new=theme,
                    cluster=quoted(cluster.title),
                    cards=count,
                )
            )
    still = {c.id for c in new.cards}
    for cluster in old.clusters:
        if cluster.id in after:
            continue
        loose = sum(1 for c in old.cards if c.cluster == cluster.id and c.id in still)
        lines.append(
            t(
                "diff.cluster_ungrouped",
                theme=_theme_title(old, cluster.theme),
                cluster=quoted(cluster.title),
                cards=count_cards(loose),
            )
        )
    if old.open_to_all != new.open_to_all:
        for opening in new.open_to_all:
            if opening not in old.open_to_all:
                lines.append(_opening(opening, True))
        for opening in old.open_to_all:
            if opening not in new.open_to_all:
                lines.append(_opening(opening, False))
    return lines


def _opening(opening: str, on: bool) -> str:
    if opening == "cluster":
        return t("diff.open_cluster_on" if on else "diff.open_cluster_off")
    if opening == "reflex":
        return t("diff.open_reflex_on" if on else "diff.open_reflex_off")
    return t("diff.open_other_on" if on else "diff.open_other_off", what=opening)


def target_label(session: Session, target: str) -> str:
    """What a vote is on: a card's quoted text, or 'cluster "title"'."""
    card = session.card(target)
    if card is not None:
        return card_label(card)
    cluster = session.cluster(target)
    if cluster is not None:
        return t("diff.cluster_label", cluster=quoted(cluster.title))
    return target


def top_votes(session: Session, count: int = 3) -> str:
    """ "1. "Eén loket" (5 stippen), 2. …": the cards and clusters with the most dots."""
    tally = session.tally()
    order = {c.id: i for i, c in enumerate(board_order(session, session.cards))}
    ranked = sorted(tally.items(), key=lambda item: (-item[1], order.get(item[0], -1), item[0]))
    return ", ".join(
        f"{n}. {target_label(session, target)} ({dots_label(dots)})"
        for n, (target, dots) in enumerate(ranked[:count], 1)
    )


def _voting(old: Session, new: Session) -> list[str]:
    """The dot budget and the voting round: numbers only once the round is closed."""
    lines = []
    if old.dots != new.dots:
        lines.append(t("diff.dots", old=old.dots, new=new.dots))
    closed = new.voting == "closed"
    if closed and old.voting != "closed":
        if new.votes:
            lines.append(t("diff.voting_closed", top=top_votes(new)))
        else:
            lines.append(t("diff.voting_closed_empty"))
    elif old.voting == "closed" and not closed:
        lines.append(t("diff.voting_reopened"))
    elif old.votes != new.votes and closed:
        lines.append(t("diff.voting_changed", top=top_votes(new)))
    elif old.votes != new.votes:
        lines.append(t("diff.votes_secret"))
    return lines


def _concern(session: Session, agreement: Agreement, concern: Answer) -> str:
    people = {p.id: p for p in session.participants}
    who = speaker(session, concern.participant, people)
    what = quoted(agreement.what)
    text = quoted(concern.text)
    if who:
        return t("diff.concern_by", agreement=what, text=text, who=who)
    return t("diff.concern", agreement=what, text=text)


def _round_counts(agreement: Agreement) -> str:
    counts = answer_counts(agreement.answers)
    return t(
        "diff.round_counts",
        werkbaar=counts["werkbaar"],
        bedenking=counts["bedenking"],
        achterban=counts["achterban"],
    )


def _status(was: Agreement | None, agreement: Agreement) -> list[str]:
    what = quoted(agreement.what)
    before = was.status if was is not None else "concept"
    status = agreement.status
    if before == status:
        if was is not None and status == "in_ronde" and was.round != agreement.round:
            return [t("diff.round_started", number=agreement.round, agreement=what)]
        if was is not None and status == "in_ronde" and was.answers != agreement.answers:
            # Who answered what stays secret while the round is open; how many is not.
            count = len(agreement.answers)
            return [t("diff.answers_secret", number=agreement.round, agreement=what, count=count)]
        return []
    if status == "in_ronde":
        return [t("diff.round_started", number=agreement.round, agreement=what)]
    if status == "beraad":
        counts = _round_counts(agreement)
        return [t("diff.answers_closed", number=agreement.round, agreement=what, counts=counts)]
    if before in ("in_ronde", "beraad"):
        counts = _round_counts(agreement)
        key = f"diff.round_closed.{status}"
        return [t(key, number=agreement.round, agreement=what, counts=counts)]
    return [t(f"diff.agreement_status.{status}", agreement=what)]


def _agreements(old: Session, new: Session) -> list[str]:
    """Agreements drafted, changed, put to a round, adopted, parked; concerns raised."""
    before = {a.id: a for a in old.agreements}
    after = {a.id for a in new.agreements}
    lines = []
    for agreement in new.agreements:
        what = quoted(agreement.what)
        was = before.get(agreement.id)
        if was is None:
            lines.append(t("diff.agreement_drafted", agreement=what))
            if agreement.legs:
                lines.append(t("diff.agreement_legs", agreement=what, legs=legs_label(agreement)))
        else:
            if was.what != agreement.what:
                lines.append(t("diff.agreement_what", old=quoted(was.what), new=what))
            if was.why != agreement.why:
                lines.append(t("diff.agreement_why", agreement=what, why=quoted(agreement.why)))
            if was.owners != agreement.owners:
                owners = ", ".join(clean_text(o) for o in agreement.owners) or "—"
                lines.append(t("diff.agreement_owners", agreement=what, owners=owners))
            if was.review != agreement.review:
                date = format_date(agreement.review) if agreement.review else "—"
                lines.append(t("diff.agreement_review", agreement=what, date=date))
            if set(was.legs) != set(agreement.legs):
                key = "diff.agreement_legs" if agreement.legs else "diff.agreement_no_legs"
                lines.append(t(key, agreement=what, legs=legs_label(agreement)))
        lines += _status(was, agreement)
        known = set(was.concerns) if was is not None else set()
        lines += [_concern(new, agreement, c) for c in agreement.concerns if c not in known]
    lines += [
        t("diff.agreement_removed", agreement=quoted(a.what))
        for a in old.agreements
        if a.id not in after
    ]
    return lines


def legs_label(agreement: Agreement) -> str:
    """ "administratief been + adaptief been" (the legs it rests on; "—" for none)."""
    return " + ".join(leg_text(leg, language())[0] for leg in agreement.legs) or "—"


def instrument_label(instrument: str) -> str:
    """An instrument's name in the current language ("procesevaluatie")."""
    return t(f"diff.instrument.{instrument}")


def short(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters with "…"."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _instruments(old: Session, new: Session) -> list[str]:
    """Instruments switched on or off, principles answered, the evaluation's course."""
    lines = [
        t("diff.instrument_on", instrument=instrument_label(i))
        for i in INSTRUMENTS
        if i in new.instruments and i not in old.instruments
    ]
    lines += [
        t("diff.instrument_off", instrument=instrument_label(i))
        for i in INSTRUMENTS
        if i in old.instruments and i not in new.instruments
    ]
    before = {p.number: p for p in old.principles}
    after = {p.number: p for p in new.principles}
    for number in range(1, 12):
        was, now = before.get(number), after.get(number)
        if was == now:
            continue
        principle = quoted(short(principle_text(number, language())))
        if now is None:
            lines.append(t("diff.principle_cleared", number=number, principle=principle))
            continue
        if was is None or was.answer != now.answer:
            answer = f"{ANSWER_MARKS[now.answer]} {answer_label(now.answer)}"
            lines.append(t("diff.principle", number=number, principle=principle, answer=answer))
        if now.note and (was is None or was.note != now.note):
            lines.append(t("diff.principle_note", number=number, note=quoted(now.note)))
    lines += _evaluation(old.evaluation, new.evaluation, new.evaluation_minimum)
    return lines


def _evaluation(old: Evaluation | None, new: Evaluation | None, minimum: int) -> list[str]:
    """Started, how many answered, closed: never a rating, never an aggregate."""
    if new is None:
        return [t("diff.evaluation_removed")] if old is not None else []
    lines = []
    if old is None:
        lines.append(t("diff.evaluation_started"))
    if new.open and new.count != (old.count if old is not None else 0):
        lines.append(t("diff.evaluation_answers", count=new.count))
    if not new.open and (old is None or old.open):
        key = "diff.evaluation_closed" if released(new, minimum) else "diff.evaluation_closed_few"
        lines.append(t_count(key, new.count, min=minimum))
    return lines


def _terugblik(old: Session, new: Session) -> list[str]:
    """Where the session came from, and what the group says of each earlier agreement."""
    lines = []
    if old.origin != new.origin:
        if new.origin is None and old.origin is not None:
            lines.append(t("diff.origin_removed", title=quoted(old.origin.title)))
        elif new.origin is not None:
            origin = new.origin
            plain = {"vastgesteld": None, "correcties": ""}
            earlier = old.origin.model_copy(update=plain) if old.origin is not None else None
            if earlier != origin.model_copy(update=plain):
                lines.append(
                    t("diff.origin", title=quoted(origin.title), date=format_date(origin.date))
                )
            if origin.vastgesteld is not None:
                lines.append(ratified_line(origin))
            elif old.origin is not None and old.origin.vastgesteld is not None:
                lines.append(t("diff.unratified", title=quoted(origin.title)))
    before = {r.id: r for r in old.terugblik}
    after = {r.id for r in new.terugblik}
    for review in new.terugblik:
        what = quoted(review.what)
        was = before.get(review.id)
        if was is None:
            lines.append(t("diff.review_added", agreement=what))
        if (was.verdict if was is not None else "") != review.verdict:
            key = f"diff.verdict.{review.verdict}" if review.verdict else "diff.verdict_cleared"
            lines.append(t(key, agreement=what))
        if (was.note if was is not None else "") != review.note and review.note:
            lines.append(t("diff.review_note", agreement=what, note=quoted(review.note)))
    lines += [
        t("diff.review_removed", agreement=quoted(r.what))
        for r in old.terugblik
        if r.id not in after
    ]
    return lines


def _reordered(old_order: tuple[Card, ...], new_order: tuple[Card, ...]) -> set[str]:
    """Cards that stayed in their theme but changed place among the cards that stayed too.

    Positions are renumbered now and then, so they say nothing: only the order counts. The
    cards on a longest run that kept its order did not move; the others did.
    """
    old_theme = {c.id: c.theme for c in old_order}
    stayed = [c for c in new_order if old_theme.get(c.id) == c.theme]
    stayed_ids = {c.id for c in stayed}
    rank = {c.id: i for i, c in enumerate(c for c in old_order if c.id in stayed_ids)}
    moved: set[str] = set()
    for theme in dict.fromkeys(c.theme for c in stayed):
        ids = [c.id for c in stayed if c.theme == theme]
        keep = _longest_increasing([rank[i] for i in ids])
        moved.update(card_id for index, card_id in enumerate(ids) if index not in keep)
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """The indexes of one longest strictly increasing subsequence of `values` (O(n log n))."""
    tails: list[int] = []  # values ending the best run of each length
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[length] = value
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    keep: set[int] = set()
    at = tail_index[-1] if tail_index else -1
    while at >= 0:
        keep.add(at)
        at = previous[at]
    return keep


# --- textconv ----------------------------------------------------------------------------


def textconv(session: Session) -> str:
    """The session as stable plain text, one card per line, for `git diff`."""
    meta = session.session
    head = format_date(meta.date)
    if clean_text(meta.place):
        head += " · " + clean_text(meta.place)
    out = [clean_text(meta.title), head]
    if session.conflicts:  # what a git merge left undecided, on top
        from tui_board.files.merging import conflict_lines  # merging imports the store

        out += ["", t_count("merge.conflicts", len(session.conflicts))]
        out += [f"  - {line}" for line in conflict_lines(session)] + [""]
    phase = session.current_phase()
    if phase is not None:
        out.append(t("textconv.phase", phase=clean_text(phase_title(phase.id, phase.title))))
    if session.private:
        out.append(t("textconv.private"))
    if meta.anonymous:
        out.append(t("textconv.anonymous"))
    if session.origin is not None:
        origin = session.origin
        out.append(t("diff.tc.origin", title=quoted(origin.title), date=format_date(origin.date)))
        if origin.vastgesteld is not None:
            out.append(ratified_line(origin))
    if session.voting == "closed":
        out.append(t("diff.tc.voting_closed", dots=t_count("count.dots", session.dots)))
    elif session.votes:
        out.append(t("diff.tc.voting_open", dots=session.dots))
    if session.instruments != INSTRUMENTS:
        names = ", ".join(instrument_label(i) for i in session.instruments) or "—"
        out.append(t("diff.tc.instruments", instruments=names))
    if session.spelregels:
        ids = {p.id for p in at_table(session)}
        count = sum(1 for person in set(session.confirmed) if person in ids)
        out += ["", t("textconv.spelregels", count=count, total=len(ids))]
        out += [f"  {n}. {clean_text(rule)}" for n, rule in enumerate(session.spelregels, 1)]
    if session.participants:
        out += ["", t("textconv.people")]
        for org, members in by_organisation(session.participants):
            out.append(f"  {org or t('report.no_organisation')}")
            out += [f"    - {clean_text(p.name)} ({person_marks(p)})" for p in members]
    out += _tc_terugblik(session)
    out += _tc_cards(session)
    out += _tc_agreements(session)
    out += _tc_principles(session)
    out += _tc_evaluation(session)
    return "\n".join(out) + "\n"


def _tc_card(card: Card, context: CardContext) -> str:
    if card.hidden:
        return card_label(card)
    line = clean_card_text(card.text)  # its lines: the caller indents the ones after the first
    if card.kind:
        line = t(f"diff.tc.kind.{card.kind}") + line
    problem = context.problem(card)
    if problem is not None:
        line += " " + t("diff.tc.answers", problem=card_label(problem))
    author = context.author(card)
    if author:
        line += f" — {author}"
    if context.tally.get(card.id):
        line += " · " + dots_label(context.tally[card.id])
    if card.reflex:
        line += " · " + t("diff.tc.reflex", reflex=reflex_name(card.reflex))
    return line


def _bullet(marker: str, text: str) -> list[str]:
    """`text` after `marker`, its further lines indented under the first (a blank one
    stays empty)."""
    first, *rest = text.split("\n")
    indent = " " * len(marker)
    return [marker + first, *(indent + line if line else "" for line in rest)]


def _tc_cards(session: Session) -> list[str]:
    context = CardContext.of(session)
    tally = context.tally
    columns = laid_out(session, board_order(session, session.cards))
    out: list[str] = []
    for theme in session.themes:
        out += ["", f"== {clean_text(theme.title)} =="]
        for placed in columns.get(theme.id, []):
            if isinstance(placed, Card):
                out += _bullet("  - ", _tc_card(placed, context))
                continue
            cluster, members = placed
            line = "  " + t("diff.tc.cluster", cluster=quoted(cluster.title))
            if tally.get(cluster.id):
                line += " · " + dots_label(tally[cluster.id])
            out.append(line + ":")
            for c in members:
                out += _bullet("    - ", _tc_card(c, context))
    return out


def _tc_agreements(session: Session) -> list[str]:
    if not session.agreements:
        return []
    people = {p.id: p for p in session.participants}
    out = ["", t("diff.tc.agreements")]
    for agreement in session.agreements:
        status = t(f"report.two.status.{agreement.status}")
        out.append(f"  - {clean_text(agreement.what)} [{status}]")
        out.append(f"    {t('report.two.why')} {clean_text(agreement.why)}")
        owners = ", ".join(clean_text(o) for o in agreement.owners) or "—"
        review = format_date(agreement.review) if agreement.review else t("report.two.no_review")
        out.append(
            "    "
            + t("report.two.owners", owners=owners)
            + " · "
            + t("report.two.review", date=review)
        )
        if agreement.legs:
            out.append("    " + t("diff.tc.legs", legs=legs_label(agreement)))
        out.append(f"    {round_summary(agreement)}")
        for concern in agreement.concerns:
            head = concern_head(session, concern, people)
            out.append(f"    {head} {clean_text(concern.text)}")
    return out


def _tc_terugblik(session: Session) -> list[str]:
    if not session.terugblik:
        return []
    out = ["", t("diff.tc.terugblik")]
    for review in session.terugblik:
        out.append(f"  - {clean_text(review.what)} — {verdict_label(review)}")
        if clean_text(review.note):
            out.append(f"    {t('report.terugblik.note')} {clean_text(review.note)}")
    return out


def _tc_principles(session: Session) -> list[str]:
    if not session.principles:
        return []
    out = ["", t("diff.tc.principles")]
    for check in session.principles:
        answer = f"{ANSWER_MARKS[check.answer]} {answer_label(check.answer)}"
        line = f"  {check.number}. {short(principle_text(check.number, language()))} — {answer}"
        if clean_text(check.note):
            line += f": {clean_text(check.note)}"
        out.append(line)
    return out


def _tc_evaluation(session: Session) -> list[str]:
    """The evaluation as the report shows it: aggregates only once closed with enough answers."""
    evaluation = session.evaluation
    if evaluation is None:
        return []
    if evaluation.open:
        return ["", t("diff.tc.evaluation_open", count=evaluation.count)]
    minimum = session.evaluation_minimum
    if not released(evaluation, minimum):
        return ["", t_count("diff.tc.evaluation_few", evaluation.count, min=minimum)]
    out = ["", t_count("diff.tc.evaluation", evaluation.count)]
    for norm, average in norm_means(evaluation, minimum).items():
        counts = "·".join(str(n) for n in evaluation.scores.get(norm, (0, 0, 0, 0, 0)))
        shown = format_mean(average) if average is not None else "–"
        out.append(f"  {norm_title(norm, language())}: {shown} ({counts})")
    out += [f"  > {clean_text(line)}" for line in evaluation.lines if clean_text(line)]
    return out
