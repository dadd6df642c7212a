# mypy: disable-error-code="misc"
# (The mixin's methods annotate `self` as the BoardApp they are mixed into.)
"""The terugblik: last session's agreements, shown first in the opening; the facilitator
records per agreement werkt, bijstellen or vervallen, with the group's experience."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..i18n import t
from ..model import Review, Role, Session
from ..ops import ReviewOp, new_id
from ..text import clean_text

if TYPE_CHECKING:
    from .app import BoardApp


def _entry(session: Session, entry: Review, number: int) -> list[str | tuple[str, str]]:
    parts: list[str | tuple[str, str]] = [(f"\n{number}. {clean_text(entry.what)}\n", "bold")]
    verdict = t(f"terugblik.verdict.{entry.verdict or 'open'}")
    parts.append((f"→ {verdict}\n", "bold" if entry.verdict else "italic"))
    if entry.note:
        parts.append(t("terugblik.note", note=clean_text(entry.note)) + "\n")
    if entry.why:
        parts.append(t("two.why", why=clean_text(entry.why)) + "\n")
    if entry.owners:
        parts.append(t("two.owners", owners=", ".join(clean_text(o) for o in entry.owners)) + "\n")
    if entry.review:
        late = f" ({t('terugblik.overdue')})" if entry.review < session.session.date else ""
        parts.append(t("two.review", date=entry.review.isoformat()) + late + "\n")
    for concern in entry.concerns:
        parts.append(f"  ! {clean_text(concern)}\n")
    return parts


def lines(session: Session, cursor: int | None = None) -> Content:
    """The terugblik as text; `cursor` marks the entry being recorded."""
    parts: list[str | tuple[str, str]] = [(t("terugblik.title") + "\n", "bold")]
    origin = session.origin
    if origin is not None:
        parts.append(t("terugblik.from", title=clean_text(origin.title), date=origin.date) + "\n")
    if not session.terugblik:
        parts.append((t("terugblik.none"), "italic"))
    for number, entry in enumerate(session.terugblik, start=1):
        entry_parts = _entry(session, entry, number)
        if cursor == number - 1:
            first = entry_parts[0]
            text = first[0] if isinstance(first, tuple) else first
            entry_parts[0] = (text.replace(f"{number}. ", f"▶ {number}. ", 1), "bold reverse")
        parts.extend(entry_parts)
    return Content.assemble(*parts)


class TerugblikPanel(VerticalScroll, can_focus=False):
    """The earlier agreements and what the group said of them, on every board."""

    def __init__(self) -> None:
        super().__init__(id="terugblik")
        self._body = Static()

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session) -> None:
        """Redraw from the session."""
        self._body.update(lines(session))


class TerugblikScreen(ModalScreen[tuple[str, str, str] | None]):
    """For the facilitator: pick an earlier agreement (↑/↓) and record 1 werkt,
    2 bijstellen, 3 vervallen or 0 (not discussed yet), then the experience in a line."""

    BINDINGS = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("1", "pick('werkt')", show=False),
        Binding("2", "pick('bijstellen')", show=False),
        Binding("3", "pick('vervallen')", show=False),
        Binding("0", "pick('')", show=False),
        Binding("escape", "cancel", show=False),
    ]
    AUTO_FOCUS = ""
    """Nothing focused at first: the hidden note field would take the digits as text."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        open_ones = [i for i, r in enumerate(session.terugblik) if not r.verdict]
        self._cursor = open_ones[0] if open_ones else 0
        self._verdict: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="terugblik-ask", classes="dialog"):
            yield Static(Content(t("terugblik.keys")), classes="hint")
            with VerticalScroll():
                yield Static(lines(self._session, self._cursor), id="terugblik-list")
            yield Static(Content(t("terugblik.note_prompt")), id="note-label")
            yield Input(id="note", max_length=1000)

    def on_mount(self) -> None:
        self.query_one("#note-label").display = False
        self.query_one("#note").display = False

    def action_move(self, step: int) -> None:
        if self._verdict is not None or not self._session.terugblik:
            return
        self._cursor = (self._cursor + step) % len(self._session.terugblik)
        self.query_one("#terugblik-list", Static).update(lines(self._session, self._cursor))

    def action_pick(self, verdict: str) -> None:
        note = self.query_one("#note", Input)
        if note.display or not self._session.terugblik:
            return  # typing the note: digits are text now
        self._verdict = verdict
        entry = self._session.terugblik[self._cursor]
        self.query_one("#note-label").display = True
        note.display = True
        note.focus()
        self.call_after_refresh(self._fill, entry.note)

    def _fill(self, text: str) -> None:
        # After the key that chose the verdict has been handled: it must not land as text.
        self.query_one("#note", Input).value = text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self._verdict is None:
            return
        entry = self._session.terugblik[self._cursor]
        self.dismiss((entry.id, self._verdict, event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TerugblikActions:
    """`T`: the facilitator records the terugblik; others show or hide it."""

    def action_terugblik(self: BoardApp) -> None:
        """Record what the group says of the earlier agreements (or show them)."""
        session = self.board.session
        if not session.terugblik:
            self.notify(t("terugblik.none"))
            return
        if self.board.actor.role not in (Role.FACILITATOR, Role.COFACILITATOR):
            panel = self.terugblik_panel
            panel.display = not panel.display
            self.refresh_room()
            self._layout()
            return

        def done(answer: tuple[str, str, str] | None) -> None:
            if answer is None:
                return
            review_id, verdict, note = answer
            draft = new_id("a") if verdict == "bijstellen" else ""
            op = ReviewOp.model_validate(
                {"review_id": review_id, "verdict": verdict, "note": note, "agreement_id": draft}
            )
            if self.submit(op):
                self.notify(t(f"terugblik.done.{verdict or 'open'}"))
                if not self.terugblik_panel.display:
                    self.terugblik_panel.display = True
                    self.refresh_room()
                    self._layout()

        self.push_screen(TerugblikScreen(session), done)
