"""The rules, op by op: what each op does, who may do it, and what the changes replay to."""

from __future__ import annotations

import datetime as dt
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
    card,
    make_session,
)
from pydantic import TypeAdapter

from tui_board.core import i18n
from tui_board.core.model import Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    CardPut,
    CardRemoved,
    Change,
    DeleteCard,
    EditCard,
    Join,
    MoveCard,
    Op,
    ParticipantPut,
)
from tui_board.core.rules import GAP, Applied, Outcome, Refused, apply, apply_changes
from tui_board.core.text import MAX_CARD_TEXT

CHANGES: TypeAdapter[tuple[Change, ...]] = TypeAdapter(tuple[Change, ...])


def dump(session: Session) -> dict[str, Any]:
    return session.model_dump(by_alias=True)


def ok(old: Session, outcome: Outcome) -> Applied:
    """Assert the op was applied and that its changes replay to the same session."""
    assert isinstance(outcome, Applied), outcome
    assert dump(apply_changes(old, outcome.changes)) == dump(outcome.session)
    # What a client receives over the wire must replay the same way.
    wire = CHANGES.validate_json(CHANGES.dump_json(outcome.changes))
    assert dump(apply_changes(old, wire)) == dump(outcome.session)
    # The new session is itself valid.
    assert dump(Session.model_validate(dump(outcome.session))) == dump(outcome.session)
    return outcome


def refused(outcome: Outcome, key: str, **values: str) -> Refused:
    assert isinstance(outcome, Refused), outcome
    assert outcome.key == key
    assert outcome.values == values
    return outcome


def order(session: Session, theme: str) -> list[str]:
    return [c.id for c in session.cards_in(theme)]


def positions(session: Session, theme: str) -> list[int]:
    return [c.position for c in session.cards_in(theme)]


def run(session: Session, op: Op, actor: Actor = ANNA, now: dt.datetime = NOW) -> Outcome:
    return apply(session, op, actor, now)


# --- add ---------------------------------------------------------------------------------


def test_add_at_end_of_theme(session: Session) -> None:
    outcome = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="Nieuw")))
    assert order(outcome.session, "rollen") == ["a1", "b1", "a2", "n1"]
    new = outcome.session.card("n1")
    assert new is not None
    assert new.position == 3 * GAP + GAP
    assert new.author == "anna"
    assert new.text == "Nieuw"
    assert new.created == new.updated == NOW
    assert outcome.changes == (CardPut(card=new),)
    assert len(outcome.session.cards) == len(session.cards) + 1


def test_add_to_empty_theme_gets_first_gap(session: Session) -> None:
    outcome = ok(session, run(session, AddCard(card_id="n1", theme="doelen", text="Eerste")))
    assert positions(outcome.session, "doelen") == [GAP]


def test_add_before_anchor_goes_between_neighbours(session: Session) -> None:
    op = AddCard(card_id="n1", theme="rollen", text="Tussen", before="b1")
    outcome = ok(session, run(session, op))
    assert order(outcome.session, "rollen") == ["a1", "n1", "b1", "a2"]
    new = outcome.session.card("n1")
    assert new is not None and new.position == (GAP + 2 * GAP) // 2
    assert len(outcome.changes) == 1, "a gap was free: no neighbour moves"


def test_add_before_first_card(session: Session) -> None:
    op = AddCard(card_id="n1", theme="rollen", text="Vooraan", before="a1")
    outcome = ok(session, run(session, op))
    assert order(outcome.session, "rollen") == ["n1", "a1", "b1", "a2"]
    assert positions(outcome.session, "rollen")[0] >= 0


def test_add_does_not_touch_other_themes(session: Session) -> None:
    outcome = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="x")))
    for theme in ("leren", "doelen"):
        assert outcome.session.cards_in(theme) == session.cards_in(theme)


def test_add_to_unknown_theme_is_refused(session: Session) -> None:
    refused(
        run(session, AddCard(card_id="n1", theme="nergens", text="x")),
        "refused.no_theme",
        theme="nergens",
    )


def test_add_with_existing_id_is_refused(session: Session) -> None:
    refused(run(session, AddCard(card_id="b2", theme="rollen", text="x")), "refused.card_exists")


@pytest.mark.parametrize("before", ["r1", "bestaat-niet"], ids=["other-theme", "unknown"])
def test_add_before_a_card_not_in_that_theme_is_refused(session: Session, before: str) -> None:
    op = AddCard(card_id="n1", theme="rollen", text="x", before=before)
    refused(run(session, op), "refused.no_card")


def test_add_stamps_now_in_utc_without_microseconds(session: Session) -> None:
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    now = dt.datetime(2026, 11, 26, 11, 30, 15, 987654, tzinfo=amsterdam)
    outcome = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="x"), now=now))
    new = outcome.session.card("n1")
    assert new is not None
    assert new.created == dt.datetime(2026, 11, 26, 10, 30, 15, tzinfo=dt.UTC)
    assert new.created.utcoffset() == dt.timedelta(0)


# --- card text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("rood\x1b[31mgevaar", "rood [31mgevaar"),
        ("csi\x9b31mweg", "csi 31mweg"),
        ("nul\x00byte", "nul byte"),
        ("twee\nregels", "twee\nregels"),  # a line break stays (as LF)
        ("tab\tstop", "tab stop"),
        ("del\x7fteken", "del teken"),
        ("bel\x07 en  backspace\x08", "bel en backspace"),
        ("  \x1b]0;titel\x07  midden  \r\n", "]0;titel midden"),
    ],
    ids=["esc", "c1-csi", "nul", "newline-kept", "tab", "del", "bel-bs", "osc-trim"],
)
def test_control_characters_are_stripped_from_card_text(
    session: Session, raw: str, clean: str
) -> None:
    added = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text=raw)))
    new = added.session.card("n1")
    assert new is not None and new.text == clean
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in new.text.replace("\n", ""))

    edited = ok(session, run(session, EditCard(card_id="a1", text=raw)))
    changed = edited.session.card("a1")
    assert changed is not None and changed.text == clean


@pytest.mark.parametrize(
    "text", ["[bold]vet[/bold]", "[@click=app.quit]klik[/]", "[link=https://x.nl]x[/link]"]
)
def test_markup_stays_literal(session: Session, text: str) -> None:
    outcome = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text=text)))
    new = outcome.session.card("n1")
    assert new is not None and new.text == text


@pytest.mark.parametrize("text", ["", "   ", "\x1b\x00\n\t", "\u00a0 \u00a0"])
def test_empty_text_is_refused(session: Session, text: str) -> None:
    refused(run(session, AddCard(card_id="n1", theme="rollen", text=text)), "refused.text_empty")
    refused(run(session, EditCard(card_id="a1", text=text)), "refused.text_empty")


def test_text_over_the_limit_is_refused(session: Session) -> None:
    text = "x" * (MAX_CARD_TEXT + 1)
    too_long = {"max": str(MAX_CARD_TEXT)}
    refused(
        run(session, AddCard(card_id="n1", theme="rollen", text=text)),
        "refused.text_too_long",
        **too_long,
    )
    refused(run(session, EditCard(card_id="a1", text=text)), "refused.text_too_long", **too_long)


def test_text_at_the_limit_is_accepted_and_counted_after_cleaning(session: Session) -> None:
    assert MAX_CARD_TEXT == 500
    exact = ok(session, run(session, AddCard(card_id="n1", theme="rollen", text="x" * 500)))
    assert exact.session.card("n1") is not None
    # Controls and surrounding space are cleaned away before the length is checked.
    padded = "  " + "y" * 500 + "\x1b\n  "
    outcome = ok(session, run(session, AddCard(card_id="n2", theme="rollen", text=padded)))
    new = outcome.session.card("n2")
    assert new is not None and new.text == "y" * 500


# --- edit ----------------------------------------------------------------------------------


def test_edit_changes_text_and_updated_only(session: Session) -> None:
    outcome = ok(session, run(session, EditCard(card_id="a1", text="Anders"), now=LATER))
    before, after = session.card("a1"), outcome.session.card("a1")
    assert before is not None and after is not None
    assert after.text == "Anders"
    assert after.updated == LATER
    assert after.model_dump(exclude={"text", "updated"}) == before.model_dump(
        exclude={"text", "updated"}
    )
    assert outcome.changes == (CardPut(card=after),)


@pytest.mark.parametrize("text", ["Kaart a1", "  Kaart a1\n", "Kaart\x1b a1"])
def test_edit_to_the_same_text_changes_nothing(session: Session, text: str) -> None:
    outcome = ok(session, run(session, EditCard(card_id="a1", text=text), now=LATER))
    assert outcome.changes == ()
    assert outcome.session == session


def test_edit_unknown_card_is_refused(session: Session) -> None:
    refused(run(session, EditCard(card_id="weg", text="x"), actor=FACILITATOR), "refused.no_card")


# --- delete --------------------------------------------------------------------------------


def test_delete_removes_only_that_card(session: Session) -> None:
    outcome = ok(session, run(session, DeleteCard(card_id="a1")))
    assert outcome.session.card("a1") is None
    assert outcome.changes == (CardRemoved(card_id="a1", theme="rollen", author="anna"),)
    assert order(outcome.session, "rollen") == ["b1", "a2"]
    assert [c for c in outcome.session.cards] == [c for c in session.cards if c.id != "a1"]


def test_delete_unknown_card_is_refused(session: Session) -> None:
    refused(run(session, DeleteCard(card_id="weg"), actor=FACILITATOR), "refused.no_card")


def test_delete_twice_is_refused_the_second_time(session: Session) -> None:
    first = ok(session, run(session, DeleteCard(card_id="a1")))
    refused(run(first.session, DeleteCard(card_id="a1")), "refused.no_card")


# --- move ----------------------------------------------------------------------------------


def test_move_to_end_of_own_theme(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="rollen"), now=LATER))
    assert order(outcome.session, "rollen") == ["b1", "a2", "a1"]
    moved = outcome.session.card("a1")
    assert moved is not None and moved.updated == LATER and moved.created == NOW
    assert moved.text == "Kaart a1" and moved.author == "anna"
    assert len(outcome.changes) == 1


def test_move_before_anchor_within_theme(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a2", theme="rollen", before="b1")))
    assert order(outcome.session, "rollen") == ["a1", "a2", "b1"]


def test_move_up_to_the_top(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a2", theme="rollen", before="a1")))
    assert order(outcome.session, "rollen") == ["a2", "a1", "b1"]


def test_move_to_end_of_other_theme(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="leren")))
    assert order(outcome.session, "rollen") == ["b1", "a2"]
    assert order(outcome.session, "leren") == ["r1", "b2", "a1"]
    moved = outcome.session.card("a1")
    assert moved is not None and moved.theme == "leren" and moved.position == 3 * GAP


def test_move_before_anchor_in_other_theme(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="leren", before="b2")))
    assert order(outcome.session, "leren") == ["r1", "a1", "b2"]
    assert order(outcome.session, "rollen") == ["b1", "a2"]


def test_move_to_empty_theme(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="doelen")))
    assert order(outcome.session, "doelen") == ["a1"]
    assert positions(outcome.session, "doelen") == [GAP]


def test_move_last_card_to_end_changes_nothing(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a2", theme="rollen"), now=LATER))
    assert outcome.changes == ()
    assert outcome.session == session


def test_move_before_itself_changes_nothing(session: Session) -> None:
    outcome = ok(session, run(session, MoveCard(card_id="a1", theme="rollen", before="a1")))
    assert outcome.changes == ()
    assert outcome.session == session


def test_move_before_itself_into_another_theme_is_refused(session: Session) -> None:
    # `before` names a card of the target theme; a1 is not in leren.
    op = MoveCard(card_id="a1", theme="leren", before="a1")
    refused(run(session, op), "refused.no_card")


def test_move_to_unknown_theme_is_refused(session: Session) -> None:
    refused(
        run(session, MoveCard(card_id="a1", theme="nergens")), "refused.no_theme", theme="nergens"
    )


@pytest.mark.parametrize("before", ["r1", "bestaat-niet"], ids=["other-theme", "unknown"])
def test_move_before_a_card_not_in_that_theme_is_refused(session: Session, before: str) -> None:
    refused(run(session, MoveCard(card_id="a1", theme="rollen", before=before)), "refused.no_card")


def test_move_unknown_card_is_refused(session: Session) -> None:
    refused(run(session, MoveCard(card_id="weg", theme="rollen"), FACILITATOR), "refused.no_card")


# --- renumbering -------------------------------------------------------------------------


def crowded() -> Session:
    """A theme whose first three cards sit on adjacent positions: no gap between them."""
    return make_session(
        cards=[
            card("x1", "rollen", GAP),
            card("x2", "rollen", GAP + 1),
            card("x3", "rollen", GAP + 2),
            card("y1", "leren", GAP, author="bram"),
        ]
    )


def test_add_without_gap_renumbers_the_theme() -> None:
    session = crowded()
    op = AddCard(card_id="n1", theme="rollen", text="Ertussen", before="x2")
    outcome = ok(session, run(session, op))
    assert order(outcome.session, "rollen") == ["x1", "n1", "x2", "x3"]
    assert positions(outcome.session, "rollen") == [GAP, 2 * GAP, 3 * GAP, 4 * GAP]
    # Only cards whose position changed are sent, the new card last; x1 stays put.
    sent = [change.card.id for change in outcome.changes if isinstance(change, CardPut)]
    assert sent == ["x2", "x3", "n1"]
    assert len(outcome.changes) == 3
    assert outcome.session.cards_in("leren") == session.cards_in("leren")


def test_add_before_first_card_at_position_zero_renumbers() -> None:
    session = make_session(cards=[card("x1", "rollen", 0), card("x2", "rollen", 1)])
    outcome = ok(
        session, run(session, AddCard(card_id="n1", theme="rollen", text="x", before="x1"))
    )
    assert order(outcome.session, "rollen") == ["n1", "x1", "x2"]
    assert positions(outcome.session, "rollen") == [GAP, 2 * GAP, 3 * GAP]


def test_move_without_gap_renumbers_the_target_theme() -> None:
    session = crowded()
    op = MoveCard(card_id="x3", theme="rollen", before="x2")
    outcome = ok(session, run(session, op))
    assert order(outcome.session, "rollen") == ["x1", "x3", "x2"]
    assert positions(outcome.session, "rollen") == [GAP, 2 * GAP, 3 * GAP]


def test_move_from_other_theme_without_gap_renumbers() -> None:
    session = crowded()
    op = MoveCard(card_id="y1", theme="rollen", before="x3")
    outcome = ok(session, run(session, op, actor=BRAM))
    assert order(outcome.session, "rollen") == ["x1", "x2", "y1", "x3"]
    assert order(outcome.session, "leren") == []
    assert len(set(positions(outcome.session, "rollen"))) == 4


def test_repeated_inserts_at_the_top_run_out_of_gap_and_renumber(session: Session) -> None:
    renumbered = 0
    for n in range(25):
        first = order(session, "rollen")[0]
        op = AddCard(card_id=f"top{n}", theme="rollen", text=f"Boven {n}", before=first)
        outcome = ok(session, run(session, op))
        renumbered += len(outcome.changes) > 1
        session = outcome.session
        assert order(session, "rollen")[0] == f"top{n}"
        assert order(session, "rollen")[1] == first
        assert len(set(positions(session, "rollen"))) == len(positions(session, "rollen"))
        assert min(positions(session, "rollen")) >= 0
    assert renumbered >= 2, "halving a gap of 1024 runs out within ~11 inserts"
    assert order(session, "rollen")[-3:] == ["a1", "b1", "a2"]


# --- join ----------------------------------------------------------------------------------


def test_stranger_joins_and_may_then_add(session: Session) -> None:
    refused(
        run(session, AddCard(card_id="z1", theme="rollen", text="x"), STRANGER),
        "refused.not_at_table",
    )
    joined = ok(session, run(session, Join(name="Zoë", organisation="Bibliotheek"), STRANGER))
    person = joined.session.participant("zoe")
    assert person is not None
    assert (person.name, person.organisation, person.role) == (
        "Zoë",
        "Bibliotheek",
        Role.PARTICIPANT,
    )
    assert joined.changes == (ParticipantPut(participant=person),)
    added = ok(
        joined.session,
        run(joined.session, AddCard(card_id="z1", theme="rollen", text="x"), STRANGER),
    )
    new = added.session.card("z1")
    assert new is not None and new.author == "zoe"


def test_join_again_with_the_same_details_changes_nothing(session: Session) -> None:
    outcome = ok(session, run(session, Join(name="Anna", organisation="Zorgaanbieder")))
    assert outcome.changes == ()
    assert outcome.session == session


def test_join_again_updates_name_in_place(session: Session) -> None:
    outcome = ok(session, run(session, Join(name="Anna de Vries", organisation="Zorg")))
    assert [p.id for p in outcome.session.participants] == [p.id for p in session.participants]
    person = outcome.session.participant("anna")
    assert person is not None and person.name == "Anna de Vries"


def test_join_takes_the_role_from_the_actor_not_the_client(session: Session) -> None:
    watcher = Actor("kijker", Role.OBSERVER)
    outcome = ok(session, run(session, Join(name="Kijker"), watcher))
    person = outcome.session.participant("kijker")
    assert person is not None and person.role is Role.OBSERVER


@pytest.mark.parametrize("name", ["", "   ", "\x1b\x1b", "\n\t"])
def test_join_with_empty_name_is_refused(session: Session, name: str) -> None:
    refused(run(session, Join(name=name), STRANGER), "refused.name_empty")


def test_join_cleans_and_cuts_name_and_organisation(session: Session) -> None:
    op = Join(name="Zo\x1b[2Jë" + "e" * 150, organisation="Org\x9b\nnisatie")
    outcome = ok(session, run(session, op, STRANGER))
    person = outcome.session.participant("zoe")
    assert person is not None
    assert person.name.startswith("Zo [2Jë") and len(person.name) == 100
    assert person.organisation == "Org nisatie"


# --- who may do what -----------------------------------------------------------------------

# (actor, the card the op is about)
WHO = {
    "facilitator": (FACILITATOR, "a1"),
    "cofacilitator": (COFACILITATOR, "a1"),
    "participant-own": (ANNA, "a1"),
    "participant-other": (ANNA, "b1"),
    "observer": (OBSERVER, "a1"),
    "stranger": (STRANGER, "a1"),
}

# The expected refusal key per (who, op); None means applied.
MATRIX: dict[tuple[str, str], str | None] = {
    **{("facilitator", op): None for op in ("add", "edit", "delete", "move", "join")},
    **{("cofacilitator", op): None for op in ("add", "edit", "delete", "move", "join")},
    **{("participant-own", op): None for op in ("add", "edit", "delete", "move", "join")},
    ("participant-other", "add"): None,
    ("participant-other", "edit"): "refused.not_your_card",
    ("participant-other", "delete"): "refused.not_your_card",
    ("participant-other", "move"): "refused.not_your_card",
    ("participant-other", "join"): None,
    **{("observer", op): "refused.observer" for op in ("add", "edit", "delete", "move")},
    ("observer", "join"): None,
    **{("stranger", op): "refused.not_at_table" for op in ("add", "edit", "delete", "move")},
    ("stranger", "join"): None,
}


def make_op(kind: str, target: str) -> Op:
    ops: dict[str, Op] = {
        "add": AddCard(card_id="nieuw", theme="doelen", text="Nieuwe kaart"),
        "edit": EditCard(card_id=target, text="Gewijzigde tekst"),
        "delete": DeleteCard(card_id=target),
        "move": MoveCard(card_id=target, theme="doelen"),
        "join": Join(name="Iemand Anders", organisation="Elders"),
    }
    return ops[kind]


@pytest.mark.parametrize(("who", "kind"), sorted(MATRIX), ids=lambda v: str(v))
def test_permission_matrix(session: Session, who: str, kind: str) -> None:
    actor, target = WHO[who]
    outcome = run(session, make_op(kind, target), actor)
    expected = MATRIX[(who, kind)]
    if expected is None:
        applied = ok(session, outcome)
        assert applied.changes, "an allowed op here always changes something"
        assert applied.session != session
    else:
        no = refused(outcome, expected)
        # Every refusal can be said in both languages.
        for language in i18n.LANGUAGES:
            i18n.set_language(language)
            assert i18n.t(no.key, **no.values)


def test_matrix_covers_every_role_and_op() -> None:
    assert {who for who, _ in MATRIX} == set(WHO)
    assert {kind for _, kind in MATRIX} == {"add", "edit", "delete", "move", "join"}
    assert len(MATRIX) == len(WHO) * 5
    assert {actor.role for actor, _ in WHO.values()} == set(Role)


def test_editors_change_someone_elses_card_keeping_the_author(session: Session) -> None:
    for editor in (FACILITATOR, COFACILITATOR):
        outcome = ok(session, run(session, EditCard(card_id="a1", text="Door begeleider"), editor))
        changed = outcome.session.card("a1")
        assert changed is not None and changed.author == "anna"


def test_refused_ops_leave_the_session_alone(session: Session) -> None:
    before = dump(session)
    for op in (
        EditCard(card_id="b1", text="x"),
        DeleteCard(card_id="b1"),
        MoveCard(card_id="b1", theme="doelen"),
    ):
        assert isinstance(run(session, op, ANNA), Refused)
    assert dump(session) == before


# --- replaying changes -------------------------------------------------------------------


def test_replaying_a_sequence_of_changes_rebuilds_the_session(session: Session) -> None:
    steps: list[tuple[Op, Actor]] = [
        (Join(name="Zoë"), STRANGER),
        (AddCard(card_id="z1", theme="doelen", text="Doel"), STRANGER),
        (MoveCard(card_id="a1", theme="doelen", before="z1"), ANNA),
        (EditCard(card_id="z1", text="Beter doel"), COFACILITATOR),
        (DeleteCard(card_id="b2"), FACILITATOR),
    ]
    current = session
    log: list[Change] = []
    for op, actor in steps:
        outcome = ok(current, run(current, op, actor))
        log.extend(outcome.changes)
        current = outcome.session
    assert dump(apply_changes(session, log)) == dump(current)
    assert order(current, "doelen") == ["a1", "z1"]
