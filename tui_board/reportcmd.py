"""The subcommands for after the session: `report`, `diff` and `textconv`.

- `tussenruimte report FILE [--format md|html] [-o OUT]`: Markdown goes to the screen
  (stdout) unless -o names a file; HTML goes to FILE with `.html` unless -o names another
  file. `-o -` always means the screen. A file is written atomically; a bad FILE writes
  nothing.
- `tussenruimte diff OLD NEW`: what changed, one line each; exit 0 whether or not anything
  changed, 1 when a file cannot be used.
- `tussenruimte textconv FILE`: the session as plain text for git (`.gitattributes`:
  `*.toml diff=tussenruimte`; `git config diff.tussenruimte.textconv "tussenruimte
  textconv"`). A file that does not load as a session is printed as it is, so that git
  can still show the history of a broken file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .i18n import t
from .store import FileProblem, atomic_write, load_session

# The report and the diff load only when their command runs: every other command, the
# participant's board above all, starts without them (docs/ssh.md, memory).
FORMATS = ("md", "html")
"""As `report.FORMATS` (a test checks they agree)."""


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `report`, `diff` and `textconv` to the command's subparsers."""
    report = sub.add_parser("report", parents=[common], help=t("cli.report.help"))
    report.add_argument("file", type=Path, help=t("cli.file.help"))
    report.add_argument("--format", choices=FORMATS, default="md", help=t("cli.report_format.help"))
    report.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help=t("cli.report_output.help")
    )

    diff = sub.add_parser("diff", parents=[common], help=t("cli.diff.help"))
    diff.add_argument("old", type=Path, help=t("cli.diff_old.help"))
    diff.add_argument("new", type=Path, help=t("cli.diff_new.help"))

    conv = sub.add_parser("textconv", parents=[common], help=t("cli.textconv.help"))
    conv.add_argument("file", type=Path, help=t("cli.file.help"))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _write_out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def run_report(args: argparse.Namespace) -> int:
    """`tussenruimte report FILE`: the report, to the screen or a file."""
    path: Path = args.file
    try:
        session = load_session(path)
    except FileProblem as problem:
        return _fail(problem.message())
    from .report import render  # noqa: PLC0415 - see the imports

    text = render(session, args.format)
    out: Path | None = args.output
    if out is not None and str(out) == "-":
        out = None
    elif out is None and args.format == "html":
        out = path.with_suffix(".html")
    if out is None:
        _write_out(text)
        return 0
    if out.resolve() == path.resolve():
        return _fail(t("report.same_file", path=path))
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as error:
        return _fail(t("report.write_failed", path=out, reason=error.strerror or error))
    print(t("report.written", path=out))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    """`tussenruimte diff OLD NEW`: what changed, in words."""
    try:
        old = load_session(args.old)
        new = load_session(args.new)
    except FileProblem as problem:
        return _fail(problem.message())
    from .diffing import changes  # noqa: PLC0415 - see the imports

    lines = changes(old, new) or [t("diff.none")]
    _write_out("\n".join(lines) + "\n")
    return 0


def run_textconv(args: argparse.Namespace) -> int:
    """`tussenruimte textconv FILE`: the session as plain text, for git."""
    path: Path = args.file
    try:
        session = load_session(path)
    except FileProblem as problem:
        if not problem.fixable:  # missing or unreadable: nothing to show
            return _fail(problem.message())
        sys.stdout.buffer.write(path.read_bytes())  # not a session (any more): show it raw
        sys.stdout.flush()
        return 0
    from .diffing import textconv  # noqa: PLC0415 - see the imports

    _write_out(textconv(session))
    return 0
