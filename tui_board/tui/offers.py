"""Which op each board action makes: the board asks the rules (`rules.allowed`) whether its
person may do that op now, and so decides which keys it offers, in one place.

A key whose op the rules refuse for good (`rules.FOR_GOOD`: not for this role, not in this
session) is not offered at all: not in the key bar, help or palette, and pressing it does
nothing. A key whose op is refused for now (the phase) stays in help and the palette, is left
out of the key bar, and pressing it says why and when it will be possible.
"""

from __future__ import annotations

from tui_board.core.ops import (
    AddCard,
    AnswerOp,
    CloseVoting,
    Confirm,
    DeleteCard,
    DraftAgreement,
    EditCard,
    MoveCard,
    Op,
    Reveal,
    ReviewOp,
    SetKind,
    SetMandate,
    SetPhase,
    SetPrivate,
    Spotlight,
    SuggestCluster,
    TagReflex,
    TimerOp,
    Ungroup,
    VoteOp,
)

ACTION_OPS: dict[str, type[Op]] = {
    "new_card": AddCard,
    "edit_card": EditCard,
    "delete_card": DeleteCard,
    "move_card": MoveCard,
    "reorder": MoveCard,
    "kind": SetKind,
    "propose": AddCard,
    "vote": VoteOp,
    "answer": AnswerOp,
    # Marking and g: those who may cluster make one, the others propose it (SuggestCluster).
    "mark": SuggestCluster,
    "group": SuggestCluster,
    "ungroup": Ungroup,
    "confirm": Confirm,
    "mandate": SetMandate,
    "phase": SetPhase,
    "toggle_private": SetPrivate,
    "reveal": Reveal,
    "spotlight": Spotlight,
    "timer": TimerOp,
    "close_voting": CloseVoting,
    "agree": DraftAgreement,
    "reflex": TagReflex,
    "terugblik": ReviewOp,
}
"""Board action → the op it makes (actions that only show something are not here)."""
