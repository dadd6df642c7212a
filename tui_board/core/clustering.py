"""The rules for clusters (ordenen): group, add to, rename, ungroup and move as one.

Called by `rules.apply`, never on their own. A cluster stands in one theme; its cards stand
together there (see `placing`). Facilitators and co-facilitators may cluster; a template
opens it to everyone with `open_to_all = ["cluster"]`.
"""

from __future__ import annotations

import datetime as dt

from tui_board.core.model import EDITORS, Card, Cluster, Session
from tui_board.core.ops import (
    Actor,
    CardPut,
    Change,
    ClusterPut,
    ClusterRemoved,
    ClusterSuggested,
    GroupCards,
    MoveCard,
    RenameCluster,
    SuggestCluster,
    Ungroup,
    VotePut,
)
from tui_board.core.outcome import Applied, Outcome, Refused, done
from tui_board.core.placing import outside_clusters, place
from tui_board.core.text import clean_line

MAX_TITLE = 200
"""The longest cluster title."""


def may_cluster(session: Session, actor: Actor) -> bool:
    """Whether `actor` may group, ungroup, rename or move clusters in this session."""
    return actor.role in EDITORS or "cluster" in session.open_to_all


def _title(text: str) -> str | Refused:
    title = clean_line(text, 1000)
    if not title:
        return Refused("refused.cluster_title")
    if len(title) > MAX_TITLE:
        return Refused("refused.text_too_long", {"max": str(MAX_TITLE)})
    return title


def group(session: Session, op: GroupCards, actor: Actor, now: dt.datetime) -> Outcome:
    """Make a cluster of `op.cards`, or add them to the cluster `op.cluster_id`."""
    title = _title(op.title)
    if isinstance(title, Refused):
        return title
    wanted: list[Card] = []
    for card_id in dict.fromkeys(op.cards):
        card = session.card(card_id)
        if card is None:
            return Refused("refused.no_card")
        if card.hidden:
            return Refused("refused.cluster_hidden")
        wanted.append(card)
    existing = session.cluster(op.cluster_id)
    if existing is None:
        if session.card(op.cluster_id) is not None:
            return Refused("refused.card_exists")
        if len(wanted) < 2:
            return Refused("refused.cluster_two")
        theme = wanted[0].theme
    else:
        theme = existing.theme
    rank = {c.id: i for i, c in enumerate(session.cards_in(theme))}
    members = session.members(existing.id) if existing else []
    newcomers = [c for c in wanted if c.cluster != op.cluster_id]
    # Cards of the cluster's theme keep their order; cards from elsewhere come after them.
    members += sorted(
        newcomers, key=lambda c: (c.theme != theme, rank.get(c.id, 0), c.theme, c.position)
    )
    cluster = Cluster(id=op.cluster_id, title=title, theme=theme)
    changes: list[Change] = []
    if cluster != existing:
        changes.append(ClusterPut(cluster=cluster))
    if not newcomers:
        return done(session, changes) if changes else Applied(session, ())
    ids = {c.id for c in members}
    # The cluster stands where its first card in this theme stood (or at the end).
    ordered = session.cards_in(theme)
    first = next((i for i, c in enumerate(ordered) if c.id in ids), len(ordered))
    others = [c for c in ordered if c.id not in ids]
    after = [c for c in ordered[first:] if c.id not in ids]
    before = after[0].id if after else None
    before = _after_foreign(others, before, op.cluster_id)
    placed = place(others, [c.id for c in members], before)
    assert placed is not None  # `before` is one of `others`
    positions, shifted = placed
    changes += shifted
    for card, position in zip(members, positions, strict=True):
        update = {"theme": theme, "cluster": op.cluster_id, "position": position}
        if any(getattr(card, k) != v for k, v in update.items()):
            changes.append(CardPut(card=card.model_copy(update={**update, "updated": now})))
    changes += _emptied(session, newcomers, op.cluster_id)
    changes += _carry_votes(session, newcomers, op.cluster_id)
    return done(session, changes)


def _carry_votes(session: Session, cards: list[Card], cluster_id: str) -> list[Change]:
    """Dots on cards that join a cluster move to the cluster: a cluster is voted on as one,
    and nobody's dots get stuck on a card they can no longer vote on. (Budgets hold: the
    dots only move.)"""
    ids = {c.id for c in cards}
    moved: dict[str, int] = {}
    changes: list[Change] = []
    for vote in session.votes:
        if vote.card in ids:
            moved[vote.voter] = moved.get(vote.voter, 0) + vote.dots
            changes.append(VotePut(voter=vote.voter, card=vote.card, dots=0))
    for voter, dots in moved.items():
        had = next((v.dots for v in session.votes if v.voter == voter and v.card == cluster_id), 0)
        changes.append(VotePut(voter=voter, card=cluster_id, dots=had + dots))
    return changes


def _after_foreign(others: list[Card], before: str | None, own: str) -> str | None:
    """When `before` is inside another cluster, the first card after that cluster instead."""
    target = next((c for c in others if c.id == before), None)
    if target is None or not target.cluster or target.cluster == own:
        return before
    index = others.index(target)
    if index == 0 or others[index - 1].cluster != target.cluster:
        return before  # the start of that cluster: standing before it is fine
    rest = [c for c in others[index:] if c.cluster != target.cluster]
    return rest[0].id if rest else None


def _emptied(session: Session, leaving: list[Card], cluster_id: str) -> list[Change]:
    """Clusters that lose their last card when `leaving` go to `cluster_id`."""
    gone: list[Change] = []
    ids = {c.id for c in leaving}
    for old in dict.fromkeys(c.cluster for c in leaving if c.cluster and c.cluster != cluster_id):
        if all(c.id in ids for c in session.members(old)):
            gone.append(ClusterRemoved(cluster_id=old))
    return gone


def suggest(session: Session, op: SuggestCluster, actor: Actor) -> Outcome:
    """Anyone at the table may propose a cluster; the facilitators decide (they hear of it
    through the views, nobody else does)."""
    cards = tuple(dict.fromkeys(op.cards))
    for card_id in cards:
        card = session.card(card_id)
        if card is None or card.hidden:
            return Refused("refused.no_card")
    if len(cards) < 2:
        return Refused("refused.cluster_two")
    title = clean_line(op.title, MAX_TITLE)
    return done(session, [ClusterSuggested(by=actor.id, title=title, cards=cards)])


def ungroup(session: Session, op: Ungroup, actor: Actor, now: dt.datetime) -> Outcome:
    """Undo a cluster: its cards stay in place; dots on the cluster go back."""
    if session.cluster(op.cluster_id) is None:
        return Refused("refused.no_cluster")
    changes: list[Change] = [
        CardPut(card=c.model_copy(update={"cluster": "", "updated": now}))
        for c in session.members(op.cluster_id)
    ]
    changes.append(ClusterRemoved(cluster_id=op.cluster_id))
    return done(session, changes)


def rename(session: Session, op: RenameCluster, actor: Actor) -> Outcome:
    """Give a cluster another title."""
    cluster = session.cluster(op.cluster_id)
    if cluster is None:
        return Refused("refused.no_cluster")
    title = _title(op.title)
    if isinstance(title, Refused):
        return title
    if title == cluster.title:
        return Applied(session, ())
    return done(session, [ClusterPut(cluster=cluster.model_copy(update={"title": title}))])


def move_clustered(
    session: Session, op: MoveCard, card: Card, actor: Actor, now: dt.datetime
) -> Outcome:
    """Move a card of a cluster: within the cluster, or the whole cluster as one.

    In its own theme, a target inside the cluster — or just past its end — reorders the card
    within the cluster; any other target moves the whole cluster there. To another theme,
    the whole cluster goes.
    """
    members = session.members(card.cluster)
    ids = [c.id for c in members]
    ordered = session.cards_in(card.theme)
    if op.theme == card.theme:
        end = max(ordered.index(c) for c in members) + 1
        just_after = ordered[end].id if end < len(ordered) else None
        if op.before in ids or op.before == just_after:
            others = [c for c in ordered if c.id != card.id]
            target = op.before if op.before in ids else just_after
            placed = place(others, [card.id], target)
            if placed is None:
                return Refused("refused.no_card")
            (position,), shifted = placed
            if position == card.position and not shifted:
                return Applied(session, ())
            moved = card.model_copy(update={"position": position, "updated": now})
            return done(session, [*shifted, CardPut(card=moved)])
    if not may_cluster(session, actor):
        return Refused("refused.cluster_facilitator")
    if session.theme(op.theme) is None:
        return Refused("refused.no_theme", {"theme": op.theme})
    others = [c for c in session.cards_in(op.theme) if c.cluster != card.cluster]
    placed = place(others, ids, outside_clusters(others, op.before))
    if placed is None:
        return Refused("refused.no_card")
    positions, shifted = placed
    changes: list[Change] = list(shifted)
    cluster = session.cluster(card.cluster)
    assert cluster is not None  # the model keeps every card's cluster
    if cluster.theme != op.theme:
        changes.append(ClusterPut(cluster=cluster.model_copy(update={"theme": op.theme})))
    for member, position in zip(members, positions, strict=True):
        if member.position != position or member.theme != op.theme:
            update = {"theme": op.theme, "position": position, "updated": now}
            changes.append(CardPut(card=member.model_copy(update=update)))
    if not changes:
        return Applied(session, ())
    return done(session, changes)


def leaving(session: Session, card: Card) -> list[Change]:
    """When `card` is deleted: the cluster goes too if it was its last card."""
    if card.cluster and [c.id for c in session.members(card.cluster)] == [card.id]:
        return [ClusterRemoved(cluster_id=card.cluster)]
    return []
