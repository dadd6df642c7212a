"""The card keys: move the keyboard between columns and cards, write, edit, delete and move
a card; help and the ways in. Each card key asks the rules first and becomes an op."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from tui_board.core.i18n import t
from tui_board.core.model import Card, Session
from tui_board.core.ops import AddCard, DeleteCard, EditCard, MoveCard, OnBehalf, new_id
from tui_board.tui.keys import KEYS, written
from tui_board.tui.screens.dialogs import ConfirmDelete, HelpScreen
from tui_board.tui.widgets.editor import CardText, NewCard, Writing

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class CardActions:
    """The keys that act on the cards and the columns."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self._sorted = False
        """Whether the columns are sorted by dots (the palette turns it on and off)."""

    def action_focus_column(self, step: int) -> None:
        """Move the keyboard to the neighbouring column."""
        self.focus_column((self.app.active + step) % len(self.app.columns))

    def action_cursor(self, step: int) -> None:
        """Move the cursor to the previous or next card."""
        cards = self.app.column.cards
        cards.set_cursor(cards.cursor + step)

    def action_new_card(self) -> None:
        """Open the editor for a new card in the active column (if the rules allow it now)."""
        theme = self.app.column.theme
        if self.app.offering.refused(AddCard):
            return
        self.open_editor(t("board.new_card", theme=theme.title), "", NewCard(theme.id))

    def action_edit_card(self) -> None:
        """Open the editor on the focused card."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return
        if self.app.offering.refused(EditCard, card.id):
            return
        self.open_editor(t("board.edit_card"), card.text, CardText(card.id))

    def open_editor(self, title: str, text: str, writing: Writing) -> None:
        """Open the card editor over the bottom of the board (above the status line); what
        is written comes back as `CardEditor.Done` (`written`)."""
        self.app.editor.open(title, text, writing, bottom=self.app.size.height - 2)
        self.app.update_key_bar()

    def written(self, writing: Writing, text: str | None) -> None:
        """The editor closed: a new card or a card's new text becomes its op, and what
        others changed while the person typed is drawn now (`editor_closed`)."""
        self.app.editor.hide()
        self.app.update_key_bar()
        try:
            self._send(writing, text)
        finally:
            self.app.live.editor_closed()

    def _send(self, writing: Writing, text: str | None) -> None:
        match writing:
            case NewCard(theme=theme, answers=answers, person=person):
                if text is None or not text.strip():
                    return
                op = AddCard(card_id=new_id(), theme=theme, text=text, answers=answers)
                sent = OnBehalf(participant=person, op=op) if person else op
                self.app.submit(sent, follow=op.card_id)
            case CardText(card_id=card_id):
                if text is not None:
                    self.app.submit(EditCard(card_id=card_id, text=text))
            case _:
                assert_never(writing)

    def action_delete_card(self) -> None:
        """Ask, then delete the focused card."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return

        def done(yes: bool | None) -> None:
            if yes and self.app.submit(DeleteCard(card_id=card.id)):
                self.app.notify(t("board.deleted"))

        self.app.push_screen(ConfirmDelete(card.text), done)

    def action_move_card(self, step: int) -> None:
        """Move the focused card to the neighbouring column (at its end); focus follows."""
        card = self.app.current_card()
        target = self.app.active + step
        if card is None or not 0 <= target < len(self.app.columns):
            return
        theme = self.app.columns[target].theme.id
        self.app.submit(MoveCard(card_id=card.id, theme=theme), follow=card.id)

    def action_reorder(self, step: int) -> None:
        """Move the focused card one place up or down in its column."""
        cards = self.app.column.cards
        card = cards.current()
        index = cards.cursor
        if card is None:
            return
        listing = cards.cards
        if step < 0:
            if index == 0:
                return
            before: str | None = listing[index - 1].id
        else:
            if index >= len(listing) - 1:
                return
            before = listing[index + 2].id if index + 2 < len(listing) else None
        self.app.submit(MoveCard(card_id=card.id, theme=card.theme, before=before), follow=card.id)

    def action_help(self) -> None:
        """Show every key this board offers its person, as the rules say, also later on."""
        offers = self.app.offering.offers
        keys = [key for key in KEYS if offers(key.action.split("(")[0])]
        self.app.push_screen(HelpScreen(self.app.board.session, keys))

    def action_entrances(self) -> None:
        """Every way to join, large, with the browser's address as a QR code."""
        if self.app.board.ways_in is not None:
            from tui_board.tui.screens.entrances import EntrancesScreen

            self.app.push_screen(EntrancesScreen(self.app.board.ways_in))

    def empty_hint(self) -> str:
        """What an empty column says: how to add a card, only to someone who may now; when
        that will be possible, in a phase without adding; else only that there is none."""
        refusal = self.app.offering.refusal(AddCard)
        if refusal is None:
            return t("board.empty", press=written("new"))
        if refusal.key == "refused.phase.add_card":
            return t("board.empty_later", **refusal.values)
        return t("board.empty_none")

    def show_empty_hints(self) -> None:
        """Give every column the empty-column hint for this person and phase."""
        hint = self.empty_hint()
        for column in self.app.columns:
            column.cards.set_empty(hint)

    def sort_by_votes(self) -> None:
        """Sort every column by dots (most first), or back to the board's order."""
        sorting = not self._sorted
        self._sorted = sorting
        tally = self.app.labels.tally
        session = self.app.board.session
        first = {c.id: session.members(c.id)[:1] for c in session.clusters}

        def by_dots(card: Card) -> tuple[int | str, ...]:
            if not card.cluster or not first.get(card.cluster):
                return (-tally.get(card.id, 0), card.position, card.id, 0, "")
            lead = first[card.cluster][0]
            # A cluster stays together, ranked by its dots, its cards in their own order.
            return (
                -self.app.labels.unit_dots(card.cluster),
                lead.position,
                lead.id,
                card.position,
                card.id,
            )

        for column in self.app.columns:
            column.cards.sort_by(by_dots if sorting else None)

    def clicked(self, theme: str, index: int) -> None:
        """A click on card `index` of `theme`'s column: the cursor goes there."""
        column = next(i for i, c in enumerate(self.app.columns) if c.theme.id == theme)
        if column != self.app.active:
            self.focus_column(column)
        self.app.column.cards.set_cursor(index)

    def focus_column(self, index: int) -> None:
        """Make column `index` the active one."""
        self.app.active = index
        self.app.layout.apply()
        self.app.column.cards.scroll_to_cursor()

    def go_to(self, card_id: str) -> None:
        """Put the cursor on card `card_id`, in its column."""
        index = next(
            i for i, c in enumerate(self.app.columns) if c.theme.id == self.app._where[card_id]
        )
        if index != self.app.active:
            self.focus_column(index)
        cards = self.app.column.cards
        cards.set_cursor(cards.index_of(card_id))

    def reload(self) -> None:
        """Show a whole new board (after a resync with the relay)."""
        session = self.app.board.session
        by_theme = self.by_theme(session)
        for column in self.app.columns:
            column.cards.reset(by_theme[column.theme.id])
            column.update_header()
        self.app._where = {card.id: card.theme for card in session.cards}
        self.app.saving.update_status()

    def by_theme(self, session: Session) -> dict[str, list[Card]]:
        """The session's cards per theme, in their order (every theme, also without cards)."""
        cards: dict[str, list[Card]] = {theme.id: [] for theme in session.themes}
        for card in session.cards:
            cards.setdefault(card.theme, []).append(card)
        return cards
