"""The phases of a session and what each allows participants to do.

A session's phases come from its template (and are copied into the session file, so a
file is complete on its own). The facilitator moves the room forward and back. In each
phase the rules allow participants a set of capabilities; facilitators and
co-facilitators are never held back by the phase. A session without phases (files of
schema 1) allows everything, as before.
"""

from __future__ import annotations

from tui_board.core.i18n import MESSAGES, t
from tui_board.core.model import Capability, Phase

CAPABILITIES = ("add_card", "edit_card", "move_card", "confirm", "vote", "consent", "evaluate")
"""What a phase can allow participants. `edit_card` covers editing and deleting one's own
cards; `move_card` moving and reordering them; `confirm` confirming the spelregels."""

DEFAULT_PHASES: tuple[tuple[str, tuple[Capability, ...]], ...] = (
    ("opening", ("confirm",)),
    ("verzamelen", ("add_card", "edit_card", "move_card", "confirm")),
    ("delen", ("edit_card",)),
    ("ordenen", ("move_card",)),
    ("prioriteren", ("vote",)),
    ("afspreken", ("consent",)),
    ("afsluiten", ("evaluate",)),
)
"""The method's default flow: phase id and what it allows participants."""


def default_phases(language: str) -> tuple[Phase, ...]:
    """The default flow as Phase records, with texts in the session's language."""
    column = 1 if language == "en" else 0
    return tuple(
        Phase(
            id=phase_id,
            title=MESSAGES[f"phase.{phase_id}.title"][column],
            ask=MESSAGES[f"phase.{phase_id}.ask"][column],
            allows=allows,
        )
        for phase_id, allows in DEFAULT_PHASES
    )


def phase_title(phase_id: str, fallback: str = "") -> str:
    """The title of a known phase in the screen's language, else the template's text."""
    key = f"phase.{phase_id}.title"
    return t(key) if key in MESSAGES else (fallback or phase_id)


def phase_ask(phase_id: str, fallback: str = "") -> str:
    """The one sentence of what a known phase asks, else the template's text."""
    key = f"phase.{phase_id}.ask"
    return t(key) if key in MESSAGES else fallback
