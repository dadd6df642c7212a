"""The board's own screen (the app's default screen)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import on
from textual._compositor import Compositor
from textual.geometry import Region
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from tui_board.tui.widgets.cardlist import CardList
from tui_board.tui.widgets.editor import CardEditor

if TYPE_CHECKING:
    from textual.strip import Strip

    from tui_board.tui.app import BoardApp


class FrontCompositor(Compositor):
    """Textual's compositor, without drawing what lies wholly behind another widget.

    A partial update draws the widgets that overlap the changed area front to back, each
    whole, and of every cell keeps the first widget's. Once one widget covers the area, none
    behind it can show in it: they are left undrawn (a widget left so keeps what it has to
    draw for a later frame). A key in the card editor changes its field only, which the
    field covers: the ~19 widgets of the board under it were drawn for nothing.
    """

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterator[tuple[Region, Region, list[Strip]]]:
        for region, clip, strips in super()._get_renders(crop):
            yield region, clip, strips
            if crop is not None and region.intersection(clip).contains_region(crop):
                return  # everything further is behind this widget


class BoardScreen(Screen[None]):
    """The board's screen: what its widgets post (the card editor's `Done`) goes to the key
    group that turns it into an op. Moving the focus does not draw the whole screen again.

    Textual's `Screen.focused` repaints the whole screen when it changes; the widgets whose
    look depends on the focus restyle and redraw themselves anyway. On the board the focus
    moves into the card editor and out of it on every add and edit, and that repaint cost
    those keys a second, full frame (docs/benchmarks.md).
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    AUTO_FOCUS = ""
    """Nothing has the focus on the board: its keys are the app's bindings. (The side panels
    cannot take the focus either, so ↑/↓ always move the card cursor.)"""

    def __init__(self, board: BoardApp, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.board = board
        self._compositor = FrontCompositor()

    @on(CardEditor.Done)
    def _written(self, message: CardEditor.Done) -> None:
        self.board.cards.written(message.writing, message.text)

    @on(CardList.Clicked)
    def _clicked(self, message: CardList.Clicked) -> None:
        self.board.cards.clicked(message.theme, message.index)
