"""Saving (by itself a while after the last change, ctrl+s, and on quitting) and the status
line under the board: the file and whether it is saved, or the relay and who is online."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from tui_board.core.i18n import t, t_count
from tui_board.core.model import EDITORS, Role

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

QUIT_AGAIN_SECONDS = 10.0
"""A second q within this many seconds quits despite the warning."""

AUTOSAVE_SECONDS = 3.0
"""How long after the last change the board saves by itself."""


class SaveActions:
    """Save now or soon, quit, and say how things stand in the status line."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self._autosave: Timer | None = None
        self._saved_note = ""
        self._status_shown: str | None = None
        self._quit_warned = -QUIT_AGAIN_SECONDS - 1.0

    def schedule_autosave(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.app.set_timer(AUTOSAVE_SECONDS, self.save_now)

    def save_now(self) -> bool:
        """Save if there are changes; show the outcome. False if saving failed."""
        try:
            wrote = self.app.board.save()
        except OSError as error:
            reason = error.strerror or str(error)
            self.app.notify(t("board.save_error", reason=reason), severity="error", timeout=10)
            return False
        if wrote:
            self._saved_note = t("board.saved_at", time=datetime.now().strftime("%H:%M:%S"))
        self.update_status()
        return True

    def action_save(self) -> None:
        """Save now."""
        if self.app.board.dirty:
            self.save_now()
        else:
            self.update_status()
            self.app.notify(t("board.saved"))

    def action_quit_board(self) -> None:
        """Save, then quit; stay if saving failed so nothing is lost. Quitting would lose the
        answers of an open evaluation (they are never written down while it is open): the
        first q says so, a second q within a while quits anyway."""
        lost = self._evaluation_lost_on_quit()
        now = time.monotonic()
        if lost and now - self._quit_warned > QUIT_AGAIN_SECONDS:
            self._quit_warned = now
            self.app.notify(
                t_count("board.quit_evaluation_open", lost), severity="warning", timeout=10
            )
            return
        if self.save_now():
            if self._autosave is not None:
                self._autosave.stop()
            self.app.exit()

    async def action_quit(self) -> None:
        """Textual's own quit (ctrl+q) quits as q does."""
        self.action_quit_board()

    def _evaluation_lost_on_quit(self) -> int:
        """How many evaluation answers quitting this board would lose: those of an open
        evaluation, on the board that ends the session (offline, or the host's)."""
        board, evaluation = self.app.board, self.app.board.session.evaluation
        if evaluation is None or not evaluation.open or board.actor.role not in EDITORS:
            return 0
        ends_session = not board.live or bool(getattr(board, "join_line", ""))
        return evaluation.count if ends_session else 0

    def update_status(self) -> None:
        found = self.app.query("#status")
        if not found:  # the board is closing: a late autosave has no status line to show
            return
        status = found.only_one(Static)
        counted = t_count("count.cards", len(self.app.board.session.cards))
        if self.app.board.live:
            status.set_class(not self.app.connected, "offline")
            if self.app.ended:
                self._show_status(status, "■ " + self.app.ended)
                return
            if not self.app.connected:
                self._show_status(status, "⚠ " + t("board.offline"))
                return
            # People at the table, never connections nor seats that left it.
            seated = {
                p.id for p in self.app.board.session.participants if p.role is not Role.OBSERVER
            }
            online = len(seated & set(self.app.online))
            text = t("board.online_status", url=self.app.board.label, cards=counted, online=online)
        else:
            saved = self._saved_note or t("board.saved")
            state = t("board.unsaved") if self.app.board.dirty else saved
            text = t("board.status", file=self.app.board.label, cards=counted, state=state)
        if self.app.marked:
            text = t("cluster.marked", count=len(self.app.marked)) + " · " + text
        if self.app.lobby:  # only facilitators hear who waits
            number = len(self.app.lobby)
            waiting = t("lobby.count.one" if number == 1 else "lobby.count", count=number)
            text = f"⏳ {waiting} · {text}"
        self._show_status(status, text)

    def _show_status(self, status: Static, text: str) -> None:
        # Drawn again only when it changed: the status line is as wide as the screen, and
        # a frame that redraws it takes in every column above it as well.
        if text != self._status_shown:
            self._status_shown = text
            status.update(Content(text), layout=False)
