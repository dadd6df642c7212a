"""What the relay tells the board: the client's listener posts each piece of news to the app
as one message (`RelayNews`), and the board's live group (`tui/actions/live.py`) takes it in
one exhaustive `match`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from tui_board.core.model import Participant, Session
from tui_board.core.ops import Change

if TYPE_CHECKING:
    from tui_board.live.protocol import Newcomer


@dataclass(frozen=True)
class NewBoard:
    """A whole new board arrived (a resync)."""

    session: Session


@dataclass(frozen=True)
class Changed:
    """Changes arrived, in the relay's order."""

    changes: Sequence[Change]


@dataclass(frozen=True)
class OpRefused:
    """The relay refused one of our ops, or complained about a message."""

    key: str
    values: dict[str, str]


@dataclass(frozen=True)
class Online:
    """Who is connected now."""

    online: tuple[str, ...]


@dataclass(frozen=True)
class Connection:
    """The connection came up or went down."""

    connected: bool


@dataclass(frozen=True)
class Lobby:
    """Who waits in the lobby now (facilitators' boards)."""

    waiting: tuple[Newcomer, ...]


News = NewBoard | Changed | OpRefused | Online | Connection | Lobby


class RelayNews(Message):
    """One piece of news from the relay, for the app, in the order it came."""

    def __init__(self, news: News) -> None:
        super().__init__()
        self.news = news


class PostingListener:
    """The client's listener: turns every callback into a message for `target`."""

    def __init__(self, target: MessagePump) -> None:
        self._target = target

    def on_session(self, session: Session, you: Participant) -> None:
        self._target.post_message(RelayNews(NewBoard(session)))

    def on_changes(self, changes: Sequence[Change]) -> None:
        self._target.post_message(RelayNews(Changed(changes)))

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        self._target.post_message(RelayNews(OpRefused(key, values)))

    def on_presence(self, online: tuple[str, ...]) -> None:
        self._target.post_message(RelayNews(Online(online)))

    def on_connection(self, connected: bool) -> None:
        self._target.post_message(RelayNews(Connection(connected)))

    def on_lobby(self, waiting: tuple[Newcomer, ...]) -> None:
        self._target.post_message(RelayNews(Lobby(waiting)))
