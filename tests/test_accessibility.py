"""A board everyone can read: nothing told by colour alone, no colour, high contrast, the wall.

- NO_COLOR (and a terminal without colours, TERM=vt100) gives a board without any colour:
  every segment Textual sends has the terminal's own colours; the cursor, the bars and an
  offline status are in reverse video instead.
- `--contrast` / TUSSENRUIMTE_CONTRAST=1 (and the Linux console, TERM=linux) gives the
  high-contrast theme.
- Every state the board colours also has a symbol or a word on screen.
- The projector view draws the card in the spotlight and the timer in big letters when the
  screen has room for them.
- In real terminals (tmux): TERM=linux with NO_COLOR=1 and TERM=vt100 show the board and
  its symbols without a single colour code; TERM=linux alone sends 16-colour codes only.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from boardkit import make_app, screen_text, session_file
from relaykit import CODE, start_relay
from rich.color import Color as RichColor
from rich.segment import Segment
from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static
from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.tui import themes
from tui_board.tui.app import BoardApp
from tui_board.tui.widgets.bigtext import big_lines
from tui_board.tui.widgets.people import PeoplePanel
from tui_board.tui.widgets.room import RoomBar, SpotlightPanel

CARDS = {
    "rollen": ["Eén regievoerder per gezin", "Mandaat over budget"],
    "leren": ["Casus samen nabespreken"],
}
LOOK = ("NO_COLOR", "TERM", "TUSSENRUIMTE_CONTRAST", "COLORTERM")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sets the look it wants; the tester's own terminal does not leak in."""
    for name in LOOK:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def _segments(app: BoardApp) -> list[tuple[Widget, Segment]]:
    """Every segment every visible widget sends, after Textual's filters (what a terminal gets)."""
    found: list[tuple[Widget, Segment]] = []
    for widget in app.screen.walk_children(Widget):
        if not widget.display or widget.region.area == 0:
            continue
        width, height = widget.region.size
        for strip in widget.render_lines(Region(0, 0, width, height)):
            found.extend((widget, segment) for segment in strip)
    return found


def _coloured(color: RichColor | None) -> bool:
    return color is not None and not color.is_default


def _text(widget: Static) -> str:
    return str(widget.render())


async def _until(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "condition not reached in time"
        await pilot.pause(0.02)


# --- monochrome ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variable", [("NO_COLOR", "1"), ("TERM", "vt100")], ids=["NO_COLOR", "vt100"]
)
async def test_no_colour_means_not_one_coloured_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: tuple[str, str]
) -> None:
    monkeypatch.setenv(*variable)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("down", "p")  # the cursor on a card, the people panel open
        await pilot.pause()
        assert app.no_color and app.has_class(themes.MONO_CLASS)
        segments = _segments(app)
        assert len(segments) > 100
        coloured = [
            (type(w).__name__, s.text) for w, s in segments
            if s.style is not None and (_coloured(s.style.color) or _coloured(s.style.bgcolor))
        ]  # fmt: skip
        assert coloured == []
        # What colour showed, reverse video shows: the cursor card and the keys.
        cursor = [s for w, s in segments if s.style is not None and s.style.reverse]
        assert any("Mandaat over budget" in s.text for s in cursor)
        assert any(s.text.strip() == "n" for s in cursor), "the key bar's keys"
    if variable[0] == "TERM":
        assert "NO_COLOR" not in os.environ, "a terminal without colours leaves nothing behind"


async def test_offline_is_said_and_reversed_without_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    live = await start_relay(session_file(tmp_path))
    client = RelayClient(f"ws://127.0.0.1:{live.relay.port}", CODE, name="Anna")
    await client.probe()
    app = BoardApp(LiveBoard(client))
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.connected)
        await live.stop()
        await _until(pilot, lambda: not app.connected)
        status = app.query_one("#status", Static)
        assert _text(status).startswith("⚠ verbinding verbroken")
        strips = status.render_lines(Region(0, 0, *status.region.size))
        [said] = [seg for seg in strips[0] if "verbroken" in seg.text]
        assert said.style is not None and said.style.reverse and said.style.bold
        await client.close()


# --- high contrast -------------------------------------------------------------------------


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def _contrast(one: Color, two: Color) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "environment",
    [{"TUSSENRUIMTE_CONTRAST": "1"}, {"TERM": "linux"}],
    ids=["TUSSENRUIMTE_CONTRAST", "TERM=linux"],
)
async def test_high_contrast_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        assert app.theme == themes.HIGH_CONTRAST and app.has_class(themes.CONTRAST_CLASS)
        cards = app.columns[0].cards
        pairs = {
            name: cards.get_component_rich_style(name)
            for name in ("cardlist--text", "cardlist--meta", "cardlist--cursor", "cardlist--bar")
        }
        background = Color.parse("#000000")
        for name, style in pairs.items():
            assert style.color is not None, name
            fore = Color.from_rich_color(style.color)
            back = Color.from_rich_color(style.bgcolor) if style.bgcolor else background
            assert _contrast(fore, back) >= 7, (name, fore.hex, back.hex)
        cursor = pairs["cardlist--cursor"]
        assert cursor.bgcolor is not None
        yellow = Color.from_rich_color(cursor.bgcolor)
        assert (yellow.r, yellow.g, yellow.b) >= (250, 250, 0) and yellow.b < 10, yellow.hex


async def test_contrast_can_be_turned_off_on_the_linux_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.setenv("TUSSENRUIMTE_CONTRAST", "0")
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(80, 24)):
        assert app.theme != themes.HIGH_CONTRAST
        assert not app.has_class(themes.CONTRAST_CLASS) and not app.has_class(themes.MONO_CLASS)


def test_contrast_option_sets_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_board.cli import main as cli

    monkeypatch.setattr(cli, "_open", lambda args: 0)
    # The option sets the variable for this process: monkeypatch takes it back afterwards,
    # so no later test runs in high contrast.
    monkeypatch.setenv("TUSSENRUIMTE_CONTRAST", "")  # recorded: restored (unset) at the end
    monkeypatch.delenv("TUSSENRUIMTE_CONTRAST")
    assert cli.main(["open", "sessie.toml", "--contrast"]) == 0
    assert themes.high_contrast()


def test_which_terminals_have_no_colour() -> None:
    for term in ("vt100", "vt220", "vt102", "dumb", "xterm-mono"):
        assert themes.monochrome({"TERM": term}), term
    for term in ("linux", "xterm", "xterm-256color", "screen", "tmux-256color", ""):
        assert not themes.monochrome({"TERM": term}), term
    assert themes.monochrome({"TERM": "xterm-256color", "NO_COLOR": ""})


# --- nothing by colour alone ---------------------------------------------------------------


async def test_every_coloured_state_has_a_symbol_or_a_word(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(160, 48)) as pilot:
        cards = app.columns[0].cards
        # The cursor: ▶ on its first line, ┃ below; the active column: ▶ before its title.
        assert screen_text(cards).splitlines()[0].startswith("▶ Eén regievoerder")
        assert "┃ — Marieke" in screen_text(cards)
        assert _text(app.columns[0]._header).startswith("▶ Rollen")
        # Marked for a cluster: ✓, also under the cursor (▶✓); the status counts them.
        await pilot.press("space")
        assert screen_text(cards).splitlines()[0].startswith("▶✓ Eén regievoerder")
        await pilot.press("down")
        assert "✓ Eén regievoerder" in screen_text(cards)
        assert "gemarkeerd" in _text(app.query_one("#status", Static))
        # A cluster: ◆ and its title above its cards.
        await pilot.press("space", "g")
        await pilot.pause()
        await pilot.press("enter")
        await _until(pilot, lambda: bool(app.board.session.clusters))
        assert "◆ " in screen_text(cards)
        # The spotlight: ★ and the words, on every board.
        await pilot.press("right", "s")
        await _until(pilot, lambda: app.spotlight_panel.display)
        assert _text(app.spotlight_panel).startswith("★ IN DE SCHIJNWERPER")
        # Private writing: 🔒 and words in the phase bar, and on a hidden card.
        await pilot.press("escape", "P", "n", *"Geheim idee", "enter")
        await _until(pilot, lambda: "Geheim idee" in screen_text(app.columns[1].cards))
        assert "privé schrijven" in _text(app.room_bar)
        assert "🔒 alleen jij ziet deze kaart" in screen_text(app.columns[1].cards)
        # The timer at zero: ⏰ and the words (the clock moved on to zero).
        await pilot.press("t", "1", "enter")
        await _until(pilot, lambda: app.board.session.timer is not None)
        app.room_bar.show(app.board.session, app.waiting, 0, True)
        assert "⏰ de tijd is om" in _text(app.room_bar)
        # Votes: ● and the words, on the card and in the phase bar.
        await pilot.press("left", "up")
        while app.board.session.phase != "prioriteren":
            await pilot.press("right_square_bracket")
        await pilot.press("plus")
        await _until(pilot, lambda: "jouw stippen" in screen_text(cards))
        assert "● jouw stippen: 1" in " ".join(screen_text(cards).split()), "on the cluster"
        assert "● Stippen: nog 2 van 3" in _text(app.room_bar)
        assert "Fase 5/7 · Prioriteren" in _text(app.room_bar)


def test_people_say_online_and_away_in_words(tmp_path: Path) -> None:
    from tui_board.core.model import Participant, Role

    panel = PeoplePanel()
    people = [
        Participant(id="a", name="Anna", organisation="Gemeente", role=Role.PARTICIPANT),
        Participant(id="b", name="Bram", organisation="Gemeente", role=Role.PARTICIPANT),
    ]
    panel.show(people, {"a"}, live=True)
    text = str(panel._body.render())
    assert "● Anna (online)" in text and "○ Bram (weg)" in text


# --- the projector -------------------------------------------------------------------------


def test_big_letters() -> None:
    rows = big_lines("Eén plan, vóór 2027!", 80)
    assert rows is not None and len(rows) == 3
    assert set("".join(rows)) <= set(" ▀▄█")
    # Ten letters a line at 40 cells: five lines of three rows, a row between them.
    assert len(big_lines("een twee drie vier vijf zes zeven acht negen tien", 40) or []) == 19
    assert big_lines("Yusuf يوسف", 80) is None, "not in the font: not drawn big"
    assert big_lines("te smal", 12) is None


@pytest.mark.parametrize(("size", "big"), [((160, 48), True), ((80, 24), False)])
async def test_projector_draws_the_spotlight_big_when_there_is_room(
    tmp_path: Path, size: tuple[int, int], big: bool
) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=size) as pilot:
        app.add_class("projector")
        await pilot.press("s", "t", *"5", "enter")
        await _until(pilot, lambda: app.spotlight_panel.display)
        await pilot.pause()
        panel = app.query_one(SpotlightPanel)
        assert panel.has_class("big") is big
        shown = _text(panel)
        assert "★ IN DE SCHIJNWERPER" in shown and "— Marieke" in shown
        assert ("█" in shown) is big
        assert ("Eén regievoerder per gezin" in shown) is not big
        bar = _text(app.query_one(RoomBar))
        assert "⏱ " in bar
        assert ("█" in bar) is big, "the timer in big digits on a tall wall"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not panel.has_class("big") and "Eén regievoerder per gezin" in _text(panel)


async def test_other_boards_never_draw_big(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("s")
        await _until(pilot, lambda: app.spotlight_panel.display)
        assert not app.spotlight_panel.has_class("big")
        assert "Eén regievoerder per gezin" in _text(app.spotlight_panel)


# --- real terminals ------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colour_codes(ansi: str) -> set[str]:
    """Every SGR parameter that sets a colour (not 39/49, the terminal's own colours)."""
    found = set()
    for params in _SGR.findall(ansi):
        parts = params.split(";")
        index = 0
        while index < len(parts):
            part = parts[index]
            if part in ("38", "48"):
                found.add(";".join(parts[index : index + 3]))
                index += 3 if index + 1 < len(parts) and parts[index + 1] == "5" else 5
                continue
            if part.isdigit() and int(part) // 10 in (3, 4, 9, 10) and int(part) % 10 <= 7:
                found.add(part)
            index += 1
    return found


def _board_in(tmp_path: Path, environment: list[str]) -> tuple[Terminal, str]:
    path = session_file(tmp_path, CARDS)
    terminal = Terminal(["env", *environment, TUSSENRUIMTE, "open", str(path)], size=(100, 30))
    try:
        terminal.wait_for("Fase 2/7")
        terminal.keys("j", "space")
        terminal.wait_for("▶✓ Mandaat over budget")
        ansi = subprocess.run(
            ["tmux", "-L", terminal.socket, "capture-pane", "-e", "-p", "-t", "t"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except BaseException:
        terminal.close()
        raise
    return terminal, ansi


@pytest.mark.parametrize(
    "environment", [["TERM=linux", "NO_COLOR=1"], ["TERM=vt100"]], ids=["linux-NO_COLOR", "vt100"]
)
def test_a_real_terminal_without_colour(tmp_path: Path, environment: list[str]) -> None:
    terminal, ansi = _board_in(tmp_path, environment)
    try:
        screen = terminal.screen()
        assert "▶ Rollen" in screen, "the active column"
        assert "1 gemarkeerd" in screen or "gemarkeerd" in screen
        assert "Fase 2/7 · Verzamelen" in screen
        assert _colour_codes(ansi) == set(), "not one colour code"
        assert "\x1b[1;7m" in ansi or "\x1b[7m" in ansi, "reverse video instead"
    finally:
        terminal.close()


def test_the_linux_console_gets_sixteen_colours_and_high_contrast(tmp_path: Path) -> None:
    terminal, ansi = _board_in(tmp_path, ["TERM=linux"])
    try:
        codes = _colour_codes(ansi)
        assert codes, "colours, on the Linux console"
        assert all(";" not in code for code in codes), f"only the 16 colours: {codes}"
        assert "103" in codes, "the cursor card on bright yellow (high contrast)"
    finally:
        terminal.close()
