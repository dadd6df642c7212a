"""Looking people up in a big table, and replaying changes without copying what they do
not touch: the relay does both for every join of a room that fills at once."""

from __future__ import annotations

from factories import make_session

from tui_board.core.model import Participant, Role
from tui_board.core.ops import CardPut, ParticipantPut
from tui_board.core.rules import apply_changes

TABLE = 40


def big_table() -> tuple[Participant, ...]:
    return tuple(
        Participant(id=f"p{n:03d}", name=f"Deelnemer {n}", role=Role.PARTICIPANT)
        for n in range(TABLE)
    )


def test_a_big_table_is_looked_up_by_id_and_each_new_table_anew() -> None:
    session = make_session().model_copy(update={"participants": big_table()})
    names = [getattr(session.participant(f"p{n:03d}"), "name", None) for n in range(TABLE)]
    assert names == [f"Deelnemer {n}" for n in range(TABLE)]
    assert session.participant("p999") is None

    renamed = Participant(id="p007", name="Bond", role=Role.PARTICIPANT)
    after = apply_changes(session, [ParticipantPut(participant=renamed)])
    assert after.participant("p007") == renamed
    # The table before is its own: looked up again, it has the old name.
    assert session.participant("p007") == session.participants[7]
    assert session.participants[7].name == "Deelnemer 7"
    assert after.participant("p007") == renamed

    newcomer = Participant(id="p500", name="Nieuw", role=Role.PARTICIPANT)
    joined = apply_changes(after, [ParticipantPut(participant=newcomer)])
    assert joined.participant("p500") == newcomer
    assert after.participant("p500") is None
    assert [p.id for p in joined.participants][-1] == "p500"  # newcomers come last


def test_changes_copy_only_the_lists_they_touch() -> None:
    session = make_session().model_copy(update={"participants": big_table()})
    card = session.cards[0].model_copy(update={"text": "Anders"})
    after = apply_changes(session, [CardPut(card=card)])
    assert after.card(card.id) == card
    assert [c.id for c in after.cards] == [c.id for c in session.cards]  # order kept
    assert after.participants is session.participants
    assert after.votes is session.votes and after.agreements is session.agreements
    assert after.clusters is session.clusters and after.terugblik is session.terugblik
