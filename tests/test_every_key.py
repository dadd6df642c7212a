"""Every key of the keyboard table, pressed on a board at 80×24: it is bound, it does what
its action says without an error, and a dialog it opens closes again with Escape."""

from __future__ import annotations

from pathlib import Path

import pytest
from boardkit import editor_open, make_app, session_file

from tui_board.tui.keys import KEYS, Key

CARDS = {"rollen": ["Wie heeft de regie", "Taken dubbel"], "leren": ["Samen evalueren"]}


def _first_key(keys: str) -> str:
    return keys.split(",")[0]


@pytest.mark.parametrize("key", [k for k in KEYS if k.id not in ("quit",)], ids=lambda k: k.id)
async def test_every_key_works_at_80x24(tmp_path: Path, key: Key) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="ordenen"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "space")  # marks, so g has something to group
        before = len(app.screen_stack)
        await pilot.press(_first_key(key.keys))
        await pilot.pause()
        # Whatever the key opened (a dialog, the editor, the palette), Escape closes it.
        for _ in range(3):
            if len(app.screen_stack) == before and not app.editor.is_open:
                break
            await pilot.press("escape")
            await pilot.pause()
        assert len(app.screen_stack) == before and not app.editor.is_open, key.id
        assert app.is_running, key.id
        await pilot.press("q")
    assert app.return_code == 0, key.id


async def test_arrows_always_move_the_card_cursor(tmp_path: Path) -> None:
    # Side panels never take the focus (they would swallow ↑/↓ to scroll), and the hidden
    # card editor never keeps it (it would swallow letters such as n).
    app = make_app(session_file(tmp_path, CARDS, phase="opening"))
    async with app.run_test(size=(150, 44)) as pilot:
        assert app.rules_panel.display, "the opening shows the spelregels"
        assert app.focused is None
        await pilot.press("down")
        assert app.column.cards.cursor == 1
        for panel in ("A", "O", "r"):
            await pilot.press(panel, "up")
            await pilot.pause()
            assert app.column.cards.cursor == 0, panel
            await pilot.press("down")
            assert app.column.cards.cursor == 1, panel
        await pilot.press("right_square_bracket", "n")
        assert app.editor.is_open
        await pilot.press(*"Nog een", "enter")
        await pilot.pause()
        assert app.focused is None and not editor_open(app)
        await pilot.press("n")
        assert app.editor.is_open, "n opens the editor again: no input kept the focus"
