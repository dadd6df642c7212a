"""The notulist on the offline board: a paper meeting recorded afterwards with the keys —
two people of two organisations, a card for each, an agreement with their organisations as
owners, the round's answers on their behalf, saved, loaded again, and the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from boardkit import make_app, session_file, until

from tui_board.i18n import t
from tui_board.ops import CloseAnswers, CloseRound, StartRound
from tui_board.report import format_date, render
from tui_board.store import load_session
from tui_board.tui.agreements import AgreementForm
from tui_board.tui.notulist import BehalfAnswer, PersonForm
from tui_board.tui.seat_actions import SeatPicker


async def test_a_paper_meeting_recorded_afterwards(tmp_path: Path) -> None:
    path = session_file(tmp_path, phase="opening")  # the opening allows no cards: no matter
    app = make_app(path)
    async with app.run_test(size=(150, 44)) as pilot:
        for name, organisation, mandate in (
            ("Ingrid Ünal", "Gemeente Tiel", "j"),
            ("Joost", "Wijkteam Tiel", ""),
        ):
            await pilot.press("N")
            await until(pilot, lambda: isinstance(app.screen, PersonForm))
            await pilot.press(*name, "enter", *organisation, "enter", *mandate, "enter")
            await until(pilot, lambda: not isinstance(app.screen, PersonForm))
        names = {p.name: p for p in app.board.session.participants}
        assert names["Ingrid Ünal"].mandate is True and names["Joost"].mandate is None
        # A card for each: the picker lists them by name (Ingrid first, then Joost).
        for column, step in ((0, ()), (1, ("down",))):
            app.focus_column(column)
            await pilot.press("K")
            await until(pilot, lambda: isinstance(app.screen, SeatPicker))
            await pilot.press(*step, "enter")
            await until(pilot, lambda: app.editor.is_open)
            await pilot.press(*("Wie belt wie?" if column == 0 else "Samen leren"), "enter")
            await until(pilot, lambda: not app.editor.is_open)
        by_text = {c.text: c for c in app.board.session.cards}
        assert by_text["Wie belt wie?"].author == names["Ingrid Ünal"].id
        assert by_text["Samen leren"].author == names["Joost"].id
        # An agreement owned by their organisations (refused while only the facilitator sat).
        app.focus_column(0)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AgreementForm))
        await pilot.press("tab", *"Niemand weet wie belt", "tab")
        await pilot.press(*"Gemeente Tiel, Wijkteam Tiel", "enter", "enter")
        await until(pilot, lambda: bool(app.board.session.agreements))
        (agreement,) = app.board.session.agreements
        assert agreement.owners == ("Gemeente Tiel", "Wijkteam Tiel")
        assert app.submit(StartRound(agreement_id=agreement.id))
        # The answers, person after person: the picker comes back until all answered.
        await pilot.press("J")
        await until(pilot, lambda: isinstance(app.screen, SeatPicker))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BehalfAnswer))
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, SeatPicker))
        await pilot.press("enter")  # only Joost is left
        await until(pilot, lambda: isinstance(app.screen, BehalfAnswer))
        await pilot.press("2", *"Wie betaalt het?", "enter")
        await until(pilot, lambda: app.screen is app.screen_stack[0])
        assert app.submit(CloseAnswers(agreement_id=agreement.id))
        assert app.submit(CloseRound(agreement_id=agreement.id, outcome="aangenomen"))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.board.dirty)
        await pilot.press("q")

    session = load_session(path)
    today = dt.datetime.now(dt.UTC).date()
    assert session.session.recorded in (today, today - dt.timedelta(days=1))
    assert session.session.recorded_by == "Marieke"
    (agreement,) = session.agreements
    assert [a.kind for a in agreement.answers] == ["werkbaar", "bedenking"]
    text = path.read_text()
    assert 'recorded_by = "Marieke"' in text
    md = render(session, "md")
    day = format_date(session.session.recorded or today)
    assert t("report.recorded_by", name="Marieke", date=day) in md
    assert "Wie belt wie? — *Ingrid Ünal (Gemeente Tiel)*" in md
    assert "Samen leren — *Joost (Wijkteam Tiel)*" in md
    assert "Bedenking van Joost (Wijkteam Tiel), ronde 1: Wie betaalt het?" in md
    # The inbreng chart credits the people, not the facilitator's organisation.
    assert "| Gemeente Tiel | 1 | 1 (50%) | 1 |" in md
    assert "| Wijkteam Tiel | 1 | 1 (50%) | 1 |" in md
    assert "| Procesbegeleiding | 1 | 0 (0%) | 0 |" in md
    assert t("report.recorded_by", name="Marieke", date=day) in render(session, "html")


async def test_the_notulist_keys_refuse_clearly(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(150, 44)) as pilot:
        await pilot.press("K")  # nobody else at the table yet
        await until(pilot, lambda: bool(app._notifications))  # noqa: SLF001
        shown = [n.message for n in app._notifications]  # noqa: SLF001
        assert t("notulist.nobody") in shown
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.press("enter", "enter", "enter")  # no name: the form stays open
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"Marieke", "enter", "enter", "enter")  # the facilitator's own name
        await until(pilot, lambda: not isinstance(app.screen, PersonForm))
        assert len(app.board.session.participants) == 1
        shown = [n.message for n in app._notifications]  # noqa: SLF001
        assert t("refused.person_exists", name="Marieke") in shown
        await pilot.press("q")
