"""The folders are the architecture: every module lives in a layer, and imports run one way,

    core ← files ← live ← entrances, afterwards ← tui ← cli

(a module imports its own layer or one below; entrances and afterwards are neighbours that
do not import each other). Only the UI (`tui`) draws on a terminal: nothing below it imports
Textual or Rich, and the CLI reaches the UI only inside a function, so commands without a
board never load it. The modules are found in the package tree, so a new module is checked
as soon as it exists, each on its own: statically (every import statement, also inside a
function) and by importing it in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tui_board

PACKAGE = Path(tui_board.__file__).parent
RANK = {
    "core": 0,
    "files": 1,
    "live": 2,
    "entrances": 3,
    "afterwards": 3,
    "tui": 4,
    "cli": 5,
}
"""Each layer's place: a module may import its own layer or one of a lower rank."""
TOP = ("tui_board", "tui_board.__main__")
"""The package and `python -m tui_board`: above everything (they run the CLI)."""
UI = "tui"
FORBIDDEN = ("textual", "rich")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(_module(path) for path in PACKAGE.rglob("*.py"))
HEADLESS = [m for m in MODULES if m not in TOP and m.split(".")[1] != UI]
"""Every module outside the UI."""


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def _imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, imported module, at module level) for every import statement in a file; for
    `from X import a`, also `X.a` (which may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found: list[tuple[int, str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, id(node) in top) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.append((node.lineno, base, id(node) in top))
            found += [(node.lineno, f"{base}.{a.name}", id(node) in top) for a in node.names]
    return found


def _path(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE / relative / "__init__.py"
    return package if package.is_file() else (PACKAGE / relative).with_suffix(".py")


def _ours(name: str) -> str | None:
    """The package module an import names, or None for anything else."""
    while name.startswith("tui_board"):
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def test_the_tree_is_found() -> None:
    # The walk finds every layer and the UI's folders; the UI is not headless.
    assert {"tui_board.core.model", "tui_board.core.rules", "tui_board.live.relay"} <= set(HEADLESS)
    assert "tui_board.entrances.sshgate" in HEADLESS and "tui_board.tui.app" in MODULES
    assert not any(".tui." in m for m in HEADLESS)
    assert {_layer(m) for m in MODULES} == {*RANK, None}


@pytest.mark.parametrize("module", MODULES)
def test_every_module_lives_in_a_layer(module: str) -> None:
    assert module in TOP or _layer(module) is not None, f"{module}: in which layer folder?"
    for line, name, _ in _imports(_path(module)):
        assert not name.startswith("."), f"{module}:{line}: import the layer by name ({name})"


def _upward(module: str, imports: list[tuple[int, str, bool]]) -> list[str]:
    """Every import of `module` that goes against the layers, in words."""
    layer = _layer(module)
    assert layer is not None
    found: list[str] = []
    seen: set[tuple[int, str | None]] = set()
    for line, name, top in imports:
        target = _ours(name)
        if (line, target) in seen:
            continue  # `from X import a`: X, and X.a where a is not a module
        seen.add((line, target))
        if target in TOP:
            found.append(f"{module}:{line} imports {name}, the command's top")
        if target is None or target in TOP:
            continue
        other = _layer(target)
        assert other is not None
        if not (RANK[other] < RANK[layer] or other == layer):
            found.append(f"{module}:{line} ({layer}) imports {target} ({other}), a layer above")
        if layer == "cli" and other == UI and top:
            found.append(f"{module}:{line} loads the UI ({target}) with the command")
    return found


@pytest.mark.parametrize("module", [m for m in MODULES if m not in TOP])
def test_imports_run_down_the_layers(module: str) -> None:
    assert _upward(module, _imports(_path(module))) == []


@pytest.mark.parametrize("module", HEADLESS)
def test_no_import_statement_of_a_headless_module_reaches_textual_or_rich(module: str) -> None:
    for line, name, _ in _imports(_path(module)):
        assert name.split(".")[0] not in FORBIDDEN, f"{module}:{line} imports {name}"


def test_no_module_imports_itself_round_about() -> None:
    # At load time, no loop: a module never imports (through others) one that imports it.
    graph = {
        module: {
            target
            for _, name, top in _imports(_path(module))
            if top and (target := _ours(name)) is not None and target != module
        }
        for module in MODULES
    }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " → ".join((*path[path.index(module) :], module))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, (*path, module))
        done.add(module)

    for module in MODULES:
        visit(module, ())


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


def test_the_checks_would_notice_textual_and_an_upward_import(tmp_path: Path) -> None:
    # The same probes on code that imports what it may not: every check can fail.
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "def f():\n    from rich.text import Text\n    from tui_board.tui.keys import KEYS\n\n"
        "from tui_board.live.relay import Relay\nfrom tui_board.tui import keymap\n"
    )
    imports = _imports(sneaky)
    assert (2, "rich.text", False) in imports and (6, "tui_board.tui.keymap", True) in imports
    assert _upward("tui_board.core.sneaky", imports) == [
        "tui_board.core.sneaky:5 (core) imports tui_board.live.relay (live), a layer above",
        "tui_board.core.sneaky:6 (core) imports tui_board.tui (tui), a layer above",
        "tui_board.core.sneaky:6 (core) imports tui_board.tui.keymap (tui), a layer above",
        "tui_board.core.sneaky:3 (core) imports tui_board.tui.keys (tui), a layer above",
    ]
    assert _upward("tui_board.cli.sneaky", imports) == [
        "tui_board.cli.sneaky:6 loads the UI (tui_board.tui) with the command",
        "tui_board.cli.sneaky:6 loads the UI (tui_board.tui.keymap) with the command",
    ]
    probe = "import textual.app, sys; print(sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert {"rich", "textual"} <= set(ast.literal_eval(result.stdout))


def test_an_offline_board_loads_nothing_of_the_live_parts() -> None:
    """Memory: the relay, the client, websockets and the protocol's models are loaded only
    by a live board; `open` needs none of them."""
    live = [
        "tui_board.live.relay",
        "tui_board.live.client",
        "tui_board.live.protocol",
        "websockets",
    ]
    code = (
        "import sys, tui_board.cli.main, tui_board.tui.app; "
        f"print([m for m in {live!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
