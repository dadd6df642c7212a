"""Clusters on the offline board through Pilot: space marks, g groups, G ungroups, the
cluster moves and is voted on as one, and a TWO can grow from it (80×24 and wider)."""

from __future__ import annotations

from pathlib import Path

import pytest
from boardkit import make_app, screen_text, session_file
from textual.widgets import Input

from tui_board.files.store import load_session
from tui_board.tui.widgets.cardlist import CardList

CARDS = {
    "rollen": ["Wie heeft de regie", "Taken dubbel gedaan", "Geen vast aanspreekpunt"],
    "leren": ["Samen evalueren"],
}


def _words(cards: CardList) -> str:
    """The column's text with line breaks and padding folded into single spaces."""
    return " ".join(screen_text(cards).split())


def _cluster_texts(path: Path) -> list[tuple[str, list[str]]]:
    session = load_session(path)
    return [(c.title, [m.text for m in session.members(c.id)]) for c in session.clusters]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_mark_across_columns_and_group(tmp_path: Path, size: tuple[int, int]) -> None:
    path = session_file(tmp_path, CARDS, phase="ordenen")
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        # Mark the first card, then one in the next column; the status line counts them.
        await pilot.press("space")
        assert "✓" in screen_text(app.columns[0].cards)
        await pilot.press("right", "space")
        assert "2 gemarkeerd" in str(app.query_one("#status").render())
        await pilot.press("left", "g")
        await pilot.pause()
        await pilot.press(*"Regie en rollen", "enter")  # replaces the suggested title
        await pilot.pause()
        session = app.board.session
        assert len(session.clusters) == 1
        cluster = session.clusters[0]
        assert cluster.title == "Regie en rollen" and cluster.theme == "rollen"
        members = [c.text for c in session.members(cluster.id)]
        assert members == ["Wie heeft de regie", "Samen evalueren"]
        # The cluster stands together in the first column, under its title; marks are gone.
        shown = screen_text(app.columns[0].cards)
        assert "◆ Regie en rollen · 2 kaarten" in shown
        assert shown.index("Wie heeft de regie") < shown.index("Samen evalueren")
        assert shown.index("Samen evalueren") < shown.index("Taken dubbel gedaan")
        assert "✓" not in shown and not app.marked
        await pilot.press("q")
    assert _cluster_texts(path) == [("Regie en rollen", ["Wie heeft de regie", "Samen evalueren"])]


async def test_escape_clears_marks_and_g_without_marks_explains(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS, phase="ordenen"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "space")
        assert len(app.marked) == 2
        await pilot.press("escape")
        assert not app.marked
        await pilot.press("g")
        await pilot.pause()
        assert not app.board.session.clusters
        assert len(app.screen_stack) == 1, "no title is asked without marks"


async def test_cluster_moves_as_one_and_ungroups(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="ordenen")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "space", "down", "space", "g")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Dubbel werk", "enter")
        await pilot.pause()
        cluster = app.board.session.clusters[0]
        # Move the cluster to the next column with shift+right: both cards go along.
        await pilot.press("shift+right")
        await pilot.pause()
        session = app.board.session
        moved = session.cluster(cluster.id)
        assert moved is not None and moved.theme == "leren"
        assert {c.theme for c in session.members(cluster.id)} == {"leren"}
        assert "◆ Dubbel werk" in screen_text(app.columns[1].cards)
        assert "Dubbel werk" not in screen_text(app.columns[0].cards)
        # Rename with g (no marks), then undo with G: the cards stay, the header goes.
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Dubbel werk voorkomen", "enter")
        await pilot.pause()
        renamed = app.board.session.cluster(cluster.id)
        assert renamed is not None and renamed.title == "Dubbel werk voorkomen"
        await pilot.press("G")
        await pilot.pause()
        session = app.board.session
        assert not session.clusters
        assert all(not c.cluster for c in session.cards)
        assert "◆" not in screen_text(app.columns[1].cards)
        assert len(session.cards_in("leren")) == 3


async def test_a_cluster_is_voted_on_as_one(tmp_path: Path) -> None:
    path = session_file(tmp_path, CARDS, phase="ordenen")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "space", "g")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Regie", "enter")
        await pilot.pause()
        cluster = app.board.session.clusters[0]
        await pilot.press("right_square_bracket")  # the next phase: prioriteren
        await pilot.press("up", "plus", "down", "plus")  # dots on two of its cards
        session = app.board.session
        assert [(v.card, v.dots) for v in session.votes] == [(cluster.id, 2)]
        assert "◆ Regie · 2 kaarten · ●● jouw stippen: 2" in _words(app.columns[0].cards)
        await pilot.press("V")
        await pilot.pause()
        assert "◆ Regie · 2 kaarten · ●● 2 stippen" in _words(app.columns[0].cards)
        # `a` on a card of the cluster drafts a TWO from the cluster, named after it.
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#two-what", Input).value == "Regie"


async def test_participant_proposes_unless_the_template_opens_clustering(tmp_path: Path) -> None:
    from tui_board.core.model import Participant, Role
    from tui_board.core.ops import Actor
    from tui_board.live.localboard import LocalBoard
    from tui_board.tui.app import BoardApp

    path = session_file(tmp_path, CARDS, phase="ordenen")
    session = load_session(path)
    guest = Participant(id="gast", name="Gast", organisation="School", role=Role.PARTICIPANT)
    session = session.model_copy(update={"participants": (*session.participants, guest)})
    board = LocalBoard(session, path, "Gast")
    board.actor = Actor("gast", Role.PARTICIPANT)
    app = BoardApp(board)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.check_action("ungroup", ()) is False
        # g proposes the cluster to the facilitator instead of making it.
        await pilot.press("space", "down", "space", "g")
        await pilot.pause()
        await pilot.press(*"Samen", "enter")
        await pilot.pause()
        assert not app.marked and not app.board.session.clusters
        notes = [str(n.message) for n in app._notifications]
        assert any("naar de procesbegeleider gestuurd" in note for note in notes)
    opened = session.model_copy(update={"open_to_all": ("cluster",)})
    board = LocalBoard(opened, path, "Gast")
    board.actor = Actor("gast", Role.PARTICIPANT)
    app = BoardApp(board)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.check_action("ungroup", ()) is True
        await pilot.press("space", "down", "space", "g")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Samen", "enter")
        await pilot.pause()
        assert [c.title for c in app.board.session.clusters] == ["Samen"]


async def test_a_participant_lets_go_of_her_marks_with_escape(tmp_path: Path) -> None:
    """The status line says "Esc: wissen" to everyone who marks, so Escape works for a
    participant too (ending the spotlight stays the facilitator's)."""
    from tui_board.core.model import Participant, Role
    from tui_board.core.ops import Actor
    from tui_board.live.localboard import LocalBoard
    from tui_board.tui.app import BoardApp

    path = session_file(tmp_path, CARDS, phase="ordenen")
    session = load_session(path)
    guest = Participant(id="gast", name="Gast", organisation="School", role=Role.PARTICIPANT)
    session = session.model_copy(update={"participants": (*session.participants, guest)})
    board = LocalBoard(session, path, "Gast")
    board.actor = Actor("gast", Role.PARTICIPANT)
    app = BoardApp(board)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert len(app.marked) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not app.marked
        assert app.check_action("spotlight_off", ()) is False, "nothing left to let go of"
