"""Archiving a session in a git repository: the session file and its report, one commit.

`archive_session` loads a session file (a bad file raises the store's FileProblem before
anything is touched), writes it into the archive repository with the store (so the
archived TOML is canonical), writes its report beside it, and commits exactly those two
files (and `.gitattributes` when it sets up textconv and the merge driver). Layout: one
folder per year, the file's own name (`2026/sessie-januari.toml` and `….md`), or with
`rename` a name from the date and the title:
`2026/2026-11-26-duurzaam-samenwerken-in-rivierenland.toml`.

What it never does: add anything but the two files it wrote (a journal, seats, codes or a
state folder copied into the repository stays untracked), rewrite history (no amend, no
reset, no force), or touch a repository with uncommitted changes to tracked files or
staged changes. Archiving an unchanged session makes no commit. `push_archive` pushes the
current branch; a failed push leaves the local commit where it is.

Git is the real `git`, run with LC_ALL=C. When the repository has no identity, commits are
made as `tussenruimte <tussenruimte@localhost>` (and the result says so).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_board.core.i18n import t, t_count
from tui_board.core.model import Role, Session
from tui_board.core.text import clean_line
from tui_board.files.store import FileProblem, atomic_write, dumps_session, load_session
from tui_board.live.journal import state_dir

DEFAULT_FOLDER = "archief"
"""The archive repository when none is given: this folder beside the session file."""

ENV_REPO = "TUSSENRUIMTE_ARCHIVE"
"""An environment variable that names the archive repository (overrides the default)."""

FALLBACK_NAME = "tussenruimte"
FALLBACK_EMAIL = "tussenruimte@localhost"
"""The identity of a commit in a repository without `user.name` / `user.email`."""

SLUG_MAX = 60
"""The longest slug of a title in a file name."""

# Variables that would point git at another repository, index or work tree than ours.
_GIT_LOCATION_VARS = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)

_TRANSLIT = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th", "ı": "i", "&": " en "}
)  # fmt: skip


class ArchiveProblem(Exception):
    """Archiving cannot go on; the message (in the current language) says why and what now."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """What `archive_session` did."""

    repo: Path
    """The archive repository (its top folder)."""
    files: tuple[Path, Path]
    """The session file and the report, relative to `repo`."""
    subject: str
    """The first line of the commit message (also when no commit was needed)."""
    commit: str | None
    """The short hash of the new commit; None when the archive already had this session."""
    created: bool
    """Whether the repository was made now (`git init`)."""
    fallback_identity: bool
    """Whether the commit was made as tussenruimte because the repository has no identity."""
    warnings: tuple[str, ...] = ()
    """Things the archivist should know (in the current language)."""


@dataclass(frozen=True, slots=True)
class PushResult:
    """Where `push_archive` pushed to."""

    remote: str
    branch: str


# --- names --------------------------------------------------------------------------------


def slugify(title: str, limit: int = SLUG_MAX) -> str:
    """Lowercase ascii words joined by dashes: "Zorg & Wonen in Tiel!" → "zorg-en-wonen-in-tiel".

    Accents are dropped, anything else becomes a dash, and a long title is cut at a word
    boundary. A title with nothing left (only symbols, another script) gives "sessie".
    """
    text = unicodedata.normalize("NFKD", title.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:limit]
        slug = slug.strip("-")
    return slug or "sessie"


def archive_paths(
    session: Session, source: Path | None = None, *, rename: bool = False
) -> tuple[Path, Path]:
    """The session file and the report, relative to the archive repository: in the folder
    of the session's year, under the source file's own name (so `[origin] file` references
    keep working), or — with `rename`, or without a source — a name made of the date and
    the title: `2026/2026-11-26-duurzaam-samenwerken-in-rivierenland.toml`.

    The names hold only letters, digits, dashes, underscores and dots, so they are safe as
    git pathspecs: a source name with anything else is made so with `slugify`.
    """
    meta = session.session
    folder = Path(f"{meta.date.year:04d}")
    if source is not None and not rename:
        stem = source.stem if SAFE_NAME.fullmatch(source.name) else slugify(source.stem)
    else:
        stem = f"{meta.date.isoformat()}-{slugify(meta.title)}"
    return folder / f"{stem}.toml", folder / f"{stem}.md"


SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\.toml")
"""A session file name the archive keeps as it is."""


def default_repo(session_path: Path) -> Path:
    """The archive repository when --repo is not given: $TUSSENRUIMTE_ARCHIVE, or the
    folder `archief` beside the session file."""
    named = os.environ.get(ENV_REPO, "").strip()
    if named:
        return Path(named).expanduser()
    return session_path.parent / DEFAULT_FOLDER


def commit_subject(session: Session) -> str:
    """The first line of the commit: what the session produced.

    "Sessie 2026-11-26: Duurzaam samenwerken in Rivierenland — 10 kaarten, 6 deelnemers uit
    5 organisaties" (agreements are counted too, once sessions have them).
    """
    meta = session.session
    title = clean_line(meta.title) or "?"
    parts = [_count("archive.count.cards", len(session.cards))]
    agreements = getattr(session, "agreements", None)
    if agreements:
        parts.append(_count("archive.count.agreements", len(agreements)))
    # People at the table: observers never count (a merged seat is no longer in the file).
    seated = [p for p in session.participants if p.role is not Role.OBSERVER]
    people = len(seated)
    organisations = {clean_line(p.organisation).casefold() for p in seated} - {""}
    if people and organisations:
        parts.append(
            t(
                "archive.count.people_from",
                people=_count("archive.count.people", people),
                organisations=_count("archive.count.organisations", len(organisations)),
            )
        )
    elif people:
        parts.append(_count("archive.count.people", people))
    return t("archive.subject", date=meta.date.isoformat(), title=title, summary=", ".join(parts))


def correction_subject(old: Session, new: Session) -> str:
    """The first line of a commit that changes an archived session: what changed.

    "Correctie in sessie 2026-11-26: Duurzaam samenwerken in Rivierenland — 1 kaart
    gewijzigd, afspraak 'Eén loket' aangenomen".
    """
    meta = new.session
    title = clean_line(meta.title) or "?"
    parts: list[str] = []
    for field in ("title", "place"):
        if getattr(old.session, field) != getattr(new.session, field):
            parts.append(t(f"archive.{field}_changed"))
    parts += _changed("cards", old.cards, new.cards)
    adopted = [
        a
        for a in new.agreements
        if a.status == "aangenomen" and getattr(old.agreement(a.id), "status", "") != "aangenomen"
    ]
    for agreement in adopted[:2]:
        parts.append(t("archive.adopted", what=_shorten(agreement.what)))
    if len(adopted) > 2:
        parts.append(_count("archive.adopted_more", len(adopted) - 2))
    done = {a.id for a in adopted}
    parts += _changed(
        "agreements",
        tuple(a for a in old.agreements if a.id not in done),
        tuple(a for a in new.agreements if a.id not in done),
    )
    parts += _changed("participants", old.participants, new.participants)
    if not parts:
        parts.append(t("archive.changed_other"))
    return t(
        "archive.correction", date=meta.date.isoformat(), title=title, summary=", ".join(parts)
    )


def _changed(what: str, old: Sequence[Any], new: Sequence[Any]) -> list[str]:
    """ "2 kaarten erbij", "1 kaart gewijzigd", "1 kaart weg" for items with ids."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    added = sum(1 for key in after if key not in before)
    changed = sum(1 for key, item in after.items() if key in before and before[key] != item)
    removed = sum(1 for key in before if key not in after)
    parts = []
    for kind, number in (("added", added), ("changed", changed), ("removed", removed)):
        if number:
            parts.append(_count(f"archive.{what}.{kind}", number))
    return parts


def _shorten(text: str, limit: int = 40) -> str:
    line = clean_line(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _count(key: str, number: int) -> str:
    return t(f"{key}.one" if number == 1 else key, count=number)


def commit_message(session: Session, message: str | None = None) -> str:
    """The whole commit message: the subject, then the archivist's own text (if any)."""
    subject = commit_subject(session)
    extra = (message or "").strip()
    return f"{subject}\n\n{extra}\n" if extra else f"{subject}\n"


# --- git ----------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION_VARS}
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


def git(
    repo: Path, *args: str, config: Sequence[str] = (), check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `git -C repo [-c …] args` with LC_ALL=C; raise ArchiveProblem when it fails
    (unless `check` is false)."""
    command = ["git", "-C", str(repo)]
    for item in config:
        command += ["-c", item]
    command += list(args)
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=_env(),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise ArchiveProblem(t("archive.no_git")) from None
    if check and done.returncode != 0:
        raise ArchiveProblem(
            t("archive.git_failed", command=f"git {args[0]}", reason=_reason(done))
        )
    return done


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    lines = [ln.strip() for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
    return " / ".join(lines[-4:]) or f"exit {done.returncode}"


def repo_top(folder: Path) -> Path | None:
    """The top of the git work tree `folder` is in, or None when it is in none."""
    done = git(folder, "rev-parse", "--show-toplevel", check=False)
    if done.returncode != 0 and "safe.directory" in done.stderr:
        raise ArchiveProblem(t("archive.git_failed", command="git rev-parse", reason=_reason(done)))
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def has_files(folder: Path) -> bool:
    """Whether `folder` holds any file (or symlink) at any depth; empty folders do not count,
    since git never tracks them."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        if files or any(Path(root, d).is_symlink() for d in dirs):
            return True
    return False


def prepare_repo(folder: Path) -> tuple[Path, bool]:
    """The archive repository at `folder`, made with `git init` when needed.

    - a missing folder is made (with its parents) and becomes a new repository;
    - the top folder of a git work tree is used as it is;
    - an existing folder that is not the top of a work tree becomes a new repository only
      when it holds no files at all (empty subfolders are fine): otherwise it is refused,
      because after `git init` those files would sit there waiting to be committed by
      someone else's `git add .`.

    Returns the repository and whether it was made now.
    """
    if folder.is_symlink() and not folder.exists():
        raise ArchiveProblem(t("archive.not_a_folder", repo=folder))
    if folder.exists():
        if not folder.is_dir():
            raise ArchiveProblem(t("archive.not_a_folder", repo=folder))
        top = repo_top(folder)
        if top is not None and _same(top, folder):
            return folder, False
        if has_files(folder):
            raise ArchiveProblem(t("archive.not_a_repo", repo=folder))
        git(folder, "init", "-q")
        return folder, True
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ArchiveProblem(t("archive.cannot_create", repo=folder, reason=reason)) from None
    try:
        git(folder, "init", "-q")
    except ArchiveProblem:
        try:
            folder.rmdir()
        except OSError:
            pass
        raise
    return folder, True


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_clean(repo: Path) -> None:
    """Refuse a repository with uncommitted changes to tracked files or staged changes, or
    one that is not on a branch (detached HEAD, e.g. halfway a rebase)."""
    done = git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=no")
    names: list[str] = []
    fields = iter(done.stdout.split("\0"))
    for entry in fields:
        if len(entry) > 3:
            names.append(entry[3:])
            if entry[0] in "RC":
                next(fields, None)  # a rename or copy is followed by its old name
    if names:
        more = "" if len(names) <= 5 else ", …"
        raise ArchiveProblem(t("archive.dirty", repo=repo, files=", ".join(names[:5]) + more))
    if git(repo, "symbolic-ref", "-q", "HEAD", check=False).returncode != 0:
        raise ArchiveProblem(t("archive.detached", repo=repo))


def missing_identity(repo: Path) -> list[str]:
    """`-c` settings for the parts of the identity the repository does not configure."""
    config = []
    if git(repo, "config", "--get", "user.name", check=False).returncode != 0:
        config.append(f"user.name={FALLBACK_NAME}")
    if git(repo, "config", "--get", "user.email", check=False).returncode != 0:
        config.append(f"user.email={FALLBACK_EMAIL}")
    return config


# --- archiving ----------------------------------------------------------------------------


def _check_paths(repo: Path, files: Sequence[Path]) -> None:
    """Nothing in the way of the files: no symlink or file where the year folder goes, no
    folder or symlink where a file goes, and git does not ignore them."""
    for rel in files:
        folder, file = repo / rel.parent, repo / rel
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise ArchiveProblem(t("archive.in_the_way", path=folder))
        if file.is_symlink() or (file.exists() and not file.is_file()):
            raise ArchiveProblem(t("archive.in_the_way", path=file))
    ignored = git(repo, "check-ignore", "--", *map(str, files), check=False)
    if ignored.returncode not in (0, 1):
        raise ArchiveProblem(
            t("archive.git_failed", command="git check-ignore", reason=_reason(ignored))
        )
    if ignored.returncode == 0:
        path = ignored.stdout.split("\n", 1)[0].strip() or str(files[0])
        raise ArchiveProblem(t("archive.ignored", repo=repo, path=path))


def _write(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return  # unchanged: leave the file (and its time) alone
    except OSError:
        pass
    atomic_write(path, data)


def pending_journal(session_path: Path) -> bool:
    """Whether the session's journal holds changes the file does not have yet (a live
    session that runs, or stopped without saving). Reads only."""
    journal = state_dir(session_path) / "journal.jsonl"
    try:
        lines = journal.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    for line in lines:
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(data, dict) and "seq" in data:
            return True
    return False


GITATTRIBUTES = "*.toml diff=tussenruimte merge=tussenruimte\n"
"""Written in a new archive: git shows session files through `tussenruimte textconv` and
merges them with `tussenruimte merge`."""

TEXTCONV = "tussenruimte textconv"
MERGE_DRIVER = "tussenruimte merge %O %A %B %P"
MERGE_NAME = "tussenruimte: sessies per kaart samenvoegen"
"""The clone's git settings: the command from PATH, so they work in every clone."""

_OLD_TEXTCONV = "-m tui_board textconv"
"""How older versions wrote the textconv setting (a path into one venv): replaced."""


def git_setup(repo: Path, *, force: bool = False) -> None:
    """Let `git diff` / `git log -p` in this clone read sessions as minutes and `git merge`
    merge them card by card (local git config; not part of the history). A setting someone
    made themselves is kept unless `force`; one older versions wrote is replaced."""
    settings = (
        ("diff.tussenruimte.textconv", TEXTCONV),
        ("merge.tussenruimte.name", MERGE_NAME),
        ("merge.tussenruimte.driver", MERGE_DRIVER),
    )
    for key, value in settings:
        found = git(repo, "config", "--get", key, check=False).stdout.strip()
        if found and not force and not found.endswith(_OLD_TEXTCONV):
            continue
        git(repo, "config", key, value)


def attributes_with_merge(text: str) -> str:
    """`.gitattributes` text in which session files (`*.toml`) use the tussenruimte diff and
    merge driver; the rest as it was."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        words = line.split()
        if words and words[0] == "*.toml":
            for wanted in ("diff=tussenruimte", "merge=tussenruimte"):
                if wanted not in words:
                    words.append(wanted)
            lines[number] = " ".join(words)
            break
    else:
        lines.append(GITATTRIBUTES.rstrip("\n"))
    return "\n".join(lines) + "\n"


def update_attributes(repo: Path) -> bool:
    """Make `.gitattributes` in `repo` name the tussenruimte diff and merge driver for
    `*.toml`; whether the file changed."""
    path = repo / ".gitattributes"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ArchiveProblem(t("archive.write_failed", repo=repo, reason=reason)) from None
    wanted = attributes_with_merge(text) if text else GITATTRIBUTES
    if wanted == text:
        return False
    try:
        atomic_write(path, wanted.encode("utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ArchiveProblem(t("archive.write_failed", repo=repo, reason=reason)) from None
    return True


def archive_session(
    session_path: Path,
    repo: Path,
    render: Callable[[Session], str],
    message: str | None = None,
    *,
    rename: bool = False,
) -> ArchiveResult:
    """Archive the session file at `session_path` in the git repository `repo`.

    The file keeps its own name (see `archive_paths`; `rename` names it by date and title),
    unless the archive already holds this session under the date-and-title name: then that
    file is updated. A file of the same name that holds a session of another date is never
    overwritten. The first commit of a session says what it produced and carries the
    session's date as its author date; a later one says what changed ("Correctie in …").

    `render` makes the report (Markdown) of a session. Raises FileProblem for a bad session
    file (before anything is touched) and ArchiveProblem when the repository cannot be used
    (before anything is written, except that a new repository may have been made) or git
    fails.
    """
    session = load_session(session_path)
    files = archive_paths(session, session_path, rename=rename)
    toml = dumps_session(session).encode("utf-8")
    report = render(session).encode("utf-8")

    warnings = []
    hidden = sum(1 for c in session.cards if c.hidden)
    if hidden:
        warnings.append(t_count("archive.warn.hidden", hidden))
    if pending_journal(session_path):
        warnings.append(t("archive.warn.journal", path=session_path))

    repo, created = prepare_repo(repo)
    if not created:
        check_clean(repo)
    dated = archive_paths(session)
    if not rename and files != dated and (repo / dated[0]).is_file():
        files = dated  # archived before under its date and title: keep that file's history
    _check_paths(repo, files)
    earlier = _archived_before(repo / files[0], session)
    if earlier is None:
        full_message = commit_message(session, message)
    else:
        extra = (message or "").strip()
        subject = correction_subject(earlier, session)
        full_message = f"{subject}\n\n{extra}\n" if extra else f"{subject}\n"
    subject = full_message.splitlines()[0]

    try:
        (repo / files[0].parent).mkdir(exist_ok=True)
        _write(repo / files[0], toml)
        _write(repo / files[1], report)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ArchiveProblem(t("archive.write_failed", repo=repo, reason=reason)) from None
    names = [str(f) for f in files]
    if update_attributes(repo):  # the archive reads as minutes and merges card by card
        names.append(".gitattributes")
    git_setup(repo)
    git(repo, "add", "--", *names)
    staged = git(repo, "diff", "--cached", "--quiet", "--", *names, check=False)
    if staged.returncode not in (0, 1):
        raise ArchiveProblem(t("archive.git_failed", command="git diff", reason=_reason(staged)))
    if staged.returncode == 0:
        return ArchiveResult(repo, files, subject, None, created, False, tuple(warnings))
    identity = missing_identity(repo)
    when = [] if earlier is not None else [f"--date={session.session.date.isoformat()}T12:00:00"]
    git(
        repo,
        "commit",
        "-q",
        *when,
        "-m",
        full_message.rstrip("\n"),
        "--",
        *names,
        config=identity,
    )
    commit = git(repo, "rev-parse", "--short", "HEAD").stdout.strip()
    return ArchiveResult(repo, files, subject, commit, created, bool(identity), tuple(warnings))


def _archived_before(path: Path, session: Session) -> Session | None:
    """The session as the archive holds it at `path` (None when it holds none there yet).
    A file there that is not this session — another date, or not a session — is refused:
    archiving never overwrites another session."""
    if not path.exists():
        return None
    try:
        earlier = load_session(path)
    except FileProblem:
        earlier = None
    if earlier is None or earlier.session.date != session.session.date:
        raise ArchiveProblem(t("archive.name_taken", path=path))
    return earlier


def push_archive(repo: Path) -> PushResult:
    """Push the current branch of `repo` to its remote (its upstream, else `origin`, else
    the only remote). Never forced; a refused push raises ArchiveProblem."""
    done = git(repo, "symbolic-ref", "-q", "--short", "HEAD", check=False)
    branch = done.stdout.strip()
    if done.returncode != 0 or not branch:
        raise ArchiveProblem(t("archive.detached", repo=repo))
    configured = git(repo, "config", "--get", f"branch.{branch}.remote", check=False)
    remote = configured.stdout.strip()
    if not remote or remote == ".":
        remotes = git(repo, "remote").stdout.split()
        if "origin" in remotes:
            remote = "origin"
        elif len(remotes) == 1:
            remote = remotes[0]
        elif not remotes:
            raise ArchiveProblem(t("archive.no_remote", repo=repo))
        else:
            raise ArchiveProblem(
                t("archive.which_remote", repo=repo, remotes=", ".join(remotes), branch=branch)
            )
    merge = git(repo, "config", "--get", f"branch.{branch}.merge", check=False).stdout.strip()
    target = merge if configured.stdout.strip() == remote and merge else f"refs/heads/{branch}"
    pushed = git(repo, "push", "--", remote, f"refs/heads/{branch}:{target}", check=False)
    if pushed.returncode != 0:
        raise ArchiveProblem(
            t("archive.push_failed", remote=remote, branch=branch, reason=_reason(pushed))
        )
    return PushResult(remote, branch)
