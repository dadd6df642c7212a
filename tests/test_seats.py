"""Keeping the table true in the rules: merging two seats of one person, removing an empty
seat, and the relay's seats after either."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import (
    ANNA,
    BRAM,
    COFACILITATOR,
    FACILITATOR,
    NOW,
    OBSERVER,
    PEOPLE,
    make_session,
    run_ops,
)

from tui_board.core.instruments import NORM_IDS
from tui_board.core.model import Participant, Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    Confirm,
    DraftAgreement,
    Evaluate,
    MergeParticipants,
    Op,
    ParticipantRemoved,
    RemoveParticipant,
    SetDots,
    StartEvaluation,
    StartRound,
    VoteOp,
)
from tui_board.core.rules import Applied, Refused, apply, apply_changes
from tui_board.core.seats import departures, footprint, reseat
from tui_board.core.views import view_changes, view_session
from tui_board.files.store import load_session, save_session
from tui_board.live.journal import Seat

TWIN = Participant(id="anna2", name="Anna", organisation="Zorgaanbieder", mandate=True)
"""Anna's second seat: her board started again and took a new one."""
ANNA2 = Actor("anna2", Role.PARTICIPANT)
EMPTY = Participant(id="leeg", name="Niemand", organisation="")


def scores(value: int) -> dict[str, int]:
    return dict.fromkeys(NORM_IDS, value)


def twin_session() -> Session:
    """Anna at the table twice: both seats wrote, voted, answered and confirmed."""
    session = make_session(participants=(*PEOPLE, TWIN, EMPTY))
    session = run_ops(
        session,
        FACILITATOR,
        DraftAgreement(agreement_id="t1", what="Eén regievoerder", why="Minder schakels"),
        StartRound(agreement_id="t1"),
        DraftAgreement(agreement_id="t2", what="Samen leren", why="Beter werk"),
        StartRound(agreement_id="t2"),
        StartEvaluation(),
    )
    session = run_ops(session, ANNA, VoteOp(card_id="a1", delta=1), VoteOp(card_id="a1", delta=1))
    session = run_ops(session, ANNA, AnswerOp(agreement_id="t1", kind="werkbaar"))
    session = run_ops(
        session,
        ANNA2,
        AddCard(card_id="x1", theme="doelen", text="Van de tweede plek"),
        VoteOp(card_id="a1", delta=1),
        VoteOp(card_id="a1", delta=1),
        VoteOp(card_id="b1", delta=1),
        Confirm(),
        AnswerOp(agreement_id="t1", kind="bedenking", text="Wie betaalt?"),
        AnswerOp(agreement_id="t2", kind="achterban"),
        Evaluate(scores=scores(4), line="Goed gesprek"),
    )
    return session


def test_a_merge_moves_everything_to_the_kept_seat(tmp_path: Path) -> None:
    before = twin_session()
    outcome = apply(before, MergeParticipants(keep="anna", merge="anna2"), COFACILITATOR, NOW)
    assert isinstance(outcome, Applied), outcome
    after = outcome.session
    assert after.participant("anna2") is None
    assert [p.id for p in after.participants].count("anna") == 1
    assert after.participant("anna") == PEOPLE[2].model_copy(update={"mandate": True})
    card = after.card("x1")
    assert card is not None and card.author == "anna"
    assert {(v.voter, v.card, v.dots) for v in after.votes} == {("anna", "a1", 3)}
    t1, t2 = after.agreement("t1"), after.agreement("t2")
    assert t1 is not None and t2 is not None
    assert [(a.participant, a.kind) for a in t1.answers] == [("anna", "werkbaar")]
    assert [(a.participant, a.kind) for a in t2.answers] == [("anna", "achterban")]
    assert after.evaluation is not None and after.evaluation.answered == ("anna",)
    assert after.evaluation.count == before.evaluation.count == 1  # type: ignore[union-attr]
    assert after.confirmed == ("anna",)
    assert not footprint(after, "anna2")
    assert isinstance(outcome.changes[-1], ParticipantRemoved)
    assert outcome.changes[-1].into == "anna"
    # The result is a valid session, and one person in the file.
    path = tmp_path / "sessie.toml"
    save_session(after, path)
    loaded = load_session(path)
    assert [p.id for p in loaded.participants if p.name == "Anna"] == ["anna"]
    assert "anna2" not in path.read_text(encoding="utf-8")


def test_the_budget_holds_for_the_merged_dots() -> None:
    session = twin_session()
    session = run_ops(session, FACILITATOR, SetDots(dots=4))
    outcome = apply(session, MergeParticipants(keep="anna", merge="anna2"), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    votes = {v.card: v.dots for v in outcome.session.votes if v.voter == "anna"}
    # Anna's 2 on a1 stay; the other seat's 2 on a1 fit up to 4 there: the budget is spent,
    # so its dot on b1 is dropped.
    assert votes == {"a1": 4}
    assert outcome.session.dots_used("anna") == 4


def test_concerns_of_earlier_rounds_stay_in_the_kept_name() -> None:
    session = twin_session()
    session = run_ops(
        session,
        FACILITATOR,
        CloseAnswers(agreement_id="t1"),
        CloseRound(agreement_id="t1", outcome="concept"),
        StartRound(agreement_id="t1"),
    )
    session = run_ops(session, ANNA2, AnswerOp(agreement_id="t1", kind="werkbaar"))
    outcome = apply(session, MergeParticipants(keep="anna", merge="anna2"), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    t1 = outcome.session.agreement("t1")
    assert t1 is not None
    assert [(c.participant, c.text) for c in t1.concerns] == [("anna", "Wie betaalt?")]
    assert [(a.participant, a.kind, a.round) for a in t1.answers] == [("anna", "werkbaar", 2)]


def test_every_board_sees_the_merge_as_the_relay_has_it() -> None:
    before = twin_session()
    outcome = apply(before, MergeParticipants(keep="anna", merge="anna2"), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    for viewer in (ANNA, BRAM, FACILITATOR):
        seen = apply_changes(
            view_session(before, viewer), view_changes(outcome.changes, outcome.session, viewer)
        )
        truth = view_session(outcome.session, viewer)
        assert sorted(seen.cards, key=lambda c: c.id) == sorted(truth.cards, key=lambda c: c.id)
        assert set(seen.votes) == set(truth.votes), viewer
        assert seen.agreements == truth.agreements, viewer
        assert set(seen.participants) == set(truth.participants), viewer
        assert seen.confirmed == truth.confirmed


@pytest.mark.parametrize(
    ("actor", "op", "key"),
    [
        (ANNA, MergeParticipants(keep="anna", merge="anna2"), "refused.facilitator_only"),
        (OBSERVER, MergeParticipants(keep="anna", merge="anna2"), "refused.observer"),
        (FACILITATOR, MergeParticipants(keep="anna", merge="anna"), "refused.merge_same"),
        (FACILITATOR, MergeParticipants(keep="anna", merge="zoe"), "refused.no_person"),
        (FACILITATOR, MergeParticipants(keep="zoe", merge="anna"), "refused.no_person"),
        (FACILITATOR, MergeParticipants(keep="anna", merge="ria"), "refused.merge_facilitator"),
        (FACILITATOR, MergeParticipants(keep="ria", merge="cor"), "refused.merge_facilitator"),
        (FACILITATOR, MergeParticipants(keep="olga", merge="anna2"), "refused.merge_observer"),
        (FACILITATOR, MergeParticipants(keep="anna", merge="olga"), "refused.merge_observer"),
        (BRAM, RemoveParticipant(participant="leeg"), "refused.facilitator_only"),
        (FACILITATOR, RemoveParticipant(participant="anna2"), "refused.remove_not_empty"),
        (FACILITATOR, RemoveParticipant(participant="cor"), "refused.remove_facilitator"),
        (FACILITATOR, RemoveParticipant(participant="zoe"), "refused.no_person"),
    ],
)
def test_who_may_merge_and_remove_and_what(actor: Actor, op: Op, key: str) -> None:
    session = twin_session()
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Refused)
    assert outcome.key == key


def test_a_facilitator_may_take_a_participant_seat_in() -> None:
    session = twin_session()
    outcome = apply(session, MergeParticipants(keep="ria", merge="anna2"), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    person = outcome.session.participant("ria")
    assert person is not None and person.role is Role.FACILITATOR
    assert outcome.session.card("x1").author == "ria"  # type: ignore[union-attr]


def test_an_empty_seat_is_removed_and_nothing_else_changes() -> None:
    session = twin_session()
    outcome = apply(session, RemoveParticipant(participant="leeg"), COFACILITATOR, NOW)
    assert isinstance(outcome, Applied)
    assert outcome.changes == (ParticipantRemoved(participant="leeg"),)
    assert outcome.session.participant("leeg") is None
    assert outcome.session.model_copy(update={"participants": session.participants}) == session


def test_a_confirmation_is_something_to_a_seats_name() -> None:
    session = run_ops(twin_session(), Actor("leeg", Role.PARTICIPANT), Confirm())
    assert footprint(session, "leeg") == {"confirmed": 1}
    outcome = apply(session, RemoveParticipant(participant="leeg"), FACILITATOR, NOW)
    assert isinstance(outcome, Refused) and outcome.values == {"name": "Niemand"}


def test_the_relay_seats_follow_a_merge_and_drop_a_removed_seat() -> None:
    seats = {
        "h-anna2": Seat("anna2", Role.PARTICIPANT),
        "h-anna2-laptop": Seat("anna2", Role.PARTICIPANT),
        "h-anna": Seat("anna", Role.PARTICIPANT),
        "h-leeg": Seat("leeg", Role.PARTICIPANT),
        "h-ria": Seat("ria", Role.FACILITATOR),
    }
    session = twin_session()
    merged = apply(session, MergeParticipants(keep="anna", merge="anna2"), FACILITATOR, NOW)
    assert isinstance(merged, Applied)
    after = reseat(seats, merged.changes)
    assert after["h-anna2"] == Seat("anna", Role.PARTICIPANT)
    assert after["h-anna2-laptop"] == Seat("anna", Role.PARTICIPANT)
    assert after["h-anna"] == seats["h-anna"] and after["h-ria"] == seats["h-ria"]
    assert seats["h-anna2"].participant == "anna2", "the given dict is left as it was"
    assert departures(merged.changes) == {"anna2": "anna"}
    removed = apply(merged.session, RemoveParticipant(participant="leeg"), FACILITATOR, NOW)
    assert isinstance(removed, Applied)
    final = reseat(after, removed.changes)
    assert "h-leeg" not in final and len(final) == 4
    assert departures(removed.changes) == {"leeg": ""}
    assert reseat(seats, ()) == seats
