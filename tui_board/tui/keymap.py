"""Your own keys: a keymap file that gives the board's actions other keys.

The file (`~/.config/tussenruimte/keys.toml`, or `--keys FILE`) has one line per action,
by its id (`tussenruimte keys` lists them): `new = "a"`, `vote-up = "ctrl+up,plus"` or
`vote-up = ["ctrl+up", "+"]`. This module reads and checks it without a terminal; the board
hands the result to Textual's keymap (`App.set_keymap`).

Which keys a terminal can send (anything else is refused with the line it is on):
- one character: `a`, `A`, `7`, `+`, `?`, `é` (a capital is the shifted letter);
- a named key: the arrows, `home`, `end`, `pageup`, `pagedown`, `insert`, `delete`,
  `backspace`, `tab`, `enter`, `escape`, `space`, `f1` … `f12` (and Textual's names of
  characters, such as `question_mark`);
- `ctrl+` a small letter or a named key other than `tab`, `enter`, `escape`, `backspace`
  and `space` (`ctrl+i` and `ctrl+m` are Tab and Enter to a terminal; `ctrl+c` and
  `ctrl+q` stay the ways out);
- `shift+` or `ctrl+shift+` a named key other than those five, and `shift+tab`
  (`shift+a` is written `A`);
- `alt+` one character (terminals send it as Esc and the character).
`cmd`, `super`, `meta`, `hyper` and `win` never reach a program in a terminal.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui_board.core.i18n import language, t

NAMED = frozenset(
    {
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
        "insert",
        "delete",
        "backspace",
        "tab",
        "enter",
        "escape",
        "space",
        *(f"f{n}" for n in range(1, 13)),
    }
)
"""Keys with a name of their own that every terminal sends."""
_PLAIN_ONLY = frozenset({"tab", "enter", "escape", "backspace", "space"})
"""Named keys a terminal sends only without ctrl or shift (or as another key)."""
_RESERVED = frozenset({"ctrl+c", "ctrl+q", "ctrl+i", "ctrl+m"})
_MODIFIERS = ("alt", "ctrl", "shift")
"""In Textual's order (alphabetical): a key event is named `ctrl+shift+up`, not the other way."""
_NEVER = frozenset({"cmd", "command", "super", "meta", "hyper", "win", "windows", "option"})
# Textual's names of a few characters differ from their Unicode names.
_REPLACED = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_ID_LINE = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")


# How a Textual key is written for people: (Dutch, English). Arrows are arrows in both.
_NAMES: dict[str, tuple[str, str]] = {
    "left": ("←", "←"),
    "right": ("→", "→"),
    "up": ("↑", "↑"),
    "down": ("↓", "↓"),
    "space": ("spatie", "space"),
    "escape": ("Esc", "Esc"),
    "enter": ("Enter", "Enter"),
    "tab": ("Tab", "Tab"),
    "backspace": ("Backspace", "Backspace"),
    "delete": ("Del", "Del"),
    "insert": ("Ins", "Ins"),
    "home": ("Home", "Home"),
    "end": ("End", "End"),
    "pageup": ("PgUp", "PgUp"),
    "pagedown": ("PgDn", "PgDn"),
    "question_mark": ("?", "?"),
    "exclamation_mark": ("!", "!"),
    "plus": ("+", "+"),
    "minus": ("-", "-"),
    "equals_sign": ("=", "="),
    "left_square_bracket": ("[", "["),
    "right_square_bracket": ("]", "]"),
    "comma": (",", ","),
    "full_stop": (".", "."),
    "slash": ("/", "/"),
}
_SHOWN_ORDER = ("ctrl", "alt", "shift")


def key_name(key: str, lang: str | None = None) -> str:
    """How one Textual key (`shift+left`, `space`, `ctrl+p`) is shown to people in `lang`
    (the current language when not given): `shift+←`, `spatie`/`space`, `ctrl+p`, `Esc`."""
    english = (lang or language()) == "en"
    *modifiers, base = key.split("+")
    names = _NAMES.get(base)
    shown = (names[1] if english else names[0]) if names else _character(base)
    ordered = [m for m in _SHOWN_ORDER if m in modifiers] + [
        m for m in modifiers if m not in _SHOWN_ORDER
    ]
    return "+".join([*ordered, shown])


def _character(base: str) -> str:
    """The character a key types (`number_sign` → `#`), or the key's name."""
    if re.fullmatch(r"f\d+", base):
        return base.upper()
    if len(base) == 1 or base in NAMED:
        return base
    if base in _ASCII:
        return _ASCII[base]
    unicode = {v: k for k, v in _REPLACED.items()}.get(base, base)
    try:
        return unicodedata.lookup(unicode.replace("_", " ").upper())
    except KeyError:
        return base


@dataclass(frozen=True, slots=True)
class KeymapProblem:
    """One thing wrong in a keymap file: where, and what."""

    line: int | None
    what: str

    def text(self) -> str:
        if self.line is None:
            return self.what[:1].upper() + self.what[1:]
        return t("file.where_line", line=self.line, what=self.what)


class KeymapInvalid(Exception):
    """A keymap file that cannot be used: every problem in it, each with its line."""

    def __init__(self, path: Path, problems: list[KeymapProblem]) -> None:
        super().__init__(path)
        self.path = path
        self.problems = problems

    def message(self) -> str:
        """Which file, every problem with its line, and that the board keeps its own keys."""
        lines = [t("keys.bad_file", path=self.path)]
        lines += [problem.text() for problem in self.problems]
        lines.append(t("keys.what_now", path=self.path))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message()


def default_path() -> Path:
    """The user's keymap file: keys.toml in the config folder ($XDG_CONFIG_HOME, else
    ~/.config) under tussenruimte."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "tussenruimte" / "keys.toml"


def character_key(character: str) -> str:
    """Textual's name of the key that types `character` (`?` → `question_mark`)."""
    if character.isalnum():
        return character
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _REPLACED.get(name, name)


_ASCII = {character_key(chr(c)): chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
"""The name of every ASCII sign (`less_than_sign` → `<`): some Unicode names hold a hyphen."""


def _is_character(base: str) -> bool:
    """Whether `base` (a Textual key name without modifiers) is a key that types a character."""
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    return base not in NAMED and _character(base) != base


def normalise(key: str) -> str:
    """One key as the file writes it (`Ctrl+Up`, `?`, `alt+A`) as Textual names it
    (`ctrl+up`, `question_mark`, `alt+shift+a`); ValueError with the reason when a terminal
    cannot send it."""
    written = key.strip()
    if not written:
        raise ValueError(t("keys.empty_key"))
    if written == "+":
        return "plus"
    parts = written.split("+")
    if written.endswith("+"):  # `ctrl++`: the plus key with ctrl
        parts = [*parts[:-2], "+"]
    *mods, base = parts
    modifiers = [m.strip().lower() for m in mods]
    base = base.strip()
    if len(base) != 1:
        base = base.lower()
    for modifier in modifiers:
        if modifier in _NEVER:
            raise ValueError(t("keys.never", name=written, modifier=modifier))
        if modifier not in _MODIFIERS:
            raise ValueError(t("keys.unknown_key", name=written))
    if len(set(modifiers)) != len(modifiers):
        raise ValueError(t("keys.unknown_key", name=written))
    if len(base) == 1:
        base = character_key(base)
    if base not in NAMED and not _is_character(base):
        raise ValueError(t("keys.unknown_key", name=written))
    character = base not in NAMED
    mods_set = set(modifiers)
    if character and mods_set == {"alt"} and len(base) == 1 and base.isupper():
        base, mods_set = base.lower(), {"alt", "shift"}  # alt+A is sent as alt+shift+a
    elif character and mods_set and mods_set != {"alt"}:
        if mods_set != {"ctrl"} or not ("a" <= base <= "z"):
            raise ValueError(t("keys.cannot_send", name=written))
    elif not character and mods_set and (mods_set, base) != ({"shift"}, "tab"):
        if "alt" in mods_set or base in _PLAIN_ONLY:
            raise ValueError(t("keys.cannot_send", name=written))
    name = "+".join([*(m for m in _MODIFIERS if m in mods_set), base])
    if name in _RESERVED:
        raise ValueError(t("keys.reserved", name=written))
    return name


def _lines(text: str) -> dict[str, int]:
    """The line of each top-level id in the file's text (for the messages)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            break
        match = _ID_LINE.match(line)
        if match:
            found.setdefault(next(g for g in match.groups() if g is not None), number)
    return found


def parse(text: str, path: Path, defaults: Mapping[str, str]) -> dict[str, str]:
    """The keymap in `text` (binding id → Textual keys, comma-separated) checked against
    `defaults` (every id with its own keys). KeymapInvalid lists every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", reason)
        short = re.sub(r"\s*\(at line \d+, column \d+\)", "", reason)
        line = int(found[1]) if found else None
        raise KeymapInvalid(path, [KeymapProblem(line, t("file.syntax", reason=short))]) from None
    where = _lines(text)
    problems: list[KeymapProblem] = []
    mapped: dict[str, list[str]] = {}
    for ident, value in data.items():
        line = where.get(ident)
        if ident not in defaults:
            problems.append(KeymapProblem(line, t("keys.unknown_id", id=ident)))
            continue
        written = value.split(",") if isinstance(value, str) else value
        if not isinstance(written, list) or not all(isinstance(k, str) for k in written):
            problems.append(KeymapProblem(line, t("keys.not_text", id=ident)))
            continue
        keys: list[str] = []
        for key in written if value != "," else [","]:
            try:
                name = normalise(key)
            except ValueError as error:
                problems.append(KeymapProblem(line, str(error)))
                continue
            if name not in keys:
                keys.append(name)
        if not written or not any(k.strip() for k in written):
            problems.append(KeymapProblem(line, t("keys.none_given", id=ident)))
        elif keys:
            mapped[ident] = keys
    # A key may call one action: the mapped keys and the own keys of every action kept.
    owner: dict[str, str] = {}
    for ident, own in defaults.items():
        if ident not in mapped:
            for key in own.split(","):
                owner[key] = ident
    for ident, keys in mapped.items():
        for key in keys:
            taken = owner.get(key)
            if taken is not None and taken != ident:
                what = t("keys.taken", name=key_name(key), id=ident, other=taken)
                problems.append(KeymapProblem(where.get(ident), what))
            owner[key] = ident
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise KeymapInvalid(path, problems)
    return {ident: ",".join(keys) for ident, keys in mapped.items()}


def load(path: Path, defaults: Mapping[str, str]) -> dict[str, str]:
    """Read and check the keymap file at `path` (see `parse`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeymapInvalid(path, [KeymapProblem(None, t("keys.no_file"))]) from None
    except UnicodeDecodeError:
        raise KeymapInvalid(path, [KeymapProblem(None, t("file.not_utf8"))]) from None
    except OSError as error:
        reason = str(error.strerror or error)
        raise KeymapInvalid(path, [KeymapProblem(None, reason)]) from None
    return parse(text, path, defaults)


def prepare(given: Path | None, look_home: bool = True) -> dict[str, str]:
    """Before a board opens: the keymap of `--keys FILE`, else (with `look_home`) of the
    user's file if there is one, in use from now on (`tui.keys.use_keymap`). A bad file is
    said on stderr (and on the board, which covers the terminal) and the board keeps its
    own keys."""
    from tui_board.tui.keys import defaults, use_keymap  # only when a board opens

    path = given if given is not None else default_path() if look_home else None
    mapped: dict[str, str] = {}
    refused = ""
    if path is not None and (given is not None or path.is_file()):
        try:
            mapped = load(path, defaults())
        except KeymapInvalid as invalid:
            refused = invalid.message()
            print(refused, file=sys.stderr, flush=True)
    use_keymap(mapped, refused)
    return mapped
