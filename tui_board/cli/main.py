"""The `tussenruimte` command and its subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from tui_board.cli import archive as archivecmd
from tui_board.cli import fmt as fmtcmd
from tui_board.cli import history as historycmd
from tui_board.cli import live as livecmd
from tui_board.cli import report as reportcmd
from tui_board.core import i18n
from tui_board.core.i18n import t, t_count
from tui_board.core.model import Session
from tui_board.core.terugblik import carry_over, carry_plan
from tui_board.core.text import clean_line
from tui_board.files.merging import conflict_lines
from tui_board.files.store import FileProblem, load_session, save_session
from tui_board.files.templates import discover, find_template, new_session, user_template_dirs

# argparse's own words, in Dutch: argparse looks `_` up at call time.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r "
    "(kies uit %(choices)s)",
    "expected one argument": "hier hoort één waarde bij",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s "
    "kan %(matches)s zijn",
}


def _argparse_words(message: str) -> str:
    return _ARGPARSE_NL.get(message, message) if i18n.language() == "nl" else message


def _choose_language(argv: Sequence[str]) -> str:
    language = os.environ.get("TUSSENRUIMTE_LANG", "nl")
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            language = argv[index + 1]
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
    return language if language in i18n.LANGUAGES else "nl"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with help in the current language."""
    setattr(argparse, "_", _argparse_words)  # noqa: B010 - argparse reads `_` at call time
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.lang.help"))
    parser = argparse.ArgumentParser(
        prog="tussenruimte", description=t("cli.description"), parents=[common]
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="{new,open,validate,templates,host,join,relay,report,diff,textconv,archive,"
        "history,merge,git-setup,fmt,keys}",
    )

    new = sub.add_parser("new", parents=[common], help=t("cli.new.help"))
    new.add_argument("file", type=Path, help=t("cli.file.help"))
    new.add_argument("--template", help=t("cli.template.help"))
    new.add_argument("--title", help=t("cli.title.help"))
    new.add_argument("--place", default="", help=t("cli.place.help"))
    new.add_argument("--date", help=t("cli.date.help"))
    new.add_argument("--name", help=t("cli.name.help"))
    new.add_argument("--org", default="", help=t("cli.org.help"))
    new.add_argument("--anonymous", action="store_true", help=t("cli.anonymous.help"))
    new.add_argument("--from", dest="earlier", type=Path, help=t("cli.from.help"))
    new.add_argument("--participants", action="store_true", help=t("cli.participants.help"))

    opened = sub.add_parser("open", parents=[common], help=t("cli.open.help"))
    opened.add_argument("file", type=Path, help=t("cli.file.help"))
    opened.add_argument("--name", help=t("cli.name.help"))
    opened.add_argument("--contrast", action="store_true", help=t("a11y.contrast.help"))
    livecmd.keys_option(opened)

    check = sub.add_parser("validate", parents=[common], help=t("cli.validate.help"))
    check.add_argument("files", type=Path, nargs="+", help=t("cli.file.help"))

    sub.add_parser("templates", parents=[common], help=t("cli.templates.help"))
    keys = sub.add_parser("keys", parents=[common], help=t("cli.keys.help"))
    livecmd.keys_option(keys)
    keys.add_argument("--check", type=Path, metavar="FILE", help=t("cli.keys_check.help"))
    livecmd.add_parsers(sub, common)
    reportcmd.add_parsers(sub, common)
    archivecmd.add_parsers(sub, common)
    historycmd.add_parsers(sub, common)
    fmtcmd.add_parsers(sub, common)
    return parser


def _quiet_libraries() -> None:
    """No library warnings (asyncssh's CryptographyDeprecationWarning, say) in the user's
    terminal: they say nothing a facilitator can act on. `python -W …` or PYTHONWARNINGS
    still shows them to whoever asks."""
    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0 fine, 1 a problem, 2 a wrong call)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    _quiet_libraries()
    i18n.set_language(_choose_language(args_list))
    parser = build_parser()
    args = parser.parse_args(args_list)
    if getattr(args, "contrast", False):  # read by the board (tui/themes.py)
        os.environ["TUSSENRUIMTE_CONTRAST"] = "1"
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "open":
            return _open(args)
        if args.command == "validate":
            return _validate(args.files)
        if args.command == "host":
            return livecmd.run_host(args)
        if args.command == "relay":
            return livecmd.run_relay(args)
        if args.command == "join":
            return livecmd.run_join(args)
        if args.command == "report":
            return reportcmd.run_report(args)
        if args.command == "diff":
            return reportcmd.run_diff(args)
        if args.command == "textconv":
            return reportcmd.run_textconv(args)
        if args.command == "archive":
            return archivecmd.run_archive(args)
        if args.command == "merge":
            return archivecmd.run_merge(args)
        if args.command == "git-setup":
            return archivecmd.run_git_setup(args)
        if args.command == "history":
            return historycmd.run_history(args)
        if args.command == "fmt":
            return fmtcmd.run_fmt(args)
        if args.command == "keys":
            return _keys(args)
        return _templates()
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _new(args: argparse.Namespace) -> int:
    path: Path = args.file
    if path.exists():
        return _fail(t("file.exists", path=path))
    earlier: Session | None = None
    if args.earlier is not None:
        try:
            earlier = load_session(args.earlier)
        except FileProblem as problem:
            return _fail(problem.message())
    elif args.participants:
        return _fail(t("cli.participants_needs_from"))
    name = args.template or (earlier.session.template if earlier else "rivierenland")
    try:
        template = find_template(name)
    except LookupError as error:
        return _fail(str(error))
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        return _fail(t("cli.bad_date", value=args.date))
    session = new_session(
        template,
        title=args.title or (earlier.session.title if earlier else None),
        date=date,
        place=args.place or (earlier.session.place if earlier else ""),
        facilitator=args.name or t("cli.default_facilitator"),
        organisation=args.org,
        anonymous=args.anonymous or (earlier.session.anonymous if earlier else False),
    )
    if earlier is not None:
        session = carry_over(session, earlier, args.earlier.name, args.participants)
    try:
        save_session(session, path)
    except OSError as error:
        return _fail(t("file.save_failed", path=path, reason=error.strerror or error))
    print(t("cli.created", path=path, themes=t_count("count.themes", len(session.themes))))
    if earlier is not None:
        _print_carried(earlier, session)
    return 0


def _print_carried(earlier: Session, session: Session) -> None:
    """What `new --from` carried to look back on, and what it did not, with why."""
    title = earlier.session.title
    plan = carry_plan(earlier)
    if session.terugblik:
        print(t_count("cli.carried", len(session.terugblik), title=title))
    else:
        print(t("cli.carried_none", title=title))
    for item in plan:
        if not item.carried:
            continue
        reasons = [t(item.reason)]
        if item.agenda > 1:
            reasons.append(t("carry.agenda", count=item.agenda))
        if item.review is not None and item.review < session.session.date:
            reasons.append(t("carry.late", date=item.review.isoformat()))
        print(t("cli.carry.line", what=clean_line(item.what, 80), why=", ".join(reasons)))
    left = [item for item in plan if not item.carried]
    if left:
        print(t("cli.carry.left"))
    for item in left:
        detail = clean_line(item.detail, 80)
        why = t(item.reason, detail=detail) if detail else t(item.reason)
        print(t("cli.carry.left_line", what=clean_line(item.what, 80), why=why))


def _open(args: argparse.Namespace) -> int:
    from tui_board.tui import keymap  # the CLI reaches the UI only inside a function

    try:
        session = load_session(args.file)
    except FileProblem as problem:
        return _fail(problem.message())
    from tui_board.live.localboard import LocalBoard  # keep `validate` and `new` fast
    from tui_board.tui.app import BoardApp

    keymap.prepare(args.keys)
    board = LocalBoard(session, args.file, args.name or t("cli.default_facilitator"))
    BoardApp(board).run()
    return 0


def _keys(args: argparse.Namespace) -> int:
    """`tussenruimte keys`: every action with its own key, the mapped key (with a keymap)
    and what it does; `--check FILE` only checks a keymap file (exit 1 when it is bad)."""
    from tui_board.tui import keymap  # the CLI reaches the UI only inside a function
    from tui_board.tui.keys import KEYS, defaults, key_name, use_keymap  # the table

    if args.check is not None:
        try:
            mapped = keymap.load(args.check, defaults())
        except keymap.KeymapInvalid as invalid:
            return _fail(invalid.message())
        print(t_count("keys.ok", len(mapped), path=args.check))
        return 0
    path = args.keys if args.keys is not None else keymap.default_path()
    mapped = keymap.prepare(args.keys)
    print(t("keys.using", path=path) if mapped else t("keys.none_used", path=path))
    rows = [(t("keys.head_id"), t("keys.head_default"), t("keys.head_mapped"), "")]
    for key in KEYS:
        own = " / ".join(key_name(k) for k in key.keys.split(","))
        now = " / ".join(key_name(k) for k in mapped[key.id].split(",")) if key.id in mapped else ""
        rows.append((key.id, own, now, t(key.long)))
    widths = [max(len(row[i]) for row in rows) + 2 for i in range(3)]
    for number, row in enumerate(rows):
        cells = [row[i] + " " * (widths[i] - len(row[i])) for i in range(3)]
        if not mapped:
            del cells[2]
        meaning = t("keys.head_meaning") if number == 0 else row[3]
        print(("".join(cells) + meaning).rstrip())
    use_keymap({})
    return 0


def _validate(files: Sequence[Path]) -> int:
    status = 0
    for path in files:
        try:
            session = load_session(path)
        except FileProblem as problem:
            print(problem.message(), file=sys.stderr)
            status = 1
            continue
        print(
            t(
                "cli.valid",
                path=path,
                cards=t_count("count.cards", len(session.cards)),
                themes=t_count("count.themes", len(session.themes)),
                people=t_count("count.participants", len(session.participants)),
            )
        )
        if session.conflicts:  # a git merge left these for someone to decide
            print(t_count("merge.conflicts", len(session.conflicts)))
            print("\n".join(f"  - {line}" for line in conflict_lines(session)))
            print(t("merge.conflicts.what_now"))
        for report in archivecmd.stale_reports(path, session):
            html = " --format html" if report.suffix == ".html" else ""
            command = f"tussenruimte report {path}{html} -o {report}"
            print(t("cli.report_stale", report=report, command=command))
    return status


def _templates() -> int:
    found, problems = discover()
    print(t("template.list_header"))
    width = max((len(name) for name in found), default=0)
    for name, item in sorted(found.items()):
        info = item.template.template
        themes = len(item.template.themes)
        print(f"  {name.ljust(width)}  {info.title} ({themes})")
        if info.description:
            print(f"  {' ' * width}  {info.description}")
    for problem in problems:
        print(t("template.broken", path=problem.path), file=sys.stderr)
        print(problem.message(), file=sys.stderr)
    print()
    print(t("template.list_dirs", dir=user_template_dirs()[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
