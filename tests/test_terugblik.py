"""The terugblik: the earlier session's adopted TWOs, looked back on first in the next one.

`ReviewOp` (facilitators) records werkt, bijstellen or vervallen with the group's words;
bijstellen makes one draft TWO for a second round that names the entry it revisits.
`carry_over` (`tussenruimte new --from`) makes the next session: where it came from, what to
look back on (the adopted TWOs and what still works), the concerns in words that stand on
their own, the spelregels, the organisations and, if asked, the people. Schema 4 files keep
all of it byte for byte; schema 3 files still load.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from factories import (
    ANNA,
    BRAM,
    COFACILITATOR,
    DATE,
    FACILITATOR,
    NOW,
    OBSERVER,
    PEOPLE,
    make_session,
)

from tui_board.core import i18n
from tui_board.core.model import (
    Agreement,
    Answer,
    Origin,
    Participant,
    Review,
    Role,
    Session,
    session_identity,
)
from tui_board.core.ops import (
    Actor,
    AgreementPut,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    GroupCards,
    Op,
    ReviewOp,
    ReviewPut,
    StartRound,
    VoteOp,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Outcome, Refused, apply, apply_changes
from tui_board.core.terugblik import carry_over
from tui_board.files.store import dumps_session, load_session, save_session, session_to_dict
from tui_board.files.templates import find_template, new_session

REGIE = Review(
    id="two-a",
    what="Eén regievoerder per gezin",
    why="Gezinnen raken de weg kwijt",
    owners=("Gemeente", "Wijkteam"),
    review=dt.date(2027, 3, 1),
    concerns=("Anna (Zorgaanbieder): Wie betaalt de regievoerder?",),
)
OVERLEG = Review(id="two-b", what="Elke maand overleg")
"""An entry without a why."""


def dump(session: Session) -> dict[str, Any]:
    return session.model_dump(by_alias=True)


def looking_back(*entries: Review, phase: str = "") -> Session:
    """The small session of `factories` with these terugblik entries (default: both)."""
    data = make_session().model_dump(by_alias=True)
    data["terugblik"] = [r.model_dump() for r in entries or (REGIE, OVERLEG)]
    if phase:
        data["phases"] = [p.model_dump() for p in default_phases("nl")]
        data["phase"] = phase
    return Session.model_validate(data)


def ok(old: Session, outcome: Outcome) -> Applied:
    assert isinstance(outcome, Applied), outcome
    assert dump(apply_changes(old, outcome.changes)) == dump(outcome.session)
    assert dump(Session.model_validate(dump(outcome.session))) == dump(outcome.session)
    return outcome


def refused(outcome: Outcome, key: str, **values: str) -> Refused:
    assert isinstance(outcome, Refused), f"applied: {outcome!r}"
    assert (outcome.key, outcome.values) == (key, values)
    assert i18n.t(key, **values) != key, "a message exists for it"
    return outcome


def run(session: Session, op: Op, actor: Actor = FACILITATOR) -> Outcome:
    return apply(session, op, actor, NOW)


def entry(session: Session, review_id: str) -> Review:
    found = next((r for r in session.terugblik if r.id == review_id), None)
    assert found is not None, review_id
    return found


# --- reviewing ------------------------------------------------------------------------------


@pytest.mark.parametrize("verdict", ["werkt", "vervallen"])
def test_a_verdict_and_note_are_recorded(verdict: str) -> None:
    session = looking_back()
    op = ReviewOp(review_id="two-a", verdict=verdict, note="  Loopt\x1b[0m  goed\n ")
    outcome = ok(session, run(session, op))
    recorded = REGIE.model_copy(update={"verdict": verdict, "note": "Loopt [0m goed"})
    assert outcome.changes == (ReviewPut(review=recorded),)
    assert outcome.session.terugblik == (recorded, OVERLEG), "the order of the entries stays"
    assert outcome.session.agreements == ()


def test_the_same_verdict_again_changes_nothing_and_an_empty_one_undoes() -> None:
    session = looking_back()
    op = ReviewOp(review_id="two-b", verdict="werkt", note="Goed")
    session = ok(session, run(session, op)).session
    again = ok(session, run(session, op))
    assert again.changes == () and again.session is session
    undone = ok(session, run(session, ReviewOp(review_id="two-b", verdict="")))
    assert entry(undone.session, "two-b") == OVERLEG


def test_bijstellen_makes_one_draft_for_a_second_round() -> None:
    session = looking_back()
    op = ReviewOp(review_id="two-a", verdict="bijstellen", note="Te duur", agreement_id="two-2")
    outcome = ok(session, run(session, op))
    draft = Agreement(
        id="two-2",
        what=REGIE.what,
        why=REGIE.why,
        owners=REGIE.owners,
        review=REGIE.review,  # still ahead of the session: the draft keeps it
        revisits="two-a",
        status="concept",
    )
    assert outcome.changes == (
        ReviewPut(review=REGIE.model_copy(update={"verdict": "bijstellen", "note": "Te duur"})),
        AgreementPut(agreement=draft),
    )
    assert outcome.session.agreements == (draft,)


def test_pressing_bijstellen_again_never_makes_a_second_draft() -> None:
    session = looking_back()
    first = ReviewOp(review_id="two-a", verdict="bijstellen", agreement_id="two-2")
    session = ok(session, run(session, first)).session
    again = ok(session, run(session, first.model_copy(update={"agreement_id": "two-3"})))
    assert again.changes == ()
    noted = ok(
        session,
        run(session, first.model_copy(update={"note": "Nog eens", "agreement_id": "two-3"})),
    )
    assert [c.type for c in noted.changes] == ["review_put"]
    # Also after changing one's mind in between.
    session = ok(session, run(session, ReviewOp(review_id="two-a", verdict="werkt"))).session
    back = ok(session, run(session, first.model_copy(update={"agreement_id": "two-4"})))
    assert [c.type for c in back.changes] == ["review_put"]
    assert [a.id for a in back.session.agreements] == ["two-2"]
    # Without an id for a draft, bijstellen is recorded too once the draft exists.
    bare = ok(session, run(session, ReviewOp(review_id="two-a", verdict="bijstellen")))
    assert entry(bare.session, "two-a").verdict == "bijstellen"
    assert len(bare.session.agreements) == 1


def test_a_draft_of_an_entry_without_a_why_takes_its_what() -> None:
    session = looking_back()
    op = ReviewOp(review_id="two-b", verdict="bijstellen", agreement_id="two-2")
    draft = ok(session, run(session, op)).session.agreement("two-2")
    assert draft is not None
    assert (draft.what, draft.why, draft.owners) == (OVERLEG.what, OVERLEG.what, ())


def test_bijstellen_needs_a_new_agreement_id() -> None:
    session = looking_back()
    bare = ReviewOp(review_id="two-a", verdict="bijstellen")
    refused(run(session, bare), "refused.no_agreement")
    taken = ok(
        session,
        run(session, ReviewOp(review_id="two-b", verdict="bijstellen", agreement_id="two-2")),
    )
    clash = bare.model_copy(update={"agreement_id": "two-2"})
    refused(run(taken.session, clash), "refused.agreement_exists")
    assert entry(taken.session, "two-a") == REGIE, "nothing was recorded"


def test_a_review_of_an_unknown_entry_or_with_too_long_a_note() -> None:
    session = looking_back()
    refused(run(session, ReviewOp(review_id="two-z", verdict="werkt")), "refused.no_review")
    long = ReviewOp(review_id="two-a", verdict="werkt", note="x" * 1001)
    refused(run(session, long), "refused.text_too_long", max="1000")
    ok(session, run(session, long.model_copy(update={"note": "x" * 1000})))


def test_the_draft_goes_through_a_round_and_keeps_what_it_revisits() -> None:
    session = looking_back(phase="afspreken")
    op = ReviewOp(review_id="two-a", verdict="bijstellen", agreement_id="two-2")
    session = ok(session, run(session, op)).session
    session = ok(session, run(session, StartRound(agreement_id="two-2"))).session
    session = ok(
        session, run(session, AnswerOp(agreement_id="two-2", kind="werkbaar"), ANNA)
    ).session
    session = ok(session, run(session, CloseAnswers(agreement_id="two-2"))).session
    session = ok(
        session, run(session, CloseRound(agreement_id="two-2", outcome="aangenomen"))
    ).session
    adopted = session.agreement("two-2")
    assert adopted is not None and (adopted.status, adopted.revisits) == ("aangenomen", "two-a")


@pytest.mark.parametrize("phase", ["", "opening", "afspreken"])
@pytest.mark.parametrize(
    ("actor", "key"),
    [
        (FACILITATOR, ""),
        (COFACILITATOR, ""),
        (ANNA, "refused.facilitator_only"),
        (BRAM, "refused.facilitator_only"),
        (OBSERVER, "refused.observer"),
    ],
    ids=["facilitator", "cofacilitator", "anna", "bram", "observer"],
)
def test_only_facilitators_review_in_any_phase(actor: Actor, key: str, phase: str) -> None:
    session = looking_back(phase=phase)
    op = ReviewOp(review_id="two-a", verdict="bijstellen", note="x", agreement_id="two-2")
    outcome = run(session, op, actor)
    if key:
        refused(outcome, key)
        return
    assert ok(session, outcome).session.agreement("two-2") is not None


# --- carrying over --------------------------------------------------------------------------

CONCERN = "Wie betaalt de regievoerder?"
PIET = Participant(id="piet", name="Piet", mandate=True)
"""Someone at the table without an organisation."""


def earlier_session(*, anonymous: bool = False, invited: tuple[str, ...] = ()) -> Session:
    """A finished session: TWOs in every status, a terugblik with every verdict."""
    people = tuple(p.model_copy(update={"mandate": p.id != "bram"}) for p in PEOPLE)
    agreements = [
        Agreement(
            id="two-a",
            what=REGIE.what,
            why=REGIE.why,
            owners=("Gemeente", "Wijkteam"),
            review=dt.date(2027, 3, 1),
            status="aangenomen",
            round=2,
            answers=(Answer(participant="bram", kind="werkbaar", round=2),),
            concerns=(
                Answer(participant="anna", kind="bedenking", text=CONCERN),
                Answer(participant="piet", kind="bedenking", text="Te veel overleg"),
                Answer(participant="weg", kind="bedenking", text="Niet meer aan tafel"),
            ),
        ),
        Agreement(
            id="two-g",
            what="Samen scholing",
            why="Kennis delen",
            status="aangenomen",
            revisits="old-1",
        ),
    ]
    agreements += [
        Agreement(id=f"two-{status}", what=f"TWO {status}", why="Waarom", status=status)
        for status in ("concept", "in_ronde", "geparkeerd", "herzien", "vervallen")
    ]
    terugblik = (
        Review(id="old-1", what="Scholing", verdict="bijstellen", note="Anders"),
        Review(
            id="old-2",
            what="Samen leren",
            why="Van elkaar",
            verdict="werkt",
            note="Loopt",
            concerns=("School: tijd",),
        ),
        Review(id="old-3", what="Weekoverleg", verdict="vervallen", note="Te vaak"),
        Review(id="old-4", what="Nog niet besproken"),
    )
    data = make_session(participants=(*people, PIET)).model_dump(by_alias=True)
    data["session"]["anonymous"] = anonymous
    data["session"]["title"] = "Eerste ronde"
    data["agreements"] = [a.model_dump() for a in agreements]
    data["terugblik"] = [r.model_dump() for r in terugblik]
    data["invited"] = list(invited)
    return Session.model_validate(data)


def fresh_session() -> Session:
    template = find_template("rivierenland")
    return new_session(template, date=DATE + dt.timedelta(days=91), facilitator="Ria")


def test_carry_over_looks_back_on_the_adopted_and_every_agreement_not_closed() -> None:
    earlier = earlier_session()
    new = carry_over(fresh_session(), earlier, "eerste.toml", participants=False)
    # old-1 was adjusted and its new version two-g adopted; old-3 lapsed: both stay behind.
    # What works and what was not discussed stay on the agenda.
    assert [r.id for r in new.terugblik] == ["two-a", "two-g", "old-2", "old-4"]
    regie, scholing, leren, _ = new.terugblik
    assert (regie.what, regie.why, regie.owners, regie.review) == (
        REGIE.what,
        REGIE.why,
        ("Gemeente", "Wijkteam"),
        dt.date(2027, 3, 1),
    )
    assert (regie.verdict, regie.note) == ("", "")
    assert scholing == Review(id="two-g", what="Samen scholing", why="Kennis delen")
    # What still works comes back as it was, to be looked at again.
    assert leren == Review(
        id="old-2", what="Samen leren", why="Van elkaar", concerns=("School: tijd",), agenda=2
    )
    assert new.terugblik[3] == Review(id="old-4", what="Nog niet besproken", agenda=2)
    assert (regie.agenda, scholing.agenda) == (1, 1)


def test_concerns_name_who_raised_them() -> None:
    new = carry_over(fresh_session(), earlier_session(), "eerste.toml", participants=False)
    assert new.terugblik[0].concerns == (
        f"Anna (Zorgaanbieder): {CONCERN}",
        "Piet: Te veel overleg",
        "Niet meer aan tafel",
    )


def test_in_an_anonymous_session_concerns_name_only_the_organisation() -> None:
    new = carry_over(
        fresh_session(), earlier_session(anonymous=True), "eerste.toml", participants=False
    )
    concerns = new.terugblik[0].concerns
    assert concerns == (f"Zorgaanbieder: {CONCERN}", "Te veel overleg", "Niet meer aan tafel")
    assert not any(name in line for line in concerns for name in ("Anna", "Piet"))


def test_carry_over_says_where_it_came_from_and_keeps_the_spelregels() -> None:
    earlier = earlier_session()
    fresh = fresh_session()
    new = carry_over(fresh, earlier, "eerste.toml", participants=False)
    assert new.origin == Origin(
        title="Eerste ronde", date=DATE, file="eerste.toml", id=session_identity(earlier)
    )
    assert new.spelregels == earlier.spelregels != fresh.spelregels
    # The rest is the fresh session's: its own title, date, themes, phases, no cards or TWOs.
    assert new.session == fresh.session
    assert (new.themes, new.phases, new.phase) == (fresh.themes, fresh.phases, fresh.phase)
    assert (new.cards, new.agreements, new.votes, new.clusters) == ((), (), (), ())
    without = earlier.model_copy(update={"spelregels": ()})
    assert carry_over(fresh, without, "x.toml", participants=False).spelregels == fresh.spelregels


def test_carry_over_invites_the_organisations_and_seats_people_only_when_asked() -> None:
    earlier = earlier_session(invited=("Bibliotheek", "Gemeente"))
    fresh = fresh_session()
    new = carry_over(fresh, earlier, "eerste.toml", participants=False)
    # Observers sit at the table for nobody; every organisation once.
    assert new.invited == ("Bibliotheek", "Gemeente", "Wijkteam", "Zorgaanbieder", "School")
    assert new.participants == fresh.participants
    seated = carry_over(fresh, earlier, "eerste.toml", participants=True)
    # The fresh session's own seats stay; everyone of the earlier session joins them, asked
    # again for their mandate.
    assert seated.participants[: len(fresh.participants)] == fresh.participants
    assert seated.participants[len(fresh.participants) :] == tuple(
        p.model_copy(update={"mandate": None}) for p in earlier.participants
    )
    assert any(p.mandate is not None for p in earlier.participants)
    olga = seated.participant("olga")
    assert olga is not None and olga.role is Role.OBSERVER


def test_someone_seated_in_both_keeps_the_fresh_seat() -> None:
    fresh = fresh_session()
    (host,) = fresh.participants
    earlier = earlier_session()
    old_seat = Participant(id=host.id, name="Oude naam", organisation="Oud")
    earlier = earlier.model_copy(update={"participants": (*earlier.participants, old_seat)})
    seated = carry_over(fresh, earlier, "eerste.toml", participants=True)
    assert seated.participant(host.id) == host
    assert [p.id for p in seated.participants].count(host.id) == 1


def test_the_next_session_saves_and_loads_byte_for_byte(tmp_path: Path) -> None:
    new = carry_over(
        fresh_session(), earlier_session(invited=("Bibliotheek",)), "eerste.toml", True
    )
    path = tmp_path / "tweede.toml"
    save_session(new, path)
    first = path.read_bytes()
    loaded = load_session(path)
    assert (loaded.origin, loaded.terugblik, loaded.invited) == (
        new.origin,
        new.terugblik,
        new.invited,
    )
    save_session(loaded, path)
    assert path.read_bytes() == first


def test_three_sessions_in_a_row() -> None:
    """What works and what was adjusted and adopted again reaches the third session."""
    second = carry_over(fresh_session(), earlier_session(), "eerste.toml", participants=True)
    steps: list[tuple[Op, Actor]] = [
        (ReviewOp(review_id="two-a", verdict="werkt", note="Goed"), FACILITATOR),
        (ReviewOp(review_id="two-g", verdict="bijstellen", agreement_id="two-h"), FACILITATOR),
        (ReviewOp(review_id="old-2", verdict="vervallen"), FACILITATOR),
        (StartRound(agreement_id="two-h"), FACILITATOR),
        (CloseAnswers(agreement_id="two-h"), FACILITATOR),
        (CloseRound(agreement_id="two-h", outcome="aangenomen"), FACILITATOR),
    ]
    for op, actor in steps:
        second = ok(second, run(second, op, actor)).session
    third = carry_over(fresh_session(), second, "tweede.toml", participants=False)
    # old-4, never discussed, is still on the agenda; two-g was replaced by two-h.
    assert [r.id for r in third.terugblik] == ["two-h", "two-a", "old-4"]
    assert entry(third, "old-4").agenda == 3
    assert entry(third, "two-h").what == "Samen scholing"
    assert (entry(third, "two-a").verdict, entry(third, "two-a").note) == ("", "")
    assert third.origin is not None and third.origin.file == "tweede.toml"


# --- the file -------------------------------------------------------------------------------


def full_session() -> Session:
    """A schema 4 session using every new field."""
    session = looking_back(REGIE, OVERLEG.model_copy(update={"verdict": "werkt", "note": "Ja"}))
    session = session.model_copy(
        update={
            "open_to_all": ("cluster",),
            "invited": ("Bibliotheek", "Gemeente"),
            "origin": Origin(title="Eerste ronde", date=DATE, file="eerste.toml"),
        }
    )
    steps: list[Op] = [
        GroupCards(cluster_id="c1", title="Wie doet wat", cards=("a1", "b1")),
        ReviewOp(review_id="two-a", verdict="bijstellen", note="Duur", agreement_id="two-2"),
    ]
    for op in steps:
        session = ok(session, run(session, op)).session
    return ok(session, run(session, VoteOp(card_id="c1", delta=1), ANNA)).session


def test_a_schema_4_session_saves_and_loads_byte_for_byte(tmp_path: Path) -> None:
    session = full_session()
    path = tmp_path / "sessie.toml"
    save_session(session, path)
    first = path.read_bytes()
    text = first.decode("utf-8")
    for part in ("[origin]", "[[terugblik]]", "[[clusters]]", 'revisits = "two-a"', "invited"):
        assert part in text, part
    loaded = load_session(path)
    for name in (
        "clusters",
        "terugblik",
        "origin",
        "invited",
        "open_to_all",
        "votes",
        "agreements",
    ):
        assert getattr(loaded, name) == getattr(session, name), name
    assert session_to_dict(loaded) == session_to_dict(session)
    save_session(loaded, path)
    assert path.read_bytes() == first
    assert dumps_session(loaded) == dumps_session(session) == text


def test_a_session_without_schema_4_fields_writes_none_of_them() -> None:
    text = dumps_session(make_session())
    for part in ("origin", "terugblik", "clusters", "invited", "open_to_all", "revisits"):
        assert part not in text, part


SCHEMA_3 = """\
schema = 3
dots = 2
voting = "closed"
spelregels = ["We praten over oplossingen."]

[session]
title = "Derde schema"
date = 2026-05-01

[[themes]]
id = "rollen"
title = "Rollen"

[[participants]]
id = "anna"
name = "Anna"
organisation = "Zorgaanbieder"
mandate = true

[[participants]]
id = "ria"
name = "Ria"
organisation = "Gemeente"
role = "facilitator"

[[cards]]
id = "k1"
theme = "rollen"
text = "Eerste kaart"
author = "anna"
position = 1024
created = 2026-05-01T10:00:00Z
updated = 2026-05-01T10:00:00Z
kind = "probleem"

[[votes]]
voter = "anna"
card = "k1"
dots = 2

[[agreements]]
id = "two-1"
what = "Eén regievoerder"
why = "Overzicht"
owners = ["Zorgaanbieder"]
status = "aangenomen"
round = 1
source = "k1"

[[agreements.concerns]]
participant = "anna"
kind = "bedenking"
text = "Wie betaalt?"
"""


def test_a_schema_3_file_still_loads_and_can_be_carried_over(tmp_path: Path) -> None:
    path = tmp_path / "oud.toml"
    path.write_text(SCHEMA_3, encoding="utf-8")
    old = load_session(path)
    assert old.schema_version == 3
    assert (old.clusters, old.terugblik, old.origin, old.invited, old.open_to_all) == (
        (),
        (),
        None,
        (),
        (),
    )
    assert old.votes[0].dots == 2 and old.agreements[0].concerns[0].text == "Wie betaalt?"
    card = old.card("k1")
    assert card is not None and card.cluster == ""
    save_session(old, path)
    upgraded = path.read_text(encoding="utf-8")
    assert "schema = 4" in upgraded
    again = load_session(path)
    assert session_to_dict(again) == session_to_dict(old)
    new = carry_over(fresh_session(), old, "oud.toml", participants=False)
    assert [r.id for r in new.terugblik] == ["two-1"]
    assert new.terugblik[0].concerns == ("Anna (Zorgaanbieder): Wie betaalt?",)
    assert new.invited == ("Zorgaanbieder", "Gemeente")
