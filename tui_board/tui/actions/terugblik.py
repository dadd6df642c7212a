"""The terugblik: last session's agreements, shown first in the opening; the facilitator
records per agreement werkt, bijstellen, vervallen or afgerond, with the group's experience.
Each entry shows how often it has stood on the agenda and whether its review date passed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS
from tui_board.core.ops import RatifyMinutes, ReviewOp, new_id
from tui_board.core.terugblik import kept_review
from tui_board.tui.screens.terugblik import TerugblikScreen

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp


class TerugblikActions:
    """`T`: the facilitator records the terugblik; others show or hide it."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    def action_terugblik(self) -> None:
        """Record what the group says of the earlier agreements (or show them)."""
        session = self.app.board.session
        editor = self.app.board.actor.role in EDITORS
        if not session.terugblik and not (editor and session.origin is not None):
            self.app.notify(t("terugblik.none"))
            return
        if not editor:
            panel = self.app.terugblik_panel
            panel.display = not panel.display
            self.app.room_view.refresh()
            self.app.layout.apply()
            return

        self.app.push_screen(TerugblikScreen(session))

    def verdict(self, message: TerugblikScreen.Verdict) -> None:
        """A verdict said in the dialog becomes a `ReviewOp` (bijstellen: with a new draft)."""
        session = self.app.board.session
        verdict, review_id = message.verdict, message.review_id
        draft = new_id("a") if verdict == "bijstellen" else ""
        op = ReviewOp.model_validate(
            {
                "review_id": review_id,
                "verdict": verdict,
                "note": message.note,
                "agreement_id": draft,
            }
        )
        entry = next((r for r in session.terugblik if r.id == review_id), None)
        if not self.app.submit(op):
            message.dialog.refused()
            return
        done = f"terugblik.done.{verdict or 'open'}"
        if verdict == "bijstellen" and entry is not None and not kept_review(session, entry):
            # The draft keeps a review date still ahead; else it asks for a new one.
            done = "terugblik.done.bijstellen_date"
        self.app.notify(t(done))
        if not self.app.terugblik_panel.display:
            self.app.terugblik_panel.display = True
            self.app.room_view.refresh()
            self.app.layout.apply()

    def ratified(self, message: TerugblikScreen.Ratified) -> None:
        """The minutes ratified in the dialog become a `RatifyMinutes`."""
        if not self.app.submit(RatifyMinutes(note=message.corrections)):
            message.dialog.refused()
            return
        self.app.notify(t("terugblik.done.ratified"))
