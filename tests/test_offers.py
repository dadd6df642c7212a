"""One source for who may do what: for every key that makes an op, every role and every
phase, the board offers exactly what the rules (`rules.allowed`) allow — hidden for good
when the rules refuse it for good, in help but not in the key bar when the phase holds it
back, and everywhere when it is allowed now."""

from __future__ import annotations

from pathlib import Path

import pytest
from boardkit import local
from test_card_editor import _board
from textual.widgets import Static

from tui_board.core.model import Role
from tui_board.core.phases import DEFAULT_PHASES
from tui_board.core.rules import FOR_GOOD, allowed
from tui_board.tui.app import BoardApp
from tui_board.tui.keys import KEYS, bar_name
from tui_board.tui.offers import ACTION_OPS
from tui_board.tui.screens.dialogs import HelpScreen

ROLES = (Role.FACILITATOR, Role.COFACILITATOR, Role.PARTICIPANT, Role.OBSERVER)
PHASES = tuple(phase for phase, _ in DEFAULT_PHASES)


def _bar(app: BoardApp) -> str:
    return str(app.query_one("#keybar", Static).render())


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.value)
async def test_the_board_offers_what_the_rules_allow(
    tmp_path: Path, role: Role, phase: str
) -> None:
    app = _board(tmp_path, phase, role)
    async with app.run_test(size=(400, 60)) as pilot:  # wide: the bar shows all it offers
        await pilot.pause()
        board = local(app)
        session, actor = board.seated(), board.actor
        bar = _bar(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        helped = {key.id for key in app.screen._keys}
        checked = 0
        for key in KEYS:
            action = key.action.split("(")[0]
            kind = ACTION_OPS.get(action)
            if kind is None:
                continue
            refusal = allowed(session, actor, kind)
            for_good = refusal is not None and refusal.key in FOR_GOOD
            offered = app.offering.offers(action)
            where = f"{key.id} ({kind.__name__}) for a {role.value} in {phase}: {refusal}"
            assert offered == (not for_good), where
            assert (key.id in helped) == (not for_good), where
            if key.footer:
                shown = f" {bar_name(key)} " in bar
                assert shown == (refusal is None), where
            checked += 1
        assert checked >= 20


async def test_the_walk_sees_the_difference(tmp_path: Path) -> None:
    """The same walk on a participant in the opening and in verzamelen: n is held back,
    then offered (so the comparison above can fail both ways)."""
    for folder in "abc":
        (tmp_path / folder).mkdir()
    held = _board(tmp_path / "a", "opening", Role.PARTICIPANT)
    async with held.run_test(size=(400, 60)) as pilot:
        await pilot.pause()
        assert " n " not in _bar(held) and held.check_action("new_card", ()) is True
    free = _board(tmp_path / "b", "verzamelen", Role.PARTICIPANT)
    async with free.run_test(size=(400, 60)) as pilot:
        await pilot.pause()
        assert " n " in _bar(free)
    watching = _board(tmp_path / "c", "verzamelen", Role.OBSERVER)
    async with watching.run_test(size=(400, 60)) as pilot:
        await pilot.pause()
        assert watching.check_action("new_card", ()) is False
