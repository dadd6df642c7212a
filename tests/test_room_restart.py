"""After a crash mid-session the room comes back as it was: phase, hidden cards, timer."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from relaykit import CODE, FACILITATOR_CODE, eventually, session_file

from tui_board.core.ops import AddCard, SetPhase, SetPrivate, TimerOp
from tui_board.files.templates import find_template, new_session
from tui_board.live.client import RelayClient
from tui_board.live.relay import Relay, Room


async def test_phase_hidden_cards_and_timer_survive_a_crash(tmp_path: Path) -> None:
    session = new_session(
        find_template("rivierenland"), date=dt.date(2026, 11, 26), facilitator="Marieke"
    )
    path = session_file(tmp_path, session)
    relay = Relay([Room(path, CODE, FACILITATOR_CODE)])
    await relay.start("127.0.0.1", 0)
    url = f"ws://127.0.0.1:{relay.port}"
    lead = RelayClient(url, FACILITATOR_CODE)
    anna = RelayClient(url, CODE, name="Anna", organisation="Gemeente")
    await lead.probe()
    await anna.probe()
    room = relay.rooms[0]
    lead.submit(SetPhase(phase="verzamelen"))
    lead.submit(SetPrivate(on=True))
    lead.submit(TimerOp(action="start", seconds=300))
    tasks = [asyncio.create_task(c.run(_Quiet())) for c in (lead, anna)]
    await eventually(lambda: room.session.timer is not None and room.session.private)
    anna.submit(AddCard(card_id="kgeheim", theme="rollen", text="Nog geheim"))
    await eventually(lambda: room.session.card("kgeheim") is not None)
    assert room.session.timer is not None
    ends = room.session.timer.ends
    for client in (lead, anna):
        await client.close()
    for task in tasks:
        task.cancel()
    # The crash: no clean stop, no checkpoint. A new room recovers from file + journal.
    assert relay._server is not None
    relay._server.close()  # drop the listener, save nothing
    again = Room(path, CODE, FACILITATOR_CODE)
    assert again.session.phase == "verzamelen"
    assert again.session.private
    assert again.session.timer is not None and again.session.timer.ends == ends
    card = again.session.card("kgeheim")
    assert card is not None and card.hidden and card.text == "Nog geheim"
    relay2 = Relay([again])
    await relay2.start("127.0.0.1", 0)
    try:
        bram = RelayClient(f"ws://127.0.0.1:{relay2.port}", CODE, name="Bram")
        welcome = await bram.probe()
        assert welcome.snapshot is not None
        assert welcome.snapshot.card("kgeheim") is None, "still hidden after the restart"
        assert welcome.waiting.by_theme == {"rollen": 1}
        assert welcome.snapshot.timer is not None and welcome.snapshot.timer.ends == ends
        anna_again = RelayClient(f"ws://127.0.0.1:{relay2.port}", CODE)
        anna_again.token = anna.token
        mine = await anna_again.probe()
        assert mine.snapshot is not None and mine.snapshot.card("kgeheim") is not None
    finally:
        await relay2.stop()


class _Quiet:
    def on_session(self, session: object, you: object) -> None:
        pass

    def on_changes(self, changes: object) -> None:
        pass

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        raise AssertionError(f"refused: {key} {values}")

    def on_presence(self, online: tuple[str, ...]) -> None:
        pass

    def on_connection(self, connected: bool) -> None:
        pass
