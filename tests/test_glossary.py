"""The glossary explains every Dutch id of the session format: a new phase, status, answer,
verdict, kind, reflex or leg without an entry fails here."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from tui_board.core.instruments import Leg, Reflex
from tui_board.core.model import AgreementStatus, AnswerKind, Card, Origin, Verdict
from tui_board.core.phases import DEFAULT_PHASES

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"


def dutch_ids() -> set[str]:
    kinds = get_args(Card.model_fields["kind"].annotation)
    found = {
        *get_args(AgreementStatus),
        *get_args(AnswerKind),
        *get_args(Verdict),
        *kinds,
        *get_args(Reflex),
        *get_args(Leg),
        *(phase for phase, _ in DEFAULT_PHASES),
        *(name for name in Origin.model_fields if name in ("vastgesteld", "correcties")),
    }
    return found - {""}


def explained(text: str) -> set[str]:
    """The ids a glossary table explains: a row that starts with `id`."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))


def test_the_ids_are_found() -> None:
    assert {"in_ronde", "werkbaar", "bijstellen", "voorstel", "adaptief", "afspreken"} <= (
        dutch_ids()
    )


def test_every_dutch_id_has_an_entry() -> None:
    missing = dutch_ids() - explained(GLOSSARY.read_text(encoding="utf-8"))
    assert missing == set()


def test_the_check_sees_a_missing_entry() -> None:
    text = GLOSSARY.read_text(encoding="utf-8").replace("| `in_ronde` |", "| in ronde |")
    assert dutch_ids() - explained(text) == {"in_ronde"}
