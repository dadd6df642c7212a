"""A chain of sessions in real files, made with the real CLI (`tussenruimte new --from`):
what test_standing.py and test_identity.py build on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui_board.cli.main import main
from tui_board.core.model import Agreement, Role
from tui_board.core.ops import Actor, ReviewOp
from tui_board.core.rules import Applied, apply
from tui_board.files.store import load_session, save_session

TODAY = dt.date(2026, 12, 1)
HOST = Actor("begeleider", Role.FACILITATOR)
"""The facilitator `new` seats."""


def new(path: Path, date: str, *extra: str) -> None:
    assert main(["new", str(path), "--date", date, "--title", "Regio", *extra]) == 0


def adopt(path: Path, *agreements: Agreement) -> None:
    session = load_session(path)
    save_session(session.model_copy(update={"agreements": agreements}), path)


def judge(path: Path, review_id: str, verdict: str, draft: str = "") -> None:
    session = load_session(path)
    op = ReviewOp.model_validate(
        {"review_id": review_id, "verdict": verdict, "agreement_id": draft}
    )
    outcome = apply(session, op, HOST, dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC))
    assert isinstance(outcome, Applied), outcome
    save_session(outcome.session, path)


REGIE = Agreement(
    id="regie",
    what="Eén regievoerder per gezin",
    why="Gezinnen raken de weg kwijt",
    review=dt.date(2026, 2, 1),
    status="aangenomen",
)
OVERLEG = Agreement(id="overleg", what="Elke maand overleg", why="Contact", status="aangenomen")
PARK = Agreement(id="park", what="Gedeelde agenda", why="Overzicht", status="geparkeerd")


def chain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path, str]:
    """A (January, three agreements) → B (March, nothing judged) → C (May); `new`'s output
    for C."""
    a, b, c = (tmp_path / f"{name}.toml" for name in "abc")
    new(a, "2026-01-10")
    adopt(a, REGIE, OVERLEG, PARK)
    new(b, "2026-03-10", "--from", str(a))
    capsys.readouterr()
    new(c, "2026-05-10", "--from", str(b))
    return a, b, c, capsys.readouterr().out
