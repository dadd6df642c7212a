"""Every string a user sees, in Dutch (the default) and English.

The texts are data: `texts/nl.toml` and `texts/en.toml`, one key per text, the same keys
and the same `{placeholders}` in both (tests/test_i18n.py checks it). `t(key, **values)`
gives the text in the current language; `t_count` picks the singular (`key.one`) or the
plural.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

LANGUAGES = ("nl", "en")
_language = "nl"

TEXTS = Path(__file__).parent / "texts"
"""The folder with one file of texts per language."""


def _load() -> dict[str, tuple[str, str]]:
    """Both languages' texts, per key: (Dutch, English). A key missing in one language
    falls back to the other (the test makes sure none is missing)."""
    nl, en = (tomllib.loads((TEXTS / f"{lang}.toml").read_text("utf-8")) for lang in LANGUAGES)
    return {key: (nl.get(key, en.get(key, key)), en.get(key, nl.get(key, key))) for key in nl | en}


MESSAGES: dict[str, tuple[str, str]] = _load()


def set_language(language: str) -> None:
    """Choose the language for every later `t()` call ("nl" or "en")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def language() -> str:
    """The current language."""
    return _language


def t(key: str, **values: object) -> str:
    """The message `key` in the current language, with `values` filled in."""
    nl, en = MESSAGES[key]
    template = en if _language == "en" else nl
    return template.format(**values) if values else template


def t_count(key: str, count: int, **values: object) -> str:
    """The message `key` about `count` things, with the noun in the right number: the
    catalogue's `key.one` when `count` is 1 (and it has one), else `key` (the plural,
    also for 0). `{count}` is filled in with `count`."""
    one = f"{key}.one"
    return t(one if count == 1 and one in MESSAGES else key, count=count, **values)


def t_wire(key: str, values: dict[str, str]) -> str:
    """A message whose key came over the wire: an unknown key (a newer relay) or missing
    values give a general message instead of an error."""
    try:
        nl, en = MESSAGES[key]
        return (en if _language == "en" else nl).format(**values)
    except (KeyError, IndexError, ValueError):
        return t("relay.unknown", code=key)
