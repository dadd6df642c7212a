"""Screens that fit: a resize lays out at once, folded titles, side panels and the key bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import make_app, make_projector, session_file, until
from textual.geometry import Region
from textual.pilot import Pilot
from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.core import i18n
from tui_board.tui.app import BoardApp
from tui_board.tui.layout import FOLDED_WIDTH, shown_columns
from tui_board.tui.widgets.column import fold_title
from tui_board.tui.widgets.keybar import fit_key_bar
from tui_board.tui.widgets.room import fit_spotlight

CARDS = {"rollen": ["Wie heeft de regie bij een gezin?"], "doelen": ["Geen wachtlijst"]}


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


# --- folded titles ------------------------------------------------------------------------


def test_folded_titles_break_between_words() -> None:
    assert fold_title("Samen leren en verbeteren", 12, 4) == ["Samen leren", "en", "verbeteren"]


def test_a_word_wider_than_the_column_ends_in_an_ellipsis() -> None:
    folded = fold_title("Gezamenlijke maatschappelijke doelen", 12, 4)
    assert folded == ["Gezamenlijke", "maatschappe…", "doelen"]


def test_a_title_longer_than_its_lines_ends_in_an_ellipsis() -> None:
    folded = fold_title("Rollen, verantwoordelijkheden en gelijkwaardigheid", 12, 3)
    assert folded == ["Rollen,", "verantwoord…", "en…"]
    assert all(len(line) <= 12 for line in folded)


def test_wide_characters_count_as_two_cells() -> None:
    assert fold_title("会議の目的と役割", 6, 2) == ["会議…"]


# --- which columns a narrow screen shows --------------------------------------------------


def test_every_column_shows_when_they_fit() -> None:
    assert shown_columns(4, 0, 80) == range(4)


def test_a_side_panel_leaves_the_active_column_and_its_neighbours() -> None:
    # 80 cells minus a 34-cell panel: the active column and one folded column of 14 cells.
    assert shown_columns(4, 0, 46) == range(2)
    assert shown_columns(4, 2, 46) == range(2, 4)  # the next one: where → goes
    assert shown_columns(5, 2, 60) == range(1, 4)
    assert shown_columns(4, 3, 46) == range(2, 4)
    assert shown_columns(4, 3, 20) == range(3, 4)


# --- the key bar -----------------------------------------------------------------------------


def _bar(*keys: str) -> list[str | tuple[str, str]]:
    parts: list[str | tuple[str, str]] = []
    for key in keys:
        parts += [(f" {key} ", "bold reverse"), f" {key}{key}{key} "]
    return parts


def _plain(parts: list[str | tuple[str, str]]) -> str:
    return "".join(part if isinstance(part, str) else part[0] for part in parts)


def test_a_key_bar_that_fits_is_left_whole() -> None:
    parts = _bar("n", "e", "d")
    assert fit_key_bar(parts, 80) == parts


def test_a_key_bar_that_does_not_fit_ends_in_more_at_a_whole_key() -> None:
    parts = _bar("n", "e", "d", "g", "p")  # 5 × 9 cells
    fitted = _plain(fit_key_bar(parts, 30))
    assert fitted == " n  nnn  e  eee   ?  meer"
    assert len(fitted) <= 30


def test_more_is_english_with_the_english_board() -> None:
    i18n.set_language("en")
    assert _plain(fit_key_bar(_bar("n", "e", "d", "g", "p"), 30)).endswith(" ?  more")


# --- the board at its sizes -----------------------------------------------------------------


async def test_a_resize_lays_out_at_once(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.narrow and app.columns[1].has_class("collapsed")
        await pilot.resize_terminal(160, 24)
        await until(pilot, lambda: not app.columns[1].has_class("collapsed"))
        narrow: bool = app.narrow  # read anew after the resize
        assert not narrow
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: app.columns[1].has_class("collapsed"))


async def test_the_key_bar_fits_the_screen_and_ends_in_more(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        bar = str(app.query_one("#keybar").render())
        assert bar.rstrip().endswith(" ?  meer") and len(bar.rstrip()) <= 80, bar
        assert " n  nieuw " in bar
        await pilot.resize_terminal(400, 24)
        await until(pilot, lambda: "ctrl+p" in str(app.query_one("#keybar").render()))
        assert "meer" not in str(app.query_one("#keybar").render())
        await pilot.press("question_mark")
        await until(pilot, lambda: app.screen.id == "help" or "Help" in type(app.screen).__name__)


async def test_a_side_panel_at_80x24_keeps_columns_readable(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")  # who is here: the people panel
        await until(pilot, lambda: app.query_one("#people").display)
        await pilot.pause()
        shown = [c for c in app.columns if c.display]
        assert shown[0] is app.columns[0] and len(shown) == 2
        assert shown[1].outer_size.width >= FOLDED_WIDTH
        assert app.columns[0].outer_size.width >= 30
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert [c.display for c in app.columns] == [False, False, True, True]
        assert app.columns[3].has_class("active")
        await pilot.press("p")
        await until(pilot, lambda: all(c.display for c in app.columns))


# --- a real terminal ----------------------------------------------------------------------


def test_tmux_resize_relays_without_a_key(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS)
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24), cwd=tmp_path)
    try:
        screen = terminal.wait_for("Rollen")
        assert "Samen leren en verbeteren" not in screen  # folded at 80
        assert "maatschappel\n" not in screen and "maatschappe…" in screen
        terminal.resize(160, 40)
        screen = terminal.wait_for("Samen leren en verbeteren")  # no key pressed
        assert "Gezamenlijke maatschappelijke doelen" in screen
        terminal.resize(80, 24)
        screen = terminal.wait_gone("Samen leren en verbeteren")
        assert "maatschappe…" in terminal.wait_for("maatschappe…")
    finally:
        terminal.close()


# --- the projector's spotlight -----------------------------------------------------------

LONG = (
    "We weten niet altijd wie bij een gezin de regie heeft. Spreek per casus één "
    "regievoerder af, die het gezin kent en die de andere partijen op de hoogte houdt. Leg "
    "dat vast in het plan van aanpak, zodat ook een invaller weet wie er aan zet is. "
    "Bespreek elke drie maanden of het werkt en stel bij waar nodig."
)


def test_fit_spotlight_prefers_big_letters_then_plain_then_less_padding() -> None:
    big = fit_spotlight("Eén plan", "★ Titel", "— Anna", 120, 20)
    assert big.big and big.padding == (2, 4) and big.height <= 20
    plain = fit_spotlight(LONG, "★ Titel", "— Anna", 120, 14)
    assert not plain.big and " ".join(plain.body) == LONG and plain.height <= 14
    tight = fit_spotlight(LONG, "★ Titel", "— Anna", 80, 11)
    assert tight.padding == (0, 1) and " ".join(tight.body) == LONG and tight.height <= 11


def test_fit_spotlight_cuts_at_a_line_with_an_ellipsis_when_nothing_else_fits() -> None:
    fit = fit_spotlight(LONG, "★ Titel", "— Anna", 80, 8)
    assert fit.height <= 8 and fit.body[-1].endswith("…") and fit.label == ("— Anna",)
    assert all(len(line) <= 80 - 6 for line in fit.body)


def _region(app: BoardApp, selector: str) -> Region:
    return app.query_one(selector).region


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 45)])
async def test_the_projector_spotlight_fits_every_wall(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    join = "tussenruimte join ws://192.168.1.20:8765 --code AB12-CD34"
    app = make_projector(session_file(tmp_path, {"rollen": [LONG]}), join_line=join)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await _the_spotlight_fits(pilot, app, size)


async def _the_spotlight_fits(pilot: Pilot[None], app: BoardApp, size: tuple[int, int]) -> None:
    await until(pilot, lambda: app.spotlight_panel.display and app.size == size)
    await pilot.pause()
    panel = app.spotlight_panel
    shown = str(panel.render())
    assert "— Marieke" in shown, shown
    if not panel.has_class("big"):
        assert " ".join(shown.split()).count("regievoerder") == 1, shown
    # The whole panel is on screen, above the board; the key bar keeps the last line.
    content = panel.content_region
    assert panel.region.bottom <= _region(app, "#body").y, (panel.region, size)
    assert len(shown.splitlines()) <= content.height, (shown, content)
    assert _region(app, "#keybar").y == size[1] - 1


async def test_the_projector_spotlight_follows_a_resize(tmp_path: Path) -> None:
    app = make_projector(session_file(tmp_path, {"rollen": ["Eén regievoerder per gezin"]}))
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: app.spotlight_panel.has_class("big"))
        for size in [(120, 36), (80, 24)]:
            await pilot.resize_terminal(*size)
            await _the_spotlight_fits(pilot, app, size)
        assert not app.spotlight_panel.has_class("big")
        assert "█" not in str(app.room_bar.render()), "no big clock on a small wall"


async def test_two_side_panels_at_80x24_share_the_room_the_active_column_leaves(
    tmp_path: Path,
) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "r")  # who is here, and the spelregels
        await until(pilot, lambda: app.query_one("#people").display and app.rules_panel.display)
        await pilot.pause()
        assert app.columns[0].outer_size.width >= 30
        assert app.query_one("#people").outer_size.width >= 22
        assert app.rules_panel.outer_size.width >= 22
