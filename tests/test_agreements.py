"""Agreements (TWO's, spelregel 6) and consent rounds (spelregels 4 and 5): the rules, what
each viewer may see of an open round, the file, and the offline board's keys through Pilot.

A TWO needs a what and a why; its owners are organisations at the table. Only the
facilitators draft and run rounds; participants answer in the phase "afspreken" with
werkbaar, bedenking (always with a text) or achterban, one answer each per round. While a
round is open others see that someone answered, never what. Closing a round keeps the
concerns with the agreement for the next round, so an amended TWO carries them along.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from boardkit import displayed, make_app, screen_now, session_file
from factories import (
    ANNA,
    BRAM,
    COFACILITATOR,
    FACILITATOR,
    NOW,
    OBSERVER,
    STRANGER,
    make_session,
)
from textual.notifications import Notify
from textual.widgets import Input, Static

from tui_board.core.model import Agreement, Answer, Session
from tui_board.core.ops import (
    Actor,
    AgreementPut,
    AnswerOp,
    Change,
    CloseAnswers,
    CloseRound,
    DraftAgreement,
    Op,
    SetPhase,
    StartRound,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Refused, apply, apply_changes
from tui_board.core.views import is_private, view_agreement, view_changes, view_session
from tui_board.files.store import dumps_session, load_session, save_session
from tui_board.tui.screens.agreements import AgreementForm, AnswerScreen, DecisionScreen

TWO = "two-1"
WHAT = "Eén regievoerder per gezin, vanaf januari"
WHY = "Gezinnen raken de weg kwijt tussen vijf hulpverleners"
CONCERN = "Wie betaalt de regievoerder als het gezin verhuist?"


def consent_session(phase: str = "afspreken") -> Session:
    """The small session of `factories` with the default phases, in `phase`."""
    return make_session().model_copy(update={"phases": default_phases("nl"), "phase": phase})


def applied(session: Session, op: Op, actor: Actor = FACILITATOR) -> Applied:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Applied), f"{op!r} by {actor.id}: {outcome!r}"
    return outcome


def refused(session: Session, op: Op, actor: Actor = FACILITATOR) -> Refused:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Refused), f"{op!r} by {actor.id} was applied"
    return outcome


def draft(**fields: object) -> DraftAgreement:
    values: dict[str, object] = {"agreement_id": TWO, "what": WHAT, "why": WHY}
    values.update(fields)
    return DraftAgreement.model_validate(values)


def round_trips(session: Session, folder: Path) -> Session:
    """Save, load and save again: the same bytes, the same session."""
    path = folder / "ronde.toml"
    save_session(session, path)
    first = path.read_bytes()
    loaded = load_session(path)
    save_session(loaded, path)
    assert path.read_bytes() == first, "save → load → save is not byte-identical"
    assert loaded.agreements == session.agreements
    return loaded


# --- drafting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"what": ""}, "refused.what_needed"),
        ({"what": "   \n\t "}, "refused.what_needed"),
        ({"why": ""}, "refused.why_needed"),
        ({"why": "  \n "}, "refused.why_needed"),
        ({"what": "", "why": ""}, "refused.what_needed"),
    ],
)
def test_a_two_needs_a_what_and_a_why(fields: dict[str, str], key: str) -> None:
    session = consent_session()
    assert refused(session, draft(**fields)).key == key
    assert session.agreements == ()


def test_owners_are_organisations_at_the_table() -> None:
    session = consent_session()
    assert session.organisations() == ["Gemeente", "Wijkteam", "Zorgaanbieder", "School"]
    for owner in ("Provincie", "Woningcorporatie"):  # the observer's organisation is not
        outcome = refused(session, draft(owners=("Gemeente", owner)))
        assert (outcome.key, outcome.values) == ("refused.owner_unknown", {"owner": owner})
    done = applied(session, draft(owners=(" Wijkteam ", "Gemeente", "Wijkteam", "  ")))
    agreement = done.session.agreement(TWO)
    assert agreement is not None and agreement.owners == ("Wijkteam", "Gemeente")


@pytest.mark.parametrize(
    "op",
    [
        draft(what="Een ander plan"),
        StartRound(agreement_id=TWO),
        CloseAnswers(agreement_id=TWO),
        CloseRound(agreement_id=TWO, outcome="aangenomen"),
    ],
)
def test_participants_neither_draft_nor_run_rounds(op: Op) -> None:
    session = applied(consent_session(), draft()).session
    if isinstance(op, (CloseAnswers, CloseRound)):
        session = applied(session, StartRound(agreement_id=TWO)).session
    if isinstance(op, CloseRound):
        session = applied(session, CloseAnswers(agreement_id=TWO)).session
    for actor in (ANNA, BRAM):
        assert refused(session, op, actor).key == "refused.facilitator_only"
    assert refused(session, op, OBSERVER).key == "refused.observer"
    assert refused(session, op, STRANGER).key == "refused.not_at_table"
    assert applied(session, op, COFACILITATOR).changes, "co-facilitators run rounds too"


def test_a_draft_names_its_card_and_the_card_must_exist() -> None:
    session = consent_session()
    done = applied(session, draft(source="a1", review=dt.date(2027, 3, 1)))
    agreement = done.session.agreement(TWO)
    assert agreement == Agreement(
        id=TWO, what=WHAT, why=WHY, review=dt.date(2027, 3, 1), source="a1"
    )
    assert agreement.status == "concept" and agreement.round == 0
    assert done.changes == (AgreementPut(agreement=agreement),)
    assert refused(session, draft(source="nope")).key == "refused.no_card"
    assert applied(done.session, draft(source="a1", review=dt.date(2027, 3, 1))).changes == ()


def test_answers_need_a_round_and_the_phase() -> None:
    session = applied(consent_session(), draft()).session
    no_round = refused(session, AnswerOp(agreement_id=TWO, kind="werkbaar"), ANNA)
    assert no_round.key == "refused.no_round"
    assert refused(session, CloseRound(agreement_id=TWO, outcome="concept")).key == (
        "refused.no_round"
    )
    assert refused(session, CloseAnswers(agreement_id=TWO)).key == "refused.no_round"
    assert refused(session, StartRound(agreement_id="nope")).key == "refused.no_agreement"
    session = applied(session, StartRound(agreement_id=TWO)).session
    missing = refused(session, AnswerOp(agreement_id="nope", kind="werkbaar"), ANNA)
    assert missing.key == "refused.no_agreement"

    # A round can run in another phase (the facilitator decides), but participants answer
    # in "afspreken" only; the facilitators are never held back by the phase.
    gathering = applied(session, SetPhase(phase="verzamelen")).session
    held_back = refused(gathering, AnswerOp(agreement_id=TWO, kind="werkbaar"), ANNA)
    assert (held_back.key, held_back.values) == ("refused.phase.consent", {"phase": "Afspreken"})
    assert applied(gathering, AnswerOp(agreement_id=TWO, kind="werkbaar"), FACILITATOR).changes
    answer = AnswerOp(agreement_id=TWO, kind="werkbaar")
    assert refused(session, answer, OBSERVER).key == "refused.observer"
    assert refused(session, answer, STRANGER).key == "refused.not_at_table"


# --- a whole cycle ----------------------------------------------------------------------


def test_draft_round_amend_round_adopt(tmp_path: Path) -> None:
    """Two rounds of one TWO: its concern stays with it, and the file holds every step."""
    start = consent_session()
    session = start
    changes: list[Change] = []

    def do(op: Op, actor: Actor = FACILITATOR) -> Agreement:
        nonlocal session
        done = applied(session, op, actor)
        assert done.changes, f"{op!r} by {actor.id} changed nothing"
        changes.extend(done.changes)
        session = done.session
        assert round_trips(session, tmp_path) == session
        agreement = session.agreement(TWO)
        assert agreement is not None
        return agreement

    two = do(draft(owners=("Gemeente", "Wijkteam"), review=dt.date(2027, 3, 1), source="a1"))
    assert (two.status, two.round, two.answers, two.concerns) == ("concept", 0, (), ())

    two = do(StartRound(agreement_id=TWO))
    assert (two.status, two.round) == ("in_ronde", 1)
    assert applied(session, StartRound(agreement_id=TWO)).changes == (), "already in a round"
    assert refused(session, draft(what="Iets anders")).key == "refused.in_round"

    # Spelregel 5: a concern is spoken out, so a bedenking without words is refused.
    for empty in ("", "   ", "\n\t"):
        bare = AnswerOp(agreement_id=TWO, kind="bedenking", text=empty)
        assert refused(session, bare, BRAM).key == "refused.concern_text"
    two = do(AnswerOp(agreement_id=TWO, kind="werkbaar"), ANNA)
    two = do(AnswerOp(agreement_id=TWO, kind="achterban", text="Even navragen"), BRAM)
    # A new answer replaces the old one: one answer per participant per round.
    two = do(AnswerOp(agreement_id=TWO, kind="bedenking", text=f"  {CONCERN}  "), BRAM)
    assert two.answers == (
        Answer(participant="anna", kind="werkbaar", round=1),
        Answer(participant="bram", kind="bedenking", text=CONCERN, round=1),
    )
    same = AnswerOp(agreement_id=TWO, kind="bedenking", text=CONCERN)
    assert applied(session, same, BRAM).changes == (), "the same answer again changes nothing"

    # Never a choice before the answers show: answering closes first, for everyone to see.
    blind = refused(session, CloseRound(agreement_id=TWO, outcome="aangenomen"))
    assert blind.key == "refused.answers_open"
    two = do(CloseAnswers(agreement_id=TWO))
    assert (two.status, two.round) == ("beraad", 1)
    assert applied(session, CloseAnswers(agreement_id=TWO)).changes == (), "closed already"
    for viewer in (FACILITATOR, ANNA, BRAM, OBSERVER):
        assert view_agreement(two, viewer) == two, "once answering closed, all see the answers"
    late = AnswerOp(agreement_id=TWO, kind="werkbaar")
    assert refused(session, late, ANNA).key == "refused.answers_closed"
    assert refused(session, draft(what="Iets anders")).key == "refused.in_round"
    assert refused(session, StartRound(agreement_id=TWO)).key == "refused.in_round"

    # Amend: back to concept; the concern stays with the agreement for the next round.
    two = do(CloseRound(agreement_id=TWO, outcome="concept"))
    concern = Answer(participant="bram", kind="bedenking", text=CONCERN, round=1)
    assert (two.status, two.round, two.concerns) == ("concept", 1, (concern,))
    assert two.answers[-1] == concern, "after the round everyone may see the answers"
    late = AnswerOp(agreement_id=TWO, kind="werkbaar")
    assert refused(session, late, ANNA).key == "refused.no_round"

    amended = "Eén regievoerder per gezin; de woongemeente betaalt"
    two = do(draft(what=amended, owners=("Gemeente", "Wijkteam"), review=dt.date(2027, 3, 1)))
    assert (two.what, two.status, two.round, two.source) == (amended, "concept", 1, "a1")
    assert two.concerns == (concern,), "amending keeps the concerns"

    two = do(StartRound(agreement_id=TWO))
    assert (two.status, two.round, two.answers, two.concerns) == ("in_ronde", 2, (), (concern,))
    two = do(AnswerOp(agreement_id=TWO, kind="werkbaar"), BRAM)
    two = do(AnswerOp(agreement_id=TWO, kind="werkbaar"), ANNA)
    assert {(a.participant, a.kind, a.round) for a in two.answers} == {
        ("bram", "werkbaar", 2),
        ("anna", "werkbaar", 2),
    }

    two = do(CloseAnswers(agreement_id=TWO))
    two = do(CloseRound(agreement_id=TWO, outcome="aangenomen"))
    assert (two.status, two.round, two.what) == ("aangenomen", 2, amended)
    assert two.concerns == (concern,), "no new concerns, the old one stays on record"
    assert refused(session, CloseRound(agreement_id=TWO, outcome="aangenomen")).key == (
        "refused.no_round"
    )

    # A client replays the changes and ends up where the rules are.
    assert apply_changes(start, changes) == session

    # The file: one [[agreements]] with its answers and its concern under it.
    text = dumps_session(session)
    assert text.count("[[agreements]]") == 1
    assert text.count("[[agreements.answers]]") == 2
    assert text.count("[[agreements.concerns]]") == 1
    assert text.index("[[agreements]]") < text.index("[[agreements.answers]]")
    assert f'text = "{CONCERN}"' in text and 'status = "aangenomen"' in text
    assert "review = 2027-03-01" in text


def test_close_with_parking_and_new_concerns_add_up(tmp_path: Path) -> None:
    session = applied(consent_session(), draft()).session
    for number, outcome in ((1, "geparkeerd"), (2, "concept")):
        session = applied(session, StartRound(agreement_id=TWO)).session
        op = AnswerOp(agreement_id=TWO, kind="bedenking", text=f"Zorg {number}")
        session = applied(session, op, ANNA).session
        session = applied(session, CloseAnswers(agreement_id=TWO)).session
        session = applied(session, CloseRound(agreement_id=TWO, outcome=outcome)).session
        two = session.agreement(TWO)
        assert two is not None and two.status == outcome
    two = session.agreement(TWO)
    assert two is not None and two.concerns == (
        Answer(participant="anna", kind="bedenking", text="Zorg 1", round=1),
        Answer(participant="anna", kind="bedenking", text="Zorg 2", round=2),
    )
    assert round_trips(session, tmp_path) == session


# --- what others see of an open round ---------------------------------------------------


def test_others_see_that_someone_answered_never_what() -> None:
    session = applied(consent_session(), draft()).session
    session = applied(session, StartRound(agreement_id=TWO)).session
    session = applied(session, AnswerOp(agreement_id=TWO, kind="werkbaar"), ANNA).session
    last = applied(session, AnswerOp(agreement_id=TWO, kind="bedenking", text=CONCERN), BRAM)
    session = last.session
    assert is_private(last.changes, session)
    hidden = {"anna": Answer(participant="anna", kind="verborgen", round=1)}
    hidden["bram"] = Answer(participant="bram", kind="verborgen", round=1)
    two = session.agreement(TWO)
    assert two is not None
    for viewer in (FACILITATOR, COFACILITATOR, ANNA, BRAM, OBSERVER):
        seen = view_agreement(two, viewer)
        expected = tuple(
            a if a.participant == viewer.id else hidden[a.participant] for a in two.answers
        )
        assert seen.answers == expected, viewer.id
        assert view_session(session, viewer).agreement(TWO) == seen
        (put,) = view_changes(last.changes, session, viewer)
        assert isinstance(put, AgreementPut) and put.agreement == seen
        if viewer.id != "bram":
            assert CONCERN not in put.model_dump_json()
            assert '"bedenking"' not in put.model_dump_json()

    closed = applied(session, CloseAnswers(agreement_id=TWO))
    assert not is_private(closed.changes, closed.session)
    two = closed.session.agreement(TWO)
    assert two is not None
    for viewer in (FACILITATOR, ANNA, BRAM, OBSERVER):
        assert view_agreement(two, viewer) == two, "after the round everyone sees the answers"


def test_a_client_replaying_its_view_holds_the_relays_view() -> None:
    """What a client holds after replaying its own view equals a fresh snapshot of it."""
    start = consent_session()
    ops: list[tuple[Op, Actor]] = [
        (draft(owners=("Gemeente",)), FACILITATOR),
        (StartRound(agreement_id=TWO), FACILITATOR),
        (AnswerOp(agreement_id=TWO, kind="bedenking", text=CONCERN), BRAM),
        (AnswerOp(agreement_id=TWO, kind="achterban"), ANNA),
        (AnswerOp(agreement_id=TWO, kind="werkbaar"), COFACILITATOR),
    ]
    viewers = (FACILITATOR, ANNA, BRAM, OBSERVER)
    held = {v.id: view_session(start, v) for v in viewers}
    session = start
    for op, actor in ops:
        done = applied(session, op, actor)
        session = done.session
        for viewer in viewers:
            mine = view_changes(done.changes, session, viewer)
            held[viewer.id] = apply_changes(held[viewer.id], mine)
            assert held[viewer.id] == view_session(session, viewer), (op, viewer.id)
    assert CONCERN not in held["anna"].model_dump_json()
    assert CONCERN in held["bram"].model_dump_json()
    # Answering closed: every board holds every answer, as a fresh snapshot would.
    done = applied(session, CloseAnswers(agreement_id=TWO))
    for viewer in viewers:
        mine = view_changes(done.changes, done.session, viewer)
        held[viewer.id] = apply_changes(held[viewer.id], mine)
        assert held[viewer.id] == view_session(done.session, viewer) == done.session, viewer.id


# --- the offline board ------------------------------------------------------------------

CARDS = {"rollen": ["Eén regievoerder per gezin"], "leren": ["Casus samen nabespreken"]}


def panel_text(app: object) -> str:
    return str(app.agreements_panel.query_one("Static").render())  # type: ignore[attr-defined]


async def test_a_drafts_a_two_from_the_focused_card(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="afspreken")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.agreements_panel.display, "the phase afspreken shows the agreements"
        assert "Nog geen afspraken" in panel_text(app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, AgreementForm)
        assert form.query_one("#two-what", Input).value == "Eén regievoerder per gezin"
        assert form.query_one("#two-why", Input).value == ""
        # The form starts at the what, the card's text selected: Tab keeps it.
        await pilot.press("tab", *"Minder overdrachten", "enter")
        await pilot.press(*"Procesbegeleiding", "enter", *"2027-03-01")
        assert form.query_one("#two-why", Input).value == "Minder overdrachten"
        assert form.query_one("#two-review", Input).value == "2027-03-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AgreementForm)
        (two,) = app.board.session.agreements
        assert (two.what, two.why, two.owners) == (
            "Eén regievoerder per gezin",
            "Minder overdrachten",
            ("Procesbegeleiding",),
        )
        assert (two.review, two.source, two.status) == (dt.date(2027, 3, 1), "k1", "concept")
        shown = panel_text(app)
        assert "Eén regievoerder per gezin" in shown and "[concept]" in shown
        assert "Waarom: Minder overdrachten" in shown
        assert "Eigenaar: Procesbegeleiding" in shown and "Evaluatie: 2027-03-01" in shown
        await pilot.press("q")
    assert load_session(path).agreements == (two,), "q saved the agreement"


async def test_a_bad_date_or_unknown_owner_keeps_nothing(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="afspreken"))
    notes: list[Notify] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notes.append(message)

    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, AgreementForm)
        form.query_one("#two-why", Input).value = "Omdat het moet"
        form.query_one("#two-review", Input).value = "2027-13-45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a bad date keeps the form open"
        assert app.board.session.agreements == ()
        assert [n.notification.message for n in notes] == [
            "De datum klopt niet; schrijf JJJJ-MM-DD."
        ]
        form.query_one("#two-review", Input).value = ""
        form.query_one("#two-owners", Input).value = "Provincie"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.board.session.agreements == (), "the rules refuse an owner not at the table"
        assert "Provincie zit niet aan tafel" in notes[-1].notification.message
        await pilot.press("a")
        assert isinstance(app.screen, AgreementForm)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(screen_now(app), AgreementForm)
        assert app.board.session.agreements == ()


async def test_w_without_a_round_says_so(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="afspreken"))
    notes: list[Notify] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notes.append(message)

    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        before = app.board.session
        await pilot.press("w")
        await pilot.pause()
        assert not isinstance(app.screen, AnswerScreen)
        assert app.board.session is before
        assert [n.notification.message for n in notes] == ["Er loopt nu geen ronde."]


async def test_a_round_on_the_board_from_start_to_adoption(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="afspreken")
    app = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.submit(draft(owners=("Procesbegeleiding",)))
        await pilot.pause()
        titles = [c.title for c in app.agreements.commands()]
        assert titles and all(WHAT[:20] in title for title in titles)
        assert app.submit(StartRound(agreement_id=TWO))
        await pilot.pause()
        assert "[in ronde · ronde 1]" in panel_text(app)
        assert "Procesbegeleiding: 0 van 1 gereageerd" in panel_text(app)

        await pilot.press("w")
        answer = app.screen
        assert isinstance(answer, AnswerScreen)
        await pilot.press("2")
        await pilot.pause()
        concern = answer.query_one("#concern", Input)
        assert concern.display and concern.value == "", "the 2 is not part of the concern"
        await pilot.press("enter")
        assert app.screen is answer, "an empty concern is not sent"
        await pilot.press(*"Te duur", "enter")
        await pilot.pause()
        assert not isinstance(screen_now(app), AnswerScreen)
        two = app.board.session.agreement(TWO)
        assert two is not None
        assert two.answers == (
            Answer(participant="begeleider", kind="bedenking", text="Te duur", round=1),
        )
        assert "Procesbegeleiding: 1 van 1 gereageerd" in panel_text(app)

        await pilot.press("w", "1")
        await pilot.pause()
        two = app.board.session.agreement(TWO)
        assert two is not None and [a.kind for a in two.answers] == ["werkbaar"]

        # Closing the round shows the counted reactions and the concerns first, then the choice.
        (close,) = [c for c in app.agreements.commands() if c.title.startswith("Ronde sluiten")]
        close.callback()
        await pilot.pause()
        decide = app.screen
        assert isinstance(decide, DecisionScreen)
        seen = str(decide.query_one("#decide-counts", Static).render())
        assert seen == "1 kan ermee werken · 0 bedenkingen · 0 overleggen eerst met hun achterban"
        assert "Marieke (Procesbegeleiding)" in str(decide.query_one("#decide-answers").render())
        hint = str(decide.query_one("#two-decide .hint", Static).render())
        assert hint.startswith("1: aannemen · 2: terug naar concept")
        two = app.board.session.agreement(TWO)
        assert two is not None and two.status == "beraad"
        assert "[reageren gesloten, keuze volgt · ronde 1]" in panel_text(app)
        await pilot.press("escape")  # choose later: the palette offers the choice again
        assert not isinstance(app.screen, DecisionScreen)
        (later,) = [c for c in app.agreements.commands() if c.title.startswith("Kiezen")]
        later.callback()
        await pilot.pause()
        assert isinstance(app.screen, DecisionScreen)
        await pilot.press("1")
        await pilot.pause()
        shown = panel_text(app)
        assert "[aangenomen · ronde 1]" in shown and "✓ Marieke — kan ermee werken" in shown
        await pilot.press("A")
        assert not app.agreements_panel.display
        await pilot.press("A")
        assert displayed(app.agreements_panel)
        await pilot.press("q")
    saved = load_session(path).agreement(TWO)
    assert saved is not None and saved.status == "aangenomen"
