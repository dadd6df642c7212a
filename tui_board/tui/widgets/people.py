"""The participants panel: who is at the table, by organisation, online or away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui_board.core.i18n import t
from tui_board.core.model import EDITORS, Participant, Role
from tui_board.core.text import clean_text


class PeoplePanel(VerticalScroll, can_focus=False):
    """A side panel, toggled with `p`. Online/away is said with a symbol and a word."""

    def __init__(self) -> None:
        super().__init__(id="people")
        self._body = Static()

    def compose(self) -> ComposeResult:
        yield self._body

    def show(
        self,
        people: list[Participant],
        online: set[str],
        live: bool,
        facilitator: bool = False,
        waiting: list[str] | None = None,
    ) -> None:
        """Redraw the list; for facilitators with the keys to merge and remove seats, and
        (`waiting`: a room with a lobby) who waits to come in."""
        parts: list[str | tuple[str, str]] = []
        if waiting is not None:
            count = t("lobby.count.one" if len(waiting) == 1 else "lobby.count", count=len(waiting))
            parts.append((f"{t('lobby.title')}: {count}\n", "bold"))
            if waiting:
                parts.append((t("lobby.hint") + "\n", "dim"))
            parts.extend(f"⏳ {line}\n" for line in waiting)
            parts.append("\n")
        parts.append((t("board.people_title") + "\n", "bold"))
        by_org: dict[str, list[Participant]] = {}
        for person in people:
            if person.role is not Role.OBSERVER:
                by_org.setdefault(clean_text(person.organisation) or "—", []).append(person)
        parts.append((at_table_line(people, online if live else None) + "\n", "italic"))
        if facilitator:
            parts.append((t("seats.hint") + "\n", "dim"))
        if facilitator and not live:
            parts.append((t("notulist.hint") + "\n", "dim"))
        for organisation in sorted(by_org, key=str.casefold):
            parts.append(("\n" + organisation + "\n", "bold underline"))
            for person in sorted(by_org[organisation], key=lambda p: p.name.casefold()):
                if live:
                    here = person.id in online
                    mark = "● " if here else "○ "
                    state = t("board.online") if here else t("board.away")
                    parts.append((mark, "bold" if here else "dim"))
                    parts.append(f"{clean_text(person.name)}{_role(person)} ({state})\n")
                else:
                    parts.append(f"• {clean_text(person.name)}{_role(person)}\n")
        self._body.update(Content.assemble(*parts))


def _role(person: Participant) -> str:
    """The role beside a (co-)facilitator's name: a participant who takes the facilitator's
    name is still told apart from the real one."""
    if person.role in EDITORS:
        return f" · {t(f'room.role.{person.role.value}')}"
    return ""


def at_table_line(people: list[Participant], online: set[str] | None) -> str:
    """ "Aan tafel: 3 deelnemers · 2 online": people, never connections nor observers."""
    seated = [p for p in people if p.role is not Role.OBSERVER]
    number = len(seated)
    count = t("seats.people.one" if number == 1 else "seats.people", count=number)
    if online is None:
        return t("seats.at_table", people=count)
    here = sum(1 for p in seated if p.id in online)
    return t("seats.at_table_online", people=count, online=here)
