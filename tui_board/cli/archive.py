"""The `archive` subcommand: `tussenruimte archive FILE [--repo DIR] [--message TEXT] [--push]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_board.core import i18n
from tui_board.core.i18n import t
from tui_board.core.model import Session
from tui_board.files.store import FileProblem


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add `archive` to the command's subparsers."""
    archive = sub.add_parser("archive", parents=[common], help=t("cli.archive.help"))
    archive.add_argument("file", type=Path, help=t("cli.file.help"))
    archive.add_argument("--repo", type=Path, metavar="DIR", help=t("cli.archive.repo.help"))
    archive.add_argument("-m", "--message", metavar="TEXT", help=t("cli.archive.message.help"))
    archive.add_argument("--push", action="store_true", help=t("cli.archive.push.help"))
    archive.add_argument("--rename", action="store_true", help=t("cli.archive.rename.help"))

    merge = sub.add_parser("merge", parents=[common], help=t("cli.merge.help"))
    merge.add_argument("base", type=Path, metavar="BASE", help=t("cli.merge.base.help"))
    merge.add_argument("ours", type=Path, metavar="OURS", help=t("cli.merge.ours.help"))
    merge.add_argument("theirs", type=Path, metavar="THEIRS", help=t("cli.merge.theirs.help"))
    merge.add_argument("path", nargs="?", metavar="PATH", help=t("cli.merge.path.help"))

    setup = sub.add_parser("git-setup", parents=[common], help=t("cli.git_setup.help"))
    setup.add_argument(
        "dir",
        type=Path,
        nargs="?",
        default=Path("."),
        metavar="DIR",
        help=t("cli.git_setup.dir.help"),
    )


def markdown_report(session: Session) -> str:
    """The report of `session` in Markdown, in the session's own language (so the archived
    report does not change with the language of whoever archives it).

    The report module is loaded only when needed.
    """
    from tui_board.afterwards.report import render  # only `archive` needs the report

    screen = i18n.language()
    i18n.set_language(session.session.language)
    try:
        return render(session, "md")
    finally:
        i18n.set_language(screen)


def stale_reports(path: Path, session: Session) -> list[Path]:
    """The reports beside the session file (`FILE.md`, `FILE.html`, as `archive` and
    `report` write them) that no longer say what the session holds: after a hand edit or a
    merge. A report counts as current when it is what `report` makes of the session now, in
    the session's language or the current one."""
    found = [p for p in (path.with_suffix(".md"), path.with_suffix(".html")) if p.is_file()]
    if not found:
        return []
    from tui_board.afterwards.report import render  # only when a report stands beside it

    screen = i18n.language()
    stale = []
    for report in found:
        try:
            text = report.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        fmt = "md" if report.suffix == ".md" else "html"
        made = {render(session, fmt)}
        i18n.set_language(session.session.language)
        try:
            made.add(render(session, fmt))
        finally:
            i18n.set_language(screen)
        if text not in made:
            stale.append(report)
    return stale


def run_archive(args: argparse.Namespace) -> int:
    """`tussenruimte archive FILE`: the session and its report in the archive, one commit."""
    from tui_board.afterwards.archive import default_repo  # git work loads only for `archive`

    path: Path = args.file
    repo: Path = args.repo if args.repo is not None else default_repo(path)
    return archive_and_tell(path, repo, args.message, push=args.push, rename=args.rename)


def run_merge(args: argparse.Namespace) -> int:
    """`tussenruimte merge BASE OURS THEIRS [PATH]`: git's merge driver for sessions."""
    from tui_board.files.merging import run_merge as merge  # only git calls this

    return merge(args.base, args.ours, args.theirs, args.path)


def run_git_setup(args: argparse.Namespace) -> int:
    """`tussenruimte git-setup [DIR]`: a clone of an archive (or any repository with
    sessions) reads sessions as minutes in `git diff` and merges them card by card."""
    import shutil  # git work loads only for these commands

    from tui_board.afterwards.archive import ArchiveProblem, git_setup, repo_top, update_attributes

    folder: Path = args.dir
    try:
        top = repo_top(folder) if folder.is_dir() else None
        if top is None:
            print(t("git_setup.not_a_repo", dir=folder), file=sys.stderr)
            return 1
        git_setup(top, force=True)
        changed = update_attributes(top)
    except ArchiveProblem as problem:
        print(problem.message, file=sys.stderr)
        return 1
    print(t("git_setup.done", repo=top))
    if changed:
        print(t("git_setup.attributes", repo=top))
    if shutil.which("tussenruimte") is None:
        print(t("git_setup.not_on_path"), file=sys.stderr)
    return 0


def archive_and_tell(
    path: Path, repo: Path, message: str | None = None, push: bool = False, rename: bool = False
) -> int:
    """Archive `path` in `repo` and say what was committed (stdout) or what went wrong
    (stderr); 0 when it worked, 1 when it did not. Used by `archive` and by `host`/`relay`
    with `--archive` at the end of a session. A failure never touches the session file."""
    from tui_board.afterwards.archive import (  # git work loads only when archiving
        FALLBACK_EMAIL,
        FALLBACK_NAME,
        ArchiveProblem,
        archive_session,
        push_archive,
    )

    try:
        result = archive_session(path, repo, markdown_report, message, rename=rename)
    except FileProblem as problem:
        print(problem.message(), file=sys.stderr)
        return 1
    except ArchiveProblem as problem:
        print(problem.message, file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.created:
        print(t("archive.created", repo=result.repo))
    toml, md = (str(f) for f in result.files)
    if result.commit is None:
        print(t("archive.unchanged", repo=result.repo, file=toml))
    else:
        print(t("archive.done", repo=result.repo, file=toml, report=md))
        print(t("archive.commit", commit=result.commit, subject=result.subject))
        if result.fallback_identity:
            print(
                t(
                    "archive.fallback_identity",
                    repo=result.repo,
                    name=f"{FALLBACK_NAME} <{FALLBACK_EMAIL}>",
                )
            )
    if not push:
        return 0
    try:
        pushed = push_archive(result.repo)
    except ArchiveProblem as problem:
        print(problem.message, file=sys.stderr)
        if result.commit is not None:
            print(t("archive.commit_kept", commit=result.commit), file=sys.stderr)
        return 1
    print(t("archive.pushed", remote=pushed.remote, branch=pushed.branch))
    return 0


def archive_at_end(paths: list[Path], repo: Path) -> int:
    """`host`/`relay --archive DIR`: after a clean stop, archive every session file in `repo`
    as `tussenruimte archive FILE --repo DIR` would. 0 when all were archived; otherwise 1,
    after saying which file was not archived and how to do it later (the files are whole)."""
    failed = 0
    for path in paths:
        print(t("archive.live.start", path=path, repo=repo), flush=True)
        if archive_and_tell(path, repo) != 0:
            failed += 1
            print(t("archive.live.failed", path=path, repo=repo), file=sys.stderr)
    sys.stdout.flush()
    return 1 if failed else 0
