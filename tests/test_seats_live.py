"""A facilitator merges two seats of one person on the real relay: every board's view and the
saved file hold one person, with the cards of both seats."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from relaykit import (
    CODE,
    FACILITATOR_CODE,
    Recorder,
    eventually,
    running,
    running_relay,
)

from tui_board.core.model import Session
from tui_board.core.ops import AddCard, Confirm, MergeParticipants, RemoveParticipant, VoteOp
from tui_board.files.store import load_session
from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.journal import token_hash


def one_ingrid(session: Session | None, kept: str, cards: set[str]) -> bool:
    """One Ingrid at the table, the kept seat, with these cards."""
    if session is None:
        return False
    ingrids = [p.id for p in session.participants if p.name.startswith("Ingrid")]
    mine = {c.id for c in session.cards if c.author == kept}
    return ingrids == [kept] and cards <= mine


async def test_a_merge_reaches_every_board_and_the_file(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        ria = RelayClient(live.url, FACILITATOR_CODE, name="Ria")
        first = RelayClient(live.url, CODE, name="Ingrid Ünal", organisation="Gemeente")
        again = RelayClient(live.url, CODE, name="Ingrid", organisation="Gemeente")
        bram = RelayClient(live.url, CODE, name="Bram", organisation="School")
        stray = RelayClient(live.url, CODE, name="Per ongeluk")
        screen = RelayClient(live.url, CODE, view=True)
        async with (
            running(ria) as ria_heard,
            running(first),
            running(again),
            running(bram),
            running(screen),
        ):
            stray_ended = asyncio.create_task(stray.run(Recorder()))
            await eventually(lambda: stray.connected, message="the stray seat is in")
            assert first.you is not None and again.you is not None and stray.you is not None
            kept, gone = first.you.id, again.you.id
            assert kept != gone, "two seats for one person"
            first.submit(AddCard(card_id="k-eerst", theme="rollen", text="Van de eerste plek"))
            again.submit(AddCard(card_id="k-later", theme="leren", text="Van de tweede plek"))
            again.submit(Confirm())
            again.submit(VoteOp(card_id="a1", delta=1))
            await eventually(
                lambda: (
                    live.room.session.card("k-later") is not None
                    and live.room.session.card("k-eerst") is not None
                    and live.room.session.dots_used(gone) == 1
                ),
                message="both seats wrote",
            )
            seq = live.room.seq
            ria.submit(MergeParticipants(keep=kept, merge=gone))
            ria.submit(RemoveParticipant(participant=stray.you.id))
            await eventually(lambda: live.room.seq == seq + 2, message="merged and removed")
            assert not ria_heard.refused
            cards = {"k-eerst", "k-later"}
            for client in (ria, first, again, bram, screen):

                def sees_one(c: RelayClient = client) -> bool:
                    return one_ingrid(c.session, kept, cards) and c.seq == live.room.seq

                await eventually(sees_one, message=f"{client.name or 'observer'} sees one Ingrid")
                assert client.session is not None
                assert client.session.participant(stray.you.id) is None
            # The merged board comes back as the kept person; the removed one hears it went.
            await eventually(lambda: again.you is not None and again.you.id == kept)
            with pytest.raises(JoinFailed) as ended:
                await asyncio.wait_for(stray_ended, 10)
            assert ended.value.key == "relay.seat_removed"
            truth = live.room.session
            assert one_ingrid(truth, kept, cards)
            assert kept in truth.confirmed and gone not in truth.confirmed
            assert truth.dots_used(kept) == 1 and truth.dots_used(gone) == 0
            # The relay's seats: the token of the removed seat leads to the kept one; the
            # empty seat's token is gone (and so on disk, for a restart).
            assert again.token is not None and stray.token is not None
            for seats in (live.room.seats, live.room.journal.load_seats()):
                assert seats[token_hash(again.token)].participant == kept
                assert token_hash(stray.token) not in seats
    saved = load_session(live.path)
    assert one_ingrid(saved, kept, cards)
    assert saved.participant(gone) is None and saved.participant(stray.you.id) is None
    people = sorted(p.name for p in saved.participants if p.role.value != "observer")
    # The seed's four (Anna, Bram, Cor, Ria), Ingrid once and the new Bram.
    assert people == ["Anna", "Bram", "Bram", "Cor", "Ingrid Ünal", "Ria"]
