"""The terugblik on screen: the panel every board shows, and the facilitator's dialog that
walks every agreement of last time (`T`). The dialog posts what is said (`Verdict`,
`Ratified`); the board turns it into ops."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui_board.core.i18n import t
from tui_board.core.model import Origin, Review, Session
from tui_board.core.terugblik import with_corrections
from tui_board.core.text import clean_text
from tui_board.tui.keys import written
from tui_board.tui.widgets.flow import FlowInput, settle


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
    if entry.agenda > 1:
        parts.append(t("terugblik.agenda", count=entry.agenda) + "\n")
    for concern in entry.concerns:
        parts.append(f"  ! {clean_text(concern)}\n")
    return parts


def minutes_line(origin: Origin) -> str:
    """Whether the earlier session's minutes are ratified, with the corrections."""
    if origin.vastgesteld is None:
        return t("terugblik.minutes.open", terugblik=written("terugblik"))
    line = t("terugblik.minutes.ratified", on=origin.vastgesteld)
    return line + " " + with_corrections(origin.correcties)


def lines(session: Session, cursor: int | None = None) -> Content:
    """The terugblik as text; `cursor` marks the entry being recorded."""
    parts: list[str | tuple[str, str]] = [(t("terugblik.title") + "\n", "bold")]
    origin = session.origin
    if origin is not None:
        parts.append(t("terugblik.from", title=clean_text(origin.title), date=origin.date) + "\n")
        parts.append((minutes_line(origin) + "\n", "italic" if not origin.vastgesteld else ""))
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


class TerugblikScreen(ModalScreen[None]):
    """For the facilitator: all earlier agreements in one dialog. ↑/↓ choose one, 1 werkt,
    2 bijstellen, 3 vervallen, 4 afgerond or 0 (not discussed yet), then the experience in
    a line (Enter keeps it, Escape takes the verdict back). Each verdict is sent at once
    (`Verdict`, the minutes `Ratified`, to the app: an Escape typed right after Enter
    closes the dialog, not what it said) and the cursor goes on to the next agreement still to
    discuss; should the rules refuse it, the board says why and takes it back here
    (`refused`). Escape is done. The dialog stays open between verdicts, so no key meant for
    it lands on the board.

    Its keys are priority bindings that wait for the keys typed before them (flow.py)."""

    BINDINGS = [
        Binding("up,k", "move(-1)", show=False, priority=True),
        Binding("down,j", "move(1)", show=False, priority=True),
        Binding("1", "pick('werkt')", show=False, priority=True),
        Binding("2", "pick('bijstellen')", show=False, priority=True),
        Binding("3", "pick('vervallen')", show=False, priority=True),
        Binding("4", "pick('afgerond')", show=False, priority=True),
        Binding("0", "pick('')", show=False, priority=True),
        Binding("v", "ratify", show=False, priority=True),
        Binding("enter", "keep", show=False, priority=True),
        Binding("escape", "back", show=False, priority=True),
    ]
    AUTO_FOCUS = ""
    """Nothing focused at first: the hidden note field would take the digits as text."""

    class Verdict(Message):
        """What the group says of one earlier agreement (`review_id`), with the experience."""

        def __init__(self, dialog: TerugblikScreen, review_id: str, verdict: str, note: str):
            super().__init__()
            self.dialog = dialog
            self.review_id = review_id
            self.verdict = verdict
            self.note = note

    class Ratified(Message):
        """The earlier session's minutes are ratified, with these `corrections`."""

        def __init__(self, dialog: TerugblikScreen, corrections: str) -> None:
            super().__init__()
            self.dialog = dialog
            self.corrections = corrections

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session
        self._ratifying = False
        self.verdicts: dict[str, tuple[str, str]] = {
            r.id: (r.verdict, r.note) for r in session.terugblik
        }
        self._cursor = self._next_open(-1)
        self._verdict: str | None = None
        self._origin = session.origin
        self._before: tuple[dict[str, tuple[str, str]], int, Origin | None] | None = None
        """What the dialog showed before the last verdict or ratification was sent."""

    def _next_open(self, after: int) -> int:
        entries = self._session.terugblik
        order: list[int] = [*range(after + 1, len(entries)), *range(after + 1)]
        for index in order:
            if not self.verdicts.get(entries[index].id, ("", ""))[0]:
                return index
        return min(max(after, 0), max(len(entries) - 1, 0))

    def _shown(self) -> Session:
        entries = tuple(
            r.model_copy(update=dict(zip(("verdict", "note"), self.verdicts[r.id], strict=True)))
            for r in self._session.terugblik
        )
        return self._session.model_copy(update={"terugblik": entries, "origin": self._origin})

    def compose(self) -> ComposeResult:
        with Vertical(id="terugblik-ask", classes="dialog"):
            yield Static(Content(t("terugblik.keys")), classes="hint")
            with VerticalScroll():
                yield Static(lines(self._shown(), self._cursor), id="terugblik-list")
            yield Static(Content(t("terugblik.note_prompt")), id="note-label")
            yield FlowInput(id="note", max_length=1000)

    def on_mount(self) -> None:
        self.query_one("#note-label").display = False
        self.query_one("#note").display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While typing the note, ↑/↓ (and j, k) are the note's."""
        typing = self._verdict is not None or self._ratifying
        if action in ("move", "pick", "ratify") and typing:
            return False
        if action == "keep" and not typing:
            return False
        if action == "ratify" and self._origin is None:
            return False
        return True

    def _redraw(self) -> None:
        self.query_one("#terugblik-list", Static).update(lines(self._shown(), self._cursor))

    def action_move(self, step: int) -> None:
        if not self._session.terugblik:
            return
        self._cursor = (self._cursor + step) % len(self._session.terugblik)
        self._redraw()

    def action_pick(self, verdict: str) -> None:
        if self._verdict is not None or not self._session.terugblik:
            return
        self._verdict = verdict
        entry = self._session.terugblik[self._cursor]
        note = self.query_one("#note", Input)
        self.query_one("#note-label").display = True
        note.display = True
        # At once, in this key's turn: the next typed key lands in the field (flow.py).
        note.value = self.verdicts[entry.id][1]
        self.set_focus(note)

    def action_ratify(self) -> None:
        """`v`: ratify the earlier session's minutes; the corrections in the line below."""
        if self._origin is None or self._verdict is not None or self._ratifying:
            return
        self._ratifying = True
        label = self.query_one("#note-label", Static)
        label.update(Content(t("terugblik.ratify_prompt")))
        label.display = True
        note = self.query_one("#note", Input)
        note.display = True
        note.value = self._origin.correcties
        self.set_focus(note)

    async def action_keep(self) -> None:
        note = self.query_one("#note", Input)
        await settle([note])
        if self._ratifying:
            if self._origin is not None:
                self._before = (dict(self.verdicts), self._cursor, self._origin)
                self.app.post_message(self.Ratified(self, note.value))
                self._origin = self._origin.model_copy(
                    update={
                        "vastgesteld": self._session.session.date,
                        "correcties": clean_text(note.value),
                    }
                )
            self._close_note()
            self._redraw()
            return
        if self._verdict is None:
            return
        entry = self._session.terugblik[self._cursor]
        self._before = (dict(self.verdicts), self._cursor, self._origin)
        self.app.post_message(self.Verdict(self, entry.id, self._verdict, note.value))
        self.verdicts[entry.id] = (self._verdict, note.value.strip())
        self._cursor = self._next_open(self._cursor)
        self._close_note()
        self._redraw()

    def refused(self) -> None:
        """The rules refused the last verdict or ratification: show what was before."""
        if self._before is not None and self.is_attached:
            verdicts, self._cursor, self._origin = self._before
            self.verdicts = dict(verdicts)
            self._before = None
            self._redraw()

    def _close_note(self) -> None:
        self._verdict = None
        self._ratifying = False
        self.query_one("#note-label", Static).update(Content(t("terugblik.note_prompt")))
        self.query_one("#note-label").display = False
        self.query_one("#note").display = False
        self.set_focus(None)

    async def action_back(self) -> None:
        await settle([self.query_one("#note", Input)])
        if self._verdict is not None or self._ratifying:
            self._close_note()  # Escape in the note: this verdict is not kept
            return
        self.dismiss(None)
