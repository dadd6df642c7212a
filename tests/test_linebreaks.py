"""A card may hold lines: the rules keep them (cleaned, a blank line at most between two),
the file writes them as lines, and the board, the spotlight, the report, textconv and diff
show them as lines. In a real terminal ctrl+j starts a new line and a paste keeps its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from boardkit import make_app, screen_text, session_file
from factories import NOW, card, make_session
from markdown_it import MarkdownIt
from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.afterwards.diffing import changes, textconv
from tui_board.afterwards.report import render
from tui_board.core.model import Session
from tui_board.core.ops import Actor, AddCard, EditCard
from tui_board.core.rules import Applied, apply
from tui_board.core.text import (
    MAX_CARD_LINES,
    card_lines,
    clean_card_text,
    clean_text,
    clean_typed_lines,
)
from tui_board.files.store import dumps_session, load_session, save_session
from tui_board.tui.widgets.room import SpotlightPanel

TWO = "Eerste regel\ntweede regel"

# --- cleaning -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("een\ntwee", "een\ntwee"),
        ("een\r\ntwee\rdrie", "een\ntwee\ndrie"),
        ("een\u2028twee\u2029drie", "een\ntwee\ndrie"),
        ("\n\n  een  \n\n\n\n\ntwee\n\n", "een\n\ntwee"),
        ("een \x1b[31m\ttwee\x07\n\x00drie\u200b", "een [31m twee\ndrie"),
        ("  \n \t \n", ""),
    ],
)
def test_a_card_keeps_its_lines_and_nothing_else(raw: str, kept: str) -> None:
    assert clean_card_text(raw) == kept
    assert clean_card_text(kept) == kept, "cleaning twice changes nothing"
    assert clean_text(raw) == clean_text(kept), "one line elsewhere: the same words"


def test_a_card_has_at_most_ten_lines() -> None:
    text = clean_card_text("\n".join(f"r{n}" for n in range(1, 15)))
    assert text.split("\n") == [*(f"r{n}" for n in range(1, MAX_CARD_LINES)), "r10 r11 r12 r13 r14"]
    assert card_lines(text)[-1] == "r10 r11 r12 r13 r14"
    assert card_lines("") == []


def test_typed_lines_lose_escapes_and_controls_but_keep_line_breaks() -> None:
    assert clean_typed_lines("a\x1b]0;titel\x07b \r\nc\rd\x1b[1m\n") == "ab \nc\nd\n"


def test_the_rules_keep_the_lines_of_an_added_and_an_edited_card() -> None:
    session = make_session(cards=(card("a1", "rollen", 1024),))
    anna = Actor("anna", session.participants[2].role)
    added = apply(
        session, AddCard(card_id="n1", theme="rollen", text="een\r\n\r\n\r\ntwee"), anna, NOW
    )
    assert isinstance(added, Applied)
    new = added.session.card("n1")
    assert new is not None and new.text == "een\n\ntwee"
    edited = apply(added.session, EditCard(card_id="a1", text=" \n" + TWO + "\n"), anna, NOW)
    assert isinstance(edited, Applied)
    changed = edited.session.card("a1")
    assert changed is not None and changed.text == TWO


# --- the file -----------------------------------------------------------------------------


def _with_text(text: str) -> Session:
    return make_session(cards=(card("a1", "rollen", 1024, text=text), card("b1", "leren", 1024)))


def test_the_file_writes_a_card_s_lines_as_lines_and_gives_them_back(tmp_path: Path) -> None:
    text = 'Eerste "regel"\n\nmet \\ en """ erin'
    path = tmp_path / "s.toml"
    save_session(_with_text(text), path)
    written = path.read_text("utf-8")
    assert 'text = """\nEerste \\"regel\\"\n\nmet \\\\ en \\"\\"\\" erin"""\n' in written
    loaded = load_session(path)
    assert loaded.cards[0].text == text
    save_session(loaded, path)
    assert path.read_text("utf-8") == written, "saving again gives the same bytes"


def test_a_hand_edited_cr_stays_exact_on_one_line(tmp_path: Path) -> None:
    """tomli-w would write CR LF in a multi-line string as LF: such a text stays escaped."""
    path = tmp_path / "s.toml"
    save_session(_with_text("een\r\ntwee"), path)
    assert 'text = "een\\r\\ntwee"' in path.read_text("utf-8")
    assert load_session(path).cards[0].text == "een\r\ntwee"
    assert dumps_session(load_session(path)) == path.read_text("utf-8")


# --- report, textconv, diff ------------------------------------------------------------------


def test_the_markdown_report_keeps_the_lines_inside_the_list_item() -> None:
    md = render(_with_text("Eerste regel\n- geen lijst\n\n# geen kop"), "md")
    assert "- Eerste regel\\\n  \\- geen lijst\n\n  \\# geen kop — *Anna (Zorgaanbieder)*" in md
    shown = MarkdownIt("commonmark").render(md)
    assert "Eerste regel<br />\n- geen lijst</p>\n<p># geen kop" in shown
    assert "<h1># geen kop" not in shown and "<li>geen lijst" not in shown


def test_the_html_report_escapes_each_line_and_breaks_with_br() -> None:
    html = render(_with_text("<b>vet</b>\nregel & twee"), "html")
    assert (
        "<li>&lt;b&gt;vet&lt;/b&gt;<br>regel &amp; twee — <em>Anna (Zorgaanbieder)</em></li>"
        in html
    )


def test_textconv_indents_the_lines_under_their_card() -> None:
    out = textconv(_with_text("Eerste regel\ntweede\n\nderde")).splitlines()
    first = out.index("  - Eerste regel")
    assert out[first : first + 4] == [
        "  - Eerste regel",
        "    tweede",
        "",
        "    derde — Anna (Zorgaanbieder)",
    ]


def test_a_diff_line_shows_the_line_breaks_of_a_card() -> None:
    old = _with_text("Eerste regel")
    new = _with_text(TWO + "\n\nderde")
    assert changes(old, new) == [
        'kaart gewijzigd in Rollen: "Eerste regel" → "Eerste regel ⏎ tweede regel ⏎ derde"'
    ]


# --- the board --------------------------------------------------------------------------------


async def test_the_board_and_the_spotlight_show_a_card_s_lines_as_lines(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, {"rollen": [TWO + "\n\nderde regel"]}))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = [row.strip(" │┃▶") for row in screen_text(app.columns[0].cards).splitlines()]
        first = rows.index("Eerste regel")
        assert rows[first : first + 4] == ["Eerste regel", "tweede regel", "", "derde regel"]
        spot = app.query_one(SpotlightPanel)
        spot.show(app.board.session.cards[0], "Rollen", "Marieke")
        await pilot.pause()
        assert "Eerste regel\ntweede regel\n\nderde regel" in str(spot.render())


# --- in a real terminal -----------------------------------------------------------------------


def _open(tmp_path: Path) -> tuple[Terminal, Path]:
    path = session_file(tmp_path)
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24), cwd=tmp_path)
    terminal.wait_for("Rollen")
    terminal.keys("n")
    terminal.wait_for("ctrl+j: nieuwe regel")
    return terminal, path


def _saved_and_closed(terminal: Terminal, path: Path) -> Session:
    terminal.keys("C-s")
    terminal.wait_for(" Opgeslagen")
    terminal.keys("q")
    terminal.wait_for("[exit 0]")
    return load_session(path)


def test_ctrl_j_in_tmux_starts_a_new_line_and_enter_saves(tmp_path: Path) -> None:
    terminal, path = _open(tmp_path)
    try:
        terminal.type("Eerste regel")
        terminal.keys("C-j")
        terminal.type("tweede regel")
        terminal.wait_for("nog 475 tekens")
        terminal.keys("Enter")
        shown = terminal.wait_for("▶ Eerste regel")
        assert "┃ tweede regel" in shown, shown
        session = _saved_and_closed(terminal, path)
    finally:
        terminal.close()
    assert [c.text for c in session.cards] == [TWO]
    assert 'text = """\nEerste regel\ntweede regel"""\n' in path.read_text("utf-8")


def test_a_two_line_paste_in_tmux_keeps_its_lines(tmp_path: Path) -> None:
    """tmux pastes a line break as CR (as a terminal sends Enter): it arrives as a line."""
    terminal, path = _open(tmp_path)
    try:
        terminal.paste("Geplakt \x1b[31mrood\x1b[0m\nen een tweede regel")
        terminal.wait_for("nog 468 tekens")
        terminal.keys("Enter")
        shown = terminal.wait_for("▶ Geplakt rood")
        assert "┃ en een tweede regel" in shown, shown
        session = _saved_and_closed(terminal, path)
    finally:
        terminal.close()
    assert [c.text for c in session.cards] == ["Geplakt rood\nen een tweede regel"]


# --- in the browser -----------------------------------------------------------------------


async def test_ctrl_j_and_alt_enter_in_the_browser_start_a_new_line(tmp_path: Path) -> None:
    """xterm.js sends ctrl+j as a line feed and alt+enter as ESC CR, as a terminal does;
    Chromium leaves both to the page."""
    from relaykit import CODE, eventually, start_relay
    from test_web import BrowserScreen, chromium

    from tui_board.entrances import webgate

    async with chromium() as browser:
        live = await start_relay(session_file(tmp_path))  # verzamelen: cards may be added
        gate = await webgate.open_gate(
            live.relay, "127.0.0.1", 0, public_url="", language="nl", max_sessions=5
        )
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 700})
            shown = BrowserScreen(page)
            await page.goto(f"http://127.0.0.1:{gate.port}/")
            await page.fill("#code", CODE)
            await page.fill("#name", "Bea Browser")
            await page.fill("#org", "Wijkteam Tiel")
            await page.click("form[action='/join'] button[type=submit]")
            await shown.wait_for("Fase 2/7")
            await page.click("#terminal")
            await page.keyboard.press("n")
            await shown.wait_for("ctrl+j: nieuwe regel")
            await page.keyboard.type("Uit de browser")
            await page.keyboard.press("Control+j")
            await page.keyboard.type("tweede regel")
            await page.keyboard.press("Alt+Enter")
            await page.keyboard.type("derde regel")
            await shown.wait_for("nog 461 tekens")
            await page.keyboard.press("Enter")

            def texts() -> list[str]:
                return [c.text for c in live.room.session.cards if "browser" in c.text]

            await eventually(texts, message="the card from the browser")
            assert texts() == ["Uit de browser\ntweede regel\nderde regel"]
            await shown.wait_for("┃ tweede regel")
            await page.close()
        finally:
            await gate.stop()
            await live.stop()
