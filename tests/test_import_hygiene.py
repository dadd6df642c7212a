"""The headless core never imports Textual or Rich: it runs (and is tested) without a
terminal. The modules are found in the package tree, so a new module is guarded as soon as
it exists; each is checked on its own, statically (every import statement, also inside a
function) and by importing it in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tui_board

PACKAGE = Path(tui_board.__file__).parent
UI = ("tui",)
"""The sub-packages that draw on a terminal: only they may import Textual and Rich."""
FORBIDDEN = ("textual", "rich")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


HEADLESS = sorted(
    _module(path)
    for path in PACKAGE.rglob("*.py")
    if path.relative_to(PACKAGE).parts[0] not in UI and path.name != "__main__.py"
)
"""Every module outside the UI (the CLI imports the UI only inside the command that opens
a board)."""


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level) for every import statement in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found: list[tuple[int, str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.append((node.lineno, base, id(node) in top))
    return found


def _path(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE / relative / "__init__.py"
    return package if package.is_file() else (PACKAGE / relative).with_suffix(".py")


def test_the_tree_is_found() -> None:
    # The walk finds the core, the live parts and the entrances; the UI is left out.
    assert {"tui_board.model", "tui_board.rules", "tui_board.relay"} <= set(HEADLESS)
    assert "tui_board.sshgate" in HEADLESS and not any(".tui." in m for m in HEADLESS)


@pytest.mark.parametrize("module", HEADLESS)
def test_no_import_statement_of_a_headless_module_reaches_textual_or_rich(module: str) -> None:
    for line, name, top in _imports(_path(module)):
        assert name.split(".")[0] not in FORBIDDEN, f"{module}:{line} imports {name}"
        ui = name.lstrip(".").split(".")[0] in UI and name.startswith(".")
        ui = ui or name.split(".")[:2] == ["tui_board", "tui"]
        assert not (ui and top), f"{module}:{line} imports the UI ({name}) when it loads"


@pytest.mark.parametrize("module", HEADLESS)
def test_importing_a_headless_module_loads_no_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, {module}; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(FORBIDDEN)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} loads {result.stdout.strip()}"


def test_the_checks_would_notice_textual(tmp_path: Path) -> None:
    # The same probes on code that does import Textual: both checks can fail.
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from rich.text import Text\n\nfrom .tui.app import X\n")
    assert _imports(sneaky) == [(4, ".tui.app", True), (2, "rich.text", False)]
    probe = "import textual.app, sys; print(sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert {"rich", "textual"} <= set(ast.literal_eval(result.stdout))


def test_an_offline_board_loads_nothing_of_the_live_parts() -> None:
    """Memory: the relay, the client, websockets and the protocol's models are loaded only
    by a live board; `open` needs none of them."""
    live = ["tui_board.relay", "tui_board.client", "tui_board.protocol", "websockets"]
    code = (
        "import sys, tui_board.cli, tui_board.tui.app; "
        f"print([m for m in {live!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
