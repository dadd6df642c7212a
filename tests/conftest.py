"""Shared fixtures; the builders themselves live in `factories.py` as plain functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual.notifications
from factories import NOW, make_session

from tui_board.core import i18n
from tui_board.core.model import Session


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts in Dutch (the default) and leaves the language as it found it."""
    before = i18n.language()
    i18n.set_language("nl")
    yield
    i18n.set_language(before)


@pytest.fixture(autouse=True)
def own_templates_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty user templates folder, so the tester's own templates never leak in."""
    folder = tmp_path_factory.mktemp("templates")
    monkeypatch.setenv("TUSSENRUIMTE_TEMPLATES", str(folder))
    return folder


@pytest.fixture(autouse=True)
def own_state_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty state folder (XDG_STATE_HOME) per test: seats kept by `join` stay in it, so
    no test sits in another's seat, and the tester's own seats never leak in."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def own_config_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """An empty config folder (XDG_CONFIG_HOME) per test: the tester's own keymap file
    (keys.toml) never changes the board's keys in a test."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def notifications_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A board's notifications stay while its test runs: a test that reads them
    (`app._notifications`) must not depend on reading within their 5 seconds, which a
    loaded machine does not always manage. Textual measures their age with the `time` of
    its notifications module; seen from a clock that stands at 0, none ever grows old."""
    monkeypatch.setattr(textual.notifications, "time", lambda: 0.0)


@pytest.fixture
def session() -> Session:
    """The small session of `factories.make_session()`."""
    return make_session()


@pytest.fixture
def now() -> dt.datetime:
    """The fixed moment `factories.NOW`."""
    return NOW
