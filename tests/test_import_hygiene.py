"""The headless core never imports Textual: it runs (and is tested) without a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tui_board

CORE_MODULES = (
    "tui_board.model",
    "tui_board.ops",
    "tui_board.rules",
    "tui_board.outcome",
    "tui_board.placing",
    "tui_board.clustering",
    "tui_board.terugblik",
    "tui_board.instruments",
    "tui_board.instrument_rules",
    "tui_board.store",
    "tui_board.templates",
    "tui_board.text",
    "tui_board.i18n",
    "tui_board.local",
    "tui_board.protocol",
    "tui_board.codes",
    "tui_board.journal",
    "tui_board.views",
    "tui_board.relay",
    "tui_board.client",
    "tui_board.live",
    "tui_board.livecmd",
    "tui_board.cli",
    "tui_board.report",
    "tui_board.reportdoc",
    "tui_board.reportcmd",
    "tui_board.diffing",
    "tui_board.archive",
    "tui_board.archivecmd",
    "tui_board.phases",
    "tui_board.sshgate",
    "tui_board.boardfork",
    "tui_board.webgate",
    "tui_board.qr",
    "tui_board.entrances",
    "tui_board.history",
    "tui_board.historycmd",
)
"""Every headless module (the CLI imports Textual only when a board opens)."""

PACKAGE = Path(tui_board.__file__).parent


def test_every_core_module_exists() -> None:
    for name in CORE_MODULES:
        assert (PACKAGE / f"{name.removeprefix('tui_board.')}.py").is_file(), name


def test_the_core_never_imports_textual() -> None:
    code = f"import {', '.join(CORE_MODULES)}; import sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_check_would_notice_textual() -> None:
    # The same probe on a module that does import Textual says True: the check can fail.
    code = "import textual.app; import sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_an_offline_board_loads_nothing_of_the_live_parts() -> None:
    """Memory (issue 2): the relay, the client, websockets and the protocol's models are
    loaded only by a live board; `open` needs none of them."""
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
