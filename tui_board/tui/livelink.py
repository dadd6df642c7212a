"""Messages from the relay to the board: the client's listener posts them to the app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from tui_board.core.model import Participant, Session
from tui_board.core.ops import Change

if TYPE_CHECKING:
    from tui_board.live.protocol import Newcomer


class RelaySession(Message):
    """A whole new board arrived (a resync)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class RelayChanges(Message):
    """Changes arrived, in the relay's order."""

    def __init__(self, changes: Sequence[Change]) -> None:
        super().__init__()
        self.changes = changes


class RelayRefused(Message):
    """The relay refused one of our ops, or complained about a message."""

    def __init__(self, key: str, values: dict[str, str]) -> None:
        super().__init__()
        self.key = key
        self.values = values


class RelayPresence(Message):
    """Who is connected now."""

    def __init__(self, online: tuple[str, ...]) -> None:
        super().__init__()
        self.online = online


class RelayConnection(Message):
    """The connection came up or went down."""

    def __init__(self, connected: bool) -> None:
        super().__init__()
        self.connected = connected


class RelayLobby(Message):
    """Who waits in the lobby now (facilitators' boards)."""

    def __init__(self, waiting: tuple[Newcomer, ...]) -> None:
        super().__init__()
        self.waiting = waiting


class PostingListener:
    """The client's listener: turns every callback into a message for `target`."""

    def __init__(self, target: MessagePump) -> None:
        self._target = target

    def on_session(self, session: Session, you: Participant) -> None:
        self._target.post_message(RelaySession(session))

    def on_changes(self, changes: Sequence[Change]) -> None:
        self._target.post_message(RelayChanges(changes))

    def on_refused(self, op_id: str, key: str, values: dict[str, str]) -> None:
        self._target.post_message(RelayRefused(key, values))

    def on_presence(self, online: tuple[str, ...]) -> None:
        self._target.post_message(RelayPresence(online))

    def on_connection(self, connected: bool) -> None:
        self._target.post_message(RelayConnection(connected))

    def on_lobby(self, waiting: tuple[Newcomer, ...]) -> None:
        self._target.post_message(RelayLobby(waiting))
