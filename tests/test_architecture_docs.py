"""docs/architecture.md names every module of the package: a new module without a row (or
a row for a module that is gone) fails here."""

from __future__ import annotations

import re
from pathlib import Path

import tui_board

PACKAGE = Path(tui_board.__file__).parent
DOC = PACKAGE.parent / "docs" / "architecture.md"


def modules() -> set[str]:
    return {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    }


def named(text: str) -> set[str]:
    """Module paths the table names: `tui_board/x.py` and the short `y.py` after it in a row
    (relative to the folder of the row's first path)."""
    found: set[str] = set()
    for row in re.findall(r"^\| (`tui_board/[^|]*)\|", text, re.MULTILINE):
        paths = re.findall(r"`([a-z0-9_/]+\.py)`", row)
        folder = str(Path(paths[0]).parent.relative_to("tui_board")) if paths else "."
        for path in paths:
            if path.startswith("tui_board/"):
                found.add(str(Path(path).relative_to("tui_board")))
            else:
                found.add(str(Path(folder) / path) if folder != "." else path)
    return found


def test_every_module_has_a_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert modules() - named(text) == set()
    assert named(text) - modules() == set(), "a row names a module that is not there"


def test_the_check_sees_a_missing_row() -> None:
    text = DOC.read_text(encoding="utf-8").replace("`tui_board/entrances/plain.py`", "`plain`")
    assert "entrances/plain.py" in modules() - named(text)


def test_the_readme_maps_every_layer_folder() -> None:
    # The developer section of the README shows the folders; a new layer (or a gone one)
    # fails here.
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Voor ontwikkelaars", 1)[1].split("```", 2)[1]
    mapped = set(re.findall(r"^  ([a-z]+)/ ", block, re.MULTILINE))
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert mapped == folders
