# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""What the board does with the relay's messages, and the participants panel.

Mixed into the board app. Handlers are named `on_<message>` so Textual finds them
through the class hierarchy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t_wire
from .livelink import (
    PostingListener,
    RelayChanges,
    RelayConnection,
    RelayLobby,
    RelayPresence,
    RelayRefused,
    RelaySession,
)
from .people import PeoplePanel
from .screens import EndedScreen

if TYPE_CHECKING:
    from .app import BoardApp


class LiveHandlers:
    """The network worker and the handlers of what it posts."""

    _follow: str | None

    async def relay_worker(self: BoardApp) -> None:
        """The network worker: keeps the connection to the relay alive."""
        from ..client import ENDED, JoinFailed  # noqa: PLC0415 - offline boards: no websockets
        from ..live import LiveBoard

        assert isinstance(self.board, LiveBoard)
        try:
            await self.board.client.run(PostingListener(self))
        except JoinFailed as failed:
            if failed.key not in ENDED:
                self.exit(return_code=1, message=t_wire(failed.key, failed.values))
                return
            # Said on the board itself, where people look; any key closes it.
            self.connected = False
            self.ended = t_wire(failed.key, failed.values)
            self._update_status()
            self.push_screen(EndedScreen(self.ended), lambda _: self.exit(return_code=0))

    def on_relay_changes(self: BoardApp, message: RelayChanges) -> None:
        self.receive(message.changes)

    def on_relay_session(self: BoardApp, message: RelaySession) -> None:
        self.reload()

    def on_relay_refused(self: BoardApp, message: RelayRefused) -> None:
        self._follow = None
        self.notify(t_wire(message.key, message.values), severity="warning")

    def on_relay_presence(self: BoardApp, message: RelayPresence) -> None:
        self.online = message.online
        self.update_people()
        self._update_status()

    def on_relay_lobby(self: BoardApp, message: RelayLobby) -> None:
        self.lobby = message.waiting
        self.update_people()
        self._update_status()
        self.refresh_bindings()

    def on_relay_connection(self: BoardApp, message: RelayConnection) -> None:
        self.connected = message.connected
        self._update_status()
        self.update_people()

    def update_people(self: BoardApp) -> None:
        """Redraw the participants panel if it is shown."""
        panel = self.query_one(PeoplePanel)
        if panel.display:
            people = list(self._people.values())
            waiting = self.lobby_labels() if self.lobby_allowed() else None
            panel.show(people, set(self.online), self.board.live, self.seat_allowed(), waiting)

    def action_people(self: BoardApp) -> None:
        """Show or hide who is at the table."""
        panel = self.query_one(PeoplePanel)
        panel.display = not panel.display
        self.update_people()
        self._layout()
        self.refresh_bindings()
        self.update_key_bar()  # the keys of the panel (merge, remove) come and go with it
