"""The method's instruments in the rules, the file and the templates.

Reflex tags, the closing evaluation on the nine norms, the principles check and the legs of
a TWO, each through the one pure function `rules.apply` with every role; instruments a
template switched off; the session file round trip; and a property: whatever sequence of
`Evaluate` ops arrives, each norm's counts add up to the number of answers and nothing the
session holds says who gave which rating.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from factories import (
    ANNA,
    BRAM,
    COFACILITATOR,
    FACILITATOR,
    LATER,
    NOW,
    OBSERVER,
    STRANGER,
    make_session,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from instrumentkit import ANSWERS, RATERS, evaluated, expected_counts, instrumented, ratings, run
from pydantic import ValidationError

from tui_board.afterwards.report import released
from tui_board.core.instrument_rules import MAX_LINE, answered_people
from tui_board.core.instruments import (
    INSTRUMENTS,
    LOWEST_MIN_ANSWERS,
    MIN_ANSWERS,
    NORM_IDS,
    NORMS,
    PRINCIPLES,
    REFLEXES,
    Instrument,
    leg_text,
    mean,
    norm_title,
    principle_text,
    reflex_text,
)
from tui_board.core.model import Evaluation, PrincipleCheck, Role, Session
from tui_board.core.ops import (
    Actor,
    CardPut,
    CheckPrinciple,
    DraftAgreement,
    Evaluate,
    EvaluationPut,
    Op,
    PrinciplePut,
    SetRole,
    StartEvaluation,
    TagReflex,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Refused, apply
from tui_board.core.views import shown_evaluation
from tui_board.files.store import FileProblem, dumps_session, load_session, save_session
from tui_board.files.templates import load_template, new_session

ROLES = {
    "facilitator": FACILITATOR,
    "cofacilitator": COFACILITATOR,
    "participant": ANNA,
    "observer": OBSERVER,
    "stranger": STRANGER,
}
"""One actor per role (and someone not at the table)."""

OK = "applied"


def outcome_key(session: Session, op: Op, actor: Actor, now: dt.datetime = NOW) -> str:
    """ "applied", or the refusal's key."""
    outcome = apply(session, op, actor, now)
    return OK if isinstance(outcome, Applied) else outcome.key


def applied(session: Session, op: Op, actor: Actor, now: dt.datetime = NOW) -> Applied:
    outcome = apply(session, op, actor, now)
    assert isinstance(outcome, Applied), outcome
    return outcome


def refused(session: Session, op: Op, actor: Actor) -> Refused:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Refused), outcome
    return outcome


def rebuild(session: Session, **update: Any) -> Session:
    """`session` with `update`, validated as a loaded file would be."""
    data = session.model_dump(by_alias=True)
    data.update(update)
    return Session.model_validate(data)


def in_phase(session: Session, phase: str) -> Session:
    """`session` with the method's default phases, in `phase`."""
    return rebuild(session, phases=[p.model_dump() for p in default_phases("nl")], phase=phase)


def raters() -> Session:
    """The small session with four more participants to answer the evaluation."""
    return run(make_session(), (StartEvaluation(), FACILITATOR)).model_copy(
        update={"participants": (*make_session().participants, *RATERS[2:])}
    )


def answer(person: str) -> Evaluate:
    scores, line = ANSWERS[person]
    return Evaluate(scores=scores, line=line)


def actor(person: str) -> Actor:
    return Actor(person, Role.PARTICIPANT)


# --- the texts from the seeds --------------------------------------------------------------


def test_the_seeds_texts_are_complete_in_both_languages() -> None:
    assert len(NORMS) == 9 and len(NORM_IDS) == len(set(NORM_IDS)) == 9
    assert len(REFLEXES) == 5 and len(PRINCIPLES) == 11
    assert norm_title("afspraken", "nl") == "Afspraken nakomen"
    assert norm_title("luisteren", "en") == "Being able to listen to each other"
    assert reflex_text("crisis", "nl") == ("crisisreflex", "De ergste gevallen eerst!")
    assert reflex_text("controle", "en")[0] == "control reflex"
    assert leg_text("adaptief", "nl")[0] == "adaptief been"
    assert principle_text(11, "nl") == "Denk tweebenig."
    assert principle_text(11, "en") == "Think two-legged."
    for entry in (*NORMS, *REFLEXES, *PRINCIPLES):
        assert all(text.strip() for text in entry)
    assert mean((0, 0, 0, 0, 0)) is None
    assert mean((1, 0, 0, 0, 1)) == 3.0


# --- reflex tags ---------------------------------------------------------------------------


REFLEX_MATRIX = {
    # role: (default, open_to_all = ["reflex"])
    "facilitator": (OK, OK),
    "cofacilitator": (OK, OK),
    "participant": ("refused.reflex_facilitator", OK),
    "observer": ("refused.observer", "refused.observer"),
    "stranger": ("refused.not_at_table", "refused.not_at_table"),
}


@pytest.mark.parametrize("role", sorted(REFLEX_MATRIX))
def test_who_may_tag_a_card_with_a_reflex(role: str) -> None:
    closed, opened = REFLEX_MATRIX[role]
    op = TagReflex(card_id="b1", reflex="crisis")  # Bram's card: not the participant's own
    assert outcome_key(make_session(), op, ROLES[role]) == closed
    session = rebuild(make_session(), open_to_all=["reflex"])
    assert outcome_key(session, op, ROLES[role]) == opened


@pytest.mark.parametrize(
    ("phase", "open_to_all", "expected"),
    [
        ("verzamelen", ["reflex"], OK),
        ("delen", ["reflex"], OK),
        ("ordenen", ["reflex"], "refused.phase.edit_card"),
        ("afsluiten", ["reflex"], "refused.phase.edit_card"),
        ("verzamelen", [], "refused.reflex_facilitator"),
        ("ordenen", [], "refused.reflex_facilitator"),  # never for her: that comes first
    ],
)
def test_participants_tag_only_where_the_phase_allows_editing_cards(
    phase: str, open_to_all: list[str], expected: str
) -> None:
    session = rebuild(in_phase(make_session(), phase), open_to_all=open_to_all)
    op = TagReflex(card_id="a1", reflex="inzicht")
    outcome = apply(session, op, ANNA, NOW)
    assert (OK if isinstance(outcome, Applied) else outcome.key) == expected
    if isinstance(outcome, Refused) and outcome.key == "refused.phase.edit_card":
        assert outcome.values == {"phase": "Verzamelen"}
    # The facilitator is never held back by the phase.
    assert outcome_key(session, op, FACILITATOR) == OK


def test_tagging_untagging_and_tagging_again() -> None:
    session = make_session()
    first = applied(session, TagReflex(card_id="a1", reflex="crisis"), COFACILITATOR, LATER)
    (change,) = first.changes
    assert isinstance(change, CardPut)
    assert change.card.reflex == "crisis" and change.card.updated == LATER
    assert change.card.text == "Kaart a1" and change.card.author == "anna", "only the tag"
    same = applied(first.session, TagReflex(card_id="a1", reflex="crisis"), FACILITATOR)
    assert same.changes == () and same.session is first.session
    other = applied(first.session, TagReflex(card_id="a1", reflex="controle"), FACILITATOR)
    assert other.session.card("a1") is not None
    assert other.session.card("a1").reflex == "controle"  # type: ignore[union-attr]
    untagged = applied(other.session, TagReflex(card_id="a1", reflex=""), FACILITATOR)
    assert untagged.session.card("a1").reflex == ""  # type: ignore[union-attr]


def test_no_tag_on_a_missing_card_or_someone_elses_hidden_card() -> None:
    hidden = tuple(c.model_copy(update={"hidden": c.id == "b1"}) for c in make_session().cards)
    session = rebuild(
        make_session(), cards=[c.model_dump() for c in hidden], open_to_all=["reflex"]
    )
    assert refused(session, TagReflex(card_id="nergens", reflex="crisis"), FACILITATOR).key == (
        "refused.no_card"
    )
    assert refused(session, TagReflex(card_id="b1", reflex="crisis"), FACILITATOR).key == (
        "refused.no_card"
    ), "a hidden card is its author's alone"
    assert refused(session, TagReflex(card_id="b1", reflex="crisis"), ANNA).key == "refused.no_card"
    assert outcome_key(session, TagReflex(card_id="b1", reflex="crisis"), BRAM) == OK, "own card"


def test_an_unknown_reflex_is_not_an_op() -> None:
    with pytest.raises(ValueError, match="reflex"):
        TagReflex.model_validate({"card_id": "a1", "reflex": "paniek"})


# --- the evaluation: start and close ---------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("facilitator", OK),
        ("cofacilitator", OK),
        ("participant", "refused.facilitator_only"),
        ("observer", "refused.observer"),
        ("stranger", "refused.not_at_table"),
    ],
)
def test_who_may_start_and_close_the_evaluation(role: str, expected: str) -> None:
    assert outcome_key(make_session(), StartEvaluation(), ROLES[role]) == expected
    started = run(make_session(), (StartEvaluation(), FACILITATOR))
    assert outcome_key(started, StartEvaluation(close=True), ROLES[role]) == expected


def test_start_close_and_no_reopening() -> None:
    session = make_session()
    assert refused(session, StartEvaluation(close=True), FACILITATOR).key == "refused.no_evaluation"
    started = applied(session, StartEvaluation(), FACILITATOR)
    assert started.changes == (EvaluationPut(evaluation=Evaluation()),)
    again = applied(started.session, StartEvaluation(), FACILITATOR)
    assert again.changes == (), "starting twice changes nothing (and empties nothing)"
    closed = applied(started.session, StartEvaluation(close=True), FACILITATOR)
    assert closed.session.evaluation == Evaluation(open=False)
    assert applied(closed.session, StartEvaluation(close=True), FACILITATOR).changes == ()
    reopen = refused(closed.session, StartEvaluation(), FACILITATOR)
    assert reopen.key == "refused.evaluation_closed", "closing is final"


@pytest.mark.parametrize("answers", [0, 1, 2, 4])
def test_closing_with_too_few_answers_keeps_only_the_count(answers: int) -> None:
    """Fewer than the default minimum of five (four too, which showed under the old three)."""
    people = ["anna", "bram", "dewi", "evi"][:answers]
    session = raters()
    for person in people:
        session = applied(session, answer(person), actor(person)).session
    assert session.evaluation is not None and session.evaluation.count == answers
    if answers:
        assert session.evaluation.scores, "the relay holds the counts while it is open"
    closed = applied(session, StartEvaluation(close=True), FACILITATOR)
    (change,) = closed.changes
    assert isinstance(change, EvaluationPut)
    assert change.evaluation == Evaluation(open=False, count=answers), "who answered is let go"
    assert closed.session.evaluation == change.evaluation
    text = dumps_session(closed.session)
    assert "[evaluation.scores]" not in text and "lines" not in text
    for person in people:
        line = ANSWERS[person][1]
        assert not line or line not in text


def test_closing_with_enough_answers_keeps_the_aggregates_and_the_lines() -> None:
    session = evaluated(make_session())
    evaluation = session.evaluation
    assert evaluation is not None and not evaluation.open
    assert evaluation.count == 4 >= session.evaluation_minimum == LOWEST_MIN_ANSWERS
    assert evaluation.answered == (), "closed: who answered is let go, the count stays"
    assert evaluation.scores == expected_counts(["anna", "bram", "dewi", "evi"])
    assert evaluation.lines == (
        "Anna-lijn: eerder de wethouder erbij",
        "bram-lijn: korte lijnen houden",
        "Dewi-lijn: samen leren werkt",
    ), "sorted without regard to case, never in the order they came; Evi wrote none"


# --- the evaluation: the minimum counts distinct people at the table ---------------------------


def answered_by(session: Session, people: list[str]) -> Session:
    """`session` (evaluation started) after each of `people` answered as who they are."""
    for person in people:
        scores, line = ANSWERS.get(person, (ratings(2), ""))
        who = session.participant(person)
        assert who is not None, person
        session = applied(
            session, Evaluate(scores=scores, line=line), Actor(person, who.role)
        ).session
    return session


def closed(session: Session) -> Evaluation:
    evaluation = applied(session, StartEvaluation(close=True), FACILITATOR).session.evaluation
    assert evaluation is not None and not evaluation.open
    return evaluation


def test_the_default_minimum_is_five_people_and_a_facilitator_counts() -> None:
    session = raters()  # anna, bram, dewi, evi, the facilitator ria, cor, olga (observer)
    assert session.evaluation_minimum == MIN_ANSWERS == 5
    four = answered_by(session, ["anna", "bram", "dewi", "evi"])
    assert answered_people(four, evaluation_of(four)) == 4
    assert closed(four).scores == {} and closed(four).lines == ()
    five = answered_by(four, ["ria"])  # the facilitator answers too: a person at the table
    assert answered_people(five, evaluation_of(five)) == 5
    shown = closed(five)
    assert shown.count == 5 and shown.scores and shown.lines
    assert shown_evaluation(shown, 5, ANNA).scores == shown.scores


def test_an_answer_of_someone_made_observer_since_does_not_count() -> None:
    five = answered_by(raters(), ["anna", "bram", "dewi", "evi", "ria"])
    assert closed(five).scores, "five people: shown"
    watched = applied(five, SetRole(participant="evi", role=Role.OBSERVER), FACILITATOR).session
    assert answered_people(watched, evaluation_of(watched)) == 4
    evaluation = closed(watched)
    assert evaluation.count == 5, "five answers were given…"
    assert evaluation.scores == {} and evaluation.lines == (), "…by four people who count"


def test_repeats_and_seats_no_longer_at_the_table_do_not_count() -> None:
    session = rebuild(raters(), evaluation_minimum=3)
    base = answered_by(session, ["anna", "bram", "dewi"])
    assert closed(base).scores, "three people, minimum three: shown"
    evaluation = evaluation_of(base)
    # As seats merged or taken away could leave it: a repeat and a seat that is gone.
    odd = evaluation.model_copy(update={"answered": ("anna", "anna", "bram", "weg")})
    session = base.model_copy(update={"evaluation": odd})
    assert answered_people(session, odd) == 2
    assert closed(session).scores == {}, "two people, whatever the count says"
    # An observer listed as having answered (a hand-edited file) does not count either.
    olga = odd.model_copy(update={"answered": ("anna", "bram", "olga")})
    assert answered_people(base, olga) == 2


def test_views_show_no_figures_under_the_session_minimum_whatever_the_evaluation_holds() -> None:
    figures = closed(answered_by(rebuild(raters(), evaluation_minimum=3), ["anna", "bram", "dewi"]))
    assert figures.count == 3 and figures.scores
    assert shown_evaluation(figures, 3, ANNA) == figures
    hidden = shown_evaluation(figures, 5, ANNA)
    assert hidden.count == 3 and hidden.scores == {} and hidden.lines == ()
    assert not released(figures, 5) and released(figures, 3)


def test_a_session_minimum_under_three_is_refused_with_a_clear_message() -> None:
    data = make_session().model_dump(by_alias=True)
    assert Session.model_validate({**data, "evaluation_minimum": 3}).evaluation_minimum == 3
    with pytest.raises(ValidationError) as refused_:
        Session.model_validate({**data, "evaluation_minimum": 2})
    (error,) = refused_.value.errors()
    assert error["type"] == "evaluation_minimum" and error["loc"] == ("evaluation_minimum",)


def evaluation_of(session: Session) -> Evaluation:
    assert session.evaluation is not None
    return session.evaluation


# --- the evaluation: answering -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("facilitator", OK),
        ("cofacilitator", OK),
        ("participant", OK),
        ("observer", "refused.observer"),
        ("stranger", "refused.not_at_table"),
    ],
)
def test_who_may_answer_the_evaluation(who: str, expected: str) -> None:
    assert outcome_key(raters(), answer("anna"), ROLES[who]) == expected


def test_answering_needs_a_running_evaluation() -> None:
    assert refused(make_session(), answer("anna"), ANNA).key == "refused.no_evaluation"
    closed = run(raters(), (StartEvaluation(close=True), FACILITATOR))
    assert refused(closed, answer("anna"), ANNA).key == "refused.no_evaluation"


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("afsluiten", OK),
        ("verzamelen", "refused.phase.evaluate"),
        ("opening", "refused.phase.evaluate"),
    ],
)
def test_participants_answer_in_the_phase_that_allows_it(phase: str, expected: str) -> None:
    session = in_phase(raters(), phase)
    outcome = apply(session, answer("anna"), ANNA, NOW)
    assert (OK if isinstance(outcome, Applied) else outcome.key) == expected
    if isinstance(outcome, Refused):
        assert outcome.values == {"phase": "Afsluiten"}
    assert outcome_key(session, answer("anna"), FACILITATOR) == OK


def test_once_per_person() -> None:
    session = applied(raters(), answer("anna"), ANNA).session
    again = refused(session, Evaluate(scores=ratings(2), line="nog een keer"), ANNA)
    assert again.key == "refused.evaluated"
    assert session.evaluation is not None and session.evaluation.count == 1


THREES: dict[str, int] = dict.fromkeys(NORM_IDS, 3)
BAD_SCORES: list[dict[str, int]] = [
    dict.fromkeys(NORM_IDS[:-1], 3),  # one norm missing
    {**THREES, "gezelligheid": 3},  # one too many
    {**THREES, "open": 0},
    {**THREES, "open": 6},
    {**THREES, "open": -1},
    {},
]


@pytest.mark.parametrize("scores", BAD_SCORES)
def test_all_nine_norms_from_1_to_5_are_required(scores: dict[str, int]) -> None:
    outcome = refused(raters(), Evaluate(scores=scores), ANNA)
    assert outcome.key == "refused.evaluation_scores"


def test_the_open_line_is_cleaned_and_limited() -> None:
    session = raters()
    dirty = Evaluate(scores=ratings(0), line="  \x1b[31mrood\x1b[0m\n  en\tverder\x9b  ")
    cleaned = applied(session, dirty, ANNA).session
    assert cleaned.evaluation is not None
    assert cleaned.evaluation.lines == ("[31mrood [0m en verder",)
    longest = applied(session, Evaluate(scores=ratings(0), line="x" * MAX_LINE), ANNA).session
    assert longest.evaluation is not None and longest.evaluation.lines == ("x" * MAX_LINE,)
    too_long = refused(session, Evaluate(scores=ratings(0), line="x" * (MAX_LINE + 1)), ANNA)
    assert too_long.key == "refused.text_too_long" and too_long.values == {"max": str(MAX_LINE)}
    blank = applied(session, Evaluate(scores=ratings(0), line=" \x1b \n "), ANNA).session
    assert blank.evaluation is not None
    assert blank.evaluation.lines == () and blank.evaluation.count == 1


def test_lines_equal_but_for_case_are_ordered_by_their_text_not_by_arrival() -> None:
    orders = set()
    for first, second in (("anna", "bram"), ("bram", "anna")):
        session = raters()
        for person, line in ((first, "Ja"), (second, "ja")):
            session = applied(
                session, Evaluate(scores=ratings(0), line=line), actor(person)
            ).session
        assert session.evaluation is not None
        orders.add(session.evaluation.lines)
    assert orders == {("Ja", "ja")}, "who came first must not show in the order of the lines"


def test_each_answer_is_folded_into_the_counts_at_once() -> None:
    session = raters()
    for number, person in enumerate(["anna", "bram", "dewi"], 1):
        outcome = applied(session, answer(person), actor(person))
        (change,) = outcome.changes
        assert isinstance(change, EvaluationPut), "one change: the aggregates, not the answer"
        session = outcome.session
        assert session.evaluation == change.evaluation
        assert session.evaluation.count == number
        assert session.evaluation.scores == expected_counts(["anna", "bram", "dewi"][:number])
    assert session.evaluation is not None
    assert session.evaluation.lines == tuple(
        sorted((ANSWERS[p][1] for p in ("anna", "bram", "dewi")), key=str.casefold)
    )


# --- the principles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("facilitator", OK),
        ("cofacilitator", OK),
        ("participant", "refused.facilitator_only"),
        ("observer", "refused.observer"),
        ("stranger", "refused.not_at_table"),
    ],
)
def test_who_may_answer_a_principle(role: str, expected: str) -> None:
    op = CheckPrinciple(number=3, answer="ja")
    assert outcome_key(make_session(), op, ROLES[role]) == expected


def test_ja_deels_nee_with_a_note_and_taking_it_back() -> None:
    session = make_session()
    first = applied(
        session, CheckPrinciple(number=7, answer="deels", note="  \x1bthuis\n"), FACILITATOR
    )
    assert first.changes == (
        PrinciplePut(number=7, check=PrincipleCheck(number=7, answer="deels", note="thuis")),
    )
    session = run(
        first.session,
        (CheckPrinciple(number=11, answer="nee"), COFACILITATOR),
        (CheckPrinciple(number=1, answer="ja", note="Iedereen"), FACILITATOR),
    )
    assert [(p.number, p.answer, p.note) for p in session.principles] == [
        (1, "ja", "Iedereen"),
        (7, "deels", "thuis"),
        (11, "nee", ""),
    ], "kept in the principles' order"
    same = applied(session, CheckPrinciple(number=7, answer="deels", note="thuis"), FACILITATOR)
    assert same.changes == ()
    changed = applied(session, CheckPrinciple(number=7, answer="ja", note="thuis"), FACILITATOR)
    assert [p.answer for p in changed.session.principles] == ["ja", "ja", "nee"]
    back = applied(changed.session, CheckPrinciple(number=7, answer=""), FACILITATOR)
    assert back.changes == (PrinciplePut(number=7, check=None),)
    assert [p.number for p in back.session.principles] == [1, 11]
    assert applied(back.session, CheckPrinciple(number=7, answer=""), FACILITATOR).changes == ()


def test_a_principle_note_is_limited_and_the_number_is_1_to_11() -> None:
    too_long = refused(
        make_session(), CheckPrinciple(number=2, answer="ja", note="x" * 501), FACILITATOR
    )
    assert too_long.key == "refused.text_too_long" and too_long.values == {"max": "500"}
    assert (
        outcome_key(
            make_session(), CheckPrinciple(number=2, answer="ja", note="x" * 500), FACILITATOR
        )
        == OK
    )
    for number in (0, 12):
        with pytest.raises(ValueError, match="number"):
            CheckPrinciple.model_validate({"number": number, "answer": "ja"})
    with pytest.raises(ValueError, match="answer"):
        CheckPrinciple.model_validate({"number": 1, "answer": "misschien"})


# --- the legs of a TWO ------------------------------------------------------------------------


def draft(legs: tuple[str, ...], agreement_id: str = "two") -> DraftAgreement:
    return DraftAgreement.model_validate(
        {"agreement_id": agreement_id, "what": "Eén loket", "why": "Minder loketten", "legs": legs}
    )


@pytest.mark.parametrize(
    ("legs", "stored"),
    [
        ((), ()),
        (("administratief",), ("administratief",)),
        (("adaptief",), ("adaptief",)),
        (("adaptief", "administratief"), ("administratief", "adaptief")),
        (("adaptief", "adaptief"), ("adaptief",)),
    ],
)
def test_an_agreement_says_which_legs_it_rests_on(
    legs: tuple[str, ...], stored: tuple[str, ...]
) -> None:
    session = applied(make_session(), draft(legs), FACILITATOR).session
    made = session.agreement("two")
    assert made is not None and made.legs == stored
    redrafted = applied(session, draft(("administratief",) if stored else ()), COFACILITATOR)
    assert redrafted.session.agreement("two") is not None


def test_only_facilitators_draft_and_a_leg_must_be_known() -> None:
    assert refused(make_session(), draft(("adaptief",)), ANNA).key == "refused.facilitator_only"
    with pytest.raises(ValueError, match="legs"):
        draft(("financieel",))
    with pytest.raises(ValueError, match="legs"):
        draft(("administratief", "adaptief", "administratief"))


# --- instruments switched off --------------------------------------------------------------------


OFF_CASES: list[tuple[Instrument, Op]] = [
    ("reflexen", TagReflex(card_id="a1", reflex="crisis")),
    ("evaluatie", StartEvaluation()),
    ("evaluatie", StartEvaluation(close=True)),
    ("evaluatie", Evaluate(scores=ratings(0))),
    ("principes", CheckPrinciple(number=1, answer="ja")),
    ("benen", draft(("adaptief",))),
]


@pytest.mark.parametrize(("instrument", "op"), OFF_CASES)
def test_an_instrument_switched_off_refuses_its_ops(instrument: Instrument, op: Op) -> None:
    # The evaluation runs already, so that only the switch can say no.
    base = rebuild(raters(), open_to_all=["reflex"])
    assert outcome_key(base, op, FACILITATOR) == OK
    off = rebuild(base, instruments=[i for i in INSTRUMENTS if i != instrument])
    assert refused(off, op, FACILITATOR).key == "refused.instrument_off"
    others = [i for i in INSTRUMENTS if i == instrument]
    only = rebuild(base, instruments=others)
    assert outcome_key(only, op, FACILITATOR) == OK, "the others being off does not matter"


def test_a_two_without_legs_is_fine_with_the_legs_switched_off() -> None:
    off = rebuild(make_session(), instruments=["evaluatie"])
    assert outcome_key(off, draft(()), FACILITATOR) == OK


# --- templates ---------------------------------------------------------------------------------


TEMPLATE = """open_to_all = ["reflex", "cluster"]
instruments = ["reflexen", "principes"]

[template]
name = "alleen-reflexen"
title = "Een sessie met reflexen"

[[themes]]
id = "een"
title = "Thema een"
"""


def test_a_template_switches_instruments_and_opens_reflexes(tmp_path: Path) -> None:
    path = tmp_path / "alleen-reflexen.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    template = load_template(path)
    session = new_session(template, date=NOW.date(), facilitator="Ria")
    assert session.instruments == ("reflexen", "principes")
    assert session.open_to_all == ("reflex", "cluster")
    text = dumps_session(session)
    assert 'instruments = [\n    "reflexen",\n    "principes",\n]' in text
    assert 'open_to_all = [\n    "reflex",\n    "cluster",\n]' in text
    saved = tmp_path / "sessie.toml"
    save_session(session, saved)
    loaded = load_session(saved)
    assert (
        loaded.instruments == ("reflexen", "principes")
        and loaded.open_to_all == session.open_to_all
    )
    ria = Actor("begeleider", Role.FACILITATOR)
    assert refused(loaded, StartEvaluation(), ria).key == "refused.instrument_off"


def test_a_template_without_instruments_has_them_all(tmp_path: Path) -> None:
    path = tmp_path / "gewoon.toml"
    path.write_text(TEMPLATE.replace('instruments = ["reflexen", "principes"]\n', ""), "utf-8")
    session = new_session(load_template(path), date=NOW.date(), facilitator="Ria")
    assert session.instruments == INSTRUMENTS
    assert "instruments" not in dumps_session(session), "all four on: left out of the file"


def test_a_template_with_an_unknown_instrument_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fout.toml"
    path.write_text(TEMPLATE.replace('"principes"', '"enquete"'), encoding="utf-8")
    with pytest.raises(FileProblem) as problem:
        load_template(path)
    assert "instruments" in problem.value.message()


# --- the file ----------------------------------------------------------------------------------


def test_a_session_using_every_instrument_round_trips_byte_identical(tmp_path: Path) -> None:
    session = instrumented()
    path = tmp_path / "sessie.toml"
    save_session(session, path)
    first = path.read_bytes()
    loaded = load_session(path)
    assert loaded.evaluation == session.evaluation
    assert loaded.principles == session.principles
    assert {c.id: c.reflex for c in loaded.cards} == {c.id: c.reflex for c in session.cards}
    assert [(a.id, a.legs) for a in loaded.agreements] == [
        (a.id, a.legs) for a in session.agreements
    ]
    save_session(loaded, path)
    assert path.read_bytes() == first, "saving what was loaded gives the same bytes"
    text = first.decode("utf-8")
    assert "\n[evaluation]\nopen = false\ncount = 4\n" in text
    assert "\n[evaluation.scores]\nafspraken = [1, 1, 0, 1, 1]\n" in text
    assert list(NORM_IDS) == [
        line.split(" = ")[0]
        for line in text.split("[evaluation.scores]\n")[1].split("\n\n")[0].splitlines()
    ], "one line per norm, in the seed's order"
    assert 'reflex = "crisis"' in text and 'reflex = "controle"' in text
    assert 'legs = [\n    "administratief",\n    "adaptief",\n]' in text
    assert text.count("[[principles]]") == 3
    assert "instruments" not in text, "all four on: not written"
    assert text.index("[evaluation]") < text.index("[[themes]]")


def test_the_file_of_an_evaluation_holds_no_ones_ratings(tmp_path: Path) -> None:
    text = dumps_session(instrumented())
    evaluation = text.split("[evaluation]\n")[1].split("\n[[")[0]
    for person, (scores, _) in ANSWERS.items():
        assert f'"{person}"' not in evaluation, "who answered is not kept once it is closed"
        as_json = json.dumps(scores)
        assert as_json not in text
        for norm, value in scores.items():
            assert f"{norm} = {value}\n" not in text
    assert "Anna-lijn" in evaluation
    line_at = evaluation.index("Anna-lijn")
    assert "anna" not in evaluation[line_at - 30 : line_at], "no name beside a line"


SCHEMA_3 = """schema = 3
voting = "closed"

[session]
title = "Oude sessie"
date = 2025-03-10

[[themes]]
id = "rollen"
title = "Rollen"

[[participants]]
id = "ria"
name = "Ria"
role = "facilitator"

[[cards]]
id = "k1"
theme = "rollen"
text = "Eén loket"
author = "ria"
position = 1024
created = 2025-03-10T09:00:00Z
updated = 2025-03-10T09:00:00Z

[[agreements]]
id = "two"
what = "Eén loket"
why = "Minder loketten"
status = "aangenomen"
"""


def test_a_schema_3_file_still_loads_with_every_instrument_on(tmp_path: Path) -> None:
    path = tmp_path / "oud.toml"
    path.write_text(SCHEMA_3, encoding="utf-8")
    session = load_session(path)
    assert session.schema_version == 3
    assert session.instruments == INSTRUMENTS
    assert session.evaluation is None and session.principles == ()
    assert session.card("k1") is not None and session.card("k1").reflex == ""  # type: ignore[union-attr]
    assert session.agreements[0].legs == ()
    save_session(session, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# tussenruimte") and "schema = 4\n" in text
    for absent in ("evaluation", "principles", "reflex", "legs", "instruments"):
        assert absent not in text, absent
    again = load_session(path)
    assert again.model_dump(exclude={"schema_version"}) == session.model_dump(
        exclude={"schema_version"}
    )


@pytest.mark.parametrize(
    ("snippet", "field"),
    [
        ('instruments = ["evaluatie", "enquete"]\n', "instruments"),
        ("\n[evaluation.scores]\ngezelligheid = [0, 0, 1, 0, 0]\n", "gezelligheid"),
        ('\n[[principles]]\nnumber = 12\nanswer = "ja"\n', "number"),
        ('\n[[principles]]\nnumber = 1\nanswer = "misschien"\n', "answer"),
    ],
)
def test_bad_instrument_fields_are_refused_with_their_field(
    tmp_path: Path, snippet: str, field: str
) -> None:
    text = SCHEMA_3.replace("schema = 3\n", "schema = 4\n")
    if snippet.startswith("instruments"):
        text = snippet + text
    elif "evaluation" in snippet:
        text = text + "\n[evaluation]\nopen = false\ncount = 1\n" + snippet
    else:
        text = text + snippet
    path = tmp_path / "fout.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as problem:
        load_session(path)
    assert field in problem.value.message()


# --- a property: the evaluation only ever holds aggregates ----------------------------------


PEOPLE = ("ria", "cor", "anna", "bram", "dewi", "evi", "olga", "zoe")
"""Who may send an op in the property: facilitators, participants, an observer, a stranger."""

valid_scores = st.fixed_dictionaries({norm: st.integers(1, 5) for norm in NORM_IDS})
any_scores = st.one_of(
    valid_scores,
    valid_scores,
    st.dictionaries(st.sampled_from([*NORM_IDS, "gezelligheid"]), st.integers(-1, 7), max_size=10),
)
lines = st.one_of(st.just(""), st.text(max_size=20), st.sampled_from(["x" * 301, "\x1b[2J", "  "]))
steps = st.lists(
    st.one_of(
        st.tuples(st.just("evaluate"), st.sampled_from(PEOPLE), any_scores, lines),
        st.tuples(st.just("start"), st.just("ria"), st.just({}), st.just("")),
        st.tuples(
            st.just("close"), st.sampled_from(["ria", "cor", "anna"]), st.just({}), st.just("")
        ),
    ),
    max_size=30,
)


def people_session() -> Session:
    return make_session(participants=(*make_session().participants, *RATERS[2:]))


def walk(value: object) -> list[object]:
    """Every value inside `value` (dicts, lists), itself included."""
    found: list[object] = [value]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += walk(key) + walk(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            found += walk(inner)
    return found


def role_of(session: Session, person: str) -> Actor:
    found = session.participant(person)
    return Actor(person, found.role if found is not None else Role.PARTICIPANT)


@settings(max_examples=150, deadline=None)
@given(steps=steps)
def test_any_evaluate_ops_keep_only_aggregates(
    steps: list[tuple[str, str, dict[str, int], str]],
) -> None:
    session = run(people_session(), (StartEvaluation(), FACILITATOR))
    given_scores: dict[str, dict[str, int]] = {}
    for kind, person, scores, line in steps:
        who = role_of(session, person)
        op: Op
        if kind == "evaluate":
            op = Evaluate(scores=scores, line=line)
        else:
            op = StartEvaluation(close=kind == "close")
        outcome = apply(session, op, who, NOW)
        if not isinstance(outcome, Applied):
            continue
        for change in outcome.changes:
            assert isinstance(change, EvaluationPut), "an evaluation op only changes the aggregates"
        if kind == "evaluate":
            given_scores[person] = scores
        session = outcome.session
        evaluation = session.evaluation
        assert evaluation is not None
        if evaluation.open:
            assert evaluation.count == len(evaluation.answered) == len(set(evaluation.answered))
            assert set(evaluation.answered) == set(given_scores)
        else:
            assert evaluation.answered == () and evaluation.count == len(given_scores)
        assert set(evaluation.scores) <= set(NORM_IDS)
        for norm, counts in evaluation.scores.items():
            assert len(counts) == 5 and sum(counts) == evaluation.count, norm
        if evaluation.scores:
            assert set(evaluation.scores) == set(NORM_IDS)
            assert evaluation.scores == {
                norm: tuple(
                    sum(1 for s in given_scores.values() if s[norm] == value)
                    for value in range(1, 6)
                )
                for norm in NORM_IDS
            }
        if not evaluation.open and evaluation.count < session.evaluation_minimum:
            assert evaluation.scores == {} and evaluation.lines == ()
        assert list(evaluation.lines) == sorted(evaluation.lines, key=str.casefold)
        # No structure holds a person's ratings: the evaluation has only its own fields, no
        # value in it maps a person to a number, and no person's ratings appear as they were
        # given (as a mapping of norms to ratings).
        data = session.model_dump(mode="json", by_alias=True)
        assert set(data["evaluation"]) == {"open", "count", "answered", "scores", "lines"}
        for value in walk(data):
            if isinstance(value, dict):
                assert not set(value) & set(PEOPLE), f"keyed by a person: {value}"
                assert not (
                    value
                    and set(value) <= set(NORM_IDS)
                    and all(isinstance(v, int) for v in value.values())
                ), f"one person's ratings: {value}"
        text = dumps_session(session)
        for person, scores in given_scores.items():
            assert json.dumps(scores) not in text, person


@settings(max_examples=60, deadline=None)
@given(
    answers=st.lists(st.tuples(valid_scores, st.text(max_size=12)), min_size=1, max_size=6),
    order=st.randoms(use_true_random=False),
)
def test_the_stored_evaluation_does_not_depend_on_who_gave_what(
    answers: list[tuple[dict[str, int], str]], order: Any
) -> None:
    """Hand the same answers to the same people in another order (and to other people): the
    aggregates and the lines come out the same, so they cannot say who gave which."""
    people = ["anna", "bram", "dewi", "evi", "ria", "cor"][: len(answers)]
    base = run(people_session(), (StartEvaluation(), FACILITATOR))
    shuffled = list(answers)
    order.shuffle(shuffled)
    results = []
    for given_answers in (answers, shuffled):
        session = base
        for person, (scores, line) in zip(people, given_answers, strict=True):
            session = applied(
                session, Evaluate(scores=scores, line=line), role_of(session, person)
            ).session
        session = run(session, (StartEvaluation(close=True), FACILITATOR))
        assert session.evaluation is not None
        results.append(session.evaluation)
    first, second = results
    assert first == second, "the same people, the same answers in any hands: the same file"
    assert first.answered == () and first.count == len(people)


def test_every_order_of_three_answers_gives_the_same_evaluation() -> None:
    base = raters()
    seen = set()
    for order in itertools.permutations(["anna", "bram", "dewi"]):
        session = base
        for person in order:
            session = applied(session, answer(person), actor(person)).session
        session = run(session, (StartEvaluation(close=True), FACILITATOR))
        assert session.evaluation is not None
        evaluation = session.evaluation.model_copy(
            update={"answered": tuple(sorted(session.evaluation.answered))}
        )
        seen.add(evaluation.model_dump_json())
    assert len(seen) == 1
