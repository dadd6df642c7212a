"""The board as a client of a real relay on 127.0.0.1, driven through Pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import current, live, screen_text, session_file, until
from textual.widgets import Static

from tui_board.core import i18n
from tui_board.core.ops import AddCard
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.live.relay import Relay, Room
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.dialogs import EndedScreen

CODE = "TEST-CODE"
FACILITATOR = "LEID-CODE"


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


async def start_relay(path: Path, port: int = 0) -> Relay:
    relay = Relay([Room(path, CODE, FACILITATOR)])
    await relay.start("127.0.0.1", port)
    return relay


async def joined(url: str, code: str, name: str, org: str = "") -> RelayClient:
    client = RelayClient(url, code, name=name, organisation=org)
    await client.probe()
    return client


async def test_the_status_line_names_how_people_reach_the_room(tmp_path: Path) -> None:
    relay = await start_relay(session_file(tmp_path))
    url = f"ws://127.0.0.1:{relay.port}"
    client = await joined(url, CODE, "Anna", "Gemeente")
    try:
        assert LiveBoard(client).label == url  # `join URL`: the address it joined
        line = f"tussenruimte join ws://192.168.1.20:{relay.port} --code {CODE}"
        # The facilitator's board (`host`): the address participants type, not loopback.
        assert LiveBoard(client, line).label == f"ws://192.168.1.20:{relay.port}"
        assert LiveBoard(client, via="ssh").label == "via ssh"
        assert LiveBoard(client, line, via="web").label == "in de browser"
    finally:
        await client.close()
        await relay.stop()


async def test_cards_flow_between_a_board_and_another_client(tmp_path: Path) -> None:
    relay = await start_relay(session_file(tmp_path, {"rollen": ["Eerste kaart"]}))
    url = f"ws://127.0.0.1:{relay.port}"
    anna = await joined(url, CODE, "Anna", "Gemeente")
    other = await joined(url, CODE, "Bob", "Wijkteam")
    other_task = asyncio.create_task(other.run(_Quiet()))
    app = BoardApp(LiveBoard(anna))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.connected and len(app.online) == 2)
            assert "2 online" in str(app.query_one("#status").render())
            await pilot.press("right", "n", *"Samen leren", "enter")
            await until(
                pilot, lambda: any(c.text == "Samen leren" for c in app.columns[1].cards.cards)
            )
            assert current(app).text == "Samen leren", "the cursor follows the new card"
            card = current(app)
            assert anna.you is not None and card.author == anna.you.id
            await until(
                pilot, lambda: other.session is not None and other.session.card(card.id) is not None
            )
            other.submit(AddCard(card_id="kbob", theme="leren", text="Van Bob"))
            await until(pilot, lambda: "Van Bob" in screen_text(app.columns[1].cards))
            # Anna may not change Bob's card: the relay refuses and nothing changes.
            await pilot.press("down", "d", "j")
            await until(pilot, lambda: len(app.screen_stack) == 1)
            await pilot.pause(0.2)
            assert app.board.session.card("kbob") is not None
            assert relay.rooms[0].session.card("kbob") is not None
    finally:
        await other.close()
        other_task.cancel()
        await relay.stop()


async def test_the_board_shows_a_lost_connection_and_heals(tmp_path: Path) -> None:
    path = session_file(tmp_path)
    relay = await start_relay(path)
    port = relay.port
    url = f"ws://127.0.0.1:{port}"
    app = BoardApp(LiveBoard(await joined(url, CODE, "Anna")))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: live(app).client.connected)
        await relay.stop(final=False)  # a restart (SIGHUP), or a drop: the board waits
        await until(pilot, lambda: not app.connected)
        status = str(app.query_one("#status").render())
        assert "verbinding verbroken — opnieuw verbinden…" in status
        # Typed while offline: kept in the outbox and sent once the relay is back.
        await pilot.press("n", *"Offline getypt", "enter")
        relay = await start_relay(path, port)
        try:
            await until(pilot, lambda: app.connected, timeout=10)
            await until(
                pilot, lambda: any(c.text == "Offline getypt" for c in app.board.session.cards)
            )
            texts = [c.text for c in relay.rooms[0].session.cards]
            assert texts.count("Offline getypt") == 1
            assert "verbroken" not in str(app.query_one("#status").render())
        finally:
            await live(app).client.close()
            await relay.stop()


async def test_the_end_of_the_session_is_said_and_a_key_closes_the_board(
    tmp_path: Path,
) -> None:
    relay = await start_relay(session_file(tmp_path))
    url = f"ws://127.0.0.1:{relay.port}"
    app = BoardApp(LiveBoard(await joined(url, CODE, "Anna")))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: live(app).client.connected)
        await relay.stop()  # the host quit: final
        await until(pilot, lambda: isinstance(app.screen, EndedScreen))
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "De sessie is gestopt" in shown and "Druk op een toets" in shown
        assert "De sessie is gestopt" in str(app.query_one("#status").render())
        assert "opnieuw verbinden" not in str(app.query_one("#status").render())
        await pilot.press("x")
        await until(pilot, lambda: app.return_code == 0)


async def test_people_panel_lists_who_is_here(tmp_path: Path) -> None:
    relay = await start_relay(session_file(tmp_path))
    url = f"ws://127.0.0.1:{relay.port}"
    bob = await joined(url, CODE, "Bob", "Wijkteam")
    bob_task = asyncio.create_task(bob.run(_Quiet()))
    fake = await joined(url, CODE, "Marieke", "Wijkteam")  # takes the facilitator's name
    fake_task = asyncio.create_task(fake.run(_Quiet()))
    app = BoardApp(LiveBoard(await joined(url, FACILITATOR, "")))
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await until(pilot, lambda: len(app.online) == 3)
            await pilot.press("p")
            panel = app.query_one("#people")
            assert panel.display
            shown = str(panel.query_one("Static").render())
            assert "Wijkteam" in shown and "● Bob (online)" in shown
            assert "● Marieke · procesbegeleider (online)" in shown, "the real one, with role"
            assert "● Marieke (online)" in shown, "the other Marieke: no role beside her name"
            await fake.close()
            await bob.close()
            await until(pilot, lambda: len(app.online) == 1)
            assert "○ Bob (weg)" in str(panel.query_one("Static").render())
            await pilot.press("p")
            assert not panel.display
    finally:
        bob_task.cancel()
        fake_task.cancel()
        await live(app).client.close()
        await relay.stop()


class _Quiet:
    def on_session(self, session: object, you: object) -> None:
        pass

    def on_changes(self, changes: object) -> None:
        pass

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        pass

    def on_presence(self, online: tuple[str, ...]) -> None:
        pass

    def on_connection(self, connected: bool) -> None:
        pass
