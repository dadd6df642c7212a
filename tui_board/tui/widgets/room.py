"""What runs the room: the phase bar, the spotlight and the spelregels panel."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui_board.core.i18n import t
from tui_board.core.model import Card, Participant, Role, Session
from tui_board.core.ops import Waiting
from tui_board.core.phases import phase_ask, phase_title
from tui_board.core.text import card_lines, clean_text
from tui_board.tui.keys import written
from tui_board.tui.widgets.bigtext import big_lines
from tui_board.tui.widgets.cardlist import ellipsize, wrap_cells

PROJECTOR = "projector"
"""The app's class in the projector view (`join --view`)."""
BIG_MIN_SIZE = (100, 30)
"""The smallest screen (columns, rows) on which the projector draws big letters."""
BOARD_ROWS = 2
"""Rows the projector keeps for the columns below the spotlight (their titles)."""
PADDINGS = ((2, 4), (1, 2), (0, 1))
"""The projector spotlight's padding (rows, columns), roomiest first (app.tcss has the first)."""


@dataclass(frozen=True)
class SpotlightFit:
    """How the projector shows a card in `rows` × `width`: what lines, with what padding."""

    body: tuple[str, ...]
    """The card: rows of big letters, or its text wrapped to the panel's width."""
    big: bool
    padding: tuple[int, int]
    """Rows above and below, columns left and right (inside the border)."""
    title: tuple[str, ...]
    label: tuple[str, ...]

    @property
    def height(self) -> int:
        """The panel's rows, border included."""
        return 2 + 2 * self.padding[0] + len(self.title) + 1 + len(self.body) + len(self.label)


def fit_spotlight(
    text: str, title: str, label: str, width: int, rows: int, big: bool = True
) -> SpotlightFit:
    """The card in the spotlight fitted to a panel `width` wide (its margins included) in
    `rows` rows (its border included): in big letters when they fit (and `big` allows
    them), else in plain text wrapped at word boundaries, with less padding if that is
    what it takes. Text that cannot fit even then keeps its first lines and ends in "…":
    the panel is never empty and never cut off in the middle of a line."""
    fit: SpotlightFit | None = None
    for lines_big in (True, False) if big else (False,):
        for pad_rows, pad_columns in PADDINGS:
            inner = max(8, width - 4 - 2 * pad_columns)  # margins and border
            head = tuple(wrap_cells(title, inner)) or ("",)
            foot = tuple(wrap_cells(label, inner))
            if lines_big:  # big letters: the card's lines as one line of text
                drawn = big_lines(" ".join(text.split("\n")), inner - 1)
            else:  # each of the card's lines wrapped on its own
                drawn = [w for line in text.split("\n") for w in wrap_cells(line, inner) or [""]]
            if drawn is None:
                break
            fit = SpotlightFit(
                tuple(drawn) or ("",), lines_big, (pad_rows, pad_columns), head, foot
            )
            if fit.height <= rows:
                return fit
    assert fit is not None  # plain text always wraps
    room = max(1, rows - (fit.height - len(fit.body)))
    if room < len(fit.body):
        inner = max(8, width - 4 - 2 * fit.padding[1])
        cut = fit.body[room - 1]
        body = (*fit.body[: room - 1], ellipsize(cut, inner - 1).removesuffix("…") + "…")
        fit = SpotlightFit(body, False, fit.padding, fit.title, fit.label)
    return fit


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

    def rows(self, width: int) -> int:
        """The rows this bar takes on a screen `width` wide (its padding and border too)."""
        pad_rows, pad_columns = (1, 2) if self.app.has_class(PROJECTOR) else (0, 1)
        lines = self._shown.split("\n")
        wrapped = sum(max(1, len(wrap_cells(line, width - 2 * pad_columns))) for line in lines)
        return wrapped + 2 * pad_rows + 1

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
        self.refit()

    def refit(self) -> None:
        """Draw the card again for the screen's size now (big letters or not)."""
        if self._card is not None:
            self._draw(self._card)

    def _room(self) -> int:
        """The rows the projector's spotlight may take: the screen less the bars above and
        below it and a few rows of the board (measured from their text, so that a resize
        that has not been laid out yet counts as well)."""
        width, height = self.app.size
        used = 1 + 2 + BOARD_ROWS  # the top bar; status and key bar; the board's titles
        join = self.app.query_one("#joinline", Static)
        if join.display:
            lines = str(join.content).split("\n")
            used += sum(max(1, len(wrap_cells(line, width - 2))) for line in lines)
        bar = self.app.query_one(RoomBar)
        if bar.display:
            used += bar.rows(width)
        return height - used

    def _draw(self, card: Card) -> None:
        text = "\n".join(card_lines(card.text))  # its lines as lines
        title = "★ " + t("room.spotlight", theme=clean_text(self._theme_title))
        label = clean_text(self._label)
        if not self.app.has_class(PROJECTOR):
            drawn: tuple[object, ...] = (card, title, label)
            if drawn != self._drawn:
                self._drawn = drawn
                self.set_class(False, "big")
                self.styles.clear_rule("padding")
                self.styles.clear_rule("max_height")
                self.update(
                    Content.assemble(
                        (title + "\n\n", "bold"), (text, "bold"), "\n", (label, "italic")
                    )
                )
            return
        width, height = self.app.size
        room = self._room()
        big = width >= BIG_MIN_SIZE[0] and height >= BIG_MIN_SIZE[1]
        fit = fit_spotlight(text, title, label, width, room, big=big)
        drawn = (card, fit)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self.set_class(fit.big, "big")
        self.styles.padding = (fit.padding[0], fit.padding[1])
        self.styles.max_height = max(room, fit.height)
        self.update(
            Content.assemble(
                ("\n".join(fit.title) + "\n\n", "bold"),
                ("\n".join(fit.body), "bold"),
                "\n" if fit.label else "",
                ("\n".join(fit.label), "italic"),
            )
        )


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
            parts.append((t(key, press=written("confirm")) + "\n", "bold"))
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
