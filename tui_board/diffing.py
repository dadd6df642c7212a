"""What changed between two versions of a session, in people's words; and a plain-text
rendering of one session for git's textconv, so that `git log -p` reads like minutes.

Both only say what a report may say: the text of a card that is not revealed yet is never
printed ("(nog niet onthuld)" instead). The diff never names who wrote a card; textconv does,
like the report, except in an anonymous session.
"""

from __future__ import annotations

from bisect import bisect_left

from .i18n import t
from .model import Card, Participant, Session, Theme, board_order
from .phases import phase_title
from .report import (
    at_table,
    by_organisation,
    format_date,
    mandate_mark,
    organisation_of,
    person_marks,
)
from .text import clean_text


def quoted(text: str) -> str:
    """Text between double quotes, cleaned of control characters."""
    return f'"{clean_text(text)}"'


def card_label(card: Card) -> str:
    """A card as a diff line shows it: its quoted text, or "(nog niet onthuld)"."""
    return t("diff.hidden_card") if card.hidden else quoted(card.text)


def person_label(person: Participant) -> str:
    """ "Anna Bakker (Gemeente Tiel)", or the name alone without an organisation."""
    org = organisation_of(person)
    name = clean_text(person.name)
    return f"{name} ({org})" if org else name


def _theme_title(session: Session, theme_id: str) -> str:
    theme = session.theme(theme_id)
    return clean_text(theme.title) if theme is not None else theme_id


# --- diff --------------------------------------------------------------------------------


def changes(old: Session, new: Session) -> list[str]:
    """Every change from `old` to `new`, one line each, in the current language.

    Order: the session itself, the room (phase, private writing, spotlight, timer), the
    spelregels, the people, the themes, then the cards in board order (removed cards last,
    in their old board order). An empty list: nothing changed.
    """
    lines: list[str] = []
    lines += _meta(old, new)
    lines += _room(old, new)
    lines += _rules(old, new)
    lines += _people(old, new)
    lines += _themes(old, new)
    lines += _cards(old, new)
    lines += _other(old, new)
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
    lines = []
    for card in new_order:
        theme = _theme_title(new, card.theme)
        was = before.get(card.id)
        if was is None:
            lines.append(t("diff.card_added", theme=theme, card=card_label(card)))
            continue
        if was.hidden and not card.hidden:
            lines.append(t("diff.card_revealed", theme=theme, card=card_label(card)))
        elif was.text != card.text and (was.hidden or card.hidden):
            lines.append(t("diff.card_changed_hidden", theme=theme))
        elif was.text != card.text:
            lines.append(
                t("diff.card_changed", theme=theme, old=card_label(was), new=card_label(card))
            )
        if was.theme != card.theme:
            old_theme = _theme_title(old, was.theme)
            lines.append(t("diff.card_moved", old=old_theme, new=theme, card=card_label(card)))
        elif card.id in reordered:
            lines.append(t("diff.card_reordered", theme=theme, card=card_label(card)))
    for card in old_order:
        if card.id not in after:
            theme = _theme_title(old, card.theme)
            lines.append(t("diff.card_removed", theme=theme, card=card_label(card)))
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
    phase = session.current_phase()
    if phase is not None:
        out.append(t("textconv.phase", phase=clean_text(phase_title(phase.id, phase.title))))
    if session.private:
        out.append(t("textconv.private"))
    if meta.anonymous:
        out.append(t("textconv.anonymous"))
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
    people = {p.id: p for p in session.participants}
    per_theme: dict[str, list[Card]] = {}
    for card in board_order(session, session.cards):
        per_theme.setdefault(card.theme, []).append(card)
    for theme in session.themes:
        out += ["", f"== {clean_text(theme.title)} =="]
        for card in per_theme.get(theme.id, []):
            line = f"  - {card_label(card) if card.hidden else clean_text(card.text)}"
            person = people.get(card.author)
            if person is not None and not card.hidden and not meta.anonymous:
                line += f" — {person_label(person)}"
            out.append(line)
    return "\n".join(out) + "\n"
