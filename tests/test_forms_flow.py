"""Forms that flow (nothing typed is ever lost): each form starts in its first field, a
given value is selected so typing replaces it, Tab / shift+Tab walk the fields in order,
Enter on the last field sends, and keys typed in one burst all land where they were meant."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from boardkit import SIZES, make_app, session_file
from test_instruments_app import _closing, _open
from textual.widgets import Input
from tmuxkit import TUSSENRUIMTE, Terminal, saved_session

from tui_board.tui.screens.agreements import AgreementForm
from tui_board.tui.screens.dialogs import LineAsk, TimerAsk
from tui_board.tui.screens.instruments import EvaluationScreen

CARDS = {"rollen": ["Eén regievoerder per gezin"], "leren": ["Casus samen nabespreken"]}


@pytest.mark.parametrize("size", SIZES)
async def test_agreement_form_typed_in_order(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="afspreken"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, AgreementForm)
        assert form.focused is form.query_one("#two-what"), "the form starts in its first field"
        # The card's text is selected: typing replaces it. Then each field in turn, by Tab.
        await pilot.press(*"Eén regisseur", "tab", *"Minder overdrachten", "tab")
        await pilot.press(*"Procesbegeleidin", "tab", *"2027-03-01")
        # shift+Tab walks back: the owner is corrected (the field is selected: End first).
        await pilot.press("shift+tab", "end", "g", "tab", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, AgreementForm), "Enter on the date keeps it"
        (two,) = app.board.session.agreements
        assert (two.what, two.why) == ("Eén regisseur", "Minder overdrachten")
        assert two.owners == ("Procesbegeleiding",)
        assert two.review == dt.date(2027, 3, 1)


async def test_agreement_form_without_a_why_stays_open(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="afspreken"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "tab", "tab", *"Procesbegeleiding", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AgreementForm), "nothing typed is lost: the form stays open"
        assert form.query_one("#two-owners", Input).value == "Procesbegeleiding"
        assert form.focused is form.query_one("#two-why")
        assert any("waarom" in str(n.message) for n in app._notifications)
        assert app.board.session.agreements == ()


async def test_timer_backspace_digit_enter(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimerAsk)
        await pilot.press("backspace", "7", "enter")
        timer = app.board.session.timer
        assert timer is not None and timer.duration == 7 * 60


async def test_a_given_line_is_selected_so_typing_replaces_it(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    answers: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(LineAsk("Titel?", "Eén regievoerder per gezin " * 3), answers.append)
        await pilot.pause()
        await pilot.press(*"Regie", "enter")
        await pilot.pause()
    assert answers == ["Regie"]


@pytest.mark.parametrize("size", SIZES)
async def test_evaluation_from_the_ninth_score_to_the_line_to_send(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = _open(_closing(tmp_path, {}))
    async with app.run_test(size=size) as pilot:
        await pilot.press("E")
        assert isinstance(app.screen, EvaluationScreen)
        await pilot.press(*"453452541", *"Vaker bellen", "enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1, "sent without an arrow key"
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 1
        assert evaluation.lines == ("Vaker bellen",)
        assert evaluation.scores["luisteren"] == (1, 0, 0, 0, 0)


# --- end to end: tmux sends each burst at once ---------------------------------------


def _open_in_tmux(path: Path) -> Terminal:
    terminal = Terminal([TUSSENRUIMTE, "open", str(path)], size=(80, 24))
    terminal.wait_for("Fase ")
    return terminal


def test_e2e_timer_burst(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    board = _open_in_tmux(path)
    try:
        board.keys("t")
        board.wait_for("Hoeveel minuten?")
        board.keys("BSpace", "7", "Enter")  # one burst
        board.wait_for("⏱ 0")
        shown = board.screen()
        assert "⏱ 07:00" in shown or "⏱ 06:5" in shown, shown
    finally:
        board.close()


def test_e2e_agreement_form_typed_in_order(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="afspreken")
    board = _open_in_tmux(path)
    try:
        board.keys("a")
        board.wait_for("Afspraak opstellen")
        board.type("Eén regisseur\tMinder overdrachten\tProcesbegeleiding\t2027-03-01\r")
        board.wait_for("Waarom: Minder overdrachten")
        board.keys("q")
        board.wait_for("[exit 0]")
    finally:
        board.close()
    (two,) = saved_session(path, lambda s: s.agreements).agreements
    assert (two.what, two.why, two.owners) == (
        "Eén regisseur",
        "Minder overdrachten",
        ("Procesbegeleiding",),
    )
    assert two.review == dt.date(2027, 3, 1)


def test_e2e_terugblik_over_two_agreements(tmp_path: Path) -> None:
    from test_terugblik_app import _earlier

    from tui_board.cli.main import main

    later = tmp_path / "later.toml"
    assert main(["new", str(later), "--from", str(_earlier(tmp_path))]) == 0
    board = _open_in_tmux(later)
    try:
        board.keys("T")
        board.wait_for("1 werkt")
        # One burst: a verdict and the experience for each, then done; the dialog stays
        # open between them, so nothing lands on the board.
        board.type("2Te weinig uren\r1Loopt goed\r")
        board.keys("Escape")
        board.wait_gone("kies een afspraak")  # the dialog closed
        board.keys("q")
        board.wait_for("[exit 0]")
    finally:
        board.close()
    session = saved_session(later, lambda s: all(r.verdict for r in s.terugblik))
    assert [(r.verdict, r.note) for r in session.terugblik] == [
        ("bijstellen", "Te weinig uren"),
        ("werkt", "Loopt goed"),
    ]
    assert [a.revisits for a in session.agreements] == ["a1"], "no agreement by accident"


def test_e2e_evaluation_to_send_in_one_burst(tmp_path: Path) -> None:
    path = _closing(tmp_path, {})
    board = _open_in_tmux(path)
    try:
        board.keys("E")
        board.wait_for("Geef elke norm")
        # Nine scores, the line and Enter in one burst: no arrow key, nothing lost.
        board.type("453452541Vaker bellen\r")
        board.wait_for("Dank je wel")  # sent (the line itself stays hidden until closing)
        assert "Jij hebt hem ingevuld" in board.wait_for("1 ingevuld")
        board.keys("q")  # an open evaluation's answers would be lost: the board says so
        board.wait_for("evaluatie is nog open")
        board.keys("q")
        board.wait_for("[exit 0]")
    finally:
        board.close()


def test_e2e_principles_answers_and_notes_in_one_burst(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="afsluiten")
    board = _open_in_tmux(path)
    try:
        board.keys("H")
        board.wait_for("Organiseer echt tussenruimte")
        # One burst: ja with a note, deels without one, nee with a note, then done. An
        # answer key opens the note before the next key arrives, so no letter is lost
        # or taken for an answer.
        board.type("jIedereen kwam\rd\rnNog niet, dan\r")
        board.keys("Escape")
        board.wait_for("3 van de 11 besproken")
        board.keys("q")
        board.wait_for("[exit 0]")
    finally:
        board.close()
    session = saved_session(path, lambda s: len(s.principles) == 3)
    assert [(p.number, p.answer, p.note) for p in session.principles] == [
        (1, "ja", "Iedereen kwam"),
        (2, "deels", ""),
        (3, "nee", "Nog niet, dan"),
    ]
