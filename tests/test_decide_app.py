"""Problem → proposal and the voice per organisation, through Pilot (offline board)."""

from __future__ import annotations

from pathlib import Path

from boardkit import card_of, current, displayed, editor_open, make_app, screen_text, session_file

from tui_board.tui.widgets.voice import voice

CARDS = {"rollen": ["Niemand heeft de regie", "Wie betaalt?"], "leren": ["Samen leren"]}


async def test_mark_a_problem_and_answer_it_with_a_proposal(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="delen"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("exclamation_mark")
        problem = current(app)
        assert problem.kind == "probleem"
        assert "probleem — nog geen voorstel" in screen_text(app.columns[0].cards)
        assert "1 probleem zonder voorstel" in str(app.room_bar.render())
        await pilot.press("o")
        assert app.editor.is_open
        await pilot.press(*"Eén regievoerder", "enter")
        proposal = current(app)
        assert proposal.kind == "voorstel" and proposal.answers == problem.id
        assert "1 voorstel" in app.labels.label(card_of(app.board.session, problem.id))
        assert "voorstel bij: Niemand heeft" in screen_text(app.columns[0].cards)
        assert "zonder voorstel" not in str(app.room_bar.render())
        # o on a card that is not a problem explains what to do, and opens nothing.
        await pilot.press("down", "o")
        assert not editor_open(app)
        # ! cycles: problem → proposal → plain.
        await pilot.press("up", "up", "exclamation_mark", "exclamation_mark")
        assert card_of(app.board.session, problem.id).kind == ""


async def test_deleting_a_problem_keeps_its_proposal_unlinked(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="delen"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("exclamation_mark", "o", *"Voorstel", "enter")
        proposal_id = current(app).id
        await pilot.press("up", "up", "d", "j")
        proposal = app.board.session.card(proposal_id)
        assert proposal is not None and proposal.answers == ""
        await pilot.press("q")
    assert app.return_code == 0


async def test_voice_per_organisation(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="delen"))
    async with app.run_test(size=(120, 30)) as pilot:
        assert not app.voice_panel.display
        await pilot.press("O")
        assert displayed(app.voice_panel)
        shown = str(app.voice_panel.query_one("Static").render())
        assert "Inbreng per organisatie" in shown and "Procesbegeleiding" in shown
        assert "1 aan tafel · 3 kaarten · — stippen · 0 reacties" in shown
    rows = voice(app.board.session)
    assert rows == [("Procesbegeleiding", 1, 3, None, 0, False)], "no dots shown while secret"
