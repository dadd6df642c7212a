"""The board's layout: every column side by side when they fit, else the active column wide
and its neighbours folded (the narrow layout); side panels share what is left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_board.core.model import Role
from tui_board.tui.widgets.people import PeoplePanel

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

PEOPLE_WIDTH = 34
"""Width of the participants panel and the other side panels (as in app.tcss)."""

PANEL_WIDTH = 22
"""The least width of a side panel when two or three share a narrow screen."""

WIDE_COLUMN = 30
"""Below this many cells per column the board switches to the narrow layout."""

FOLDED_WIDTH = 14
"""The least width of a folded column: narrower, its title cannot be read."""


def shown_columns(count: int, active: int, width: int) -> range:
    """Which of `count` columns the narrow layout shows in `width` cells: the active one
    and as many folded ones of at least `FOLDED_WIDTH` cells as fit, the active one's
    neighbours first (a side panel takes room; the arrow keys still reach them all)."""
    room = max(0, (width - WIDE_COLUMN) // FOLDED_WIDTH)
    if room >= count - 1:
        return range(count)
    first = max(0, min(active - room // 2, count - 1 - room))
    return range(first, first + room + 1)


class BoardLayout:
    """Lays the columns and the side panels out for a width."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def apply(self, screen_width: int | None = None) -> None:
        count = len(self.app.columns)
        panels = (
            self.app.query_one(PeoplePanel),
            self.app.rules_panel,
            self.app.agreements_panel,
            self.app.voice_panel,
            self.app.terugblik_panel,
            self.app.evaluation_panel,
            self.app.principles_panel,
        )
        screen_width = self.app.size.width if screen_width is None else screen_width
        opened = [panel for panel in panels if panel.display]
        # Side panels share what the active column leaves, down to PANEL_WIDTH each.
        share = (screen_width - WIDE_COLUMN) // max(1, len(opened))
        panel_width = max(PANEL_WIDTH, min(PEOPLE_WIDTH, share))
        for panel in opened:
            if panel.styles.width is None or panel.styles.width.value != panel_width:
                panel.styles.width = panel_width
        width = screen_width - panel_width * len(opened)
        self.app.narrow = count > 1 and width < WIDE_COLUMN * count
        shown = shown_columns(count, self.app.active, width) if self.app.narrow else range(count)
        narrow_width = FOLDED_WIDTH
        watching = self.app.board.actor.role is Role.OBSERVER
        for index, column in enumerate(self.app.columns):
            active = index == self.app.active
            collapsed = self.app.narrow and not active
            column.fold_width = narrow_width - 2  # its left padding and right border
            column.set_state(active=active and not watching, collapsed=collapsed)
            column.styles.width = narrow_width if collapsed else "1fr"
            if column.display != (index in shown):
                column.display = index in shown
        self.app.call_after_refresh(self._align_headers)

    def _align_headers(self) -> None:
        shown = [column for column in self.app.columns if not column.has_class("collapsed")]
        lines = max((column.header_lines() for column in shown), default=3)
        for column in shown:
            column.set_header_height(lines)

    def resized(self, width: int) -> None:
        """Lay out for the new `width` at once (Textual records the new size only after the
        app's own handler), and fit the room bar and the spotlight once it has."""
        self.apply(width)
        self.app.update_key_bar(width)
        self.app.call_next(self._refit_room)  # once Textual has the new size (app.size)

    def _refit_room(self) -> None:
        """The room bar's big clock and the projector's spotlight for the new size."""
        self.app.room_view.refresh_bar()
        self.app.spotlight_panel.refit()
