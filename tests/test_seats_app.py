"""The people panel keeps the table true: M merges two seats of one person, X removes an
empty seat. Pilot on the offline board, at 80×24 and 160×48, with a real session file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from boardkit import SIZES, make_app, screen_now, session_file
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui_board.core.model import Role
from tui_board.core.ops import Actor, AddCard, Join, Op
from tui_board.core.rules import Applied, apply
from tui_board.files.store import load_session, save_session
from tui_board.tui.app import BoardApp
from tui_board.tui.screens.seats import ConfirmSeats, SeatPicker
from tui_board.tui.widgets.people import PeoplePanel

NOW = dt.datetime(2026, 11, 26, 10, 5, tzinfo=dt.UTC)


def table_file(folder: Path) -> Path:
    """Ingrid twice (her board started again), Kees with an empty seat, and an observer."""
    path = session_file(folder, {"rollen": ["Van de begeleider"]})
    session = load_session(path)
    steps: list[tuple[str, Role, Op]] = [
        ("ingrid-oud", Role.PARTICIPANT, Join(name="Ingrid Ünal", organisation="Gemeente")),
        ("ingrid-oud", Role.PARTICIPANT, AddCard(card_id="i1", theme="rollen", text="Eerst")),
        ("ingrid-oud", Role.PARTICIPANT, AddCard(card_id="i2", theme="leren", text="Tweede")),
        ("ingrid-nieuw", Role.PARTICIPANT, Join(name="Ingrid Ünal", organisation="Gemeente")),
        ("ingrid-nieuw", Role.PARTICIPANT, AddCard(card_id="i3", theme="rollen", text="Later")),
        ("kees", Role.PARTICIPANT, Join(name="Kees", organisation="School")),
        ("v-kijker", Role.OBSERVER, Join(name="Kijker")),
    ]
    for who, role, op in steps:
        outcome = apply(session, op, Actor(who, role), NOW)
        assert isinstance(outcome, Applied), outcome
        session = outcome.session
    session = session.model_copy(
        update={
            "participants": tuple(
                p.model_copy(update={"role": Role.OBSERVER}) if p.id == "v-kijker" else p
                for p in session.participants
            )
        }
    )
    save_session(session, path)
    return path


def key_bar(app: BoardApp) -> str:
    return str(app.query_one("#keybar", Static).render())


def panel(app: BoardApp) -> str:
    return str(app.query_one(PeoplePanel)._body.render())


async def pick(pilot: Pilot[None], app: BoardApp, seat: str) -> None:
    """Choose `seat` in the open seat picker with the arrows and Enter."""
    assert isinstance(app.screen, SeatPicker)
    options = app.screen.query_one(OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    assert seat in ids, ids
    await pilot.press("home", *["down"] * ids.index(seat), "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_merge_two_seats_from_the_people_panel(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(table_file(tmp_path))
    async with app.run_test(size=size) as pilot:
        assert "samenvoegen" not in key_bar(app), "only with the people panel open"
        await pilot.press("M")
        assert not isinstance(app.screen, SeatPicker)
        await pilot.press("p")
        bar = key_bar(app)  # at 80 columns not every key fits: the bar ends in "? meer"
        assert ("samenvoegen" in bar and "plek weg" in bar) or bar.endswith(" ?  meer"), bar
        assert app.check_action("merge_seats", ()) and app.check_action("remove_seat", ())
        assert "Aan tafel: 4 deelnemers" in panel(app)  # begeleider, 2× Ingrid, Kees
        assert "M: twee plekken samenvoegen" in panel(app)
        await pilot.press("M")
        await pick(pilot, app, "ingrid-nieuw")
        await pick(pilot, app, "ingrid-oud")
        assert isinstance(app.screen, ConfirmSeats)
        sentence = app.screen.sentence
        assert sentence.startswith("Ingrid Ünal (Gemeente, 1 kaart) samenvoegen met Ingrid Ünal")
        assert "Ingrid Ünal (Gemeente, 2 kaarten)" in sentence
        await pilot.press("j")
        await pilot.pause()
        session = app.board.session
        assert [p.id for p in session.participants if p.name == "Ingrid Ünal"] == ["ingrid-oud"]
        assert {c.id for c in session.cards if c.author == "ingrid-oud"} == {"i1", "i2", "i3"}
        assert "Aan tafel: 3 deelnemers" in panel(app)
        assert panel(app).count("Ingrid Ünal") == 1
        await pilot.press("q")
    saved = load_session(tmp_path / "sessie.toml")
    assert saved.participant("ingrid-nieuw") is None
    assert saved.card("i3").author == "ingrid-oud"  # type: ignore[union-attr]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_remove_an_empty_seat_from_the_people_panel(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(table_file(tmp_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("p", "X")
        assert isinstance(app.screen, SeatPicker)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1, "only empty seats are offered"
        await pick(pilot, app, "kees")
        assert isinstance(app.screen, ConfirmSeats)
        assert app.screen.sentence == "De lege plek van Kees (School, leeg) weghalen?"
        await pilot.press("n")
        assert app.board.session.participant("kees") is not None, "n keeps the seat"
        await pilot.press("X")
        await pick(pilot, app, "kees")
        await pilot.press("j")
        await pilot.pause()
        assert app.board.session.participant("kees") is None
        assert "Kees" not in panel(app)
        await pilot.press("X")
        assert not isinstance(screen_now(app), SeatPicker), "no empty seat is left"
        await pilot.press("q")
    assert load_session(tmp_path / "sessie.toml").participant("kees") is None


async def test_the_help_shows_the_seat_keys(tmp_path: Path) -> None:
    app = make_app(table_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Twee plekken van één persoon samenvoegen" in shown
        assert "Een lege plek weghalen" in shown
