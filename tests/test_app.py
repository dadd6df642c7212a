"""The keyboard contract of the board, through Pilot, at 80×24 and 160×48."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import (
    SIZES,
    card_of,
    current,
    editor_open,
    make_app,
    screen_now,
    screen_text,
    session_file,
)
from textual.command import CommandPalette

from tui_board.core import i18n
from tui_board.core.ops import EditCard
from tui_board.files.store import load_session
from tui_board.tui.screens.dialogs import ConfirmDelete, HelpScreen
from tui_board.tui.widgets.editor import CardInput

CARDS = {
    "rollen": ["Eén regievoerder per gezin", "Mandaat over budget"],
    "leren": ["Casus samen nabespreken"],
}


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    size: tuple[int, int] = request.param
    return size


async def test_arrows_move_between_columns_and_cards(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        assert app.active == 0
        await pilot.press("down")
        assert current(app).text == "Mandaat over budget"
        await pilot.press("k")
        assert current(app).text == "Eén regievoerder per gezin"
        await pilot.press("right")
        assert app.active == 1
        assert current(app).text == "Casus samen nabespreken"
        await pilot.press("l", "l")
        assert app.active == 3 and app.current_card() is None
        await pilot.press("right")
        assert app.active == 0, "right on the last column wraps to the first"
        await pilot.press("h")
        assert app.active == 3


async def test_narrow_layout_collapses_other_columns(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        collapsed = [column.has_class("collapsed") for column in app.columns]
        if size[0] < 120:
            assert collapsed == [False, True, True, True]
            await pilot.press("right", "right")
            assert [c.has_class("collapsed") for c in app.columns] == [True, True, False, True]
        else:
            assert collapsed == [False, False, False, False]
        assert app.columns[app.active].cards.size.width >= 30


async def test_n_adds_a_card_and_escape_cancels(tmp_path: Path, size: tuple[int, int]) -> None:
    path = session_file(tmp_path, CARDS)
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("right", "n")
        assert app.editor.is_open
        await pilot.press(*"Samen leren")
        await pilot.press("enter")
        assert not editor_open(app)
        column = app.columns[1].cards
        assert [c.text for c in column.cards] == ["Casus samen nabespreken", "Samen leren"]
        assert current(app).text == "Samen leren", "the cursor goes to the new card"
        assert "Samen leren" in screen_text(column)
        await pilot.press("n", *"weg ermee", "escape")
        assert len(app.board.session.cards) == 4
        assert card_of(app.board.session, column.cards[-1].id).author == "begeleider"


async def test_empty_text_is_not_a_card(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "space", "enter")
        assert app.board.session.cards == ()


async def test_edit_with_e_and_enter(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        assert app.editor.is_open
        text_input = app.editor.query_one(CardInput)
        assert text_input.text == "Eén regievoerder per gezin"
        await pilot.press("end", *" en gezinsplan", "enter")
        assert current(app).text == "Eén regievoerder per gezin en gezinsplan"
        await pilot.press("down", "enter")
        assert app.editor.is_open
        await pilot.press("escape")
        assert current(app).text == "Mandaat over budget"


async def test_d_deletes_after_confirmation(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDelete)
        await pilot.press("n")
        assert len(app.board.session.cards) == 3
        await pilot.press("d", "j")
        assert [c.text for c in app.columns[0].cards.cards] == ["Mandaat over budget"]
        assert app.board.session.card("k1") is None
        assert app.columns[0].cards.cursor == 0


async def test_shift_arrows_move_and_reorder(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        await pilot.press("shift+down")
        assert [c.text for c in app.columns[0].cards.cards] == [
            "Mandaat over budget",
            "Eén regievoerder per gezin",
        ]
        assert current(app).text == "Eén regievoerder per gezin", "focus follows the card"
        await pilot.press("shift+up")
        assert app.columns[0].cards.cards[0].text == "Eén regievoerder per gezin"
        await pilot.press("shift+right")
        assert app.active == 1
        assert [c.text for c in app.columns[1].cards.cards] == [
            "Casus samen nabespreken",
            "Eén regievoerder per gezin",
        ]
        assert card_of(app.board.session, "k1").theme == "leren"
        await pilot.press("shift+left", "shift+left")
        assert card_of(app.board.session, "k1").theme == "rollen"
        assert app.active == 0, "shift+left on the first column does nothing"


async def test_ctrl_s_saves_and_q_quits_saving(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Opgeslagen kaart", "enter")
        assert "Opgeslagen kaart" not in path.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        assert "Opgeslagen kaart" in path.read_text(encoding="utf-8")
        await pilot.press("n", *"Bij het stoppen", "enter", "q")
    assert app.return_code == 0
    texts = [c.text for c in load_session(path).cards]
    assert "Bij het stoppen" in texts and "Opgeslagen kaart" in texts


async def test_an_autosave_that_comes_while_the_board_closes_does_no_harm(
    tmp_path: Path,
) -> None:
    """`q` right after a change: the quit saves and stops the pending autosave; an
    autosave that still comes once the board's widgets are gone saves nothing more and
    raises nothing (it used to end the program with a NoMatches traceback)."""
    path = session_file(tmp_path, CARDS)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Net voor het stoppen", "enter")
        timer = app.saving._autosave
        assert timer is not None
        await pilot.press("q")
    assert app.return_code == 0
    saved = path.read_bytes()
    assert "Net voor het stoppen" in saved.decode("utf-8")
    assert app.saving.save_now() is True  # what the timer would call: nothing to show, no error
    assert path.read_bytes() == saved


async def test_opening_and_quitting_leaves_the_file_alone(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "right", "q")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


async def test_autosave_after_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui_board.tui.actions.saving.AUTOSAVE_SECONDS", 0.05)
    path = session_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Vanzelf bewaard", "enter")
        for _ in range(100):
            if "Vanzelf bewaard" in path.read_text(encoding="utf-8"):
                break
            await pilot.pause(0.02)
        assert "Vanzelf bewaard" in path.read_text(encoding="utf-8")
        assert not app.board.dirty


async def test_help_and_command_palette(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(screen_now(app), HelpScreen)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Vertrouwen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.active == 2, "the palette's 'go to theme' moves the keyboard there"


async def test_palette_runs_board_actions(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+p", *"Nieuwe kaart")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.is_open


async def test_untrusted_text_stays_plain(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("n", *"[bold]vet[/bold] [@click=app.quit]klik[/]", "enter")
        card = current(app)
        assert card.text == "[bold]vet[/bold] [@click=app.quit]klik[/]"
        shown = screen_text(app.columns[0].cards)
        assert "[bold]vet[/bold]" in shown and "[@click=app.quit]klik[/]" in shown
        # Control characters pasted in never reach the file or the screen.
        app.submit(EditCard(card_id=card.id, text="a\x1b[31mb\x9bc\x07d"))
        await pilot.pause()
        assert "\x1b" not in screen_text(app.columns[0].cards)
        assert current(app).text == "a [31mb c d"


async def test_mouse_click_moves_the_cursor(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(160, 48)) as pilot:
        cards = app.columns[1].cards
        await pilot.pause()
        await pilot.click(cards, offset=(3, 0))
        assert app.active == 1
        assert current(app).text == "Casus samen nabespreken"


async def test_english_board(tmp_path: Path) -> None:
    i18n.set_language("en")
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        footer_keys = {b.description for b in app._bindings.shown_keys}
        assert {"new", "edit", "delete", "save", "help", "quit"} <= footer_keys
        bar = str(app.query_one("#keybar").render())
        assert " n  new " in bar
        assert " ctrl+p  all actions" in bar or bar.rstrip().endswith(" ?  more"), bar
        assert "No cards yet" in screen_text(app.columns[0].cards)
        await pilot.press("n")
        assert "New card in" in str(app.editor.query_one(".dialog-title").render())
