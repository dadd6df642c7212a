"""The history of a folder of sessions: the regional narrative over time (principle 9).

`collect(folder, today)` finds every session file under `folder` (a folder of sessions or
the archive repository), loads each with the store and keeps a small `Digest` of it (from
24 files on in forked worker processes, where the platform allows: parsing TOML is most of
the time), and `build_digests` turns them into a `History`: plain, frozen data, no
Textual. `build(pairs, today)` does the same for sessions already in memory.
`render_markdown` writes it for the archive (`tussenruimte history DIR --format md`);
`tui/history.py` shows the same data on a screen.

What it finds: every `*.toml` below `folder`, hidden folders (`.git`, the state folders
`.NAME.tussenruimte/`) and hidden files left out. A TOML file without a `[session]` table
(a template, a `pyproject.toml`) is not a session: it is counted as "ignored", quietly. A
session file that does not load is "skipped", with the store's own message; never fatal.

One session, one count: every session has an identity (`model.session_identity`: the
`id` under `[session]`, or one derived from date, title and place in older files). Files
with the same identity, date and title are one session: the one nearest the top of the
folder counts, the others are `copies` (a session and its copy in `archief/`).

Agreements across sessions: an agreement is *made* in the session where it has status
`aangenomen` (or `herzien`/`vervallen`, which it can only reach after being adopted). It
is *reviewed* in a later session whose `terugblik` holds a `Review` with its id: that
session's `origin` names the session it looked back on (by identity, wherever it stands
and whatever its name now; in older files by date and file name or title); without an
origin (or when the origin is not in the folder but the id is) the latest earlier session
that adopted that id is taken. An agreement stays on the agenda of every next session until
closed, so one story can have many marks. The last verdict decides: `werkt` (also
`afgerond`: it worked and is done), `bijstellen` (adjusted; the new draft names it with
`revisits`) or `vervallen` (lapsed). Without a verdict: `overdue` when its review date is
before `today` (on the agenda or not), else `agenda` when a later session has it in its
terugblik but did not judge it yet, `open` when the date is today or later, `undated`
without a date.
A terugblik entry that matches no session in the folder is an agreement made before this
folder's sessions (`made_in` is None).

Privacy, as in the report: voice is counted per organisation, never per person; in an
anonymous session no card is counted for an organisation (they count as unknown); dots
count only once the session's voting round was closed.

The method's instruments over time: the mean per norm of each session whose
closing evaluation was closed with enough answers (`report.released`; any other session has
no value, never a partial one), the answer on each of the eleven principles per session, and
how many cards were tagged with each reflex. A session that had an instrument switched off
has no value for it (drawn as ABSENT).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tui_board.afterwards.report import (
    ANSWER_MARKS,
    answer_label,
    format_date,
    format_mean,
    norm_means,
    organisation_of,
    released,
)
from tui_board.afterwards.reportdoc import Block, Items, Line, Para, Report, Section, Span, Table
from tui_board.afterwards.reportdoc import render_markdown as render_report_markdown
from tui_board.core.i18n import language, t, t_count
from tui_board.core.instruments import NORM_IDS, REFLEX_IDS, norm_title, principle_text, reflex_text
from tui_board.core.model import Agreement, Review, Role, Session, session_identity
from tui_board.core.terugblik import with_corrections
from tui_board.core.text import clean_text
from tui_board.files.store import FileProblem, read_toml, validate_data

FORMATS = ("tui", "md")
"""What `tussenruimte history` can show: the screen, or Markdown for the archive."""

ADOPTED = ("aangenomen", "herzien", "vervallen")
"""Agreement statuses that mean: adopted in this session (perhaps changed later)."""

State = Literal["werkt", "bijstellen", "vervallen", "agenda", "overdue", "open", "undated"]
"""Where an agreement stands now (see the module docstring)."""

STATES: tuple[State, ...] = (
    "werkt",
    "bijstellen",
    "vervallen",
    "agenda",
    "overdue",
    "open",
    "undated",
)
"""Every state, in the order summaries list them."""

MARKS: dict[State, str] = {
    "werkt": "✓",
    "bijstellen": "↻",
    "vervallen": "✗",
    "agenda": "…",
    "overdue": "⚠",
    "open": "○",
    "undated": "–",
}
"""A sign per state, so a state is never told by colour alone."""

SPARK = "▁▂▃▄▅▆▇█"
"""Sparkline levels: the first means "there, but zero"; the others grow with the value."""
ABSENT = "·"
"""Sparkline cell: not in this session (organisation not at the table, theme not used)."""
UNKNOWN = "?"
"""Sparkline cell: at the table, but cards not counted per organisation (anonymous)."""
_EIGHTHS = " ▏▎▍▌▋▊▉"


# --- the data ----------------------------------------------------------------------------


EvaluationState = Literal["", "open", "few", "shown"]
"""A session's closing evaluation: none (or switched off), still open, closed with too few
answers to show, or closed and shown."""


@dataclass(frozen=True, slots=True)
class Checkup:
    """What one session's instruments say, as far as anyone may be shown it."""

    evaluation: EvaluationState = ""
    answers: int = 0
    """How many answered the evaluation (public: every board sees the count)."""
    means: tuple[float | None, ...] = ()
    """The mean per norm (in `NORM_IDS` order) when the evaluation is shown, else ()."""
    principles: tuple[str, ...] | None = None
    """The answer on each of the eleven principles ("" not discussed); None when the
    session had the principles check switched off."""
    reflexes: tuple[int, ...] | None = None
    """Cards tagged with each reflex (in `REFLEX_IDS` order); None when switched off."""


def checkup(session: Session) -> Checkup:
    """The instruments of `session` for the history (aggregates only, as the report)."""
    evaluation = session.evaluation
    state: EvaluationState = ""
    means: tuple[float | None, ...] = ()
    if evaluation is not None and "evaluatie" in session.instruments:
        if evaluation.open:
            state = "open"
        elif not released(evaluation, session.evaluation_minimum):
            state = "few"
        else:
            state = "shown"
            means = tuple(norm_means(evaluation, session.evaluation_minimum).values())
    principles: tuple[str, ...] | None = None
    if "principes" in session.instruments:
        answers = {check.number: check.answer for check in session.principles}
        principles = tuple(answers.get(number, "") for number in range(1, 12))
    reflexes: tuple[int, ...] | None = None
    if "reflexen" in session.instruments:
        reflexes = tuple(sum(1 for c in session.cards if c.reflex == r) for r in REFLEX_IDS)
    return Checkup(
        evaluation=state,
        answers=evaluation.count if evaluation is not None and state else 0,
        means=means,
        principles=principles,
        reflexes=reflexes,
    )


@dataclass(frozen=True, slots=True)
class Voice:
    """One organisation's voice in one session (never per person)."""

    organisation: str
    """Cleaned name; "" for people without an organisation."""
    people: int
    """People at the table for it (observers not counted)."""
    cards: int | None
    """Cards written; None in an anonymous session."""
    dots: int | None
    """Dots placed; None while the voting round was not closed."""
    answers: int
    """Answers and concerns given in consent rounds."""


@dataclass(frozen=True, slots=True)
class Mark:
    """One look back at an agreement in a later session's terugblik."""

    session: int
    """The index of the session that looked back."""
    verdict: str
    """werkt, bijstellen, vervallen, or "" (on the agenda, not judged yet)."""
    note: str
    """The experience, in the group's words (cleaned)."""


@dataclass(frozen=True, slots=True)
class Story:
    """One adopted agreement (TWO) over time."""

    key: str
    """Unique in the history: "<session index>/<id>" (or "<index>/terugblik/<id>")."""
    id: str
    what: str
    why: str
    owners: tuple[str, ...]
    made_in: int | None
    """The index of the session that adopted it; None: before this folder's sessions."""
    review: dt.date | None
    """The review date (evaluatiedatum) that was set."""
    marks: tuple[Mark, ...]
    """Every later look back, in session order."""
    state: State
    revisits: str
    """The key of the story this one adjusts ("" for none)."""
    followed_by: tuple[str, ...]
    """Keys of later agreements that adjust this one."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One session on the timeline."""

    index: int
    file: str
    """The path below the folder, with forward slashes."""
    title: str
    date: dt.date
    place: str
    anonymous: bool
    origin: str
    """ "Title (date)" of the session it was made from, or ""."""
    people: int
    """At the table (observers not counted)."""
    cards: int
    hidden: int
    """Cards not yet revealed (counted, never shown)."""
    themes: tuple[tuple[str, int], ...]
    """(theme title, cards) in board order."""
    voice: tuple[Voice, ...]
    """Per organisation, A-Z (no organisation last)."""
    unknown_cards: int
    """Cards not counted for an organisation: all of them in an anonymous session."""
    drafted: int
    """Agreements drafted in this session, adopted or not."""
    made: tuple[str, ...]
    """Keys of the stories adopted here."""
    looked_back: tuple[str, ...]
    """Keys of the stories this session's terugblik looked back on."""
    checkup: Checkup = Checkup()
    """What the session's instruments say (evaluation, principles, reflexes)."""
    ratified: tuple[dt.date, int, str] | None = None
    """Its minutes ratified (vastgesteld): on which day, in which later session (its index)
    and with which corrections ("" for none); None while not."""

    @property
    def organisations(self) -> tuple[str, ...]:
        """The organisations at the table (named ones)."""
        return tuple(v.organisation for v in self.voice if v.organisation and v.people)


@dataclass(frozen=True, slots=True)
class OrgLine:
    """One organisation across every session."""

    organisation: str
    present: tuple[bool, ...]
    """Per session: at the table."""
    cards: tuple[int | None, ...]
    """Per session: cards written (None: not counted per organisation there)."""
    people: int
    """Seats over all sessions."""
    dots: int
    answers: int

    @property
    def sessions(self) -> int:
        """Sessions it was at the table."""
        return sum(self.present)

    @property
    def total(self) -> int:
        """Cards written over all sessions (where counted)."""
        return sum(c for c in self.cards if c is not None)


@dataclass(frozen=True, slots=True)
class ThemeLine:
    """One theme (by title) across every session."""

    title: str
    cards: tuple[int | None, ...]
    """Per session: cards in it (None: the session did not have this theme)."""

    @property
    def sessions(self) -> int:
        return sum(1 for c in self.cards if c is not None)

    @property
    def total(self) -> int:
        return sum(c for c in self.cards if c is not None)


@dataclass(frozen=True, slots=True)
class NormLine:
    """One norm of the closing evaluation across every session."""

    norm: str
    means: tuple[float | None, ...]
    """Per session: the mean rating (1–5); None without a shown evaluation."""

    @property
    def sessions(self) -> int:
        """Sessions with a value."""
        return sum(1 for m in self.means if m is not None)


@dataclass(frozen=True, slots=True)
class PrincipleLine:
    """One of the eleven principles across every session."""

    number: int
    answers: tuple[str | None, ...]
    """Per session: "ja", "deels", "nee", "" (not discussed), None (check switched off)."""

    @property
    def last(self) -> str:
        """The latest answer given ("" when never answered)."""
        return next((a for a in reversed(self.answers) if a), "")


@dataclass(frozen=True, slots=True)
class ReflexLine:
    """One reflex across every session."""

    reflex: str
    counts: tuple[int | None, ...]
    """Per session: cards tagged with it (None: reflexes switched off there)."""

    @property
    def total(self) -> int:
        return sum(c for c in self.counts if c is not None)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that looked like a session but could not be used."""

    file: str
    message: str


@dataclass(frozen=True, slots=True)
class Copy:
    """A file left out because it holds a session already counted (same identity)."""

    file: str
    kept: str
    """The file of the same session that is counted."""
    differs: tuple[int, int] | None = None
    """When the two files do not hold the same session (one was changed, or merged, after
    the copy was made): the cards in this copy and in the counted file."""


@dataclass(frozen=True, slots=True)
class History:
    """Everything the history shows, computed once."""

    folder: str
    """The folder's name, for the title."""
    today: dt.date
    sessions: tuple[Entry, ...]
    stories: tuple[Story, ...]
    """Made before the folder's sessions first, then in the order they were made."""
    organisations: tuple[OrgLine, ...]
    """A-Z, no organisation last."""
    themes: tuple[ThemeLine, ...]
    """In order of first appearance."""
    skipped: tuple[Skipped, ...] = ()
    ignored: tuple[str, ...] = ()
    """TOML files that are not sessions (templates and the like)."""
    norms: tuple[NormLine, ...] = ()
    """The nine norms, in the seed's order."""
    principles: tuple[PrincipleLine, ...] = ()
    """The eleven principles, in order."""
    reflexes: tuple[ReflexLine, ...] = ()
    """The five reflexes, in the seed's order."""
    copies: tuple[Copy, ...] = ()
    """Files left out as copies of a session counted once (e.g. in `archief/`)."""
    clashes: tuple[Copy, ...] = ()
    """Files counted although another session has the same identity (`kept`): a file
    copied by hand to start a new session keeps the old one's `id`."""

    @property
    def evaluated(self) -> int:
        """Sessions with a shown evaluation."""
        return sum(1 for e in self.sessions if e.checkup.evaluation == "shown")

    @property
    def checked(self) -> int:
        """Sessions in which at least one principle was answered."""
        return sum(1 for e in self.sessions if any(e.checkup.principles or ()))

    @property
    def tagged(self) -> int:
        """Cards tagged with a reflex, over all sessions."""
        return sum(line.total for line in self.reflexes)

    def story(self, key: str) -> Story:
        """The story with this key."""
        return next(s for s in self.stories if s.key == key)

    def counts(self) -> dict[State, int]:
        """How many made agreements are in each state (made before the folder included)."""
        counts: dict[State, int] = dict.fromkeys(STATES, 0)
        for story in self.stories:
            counts[story.state] += 1
        return counts

    @property
    def unknown_cards(self) -> int:
        """Cards over all sessions not counted for an organisation."""
        return sum(s.unknown_cards for s in self.sessions)


# --- finding and loading -----------------------------------------------------------------


def find_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Every `*.toml` below `folder` in a stable order, and folders that could not be read.

    Hidden folders and files (a name starting with ".") are left out: `.git` and the state
    folders `.NAME.tussenruimte/` hold no sessions of their own.
    """
    found: list[Path] = []
    problems: list[Skipped] = []

    def unreadable(error: OSError) -> None:
        name = Path(error.filename or folder)
        where = _relative(name, folder)
        problems.append(Skipped(where, t("history.unreadable", reason=error.strerror or error)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                found.append(Path(root) / name)
    return found, problems


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix() or "."
    except ValueError:
        return str(path)


PARALLEL_FROM = 24
"""From this many files on, `collect` parses them in worker processes (where it can)."""


@dataclass(frozen=True, slots=True)
class Made:
    """An agreement as `build` needs it (from a session's agreements or its terugblik)."""

    id: str
    what: str
    why: str
    owners: tuple[str, ...]
    review: dt.date | None
    status: str
    """The agreement's status; for a terugblik entry its verdict ("" when not judged)."""
    link: str
    """`revisits` of an agreement; the note of a terugblik entry."""


@dataclass(frozen=True, slots=True)
class Digest:
    """What the history needs of one session file: small, so a worker process can send it
    back cheaply. Text is cleaned; nothing in it is translated yet."""

    file: str
    identity: str
    """The session's identity (`model.session_identity`): copies share it."""
    title: str
    date: dt.date
    place: str
    anonymous: bool
    origin: tuple[str, dt.date, str, str] | None
    """The origin's title, date, file name and identity ("" in older files)."""
    people: int
    cards: int
    hidden: int
    themes: tuple[tuple[str, int], ...]
    voice: tuple[Voice, ...]
    unknown_cards: int
    drafted: int
    adopted: tuple[Made, ...]
    terugblik: tuple[Made, ...]
    checkup: Checkup = Checkup()
    ratifies: tuple[dt.date, str] | None = None
    """This session ratified the minutes of its origin: on which day, with which
    corrections (cleaned)."""


def _made(agreement: Agreement | Review, status: str, link: str) -> Made:
    """An agreement or a terugblik entry as `build` needs it, its text cleaned."""
    return Made(
        agreement.id,
        clean_text(agreement.what),
        clean_text(agreement.why),
        tuple(clean_text(o) for o in agreement.owners),
        agreement.review,
        status,
        link,
    )


def digest(file: str, session: Session) -> Digest:
    """The parts of `session` (stored as `file`) that the history uses."""
    voices, unknown = _voice(session)
    per_theme: dict[str, int] = {theme.id: 0 for theme in session.themes}
    for card in session.cards:
        per_theme[card.theme] = per_theme.get(card.theme, 0) + 1
    origin = session.origin
    return Digest(
        file=file,
        identity=session_identity(session),
        title=clean_text(session.session.title),
        date=session.session.date,
        place=clean_text(session.session.place),
        anonymous=session.session.anonymous,
        origin=(clean_text(origin.title), origin.date, origin.file, origin.id) if origin else None,
        people=sum(1 for p in session.participants if p.role is not Role.OBSERVER),
        cards=len(session.cards),
        hidden=sum(1 for card in session.cards if card.hidden),
        themes=tuple((clean_text(th.title), per_theme[th.id]) for th in session.themes),
        voice=voices,
        unknown_cards=unknown,
        drafted=len(session.agreements),
        adopted=tuple(
            _made(a, a.status, a.revisits) for a in session.agreements if a.status in ADOPTED
        ),
        terugblik=tuple(_made(r, r.verdict, clean_text(r.note)) for r in session.terugblik),
        checkup=checkup(session),
        ratifies=(
            (origin.vastgesteld, clean_text(origin.correcties))
            if origin is not None and origin.vastgesteld is not None
            else None
        ),
    )


_Loaded = Digest | Skipped | str
"""What loading one file gives: a digest, a skipped file, or the name of an ignored one."""


def _load(path: Path, rel: str) -> _Loaded:
    try:
        text, data = read_toml(path)
        if not isinstance(data.get("session"), dict):
            return rel  # a template or another TOML file: not a session
        return digest(rel, validate_data(Session, data, text, path))
    except FileProblem as problem:
        return Skipped(rel, problem.message())


def _load_chunk(chunk: list[tuple[Path, str]]) -> list[_Loaded]:
    return [_load(path, rel) for path, rel in chunk]


def _workers(files: int) -> int:
    """How many processes to parse `files` files with (1: in this process).

    TOML parsing is pure Python and takes most of the time, so on a machine with more
    cores the files are spread over forked workers (Linux only: a fork shares the loaded
    modules and the current language; elsewhere starting a worker costs more than it saves).
    """
    if files < PARALLEL_FROM or sys.platform != "linux":
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8, files // (PARALLEL_FROM // 2)))


def _load_all(pairs: list[tuple[Path, str]], workers: int) -> list[_Loaded]:
    if workers > 1:
        chunks = [pairs[i::workers] for i in range(workers)]
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                results = list(pool.map(_load_chunk, chunks))
        except (OSError, BrokenProcessPool):
            pass  # no processes here (a sandbox, a limit): do it in this process
        else:
            merged: list[_Loaded] = [""] * len(pairs)
            for offset, result in enumerate(results):
                merged[offset::workers] = result
            return merged
    return _load_chunk(pairs)


def collect(folder: Path, today: dt.date, workers: int | None = None) -> History:
    """Load every session below `folder` and build its history (see the module docstring).

    `workers`: processes to parse with; None chooses (see `_workers`), 1 parses here.
    """
    files, skipped = find_files(folder)
    pairs = [(path, _relative(path, folder)) for path in files]
    loaded = _load_all(pairs, _workers(len(pairs)) if workers is None else workers)
    digests: list[Digest] = []
    ignored: list[str] = []
    for item in loaded:
        if isinstance(item, Digest):
            digests.append(item)
        elif isinstance(item, Skipped):
            skipped.append(item)
        else:
            ignored.append(item)
    label = folder.resolve().name or str(folder)
    return build_digests(digests, today, label, skipped, ignored)


# --- building ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A story while it is being built."""

    key: str
    id: str
    what: str
    why: str
    owners: tuple[str, ...]
    made_in: int | None
    review: dt.date | None
    status: str
    marks: list[Mark] = field(default_factory=list)
    revisits: str = ""
    followed_by: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, key: str, made: Made, made_in: int | None, status: str) -> _Draft:
        """The story of `made` as it starts: adopted in session `made_in` (None: before the
        folder's sessions), with `status`."""
        return cls(key, made.id, made.what, made.why, made.owners, made_in, made.review, status)

    def finish(self, today: dt.date) -> Story:
        return Story(
            key=self.key,
            id=self.id,
            what=self.what,
            why=self.why,
            owners=self.owners,
            made_in=self.made_in,
            review=self.review,
            marks=tuple(self.marks),
            state=_state(self.status, self.review, self.marks, today),
            revisits=self.revisits,
            followed_by=tuple(self.followed_by),
        )


def _state(status: str, review: dt.date | None, marks: list[Mark], today: dt.date) -> State:
    judged = [m.verdict for m in marks if m.verdict]
    if judged:
        last = judged[-1]
        if last in ("werkt", "afgerond"):
            return "werkt"
        return "bijstellen" if last == "bijstellen" else "vervallen"
    if status == "vervallen":
        return "vervallen"
    if status == "herzien":
        return "bijstellen"
    if review is not None and review < today:
        return "overdue"  # on the agenda or not: the date passed and no terugblik judged it
    if marks:
        return "agenda"
    if review is None:
        return "undated"
    return "overdue" if review < today else "open"


def _origin_index(digests: list[Digest], index: int) -> int | None:
    """The earlier session that session `index` was made from, if it is in the folder: by
    its identity, wherever it stands and whatever its name; for an origin without one (an
    older file), by date and file name or title."""
    origin = digests[index].origin
    if origin is None:
        return None
    title, date, file, identity = origin[0].casefold(), origin[1], origin[2], origin[3]
    if identity:
        found = [i for i in range(index) if digests[i].identity == identity]
        if found:
            return found[-1]
    for earlier in range(index - 1, -1, -1):
        other = digests[earlier]
        if other.date != date:
            continue
        if (file and Path(other.file).name == file) or other.title.casefold() == title:
            return earlier
    return None


def _voice(session: Session) -> tuple[tuple[Voice, ...], int]:
    """Per organisation: people, cards, dots, answers; and the cards counted as unknown."""
    org_of = {p.id: organisation_of(p) for p in session.participants}
    rows: dict[str, list[int]] = {}
    for person in session.participants:
        if person.role is not Role.OBSERVER:
            rows.setdefault(org_of[person.id], [0, 0, 0, 0])[0] += 1
    anonymous = session.session.anonymous
    unknown = 0
    for card in session.cards:
        org = None if anonymous else org_of.get(card.author)
        if org is None:
            unknown += 1
        else:
            rows.setdefault(org, [0, 0, 0, 0])[1] += 1
    closed = session.voting == "closed"
    if closed:
        for vote in session.votes:
            rows.setdefault(org_of.get(vote.voter, ""), [0, 0, 0, 0])[2] += vote.dots
    for agreement in session.agreements:
        for answer in agreement.answers + agreement.concerns:
            if answer.participant in org_of:
                rows.setdefault(org_of[answer.participant], [0, 0, 0, 0])[3] += 1
    voices = tuple(
        Voice(org, r[0], None if anonymous else r[1], r[2] if closed else None, r[3])
        for org, r in sorted(rows.items(), key=lambda item: _org_order(item[0]))
    )
    return voices, unknown


def _org_order(org: str) -> tuple[bool, str, str]:
    return org == "", org.casefold(), org


def build(
    sessions: Sequence[tuple[str, Session]],
    today: dt.date,
    folder: str = "",
    skipped: Sequence[Skipped] = (),
    ignored: Sequence[str] = (),
) -> History:
    """The history of `sessions` ((file, session) pairs, any order) as of `today`."""
    digests = [digest(file, session) for file, session in sessions]
    return build_digests(digests, today, folder, skipped, ignored)


def build_digests(
    digests: Sequence[Digest],
    today: dt.date,
    folder: str = "",
    skipped: Sequence[Skipped] = (),
    ignored: Sequence[str] = (),
) -> History:
    """The history of the sessions behind `digests` (any order) as of `today`; each session
    counted once (see `one_each`)."""
    counted, copies, clashes = one_each(digests)
    ordered = sorted(counted, key=lambda d: (d.date, d.title.casefold(), d.file))
    drafts: dict[str, _Draft] = {}
    adopted_at: dict[str, list[int]] = {}
    entries: list[Entry] = []
    ratified: dict[int, tuple[dt.date, int, str]] = {}
    for later, item in enumerate(ordered):
        earlier_index = _origin_index(ordered, later) if item.ratifies else None
        if item.ratifies is not None and earlier_index is not None:
            ratified[earlier_index] = (item.ratifies[0], later, item.ratifies[1])
    for index, item in enumerate(ordered):
        looked_back: list[str] = []
        review_keys: dict[str, str] = {}
        source = _origin_index(ordered, index)
        for review in item.terugblik:
            earlier = [i for i in adopted_at.get(review.id, []) if i < index]
            if source is not None and source in earlier:
                key = f"{source}/{review.id}"
            elif earlier and (item.origin is None or source is not None):
                key = f"{earlier[-1]}/{review.id}"
            else:  # made before the sessions in this folder: known from the terugblik only
                key = f"{index}/terugblik/{review.id}"
                drafts[key] = _Draft.of(key, review, None, "aangenomen")
            drafts[key].marks.append(Mark(index, review.status, review.link))
            review_keys[review.id] = key
            looked_back.append(key)
        made: list[str] = []
        for agreement in item.adopted:
            key = f"{index}/{agreement.id}"
            draft = _Draft.of(key, agreement, index, agreement.status)
            earlier_key = review_keys.get(agreement.link) if agreement.link else None
            if earlier_key is not None:
                draft.revisits = earlier_key
                drafts[earlier_key].followed_by.append(key)
            drafts[key] = draft
            adopted_at.setdefault(agreement.id, []).append(index)
            made.append(key)
        origin = item.origin
        entries.append(
            Entry(
                index=index,
                file=item.file,
                title=item.title,
                date=item.date,
                place=item.place,
                anonymous=item.anonymous,
                origin=f"{origin[0]} ({format_date(origin[1])})" if origin else "",
                people=item.people,
                cards=item.cards,
                hidden=item.hidden,
                themes=item.themes,
                voice=item.voice,
                unknown_cards=item.unknown_cards,
                drafted=item.drafted,
                made=tuple(made),
                looked_back=tuple(looked_back),
                checkup=item.checkup,
                ratified=ratified.get(index),
            )
        )
    rank = {key: number for number, key in enumerate(drafts)}  # the order they were found
    stories = sorted(
        (d.finish(today) for d in drafts.values()),
        key=lambda s: (s.made_in is not None, s.made_in or 0, rank[s.key]),
    )
    return History(
        folder=folder,
        today=today,
        sessions=tuple(entries),
        stories=tuple(stories),
        organisations=_organisations(entries),
        themes=_themes(entries),
        skipped=tuple(skipped),
        ignored=tuple(ignored),
        copies=tuple(copies),
        clashes=tuple(clashes),
        norms=tuple(
            NormLine(norm, tuple(_mean_at(e.checkup, i) for e in entries))
            for i, norm in enumerate(NORM_IDS)
        ),
        principles=tuple(
            PrincipleLine(
                number,
                tuple(
                    None if e.checkup.principles is None else e.checkup.principles[number - 1]
                    for e in entries
                ),
            )
            for number in range(1, 12)
        ),
        reflexes=tuple(
            ReflexLine(
                reflex,
                tuple(
                    None if e.checkup.reflexes is None else e.checkup.reflexes[i] for e in entries
                ),
            )
            for i, reflex in enumerate(REFLEX_IDS)
        ),
    )


def one_each(digests: Sequence[Digest]) -> tuple[list[Digest], list[Copy], list[Copy]]:
    """Each session once: of files with the same identity, date and title (a session and
    its copy in the archive) the one nearest the top of the folder counts (then the first
    by path); the others are copies. The same identity with another date or title is not a
    copy: both count, and the later file is named as a clash."""

    def nearness(d: Digest) -> tuple[int, str]:
        return d.file.count("/"), d.file

    kept: dict[tuple[str, dt.date, str], Digest] = {}
    copies: list[tuple[Digest, tuple[str, dt.date, str]]] = []
    for item in sorted(digests, key=nearness):
        key = (item.identity, item.date, item.title.casefold())
        if key in kept:
            copies.append((item, key))
        else:
            kept[key] = item
    counted = [d for d in digests if kept.get((d.identity, d.date, d.title.casefold())) is d]
    first: dict[str, Digest] = {}
    clashes: list[Copy] = []
    for item in sorted(counted, key=nearness):
        if item.identity in first:
            clashes.append(Copy(item.file, first[item.identity].file))
        else:
            first[item.identity] = item
    return counted, [_copy(d, kept[key]) for d, key in copies], clashes


def _differs(copy: Copy) -> str:
    if copy.differs is None:
        return ""
    return " — " + t("history.copy_differs", copy=copy.differs[0], kept=copy.differs[1])


def _copy(item: Digest, kept: Digest) -> Copy:
    """A copy left out, saying whether it holds other content than the file that counts."""
    same = _content(item) == _content(kept)
    return Copy(item.file, kept.file, None if same else (item.cards, kept.cards))


def _content(d: Digest) -> tuple[object, ...]:
    """What two copies of one session should both hold."""
    return (d.people, d.cards, d.hidden, d.themes, d.voice, d.drafted, d.adopted, d.terugblik)


def _mean_at(checkup: Checkup, index: int) -> float | None:
    return checkup.means[index] if checkup.means else None


def _organisations(entries: list[Entry]) -> tuple[OrgLine, ...]:
    names: set[str] = set()
    for entry in entries:
        names.update(v.organisation for v in entry.voice)
    lines = []
    for org in sorted(names, key=_org_order):
        present: list[bool] = []
        cards: list[int | None] = []
        people = dots = answers = 0
        for entry in entries:
            voice = next((v for v in entry.voice if v.organisation == org), None)
            present.append(voice is not None and (voice.people > 0 or bool(voice.cards)))
            if voice is None:
                cards.append(None if entry.anonymous else 0)
                continue
            cards.append(voice.cards)
            people += voice.people
            dots += voice.dots or 0
            answers += voice.answers
        lines.append(OrgLine(org, tuple(present), tuple(cards), people, dots, answers))
    return tuple(lines)


def _themes(entries: list[Entry]) -> tuple[ThemeLine, ...]:
    order: dict[str, str] = {}  # casefolded title → the title as first seen
    for entry in entries:
        for title, _ in entry.themes:
            order.setdefault(title.casefold(), title)
    lines = []
    for fold, title in order.items():
        cards: list[int | None] = []
        for entry in entries:
            counts = [n for name, n in entry.themes if name.casefold() == fold]
            cards.append(sum(counts) if counts else None)
        lines.append(ThemeLine(title, tuple(cards)))
    return tuple(lines)


# --- small text helpers (shared with the screen) -----------------------------------------


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells (with "…") and padded with spaces to exactly `width`."""
    if cell_width(text) > width:
        out = ""
        for ch in text:
            if cell_width(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    return text + " " * max(0, width - cell_width(text))


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of block characters, `width` cells for `maximum` (eighths)."""
    if maximum <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, maximum) / maximum * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def spark(values: Sequence[int | None], present: Sequence[bool] | None = None) -> str:
    """One cell per value: ABSENT for not there, UNKNOWN for there but not counted, else a
    level of SPARK scaled to the largest value (the first level means zero)."""
    top = max((v for v in values if v is not None), default=0)
    cells = []
    for index, value in enumerate(values):
        here = present[index] if present is not None else value is not None
        if not here:
            cells.append(ABSENT)
        elif value is None:
            cells.append(UNKNOWN)
        elif value <= 0 or top <= 0:
            cells.append(SPARK[0])
        else:
            cells.append(SPARK[max(1, round(value / top * (len(SPARK) - 1)))])
    return "".join(cells)


def mean_spark(means: Sequence[float | None]) -> str:
    """One cell per session on a fixed scale: the lowest level a mean of 1, the highest 5;
    ABSENT where the session has no shown evaluation."""
    cells = []
    for value in means:
        if value is None:
            cells.append(ABSENT)
        else:
            level = round((min(5.0, max(1.0, value)) - 1) / 4 * (len(SPARK) - 1))
            cells.append(SPARK[level])
    return "".join(cells)


def answer_marks(answers: Sequence[str | None]) -> str:
    """One sign per session: ● ja, ◐ deels, ○ nee, — not discussed, ABSENT switched off."""
    return "".join(ABSENT if a is None else ANSWER_MARKS.get(a, ANSWER_MARKS[""]) for a in answers)


def reflex_spark(line: ReflexLine) -> str:
    """The reflex's counts per session as a sparkline (ABSENT where switched off)."""
    return spark(line.counts, [c is not None for c in line.counts])


def norm_label(norm: str) -> str:
    """A norm in the current language ("Afspraken nakomen")."""
    return norm_title(norm, language())


def reflex_label(reflex: str) -> str:
    """A reflex's name in the current language ("crisisreflex")."""
    return reflex_text(reflex, language())[0]


def principle_label(number: int) -> str:
    """Principle `number` in the current language."""
    return principle_text(number, language())


def evaluation_label(entry: Entry) -> str:
    """What a session's evaluation shows: "4 antwoorden", "te weinig antwoorden om te
    tonen", "de evaluatie is nog niet gesloten", or "" without one."""
    state = entry.checkup.evaluation
    if not state:
        return ""
    return t_count(f"history.eval.{state}", entry.checkup.answers)


def org_label(org: str) -> str:
    """An organisation as shown: "" becomes "Zonder organisatie"."""
    return org or t("report.no_organisation")


def state_label(story: Story) -> str:
    """ "werkt", "evaluatie te laat", … for a story, in the current language."""
    return t(f"history.state.{story.state}")


def session_label(entry: Entry) -> str:
    """ "Title (26 november 2026)"."""
    return t("history.session_label", title=entry.title, date=format_date(entry.date))


def ratified_label(history: History, entry: Entry) -> str:
    """ "notulen vastgesteld op … in … (met correcties: …)", or "" while not ratified."""
    if entry.ratified is None:
        return ""
    on, later, corrections = entry.ratified
    line = t(
        "history.ratified",
        on=format_date(on),
        session=session_label(history.sessions[later]),
    )
    return line + " " + with_corrections(corrections)


def summary(history: History) -> str:
    """One line: how many agreements were made and where they stand."""
    counts = history.counts()
    parts = [
        f"{MARKS[state]} {t(f'history.state.{state}')}: {counts[state]}"
        for state in STATES
        if counts[state]
    ]
    made = sum(1 for s in history.stories if s.made_in is not None)
    head = t("history.made_total.one" if made == 1 else "history.made_total", count=made)
    before = len(history.stories) - made
    if before:
        head += " " + t("history.plus_before", count=before)
    return f"{head}: {' · '.join(parts)}" if parts else head


def span_of_time(history: History) -> str:
    """ "12 sessies, van 3 maart 2025 tot 26 november 2026"."""
    sessions = history.sessions
    if not sessions:
        return t("history.sessions_none")
    first, last = format_date(sessions[0].date), format_date(sessions[-1].date)
    if len(sessions) == 1:
        return t("history.sessions_one", date=first)
    return t("history.sessions_span", count=len(sessions), first=first, last=last)


def late_at(history: History, story: Story, mark: Mark) -> bool:
    """Whether `story` stood on the agenda at `mark` without a verdict after its review date
    had passed."""
    date = history.sessions[mark.session].date
    return not mark.verdict and story.review is not None and story.review < date


def story_lines(history: History, story: Story) -> list[str]:
    """The story of one agreement in plain sentences, after its first line (the what)."""
    lines: list[str] = []
    facts = []
    if story.made_in is not None:
        facts.append(t("history.made_in", session=session_label(history.sessions[story.made_in])))
    else:
        facts.append(t("history.made_before"))
    if story.owners:
        facts.append(t("history.owners", owners=", ".join(story.owners)))
    if story.review is not None:
        facts.append(t("history.review_date", date=format_date(story.review)))
    if len(story.marks) > 1:
        facts.append(t("history.agenda_times", count=len(story.marks)))
    lines.append(" · ".join(facts))
    if story.why:
        lines.append(t("history.why", why=story.why))
    if story.revisits:
        lines.append(t("history.adjusts", what=history.story(story.revisits).what))
    for mark in story.marks:
        where = session_label(history.sessions[mark.session])
        if mark.verdict:
            verdict = t(f"history.verdict.{mark.verdict}")
            line = t("history.looked_back", verdict=verdict, session=where)
        else:
            line = t("history.on_agenda", session=where)
            if late_at(history, story, mark):
                line += f" ({t('history.late')})"
        if mark.note:
            line += f": {mark.note}"
        lines.append(line)
    for key in story.followed_by:
        later = history.story(key)
        where = session_label(history.sessions[later.made_in or 0])
        lines.append(t("history.adjusted_to", what=later.what, session=where))
    if story.state == "overdue" and story.review is not None:
        days = (history.today - story.review).days
        lines.append(t_count("history.overdue_by", days))
    return lines


# --- Markdown ----------------------------------------------------------------------------


def _plain(text: str) -> Line:
    return (Span(text),)


def _timeline(history: History) -> Section:
    rows = []
    for entry in history.sessions:
        title = entry.title + (f" ({t('history.anonymous_short')})" if entry.anonymous else "")
        rows.append(
            (
                entry.date.isoformat(),
                title,
                entry.place,
                str(entry.people),
                str(len(entry.organisations)),
                str(entry.cards),
                str(len(entry.made)),
                str(len(entry.looked_back)),
            )
        )
    columns = (
        ("date", False),
        ("session", False),
        ("place", False),
        ("people", True),
        ("organisations", True),
        ("cards", True),
        ("made", True),
        ("looked_back", True),
    )
    blocks: list[Block] = [_table(columns, rows)]
    follow = [
        _plain(t("history.follows", session=session_label(e), origin=e.origin))
        for e in history.sessions
        if e.origin
    ]
    follow.extend(
        _plain(session_label(e) + ": " + ratified_label(history, e))
        for e in history.sessions
        if e.ratified
    )
    if follow:
        blocks.append(Items(tuple(follow)))
    blocks.append(Para(_plain(t("history.timeline_note")), note=True))
    return Section("timeline", t("history.timeline"), tuple(blocks))


def _story_item(history: History, story: Story) -> Line:
    line: Line = (
        Span(f"{MARKS[story.state]} "),
        Span(story.what, "strong"),
        Span(f" — {state_label(story)}. "),
    )
    rest = " ".join(
        s if s.endswith((".", "!", "?")) else s + "." for s in story_lines(history, story)
    )
    return line + (Span(rest),)


def _agreements(history: History) -> Section:
    blocks: list[Block] = [Para(_plain(summary(history)))]
    if not history.stories:
        blocks.append(Para(_plain(t("history.no_agreements")), note=True))
        return Section("agreements", t("history.agreements"), tuple(blocks))
    overdue = [s for s in history.stories if s.state == "overdue"]
    if overdue:
        items = tuple(_story_item(history, s) for s in overdue)
        blocks.append(Section("overdue", t("history.overdue_heading"), (Items(items),)))
    before = [s for s in history.stories if s.made_in is None]
    if before:
        items = tuple(_story_item(history, s) for s in before)
        blocks.append(Section("before", t("history.before_heading"), (Items(items),)))
    for entry in history.sessions:
        if not entry.made:
            continue
        items = tuple(_story_item(history, history.story(k)) for k in entry.made)
        heading = t("history.made_heading", session=session_label(entry))
        blocks.append(Section("made", heading, (Items(items),)))
    blocks.append(Para(_plain(t("history.legend.states")), note=True))
    return Section("agreements", t("history.agreements"), tuple(blocks))


def _voice_section(history: History) -> Section:
    orgs = history.organisations
    known = sum(o.total for o in orgs)
    top = max((o.total for o in orgs), default=0)
    chart = []
    for org in orgs:
        share = f"{round(100 * org.total / known)}%" if known else "–"
        chart.append(
            (
                org_label(org.organisation),
                bar(org.total, top, 20),
                str(org.total),
                share,
                spark(org.cards, org.present),
            )
        )
    columns: tuple[tuple[str, bool], ...] = (
        ("organisation", False),
        ("cards_chart", False),
        ("cards", True),
        ("share", True),
        ("over_time", False),
    )
    blocks: list[Block] = [_table(columns, chart)]
    numbers = []
    for org in orgs:
        numbers.append(
            (
                org_label(org.organisation),
                str(org.sessions),
                str(org.people),
                str(org.total),
                str(org.dots),
                str(org.answers),
            )
        )
    if history.unknown_cards:
        numbers.append((t("report.voice.unknown"), "–", "–", str(history.unknown_cards), "–", "–"))
    columns = (
        ("organisation", False),
        ("sessions", True),
        ("seats", True),
        ("cards", True),
        ("dots", True),
        ("answers", True),
    )
    blocks.append(_table(columns, numbers))
    blocks.append(Para(_plain(t("history.legend.voice")), note=True))
    if history.unknown_cards:
        blocks.append(
            Para(_plain(t("history.voice_unknown", count=history.unknown_cards)), note=True)
        )
    return Section("voice", t("history.voice"), tuple(blocks))


def _session_item(entry: Entry, text: str) -> Line:
    """ "**2025-03-10 Maart**: TEXT": what one session says in a section's list."""
    return (Span(f"{entry.date.isoformat()} {entry.title}", "strong"), Span(": " + text))


def _themes_section(history: History) -> Section:
    rows = [
        (line.title, str(line.sessions), str(line.total), spark(line.cards))
        for line in history.themes
    ]
    columns = (("theme", False), ("sessions", True), ("cards", True), ("over_time", False))
    items = [
        _session_item(entry, " · ".join(f"{title} {count}" for title, count in entry.themes))
        for entry in history.sessions
    ]
    return _table_section("themes", columns, rows, Items(tuple(items)))


def _norms_section(history: History) -> Section | None:
    """The mean per norm over time; only when some session shows an evaluation."""
    if not history.evaluated:
        return None
    rows = [
        (
            norm_label(line.norm),
            mean_spark(line.means),
            " → ".join(format_mean(m) for m in line.means if m is not None),
            str(line.sessions),
        )
        for line in history.norms
    ]
    columns = (("norm", False), ("over_time", False), ("means", False), ("sessions", True))
    items = [
        _session_item(entry, label)
        for entry in history.sessions
        if (label := evaluation_label(entry))
    ]
    return _table_section("norms", columns, rows, Items(tuple(items)))


def _principles_section(history: History) -> Section | None:
    """Each principle's answer per session; only when some session answered one."""
    if not history.checked:
        return None
    rows = [
        (
            str(line.number),
            principle_label(line.number),
            answer_marks(line.answers),
            f"{ANSWER_MARKS[line.last]} {answer_label(line.last)}",
        )
        for line in history.principles
    ]
    columns = (("number", True), ("principle", False), ("over_time", False), ("last", False))
    return _table_section("principles", columns, rows)


def _table(columns: tuple[tuple[str, bool], ...], rows: Sequence[tuple[str, ...]]) -> Table:
    """A table of `rows` under `columns`: their keys (`history.col.*`), numeric or not."""
    header = tuple(t(f"history.col.{key}") for key, _ in columns)
    return Table(header, tuple(rows), tuple(numeric for _, numeric in columns))


def _table_section(
    name: str,
    columns: tuple[tuple[str, bool], ...],
    rows: Sequence[tuple[str, ...]],
    *after: Block,
) -> Section:
    """A section of one table (`_table`), the blocks `after` it and its legend
    (`history.legend.NAME`), titled `history.NAME`."""
    blocks = (_table(columns, rows), *after, Para(_plain(t(f"history.legend.{name}")), note=True))
    return Section(name, t(f"history.{name}"), blocks)


def _reflexes_section(history: History) -> Section | None:
    """Cards per reflex over time; only when some card was tagged."""
    if not history.tagged:
        return None
    rows = [
        (
            reflex_label(line.reflex),
            reflex_spark(line),
            str(line.total),
            " · ".join("–" if c is None else str(c) for c in line.counts),
        )
        for line in history.reflexes
    ]
    columns = (("reflex", False), ("over_time", False), ("total", True), ("per_session", False))
    return _table_section("reflexes", columns, rows)


def _skipped_section(history: History) -> Section | None:
    if not history.skipped:
        return None
    items = tuple(
        (Span(s.file, "strong"), Span(": " + " — ".join(s.message.splitlines())))
        for s in history.skipped
    )
    return Section("skipped", t("history.skipped_heading"), (Items(items),))


def _copies_section(history: History) -> Section | None:
    if not history.copies:
        return None
    items = tuple(
        (Span(c.file, "strong"), Span(" → " + c.kept + _differs(c))) for c in history.copies
    )
    return Section("copies", t("history.copies_heading"), (Items(items),))


def build_document(history: History) -> Report:
    """The history as a report document (the blocks of `reportdoc`)."""
    lead: list[Line] = [
        (Span(t("history.kind"), "strong"), Span(" · " + span_of_time(history))),
        _plain(t("history.as_of", date=format_date(history.today))),
    ]
    if history.skipped:
        lead.append(_plain(t("history.skipped_count", count=len(history.skipped))))
    if history.copies:
        lead.append(_plain(t("history.copies_count", count=len(history.copies))))
    for clash in history.clashes:
        lead.append(_plain(t("history.clash", file=clash.file, other=clash.kept)))
    if history.ignored:
        lead.append(_plain(t("history.ignored_count", count=len(history.ignored))))
    sections = [
        _timeline(history),
        _agreements(history),
        _voice_section(history),
        _themes_section(history),
    ]
    for extra in (
        _norms_section(history),
        _principles_section(history),
        _reflexes_section(history),
        _skipped_section(history),
        _copies_section(history),
    ):
        if extra is not None:
            sections.append(extra)
    return Report(t("history.title", folder=history.folder), tuple(lead), tuple(sections))


def render_markdown(history: History) -> str:
    """The history as Markdown, every piece of text escaped (see `reportdoc.md_escape`)."""
    return render_report_markdown(build_document(history))
