"""Clusters through the real relay: grouping reaches every board; a participant's proposal
reaches only the facilitators; the relay decides who may group, whatever a client sends."""

from __future__ import annotations

from pathlib import Path

from relaykit import close_all, facilitator, join, running_relay

from tui_board.core.ops import ClusterSuggested, GroupCards, SuggestCluster
from tui_board.live.protocol import Ack, Reject


async def test_a_proposal_reaches_only_the_facilitators(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as relay:
        ria = await facilitator(relay.url)
        anna = await join(relay.url, name="Anna", organisation="Gemeente")
        bram = await join(relay.url, name="Bram", organisation="Wijkteam")
        first = await anna.add_card("rollen", "Wie heeft de regie?")
        second = await anna.add_card("leren", "Samen evalueren")
        cards = tuple(
            c.id
            for c in relay.room.session.cards
            if c.text in ("Wie heeft de regie?", "Samen evalueren")
        )
        assert len(cards) == 2 and first.seq < second.seq
        # A participant may not group (the relay refuses even a hand-made op)…
        refused = await anna.op(GroupCards(cluster_id="c1", title="Regie", cards=cards))
        assert isinstance(refused, Reject) and refused.key == "refused.cluster_facilitator"
        # …but may propose: the facilitator hears who proposed what, nobody else does.
        sent = await anna.op(SuggestCluster(title="Regie", cards=cards))
        assert isinstance(sent, Ack)
        heard = await ria.event(sent.seq)
        (suggestion,) = [c for c in heard.changes if isinstance(c, ClusterSuggested)]
        assert suggestion.by == anna.you.id and suggestion.cards == cards
        assert suggestion.title == "Regie"
        done = await ria.op(GroupCards(cluster_id="c1", title="Regie", cards=cards))
        assert isinstance(done, Ack)
        for person in (anna, bram):
            await person.event(done.seq)
            frames = [m.model_dump_json() for m in person.received]
            assert not any("cluster_suggested" in f for f in frames), "only facilitators hear it"
        assert [c.title for c in relay.room.session.clusters] == ["Regie"]
        assert {c.cluster for c in relay.room.session.cards if c.id in cards} == {"c1"}
        await close_all(ria, anna, bram)
