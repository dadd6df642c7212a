"""Voice per organisation: who has been heard, per organisation — never a ranking of people."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui_board.core.i18n import t, t_count
from tui_board.core.model import Role, Session
from tui_board.core.text import clean_text
from tui_board.tui.screens.instruments import reflex_lines


def voice(session: Session) -> list[tuple[str, int, int, int | None, int, bool]]:
    """Per organisation: people, cards, dots (None while votes are secret), answers, mandate."""
    org_of = {
        p.id: clean_text(p.organisation) or "—"
        for p in session.participants
        if p.role is not Role.OBSERVER
    }
    rows: dict[str, list[int]] = {org: [0, 0, 0, 0, 0] for org in org_of.values()}
    for invited in session.invited:  # expected at the table, also while nobody has come
        rows.setdefault(clean_text(invited) or "—", [0, 0, 0, 0, 0])
    for person in session.participants:
        if person.id in org_of:
            row = rows[org_of[person.id]]
            row[0] += 1
            row[4] = row[4] or int(bool(person.mandate))
    if not session.session.anonymous:
        for card in session.cards:
            if card.author in org_of:
                rows[org_of[card.author]][1] += 1
    for vote in session.votes:
        if vote.voter in org_of:
            rows[org_of[vote.voter]][2] += vote.dots
    for agreement in session.agreements:
        for answer in agreement.answers + agreement.concerns:
            if answer.participant in org_of:
                rows[org_of[answer.participant]][3] += 1
    closed = session.voting == "closed"
    return [
        (org, r[0], r[1], r[2] if closed else None, r[3], bool(r[4]))
        for org, r in sorted(rows.items(), key=lambda item: item[0].casefold())
    ]


class VoicePanel(VerticalScroll, can_focus=False):
    """The participation panel for facilitators (O)."""

    def __init__(self) -> None:
        super().__init__(id="voice")
        self._body = Static()

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: Session) -> None:
        """Redraw from the session."""
        parts: list[str | tuple[str, str]] = [(t("voice.title") + "\n", "bold")]
        parts.append((t("voice.legend") + "\n", "italic"))
        for org, people, cards, dots, answers, mandate in voice(session):
            parts.append(("\n" + org + "\n", "bold"))
            quiet = cards == 0 and answers == 0 and not dots
            dots_text = t("count.dots", count="—") if dots is None else t_count("count.dots", dots)
            line = t(
                "voice.row",
                people=people,
                cards=t_count("count.cards", cards),
                dots=dots_text,
                answers=t_count("count.reactions", answers),
            )
            parts.append(line + "\n")
            if people == 0:
                parts.append(("◌ " + t("voice.absent") + "\n", "bold"))
                continue
            parts.append(t("room.mandate_yes") if mandate else t("room.mandate_no"))
            if quiet:
                parts.append(("  ◌ " + t("voice.quiet"), "bold"))
            parts.append("\n")
        parts.extend(reflex_lines(session))  # waar grepen we terug op een reflex?
        self._body.update(Content.assemble(*parts))
