"""Reviewed pictures of the board. Update with `pytest --snapshot-update` after looking."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from boardkit import make_app, make_projector, session_file
from textual.app import App

from tui_board.core import i18n


class SnapCompare(Protocol):
    """The `snap_compare` fixture of pytest-textual-snapshot (its own annotation names only
    the first parameter)."""

    def __call__(
        self, app: App[Any], press: Iterable[str] = ..., terminal_size: tuple[int, int] = ...
    ) -> bool: ...


CARDS = {
    "rollen": [
        "We weten niet altijd wie bij een gezin de regie heeft; spreek per casus één "
        "regievoerder af.",
        "[bold]Niet vet[/bold]: opmaak in een kaart blijft gewone tekst.",
    ],
    "leren": ["Eén keer per kwartaal samen een casus nabespreken, zonder schuldvraag."],
    "doelen": ["Geen kind langer dan zes weken op een wachtlijst zonder overbruggingsplan."],
}


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


class TestBoard:
    def test_board(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """At 80×24: the first column wide, the others collapsed with their card counts."""
        assert snap_compare(make_app(session_file(tmp_path, CARDS)), terminal_size=(80, 24))

    def test_board_wide(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """At 160×48: four columns with title, question and cards; cursor in column 2."""
        app = make_app(session_file(tmp_path, CARDS))
        assert snap_compare(app, terminal_size=(160, 48), press=["right"])

    def test_new_card_editor(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """The editor for a new card, with text typed."""
        app = make_app(session_file(tmp_path, CARDS))
        assert snap_compare(app, terminal_size=(80, 24), press=["n", *"Nieuwe kaart"])

    def test_help(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """The help screen lists every key."""
        app = make_app(session_file(tmp_path, CARDS))
        assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"])

    def test_board_english(self, snap_compare: SnapCompare, tmp_path: Path) -> None:
        """With --lang en the board's own words are English; the session's texts are not."""
        i18n.set_language("en")
        assert snap_compare(make_app(session_file(tmp_path)), terminal_size=(80, 24))


class TestProjector:
    """The wall's view (`join --view`) with a card in the spotlight, at the sizes of a
    projector with a big font: never empty, never cut off; big letters where they fit."""

    @pytest.mark.parametrize("size", [(80, 24), (120, 36), (160, 45)])
    def test_spotlight(
        self, snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]
    ) -> None:
        join = "tussenruimte join ws://192.168.1.20:8765 --code AB12-CD34"
        app = make_projector(session_file(tmp_path, CARDS), join_line=join)
        assert snap_compare(app, terminal_size=size)
