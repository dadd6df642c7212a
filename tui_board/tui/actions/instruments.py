# mypy: disable-error-code="misc"
# (The methods annotate `self` as the BoardApp they are mixed into, so mypy checks them.)
"""Keys and palette commands for the method's instruments: E the evaluation,
x a reflex on a card, H the health check on the eleven principles. Mixed into the app.
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

    _instruments_seen: tuple[str, bool] | None = None
    """The phase and whether an evaluation exists, as last shown (to auto-show the panel)."""

    def instrument_allowed(self: BoardApp, action: str) -> bool:
        """Whether this board offers an instrument's key: the session must use the
        instrument (who may tag reflexes, the rules say: `offers.ACTION_OPS`). E and H show
        the panels to observers too; they change nothing."""
        return INSTRUMENT_ACTIONS[action] in self.board.session.instruments

    def _may_evaluate(self: BoardApp) -> bool:
        evaluation = self.board.session.evaluation
        actor = self.board.actor
        return (
            evaluation is not None
            and evaluation.open
            and actor.role is not Role.OBSERVER
            and actor.id not in evaluation.answered
        )

    def _held_back(self: BoardApp) -> str | None:
        """Why a participant cannot evaluate in this phase (as the rules would say), if so."""
        session = self.board.session
        phase = session.current_phase()
        if phase is None or self.board.actor.role in EDITORS or "evaluate" in phase.allows:
            return None
        where = next((p for p in session.phases if "evaluate" in p.allows), None)
        if where is None:
            return t("refused.phase.evaluate.never")
        return t("refused.phase.evaluate", phase=phase_title(where.id, where.title))

    # --- the evaluation -----------------------------------------------------------------

    def action_evaluate(self: BoardApp) -> None:
        """Fill in the evaluation; once done (or when there is none open), show the panel."""
        session = self.board.session
        if self._may_evaluate():
            held_back = self._held_back()
            if held_back is not None:
                self.notify(held_back, severity="warning")  # before the nine scores, not after
                return

            def done(answer: tuple[dict[str, int], str] | None) -> None:
                if answer is not None and self.submit(Evaluate(scores=answer[0], line=answer[1])):
                    self.notify(t("instr.eval.thanks"))

            self.push_screen(EvaluationScreen(), done)
            return
        if session.evaluation is None and self.board.actor.role in EDITORS:
            self.notify(t("instr.eval.offer"))
        self.toggle_evaluation()

    def toggle_evaluation(self: BoardApp) -> None:
        """Show or hide the evaluation panel."""
        self._show_panel(self.evaluation_panel, not self.evaluation_panel.display)

    def start_evaluation(self: BoardApp) -> None:
        """Start the evaluation (facilitators)."""
        if self.submit(StartEvaluation()):
            self.notify(t("instr.eval.started", press=written("evaluate")))
            self._show_panel(self.evaluation_panel, True)

    def close_evaluation(self: BoardApp) -> None:
        """Close the evaluation for good: the outcome is shown if enough people answered."""
        if self.submit(StartEvaluation(close=True)):
            self.notify(t("instr.eval.closed_now"))
            self._show_panel(self.evaluation_panel, True)

    def evaluation_notes(self: BoardApp) -> tuple[str, ...]:
        """The room bar's note while the evaluation is open: how many answered."""
        session = self.board.session
        evaluation = session.evaluation
        if evaluation is None or not evaluation.open or "evaluatie" not in session.instruments:
            return ()
        note = "✎ " + t("instr.eval.count", count=evaluation.count)
        if self._may_evaluate() and self._held_back() is None:
            note += " · " + t("instr.eval.fill_in")
        return (note,)

    # --- reflexes -----------------------------------------------------------------------

    def action_reflex(self: BoardApp) -> None:
        """Tag the focused card with a reflex (or take the tag off)."""
        card = self.current_card()
        if card is None:
            self.notify(t("board.no_card_here"))
            return

        def done(reflex: str | None) -> None:
            if reflex is None or reflex == card.reflex:
                return
            op = TagReflex.model_validate({"card_id": card.id, "reflex": reflex})
            if self.submit(op):
                name = reflex_text(reflex, language())[0]
                self.notify(
                    t("instr.reflex.tagged", name=name) if reflex else t("instr.reflex.untagged")
                )

        self.push_screen(ReflexPicker(card.reflex, card.text), done)

    # --- the principles -----------------------------------------------------------------

    def action_principles(self: BoardApp) -> None:
        """The facilitator walks the group through the eleven principles; others show or
        hide what was said so far."""
        if self.board.actor.role not in EDITORS:
            self.toggle_principles()
            return

        def record(number: int, answer: str, note: str) -> bool:
            op = CheckPrinciple.model_validate({"number": number, "answer": answer, "note": note})
            return self.submit(op)

        def done(_: None) -> None:
            if self.board.session.principles:
                self._show_panel(self.principles_panel, True)

        self.push_screen(PrinciplesScreen(self.board.session, record), done)

    def toggle_principles(self: BoardApp) -> None:
        """Show or hide the principles panel."""
        self._show_panel(self.principles_panel, not self.principles_panel.display)

    # --- panels and the palette ---------------------------------------------------------

    def _show_panel(self: BoardApp, panel: Widget, shown: bool) -> None:
        panel.display = shown
        if shown:  # one instrument at a time: two panels leave the cards no room at 80×24
            for other in (self.evaluation_panel, self.principles_panel):
                if other is not panel:
                    other.display = False
        self.show_instruments()
        self._layout()

    def show_instruments(self: BoardApp) -> None:
        """Redraw the instruments' panels; in the closing phase the evaluation panel comes
        up by itself while there is an evaluation (the person can still hide it)."""
        session = self.board.session
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
                if shown != self.evaluation_panel.display:
                    self.evaluation_panel.display = shown
                    self._layout()
            if (
                phase_changed
                and before is not None
                and closing
                and using
                and evaluation is None
                and self.board.actor.role in EDITORS
            ):
                self.notify(t("instr.eval.offer"), timeout=10)
        if self.evaluation_panel.display:
            me = self.board.actor
            can = me.role is not Role.OBSERVER and "evaluatie" in session.instruments
            self.evaluation_panel.show(session, me.id, can)
        if self.principles_panel.display:
            self.principles_panel.show(session)

    def instrument_commands(self: BoardApp) -> Iterable[SystemCommand]:
        """Palette entries: start and close the evaluation (facilitators), show the panels."""
        session = self.board.session
        if "evaluatie" in session.instruments:
            evaluation = session.evaluation
            if self.board.actor.role in EDITORS:
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
