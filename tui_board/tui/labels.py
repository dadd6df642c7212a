"""The line under a card's text: its kind, the dots, its reflex and who wrote it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_board.core.i18n import t, t_count
from tui_board.core.model import Card, Participant
from tui_board.tui.screens.instruments import reflex_mark

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class CardLabels:
    """What each card list shows under a card (its `Labeler`)."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        session = app.board.session
        self._people: dict[str, Participant] = {}
        self._people_of: tuple[Participant, ...] | None = None
        """The session's participants by id, for the tuple they were read from (a session is
        a value: a new tuple means someone came, went or changed)."""
        self.proposals: dict[str, int] = {}
        """How many proposals answer each problem."""
        for card in session.cards:
            if card.answers:
                self.proposals[card.answers] = self.proposals.get(card.answers, 0) + 1
        self.tally: dict[str, int] = {}
        """Everyone's dots per card or cluster."""
        self.my_dots: dict[str, int] = {}
        """This board's person's dots per card or cluster."""
        self.count_votes()

    def label(self, card: Card) -> str:
        """The line under the card: hidden, its kind, dots, reflex, who wrote it."""
        mark = f"{t('room.hidden_mark')} " if card.hidden else ""
        if card.kind == "probleem":
            proposals = self.proposals.get(card.id, 0)
            more = t_count("kind.proposals", proposals) if proposals else t("kind.no_proposal")
            mark += f"{t('kind.probleem')} — {more} · "
        elif card.kind == "voorstel":
            problem = self.app.board.session.card(card.answers) if card.answers else None
            mark += t("kind.voorstel") + " "
            if problem is not None:
                short = problem.text if len(problem.text) <= 30 else problem.text[:29] + "…"
                mark += t("kind.answers", text=short) + " · "
        session = self.app.board.session
        if card.cluster:
            pass  # its cluster's header line shows the dots
        elif session.voting == "closed":
            total = self.tally.get(card.id, 0)
            if total:
                word = t_count("vote.total", total)
                mark += "●" * min(total, 10) + f" {word} "
        else:
            mine = self.my_dots.get(card.id, 0)
            if mine:
                mark += "●" * mine + f" {t('vote.mine', dots=mine)} "
        mark = reflex_mark(card, session) + mark
        person = self._person(card.author)
        if person is None:
            return mark + ("— " + t("board.unknown_author") if card.author else "")
        org = f" · {person.organisation}" if person.organisation else ""
        return f"{mark}— {person.name}{org}"

    def _person(self, participant_id: str) -> Participant | None:
        participants = self.app.board.session.participants
        if participants is not self._people_of:
            self._people = {p.id: p for p in participants}
            self._people_of = participants
        return self._people.get(participant_id)

    def cluster_header(self, cluster_id: str) -> str:
        """The line above a cluster: its title, how many cards, and its dots."""
        session = self.app.board.session
        cluster = session.cluster(cluster_id)
        if cluster is None:
            return ""
        count = len(session.members(cluster_id))
        size = t_count("board.cards", count)
        line = f"◆ {cluster.title} · {size}"
        if session.voting == "closed":
            total = self.unit_dots(cluster_id)
            if total:
                word = t_count("vote.total", total)
                line += " · " + "●" * min(total, 10) + f" {word}"
        else:
            mine = self.my_dots.get(cluster_id, 0)
            if mine:
                line += " · " + "●" * mine + f" {t('vote.mine', dots=mine)}"
        return line

    def unit_dots(self, cluster_id: str) -> int:
        """Dots on a cluster, counting those its cards had before they were grouped."""
        members = self.app.board.session.members(cluster_id)
        return self.tally.get(cluster_id, 0) + sum(self.tally.get(c.id, 0) for c in members)

    def count_proposals(self) -> None:
        """Count the proposals per problem again; relabel the problems whose count changed."""
        counts: dict[str, int] = {}
        for card in self.app.board.session.cards:
            if card.answers:
                counts[card.answers] = counts.get(card.answers, 0) + 1
        changed = [cid for cid in set(counts) | set(self.proposals)
                   if counts.get(cid) != self.proposals.get(cid)]  # fmt: skip
        self.proposals = counts
        for card_id in changed:
            self.relabel(card_id)

    def count_votes(self) -> None:
        """Count the dots again (everyone's, and this board's person's own)."""
        session = self.app.board.session
        self.tally = session.tally()
        me = self.app.board.actor.id
        self.my_dots = {v.card: v.dots for v in session.votes if v.voter == me}

    def relabel(self, card_id: str) -> None:
        """Draw a card again with its label as it is now."""
        theme = self.app._where.get(card_id)
        card = self.app.board.session.card(card_id)
        if theme is not None and card is not None:
            self.app._column_of[theme].cards.put(card)
