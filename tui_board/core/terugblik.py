"""The terugblik: last session's agreements, looked back on first in the next one.

`carry_over` makes a new session from an earlier one (`tussenruimte new --from`); an
adopted agreement stays on the agenda of every next session until a terugblik closes it
(afgerond), lets it lapse (vervallen) or replaces it (bijstellen, once the new draft is
adopted); `carry_plan` says what goes along and what not, and why. `review` is the rule for
recording what the group says of each earlier agreement. Pure functions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui_board.core.i18n import t
from tui_board.core.model import Agreement, Origin, Review, Session, session_identity
from tui_board.core.ops import AgreementPut, Change, OriginPut, RatifyMinutes, ReviewOp, ReviewPut
from tui_board.core.outcome import Applied, Outcome, Refused, done
from tui_board.core.text import clean_text

ADOPTED = ("aangenomen", "herzien", "vervallen")
"""Agreement statuses that mean: adopted in that session (perhaps changed later)."""

MAX_NOTE = 1000
"""The longest note on an earlier agreement."""


def review(session: Session, op: ReviewOp) -> Outcome:
    """Record werkt, bijstellen or vervallen (facilitators; `rules.apply` checks the role).

    Bijstellen makes a draft TWO for a second round that names the entry it revisits, so the
    concerns and the experience stay with it."""
    entry = next((r for r in session.terugblik if r.id == op.review_id), None)
    if entry is None:
        return Refused("refused.no_review")
    note = clean_text(op.note)
    if len(note) > MAX_NOTE:
        return Refused("refused.text_too_long", {"max": str(MAX_NOTE)})
    changed = entry.model_copy(update={"verdict": op.verdict, "note": note})
    changes: list[Change] = []
    if changed != entry:
        changes.append(ReviewPut(review=changed))
    drafted = any(a.revisits == entry.id for a in session.agreements)
    if op.verdict == "bijstellen" and not drafted:
        if not op.agreement_id:
            return Refused("refused.no_agreement")
        if session.agreement(op.agreement_id) is not None:
            return Refused("refused.agreement_exists")
        draft = Agreement(
            id=op.agreement_id,
            what=entry.what,
            why=entry.why or entry.what,
            owners=entry.owners,
            review=entry.review if kept_review(session, entry) else None,
            revisits=entry.id,
        )
        changes.append(AgreementPut(agreement=draft))
    return done(session, changes) if changes else Applied(session, ())


MAX_CORRECTIONS = 2000
"""The longest note of corrections to the earlier session's minutes."""


def ratify(session: Session, op: RatifyMinutes) -> Outcome:
    """Ratify the minutes of the session this one follows (its `[origin]`): on this
    session's date, with the corrections as a note; or take that back (facilitators;
    `rules.apply` checks the role)."""
    origin = session.origin
    if origin is None:
        return Refused("refused.no_origin")
    note = clean_text(op.note) if op.ratified else ""
    if len(note) > MAX_CORRECTIONS:
        return Refused("refused.text_too_long", {"max": str(MAX_CORRECTIONS)})
    when = session.session.date if op.ratified else None
    changed = origin.model_copy(update={"vastgesteld": when, "correcties": note})
    if changed == origin:
        return Applied(session, ())
    return done(session, [OriginPut(origin=changed)])


def kept_review(session: Session, entry: Review) -> bool:
    """Whether the draft that adjusts `entry` keeps its review date: only when that date is
    still ahead of the session (a passed date would make the new agreement late at once;
    then the board asks for a new one)."""
    return entry.review is not None and entry.review > session.session.date


def concern_lines(earlier: Session, agreement: Agreement) -> tuple[str, ...]:
    """The concerns of an agreement as lines that stand on their own in another file."""
    lines = []
    for answer in agreement.concerns:
        person = earlier.participant(answer.participant)
        who = ""
        if person is not None and not earlier.session.anonymous:
            who = f"{person.name} ({person.organisation})" if person.organisation else person.name
        elif person is not None and person.organisation:
            who = person.organisation
        text = answer.text or "—"
        lines.append(f"{who}: {text}" if who else text)
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class Carry:
    """One agreement of the earlier session, and whether the next session looks back on it."""

    id: str
    what: str
    carried: bool
    reason: str
    """Why (an i18n key `carry.*`)."""
    agenda: int = 0
    """For a carried one: how many sessions it has stood on the agenda, the new one included."""
    review: dt.date | None = None
    """Its review date."""
    detail: str = ""
    """For a replaced one: what replaces it; for one not adopted: its status."""


def carry_plan(earlier: Session) -> tuple[Carry, ...]:
    """What the next session looks back on, and what it leaves, with why: every TWO adopted
    in `earlier` and every agreement `earlier` looked back on stays on the agenda until a
    terugblik closes it (afgerond), lets it lapse (vervallen) or replaces it (bijstellen,
    once the new draft was adopted). Carried first, in the earlier session's order."""
    carried: dict[str, Carry] = {}
    left: list[Carry] = []
    replaced: dict[str, str] = {
        a.revisits: a.what for a in earlier.agreements if a.revisits and a.status in ADOPTED
    }
    for agreement in earlier.agreements:
        if agreement.status == "aangenomen":
            carried[agreement.id] = Carry(
                agreement.id, agreement.what, True, "carry.adopted", 1, agreement.review
            )
        elif agreement.status in ("herzien", "vervallen"):
            reason = f"carry.status.{agreement.status}"
            left.append(Carry(agreement.id, agreement.what, False, reason))
        elif not agreement.revisits:
            detail = t(f"two.status.{agreement.status}")
            left.append(
                Carry(agreement.id, agreement.what, False, "carry.not_adopted", detail=detail)
            )
    for entry in earlier.terugblik:
        if entry.id in carried:
            continue
        if entry.verdict in ("afgerond", "vervallen"):
            left.append(Carry(entry.id, entry.what, False, f"carry.{entry.verdict}"))
        elif entry.verdict == "bijstellen" and entry.id in replaced:
            detail = replaced[entry.id]
            left.append(Carry(entry.id, entry.what, False, "carry.replaced", detail=detail))
        else:
            reason = f"carry.{entry.verdict or 'open'}"
            carried[entry.id] = Carry(
                entry.id, entry.what, True, reason, entry.agenda + 1, entry.review
            )
    return (*carried.values(), *left)


def carried(earlier: Session) -> tuple[Review, ...]:
    """What the next session looks back on (see `carry_plan`): each earlier agreement as a
    terugblik entry, not judged yet, with how often it has stood on the agenda."""
    entries: dict[str, Review] = {}
    for agreement in earlier.agreements:
        if agreement.status == "aangenomen":
            entries[agreement.id] = Review(
                id=agreement.id,
                what=agreement.what,
                why=agreement.why,
                owners=agreement.owners,
                review=agreement.review,
                concerns=concern_lines(earlier, agreement),
            )
    kept = {c.id for c in carry_plan(earlier) if c.carried}
    for entry in earlier.terugblik:
        if entry.id in kept and entry.id not in entries:
            entries[entry.id] = entry.model_copy(
                update={"verdict": "", "note": "", "agenda": entry.agenda + 1}
            )
    return tuple(entries.values())


def carry_over(fresh: Session, earlier: Session, file: str, participants: bool) -> Session:
    """`fresh` (a new session from a template) with what `earlier` hands on: the spelregels
    as agreed, the organisations (and the participants, if asked), the terugblik, and where
    it came from."""
    organisations = tuple(dict.fromkeys([*earlier.invited, *earlier.organisations()]))
    update: dict[str, object] = {
        "origin": Origin(
            title=earlier.session.title,
            date=earlier.session.date,
            file=file,
            id=session_identity(earlier),
        ),
        "terugblik": carried(earlier),
        "invited": organisations,
    }
    if earlier.spelregels:
        update["spelregels"] = earlier.spelregels
    if participants:
        seated = {p.id for p in fresh.participants}
        update["participants"] = fresh.participants + tuple(
            p.model_copy(update={"mandate": None})
            for p in earlier.participants
            if p.id not in seated
        )
    return Session.model_validate(fresh.model_copy(update=update).model_dump(by_alias=True))


def with_corrections(corrections: str) -> str:
    """What follows "vastgesteld op …" wherever it is said: "(met correcties: …)." or "zonder
    correcties." (one full stop, also when the corrections end in one)."""
    cleaned = clean_text(corrections).rstrip(". ")
    if cleaned:
        return t("report.ratified_corrections", corrections=cleaned)
    return t("report.ratified_as_is")
