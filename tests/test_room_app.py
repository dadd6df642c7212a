"""The facilitator's keys for running a session, through Pilot at 80×24 (offline board)."""

from __future__ import annotations

from pathlib import Path

from boardkit import card_of, current, displayed, local, make_app, screen_text, session_file
from textual.widgets import Input

from tui_board.files.store import load_session
from tui_board.tui.screens.dialogs import TimerAsk

CARDS = {"rollen": ["Eén regievoerder per gezin"], "leren": ["Casus samen nabespreken"]}


def bar(app: object) -> str:
    return str(app.room_bar.render())  # type: ignore[attr-defined]


async def test_brackets_walk_the_phases(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="opening"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Fase 1/7 · Opening" in bar(app)
        assert app.rules_panel.display, "the opening shows the spelregels"
        await pilot.press("right_square_bracket")
        assert app.board.session.phase == "verzamelen"
        assert "Fase 2/7 · Verzamelen" in bar(app) and "één idee per kaart" in bar(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.board.session.phase == "opening", "[ on the first phase stays there"
        for _ in range(10):
            await pilot.press("right_square_bracket")
        assert app.board.session.phase == "afsluiten"
        await pilot.press("q")
    assert load_session(local(app).path).phase == "afsluiten"


async def test_private_writing_and_reveal(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("P")
        assert app.board.session.private and "privé schrijven" in bar(app)
        await pilot.press("n", *"Nog even geheim", "enter")
        card = current(app)
        assert card.text == "Nog even geheim" and card.hidden
        assert "alleen jij ziet deze kaart" in screen_text(app.columns[0].cards)
        await pilot.press("P", "R")
        session = app.board.session
        assert not session.private
        assert not card_of(session, card.id).hidden
        assert "alleen jij" not in screen_text(app.columns[0].cards)


async def test_spotlight_and_escape(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "s")
        assert app.board.session.spotlight == "k2"
        shown = str(app.spotlight_panel.render())
        assert app.spotlight_panel.display
        assert "IN DE SCHIJNWERPER · Samen leren en verbeteren" in shown
        assert "Casus samen nabespreken" in shown
        await pilot.press("left", "s")
        assert app.board.session.spotlight == "k1", "s on another card moves the spotlight"
        await pilot.press("escape")
        assert app.board.session.spotlight == "" and not displayed(app.spotlight_panel)
        await pilot.press("s", "s")
        assert app.board.session.spotlight == "", "s again on the same card ends it"


async def test_timer_from_the_keyboard(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimerAsk)
        app.screen.query_one(Input).value = ""
        await pilot.press("5", "enter")
        timer = app.board.session.timer
        assert timer is not None and timer.duration == 300 and timer.ends is not None
        assert "⏱ 05:00" in bar(app) or "⏱ 04:59" in bar(app)
        app.room.timer_do("pause")
        await pilot.pause()
        timer = app.board.session.timer
        assert timer is not None and timer.ends is None and "gepauzeerd" in bar(app)
        app.room.timer_do("add")
        timer = app.board.session.timer
        assert timer is not None and timer.left >= 359
        app.room.timer_do("stop")
        await pilot.pause()
        assert app.board.session.timer is None and "⏱" not in bar(app)


async def test_zero_minutes_is_refused_in_the_dialog(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        app.screen.query_one(Input).value = "0"
        await pilot.press("enter")
        assert isinstance(app.screen, TimerAsk), "the dialog stays open with a hint"
        await pilot.press("escape")
        assert app.board.session.timer is None


async def test_spelregels_confirm_and_mandate(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="opening"))
    async with app.run_test(size=(80, 24)) as pilot:
        panel = str(app.rules_panel.query_one("Static").render())
        assert "1. We praten alleen over oplossingen" in panel
        assert "Druk op c om de spelregels te bevestigen" in panel
        await pilot.press("c")
        assert app.board.session.confirmed == ("begeleider",)
        panel = str(app.rules_panel.query_one("Static").render())
        assert "Je hebt de spelregels bevestigd" in panel and "1 van 1 bevestigd" in panel
        await pilot.press("m")
        me = app.board.session.participant("begeleider")
        assert me is not None and me.mandate is True
        assert "mandaat ✓" in str(app.rules_panel.query_one("Static").render())
        await pilot.press("r")
        assert not app.rules_panel.display
