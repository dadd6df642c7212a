"""One column's cards, drawn with Textual's line API.

Only the lines on screen are drawn; each card's lines are cached until the card, the
width or the cursor changes, so adding or editing one card never redraws the others.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Card
from ..text import clean_text

Labeler = Callable[[Card], str]
Header = Callable[[str], str]
"""The line above a cluster's first card: its title, size and dots (from the cluster id)."""
SortKey = Callable[[Card], tuple[int | str, ...]]
"""The order of a column: the board's own (position) unless sorted, e.g. by dots."""


@dataclass(frozen=True, slots=True)
class _Layout:
    width: int
    lines: tuple[str, ...]
    meta: tuple[str, ...]
    head: tuple[str, ...] = ()
    """The cluster header above the card (only on a cluster's first card here)."""
    source: tuple[str, bool] = ("", False)
    """What the header and the mark were made from, to know when to lay out again."""


def _no_header(cluster_id: str) -> str:
    return ""


class CardList(ScrollView, can_focus=False):
    """The cards of one theme, in board order, with a cursor."""

    COMPONENT_CLASSES = {
        "cardlist--text",
        "cardlist--meta",
        "cardlist--cursor",
        "cardlist--cursor-meta",
        "cardlist--bar",
        "cardlist--empty",
        "cardlist--cluster",
        "cardlist--marked",
    }

    DEFAULT_CSS = """
    CardList { overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 1; }
    """

    class Clicked(Message):
        """A card was clicked: the screen moves the cursor there."""

        def __init__(self, theme: str, index: int) -> None:
            super().__init__()
            self.theme = theme
            self.index = index

    def __init__(
        self,
        theme: str,
        cards: list[Card],
        labeler: Labeler,
        empty: str,
        header: Header | None = None,
        marked: set[str] | None = None,
    ) -> None:
        super().__init__()
        self._header = header or _no_header
        self.marked: set[str] = marked if marked is not None else set()
        """Cards marked with space (shared by every column of the board)."""
        self.theme = theme
        self._key: SortKey = _order
        self._cards = sorted(cards, key=self._key)
        self._keys = [self._key(c) for c in self._cards]
        self._labeler = labeler
        self._empty = empty
        self._layout: dict[str, _Layout] = {}
        self._strips: dict[tuple[str, bool], list[Strip]] = {}
        self._offsets: list[int] = []
        self._total = 0
        self._width = 0
        self.cursor = 0
        self.active = False

    # --- data -------------------------------------------------------------------------

    @property
    def cards(self) -> list[Card]:
        """The cards in board order (do not mutate)."""
        return self._cards

    def current(self) -> Card | None:
        """The card under the cursor, if any."""
        return self._cards[self.cursor] if 0 <= self.cursor < len(self._cards) else None

    def index_of(self, card_id: str) -> int:
        """The index of a card in this column, or -1."""
        return next((i for i, c in enumerate(self._cards) if c.id == card_id), -1)

    def put(self, card: Card) -> None:
        """Add or replace a card; only its own lines are laid out again."""
        old = self.index_of(card.id)
        if old >= 0:
            del self._cards[old]
            del self._keys[old]
        key = self._key(card)
        new = bisect_right(self._keys, key)
        self._cards.insert(new, card)
        self._keys.insert(new, key)
        self._forget(card.id)
        if old < 0 and new <= self.cursor and len(self._cards) > 1:
            self.cursor += 1
        self._relayout(min(new, old) if old >= 0 else new)

    def discard(self, card_id: str) -> None:
        """Remove a card if it is here."""
        index = self.index_of(card_id)
        if index < 0:
            return
        del self._cards[index]
        del self._keys[index]
        self._forget(card_id)
        if index < self.cursor or self.cursor >= len(self._cards):
            self.cursor = max(0, self.cursor - 1)
        self._relayout(index)

    def sort_by(self, key: SortKey | None) -> None:
        """Show the cards in another order (None: the board's own order)."""
        self._key = key or _order
        self.reset(list(self._cards))

    def reset(self, cards: list[Card]) -> None:
        """Replace every card (a resync); the cursor stays where it can."""
        self._cards = sorted(cards, key=self._key)
        self._keys = [self._key(c) for c in self._cards]
        self.cursor = min(self.cursor, max(0, len(self._cards) - 1))
        self.relabel()

    def relabel(self) -> None:
        """Names or organisations changed: lay out every card again."""
        self._layout.clear()
        self._strips.clear()
        self._relayout(0)

    def redraw(self, card_id: str) -> None:
        """A card's mark or its cluster's header changed: lay it out again."""
        index = self.index_of(card_id)
        if index >= 0:
            self._forget(card_id)
            self._relayout(index)

    def set_cursor(self, index: int) -> None:
        """Move the cursor (clamped) and bring that card into view."""
        if not self._cards:
            self.cursor = 0
            return
        index = max(0, min(index, len(self._cards) - 1))
        previous = self.cursor
        self.cursor = index
        self._refresh_card(previous)
        self._refresh_card(index)
        self.scroll_to_cursor()

    def set_active(self, active: bool) -> None:
        """Whether this is the column the keyboard is in (the cursor shows only then)."""
        if active != self.active:
            self.active = active
            self._refresh_card(self.cursor)

    def scroll_to_cursor(self) -> None:
        """Scroll so the whole cursor card is visible."""
        if not self._cards or not self._offsets or self.cursor >= len(self._offsets):
            return
        top = self._offsets[self.cursor]
        height = self._height(self.cursor)
        self.scroll_to_region(Region(0, top, 1, height), animate=False, immediate=True)

    # --- layout -----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self.size.width != self._width:
            self._layout.clear()
            self._strips.clear()
            self._relayout(0)

    def _forget(self, card_id: str) -> None:
        self._layout.pop(card_id, None)
        self._strips.pop((card_id, True), None)
        self._strips.pop((card_id, False), None)

    def _lay(self, index: int) -> _Layout:
        card = self._cards[index]
        width = max(4, self._width - 3)
        first = card.cluster and (index == 0 or self._cards[index - 1].cluster != card.cluster)
        source = (card.cluster if first else "", card.id in self.marked)
        layout = self._layout.get(card.id)
        if layout is None or layout.width != width or layout.source != source:
            self._strips.pop((card.id, True), None)
            self._strips.pop((card.id, False), None)
            text = clean_text(card.text) or " "
            lines = textwrap.wrap(text, width, break_on_hyphens=False) or [" "]
            label = clean_text(self._labeler(card))
            meta = textwrap.wrap(label, width, break_on_hyphens=False) if label else []
            head_text = clean_text(self._header(source[0])) if source[0] else ""
            head = textwrap.wrap(head_text, width + 2, break_on_hyphens=False)
            layout = _Layout(width, tuple(lines), tuple(meta), tuple(head), source)
            self._layout[card.id] = layout
        return layout

    def _height(self, index: int) -> int:
        layout = self._lay(index)
        return len(layout.head) + len(layout.lines) + len(layout.meta) + 1

    def _relayout(self, start: int) -> None:
        """Recompute line offsets from card `start` on (the cards before it are unchanged)."""
        self._width = self.size.width
        start = max(0, min(start, len(self._offsets), len(self._cards)))
        del self._offsets[start:]
        line = self._offsets[-1] + self._height(start - 1) if start > 0 else 0
        for index in range(start, len(self._cards)):
            self._offsets.append(line)
            line += self._height(index)
        self._total = line if self._cards else 2
        self.virtual_size = Size(self._width, self._total)
        self.refresh()

    def _refresh_card(self, index: int) -> None:
        if 0 <= index < len(self._offsets):
            top = self._offsets[index] - round(self.scroll_offset.y)
            self.refresh(Region(0, top, self.size.width, self._height(index)))

    # --- drawing ----------------------------------------------------------------------

    def _card_strips(self, index: int) -> list[Strip]:
        card = self._cards[index]
        focused = self.active and index == self.cursor
        cached = self._strips.get((card.id, focused))
        if cached is not None:
            return cached
        layout = self._lay(index)
        width = self._width
        style = self.get_component_rich_style("cardlist--cursor" if focused else "cardlist--text")
        meta = self.get_component_rich_style(
            "cardlist--cursor-meta" if focused else "cardlist--meta"
        )
        bar = self.get_component_rich_style("cardlist--bar")
        strips: list[Strip] = []
        head = self.get_component_rich_style("cardlist--cluster")
        for text in layout.head:
            strips.append(Strip([Segment(text, head)]).adjust_cell_length(width, head))
        side = "┆ " if card.cluster else "│ "
        chosen = card.id in self.marked
        for number, text in enumerate(layout.lines):
            mark = ("▶ " if number == 0 else "┃ ") if focused else side
            if chosen and number == 0:
                mark = "✓ "
            mark_style = self.get_component_rich_style("cardlist--marked") if chosen else bar
            strips.append(self._line(mark, style if focused else mark_style, text, style, width))
        for text in layout.meta:
            strips.append(self._line("┃ " if focused else side, bar, text, meta, width))
        strips.append(Strip.blank(width))
        self._strips[(card.id, focused)] = strips
        return strips

    @staticmethod
    def _line(mark: str, mark_style: Style, text: str, style: Style, width: int) -> Strip:
        strip = Strip([Segment(mark, mark_style), Segment(text, style)])
        return strip.adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = round(self.scroll_offset.y) + y
        if not self._cards:
            hint = textwrap.wrap(self._empty, max(4, width - 2))
            if y < len(hint):
                style = self.get_component_rich_style("cardlist--empty")
                return Strip([Segment(hint[y], style)]).adjust_cell_length(width)
            return Strip.blank(width)
        if line >= self._total:
            return Strip.blank(width)
        index = bisect_right(self._offsets, line) - 1
        strips = self._card_strips(index)
        local = line - self._offsets[index]
        return strips[local] if local < len(strips) else Strip.blank(width)

    def on_click(self, event: events.Click) -> None:
        line = round(self.scroll_offset.y) + event.y
        if self._cards and line < self._total:
            index = bisect_right(self._offsets, line) - 1
            self.post_message(self.Clicked(self.theme, index))


def _order(card: Card) -> tuple[int | str, ...]:
    return (0, card.position, card.id)
