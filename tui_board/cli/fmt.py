"""`tussenruimte fmt FILE…`: session files in the canonical layout (the one the board writes).

- `fmt FILE…` loads each file with the store and saves it: the same bytes the board would
  write. A file that does not load gets the store's message and is not touched.
- `fmt --check FILE…` writes nothing; it names each file that is not in the canonical
  layout and exits 1, for a pre-commit hook.

A link is never followed: `fmt` would replace the link by a file, and the file it points to
may stand outside the folder the hook looks after. Exit 0 when every file is (now) fine, 1
when one could not be used or (with --check) is not canonical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_board.core.i18n import t
from tui_board.files.store import FileProblem, atomic_write, dumps_session, load_session


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `fmt` to the command's subparsers."""
    fmt = sub.add_parser("fmt", parents=[common], help=t("cli.fmt.help"))
    fmt.add_argument("files", type=Path, nargs="+", help=t("cli.file.help"))
    fmt.add_argument("--check", action="store_true", help=t("cli.fmt_check.help"))


def canonical(path: Path) -> tuple[bytes, bytes]:
    """The file's bytes as they are and as the board writes them; FileProblem when the file
    cannot be used (a link included)."""
    if path.is_symlink():
        raise FileProblem(path, t("fmt.symlink", path=path), fixable=False)
    load_session(path)  # the store's message for a bad file, before anything else
    now = path.read_bytes()
    return now, dumps_session(load_session(path)).encode("utf-8")


def run_fmt(args: argparse.Namespace) -> int:
    """`tussenruimte fmt [--check] FILE…`."""
    bad = 0
    off: list[Path] = []
    for path in args.files:
        try:
            now, made = canonical(path)
        except FileProblem as problem:
            print(problem.message(), file=sys.stderr)
            bad += 1
            continue
        if now == made:
            if not args.check:
                print(t("fmt.unchanged", path=path))
            continue
        if args.check:
            print(t("fmt.not_canonical", path=path))
            off.append(path)
            continue
        try:
            atomic_write(path, made)
        except OSError as error:
            print(t("fmt.write_failed", path=path, reason=error.strerror or error), file=sys.stderr)
            bad += 1
            continue
        print(t("fmt.written", path=path))
    if off:
        names = " ".join(str(p) for p in off)
        print(t("fmt.hint", command=f"tussenruimte fmt {names}"), file=sys.stderr)
    return 1 if bad or off else 0
