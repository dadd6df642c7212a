"""The room on the board: the phase bar, the spotlight and the side panels drawn again from
the session; the panels a new phase brings; the timer's second and its bell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from tui_board.core.i18n import t, t_count
from tui_board.core.model import EDITORS, Role
from tui_board.entrances.ways import board_lines
from tui_board.tui.offers import ACTION_OPS
from tui_board.tui.widgets.people import PeoplePanel

if TYPE_CHECKING:
    from tui_board.tui.app import BoardApp

OFFERED_KINDS = tuple(dict.fromkeys(ACTION_OPS.values()))
"""The op kinds behind the board's keys: what the key bar offers changes when the rules'
answer for one of them does."""


class RoomView:
    """Draws the room from the session (every board keeps its own look of it)."""

    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self.bell_on = True
        """Ring the terminal bell when the timer reaches zero (this board only)."""
        self._rang_for: object = None
        self._phase_seen: str | None = None
        self._offered: tuple[object, ...] = ()

    def start(self) -> None:
        """The top lines (the session, a merge's conflicts, the ways in); panels hidden."""
        app = self.app
        meta = app.board.session.session
        place = f" · {meta.place}" if meta.place else ""
        top = Content.assemble(("tussenruimte", "bold"), f" · {meta.title} · {meta.date}{place}")
        conflicts = app.board.session.conflicts
        if conflicts:  # a git merge left these to decide: say so on top, and what they are
            warning = t_count("board.conflicts", len(conflicts))
            top = Content.assemble(top, " · ", (warning, "bold"))
        app.query_one("#topbar", Static).update(top)
        join = app.query_one("#joinline", Static)
        ways_in = board_lines(app.board.ways_in, app.board.join_line)
        join.display = bool(ways_in)
        join.update(Content("\n".join(ways_in)))
        app.query_one(PeoplePanel).display = False
        app.set_class(app.board.actor.role is Role.OBSERVER, "projector")
        app.rules_panel.display = False
        app.agreements_panel.display = False
        app.voice_panel.display = False
        app.terugblik_panel.display = False
        app.editor.visible = False  # in the layout, invisible (widgets/editor.py)

    def say_conflicts(self) -> None:
        """What a git merge left to decide, said once the board is up."""
        conflicts = self.app.board.session.conflicts
        if conflicts:
            from tui_board.files.merging import conflict_lines  # only after a merge

            lines = [t_count("merge.conflicts", len(conflicts))]
            lines += [f"• {line}" for line in conflict_lines(self.app.board.session)[:5]]
            lines.append(t("merge.conflicts.what_now"))
            self.app.notify("\n".join(lines), severity="warning", timeout=30)

    def refresh(self) -> None:
        """Redraw the phase bar, the spotlight and the spelregels panel from the session."""
        session = self.app.board.session
        self.app.cards.show_empty_hints()  # what this person may add depends on the phase and role
        if session.phase != self._phase_seen:
            # A new phase brings its own panel: the spelregels in the opening, the
            # agreements when agreeing. The person can still toggle them.
            self._phase_seen = session.phase
            watching = self.app.board.actor.role is Role.OBSERVER
            # The opening looks back first (the terugblik), then at the spelregels.
            first = bool(session.phases) and session.phase == session.phases[0].id
            unratified = session.origin is not None and session.origin.vastgesteld is None
            open_reviews = any(not r.verdict for r in session.terugblik)
            looking_back = first and (open_reviews or unratified)
            self.app.terugblik_panel.display = looking_back
            self.app.rules_panel.display = session.phase == "opening" and not watching
            self.app.rules_panel.display = self.app.rules_panel.display and not looking_back
            self.app.agreements_panel.display = session.phase == "afspreken"
            self.app.layout.apply()
        editor = self.app.board.actor.role in EDITORS
        self.app.room_bar.show(
            session, self.app.waiting, self._remaining(), editor, self._vote_notes()
        )
        card = session.card(session.spotlight) if session.spotlight else None
        theme = session.theme(card.theme) if card else None
        self.app.spotlight_panel.show(
            card, theme.title if theme else "", self.app.labels.label(card) if card else ""
        )
        if self.app.rules_panel.display:
            self.app.rules_panel.show(session, self.app.board.actor.id)
        if self.app.agreements_panel.display:
            self.app.agreements_panel.show(session)
        if self.app.voice_panel.display:
            self.app.voice_panel.show(session)
        if self.app.terugblik_panel.display:
            self.app.terugblik_panel.show(session)
        self.app.instruments.show_instruments()
        self.app.room.follow_spotlight(card)
        self.app.agreements.decide_when_ready()  # a round this board closed: answers are here
        # The footer is rebuilt only when what it offers changes (it is costly to rebuild).
        may = tuple(self.app.offering.refusal(kind) for kind in OFFERED_KINDS)
        offered = (self.app.board.actor.role, bool(session.spotlight), session.voting, may)
        if offered != self._offered:
            self._offered = offered
            self.app.refresh_bindings()
            self.app.update_key_bar()

    def refresh_bar(self) -> None:
        editor = self.app.board.actor.role in EDITORS
        session = self.app.board.session
        self.app.room_bar.show(
            session, self.app.waiting, self._remaining(), editor, self._vote_notes()
        )

    def _vote_notes(self) -> tuple[str, ...]:
        """Open problems (for facilitators), the dots left and how many have voted."""
        session = self.app.board.session
        problems = len(session.open_problems())
        editor = self.app.board.actor.role in EDITORS
        lead = ("⚠ " + t_count("two.open_problems", problems),) if problems and editor else ()
        return lead + self._dots_notes() + self.app.instruments.evaluation_notes()

    def _dots_notes(self) -> tuple[str, ...]:
        session = self.app.board.session
        phase = session.current_phase()
        if session.voting == "closed":
            return ("● " + t("vote.closed"),)
        if not session.votes and (phase is None or "vote" not in phase.allows):
            return ()
        notes = []
        if self.app.board.actor.role is not Role.OBSERVER:
            left = session.dots - session.dots_used(self.app.board.actor.id)
            notes.append("● " + t("vote.dots_left", left=left, dots=session.dots))
        voters = (
            self.app.waiting.voters
            if self.app.board.live
            else len({v.voter for v in session.votes})
        )
        notes.append(t("vote.voters_one") if voters == 1 else t("vote.voters", count=voters))
        return tuple(notes)

    def _remaining(self) -> int | None:
        timer = self.app.board.session.timer
        return None if timer is None else timer.remaining(self.app.board.now())

    def tick(self) -> None:
        self.app.idle.tick()  # every second, the garbage of a quiet one
        if self.app.lobby:
            self.app.live.update_people()  # how long they wait
        remaining = self._remaining()
        if remaining is None:
            return
        timer = self.app.board.session.timer
        if remaining <= 0 and self.bell_on and self._rang_for != timer:
            self._rang_for = timer
            self.app.bell()
        editor = self.app.board.actor.role in EDITORS
        notes = self._vote_notes()
        self.app.room_bar.show(self.app.board.session, self.app.waiting, remaining, editor, notes)
