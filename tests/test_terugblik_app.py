"""`new --from` and the terugblik on the board: last session's adopted agreements come first
in the opening; the facilitator records werkt, bijstellen or vervallen with the experience."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from boardkit import local, make_app

from tui_board.cli.main import main
from tui_board.core.model import Agreement, Answer, Participant, Role
from tui_board.files.store import load_session, save_session
from tui_board.files.templates import find_template, new_session
from tui_board.tui.screens.terugblik import TerugblikScreen


def _earlier(folder: Path) -> Path:
    """A finished session with two adopted TWOs (one with a concern), a parked one and a draft."""
    session = new_session(
        find_template("rivierenland"),
        title="Rivierenland 1",
        date=dt.date(2026, 9, 1),
        place="Tiel",
        facilitator="Marieke",
        organisation="Procesbegeleiding",
    )
    people = (
        *session.participants,
        Participant(id="ans", name="Ans", organisation="Gemeente Tiel", mandate=True),
        Participant(id="bo", name="Bo", organisation="Zorggroep", role=Role.PARTICIPANT),
    )
    concern = Answer(participant="bo", kind="bedenking", text="Wie betaalt de uren?", round=1)
    agreements = (
        Agreement(
            id="a1",
            what="Eén regievoerder per gezin",
            why="Gezinnen verdwalen tussen loketten",
            owners=("Gemeente Tiel",),
            review=dt.date(2026, 10, 1),
            status="aangenomen",
            round=1,
            concerns=(concern,),
        ),
        Agreement(id="a2", what="Maandelijks casusoverleg", why="Samen leren", status="aangenomen"),
        Agreement(id="a3", what="Gedeeld dossier", why="Minder dubbel", status="geparkeerd"),
        Agreement(id="a4", what="Nog een idee", why="Later", status="concept"),
    )
    spelregels = ("We luisteren naar elkaar.", "Elk probleem krijgt een voorstel.")
    session = session.model_copy(
        update={"participants": people, "agreements": agreements, "spelregels": spelregels}
    )
    path = folder / "rivierenland-1.toml"
    save_session(session, path)
    return path


def test_new_from_carries_exactly_the_adopted_agreements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = _earlier(tmp_path)
    later = tmp_path / "rivierenland-2.toml"
    assert main(["new", str(later), "--from", str(earlier), "--date", "2026-11-26"]) == 0
    assert "2 afspraken om op terug te blikken" in capsys.readouterr().out
    session = load_session(later)
    assert [r.id for r in session.terugblik] == ["a1", "a2"]
    first = session.terugblik[0]
    assert first.what == "Eén regievoerder per gezin" and first.owners == ("Gemeente Tiel",)
    assert first.concerns == ("Bo (Zorggroep): Wie betaalt de uren?",)
    assert session.origin is not None and session.origin.file == "rivierenland-1.toml"
    assert session.origin.date == dt.date(2026, 9, 1)
    assert session.spelregels == ("We luisteren naar elkaar.", "Elk probleem krijgt een voorstel.")
    assert session.invited == ("Procesbegeleiding", "Gemeente Tiel", "Zorggroep")
    assert [p.id for p in session.participants] == ["begeleider"], "participants only if asked"
    assert session.session.title == "Rivierenland 1" and session.session.place == "Tiel"
    assert not session.agreements and not session.cards


def test_new_from_with_participants_and_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = _earlier(tmp_path)
    later = tmp_path / "b.toml"
    assert main(["new", str(later), "--from", str(earlier), "--participants"]) == 0
    people = load_session(later).participants
    assert [p.id for p in people] == ["begeleider", "ans", "bo"]
    assert all(p.mandate is None for p in people), "the mandate is renewed every session"
    capsys.readouterr()
    missing = tmp_path / "c.toml"
    assert main(["new", str(missing), "--from", str(tmp_path / "weg.toml")]) == 1
    err = capsys.readouterr().err
    assert "weg.toml" in err and "Traceback" not in err
    assert not missing.exists()
    assert main(["new", str(missing), "--participants"]) == 1
    assert "--from" in capsys.readouterr().err
    assert not missing.exists()


async def test_facilitator_records_the_terugblik(tmp_path: Path) -> None:
    earlier = _earlier(tmp_path)
    later = tmp_path / "later.toml"
    assert main(["new", str(later), "--from", str(earlier), "--date", "2026-11-26"]) == 0
    app = make_app(later)
    async with app.run_test(size=(120, 36)) as pilot:
        # The opening shows the terugblik first, with the overdue review date.
        assert app.terugblik_panel.display and not app.rules_panel.display
        shown = str(app.terugblik_panel.query_one("Static").render())
        assert "Eén regievoerder per gezin" in shown and "⚠ te laat" in shown
        assert "Bo (Zorggroep): Wie betaalt de uren?" in shown
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press(*"Te weinig uren", "enter")
        await pilot.pause()
        # One dialog walks them all: the cursor went on to the next entry still to discuss.
        assert isinstance(app.screen, TerugblikScreen), "the dialog stays open"
        await pilot.press("1", "enter", "escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1, "Escape is done"
        session = app.board.session
        assert [(r.id, r.verdict, r.note) for r in session.terugblik] == [
            ("a1", "bijstellen", "Te weinig uren"),
            ("a2", "werkt", ""),
        ]
        drafts = [a for a in session.agreements if a.revisits == "a1"]
        assert len(drafts) == 1 and drafts[0].status == "concept"
        assert drafts[0].what == "Eén regievoerder per gezin"
        # Its review date (1 October) had passed: the draft has none and the board asks.
        assert drafts[0].review is None
        notes = [str(n.message) for n in app._notifications]
        assert any("evaluatiedatum is voorbij of ontbrak" in note for note in notes)
        # The new draft carries the experience and last time's concern to its second round.
        await pilot.press("A")
        await pilot.pause()
        panel = str(app.agreements_panel.query_one("Static").render())
        assert "Tweede ronde van een afspraak van de vorige keer" in panel
        assert "Ervaring: Te weinig uren" in panel and "Wie betaalt de uren?" in panel
        await pilot.press("q")
    saved = load_session(later)
    assert [r.verdict for r in saved.terugblik] == ["bijstellen", "werkt"]
    assert [a.revisits for a in saved.agreements] == ["a1"]


async def test_a_refused_verdict_is_taken_back_in_the_dialog(tmp_path: Path) -> None:
    """The dialog shows a verdict at once and sends it (`Verdict`); when the rules refuse it,
    the board says why and the dialog shows the agreement open again, the cursor on it."""
    earlier = _earlier(tmp_path)
    later = tmp_path / "later.toml"
    assert main(["new", str(later), "--from", str(earlier), "--date", "2026-11-26"]) == 0
    app = make_app(later)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, TerugblikScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert dialog.verdicts["a1"] == ("werkt", ""), "sent and shown"
        assert [r.verdict for r in app.board.session.terugblik] == ["werkt", ""]
        # The second agreement leaves the terugblik meanwhile: its verdict is refused.
        board = local(app)
        board.session = board.session.model_copy(update={"terugblik": board.session.terugblik[:1]})
        await pilot.press("3", "enter")
        await pilot.pause()
        assert dialog.verdicts == {"a1": ("werkt", ""), "a2": ("", "")}, "taken back"
        notes = [str(n.message) for n in app._notifications]
        assert "Die afspraak staat niet in de terugblik." in notes, notes
        await pilot.press("escape", "q")


async def test_an_agreement_on_the_agenda_again_says_so_and_can_be_closed(
    tmp_path: Path,
) -> None:
    """A → B (not discussed) → C: C shows how often each stood on the agenda; 4 closes one
    (afgerond: it worked and is done) and the next session no longer carries it."""
    earlier = _earlier(tmp_path)
    second, third = tmp_path / "b.toml", tmp_path / "c.toml"
    assert main(["new", str(second), "--from", str(earlier), "--date", "2026-09-20"]) == 0
    assert main(["new", str(third), "--from", str(second), "--date", "2026-11-26"]) == 0
    app = make_app(third)
    async with app.run_test(size=(120, 36)) as pilot:
        shown = str(app.terugblik_panel.query_one("Static").render())
        assert shown.count("2× op de agenda") == 2
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("4", "enter", "escape")
        await pilot.pause()
        assert [(r.id, r.verdict) for r in app.board.session.terugblik] == [
            ("a1", "afgerond"),
            ("a2", ""),
        ]
        shown = str(app.terugblik_panel.query_one("Static").render())
        assert "afgerond: werkte en is klaar" in shown
        await pilot.press("q")
    fourth = tmp_path / "d.toml"
    assert main(["new", str(fourth), "--from", str(third), "--date", "2027-01-10"]) == 0
    assert [(r.id, r.agenda) for r in load_session(fourth).terugblik] == [("a2", 3)]


async def test_voice_panel_shows_invited_organisations_nobody_came_for(tmp_path: Path) -> None:
    earlier = _earlier(tmp_path)
    later = tmp_path / "later.toml"
    assert main(["new", str(later), "--from", str(earlier)]) == 0
    app = make_app(later)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("O")
        shown = str(app.voice_panel.query_one("Static").render())
        zorg = shown[shown.index("Zorggroep") :]
        assert "nog niemand van deze organisatie aan tafel" in zorg.split("\n\n")[0]
        assert "Gemeente Tiel" in shown
