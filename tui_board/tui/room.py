"""What runs the room: the phase bar, the spotlight and the spelregels panel."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..i18n import t
from ..model import Card, Participant, Role, Session
from ..ops import Waiting
from ..phases import phase_ask, phase_title
from ..text import card_lines, clean_text
from .bigtext import big_lines

PROJECTOR = "projector"
"""The app's class in the projector view (`join --view`)."""
BIG_MIN_SIZE = (100, 30)
"""The smallest screen (columns, rows) on which the projector draws big letters."""


def clock(seconds: int) -> str:
    """Seconds as mm:ss (or h:mm:ss)."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class RoomBar(Static):
    """The current phase and what it asks; private writing, the timer, cards waiting."""

    _shown = ""

    def show(
        self,
        session: Session,
        waiting: Waiting,
        remaining: int | None,
        facilitator: bool,
        notes: tuple[str, ...] = (),
    ) -> None:
        """Redraw from the session's state."""
        phase = session.current_phase()
        parts: list[str | tuple[str, str]] = []
        if phase is None:
            parts.append((t("room.no_phases"), "bold"))
        else:
            number = [p.id for p in session.phases].index(phase.id) + 1
            title = phase_title(phase.id, phase.title)
            parts.append(
                (t("room.phase", number=number, count=len(session.phases), title=title), "bold")
            )
            ask = phase_ask(phase.id, phase.ask)
            if ask:
                parts.append(" — " + clean_text(ask))
        flags: list[str] = list(notes)
        if session.private:
            flags.append(t("room.private_on"))
        total = sum(waiting.by_theme.values())
        if total:
            line = t("room.waiting", count=total)
            if facilitator and waiting.by_organisation:
                orgs = ", ".join(
                    f"{clean_text(org)} {n}" for org, n in sorted(waiting.by_organisation.items())
                )
                line += f" ({orgs})"
            flags.append("⏳ " + line)
        if remaining is not None and session.timer is not None:
            if remaining <= 0:
                flags.append(t("room.timer_done"))
            elif session.timer.ends is None:
                flags.append(t("room.timer_paused", time=clock(remaining)))
            else:
                flags.append(t("room.timer", time=clock(remaining)))
        if flags:
            parts.append(("\n" + "   ".join(flags), "bold"))
        clock_rows = self._big_clock(remaining if session.timer is not None else None)
        if clock_rows:
            parts.append(("\n" + "\n".join(clock_rows), "bold"))
        self.set_class(remaining is not None and remaining <= 0, "done")
        content = Content.assemble(*parts)
        if content.plain != self._shown:
            # Same lines, same height: no need to lay the screen out again.
            same_height = content.plain.count("\n") == self._shown.count("\n")
            self._shown = content.plain
            self.update(content, layout=not same_height)

    def _big_clock(self, remaining: int | None) -> list[str]:
        """The running timer in big digits, on the projector of a tall enough screen."""
        if remaining is None or remaining <= 0 or not self.app.has_class(PROJECTOR):
            return []
        width, height = self.app.size
        if width < BIG_MIN_SIZE[0] or height < BIG_MIN_SIZE[1]:
            return []
        return big_lines(clock(remaining), width - 4) or []


class SpotlightPanel(Static):
    """The card in the spotlight, large, on every board.

    On the projector (`join --view`) the card is drawn in big letters when the screen has
    room for it (docs/accessibility.md); otherwise, and on every other board, in bold.
    """

    _card: Card | None = None
    _theme_title = ""
    _label = ""
    _drawn: tuple[object, ...] = ()

    def show(self, card: Card | None, theme_title: str, label: str) -> None:
        """Show `card` (or hide the panel when None)."""
        self._card, self._theme_title, self._label = card, theme_title, label
        self.display = card is not None
        if card is None:
            self._drawn = ()
            return
        self._draw(card)

    def on_resize(self) -> None:
        if self._card is not None:
            self._draw(self._card)  # the projector's screen changed: big letters or not

    def _draw(self, card: Card) -> None:
        text = "\n".join(card_lines(card.text))  # its lines as lines
        big = self._big(clean_text(card.text)) if self.app.has_class(PROJECTOR) else None
        drawn = (card, self._theme_title, self._label, tuple(big or ()))
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self.set_class(big is not None, "big")
        self.update(
            Content.assemble(
                ("★ " + t("room.spotlight", theme=clean_text(self._theme_title)) + "\n\n", "bold"),
                ("\n".join(big) if big else text, "bold"),
                "\n",
                (clean_text(self._label), "italic"),
            )
        )

    def _big(self, text: str) -> list[str] | None:
        """The card in big letters, if they fit the screen (80 % of it, as app.tcss has)."""
        width, height = self.app.size
        if width < BIG_MIN_SIZE[0] or height < BIG_MIN_SIZE[1]:
            return None
        columns = width - 14  # margins, border and the projector's padding (app.tcss)
        rows = int(height * 0.8) - 10  # border, padding, the title and the author line
        lines = big_lines(text, columns)
        return lines if lines is not None and len(lines) <= rows else None


class RulesPanel(VerticalScroll, can_focus=False):
    """The spelregels (with who confirmed them) and who sits at the table, by organisation."""

    def __init__(self) -> None:
        super().__init__(id="rules")
        self._body = Static()

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session, you: str) -> None:
        """Redraw from the session."""
        people = [p for p in session.participants if p.role is not Role.OBSERVER]
        confirmed = set(session.confirmed)
        parts: list[str | tuple[str, str]] = [(t("room.spelregels_title") + "\n", "bold")]
        if you:
            key = "room.spelregels_confirmed" if you in confirmed else "room.spelregels_confirm"
            parts.append((t(key) + "\n", "bold"))
        seated = {p.id for p in people}  # observers and seats that left never count
        done = len(confirmed & seated)
        count = t("room.confirmed_count", count=done, total=len(people))
        parts.append((count + "\n\n", "italic"))
        for number, rule in enumerate(session.spelregels, 1):
            parts.append(f"{number}. {clean_text(rule)}\n")
        parts.append(("\n" + t("room.table_title") + "\n", "bold"))
        by_org: dict[str, list[Participant]] = {}
        for person in people:
            by_org.setdefault(clean_text(person.organisation) or "—", []).append(person)
        for organisation in sorted(by_org, key=str.casefold):
            parts.append(("\n" + organisation + "\n", "bold underline"))
            for person in sorted(by_org[organisation], key=lambda p: p.name.casefold()):
                mandate = (
                    "room.mandate_unknown"
                    if person.mandate is None
                    else ("room.mandate_yes" if person.mandate else "room.mandate_no")
                )
                marks = [t(mandate)]
                if person.id in confirmed:
                    marks.append(t("room.confirmed_mark"))
                if person.role is not Role.PARTICIPANT:
                    marks.append(t(f"room.role.{person.role.value}"))
                parts.append(f"• {clean_text(person.name)} — {', '.join(marks)}\n")
        self._body.update(Content.assemble(*parts))
