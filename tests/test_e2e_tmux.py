"""End to end in a real terminal: make a session, type a card, find it in the saved file."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, Terminal, hosted, saved_session

from tui_board.files.store import load_session


def test_type_a_card_and_find_it_in_the_file(tmp_path: Path) -> None:
    path = _new_session(tmp_path)
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


def _new_session(folder: Path) -> Path:
    path = folder / "werksessie.toml"
    made = subprocess.run(
        [TUSSENRUIMTE, "new", str(path), "--title", "Werksessie", "--place", "Tiel"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return path


def test_a_paste_with_escape_sequences_is_saved_as_it_shows(tmp_path: Path) -> None:
    """A window title (OSC … BEL), a colour (CSI … m) and a bell in a bracketed paste: the
    field shows the text in order without them, and the card holds exactly that."""
    path = _new_session(tmp_path)
    pasted = "Markup … en \x1b]0;HACK\x07 einde \x1b[1;31mrood\x1b[0m\x07 klaar"
    visible = "Markup … en einde rood klaar"
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24), cwd=tmp_path)
    try:
        terminal.wait_for("Rollen")
        terminal.keys("n")
        terminal.wait_for("nog 500 tekens")
        terminal.type("Voor: ")
        terminal.wait_for("nog 494 tekens")
        terminal.paste(pasted)
        shown = terminal.wait_for(f"nog {500 - len('Voor: ' + visible)} tekens")
        assert "Voor: " + visible in shown, shown
        assert "HACK" not in shown and "^]" not in shown
        terminal.keys("Enter")
        terminal.wait_for("Niet opgeslagen")
        terminal.keys("q")
        terminal.wait_for("[exit 0]")
    finally:
        terminal.close()
    assert [c.text for c in load_session(path).cards] == ["Voor: " + visible]


def test_a_paste_of_2000_characters_keeps_500_and_says_so(tmp_path: Path) -> None:
    path = _new_session(tmp_path)
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24), cwd=tmp_path)
    try:
        terminal.wait_for("Rollen")
        terminal.keys("n")
        terminal.wait_for("nog 500 tekens")
        terminal.paste("abcdefghij" * 200)
        terminal.wait_for("ingekort tot 500 tekens")
        terminal.keys("Enter")
        terminal.wait_for("Niet opgeslagen")
        terminal.keys("q")
        terminal.wait_for("[exit 0]")
    finally:
        terminal.close()
    assert [c.text for c in load_session(path).cards] == ["abcdefghij" * 50]


def test_live_a_closed_phase_refuses_n_and_a_paste_arrives_whole(tmp_path: Path) -> None:
    """A participant's board over the relay: in the opening `n` opens nothing and says
    when; the empty columns say the same, the projector says nothing to add; in verzamelen
    a paste with escape sequences becomes the card as it shows, on every board."""
    pasted = "Markup … en \x1b]0;HACK\x07 einde \x1b[1;31mrood\x1b[0m\x07 klaar"
    with hosted(tmp_path, size=(120, 32)) as room:
        anna = room.join("--name", "Anna", "--org", "Gemeente", size=(80, 24))
        beamer = room.join("--view", size=(80, 24))
        anna.wait_for("Fase 1/7")
        shown = anna.wait_for("toevoegen kan in de fase")  # the hint wraps in its column
        assert "Nog geen kaarten. Kaarten" in shown and "Druk op n" not in shown, shown
        anna.keys("n")
        anna.wait_for("pas in de")  # the toast wraps: "Kaarten toevoegen kan pas in de fase …"
        assert "Nieuwe kaart in" not in anna.screen()
        shown = beamer.wait_for("Nog geen kaarten.")
        assert "Druk op n" not in shown and "toevoegen" not in shown, shown
        room.host.keys("]")
        anna.wait_for("Fase 2/7")
        anna.wait_for("Druk op n")
        anna.keys("n")
        anna.wait_for("nog 500 tekens")
        anna.paste(pasted)
        anna.wait_for("Markup … en einde rood klaar")
        anna.keys("Enter")
        room.host.wait_for("Markup")
        assert "Druk op n" not in beamer.screen()
        room.host.keys("q")
        room.host.wait_for("[exit 0]")
    session = saved_session(room.path, lambda s: s.cards)
    assert [c.text for c in session.cards] == ["Markup … en einde rood klaar"]


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
