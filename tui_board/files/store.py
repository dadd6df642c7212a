"""Session ⇄ TOML: deterministic bytes, atomic saves, clear errors for bad files.

tomllib reads and tomli-w writes. Saving the same session always gives the same bytes, in
board order, one `[[cards]]` table per card, so that `git diff` of two saves shows only
what changed. A file that failed to load is never written to.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from tui_board.core.i18n import MESSAGES, t
from tui_board.core.instruments import INSTRUMENTS, MIN_ANSWERS, NORM_IDS
from tui_board.core.model import SCHEMA_VERSION, Session, board_order
from tui_board.core.text import strip_invisible
from tui_board.core.views import at_rest

M = TypeVar("M", bound=BaseModel)


class FileProblem(Exception):
    """A file that cannot be used, with what a person needs to fix it."""

    def __init__(
        self,
        path: Path,
        what: str,
        line: int | None = None,
        column: int | None = None,
        *,
        fixable: bool = True,
    ) -> None:
        super().__init__(what)
        self.path = path
        self.what = what
        self.line = line
        self.column = column
        self.fixable = fixable
        """Whether the file itself needs fixing (then the message says how to check it)."""

    def message(self) -> str:
        """The full message in the current language: which file, where, what, what now."""
        if self.line is not None and self.column is not None:
            where = t("file.where", line=self.line, column=self.column, what=self.what)
        elif self.line is not None:
            where = t("file.where_line", line=self.line, what=self.what)
        else:
            where = self.what[:1].upper() + self.what[1:]
        lines = [t("file.cannot_open", path=self.path), where]
        if self.fixable:
            lines.append(t("file.what_now", path=self.path))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message()


_MARKERS = ("<<<<<<< ", "=======", ">>>>>>> ")


def conflict_line(text: str) -> int | None:
    """The line where an unresolved git conflict starts (`<<<<<<<`, later `=======`, then
    `>>>>>>>`, each at the start of a line), or None."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith(_MARKERS[0]):
            continue
        rest = lines[number + 1 :]
        middle = next((i for i, x in enumerate(rest) if x.rstrip() == _MARKERS[1]), None)
        if middle is not None and any(x.startswith(_MARKERS[2]) for x in rest[middle + 1 :]):
            return number + 1
    return None


def read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file; raise FileProblem with line and column when it is bad."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(path, t("file.missing", path=path), fixable=False) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise FileProblem(path, t("file.unreadable", reason=reason), fixable=False) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(path, t("file.not_utf8")) from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        conflict = conflict_line(text)
        if conflict is not None:
            what = t("file.git_conflict", line=conflict)
            raise FileProblem(path, what[:1].upper() + what[1:]) from None
        reason = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", reason)
        short = re.sub(r"\s*\(at line \d+, column \d+\)", "", reason)
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        raise FileProblem(path, t("file.syntax", reason=short), line, column) from None


def validate_data(model: type[M], data: Mapping[str, Any], text: str, path: Path) -> M:
    """Validate parsed TOML as `model`; turn the first error into a FileProblem.

    Every text in the file loses its invisible characters first (`text.strip_invisible`:
    bidi controls, zero-width characters), as typed text does in the rules: a hand-edited
    file cannot make a card read other than it is. Control characters stay as they are
    (every screen, report and diff cleans them when it shows the text)."""
    try:
        return model.model_validate(_visible(data))
    except ValidationError as error:
        first = error.errors()[0]
        raise _problem(path, text, first) from None


def _visible(value: Any) -> Any:
    """Parsed TOML with `strip_invisible` applied to every string value (keys as they are)."""
    if isinstance(value, str):
        return strip_invisible(value)
    if isinstance(value, Mapping):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def load_session(path: Path) -> Session:
    """Load a session file; raise FileProblem for anything wrong with it."""
    text, data = read_toml(path)
    return validate_data(Session, data, text, path)


_QUIET: dict[str, dict[str, object]] = {
    "session": {"id": "", "anonymous": False, "lobby": False, "recorded_by": ""},
    "participants": {"mandate": None},
    "cards": {"hidden": False, "kind": "", "answers": "", "cluster": "", "reflex": ""},
    "top": {
        "phase": "",
        "private": False,
        "spotlight": "",
        "confirmed": [],
        "dots": 3,
        "voting": "",
        "open_to_all": [],
        "invited": [],
        "instruments": list(INSTRUMENTS),
        "evaluation_minimum": MIN_ANSWERS,
    },
}
"""Fields left out of the file while they have these values: a file without them reads the
same, and a session that does not use a feature keeps a short, quiet file."""


def _quiet(data: dict[str, Any], defaults: dict[str, object]) -> dict[str, Any]:
    kept = {}
    for key, value in data.items():
        value = list(value) if isinstance(value, tuple) else value
        if value is None or (key in defaults and value == defaults[key]):
            continue
        kept[key] = value
    return kept


def session_to_dict(session: Session) -> dict[str, Any]:
    """The session as plain data in the file's order (cards in board order)."""
    data = _without_cards(session)
    data["cards"] = list(_card_items(session))
    return data


def _card_items(session: Session) -> Iterator[dict[str, Any]]:
    """The cards as plain data in board order, one at a time (a save never holds all)."""
    for card in board_order(session, session.cards):
        item = _quiet(card.model_dump(mode="python"), _QUIET["cards"])
        if session.session.anonymous:
            item.pop("author", None)  # anonymous: authors never reach a file
        yield item


def _without_cards(session: Session) -> dict[str, Any]:
    """Everything but the cards as plain data in the file's order."""
    if session.evaluation is not None and session.evaluation.open:
        # While open, the file says only that (see views.at_rest): no running aggregate.
        session = session.model_copy(update={"evaluation": at_rest(session.evaluation)})
    data = session.model_dump(by_alias=True, mode="python", exclude={"cards"})
    data["schema"] = SCHEMA_VERSION  # saving upgrades an older file
    data["session"] = _quiet(data["session"], _QUIET["session"])
    data["participants"] = [_quiet(p, _QUIET["participants"]) for p in data["participants"]]
    data["votes"] = sorted(data["votes"], key=lambda v: (v["card"], v["voter"]))
    data["agreements"] = [
        _quiet(
            a,
            {
                "source": "",
                "revisits": "",
                "legs": [],
                "round": 0,
                "answers": [],
                "concerns": [],
                "owners": [],
            },
        )
        for a in data["agreements"]
    ]
    for agreement in data["agreements"]:
        for key in ("answers", "concerns"):
            if key in agreement:
                agreement[key] = [_quiet(dict(r), {"text": ""}) for r in agreement[key]]
    data["phases"] = [_quiet(p, {"ask": "", "allows": []}) for p in data["phases"]]
    data["terugblik"] = [
        _quiet(
            r,
            {"why": "", "owners": [], "concerns": [], "agenda": 1, "verdict": "", "note": ""},
        )
        for r in data["terugblik"]
    ]
    if data["origin"] is not None:
        data["origin"] = _quiet(data["origin"], {"file": "", "id": "", "correcties": ""})
    data["principles"] = [_quiet(p, {"note": ""}) for p in data["principles"]]
    data["conflicts"] = [
        _quiet(c, {"part": "", "id": "", "field": "", "ours": "", "theirs": "", "removed": ""})
        for c in data["conflicts"]
    ]
    if data["evaluation"] is not None:
        evaluation = data["evaluation"]
        # Norms in the seed's order, counts as lists: the same bytes for the same session.
        evaluation["scores"] = {
            norm: list(evaluation["scores"][norm])
            for norm in NORM_IDS
            if norm in evaluation["scores"]
        }
        data["evaluation"] = _quiet(evaluation, {"answered": [], "lines": [], "count": 0})
    if data["timer"] is not None:
        data["timer"] = _quiet(data["timer"], {"left": 0})
    return data


HEADER = "# tussenruimte — sessiebestand; elk veld staat in docs/session-format.md\n"
_TOP_KEYS = (
    "schema",
    "phase",
    "private",
    "spotlight",
    "confirmed",
    "dots",
    "voting",
    "open_to_all",
    "invited",
    "instruments",
    "evaluation_minimum",
    "questions",
    "spelregels",
)
_TABLE_LISTS = (
    "phases",
    "themes",
    "participants",
    "terugblik",
    "clusters",
    "cards",
    "votes",
    "agreements",
    "principles",
    "conflicts",
)
_NESTED = {"agreements": ("answers", "concerns")}


def _toml(data: Mapping[str, Any]) -> str:
    """`data` as TOML; a text with a line break as a multi-line string (its lines as lines,
    a quote or a control character escaped as always).

    tomli-w writes CR LF in a multi-line string as LF: a table with a CR in a text (only a
    hand-edited file has one; the rules keep none) keeps every text on one line, escaped,
    so that the file gives back exactly what was saved."""
    return tomli_w.dumps(data, multiline_strings=not _has_cr(data))


def _has_cr(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, Mapping):
        return any(_has_cr(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_has_cr(item) for item in value)
    return False


def dumps_session(session: Session) -> str:
    """The session as TOML text: the same session always gives the same text."""
    return "".join(session_parts(session))


def session_parts(session: Session) -> Iterator[str]:
    """The session's TOML text in parts, made as they are written (cards one by one).

    The layout is fixed by hand (tomli-w would inline short arrays of tables, and flip
    between layouts as a text grows); tomli-w writes every value, a text with line breaks
    (a card's) between triple quotes, one line of the file per line of the text. A save
    writes the parts as they come, so it never holds the whole text nor every card as plain
    data: the first save of a 1000-card board raised the peak memory by 0.65 MiB, now by
    nothing measurable.
    """
    data = _without_cards(session)
    data["cards"] = _card_items(session)
    top = _quiet(
        {k: data[k] for k in _TOP_KEYS}, {**_QUIET["top"], "questions": [], "spelregels": []}
    )
    yield HEADER
    yield _toml(top)
    yield "\n[session]\n" + _toml(data["session"])
    if data["origin"] is not None:
        yield "\n[origin]\n" + _toml(data["origin"])
    if data["timer"] is not None:
        yield "\n[timer]\n" + _toml(data["timer"])
    if data["evaluation"] is not None:
        evaluation = dict(data["evaluation"])
        scores = evaluation.pop("scores", {})
        yield "\n[evaluation]\n" + _toml(evaluation)
        if scores:  # one short line per norm: how many rated it 1, 2, 3, 4, 5
            rows = "".join(f"{norm} = {list(counts)!r}\n" for norm, counts in scores.items())
            yield "\n[evaluation.scores]\n" + rows
    for name in _TABLE_LISTS:
        for item in data[name]:
            nested = {k: item.pop(k) for k in _NESTED.get(name, ()) if k in item}
            yield f"\n[[{name}]]\n" + _toml(item)
            for key, rows in nested.items():
                for row in rows:  # written as [[agreements.answers]], under their agreement
                    yield f"\n[[{name}.{key}]]\n" + _toml(row)


def save_session(session: Session, path: Path) -> None:
    """Write the session to `path` atomically: a crash leaves the old file whole."""
    atomic_write(path, (part.encode("utf-8") for part in session_parts(session)))


def atomic_write(path: Path, data: bytes | Iterable[bytes], mode: int | None = None) -> None:
    """Write `data` (bytes, or parts of it as they are made) to a temporary file beside
    `path`, fsync it, and rename it over `path`: a crash or an error while the parts are
    made leaves the old file whole.

    The file keeps its permissions; a new one gets `mode` (default 0o644).
    """
    directory = path.parent if str(path.parent) else Path(".")
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for part in data:
                    handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _problem(path: Path, text: str, error: Mapping[str, Any]) -> FileProblem:
    kind = str(error.get("type", ""))
    loc: Sequence[str | int] = error.get("loc", ())
    ctx = dict(error.get("ctx") or {})
    key = f"err.{kind}"
    if key in MESSAGES:
        try:
            what = t(key, **ctx) if ctx else t(key)
        except (KeyError, IndexError):
            what = t(key, **{k: "?" for k in ctx}) if ctx else t(key)
    else:
        what = t("err.other", message=str(error.get("msg", kind)))
    if kind == "enum" and "expected" in ctx:
        what = t("err.enum", expected=ctx["expected"])
    field = _field_name(loc)
    if field:
        what = t("file.field", field=field, what=what)
    line = _find_line(text, loc, ctx)
    return FileProblem(path, what, line)


def _field_name(loc: Sequence[str | int]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1] = f"{parts[-1]}[{item + 1}]" if parts else f"[{item + 1}]"
        else:
            parts.append(str(item))
    return ".".join(parts)


def _find_line(text: str, loc: Sequence[str | int], ctx: Mapping[str, Any]) -> int | None:
    """Best effort: the line in `text` that the error location points at."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if loc and isinstance(loc[0], str):
        table = loc[0]
        if len(loc) > 1 and isinstance(loc[1], int):
            headers = [i for i, ln in enumerate(lines) if ln.strip() == f"[[{table}]]"]
            if loc[1] < len(headers):
                start = headers[loc[1]]
                nxt = [i for i, ln in enumerate(lines) if i > start and ln.lstrip().startswith("[")]
                end = nxt[0] if nxt else len(lines)
                key = loc[2] if len(loc) > 2 and isinstance(loc[2], str) else None
                return _key_line(lines, start, end, key) or start + 1
        else:
            headers = [i for i, ln in enumerate(lines) if ln.strip() == f"[{table}]"]
            if headers:
                start = headers[0]
                key = loc[1] if len(loc) > 1 and isinstance(loc[1], str) else None
                return _key_line(lines, start, end, key) or start + 1
            return _key_line(lines, 0, len(lines), table)
    for name in ("card", "id"):
        value = ctx.get(name)
        if isinstance(value, str):
            pattern = re.compile(rf'^\s*id\s*=\s*"{re.escape(value)}"\s*$')
            found = [i for i, ln in enumerate(lines) if pattern.match(ln)]
            if found:
                return found[-1] + 1
    return None


def _key_line(lines: list[str], start: int, end: int, key: str | None) -> int | None:
    if key is None:
        return None
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return None
