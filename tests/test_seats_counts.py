"""Every count counts people at the table: never connections, observers or seats that were
merged away. Each place that counts, on a session that had a merged seat and an observer."""

from __future__ import annotations

import asyncio
from pathlib import Path

from boardkit import until
from factories import FACILITATOR, PEOPLE, make_session, run_ops
from relaykit import CODE, FACILITATOR_CODE, Recorder, running_relay
from textual.widgets import OptionList, Static

from tui_board.afterwards.archive import commit_subject
from tui_board.afterwards.history import digest
from tui_board.afterwards.report import render
from tui_board.core.model import Participant, Role, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    AnswerOp,
    Confirm,
    DraftAgreement,
    MergeParticipants,
    SetRole,
    StartRound,
)
from tui_board.files.store import load_session, save_session
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.live.localboard import LocalBoard
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.seats import ConfirmSeats, SeatPicker
from tui_board.tui.widgets.people import PeoplePanel, at_table_line

TWIN = Participant(id="anna2", name="Anna", organisation="Zorgaanbieder")
OLGA_AT_FIRST = PEOPLE[4].model_copy(update={"role": Role.PARTICIPANT})


def merged_session() -> Session:
    """Ria, Cor, Anna, Bram at the table; Anna had a second seat that wrote, confirmed and
    answered, merged into hers; Olga confirmed, then became an observer."""
    people = (*PEOPLE[:4], OLGA_AT_FIRST, TWIN)
    session = make_session(participants=people)
    session = run_ops(
        session,
        FACILITATOR,
        DraftAgreement(agreement_id="t1", what="Eén regievoerder", why="Minder schakels"),
        StartRound(agreement_id="t1"),
    )
    session = run_ops(session, Actor("olga", Role.PARTICIPANT), Confirm())
    session = run_ops(
        session,
        Actor("anna2", Role.PARTICIPANT),
        AddCard(card_id="x1", theme="doelen", text="Van de tweede plek"),
        Confirm(),
        AnswerOp(agreement_id="t1", kind="werkbaar"),
    )
    before = len(session.participants)
    session = run_ops(
        session,
        FACILITATOR,
        SetRole(participant="olga", role=Role.OBSERVER),
        MergeParticipants(keep="anna", merge="anna2"),
    )
    assert len(session.participants) == before - 1
    assert set(session.confirmed) == {"anna", "olga"}, "the observer's confirmation is kept"
    return session


def test_the_report_counts_people_at_the_table() -> None:
    text = render(merged_session(), "md")
    assert "Aan tafel: 4 · organisaties: 4 · mandaat: 0 ✓, 0 ✗, 4 ?" in text
    assert "Bevestigd door 1 van de 4 aan tafel." in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    voice = rows[: rows.index("| Zorgaanbieder | 1 | 3 (50%) | 1 |") + 1]
    assert voice == [
        "| Organisatie | Aan tafel | Kaarten | Reacties |",
        "| Gemeente | 1 | 1 (17%) | 0 |",
        "| School | 1 | 2 (33%) | 0 |",
        "| Wijkteam | 1 | 0 (0%) | 0 |",
        "| Zorgaanbieder | 1 | 3 (50%) | 1 |",
    ]


def test_the_archive_message_counts_people_at_the_table() -> None:
    subject = commit_subject(merged_session())
    assert subject.endswith("— 6 kaarten, 1 afspraak, 4 deelnemers uit 4 organisaties"), subject


def test_history_counts_people_at_the_table() -> None:
    entry = digest("sessie.toml", merged_session())
    assert entry.people == 4
    seats = {voice.organisation: voice.people for voice in entry.voice}
    assert seats == {"Gemeente": 1, "School": 1, "Wijkteam": 1, "Zorgaanbieder": 1}


def test_the_people_line_counts_people_not_observers_nor_connections() -> None:
    people = list(merged_session().participants)
    assert at_table_line(people, None) == "Aan tafel: 4 deelnemers"
    online = {"anna", "anna2", "olga", "ria"}  # a merged seat and an observer still connected
    assert at_table_line(people, online) == "Aan tafel: 4 deelnemers · 2 online"
    assert at_table_line(people[:1], set()) == "Aan tafel: 1 deelnemer · 0 online"


async def test_the_board_panels_count_people_at_the_table(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    save_session(merged_session(), path)
    app = BoardApp(LocalBoard(load_session(path), path, "Ria"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("r", "A", "p")
        await pilot.pause()
        rules = str(app.rules_panel._body.render())
        assert "1 van 4 bevestigd" in rules
        agreements = str(app.agreements_panel._body.render())
        assert "Zorgaanbieder: 1 van 1 gereageerd" in agreements
        assert "Woningcorporatie" not in agreements, "an observer is asked nothing"
        assert "Aan tafel: 4 deelnemers" in str(app.query_one(PeoplePanel)._body.render())


async def test_a_live_board_counts_people_online_not_connections(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        ria = RelayClient(live.url, FACILITATOR_CODE, name="Ria")
        await ria.probe()
        first = RelayClient(live.url, CODE, name="Ingrid Ünal", organisation="Gemeente")
        again = RelayClient(live.url, CODE, name="Ingrid", organisation="Gemeente")
        screen = RelayClient(live.url, CODE, view=True)
        tasks = [asyncio.create_task(c.run(Recorder())) for c in (first, again, screen)]
        app = BoardApp(LiveBoard(ria))
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                status = app.query_one("#status", Static)
                await until(pilot, lambda: app.connected and len(app.online) == 3)
                assert "3 online" in str(status.render())
                await pilot.press("p")
                people = app.query_one(PeoplePanel)
                assert "Aan tafel: 6 deelnemers · 3 online" in str(people._body.render())
                assert first.you is not None and again.you is not None
                await pilot.press("M")
                await until(pilot, lambda: isinstance(app.screen, SeatPicker))
                for seat in (again.you.id, first.you.id):
                    assert isinstance(app.screen, SeatPicker)
                    options = app.screen.query_one(OptionList)
                    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
                    await pilot.press("home", *["down"] * ids.index(seat), "enter")
                    await pilot.pause()
                assert isinstance(app.screen, ConfirmSeats)
                assert "Ingrid (Gemeente, online, leeg) samenvoegen met Ingrid Ünal" in (
                    app.screen.sentence
                )
                gone = again.you.id  # before the merge: after it, this board is the kept person
                await pilot.press("j")
                await until(pilot, lambda: app.board.session.participant(gone) is None)
                await until(pilot, lambda: "2 online" in str(status.render()))
                assert "Aan tafel: 5 deelnemers · 2 online" in str(people._body.render())
        finally:
            for client in (first, again, screen):
                await client.close()
            await asyncio.wait_for(asyncio.gather(*tasks), 10)
            await ria.close()
