"""The `history` subcommand: `tussenruimte history DIR [--format tui|md] [-o OUT]`.

- `--format tui` opens the history on the screen (Textual loads only then).
- `--format md` writes it as Markdown: to the screen (stdout), or to OUT with `-o` (written
  atomically; `-o -` is the screen). OUT is never one of the session files it read.
- Without `--format`: the screen when both stdin and stdout are a terminal and no `-o` is
  given; otherwise Markdown (so `tussenruimte history archief > verhaal.md` just works).

Exit codes: 0 shown or written (skipped files are reported on stderr but are not an
error); 1 no session in the folder, or OUT cannot be written; 2 DIR is missing or not a
folder, or `-o` with `--format tui`. Nothing is ever written inside DIR unless OUT says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui_board.core.i18n import t, t_count

if TYPE_CHECKING:
    from tui_board.afterwards.history import History

# The history itself (and multiprocessing) loads only when `history` runs: every other
# command, the participant's board above all, starts without it (docs/ssh.md, memory).
FORMATS = ("tui", "md")
"""As `history.FORMATS` (a test checks they agree)."""


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `history` to the command's subparsers."""
    history = sub.add_parser("history", parents=[common], help=t("history.cli.help"))
    history.add_argument("folder", type=Path, metavar="DIR", help=t("history.cli.folder"))
    history.add_argument("--format", choices=FORMATS, help=t("history.cli.format"))
    history.add_argument("-o", "--output", type=Path, metavar="OUT", help=t("history.cli.output"))


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report_skipped(history: History) -> None:
    for copy in history.copies:
        _say(t("history.copy_file", file=copy.file, kept=copy.kept))
        if copy.differs is not None:
            _say("  ⚠ " + t("history.copy_differs", copy=copy.differs[0], kept=copy.differs[1]))
    for clash in history.clashes:
        _say(t("history.clash", file=clash.file, other=clash.kept))
    for skipped in history.skipped:
        _say(t("history.skipped_file", file=skipped.file))
        for line in skipped.message.splitlines():
            _say(f"  {line}")


def choose_format(requested: str | None, output: Path | None) -> str:
    """The format when none was asked for: the screen only in an interactive terminal."""
    if requested is not None:
        return requested
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    return "tui" if interactive and output is None else "md"


def run_history(args: argparse.Namespace, today: dt.date | None = None) -> int:
    """`tussenruimte history DIR`: the sessions of a folder over time."""
    folder: Path = args.folder
    if not folder.exists():
        _say(t("history.no_folder", path=folder))
        return 2
    if not folder.is_dir():
        _say(t("history.not_a_folder", path=folder))
        return 2
    out: Path | None = args.output
    fmt = choose_format(args.format, out)
    if fmt == "tui" and out is not None:
        _say(t("history.output_needs_md"))
        return 2
    from tui_board.afterwards.history import collect, render_markdown  # see the imports
    from tui_board.files.store import atomic_write

    history = collect(folder, today or dt.date.today())
    if not history.sessions:
        _report_skipped(history)
        _say(t("history.no_sessions", path=folder))
        return 1
    if fmt == "tui":
        from tui_board.tui.screens.history import HistoryApp  # Textual loads only for the screen

        HistoryApp(history).run()
        _report_skipped(history)
        return 0
    text = render_markdown(history)
    _report_skipped(history)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    read = {(folder / s.file).resolve() for s in history.sessions}
    if out.resolve() in read or out.suffix == ".toml":
        _say(t("history.same_file", path=out))
        return 1
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as error:
        _say(t("history.write_failed", path=out, reason=error.strerror or error))
        return 1
    print(t_count("history.written", len(history.sessions), path=out))
    return 0
