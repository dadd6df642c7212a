"""The notulist in the rules: recording a session afterwards — people added at the table,
cards, consent answers and evaluations on their behalf — and what the file and the report
say of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import ANNA, COFACILITATOR, DATE, FACILITATOR, NOW, OBSERVER, make_session, run_ops
from relaykit import close_all, facilitator, running_relay

from tui_board.afterwards.report import render
from tui_board.core.instruments import NORM_IDS
from tui_board.core.model import Answer, Meta, Participant, Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    AddPerson,
    AnswerOp,
    CloseAnswers,
    CloseRound,
    DraftAgreement,
    Evaluate,
    OnBehalf,
    RecordedPut,
    RemoveParticipant,
    StartEvaluation,
    StartRound,
)
from tui_board.core.phases import default_phases
from tui_board.core.rules import Applied, Refused, apply
from tui_board.files.store import load_session, save_session
from tui_board.live.protocol import Reject

ALONE = Actor("begeleider", Role.FACILITATOR)


def alone() -> Session:
    """A session as an offline board starts one: only the facilitator at the table."""
    facilitator = Participant(id="begeleider", name="Fenna", role=Role.FACILITATOR)
    return make_session(cards=(), participants=(facilitator,))


def recorded() -> Session:
    """Two people of two organisations added by the notulist."""
    return run_ops(
        alone(),
        ALONE,
        AddPerson(participant="p1", name="Ingrid Ünal", organisation="Gemeente Tiel", mandate=True),
        AddPerson(participant="p2", name="Joost", organisation="Wijkteam Tiel"),
    )


def test_adding_people_marks_the_session_recorded_by_the_facilitator() -> None:
    outcome = apply(alone(), AddPerson(participant="p1", name="  Ingrid  "), ALONE, NOW)
    assert isinstance(outcome, Applied)
    assert outcome.session.participant("p1") == Participant(id="p1", name="Ingrid")
    assert RecordedPut(recorded=NOW.date(), recorded_by="Fenna") in outcome.changes
    session = recorded()
    assert session.session.recorded == NOW.date()
    assert session.session.recorded_by == "Fenna"
    assert session.organisations() == ["Gemeente Tiel", "Wijkteam Tiel"]
    # Only the first op marks it: a later one on another day keeps the first record.
    later = run_ops(
        session, ALONE, AddPerson(participant="p3", name="Kees"), now=NOW.replace(day=27)
    )
    assert later.session.recorded == NOW.date()


def card_by(person: str, text: str = "x", theme: str = "rollen") -> OnBehalf:
    """A card written on `person`'s behalf."""
    return OnBehalf(participant=person, op=AddCard(card_id="k1", theme=theme, text=text))


@pytest.mark.parametrize(
    ("op", "key"),
    [
        (AddPerson(participant="p9", name="   "), "refused.name_empty"),
        (AddPerson(participant="p9", name="ingrid ünal"), "refused.person_exists"),
        (AddPerson(participant="p1", name="Iemand anders"), "refused.person_exists"),
        (card_by("zoe"), "refused.no_person"),
        (card_by("begeleider"), "refused.behalf_self"),
        (card_by("p1", text=" "), "refused.text_empty"),
        (card_by("p1", theme="nergens"), "refused.no_theme"),
        (
            OnBehalf(participant="p1", op=AnswerOp(agreement_id="x", kind="werkbaar")),
            "refused.no_agreement",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(op: AddPerson | OnBehalf, key: str) -> None:
    session = recorded()
    outcome = apply(session, op, ALONE, NOW)
    assert isinstance(outcome, Refused)
    assert outcome.key == key
    assert recorded() == session  # nothing changed


@pytest.mark.parametrize("actor", [COFACILITATOR, ANNA, OBSERVER])
def test_only_the_facilitator_records(actor: Actor) -> None:
    session = make_session()
    for op in (
        AddPerson(participant="p9", name="Kees"),
        OnBehalf(participant="bram", op=AddCard(card_id="k9", theme="rollen", text="Hallo")),
    ):
        outcome = apply(session, op, actor, NOW)
        assert isinstance(outcome, Refused), (actor, op)
        assert outcome.key in ("refused.facilitator_only", "refused.observer")
    outcome = apply(session, AddPerson(participant="p9", name="Kees"), FACILITATOR, NOW)
    assert isinstance(outcome, Applied)


def test_cards_answers_and_evaluations_on_behalf_are_theirs() -> None:
    session = run_ops(
        recorded(),
        ALONE,
        OnBehalf(participant="p1", op=AddCard(card_id="k1", theme="rollen", text="Wie belt?")),
        OnBehalf(participant="p2", op=AddCard(card_id="k2", theme="leren", text="Samen leren")),
        DraftAgreement(
            agreement_id="t1",
            what="Eén belrooster",
            why="Niemand weet wie belt",
            owners=("Gemeente Tiel", "Wijkteam Tiel"),
        ),
        StartRound(agreement_id="t1"),
        OnBehalf(participant="p1", op=AnswerOp(agreement_id="t1", kind="werkbaar")),
        OnBehalf(
            participant="p2", op=AnswerOp(agreement_id="t1", kind="bedenking", text="Wie betaalt?")
        ),
        CloseAnswers(agreement_id="t1"),
        CloseRound(agreement_id="t1", outcome="aangenomen"),
    )
    card1, card2 = session.card("k1"), session.card("k2")
    assert card1 is not None and card1.author == "p1"
    assert card2 is not None and card2.author == "p2"
    agreement = session.agreement("t1")
    assert agreement is not None and agreement.status == "aangenomen"
    assert agreement.owners == ("Gemeente Tiel", "Wijkteam Tiel")
    assert [(a.participant, a.kind) for a in agreement.answers] == [
        ("p1", "werkbaar"),
        ("p2", "bedenking"),
    ]
    # A seat with a card to its name is no mistake to take away any more.
    refusal = apply(session, RemoveParticipant(participant="p1"), ALONE, NOW)
    assert isinstance(refusal, Refused) and refusal.key == "refused.remove_not_empty"


def test_owners_not_at_the_table_are_still_refused() -> None:
    op = DraftAgreement(agreement_id="t1", what="X", why="Y", owners=("Wijkteam Tiel",))
    refusal = apply(alone(), op, ALONE, NOW)
    assert isinstance(refusal, Refused) and refusal.key == "refused.owner_unknown"
    assert isinstance(apply(recorded(), op, ALONE, NOW), Applied)


def test_a_mistaken_person_is_removed_before_they_wrote_anything() -> None:
    session = run_ops(recorded(), ALONE, RemoveParticipant(participant="p2"))
    assert session.participant("p2") is None
    assert session.organisations() == ["Gemeente Tiel"]


def test_evaluations_on_behalf_count_once_per_person() -> None:
    scores = dict.fromkeys(NORM_IDS, 4)
    session = run_ops(recorded(), ALONE, StartEvaluation())
    session = run_ops(session, ALONE, OnBehalf(participant="p1", op=Evaluate(scores=scores)))
    again = apply(session, OnBehalf(participant="p1", op=Evaluate(scores=scores)), ALONE, NOW)
    assert isinstance(again, Refused) and again.key == "refused.evaluated"
    assert session.evaluation is not None
    assert session.evaluation.count == 1 and session.evaluation.answered == ("p1",)


def test_the_file_and_the_report_say_it_was_recorded(tmp_path: Path) -> None:
    session = run_ops(
        recorded(),
        ALONE,
        OnBehalf(participant="p1", op=AddCard(card_id="k1", theme="rollen", text="Wie belt?")),
    )
    path = tmp_path / "s.toml"
    save_session(session, path)
    text = path.read_text()
    assert 'recorded = 2026-11-26\nrecorded_by = "Fenna"' in text
    again = load_session(path)
    assert again == session
    md = render(again, "md")
    assert "Achteraf vastgelegd door Fenna op 26 november 2026." in md
    assert "Wie belt? — *Ingrid Ünal (Gemeente Tiel)*" in md
    assert "Achteraf vastgelegd door Fenna op 26 november 2026." in render(again, "html")
    # A session held on the board says nothing of it, and its file has no such lines.
    plain = make_session()
    save_session(plain, path)
    assert "recorded" not in path.read_text()
    assert "Achteraf" not in render(plain, "md")


def test_a_hand_written_concern_of_a_closed_round_reaches_the_report() -> None:
    concern = Answer(participant="anna", kind="bedenking", text="Wie betaalt het?", round=1)
    session = run_ops(
        make_session(),
        FACILITATOR,
        DraftAgreement(agreement_id="t1", what="Eén rooster", why="Overzicht"),
    )
    agreement = session.agreement("t1")
    assert agreement is not None
    # As someone writes it in the file by hand: adopted, the concern only among the answers.
    written = agreement.model_copy(
        update={"status": "aangenomen", "round": 1, "answers": (concern,)}
    )
    session = session.model_copy(update={"agreements": (written,)})
    md = render(session, "md")
    assert "Bedenking van Anna (Zorgaanbieder), ronde 1: Wie betaalt het?" in md
    assert md.count("Wie betaalt het?") == 1


async def test_the_relay_refuses_the_notulist(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        board = await facilitator(live.url)
        try:
            for op in (
                AddPerson(participant="p9", name="Kees"),
                OnBehalf(participant="p9", op=AnswerOp(agreement_id="t1", kind="werkbaar")),
            ):
                answer = await board.op(op)
                assert isinstance(answer, Reject), answer
                assert answer.key == "refused.offline_only"
            assert live.room.session.participant("p9") is None
            assert live.room.session.session.recorded is None
        finally:
            await close_all(board)


def test_meta_accepts_a_recorded_session() -> None:
    meta = Meta(title="T", date=DATE, recorded=dt.date(2026, 3, 14), recorded_by="Fenna")
    assert meta.recorded == dt.date(2026, 3, 14)


def test_phases_do_not_hold_the_notulist_back() -> None:
    # The session already happened: a card in the opening, as the person wrote it then.
    session = recorded().model_copy(update={"phases": default_phases("nl"), "phase": "opening"})
    direct = apply(
        session,
        AddCard(card_id="k1", theme="rollen", text="Hoi"),
        Actor("p1", Role.PARTICIPANT),
        NOW,
    )
    assert isinstance(direct, Refused) and direct.key == "refused.phase.add_card"
    session = run_ops(session, ALONE, card_by("p1", text="Hoi"))
    card = session.card("k1")
    assert card is not None and card.author == "p1"
    assert session.phase == "opening" and session.phases == default_phases("nl")
