"""End to end in a real terminal: make a session, type a card, find it in the saved file."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.store import load_session


def test_type_a_card_and_find_it_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "werksessie.toml"
    made = subprocess.run(
        [TUSSENRUIMTE, "new", str(path), "--title", "Werksessie", "--place", "Tiel"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24), cwd=tmp_path)
    try:
        terminal.wait_for("Rollen")
        terminal.keys("Right", "Right")
        terminal.wait_for("▶ Vertrouwen en partnerschap")
        terminal.keys("n")
        terminal.wait_for("Nieuwe kaart in Vertrouwen en partnerschap")
        terminal.type("Elkaar bellen vóór een melding")
        terminal.keys("Enter")
        terminal.wait_for("Niet opgeslagen")
        terminal.keys("q")
        terminal.wait_for("[exit 0]")
    finally:
        terminal.close()
    session = load_session(path)
    assert [(c.theme, c.text) for c in session.cards] == [
        ("vertrouwen", "Elkaar bellen vóór een melding")
    ]


def test_a_broken_file_does_not_start_the_board(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text('schema = 1\n[session]\ntitle = "x"\ndate = 2026-13-40\n', encoding="utf-8")
    before = path.read_bytes()
    terminal = Terminal([TUSSENRUIMTE, "open", "kapot.toml"], size=(100, 24), cwd=tmp_path)
    try:
        shown = terminal.wait_for("[exit 1]")
    finally:
        terminal.close()
    assert "kan niet worden geopend" in shown and "Regel 4" in shown
    assert "Traceback" not in shown
    assert path.read_bytes() == before
