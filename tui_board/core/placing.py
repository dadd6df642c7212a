"""Where cards stand in a theme: positions with gaps, and clusters kept together.

A theme's cards are ordered by `position` (then id). The cards of a cluster always stand
next to each other; a *unit* is a loose card or a whole cluster. Pure functions, used by
the rules.
"""

from __future__ import annotations

from tui_board.core.model import Card
from tui_board.core.ops import CardPut, Change

GAP = 1024
"""Space left between card positions so that an insert rarely renumbers a theme."""


def units(ordered: list[Card]) -> list[list[Card]]:
    """The theme's cards as units: a loose card alone, a cluster's cards together."""
    found: list[list[Card]] = []
    for card in ordered:
        if found and card.cluster and found[-1][0].cluster == card.cluster:
            found[-1].append(card)
        else:
            found.append([card])
    return found


def outside_clusters(ordered: list[Card], before: str | None, own: str = "") -> str | None:
    """`before`, moved to the start of its cluster when it points inside a cluster other than
    `own`: a card or cluster never lands between the cards of another cluster."""
    if before is None:
        return None
    target = next((c for c in ordered if c.id == before), None)
    if target is None or not target.cluster or target.cluster == own:
        return before
    return next(c.id for c in ordered if c.cluster == target.cluster)


def place(
    ordered: list[Card], ids: list[str], before: str | None
) -> tuple[list[int], list[Change]] | None:
    """Positions for the cards `ids` (in this order) before `before`, or at the end, among
    `ordered` (which does not hold them). None when `before` is not among `ordered`.

    Returns the positions and the changes to neighbours when the theme had to be renumbered
    because there was no gap left; only cards that move are in the changes.
    """
    count = len(ids)
    if before is None:
        last = ordered[-1].position if ordered else 0
        return [last + GAP * (k + 1) for k in range(count)], []
    index = next((i for i, c in enumerate(ordered) if c.id == before), -1)
    if index < 0:
        return None
    low = ordered[index - 1].position if index > 0 else -1
    high = ordered[index].position
    if high - low >= count + 1:
        return [low + (high - low) * (k + 1) // (count + 1) for k in range(count)], []
    shifted: list[Change] = []
    for rank, other in enumerate(ordered, start=1):
        new_position = (rank + count * (rank > index)) * GAP
        if other.position != new_position:
            shifted.append(CardPut(card=other.model_copy(update={"position": new_position})))
    return [(index + 1 + k) * GAP for k in range(count)], shifted
