"""Dot voting: the rules (budget, phases, closing, deleting), what each viewer holds, and
the offline board's keys through Pilot.

The budget is the rules' to guard: a participant may spend `Session.dots` dots, as many on
one card as they like, and a facilitator who lowers the budget takes nothing back (then
every +1 is refused until the voter is under the budget again). Votes are secret until the
round closes; a live client replays the changes it is sent, so what it holds must be what
the relay would give it as a snapshot.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from boardkit import make_app, screen_text, session_file
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
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from textual.notifications import Notify

from tui_board.core import i18n
from tui_board.core.model import Role, Session, Vote
from tui_board.core.ops import (
    Actor,
    AddCard,
    CloseVoting,
    DeleteCard,
    Join,
    Op,
    Reveal,
    SetDots,
    SetPhase,
    SetPrivate,
    StatePut,
    VoteOp,
    VotePut,
    VotesShown,
)
from tui_board.core.phases import DEFAULT_PHASES, default_phases
from tui_board.core.rules import Applied, Refused, apply, apply_changes
from tui_board.core.views import is_private, view_changes, view_session, waiting
from tui_board.files.store import load_session, save_session

PHASE_IDS = [phase_id for phase_id, _ in DEFAULT_PHASES]


def voting_session(phase: str = "prioriteren", *, dots: int = 3) -> Session:
    """The small session of `factories`, with the default phases, in `phase`."""
    data = make_session().model_dump(by_alias=True)
    data.update(phases=[p.model_dump() for p in default_phases("nl")], phase=phase, dots=dots)
    return Session.model_validate(data)


def applied(session: Session, op: Op, actor: Actor) -> Applied:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Applied), f"{actor.id} {op!r}: {outcome!r}"
    assert apply_changes(session, outcome.changes) == outcome.session
    return outcome


def done(session: Session, op: Op, actor: Actor) -> Session:
    return applied(session, op, actor).session


def refused(session: Session, op: Op, actor: Actor) -> Refused:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Refused), f"{actor.id} {op!r} was allowed"
    assert i18n.t(outcome.key, **outcome.values) != outcome.key, "a message exists for it"
    return outcome


def vote(session: Session, actor: Actor, *card_ids: str, delta: int = 1) -> Session:
    """`actor` puts one dot (or takes one back) on each card in turn; each must be allowed."""
    for card_id in card_ids:
        session = done(session, VoteOp(card_id=card_id, delta=1 if delta > 0 else -1), actor)
    return session


def mine(session: Session, voter: str) -> dict[str, int]:
    return {v.card: v.dots for v in session.votes if v.voter == voter}


UP = VoteOp(card_id="a1", delta=1)
DOWN = VoteOp(card_id="a1", delta=-1)


# --- the budget ------------------------------------------------------------------------


def test_a_participant_spends_the_budget_spread_out_or_on_one_card() -> None:
    session = voting_session()
    assert session.dots == 3
    session = vote(session, ANNA, "a1", "b1", "a1")
    assert mine(session, "anna") == {"a1": 2, "b1": 1} and session.dots_used("anna") == 3
    for card_id in ("a1", "b1", "r1"):
        no = refused(session, VoteOp(card_id=card_id, delta=1), ANNA)
        assert (no.key, no.values) == ("refused.vote_budget", {"dots": "3"})
    assert "je hebt er 3" in i18n.t(no.key, **no.values)
    # Bram's budget is his own; all three on one card is allowed (the most per card).
    session = vote(session, BRAM, "a1", "a1", "a1")
    assert mine(session, "bram") == {"a1": 3}
    assert refused(session, UP, BRAM).key == "refused.vote_budget"
    assert session.tally() == {"a1": 5, "b1": 1}
    # Moving a dot: one back from a1, one on r1.
    session = vote(session, ANNA, "a1", delta=-1)
    session = vote(session, ANNA, "r1")
    assert mine(session, "anna") == {"a1": 1, "b1": 1, "r1": 1}


def test_set_dots_raises_and_lowers_the_budget_and_the_most_per_card() -> None:
    session = voting_session()
    outcome = applied(session, SetDots(dots=5), FACILITATOR)
    assert [type(c) for c in outcome.changes] == [StatePut]
    session = outcome.session
    assert session.dots == 5
    session = vote(session, ANNA, *["a1"] * 5)
    assert mine(session, "anna") == {"a1": 5}
    assert refused(session, UP, ANNA).values == {"dots": "5"}
    assert refused(session, VoteOp(card_id="b1", delta=1), ANNA).key == "refused.vote_budget"

    # Lowering the budget takes nothing back, but no dot goes on until Anna is under it.
    session = done(session, SetDots(dots=2), COFACILITATOR)
    assert session.dots_used("anna") == 5 and mine(session, "anna") == {"a1": 5}
    for card_id in ("a1", "b1"):
        no = refused(session, VoteOp(card_id=card_id, delta=1), ANNA)
        assert (no.key, no.values) == ("refused.vote_budget", {"dots": "2"})
    session = vote(session, ANNA, "a1", "a1", "a1", delta=-1)
    assert session.dots_used("anna") == 2
    assert refused(session, VoteOp(card_id="b1", delta=1), ANNA).key == "refused.vote_budget"
    session = vote(session, ANNA, "a1", delta=-1)
    session = vote(session, ANNA, "b1")
    assert mine(session, "anna") == {"a1": 1, "b1": 1}
    # A saved session with more dots spent than the budget is still a valid file.
    assert Session.model_validate(session.model_dump(by_alias=True)) == session


def test_only_facilitators_set_the_budget_within_its_bounds() -> None:
    session = voting_session()
    assert refused(session, SetDots(dots=5), ANNA).key == "refused.facilitator_only"
    assert refused(session, SetDots(dots=5), OBSERVER).key == "refused.observer"
    assert refused(session, SetDots(dots=5), STRANGER).key == "refused.not_at_table"
    for wrong in (0, 21, -1):
        with pytest.raises(ValidationError):
            SetDots(dots=wrong)
    assert done(session, SetDots(dots=20), FACILITATOR).dots == 20
    # The same budget again changes nothing (no event for every board).
    assert applied(session, SetDots(dots=3), FACILITATOR).changes == ()


def test_taking_back_a_dot_that_is_not_there_changes_nothing() -> None:
    session = voting_session()
    outcome = applied(session, DOWN, ANNA)
    assert outcome.changes == () and outcome.session is session
    session = vote(session, ANNA, "a1")
    outcome = applied(session, DOWN, ANNA)
    assert outcome.changes == (VotePut(voter="anna", card="a1", dots=0),)
    assert outcome.session.votes == ()
    assert applied(outcome.session, DOWN, ANNA).changes == ()
    # Bram's dots are not Anna's to take back.
    session = vote(session, BRAM, "a1")
    assert applied(session, DOWN, ANNA).session.votes == (Vote(voter="bram", card="a1", dots=1),)


def test_hidden_and_unknown_cards_take_no_dots() -> None:
    session = voting_session()
    session = session.model_copy(
        update={
            "cards": tuple(c.model_copy(update={"hidden": c.id == "a2"}) for c in session.cards)
        }
    )
    for actor in (ANNA, FACILITATOR):  # Anna wrote a2: not even its author votes on it
        for card_id in ("a2", "nergens"):
            assert (
                refused(session, VoteOp(card_id=card_id, delta=1), actor).key == "refused.no_card"
            )
    assert refused(session, VoteOp(card_id="a2", delta=-1), ANNA).key == "refused.no_card"


# --- the phases ------------------------------------------------------------------------


@pytest.mark.parametrize("phase", PHASE_IDS)
def test_who_may_vote_in_which_phase(phase: str) -> None:
    session = voting_session(phase)
    for actor in (FACILITATOR, COFACILITATOR):
        assert done(session, UP, actor).dots_used(actor.id) == 1, "facilitators always vote"
    assert refused(session, UP, OBSERVER).key == "refused.observer"
    assert refused(session, UP, STRANGER).key == "refused.not_at_table"
    if phase == "prioriteren":
        assert done(session, UP, ANNA).dots_used("anna") == 1
        return
    no = refused(session, UP, ANNA)
    assert (no.key, no.values) == ("refused.phase.vote", {"phase": "Prioriteren"})
    assert i18n.t(no.key, **no.values) == "Stemmen kan pas in de fase Prioriteren."
    assert refused(session, DOWN, BRAM).key == "refused.phase.vote"


def test_a_session_without_phases_lets_everyone_at_the_table_vote() -> None:
    session = make_session()
    assert session.phases == ()
    session = vote(session, ANNA, "a1")
    assert mine(session, "anna") == {"a1": 1}
    assert refused(session, UP, OBSERVER).key == "refused.observer"


def test_phases_without_voting_say_so() -> None:
    data = voting_session("opening").model_dump(by_alias=True)
    data["phases"] = [
        {**p, "allows": [a for a in p["allows"] if a != "vote"]} for p in data["phases"]
    ]
    session = Session.model_validate(data)
    assert refused(session, UP, ANNA).key == "refused.phase.vote.never"
    assert done(session, UP, FACILITATOR).dots_used("ria") == 1


def test_a_role_handed_over_counts_at_once() -> None:
    session = voting_session("ordenen")
    assert refused(session, UP, ANNA).key == "refused.phase.vote"
    people = tuple(
        p.model_copy(update={"role": Role.COFACILITATOR}) if p.id == "anna" else p
        for p in session.participants
    )
    promoted = session.model_copy(update={"participants": people})
    assert done(promoted, UP, ANNA).dots_used("anna") == 1, "the session says the role"


# --- closing and opening the round -----------------------------------------------------


def voted() -> Session:
    session = voting_session()
    session = vote(session, ANNA, "a1", "a1", "b2")
    session = vote(session, BRAM, "a1", "b2")
    return vote(session, FACILITATOR, "r1")


def test_closing_shows_every_vote_and_stops_the_voting() -> None:
    session = voted()
    assert refused(session, CloseVoting(), ANNA).key == "refused.facilitator_only"
    assert refused(session, CloseVoting(), OBSERVER).key == "refused.observer"
    outcome = applied(session, CloseVoting(), FACILITATOR)
    state, shown = outcome.changes
    assert isinstance(state, StatePut) and state.voting == "closed"
    assert shown == VotesShown(votes=session.votes)
    closed = outcome.session
    assert closed.voting == "closed" and closed.votes == session.votes
    assert closed.tally() == {"a1": 3, "b2": 2, "r1": 1}
    assert applied(closed, CloseVoting(), COFACILITATOR).changes == (), "closing twice"
    for actor, op in ((ANNA, UP), (ANNA, DOWN), (FACILITATOR, UP), (BRAM, DOWN)):
        assert refused(closed, op, actor).key == "refused.vote_closed"
    # After closing everyone sees every vote, and nobody waits for voters any more.
    for viewer in (ANNA, BRAM, OBSERVER):
        assert view_session(closed, viewer).votes == closed.votes
        assert view_changes(outcome.changes, closed, viewer) == outcome.changes
    assert waiting(closed).voters == 0
    assert not is_private(outcome.changes, closed)


def test_reopening_the_round_lets_everyone_move_their_dots_again() -> None:
    closed = done(voted(), CloseVoting(), FACILITATOR)
    assert refused(closed, CloseVoting(closed=False), BRAM).key == "refused.facilitator_only"
    outcome = applied(closed, CloseVoting(closed=False), COFACILITATOR)
    opened = outcome.session
    assert opened.voting == "" and opened.votes == closed.votes, "reopening keeps every dot"
    assert applied(opened, CloseVoting(closed=False), FACILITATOR).changes == ()
    assert refused(opened, UP, ANNA).key == "refused.vote_budget"
    opened = vote(opened, ANNA, "b2", delta=-1)
    opened = vote(opened, ANNA, "b1")
    assert mine(opened, "anna") == {"a1": 2, "b1": 1}
    assert waiting(opened).voters == 3
    # What each board holds after the reopen is its own votes again, as a snapshot gives.
    for viewer in (ANNA, BRAM, FACILITATOR, OBSERVER):
        copy = view_session(closed, viewer)
        copy = apply_changes(copy, view_changes(outcome.changes, outcome.session, viewer))
        assert set(copy.votes) == set(view_session(outcome.session, viewer).votes), viewer.id
        assert {v.voter for v in copy.votes} <= {viewer.id}


def test_votes_stay_secret_while_the_round_is_open() -> None:
    session = voted()
    for viewer in (ANNA, BRAM, FACILITATOR, OBSERVER):
        seen = view_session(session, viewer).votes
        assert seen == tuple(v for v in session.votes if v.voter == viewer.id)
    outcome = applied(session, VoteOp(card_id="b1", delta=1), FACILITATOR)
    assert is_private(outcome.changes, outcome.session)
    assert view_changes(outcome.changes, outcome.session, ANNA) == ()
    assert view_changes(outcome.changes, outcome.session, FACILITATOR) == outcome.changes
    assert waiting(outcome.session).voters == 3, "how many voted, never who"


# --- deleting a card gives its dots back -----------------------------------------------


def test_deleting_a_voted_card_gives_the_dots_back() -> None:
    session = voted()
    assert session.dots_used("anna") == 3 and session.dots_used("bram") == 2
    outcome = applied(session, DeleteCard(card_id="a1"), FACILITATOR)
    after = outcome.session
    assert after.dots_used("anna") == 1 and after.dots_used("bram") == 1
    assert "a1" not in after.tally() and all(v.card != "a1" for v in after.votes)
    assert Session.model_validate(after.model_dump(by_alias=True)) == after
    assert waiting(after).voters == 3
    # Every board drops the dots too, replaying only what it was sent.
    for viewer in (ANNA, BRAM, OBSERVER):
        copy = apply_changes(
            view_session(session, viewer), view_changes(outcome.changes, after, viewer)
        )
        assert copy.votes == view_session(after, viewer).votes
    after = vote(after, ANNA, "b1", "b1")
    assert after.dots_used("anna") == 3
    # A card whose only voter it was: that voter no longer counts as having voted.
    lone = done(after, DeleteCard(card_id="r1"), FACILITATOR)
    assert lone.dots_used("ria") == 0 and waiting(lone).voters == 2


def test_an_author_deleting_their_card_gives_others_their_dots_back() -> None:
    session = voting_session("verzamelen")
    session = vote(session, FACILITATOR, "a1", "a1")
    assert refused(session, UP, BRAM).key == "refused.phase.vote"
    after = done(session, DeleteCard(card_id="a1"), ANNA)
    assert after.dots_used("ria") == 0 and after.votes == ()


def test_deleting_after_closing_takes_the_card_out_of_the_tally() -> None:
    closed = done(voted(), CloseVoting(), FACILITATOR)
    after = done(closed, DeleteCard(card_id="b2"), FACILITATOR)
    assert after.tally() == {"a1": 3, "r1": 1} and after.voting == "closed"


# --- any sequence of voting ops --------------------------------------------------------

CARD_POOL = ["a1", "b1", "a2", "r1", "b2", "a1", "b1", "r1", "n1", "n2", "n3", "nergens"]
VOTERS = [ANNA, BRAM, FACILITATOR, COFACILITATOR, OBSERVER, STRANGER]
VIEWERS = [ANNA, BRAM, FACILITATOR, COFACILITATOR, OBSERVER]


def _steps() -> st.SearchStrategy[tuple[Op, Actor]]:
    """One step: mostly dots by the participants, now and then a facilitator's move."""
    card_ids = st.sampled_from(CARD_POOL)
    # Dots pile up on few cards, so that lowering the budget leaves cards above it.
    voted_ids = st.sampled_from(["a1", "a1", "b1", "r1", "n1", "nergens"])
    votes = st.builds(VoteOp, card_id=voted_ids, delta=st.sampled_from([1, 1, -1]))
    set_dots = st.builds(SetDots, dots=st.one_of(st.integers(1, 3), st.integers(1, 20)))
    others: list[st.SearchStrategy[Op]] = [
        set_dots,
        set_dots,
        set_dots,
        st.builds(CloseVoting, closed=st.booleans()),
        st.builds(DeleteCard, card_id=card_ids),
        st.builds(
            AddCard,
            card_id=st.sampled_from(["n1", "n2", "n3"]),
            theme=st.sampled_from(["rollen", "leren", "doelen"]),
            text=st.just("Nieuw"),
        ),
        st.builds(SetPhase, phase=st.sampled_from(["prioriteren", "prioriteren", *PHASE_IDS])),
        st.builds(SetPrivate, on=st.booleans()),
        st.just(Reveal()),
    ]
    voters = st.sampled_from([ANNA, BRAM, ANNA, BRAM, FACILITATOR, *VOTERS])
    facilitators = st.sampled_from([FACILITATOR, FACILITATOR, COFACILITATOR, *VOTERS])
    voting = st.tuples(votes, voters)
    return st.one_of(voting, voting, voting, st.tuples(st.one_of(others), facilitators))


STEPS = _steps()


def round_trip(session: Session) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessie.toml"
        save_session(session, path)
        first = path.read_bytes()
        loaded = load_session(path)
        save_session(loaded, path)
        assert path.read_bytes() == first
    assert set(loaded.votes) == set(session.votes)
    assert (loaded.dots, loaded.voting) == (session.dots, session.voting)


@settings(max_examples=200, deadline=None)
@given(
    start=st.sampled_from([voting_session(), voting_session(), make_session()]),
    data=st.data(),
)
def test_no_accepted_dot_ever_takes_a_voter_past_the_budget(
    start: Session, data: st.DataObject
) -> None:
    session = start
    boards = {viewer.id: view_session(session, viewer) for viewer in VIEWERS}
    for _ in range(data.draw(st.integers(5, 35), label="steps")):
        op, actor = data.draw(STEPS)
        outcome = apply(session, op, actor, NOW + dt.timedelta(seconds=1))
        event(f"{op.type}: {outcome.key if isinstance(outcome, Refused) else 'applied'}")
        if isinstance(outcome, Refused):
            assert outcome.key in i18n.MESSAGES
            if isinstance(op, VoteOp) and op.delta < 0:
                # Taking a dot back is never held to the budget, not even a lowered one.
                assert outcome.key not in ("refused.vote_budget", "refused.vote_card"), outcome
            continue
        new = outcome.session
        assert new.model_dump(by_alias=True) == apply_changes(session, outcome.changes).model_dump(
            by_alias=True
        )
        used = {p.id: session.dots_used(p.id) for p in session.participants}
        if isinstance(op, VoteOp) and outcome.changes:
            assert session.voting != "closed" and actor.role is not Role.OBSERVER
            card = session.card(op.card_id)
            assert card is not None and not card.hidden
            assert new.dots_used(actor.id) == used[actor.id] + op.delta
            if op.delta > 0:
                event("a dot went on")
                assert new.dots_used(actor.id) <= new.dots, "past the budget"
            for person, before in used.items():
                if person != actor.id:
                    assert new.dots_used(person) == before, "only one's own dots move"
        elif not isinstance(op, VoteOp):
            for person, before in used.items():
                assert new.dots_used(person) <= before, f"{op.type} gave {person} dots"
        if any(v.dots > new.dots for v in new.votes):
            event("a card above the budget after it was lowered")
        for entry in new.votes:
            card = new.card(entry.card)
            assert card is not None and not card.hidden and 1 <= entry.dots
        assert Session.model_validate(new.model_dump(by_alias=True)) == new
        # Every board replays what it is sent and holds what a snapshot would give it.
        for viewer in VIEWERS:
            shown = view_changes(outcome.changes, new, viewer)
            boards[viewer.id] = apply_changes(boards[viewer.id], shown)
            expected = view_session(new, viewer)
            assert set(boards[viewer.id].votes) == set(expected.votes), (viewer.id, op)
            if new.voting != "closed":
                assert {v.voter for v in boards[viewer.id].votes} <= {viewer.id}
        session = new
    round_trip(session)


@settings(max_examples=100, deadline=None)
@given(
    moves=st.lists(
        st.one_of(
            st.builds(VoteOp, card_id=st.sampled_from(["a1", "a1", "b1"]), delta=st.just(1)),
            st.builds(SetDots, dots=st.integers(1, 6)),
        ),
        max_size=25,
    )
)
def test_every_dot_can_be_taken_back_whatever_the_budget_did(moves: list[Op]) -> None:
    session = voting_session()
    for move in moves:
        actor = ANNA if isinstance(move, VoteOp) else FACILITATOR
        outcome = apply(session, move, actor, NOW)
        if isinstance(outcome, Applied):
            session = outcome.session
        else:
            assert outcome.key == "refused.vote_budget"
    if any(v.dots > session.dots for v in session.votes):
        event("a card above the budget")
    for placed in session.votes:
        for _ in range(placed.dots):
            session = done(session, VoteOp(card_id=placed.card, delta=-1), ANNA)
    assert session.votes == () and session.dots_used("anna") == 0


# --- the offline board -----------------------------------------------------------------

CARDS = {
    "rollen": ["Eén regievoerder per gezin", "Wijkteam als spil", "Vaste contactpersoon"],
    "leren": ["Casus samen nabespreken"],
}


def bar(app: object) -> str:
    return str(app.room_bar.render())  # type: ignore[attr-defined]


def column_text(app: object, index: int = 0) -> str:
    return screen_text(app.columns[index].cards)  # type: ignore[attr-defined]


async def test_plus_and_minus_on_the_board(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="prioriteren")
    app = make_app(path)
    notes: list[Notify] = []

    def hook(message: object) -> None:
        if isinstance(message, Notify):
            notes.append(message)

    async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
        assert app.board.actor.role is Role.FACILITATOR
        assert "Stippen: nog 3 van 3" in bar(app) and "0 hebben gestemd" in bar(app)
        assert "jouw stippen" not in column_text(app)
        await pilot.press("plus", "plus")
        assert app.board.session.votes == (Vote(voter="begeleider", card="k1", dots=2),)
        assert "jouw stippen: 2" in column_text(app)
        assert "Stippen: nog 1 van 3" in bar(app) and "1 heeft gestemd" in bar(app)
        await pilot.press("minus")
        assert "jouw stippen: 1" in column_text(app) and "jouw stippen: 2" not in column_text(app)
        assert "Stippen: nog 2 van 3" in bar(app)
        await pilot.press("down", "equals_sign", "plus")
        assert app.board.session.dots_used("begeleider") == 3
        assert "Stippen: nog 0 van 3" in bar(app)
        assert column_text(app).count("jouw stippen") == 2

        # A fourth dot is refused: the session is the same, a warning says why.
        before = app.board.session
        await pilot.press("plus")
        await pilot.pause()
        assert app.board.session is before
        warned = [n.notification for n in notes if n.notification.severity == "warning"]
        assert [n.message for n in warned] == [
            "Je stippen zijn op: je hebt er 3. Haal er een weg met - om te verschuiven."
        ]
        assert "jouw stippen: 2" in column_text(app)

        # Minus on a card without dots changes nothing and says nothing.
        await pilot.press("down", "minus")
        await pilot.pause()
        assert app.board.session is before and len(notes) == 1
        await pilot.press("q")
    saved = load_session(path)
    assert mine(saved, "begeleider") == {"k1": 1, "k2": 2}


async def test_no_dots_for_the_board_outside_voting_for_a_participant(tmp_path: Path) -> None:
    # The phase bar only counts dots while the phase is about voting.
    app = make_app(session_file(tmp_path, CARDS, phase="verzamelen"))
    async with app.run_test(size=(160, 48)):
        assert "Stippen" not in bar(app) and "gestemd" not in bar(app)


def with_votes(path: Path) -> None:
    """Seat Anna and Bram in the saved session and let them vote (k3 2+1, k2 1, k4 1)."""
    session = load_session(path)
    for person, name in (("anna", "Anna"), ("bram", "Bram")):
        actor = Actor(person, Role.PARTICIPANT)
        session = done(session, Join(name=name, organisation="Gemeente"), actor)
    session = vote(session, Actor("anna", Role.PARTICIPANT), "k3", "k3", "k2")
    session = vote(session, Actor("bram", Role.PARTICIPANT), "k3", "k4")
    save_session(session, path)


async def test_closing_shows_the_tally_and_sorts_by_dots(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="prioriteren")
    with_votes(path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        assert "2 hebben gestemd" in bar(app)
        text = column_text(app)
        assert "stippen" not in text, "before closing the board shows only my own dots"
        await pilot.press("plus")  # the facilitator's own dot on k1
        assert "jouw stippen: 1" in column_text(app) and "3 hebben gestemd" in bar(app)

        await pilot.press("V")
        assert app.board.session.voting == "closed"
        assert "Stemronde gesloten" in bar(app) and "Stippen: nog" not in bar(app)
        text = column_text(app)
        assert "3 stippen" in text and "1 stip " in text and "jouw stippen" not in text
        assert "1 stip " in column_text(app, 1), "k4 in the second column"
        before = app.board.session
        await pilot.press("plus")
        assert app.board.session is before, "no dots after closing"

        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert any(title.startswith("Kaarten sorteren op stippen") for title in titles)
        board_order = [c.id for c in app.columns[0].cards.cards]
        assert board_order == ["k1", "k2", "k3"]
        app.cards.sort_by_votes()
        await pilot.pause()
        assert [c.id for c in app.columns[0].cards.cards] == ["k3", "k1", "k2"]
        lines = column_text(app)
        assert lines.index("Vaste contactpersoon") < lines.index("Eén regievoerder per gezin")
        assert lines.index("Eén regievoerder per gezin") < lines.index("Wijkteam als spil")
        app.cards.sort_by_votes()
        await pilot.pause()
        assert [c.id for c in app.columns[0].cards.cards] == board_order

        # Reopening (from the palette) shows each board its own dots again.
        app.submit(CloseVoting(closed=False))
        await pilot.pause()
        assert "Stemronde gesloten" not in bar(app) and "Stippen: nog 2 van 3" in bar(app)
        text = column_text(app)
        assert "jouw stippen: 1" in text and "3 stippen" not in text
        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert not any(title.startswith("Kaarten sorteren op stippen") for title in titles)
        await pilot.press("q")
    saved = load_session(path)
    assert saved.voting == "" and saved.tally() == {"k1": 1, "k2": 1, "k3": 3, "k4": 1}
