"""Clusters on the board (ordenen): mark cards with space, group them with g, ungroup with
G; the rules decide who may (see `clustering`)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui_board.core.clustering import may_cluster
from tui_board.core.i18n import t, t_count
from tui_board.core.model import Card
from tui_board.core.ops import (
    ClusterSuggested,
    GroupCards,
    RenameCluster,
    SuggestCluster,
    Ungroup,
    new_id,
)
from tui_board.tui.keys import written
from tui_board.tui.screens.dialogs import LineAsk

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class ClusterActions:
    """Marks, grouping, the cluster header line and the order of clustered columns."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self.suggestions: list[ClusterSuggested] = []
        """Clusters participants proposed (facilitators' boards only; the last five)."""

    def redraw_cluster(self, cluster_id: str) -> None:
        """Lay out the header of a cluster again (its title, size or dots changed)."""
        members = self.app.board.session.members(cluster_id)
        for card in members[:1]:
            theme = self.app._where.get(card.id)
            if theme is not None:
                self.app._column_of[theme].cards.redraw(card.id)

    def vote_target(self, card: Card) -> str:
        """What a dot on this card goes to: its cluster, if it has one."""
        return card.cluster or card.id

    def action_mark(self) -> None:
        """Mark the focused card for a cluster, or unmark it."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return
        self.app.marked.symmetric_difference_update({card.id})
        self.app.column.cards.redraw(card.id)
        self.app.saving.update_status()

    def clear_marks(self) -> bool:
        """Unmark every card; whether there were marks."""
        if not self.app.marked:
            return False
        gone = list(self.app.marked)
        self.app.marked.clear()
        for card_id in gone:
            theme = self.app._where.get(card_id)
            if theme is not None:
                self.app._column_of[theme].cards.redraw(card_id)
        self.app.saving.update_status()
        return True

    def action_group(self) -> None:
        """Group the marked cards into a cluster (with the focused card's cluster, if it has
        one); without marks, rename the focused card's cluster."""
        session = self.app.board.session
        card = self.app.current_card()
        marked = [c.id for c in session.cards if c.id in self.app.marked]
        if not may_cluster(session, self.app.board.actor):
            self._suggest(marked)
            return
        if not marked:
            if card is not None and card.cluster:
                cluster = session.cluster(card.cluster)
                self._ask_title(card.cluster, cluster.title if cluster else "", ())
            else:
                self.app.notify(
                    t("cluster.mark_first", mark=written("mark"), group=written("group"))
                )
            return
        if card is not None and card.cluster:
            cluster = session.cluster(card.cluster)
            cards = (card.id, *(c for c in marked if c != card.id))
            self._ask_title(card.cluster, cluster.title if cluster else "", cards)
            return
        order = {c.id: i for i, c in enumerate(session.cards)}
        anchor = card.id if card is not None and card.id in self.app.marked else marked[0]
        rest = sorted((c for c in marked if c != anchor), key=order.__getitem__)
        first = session.card(anchor)
        self._ask_title(new_id("c"), first.text[:60] if first else "", (anchor, *rest))

    def _ask_title(self, cluster_id: str, title: str, cards: tuple[str, ...]) -> None:
        def done(text: str | None) -> None:
            if text is None:
                return
            if cards:
                op = GroupCards(cluster_id=cluster_id, title=text, cards=cards)
                if self.app.submit(op, follow=cards[0]):
                    self.clear_marks()
            else:
                self.app.submit(RenameCluster(cluster_id=cluster_id, title=text))

        question = t("cluster.title_ask") if cards else t("cluster.rename_ask")
        self.app.push_screen(LineAsk(question, title), done)

    def _suggest(self, marked: list[str]) -> None:
        """Whoever may not group proposes the cluster to the facilitators."""
        if len(marked) < 2:
            self.app.notify(t("cluster.mark_first", mark=written("mark"), group=written("group")))
            return

        def done(text: str | None) -> None:
            if text is not None and self.app.submit(
                SuggestCluster(title=text, cards=tuple(marked))
            ):
                self.clear_marks()
                self.app.notify(t("cluster.suggest_sent"))

        self.app.push_screen(LineAsk(t("cluster.suggest_ask"), "", t("cluster.suggest_hint")), done)

    def heard_suggestion(self, change: ClusterSuggested) -> None:
        """A participant proposes a cluster: tell the facilitator, offer it in the palette."""
        person = self.app.board.session.participant(change.by)
        name = person.name if person is not None else "?"
        self.suggestions = [*self.suggestions[-4:], change]
        title = change.title or "—"
        self.app.notify(
            t_count("cluster.suggested", len(change.cards), name=name, title=title), timeout=12
        )

    def commands(self) -> Iterable[SystemCommand]:
        """Palette entries to take over a proposed cluster."""
        for change in reversed(self.suggestions):
            person = self.app.board.session.participant(change.by)
            name = person.name if person is not None else "?"
            yield SystemCommand(
                t("cluster.adopt", name=name, title=change.title or "—"),
                t("cluster.adopt_help", count=len(change.cards)),
                partial(self.adopt_suggestion, change),
            )

    def adopt_suggestion(self, change: ClusterSuggested) -> None:
        """Group the proposed cards (those still on the board) under the proposed title."""
        cards = tuple(c for c in change.cards if self.app.board.session.card(c) is not None)
        if change in self.suggestions:
            self.suggestions.remove(change)
        first = self.app.board.session.card(cards[0]) if cards else None
        title = change.title or (first.text[:60] if first else "")
        self._ask_title(new_id("c"), title, cards)

    def action_ungroup(self) -> None:
        """Undo the focused card's cluster (its cards stay where they are)."""
        card = self.app.current_card()
        if card is None or not card.cluster:
            self.app.notify(t("cluster.not_in_cluster"))
            return
        if self.app.submit(Ungroup(cluster_id=card.cluster), follow=card.id):
            self.app.notify(t("cluster.ungrouped"))
