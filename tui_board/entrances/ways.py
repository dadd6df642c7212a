"""Every way into a room, in words: the lines on the boards of the facilitator and the
projector, and what `host` and `relay` print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_board.core.i18n import language, t
from tui_board.core.text import clean_text

if TYPE_CHECKING:  # an offline board does not load the protocol's models (memory)
    from tui_board.live.protocol import Newcomer, WaysIn


def ssh_line(host: str, port: int, language: str) -> str:
    """The exact line a participant types (the user name chooses the language)."""
    user = "session" if language == "en" else "sessie"
    return f"ssh {user}@{host}" if port == 22 else f"ssh -p {port} {user}@{host}"


def board_lines(ways: WaysIn | None, join_line: str = "") -> list[str]:
    """The lines at the top of the board: the join command, then ssh and the browser."""
    if ways is None:
        return [t("board.join_line", line=join_line)] if join_line else []
    lines = [t("board.join_line", line=ways.join)]
    if ways.ssh_port:
        line = ssh_line(ways.ssh_host, ways.ssh_port, language())
        lines.append(t("ssh.board_line", line=line, fingerprint=ways.fingerprint))
    if ways.web:
        lines.append(t("web.board_line", url=ways.web) + " · " + t("qr.key_hint"))
    return lines


def screen_lines(ways: WaysIn) -> list[tuple[str, str]]:
    """Every way in for the big screen, as (text, style) lines: headings bold."""
    lines: list[tuple[str, str]] = []
    if ways.web:
        lines += [(t("qr.web"), "bold"), ("  " + ways.web, ""), ("", "")]
    if ways.ssh_port:
        lines += [
            (t("qr.ssh"), "bold"),
            ("  " + ssh_line(ways.ssh_host, ways.ssh_port, language()), ""),
            ("  " + t("qr.fingerprint", fingerprint=ways.fingerprint), "dim"),
            ("", ""),
        ]
    lines += [(t("qr.join"), "bold"), ("  " + ways.join, ""), ("", "")]
    if ways.code:
        lines.append((t("qr.code", code=ways.code), "bold"))
    return lines


def newcomer_words(newcomer: Newcomer) -> tuple[str, str]:
    """Who waits in the lobby, in words: their name and what they said of themselves
    ("GGD, via ssh"; "" when nothing), as the board and the plain board say it."""
    organisation = clean_text(newcomer.organisation)
    details = [organisation] if organisation else []
    if newcomer.view:
        details.append(t("lobby.projector"))
    if newcomer.entrance:
        details.append(t(f"lobby.via_{newcomer.entrance}"))
    return clean_text(newcomer.name) or t("lobby.nameless"), ", ".join(details)
