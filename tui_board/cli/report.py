"""The subcommands for after the session: `report`, `diff` and `textconv`.

- `tussenruimte report FILE [--format md|html] [-o OUT]`: Markdown goes to the screen
  (stdout) unless -o names a file; HTML goes to FILE with `.html` unless -o names another
  file. `-o -` always means the screen. A file is written atomically; a bad FILE writes
  nothing.
- `tussenruimte report --all DIR`: renews the reports beside every session file under DIR
  (`FILE.md`, and `FILE.html` where it stands or with --format html), in the session's own
  language, as `archive` writes them; one line per file says what it did. Links and hidden
  folders (`.git`, the state folders `.NAME.toml.tussenruimte/`) are left alone; a bad file
  gets its message and is skipped (exit 1).
- A report is never written over a session file (a `.toml` file, or one that loads as a
  session).
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

from tui_board.core import i18n
from tui_board.core.i18n import t, t_count
from tui_board.core.model import Session
from tui_board.files.store import FileProblem, atomic_write, load_session, read_toml, validate_data

# The report and the diff load only when their command runs: every other command, the
# participant's board above all, starts without them (docs/ssh.md, memory).
FORMATS = ("md", "html")
"""As `report.FORMATS` (a test checks they agree)."""


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `report`, `diff` and `textconv` to the command's subparsers."""
    report = sub.add_parser("report", parents=[common], help=t("cli.report.help"))
    report.add_argument("file", type=Path, nargs="?", help=t("cli.file.help"))
    report.add_argument("--format", choices=FORMATS, help=t("cli.report_format.help"))
    report.add_argument("--all", type=Path, metavar="DIR", help=t("cli.report_all.help"))
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


def is_session_file(path: Path) -> bool:
    """Whether `path` is a session file (or a `.toml` file that may be one): a report is
    never written over it."""
    if path.suffix == ".toml":
        return True
    if not path.is_file():
        return False
    try:
        read = read_toml(path)
    except FileProblem:
        return False
    return "session" in read[1]


def run_report(args: argparse.Namespace) -> int:
    """`tussenruimte report FILE`: the report, to the screen or a file."""
    if args.all is not None:
        if args.file is not None or args.output is not None:
            return _fail(t("report.all_alone"))
        return run_report_all(args.all, args.format)
    if args.file is None:
        return _fail(t("report.no_file"))
    path: Path = args.file
    fmt: str = args.format or "md"
    try:
        session = load_session(path)
    except FileProblem as problem:
        return _fail(problem.message())
    from tui_board.afterwards.report import render  # see the imports

    text = render(session, fmt)
    out: Path | None = args.output
    if out is not None and str(out) == "-":
        out = None
    elif out is None and fmt == "html":
        out = path.with_suffix(".html")
    if out is None:
        _write_out(text)
        return 0
    if out.resolve() == path.resolve():
        return _fail(t("report.same_file", path=path))
    if is_session_file(out):
        return _fail(t("report.over_session", path=out))
    try:
        atomic_write(out, text.encode("utf-8"))
    except OSError as error:
        return _fail(t("report.write_failed", path=out, reason=error.strerror or error))
    print(t("report.written", path=out))
    return 0


def run_report_all(folder: Path, fmt: str | None) -> int:
    """`tussenruimte report --all DIR`: renew the reports beside every session under DIR."""
    from tui_board.afterwards.history import find_files  # see the imports
    from tui_board.afterwards.report import render  # see the imports
    from tui_board.cli.archive import stale_reports  # see the imports

    if not folder.is_dir():
        return _fail(t("report.all_no_folder", path=folder))
    files, problems = find_files(folder)
    bad = len(problems)
    for problem in problems:
        print(f"{problem.file}: {problem.message}", file=sys.stderr)
    renewed = 0
    for path in files:
        if path.is_symlink():
            print(t("report.all_link", path=path))
            continue
        try:
            text, data = read_toml(path)
            if "session" not in data:
                print(t("report.all_not_session", path=path))
                continue
            session = validate_data(Session, data, text, path)
        except FileProblem as problem:
            print(problem.message(), file=sys.stderr)
            bad += 1
            continue
        outs = [path.with_suffix(f".{fmt}")] if fmt else [path.with_suffix(".md")]
        if fmt is None and path.with_suffix(".html").is_file():
            outs.append(path.with_suffix(".html"))
        stale = set(stale_reports(path, session))
        for out in outs:
            if out.is_symlink() or (out.exists() and not out.is_file()):
                print(t("report.all_link", path=out))
                continue
            if out.is_file() and out not in stale:
                print(t("report.all_current", path=out))
                continue
            screen = i18n.language()
            i18n.set_language(session.session.language)
            try:
                made = render(session, "html" if out.suffix == ".html" else "md")
            finally:
                i18n.set_language(screen)
            existed = out.is_file()
            try:
                atomic_write(out, made.encode("utf-8"))
            except OSError as error:
                reason = error.strerror or error
                print(t("report.write_failed", path=out, reason=reason), file=sys.stderr)
                bad += 1
                continue
            renewed += 1
            print(t("report.all_renewed" if existed else "report.all_written", path=out))
    print(t_count("report.all_done", renewed))
    if bad:
        print(t_count("report.all_bad", bad), file=sys.stderr)
        return 1
    return 0


def run_diff(args: argparse.Namespace) -> int:
    """`tussenruimte diff OLD NEW`: what changed, in words."""
    try:
        old = load_session(args.old)
        new = load_session(args.new)
    except FileProblem as problem:
        return _fail(problem.message())
    from tui_board.afterwards.diffing import changes  # see the imports

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
    from tui_board.afterwards.diffing import textconv  # see the imports

    _write_out(textconv(session))
    return 0
