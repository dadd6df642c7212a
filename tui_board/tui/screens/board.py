"""The board's own screen (the app's default screen)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Console
from rich.control import Control
from textual import on
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from tui_board.tui.widgets.cardlist import CardList
from tui_board.tui.widgets.editor import CardEditor

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class JoinedChops(ChopsUpdate):
    """A partial update written with one cursor move per unbroken stretch of a line.

    Textual writes every piece between two widgets' edges on its own: a cursor move, then
    each piece's styles anew, also where a widget on top covers those edges (the card
    editor's field lies over four columns). Here the pieces that follow each other on a line
    are joined, and neighbouring text of one style written once: the same cells in the
    same styles, in a third of the bytes for a key in the editor (every byte is also
    encrypted and sent over SSH, and read by the participant's terminal).
    """

    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            pieces: list[Strip] = []
            start = at = -1
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):  # (as Textual: from x, to the span's end)
                    strip = strip.crop(0, min(end, x2) - x)
                if x != at and pieces:
                    append(move_to(start, y).segment.text)
                    append(Strip.join(pieces).simplify().render(console))
                    pieces = []
                if not pieces:
                    start = x
                pieces.append(strip)
                at = x + strip.cell_length
            if pieces:
                append(move_to(start, y).segment.text)
                append(Strip.join(pieces).simplify().render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)


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

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        return update and JoinedChops(update.chops, update.spans, update.chop_ends)


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
