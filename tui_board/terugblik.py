"""The terugblik: last session's agreements, looked back on first in the next one.

`carry_over` makes a new session from an earlier one (`tussenruimte new --from`); `review`
is the rule for recording what the group says of each earlier agreement. Pure functions.
"""

from __future__ import annotations

from .model import Agreement, Origin, Review, Session
from .ops import AgreementPut, Change, ReviewOp, ReviewPut
from .outcome import Applied, Outcome, Refused, done
from .text import clean_text

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
            revisits=entry.id,
        )
        changes.append(AgreementPut(agreement=draft))
    return done(session, changes) if changes else Applied(session, ())


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


def carried(earlier: Session) -> tuple[Review, ...]:
    """What the next session looks back on: every TWO adopted in `earlier`, and every earlier
    agreement the group said still works (it stays in force, so it comes back)."""
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
    for entry in earlier.terugblik:
        if entry.verdict == "werkt" and entry.id not in entries:
            entries[entry.id] = entry.model_copy(update={"verdict": "", "note": ""})
    return tuple(entries.values())


def carry_over(fresh: Session, earlier: Session, file: str, participants: bool) -> Session:
    """`fresh` (a new session from a template) with what `earlier` hands on: the spelregels
    as agreed, the organisations (and the participants, if asked), the terugblik, and where
    it came from."""
    organisations = tuple(dict.fromkeys([*earlier.invited, *earlier.organisations()]))
    update: dict[str, object] = {
        "origin": Origin(title=earlier.session.title, date=earlier.session.date, file=file),
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
