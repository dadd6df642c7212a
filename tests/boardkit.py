"""Helpers for the board's Pilot tests: a session file on disk and the text on screen."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from tui_board.core.model import Card, Session
from tui_board.files.store import load_session, save_session
from tui_board.files.templates import find_template, new_session
from tui_board.live.liveboard import LiveBoard
from tui_board.live.localboard import LocalBoard
from tui_board.tui.app import BoardApp
from tui_board.tui.widgets.cardlist import CardList

SIZES = [(80, 24), (160, 48)]


def session_file(
    folder: Path, cards: dict[str, list[str]] | None = None, phase: str = "verzamelen"
) -> Path:
    """A rivierenland session saved in `folder`, in `phase`, with `cards` (theme → texts)."""
    from tui_board.core.ops import Actor, AddCard
    from tui_board.core.rules import Applied, apply

    session = new_session(
        find_template("rivierenland"),
        title="Proefsessie",
        date=dt.date(2026, 11, 26),
        place="Tiel",
        facilitator="Marieke",
        organisation="Procesbegeleiding",
    )
    session = session.model_copy(update={"phase": phase})
    actor = Actor("begeleider", session.participants[0].role)
    now = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
    number = 0
    for theme, texts in (cards or {}).items():
        for text in texts:
            number += 1
            outcome = apply(
                session, AddCard(card_id=f"k{number}", theme=theme, text=text), actor, now
            )
            assert isinstance(outcome, Applied)
            session = outcome.session
    path = folder / "sessie.toml"
    save_session(session, path)
    return path


def make_app(path: Path) -> BoardApp:
    """The board app for a session file, built the way the CLI builds it."""
    return BoardApp(LocalBoard(load_session(path), path, "Marieke"))


def make_projector(path: Path, spotlight: str = "k1", join_line: str = "") -> BoardApp:
    """The view-only board on the wall (`join --view`) for a session file, with card
    `spotlight` in the spotlight and a paused ten-minute timer (as a projector shows it)."""
    from tui_board.core.model import Participant, Role, Timer
    from tui_board.core.ops import Actor

    session = load_session(path)
    wall = Participant(id="v-wand", name="Wand", role=Role.OBSERVER)
    session = session.model_copy(
        update={
            "spotlight": spotlight,
            "timer": Timer(duration=600, left=600),
            "participants": (*session.participants, wall),
        }
    )
    save_session(session, path)
    board = LocalBoard(session, path, "Wand")
    board.actor = Actor(wall.id, Role.OBSERVER)
    board.join_line = join_line
    return BoardApp(board)


def local(app: BoardApp) -> LocalBoard:
    """The board of an app made from a session file (`make_app`)."""
    assert isinstance(app.board, LocalBoard), app.board
    return app.board


def live(app: BoardApp) -> LiveBoard:
    """The board of an app that joined a relay."""
    assert isinstance(app.board, LiveBoard), app.board
    return app.board


def current(app: BoardApp) -> Card:
    """The card under the cursor (the test fails when there is none)."""
    card = app.current_card()
    assert card is not None, "no card under the cursor"
    return card


def card_of(session: Session, card_id: str) -> Card:
    """Card `card_id` of `session` (the test fails when it is not there)."""
    card = session.card(card_id)
    assert card is not None, f"no card {card_id}"
    return card


# Read through a call after keys: mypy keeps what an earlier `assert app.editor.is_open` or
# `isinstance(app.screen, X)` told it, so a later opposite check would make the rest of the
# test unreachable (and unchecked) for it.


def screen_now(app: App[Any]) -> Screen[Any]:
    """The screen on top now."""
    return app.screen


def editor_open(app: BoardApp) -> bool:
    """Whether the card editor is open now."""
    return app.editor.is_open


def displayed(widget: Widget) -> bool:
    """Whether `widget` is displayed now."""
    return widget.display


def screen_text(cards: CardList) -> str:
    """The text a card list shows now, line by line."""
    return "\n".join(
        "".join(segment.text for segment in cards.render_line(y)) for y in range(cards.size.height)
    )


async def until(pilot: Pilot[None], check: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let the app run until `check()` holds; fail after `timeout` seconds (a deadline for a
    loaded machine, not a wait: it returns as soon as the condition holds)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await pilot.pause(0.02)


def record_drawn(monkeypatch: pytest.MonkeyPatch) -> list[Region]:
    """Every region the compositor is asked to draw again from now on (a list that grows)."""
    drawn: list[Region] = []
    render_update = Compositor.render_update

    def recorded(self: Compositor, *args: object, **kwargs: object) -> object:
        drawn.extend(self._dirty_regions)
        return render_update(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Compositor, "render_update", recorded)
    return drawn
