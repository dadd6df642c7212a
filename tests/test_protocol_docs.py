"""docs/protocol.md keeps up with the code: every op and every change has its row in the
tables, and the version it names is the one the code speaks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

from tui_board.core import ops
from tui_board.core.ops import AnyChange
from tui_board.live.protocol import PROTOCOL_VERSION

DOC = Path(__file__).resolve().parent.parent / "docs" / "protocol.md"


def _op_types() -> set[str]:
    found = set()
    for name in dir(ops):
        kind = getattr(ops, name)
        if isinstance(kind, type) and issubclass(kind, ops._Op) and kind is not ops._Op:
            found.add(str(kind.model_fields["type"].default))
    return found


def _rows(text: str) -> set[str]:
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE))


def test_every_op_and_change_has_a_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    changes = {str(c.model_fields["type"].default) for c in get_args(AnyChange)}
    assert len(_op_types()) > 30 and len(changes) > 12
    assert _op_types() - _rows(text) == set()
    assert changes - _rows(text) == set()


def test_the_version_is_the_code_s() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert text.startswith(f"# The wire protocol (version {PROTOCOL_VERSION})")
    said = set(re.findall(r'"protocol":(\d+)', text))
    assert said == {str(PROTOCOL_VERSION)}, said


def test_the_check_sees_a_missing_row() -> None:
    text = DOC.read_text(encoding="utf-8").replace("| `ungroup` |", "| ungroup |")
    assert "ungroup" in _op_types() - _rows(text)


def test_the_hello_row_and_the_checks_name_the_version() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"| `protocol` | int | `{PROTOCOL_VERSION}` |" in text
    assert f"protocol {PROTOCOL_VERSION}?" in text
    assert f"is not the relay's ({PROTOCOL_VERSION})" in text
