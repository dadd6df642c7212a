"""The spotlight on a live board, through Pilot: it shows the card on every screen and moves
nobody's cursor; `S` jumps to it; the projector (a view-only board) follows it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from boardkit import current, session_file, until
from relaykit import CODE, FACILITATOR_CODE, eventually, running, start_relay

from tui_board.core.ops import Op, SetPhase, Spotlight
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.tui.app import BoardApp

CARDS = {"rollen": ["Eén regievoerder per gezin"], "leren": ["Casus samen nabespreken"]}


@asynccontextmanager
async def room(tmp_path: Path) -> AsyncIterator[tuple[str, RelayClient]]:
    """A real relay with two cards of the facilitator (k1 in rollen, k2 in leren) and the
    facilitator connected as a plain client."""
    live = await start_relay(session_file(tmp_path, CARDS))
    try:
        lead = RelayClient(live.url, FACILITATOR_CODE, name="Marieke")
        async with running(lead) as heard:
            yield live.url, lead
            assert not heard.refused
    finally:
        await live.stop()


async def lead_does(lead: RelayClient, op: Op) -> None:
    """The facilitator's op, once the relay acknowledged it."""
    lead.submit(op)
    await eventually(lambda: not lead.outbox, message="the relay answers")


async def test_the_spotlight_leaves_the_cursor_and_s_jumps_to_it(tmp_path: Path) -> None:
    async with room(tmp_path) as (url, lead):
        client = RelayClient(url, CODE, name="Anna", organisation="Gemeente")
        await client.probe()
        app = BoardApp(LiveBoard(client))
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.connected and app.board.session.card("k2") is not None)
            assert app.check_action("spotlight_jump", ()) is False, "no spotlight, no S"
            you = client.you
            assert you is not None
            await pilot.press("right", "n", *"Mijn eigen kaart", "enter")
            await until(pilot, lambda: any(c.author == you.id for c in app.column.cards.cards))
            mine = current(app)
            assert mine.text == "Mijn eigen kaart"
            await lead_does(lead, SetPhase(phase="prioriteren"))
            await lead_does(lead, Spotlight(card_id="k1"))
            await until(pilot, lambda: app.board.session.spotlight == "k1")
            await until(pilot, lambda: "Eén regievoerder" in str(app.spotlight_panel.render()))
            assert app.spotlight_panel.display
            assert app.active == 1 and current(app).id == mine.id, "her cursor stays"
            await pilot.press("plus")
            await until(pilot, lambda: app.board.session.dots_used(you.id) == 1)
            (vote,) = [v for v in app.board.session.votes if v.voter == you.id]
            assert vote.card == mine.id, "her dot goes to her own card"
            assert app.check_action("spotlight_jump", ()) is True
            await pilot.press("S")
            assert app.active == 0 and current(app).id == "k1", "S jumps to the spotlight"
            await lead_does(lead, Spotlight(card_id=None))
            await until(pilot, lambda: not app.board.session.spotlight)
            assert app.check_action("spotlight_jump", ()) is False
            await pilot.press("S")  # not offered: nothing happens, no traceback
            assert current(app).id == "k1"
            await client.close()


async def test_the_projector_follows_the_spotlight(tmp_path: Path) -> None:
    async with room(tmp_path) as (url, lead):
        client = RelayClient(url, CODE, view=True)
        await client.probe()
        wall = BoardApp(LiveBoard(client))
        async with wall.run_test(size=(120, 36)) as pilot:
            await until(pilot, lambda: wall.connected and wall.board.session.card("k2") is not None)
            assert wall.active == 0
            await lead_does(lead, Spotlight(card_id="k2"))
            await until(pilot, lambda: wall.active == 1)
            assert current(wall).id == "k2", "the projector shows where the card stands"
            assert wall.check_action("spotlight_jump", ()) is False, "it follows of itself"
            await lead_does(lead, Spotlight(card_id="k1"))
            await until(pilot, lambda: wall.active == 0 and current(wall).id == "k1")
            await client.close()
