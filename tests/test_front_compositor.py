"""What a frame of the board draws: not what lies wholly behind another widget (the
board's compositor), the same cells as Textual's own compositor in fewer bytes, not the blank
lines under a column's cards, and no layout of the screen for a card in a folded column."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte
import pytest
from boardkit import make_app, record_drawn, screen_text, session_file
from textual import events
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

from tui_board.core.ops import CardPut
from tui_board.tui.screens.board import FrontCompositor, JoinedChops
from tui_board.tui.widgets.cardlist import CardList

CARDS = {
    theme: [f"Kaart {n} in {theme}, lang genoeg om over twee regels te lopen" for n in range(9)]
    for theme in ("rollen", "leren", "vertrouwen", "doelen")
}


def _shown(
    chops: Sequence[Mapping[int, Strip | None]], spans: list[tuple[int, int, int]]
) -> list[tuple[int, int, Strip | None]]:
    """The chops a partial update writes: those that reach into one of its spans."""
    return [
        (y, x, strip)
        for y, x1, x2 in spans
        for x, strip in chops[y].items()
        if strip is not None and x < x2 and x + strip.cell_length > x1
    ]


async def test_a_key_in_the_editor_draws_the_field_not_the_board_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[CardList] = []
    render_lines: Callable[..., list[Strip]] = CardList.render_lines

    def counted(self: CardList, *args: object) -> list[Strip]:
        drawn.append(self)
        return render_lines(self, *args)

    monkeypatch.setattr(CardList, "render_lines", counted)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen._compositor, FrontCompositor)
        await pilot.press("n")
        await pilot.pause()
        drawn.clear()
        for character in "een kaart":
            await pilot.press("space" if character == " " else character)
            await pilot.pause()
        assert app.editor.is_open and "een kaart" in app.editor._input.text
        assert drawn == [], "the card lists under the field were drawn for a key"
        await pilot.press("escape")
        await pilot.pause()
        assert drawn, "closing the editor draws the cards it covered"


def _cells(screen: pyte.Screen) -> list[object]:
    """Every cell: its character, colours and styles."""
    return [screen.buffer[y][x] for y in range(screen.lines) for x in range(screen.columns)]


async def test_every_frame_writes_what_textuals_own_compositor_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each partial update of the board, drawn a second time with every widget (Textual's
    `_get_renders`), has the same strips in the same cells; and written as Textual writes
    it (`ChopsUpdate`) and as the board does (`JoinedChops`) into two terminals (pyte), it
    leaves the same characters in the same colours and styles, in fewer bytes."""
    written = {"textual": 0, "board": 0}
    terminals = {name: pyte.Screen(100, 30) for name in written}
    streams = {name: pyte.Stream(terminals[name]) for name in written}
    partial = FrontCompositor.render_partial_update
    frames: list[int] = []

    def twice(self: FrontCompositor) -> ChopsUpdate | None:
        regions = set(self._dirty_regions)
        update = partial(self)
        if update is not None:
            spans = list(self._regions_to_spans(regions))
            lines = {y for y, _, _ in spans}.__contains__
            crop = Region.from_union(list(regions)).intersection(self.size.region)
            every = Compositor._get_renders.__get__(self)
            monkeypatch.setattr(self, "_get_renders", every)
            try:
                whole = self._render_chops(crop, lines)
            finally:
                monkeypatch.delattr(self, "_get_renders")
            assert _shown(update.chops, spans) == _shown(whole, spans)
            assert isinstance(update, JoinedChops)
            textual = ChopsUpdate(update.chops, update.spans, update.chop_ends)
            for name, way in (("textual", textual), ("board", update)):
                sequences = way.render_segments(app.console)
                written[name] += len(sequences.encode())
                streams[name].feed(sequences)
            assert _cells(terminals["board"]) == _cells(terminals["textual"])
            frames.append(len(spans))
        return update

    monkeypatch.setattr(FrontCompositor, "render_partial_update", twice)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        keys = ["n", *"nieuw", "enter", "down", "down", "right", "n", *"tweede", "escape"]
        keys += ["right", "up", "e", "backspace", "x", "enter", "left", "n", *"één 🙂", "enter"]
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("n", *"klein")
        await pilot.pause()
    assert len(frames) > len(keys), "every key drew a frame"
    assert written["board"] < written["textual"] * 2 / 3, written


async def test_a_new_card_draws_its_column_down_to_the_cards_end_not_the_blank_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card that comes redraws the lines from its place to the end of the cards; the blank
    lines under them stay as they are (each was a row of spaces sent again)."""
    drawn = record_drawn(monkeypatch)
    app = make_app(session_file(tmp_path, {"rollen": ["Eén kaart", "Twee kaarten"]}))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        cards = app.columns[0].cards
        await pilot.press("n", *"drie")
        await pilot.pause()
        editor_top = app.editor.region.y  # the closed editor's rows are drawn again
        drawn.clear()
        await pilot.press("enter")
        await pilot.pause()
        assert [card.text for card in cards.cards][-1] == "drie"
        end = cards.region.y + cards.virtual_size.height  # the last line of the cards
        column = cards.region.intersection(Region(0, end, app.size.width, app.size.height))
        below = [r for r in drawn if r.overlaps(column) and r.y < editor_top]
        assert not below, f"drew blank lines under the cards: {below}"
        assert any(r.overlaps(cards.region) for r in drawn), "the new card was drawn"


async def test_a_card_in_a_folded_column_lays_nothing_out_and_shows_when_it_unfolds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a narrow screen the columns beside the active one are folded (title and count).
    A card that lands in one changes its count; laying the whole screen out for it (the
    card list's scroll size set the usual way) cost a full layout per card."""
    layouts: list[object] = []
    refresh_layout = Screen._refresh_layout

    def counted(self: Screen[object], *args: object, **kwargs: object) -> None:
        layouts.append(self)
        refresh_layout(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        folded = app.columns[2]
        assert app.narrow and folded.has_class("collapsed") and not folded.cards.display
        card = app.board.session.cards_in(folded.theme.id)[-1]  # the new ones come after it
        layouts.clear()
        for number in range(3):
            text = f"Van een ander, nummer {number}"
            put = card.model_copy(update={"id": f"ander{number}", "text": text})
            app.receive(
                [CardPut(card=put.model_copy(update={"position": card.position + 1 + number}))]
            )
            await pilot.pause()
        assert layouts == [], "a card in a folded column laid the screen out"
        assert len(folded.cards.cards) == len(CARDS[folded.theme.id]) + 3
        app.cards.focus_column(2)
        await pilot.pause()
        assert not folded.has_class("collapsed")
        folded.cards.set_cursor(len(folded.cards.cards) - 1)
        await pilot.pause()
        assert "Van een ander, nummer 2" in screen_text(folded.cards)
        assert folded.cards.show_vertical_scrollbar, "its scroll size came along"
