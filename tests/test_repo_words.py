"""The repository speaks of the product alone: no numbers of a tracker it does not have,
no notes about who worked on it when (not even an upstream tracker's numbers)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIARY = re.compile(r"\bissues? #?\d+|\bother engineers\b", re.IGNORECASE)


def _tracked() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    skip = {Path(__file__).resolve()}
    return [
        ROOT / name
        for name in listed.split("\0")
        if name.endswith((".py", ".md", ".tcss", ".js", ".html", ".toml", ".css"))
        and (ROOT / name).resolve() not in skip
        and (ROOT / name).is_file()
    ]


def diary_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if DIARY.search(line)]


def test_the_check_finds_what_it_looks_for() -> None:
    assert diary_lines("see issue #8\nissue 2 said\nOther engineers ran\nissue-free") == [
        "see issue #8",
        "issue 2 said",
        "Other engineers ran",
    ]
    assert diary_lines("a known fault of Textual; issue-free") == []


def test_no_file_speaks_of_issue_numbers_or_engineers() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in _tracked()
        for line in diary_lines(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []
