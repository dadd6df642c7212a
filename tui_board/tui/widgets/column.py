"""A board column: the theme's title and guiding question above its cards."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from tui_board.core.i18n import t, t_count
from tui_board.core.model import Card, Theme
from tui_board.tui.keys import written
from tui_board.tui.widgets.cardlist import CardList, Header, Labeler, ellipsize, wrap_cells

FOLDED_TITLE_LINES = 4
"""Lines a folded column gives its title (the card count follows below)."""


def fold_title(title: str, width: int, lines: int) -> list[str]:
    """`title` in at most `lines` lines of at most `width` cells, broken between words.

    A word wider than a line ends in "…" instead of running on to the next line
    ("maatschappe…", never "maatschappel" / "ijke"); a title that needs more lines than
    it has ends its last line in "…".
    """
    width, lines = max(1, width), max(1, lines)
    folded: list[str] = []
    for word in title.split():
        word = ellipsize(word, width)
        if folded and cell_len(folded[-1]) + 1 + cell_len(word) <= width:
            folded[-1] += " " + word
        else:
            folded.append(word)
    if len(folded) > lines:
        last = folded[lines - 1].removesuffix("…")
        while last and cell_len(last) + 1 > width:
            last = last[:-1]
        folded = [*folded[: lines - 1], last.rstrip() + "…"]
    return folded


class _Label(Static):
    """A header text whose size the board sets (see `ColumnView._size_updated`)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class ColumnView(Vertical):
    """One theme. Collapsed (narrow screens) it shows only its title and card count."""

    def __init__(
        self,
        theme: Theme,
        cards: list[Card],
        labeler: Labeler,
        header: Header | None = None,
        marked: set[str] | None = None,
    ) -> None:
        super().__init__(classes="column")
        self.theme = theme
        self.cards = CardList(
            theme.id,
            cards,
            labeler,
            t("board.empty", press=written("new")),
            header=header,
            marked=marked,
        )
        self._header = _Label(classes="column-header")
        self._collapsed_label = _Label(classes="column-collapsed")
        self._waiting = 0
        self.fold_width = 12
        """Cells a folded column has for its title (the board sets it, `BoardApp._layout`)."""
        self._shown: tuple[object, ...] = ()
        """What the header shows now (it is drawn again only when that changes)."""

    def compose(self) -> ComposeResult:
        yield self._header
        yield self._collapsed_label
        yield self.cards

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual lays the whole screen out once more when a widget's size changed, to
        # settle scrollbars; nothing in a column scrolls but its card list (which does
        # its own), so when a column folds or unfolds (narrow screens) that second layout
        # would only cost the key a second frame.
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def on_mount(self) -> None:
        self.update_header()

    def update_header(self, waiting: int | None = None) -> None:
        """Show the title, the question, how many cards there are and how many wait."""
        if waiting is not None:
            self._waiting = waiting
        count = len(self.cards.cards)
        counted = t_count("board.cards", count)
        if self._waiting:
            counted += " · " + t_count("room.waiting_theme", self._waiting)
        mark = "▶ " if self.has_class("active") else ""
        shown = (mark, self.theme.title, self.theme.question, counted, self.fold_width)
        if shown == self._shown:
            return
        self._shown = shown
        self._header.update(
            Content.assemble(
                (mark + self.theme.title, "bold"),
                "\n",
                (self.theme.question, "italic"),
                "\n",
                (counted, "dim"),
            ),
            layout=False,  # the header's height is set by the board, not by its text
        )
        folded = "\n".join(fold_title(self.theme.title, self.fold_width, FOLDED_TITLE_LINES))
        self._collapsed_label.update(
            Content.assemble((folded, "bold"), "\n\n", (str(count), "bold")),
            layout=False,
        )

    def header_lines(self) -> int:
        """How many lines the header needs at the current width (title, question, count)."""
        width = max(4, self._header.content_region.width or self.size.width - 2)
        title = wrap_cells("▶ " + self.theme.title, width) or [""]
        question = wrap_cells(self.theme.question, width) if self.theme.question else [""]
        return len(title) + len(question) + 1

    def set_header_height(self, lines: int) -> None:
        """Give the header `lines` lines of text, so that all columns' cards line up."""
        self._header.styles.height = lines + 2

    def set_state(self, *, active: bool, collapsed: bool) -> None:
        """Mark this column as the keyboard's and/or collapsed."""
        if collapsed != self.has_class("collapsed"):
            # The cards show or hide: style the whole column again.
            self.update_classes({"active": active, "collapsed": collapsed})
        elif active != self.has_class("active"):
            # Only the header looks different (app.tcss: `.column.active .column-header`);
            # the card list draws its cursor itself (`set_active`). Styling the card list
            # again would redraw its scrollbar too, a whole column of the screen per key.
            self.set_class(active, "active", update=False)
            self.app.stylesheet.update_nodes((self, self._header), animate=True)
        self.cards.set_active(active)
        self.update_header()
