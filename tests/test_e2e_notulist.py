"""The notulist in a real terminal: someone added at the table, a card on their behalf,
saved; the file and the report say who wrote it and that it was recorded afterwards."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, Terminal

from tui_board.afterwards.report import render
from tui_board.files.store import load_session


def test_record_a_paper_meeting_in_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "papier.toml"
    made = subprocess.run(
        [TUSSENRUIMTE, "new", str(path), "--title", "Overleg op papier", "--place", "Tiel"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(120, 36), cwd=tmp_path)
    try:
        terminal.wait_for("Rollen")
        terminal.keys("N")
        terminal.wait_for("Wie zat er aan tafel?")
        terminal.type("Ingrid Ünal")
        terminal.keys("Enter")
        terminal.type("Gemeente Tiel")
        terminal.keys("Enter")
        terminal.type("j")
        terminal.keys("Enter")
        terminal.wait_for("Ingrid Ünal zit aan tafel.")
        terminal.keys("K")
        terminal.wait_for("Ingrid Ünal (Gemeente Tiel, leeg)")
        terminal.keys("Enter")
        terminal.wait_for("Kaart namens Ingrid Ünal in Rollen")
        terminal.type("Wie belt wie bij een melding?")
        terminal.keys("Enter")
        terminal.wait_for("Ingrid Ünal · Gemeente Tiel")
        terminal.keys("C-s")
        terminal.wait_for("Opgeslagen")
        terminal.keys("q")
        terminal.wait_for("[exit 0]")
    finally:
        terminal.close()
    session = load_session(path)
    (card,) = session.cards
    person = session.participant(card.author)
    assert person is not None and (person.name, person.organisation) == (
        "Ingrid Ünal",
        "Gemeente Tiel",
    )
    assert session.session.recorded is not None
    assert session.session.recorded_by == "Procesbegeleider"
    md = render(session, "md")
    assert "Achteraf vastgelegd door Procesbegeleider op" in md
    assert "Wie belt wie bij een melding? — *Ingrid Ünal (Gemeente Tiel)*" in md
