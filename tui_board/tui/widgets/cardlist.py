"""One column's cards, drawn with Textual's line API.

Only the lines on screen are drawn; each card's lines are cached until the card, the
width or the cursor changes, so adding or editing one card never redraws the others.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, split_graphemes
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_board.core.model import Card
from tui_board.core.text import card_lines, clean_text

Labeler = Callable[[Card], str]
Header = Callable[[str], str]
"""The line above a cluster's first card: its title, size and dots (from the cluster id)."""
SortKey = Callable[[Card], tuple[int | str, ...]]
"""The order of a column: the board's own (position) unless sorted, e.g. by dots."""

CARDS_KEPT = 64
"""Cards whose wrapped text and drawn lines a column keeps; beyond that only the cards on
screen keep them (every card keeps its height).

Textual keeps the lines it shows itself; each drawn line is some ten objects for the
garbage collector and about a kilobyte, so a column scrolled through from top to bottom
would otherwise keep all its cards drawn, and a board keeps the wrapped text of all its
cards (0.6 MiB for 1000 cards) while it shows some forty."""


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


def wrap_cells(text: str, width: int) -> list[str]:
    """`textwrap.wrap(text, width, break_on_hyphens=False)`, with the width counted in
    terminal cells: a CJK character or an emoji takes two, a combining mark none.

    A word wider than a line is cut between graphemes (an emoji sequence such as 👩‍💻
    stays whole), so no line is ever wider than `width` and no text is cut off.
    """
    if not text or max(text) < "\u0300":  # every character is one cell: textwrap counts right
        return textwrap.wrap(text, width, break_on_hyphens=False)
    return _CellWrapper(width, break_on_hyphens=False).wrap(text)


class _CellWrapper(textwrap.TextWrapper):
    """A TextWrapper that measures in cells (no indents, placeholders or line limits)."""

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks.reverse()  # a stack: the next chunk is the last
        while chunks:
            line: list[str] = []
            used = 0
            if lines and not chunks[-1].strip():
                del chunks[-1]  # no space at the start of a following line
            while chunks and used + cell_len(chunks[-1]) <= self.width:
                used += cell_len(chunks[-1])
                line.append(chunks.pop())
            if chunks and cell_len(chunks[-1]) > self.width:
                head, tail = _cut_cells(chunks[-1], self.width - used, force=not line)
                if head:
                    line.append(head)
                chunks[-1] = tail
            if line and not line[-1].strip():
                del line[-1]  # nor at its end
            if line:
                lines.append("".join(line))
        return lines


def ellipsize(text: str, width: int) -> str:
    """`text` if it fits in `width` cells, else as much as fits before a "…" (whole
    graphemes)."""
    if cell_len(text) <= width:
        return text
    head, _ = _cut_cells(text, max(0, width - 1), force=False)
    return head.rstrip() + "…"


def _cut_cells(word: str, room: int, *, force: bool) -> tuple[str, str]:
    """The graphemes of `word` that fit in `room` cells and the rest; with `force` at least
    one grapheme (a line narrower than one character still moves on)."""
    spans, _ = split_graphemes(word)
    end = used = 0
    for _start, stop, cells in spans:
        if used + cells > room and (end or not force):
            break
        end, used = stop, used + cells
    return word[:end], word[end:]


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
        self._heights: dict[str, tuple[int, tuple[str, bool], int]] = {}
        """Lines per card: width, source (as in `_Layout`) and height, for every card."""
        self._strips: dict[tuple[str, bool], list[Strip]] = {}
        self._offsets: list[int] = []
        self._total = 0
        self._width = 0
        self._sized: tuple[Size, Size, Size, Size] | None = None
        """What the scrollbars were last set up for (see `_size_updated`)."""
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
        if old >= 0:
            self._relayout(min(new, old), max(new, old))
        else:
            self._relayout(new)

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

    def set_empty(self, empty: str) -> None:
        """Say `empty` while there are no cards (drawn again only if it shows and changed)."""
        if empty != self._empty:
            self._empty = empty
            if not self._cards:
                self.refresh()

    def reset(self, cards: list[Card]) -> None:
        """Replace every card (a resync); the cursor stays where it can."""
        self._cards = sorted(cards, key=self._key)
        self._keys = [self._key(c) for c in self._cards]
        self.cursor = min(self.cursor, max(0, len(self._cards) - 1))
        self.relabel()

    def relabel(self) -> None:
        """Names or organisations changed: lay out every card again."""
        self._layout.clear()
        self._heights.clear()
        self._strips.clear()
        self._relayout(0)

    def redraw(self, card_id: str) -> None:
        """A card's mark or its cluster's header changed: lay it out again."""
        index = self.index_of(card_id)
        if index >= 0:
            self._forget(card_id)
            self._relayout(index, index)

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
            self._heights.clear()
            self._strips.clear()
            self._relayout(0)

    def _forget(self, card_id: str) -> None:
        self._layout.pop(card_id, None)
        self._heights.pop(card_id, None)
        self._strips.pop((card_id, True), None)
        self._strips.pop((card_id, False), None)

    def _source(self, index: int) -> tuple[str, bool]:
        """What a card's lines depend on besides its text: heading its cluster, marked."""
        card = self._cards[index]
        first = card.cluster and (index == 0 or self._cards[index - 1].cluster != card.cluster)
        return (card.cluster if first else "", card.id in self.marked)

    def _lay(self, index: int) -> _Layout:
        card = self._cards[index]
        width = max(4, self._width - 3)
        source = self._source(index)
        layout = self._layout.get(card.id)
        if layout is None or layout.width != width or layout.source != source:
            layout = self._wrap(card, width, source)
            if len(self._layout) >= CARDS_KEPT:
                shown = self._on_screen()
                self._layout = {key: kept for key, kept in self._layout.items() if key in shown}
            self._layout[card.id] = layout
        return layout

    def _wrap(self, card: Card, width: int, source: tuple[str, bool]) -> _Layout:
        """Lay a card out (its drawn lines, from an older layout, are forgotten)."""
        self._strips.pop((card.id, True), None)
        self._strips.pop((card.id, False), None)
        # Each line of the card is wrapped on its own; a blank line between two stays blank.
        lines = [row for line in card_lines(card.text) for row in wrap_cells(line, width) or [""]]
        lines = lines or [" "]
        label = clean_text(self._labeler(card))
        meta = wrap_cells(label, width) if label else []
        head_text = clean_text(self._header(source[0])) if source[0] else ""
        head = wrap_cells(head_text, width + 2)
        self._heights[card.id] = (width, source, len(head) + len(lines) + len(meta) + 1)
        return _Layout(width, tuple(lines), tuple(meta), tuple(head), source)

    def _height(self, index: int) -> int:
        card = self._cards[index]
        width = max(4, self._width - 3)
        source = self._source(index)
        known = self._heights.get(card.id)
        if known is None or known[0] != width or known[1] != source:
            self._layout.pop(card.id, None)  # out of date as well: laid out when drawn
            self._wrap(card, width, source)
            known = self._heights[card.id]
        return known[2]

    def _on_screen(self) -> set[str]:
        """The ids of the cards that are (partly) on screen."""
        top = round(self.scroll_offset.y)
        first = max(0, bisect_right(self._offsets, top) - 1)
        last = bisect_right(self._offsets, top + self.size.height)
        return {card.id for card in self._cards[first:last]}

    def _relayout(self, start: int, end: int | None = None) -> None:
        """Recompute line offsets from card `start` on (the cards before it are unchanged).

        `end` is the last card that changed when the number of cards stayed the same (an
        edit, a reorder): if the cards after it keep their lines, only the lines of cards
        `start`..`end` are drawn again, otherwise every line from card `start` down.
        """
        new_width = self._width != self.size.width
        self._width = self.size.width
        hinted = not self._offsets  # no cards were laid out: the empty hint showed
        start = max(0, min(start, len(self._offsets), len(self._cards)))
        before = self._offsets[start:]
        del self._offsets[start:]
        line = self._offsets[-1] + self._height(start - 1) if start > 0 else 0
        for index in range(start, len(self._cards)):
            self._offsets.append(line)
            line += self._height(index)
        total = self._total
        self._total = line if self._cards else 2
        self._set_virtual_size(Size(self._width, self._total))
        if new_width or not self._cards:
            self.refresh()
            return
        first = self._offsets[start] if start < len(self._cards) else self._total
        # Down to the end of the cards before or after, whichever is lower: the blank lines
        # under both stay blank (a card that comes costs its column's lines, not its height).
        last = self.size.height + round(self.scroll_offset.y) if hinted else max(total, self._total)
        if end is not None and total == self._total and len(before) == len(self._cards) - start:
            after = end + 1 - start
            if 0 < after <= len(before) and before[after:] == self._offsets[end + 1 :]:
                last = self._offsets[end + 1] if end + 1 < len(self._offsets) else self._total
        self._refresh_lines(first, last)
        self._refresh_card(self.cursor)

    def _refresh_lines(self, first: int, last: int) -> None:
        """Draw the lines `first` to `last` (of the whole column) again where they show."""
        scrolled = round(self.scroll_offset.y)
        top = max(0, first - scrolled)
        bottom = min(self.size.height, last - scrolled)
        if bottom > top:
            self.refresh(Region(0, top, self.size.width, bottom - top))

    def _set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size; lay the screen out again only when a scrollbar comes or goes.

        The list's own size does not depend on its cards (`height: 1fr`), so when only the
        number of lines changed nothing else on the screen moves. Setting `virtual_size`
        the usual way asks for a layout of the whole screen, and that layout redraws the
        scrollbar once more after the frame, which costs the key a second frame. Here the
        scrollbar is brought up to date at once, in the same frame as the cards.
        """
        if size == self.virtual_size:
            return
        if not self.display:
            # Folded away (a column on a narrow screen): nothing to lay out or draw, and
            # showing it lays it out with this size. The usual way would lay out the whole
            # screen for every card that lands in a folded column.
            self.set_reactive(CardList.virtual_size, size)
            return
        if self._sized is None:
            self.virtual_size = size  # not laid out yet: the usual way
            return
        self.set_reactive(CardList.virtual_size, size)
        # Shows or hides the scrollbar (that does lay out again) and sets its size.
        self._scroll_update(size)
        self._sized = (*self._sized[:3], size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Textual's ScrollView treats every layout of the screen as a change of its size
        # (it compares the compositor's content size with `virtual_size`, which always
        # differ), so it redraws its scrollbar after each layout - one frame more for a
        # key that opens or closes the editor. Only pass on real changes.
        sized = (size, virtual_size, container_size, self.virtual_size)
        if sized == self._sized:
            return False
        self._sized = sized
        return super()._size_updated(size, virtual_size, container_size, layout)

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
                mark = "▶✓ " if focused else "✓ "  # the cursor shows, not only by colour
            mark_style = self.get_component_rich_style("cardlist--marked") if chosen else bar
            strips.append(self._line(mark, style if focused else mark_style, text, style, width))
        for text in layout.meta:
            strips.append(self._line("┃ " if focused else side, bar, text, meta, width))
        strips.append(Strip.blank(width))
        if len(self._strips) >= CARDS_KEPT:
            shown = self._on_screen()
            self._strips = {key: kept for key, kept in self._strips.items() if key[0] in shown}
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
            hint = wrap_cells(self._empty, max(4, width - 2))
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
