"""Who may do what, over the wire: role × op, ack or reject with the rules' key."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from relaykit import CODE, FACILITATOR_CODE, LiveRelay, Raw, join, running_relay

from tui_board.core.ops import AddCard, DeleteCard, EditCard, MoveCard, Op
from tui_board.live.protocol import Ack, Reject

# Who acts, on which card: the facilitator and the participant "other" act on Anna's card
# a1 of the seed session; "own" acts on a card the participant just wrote over the wire.
WHO = ("facilitator", "own", "other", "observer")
OPS = ("add", "edit", "delete", "move")

EXPECTED: dict[tuple[str, str], str | None] = {
    ("facilitator", "add"): None,
    ("facilitator", "edit"): None,
    ("facilitator", "delete"): None,
    ("facilitator", "move"): None,
    ("own", "add"): None,
    ("own", "edit"): None,
    ("own", "delete"): None,
    ("own", "move"): None,
    ("other", "add"): None,  # adding next to someone else's card is fine
    ("other", "edit"): "refused.not_your_card",
    ("other", "delete"): "refused.not_your_card",
    ("other", "move"): "refused.not_your_card",
    ("observer", "add"): "refused.observer",
    ("observer", "edit"): "refused.observer",
    ("observer", "delete"): "refused.observer",
    ("observer", "move"): "refused.observer",
}
"""None: acknowledged; else the key of the reject."""


@pytest.fixture
async def live(tmp_path: Path) -> AsyncIterator[LiveRelay]:
    async with running_relay(tmp_path) as running:
        yield running


async def actor_and_card(live: LiveRelay, who: str) -> tuple[Raw, str]:
    if who == "facilitator":
        return await join(live.url, FACILITATOR_CODE, "Ria"), "a1"
    if who == "observer":
        return await join(live.url, CODE, "Kijker", view=True), "a1"
    raw = await join(live.url, CODE, "Noor")
    if who == "other":
        return raw, "a1"
    answer = await raw.op(AddCard(card_id="k-eigen", theme="rollen", text="Van Noor"))
    assert isinstance(answer, Ack)
    return raw, "k-eigen"


def make_op(what: str, card_id: str) -> Op:
    if what == "add":
        return AddCard(card_id="k-nieuw", theme="rollen", text="Nieuw", before=card_id)
    if what == "edit":
        return EditCard(card_id=card_id, text="Anders gezegd")
    if what == "delete":
        return DeleteCard(card_id=card_id)
    return MoveCard(card_id=card_id, theme="doelen")


@pytest.mark.parametrize("what", OPS)
@pytest.mark.parametrize("who", WHO)
async def test_role_and_op(live: LiveRelay, who: str, what: str) -> None:
    raw, card_id = await actor_and_card(live, who)
    before_seq, before = live.room.seq, live.room.session
    target = before.card(card_id)
    assert target is not None

    answer = await raw.op(make_op(what, card_id))

    expected = EXPECTED[(who, what)]
    if expected is None:
        assert isinstance(answer, Ack), answer
        assert answer.seq == live.room.seq == before_seq + 1
        after = live.room.session
        changed = after.card(card_id)
        if what == "add":
            new = after.card("k-nieuw")
            assert new is not None and new.author == raw.you.id
            order = [c.id for c in after.cards_in("rollen")]
            assert order.index("k-nieuw") == order.index(card_id) - 1, "placed before it"
        elif what == "edit":
            assert changed is not None and changed.text == "Anders gezegd"
            assert changed.author == target.author, "editing does not take the card over"
        elif what == "delete":
            assert changed is None
        else:
            assert changed is not None and changed.theme == "doelen"
    else:
        assert isinstance(answer, Reject), answer
        assert answer.key == expected
        assert (live.room.seq, live.room.session) == (before_seq, before), "nothing changed"
    await raw.close()


def test_the_matrix_is_complete() -> None:
    assert set(EXPECTED) == {(who, what) for who in WHO for what in OPS}
