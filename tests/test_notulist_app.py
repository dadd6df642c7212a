"""The notulist on the offline board: a paper meeting recorded afterwards with the keys —
two people of two organisations, a card for each, an agreement with their organisations as
owners, the round's answers on their behalf, saved, loaded again, and the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from boardkit import make_app, session_file, until

from tui_board.afterwards.report import format_date, render
from tui_board.core.i18n import t
from tui_board.core.model import Role
from tui_board.core.ops import (
    Actor,
    AddPerson,
    CloseAnswers,
    CloseRound,
    StartEvaluation,
    StartRound,
)
from tui_board.core.rules import Applied, apply
from tui_board.files.store import load_session, save_session
from tui_board.live.client import RelayClient
from tui_board.live.liveboard import LiveBoard
from tui_board.live.relay import Relay, Room
from tui_board.tui.actions.notulist import NOTULIST_ACTIONS
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.agreements import AgreementForm
from tui_board.tui.screens.notulist import (
    BehalfAnswer,
    BehalfEvaluation,
    PersonForm,
)
from tui_board.tui.screens.seats import SeatPicker


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
            app.cards.focus_column(column)
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
        app.cards.focus_column(0)
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
        await until(pilot, lambda: bool(app._notifications))
        shown = [n.message for n in app._notifications]
        assert t("notulist.nobody") in shown
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, PersonForm))
        await pilot.press("enter", "enter", "enter")  # no name: the form stays open
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"Marieke", "enter", "enter", "enter")  # the facilitator's own name
        await until(pilot, lambda: not isinstance(app.screen, PersonForm))
        assert len(app.board.session.participants) == 1
        shown = [n.message for n in app._notifications]
        assert t("refused.person_exists", name="Marieke") in shown
        await pilot.press("q")


async def test_evaluation_forms_recorded_person_by_person(tmp_path: Path) -> None:
    path = session_file(tmp_path, phase="opening")
    people = ("Anna", "Bram", "Cor", "Dilek", "Eva")
    session = load_session(path)
    facilitator = Actor("begeleider", Role.FACILITATOR)
    for number, name in enumerate(people):
        op = AddPerson(participant=f"p{number}", name=name, organisation=f"Org {number}")
        outcome = apply(session, op, facilitator, dt.datetime.now(dt.UTC))
        assert isinstance(outcome, Applied)
        session = outcome.session
    save_session(session, path)
    app = make_app(path)
    async with app.run_test(size=(150, 44)) as pilot:
        assert app.submit(StartEvaluation())
        await pilot.press("U")
        for score in "12345":
            # The picker offers only who has no form yet: the first one is the next.
            await until(pilot, lambda: isinstance(app.screen, SeatPicker))
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, BehalfEvaluation))
            await pilot.press(*(score * 9), *f"Regel {score}", "enter")
            await until(pilot, lambda: not isinstance(app.screen, BehalfEvaluation))
        await until(pilot, lambda: app.screen is app.screen_stack[0])
        evaluation = app.board.session.evaluation
        assert evaluation is not None and evaluation.count == 5
        assert sorted(evaluation.answered) == ["p0", "p1", "p2", "p3", "p4"]
        assert app.submit(StartEvaluation(close=True))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.board.dirty)
        await pilot.press("q")
    saved = load_session(path)
    assert saved.evaluation is not None and saved.evaluation.scores["open"] == (1, 1, 1, 1, 1)
    md = render(saved, "md")
    assert t("report.eval.made_from", count=5) in md
    assert all(f"Regel {n}" in md for n in "12345")


async def test_a_live_board_has_no_notulist_keys(tmp_path: Path) -> None:
    relay = Relay([Room(session_file(tmp_path), "TEST-CODE", "LEID-CODE")])
    await relay.start("127.0.0.1", 0)
    client = RelayClient(f"ws://127.0.0.1:{relay.port}", "LEID-CODE", name="", organisation="")
    await client.probe()
    app = BoardApp(LiveBoard(client))
    try:
        async with app.run_test(size=(150, 44)) as pilot:
            await until(pilot, lambda: app.board.actor.role is Role.FACILITATOR)
            for action in NOTULIST_ACTIONS:
                assert app.check_action(action, ()) is False, action
            await pilot.press("p", "N")
            await pilot.pause()
            assert not isinstance(app.screen, PersonForm)
            assert "Achteraf" not in str(app.query_one("#people").query_one("Static").render())
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert not any("Achteraf" in title for title in titles)
    finally:
        await client.close()
        await relay.stop()
