"""The lobby on the facilitator's board: the status line counts who waits, the people panel
shows who, from where and how long, B lets someone in and W does not — on a real relay."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from boardkit import until
from factories import make_session
from relaykit import CODE, FACILITATOR_CODE, session_file
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui_board.live.client import JoinFailed, RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.live.protocol import Welcome
from tui_board.live.relay import Relay, Room
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.seats import ConfirmSeats, SeatPicker
from tui_board.tui.widgets.people import PeoplePanel


async def pick(pilot: Pilot[None], app: BoardApp, lobby_id: str) -> None:
    """Choose `lobby_id` in the open picker."""
    assert isinstance(app.screen, SeatPicker)
    options = app.screen.query_one(OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    await pilot.press("home", *["down"] * ids.index(lobby_id), "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
async def test_the_facilitator_sees_who_waits_and_lets_one_in_and_not_the_other(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    room = Room(session_file(tmp_path, make_session()), CODE, FACILITATOR_CODE, lobby=True)
    relay = Relay([room])
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"
    ria = RelayClient(url, FACILITATOR_CODE, name="Ria")
    noor = RelayClient(url, CODE, name="Noor", organisation="GGD")
    sanne = RelayClient(url, CODE, name="Sanne", organisation="Woonstichting")
    probes: list[asyncio.Task[Welcome]] = []
    try:
        await ria.probe()
        app = BoardApp(LiveBoard(ria))
        async with app.run_test(size=size) as pilot:
            status = app.query_one("#status", Static)
            await until(pilot, lambda: app.connected)
            seated = len(app.board.session.participants)
            assert not app.check_action("admit", ()), "the keys come with the panel"
            probes = [asyncio.create_task(c.probe()) for c in (noor, sanne)]
            await until(pilot, lambda: "2 wachten" in str(status.render()))
            await pilot.press("p")
            assert app.check_action("admit", ()) and app.check_action("refuse", ())
            panel = str(app.query_one(PeoplePanel)._body.render())
            assert "Wachten om binnen te komen: 2 wachten" in panel
            assert "Noor (GGD) · vanaf 127.0.0.1 · wacht 00:0" in panel
            assert "Sanne (Woonstichting)" in panel
            assert "B: binnenlaten" in panel
            assert len(app.board.session.participants) == seated, "waiting is not at the table"
            noor_id = next(w.lobby_id for w in app.lobby if w.name == "Noor")
            sanne_id = next(w.lobby_id for w in app.lobby if w.name == "Sanne")

            await pilot.press("B")
            await until(pilot, lambda: isinstance(app.screen, SeatPicker))
            await pick(pilot, app, noor_id)
            welcome = await asyncio.wait_for(probes[0], 5)
            assert welcome.you.name == "Noor"
            await until(pilot, lambda: "1 wacht ·" in str(status.render()))
            await until(pilot, lambda: app.board.session.participant(welcome.you.id) is not None)

            await pilot.press("W")
            await until(pilot, lambda: isinstance(app.screen, SeatPicker))
            await pick(pilot, app, sanne_id)
            assert isinstance(app.screen, ConfirmSeats)
            assert "Sanne niet binnenlaten?" in app.screen.sentence
            await pilot.press("j")
            with pytest.raises(JoinFailed) as failed:
                await asyncio.wait_for(probes[1], 5)
            assert failed.value.key == "relay.not_admitted"
            await until(pilot, lambda: "wacht" not in str(status.render()))
            panel = str(app.query_one(PeoplePanel)._body.render())
            assert "Wachten om binnen te komen: 0 wachten" in panel and "Sanne" not in panel
            await pilot.press("B")
            await pilot.pause()
            assert not isinstance(app.screen, SeatPicker), "nobody waits: nothing to pick"
    finally:
        for task in probes:
            task.cancel()
        await ria.close()
        await relay.stop()


async def test_a_participant_board_has_no_lobby_keys(tmp_path: Path) -> None:
    room = Room(session_file(tmp_path, make_session()), CODE, FACILITATOR_CODE, lobby=True)
    relay = Relay([room])
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"
    ria = RelayClient(url, FACILITATOR_CODE, name="Ria")
    noor = RelayClient(url, CODE, name="Noor")
    try:
        await ria.probe()
        app = BoardApp(LiveBoard(ria))
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.connected)
            probe = asyncio.create_task(noor.probe())
            await until(pilot, lambda: len(app.lobby) == 1)
            await pilot.press("p", "B")
            await until(pilot, lambda: isinstance(app.screen, SeatPicker))
            await pilot.press("enter")
            await asyncio.wait_for(probe, 5)
        noor_app = BoardApp(LiveBoard(noor))
        async with noor_app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: noor_app.connected)
            await pilot.press("p")
            assert not noor_app.check_action("admit", ())
            assert not noor_app.check_action("refuse", ())
            assert "Wachten" not in str(noor_app.query_one(PeoplePanel)._body.render())
    finally:
        await noor.close()
        await ria.close()
        await relay.stop()
