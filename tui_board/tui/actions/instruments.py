"""Keys and palette commands for the method's instruments: E the evaluation,
x a reflex on a card, H the health check on the eleven principles.
Each key is offered only when the session uses the instrument (`session.instruments`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.widget import Widget

from tui_board.core.i18n import language, t
from tui_board.core.instruments import Instrument, reflex_text
from tui_board.core.model import EDITORS, Role
from tui_board.core.ops import CheckPrinciple, Evaluate, StartEvaluation, TagReflex
from tui_board.core.phases import phase_title
from tui_board.tui.keys import written
from tui_board.tui.screens.instruments import EvaluationScreen, PrinciplesScreen, ReflexPicker

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

INSTRUMENT_ACTIONS: dict[str, Instrument] = {
    "evaluate": "evaluatie",
    "reflex": "reflexen",
    "principles": "principes",
}
"""The instruments' key actions and the instrument each belongs to."""


class InstrumentActions:
    """The evaluation, reflex tags and the principles check on the board."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app

    _instruments_seen: tuple[str, bool] | None = None
    """The phase and whether an evaluation exists, as last shown (to auto-show the panel)."""

    def instrument_allowed(self, action: str) -> bool:
        """Whether this board offers an instrument's key: the session must use the
        instrument (who may tag reflexes, the rules say: `offers.ACTION_OPS`). E and H show
        the panels to observers too; they change nothing."""
        return INSTRUMENT_ACTIONS[action] in self.app.board.session.instruments

    def _may_evaluate(self) -> bool:
        evaluation = self.app.board.session.evaluation
        actor = self.app.board.actor
        return (
            evaluation is not None
            and evaluation.open
            and actor.role is not Role.OBSERVER
            and actor.id not in evaluation.answered
        )

    def _held_back(self) -> str | None:
        """Why a participant cannot evaluate in this phase (as the rules would say), if so."""
        session = self.app.board.session
        phase = session.current_phase()
        if phase is None or self.app.board.actor.role in EDITORS or "evaluate" in phase.allows:
            return None
        where = next((p for p in session.phases if "evaluate" in p.allows), None)
        if where is None:
            return t("refused.phase.evaluate.never")
        return t("refused.phase.evaluate", phase=phase_title(where.id, where.title))

    # --- the evaluation -----------------------------------------------------------------

    def action_evaluate(self) -> None:
        """Fill in the evaluation; once done (or when there is none open), show the panel."""
        session = self.app.board.session
        if self._may_evaluate():
            held_back = self._held_back()
            if held_back is not None:
                self.app.notify(held_back, severity="warning")  # before the nine scores, not after
                return

            def done(answer: tuple[dict[str, int], str] | None) -> None:
                if answer is not None and self.app.submit(
                    Evaluate(scores=answer[0], line=answer[1])
                ):
                    self.app.notify(t("instr.eval.thanks"))

            self.app.push_screen(EvaluationScreen(), done)
            return
        if session.evaluation is None and self.app.board.actor.role in EDITORS:
            self.app.notify(t("instr.eval.offer"))
        self.toggle_evaluation()

    def toggle_evaluation(self) -> None:
        """Show or hide the evaluation panel."""
        self._show_panel(self.app.evaluation_panel, not self.app.evaluation_panel.display)

    def start_evaluation(self) -> None:
        """Start the evaluation (facilitators)."""
        if self.app.submit(StartEvaluation()):
            self.app.notify(t("instr.eval.started", press=written("evaluate")))
            self._show_panel(self.app.evaluation_panel, True)

    def close_evaluation(self) -> None:
        """Close the evaluation for good: the outcome is shown if enough people answered."""
        if self.app.submit(StartEvaluation(close=True)):
            self.app.notify(t("instr.eval.closed_now"))
            self._show_panel(self.app.evaluation_panel, True)

    def evaluation_notes(self) -> tuple[str, ...]:
        """The room bar's note while the evaluation is open: how many answered."""
        session = self.app.board.session
        evaluation = session.evaluation
        if evaluation is None or not evaluation.open or "evaluatie" not in session.instruments:
            return ()
        note = "✎ " + t("instr.eval.count", count=evaluation.count)
        if self._may_evaluate() and self._held_back() is None:
            note += " · " + t("instr.eval.fill_in")
        return (note,)

    # --- reflexes -----------------------------------------------------------------------

    def action_reflex(self) -> None:
        """Tag the focused card with a reflex (or take the tag off)."""
        card = self.app.current_card()
        if card is None:
            self.app.notify(t("board.no_card_here"))
            return

        def done(reflex: str | None) -> None:
            if reflex is None or reflex == card.reflex:
                return
            op = TagReflex.model_validate({"card_id": card.id, "reflex": reflex})
            if self.app.submit(op):
                name = reflex_text(reflex, language())[0]
                self.app.notify(
                    t("instr.reflex.tagged", name=name) if reflex else t("instr.reflex.untagged")
                )

        self.app.push_screen(ReflexPicker(card.reflex, card.text), done)

    # --- the principles -----------------------------------------------------------------

    def action_principles(self) -> None:
        """The facilitator walks the group through the eleven principles; others show or
        hide what was said so far."""
        if self.app.board.actor.role not in EDITORS:
            self.toggle_principles()
            return

        def done(_: None) -> None:
            if self.app.board.session.principles:
                self._show_panel(self.app.principles_panel, True)

        self.app.push_screen(PrinciplesScreen(self.app.board.session), done)

    def answered(self, message: PrinciplesScreen.Answered) -> None:
        """An answer on a principle becomes a `CheckPrinciple`."""
        said = {"number": message.number, "answer": message.answer, "note": message.note}
        if not self.app.submit(CheckPrinciple.model_validate(said)):
            message.dialog.refused()

    def toggle_principles(self) -> None:
        """Show or hide the principles panel."""
        self._show_panel(self.app.principles_panel, not self.app.principles_panel.display)

    # --- panels and the palette ---------------------------------------------------------

    def _show_panel(self, panel: Widget, shown: bool) -> None:
        panel.display = shown
        if shown:  # one instrument at a time: two panels leave the cards no room at 80×24
            for other in (self.app.evaluation_panel, self.app.principles_panel):
                if other is not panel:
                    other.display = False
        self.show_instruments()
        self.app.layout.apply()

    def show_instruments(self) -> None:
        """Redraw the instruments' panels; in the closing phase the evaluation panel comes
        up by itself while there is an evaluation (the person can still hide it)."""
        session = self.app.board.session
        evaluation = session.evaluation
        seen = (session.phase, evaluation is not None)
        if seen != self._instruments_seen:
            before = self._instruments_seen
            self._instruments_seen = seen
            phase = session.current_phase()
            closing = phase is not None and "evaluate" in phase.allows
            using = "evaluatie" in session.instruments
            phase_changed = before is None or before[0] != session.phase
            if phase_changed or (closing and evaluation is not None):
                shown = closing and evaluation is not None and using
                if shown != self.app.evaluation_panel.display:
                    self.app.evaluation_panel.display = shown
                    self.app.layout.apply()
            if (
                phase_changed
                and before is not None
                and closing
                and using
                and evaluation is None
                and self.app.board.actor.role in EDITORS
            ):
                self.app.notify(t("instr.eval.offer"), timeout=10)
        if self.app.evaluation_panel.display:
            me = self.app.board.actor
            can = me.role is not Role.OBSERVER and "evaluatie" in session.instruments
            self.app.evaluation_panel.show(session, me.id, can)
        if self.app.principles_panel.display:
            self.app.principles_panel.show(session)

    def commands(self) -> Iterable[SystemCommand]:
        """Palette entries: start and close the evaluation (facilitators), show the panels."""
        session = self.app.board.session
        if "evaluatie" in session.instruments:
            evaluation = session.evaluation
            if self.app.board.actor.role in EDITORS:
                if evaluation is None:
                    yield SystemCommand(
                        t("instr.eval.start"), t("instr.key.evaluate"), self.start_evaluation
                    )
                elif evaluation.open:
                    yield SystemCommand(
                        t("instr.eval.close"), t("instr.key.evaluate"), self.close_evaluation
                    )
            yield SystemCommand(
                t("instr.eval.toggle"), t("instr.key.evaluate"), self.toggle_evaluation
            )
        if "principes" in session.instruments:
            yield SystemCommand(
                t("instr.princ.toggle"), t("instr.key.principles"), self.toggle_principles
            )
