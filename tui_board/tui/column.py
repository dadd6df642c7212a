"""A board column: the theme's title and guiding question above its cards."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..i18n import t
from ..model import Card, Theme
from .cardlist import CardList, Header, Labeler


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
            theme.id, cards, labeler, t("board.empty"), header=header, marked=marked
        )
        self._header = Static(classes="column-header")
        self._collapsed_label = Static(classes="column-collapsed")
        self._waiting = 0

    def compose(self) -> ComposeResult:
        yield self._header
        yield self._collapsed_label
        yield self.cards

    def on_mount(self) -> None:
        self.update_header()

    def update_header(self, waiting: int | None = None) -> None:
        """Show the title, the question, how many cards there are and how many wait."""
        if waiting is not None:
            self._waiting = waiting
        count = len(self.cards.cards)
        counted = t("board.card_one") if count == 1 else t("board.cards", count=count)
        if self._waiting:
            one = self._waiting == 1
            counted += " · " + (
                t("room.waiting_one") if one else t("room.waiting_theme", count=self._waiting)
            )
        mark = "▶ " if self.has_class("active") else ""
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
        self._collapsed_label.update(
            Content.assemble((self.theme.title, "bold"), "\n\n", (str(count), "bold")),
            layout=False,
        )

    def header_lines(self) -> int:
        """How many lines the header needs at the current width (title, question, count)."""
        width = max(4, self._header.content_region.width or self.size.width - 2)
        title = textwrap.wrap("▶ " + self.theme.title, width) or [""]
        question = textwrap.wrap(self.theme.question, width) if self.theme.question else [""]
        return len(title) + len(question) + 1

    def set_header_height(self, lines: int) -> None:
        """Give the header `lines` lines of text, so that all columns' cards line up."""
        self._header.styles.height = lines + 2

    def set_state(self, *, active: bool, collapsed: bool) -> None:
        """Mark this column as the keyboard's and/or collapsed."""
        self.set_class(active, "active")
        self.set_class(collapsed, "collapsed")
        self.cards.set_active(active)
        self.update_header()
