"""Every message in Dutch and English, with the same placeholders: the two files of texts
(`tui_board/texts/nl.toml`, `en.toml`) hold the same keys, each filled in."""

from __future__ import annotations

import string
import subprocess
import sys
import tomllib

import pytest

from tui_board.core import i18n
from tui_board.core.i18n import LANGUAGES, MESSAGES, TEXTS, set_language, t, t_wire

FILES = {lang: tomllib.loads((TEXTS / f"{lang}.toml").read_text("utf-8")) for lang in LANGUAGES}
"""The texts as the files hold them (MESSAGES would fill a gap from the other language)."""


def fields(text: str) -> set[str]:
    """The names of the `{placeholders}` in `text` (conversions and formats left out)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_languages_are_dutch_then_english() -> None:
    assert LANGUAGES == ("nl", "en")


def test_both_files_hold_the_same_keys_all_texts() -> None:
    nl, en = FILES["nl"], FILES["en"]
    assert sorted(set(nl) - set(en)) == [] and sorted(set(en) - set(nl)) == []
    assert all(isinstance(text, str) for text in (*nl.values(), *en.values()))
    assert set(MESSAGES) == set(nl) and len(nl) > 1000


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    nl, en = FILES["nl"][key], FILES["en"][key]
    assert nl.strip() and en.strip(), "no empty text"
    assert fields(nl) == fields(en)
    assert all(name.isidentifier() for name in fields(nl)), "only named placeholders"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_can_be_filled_in_both_languages(key: str) -> None:
    values = {name: "X" for name in fields(MESSAGES[key][0])}
    for language in LANGUAGES:
        set_language(language)
        text = t(key, **values) if values else t(key)
        assert text == MESSAGES[key][LANGUAGES.index(language)].format(**values)
        assert "{" not in text or not values


def test_the_placeholder_check_can_fail() -> None:
    assert fields("Regel {line}, kolom {column}: {what!r}") == {"line", "column", "what"}
    assert fields("geen") == set() != fields("{een}")


def test_dutch_is_the_default() -> None:
    # The autouse fixture resets to Dutch; a fresh interpreter starts in Dutch too.
    assert i18n.language() == "nl"
    assert t("board.saved") == "Opgeslagen"


def test_set_language_switches_and_back() -> None:
    set_language("en")
    assert i18n.language() == "en"
    assert t("board.saved") == "Saved"
    assert t("refused.no_theme", theme="x") == "The theme x does not exist."
    set_language("nl")
    assert t("board.saved") == "Opgeslagen"
    assert t("refused.no_theme", theme="x") == "Het thema x bestaat niet."


def test_t_falls_back_to_dutch_for_any_other_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # set_language refuses other languages; should one slip in anyway, Dutch is shown.
    monkeypatch.setattr(i18n, "_language", "de")
    assert t("board.saved") == "Opgeslagen"
    assert t("refused.no_theme", theme="x") == "Het thema x bestaat niet."


def test_t_without_values_gives_the_text_as_written() -> None:
    # Nothing is formatted when there is nothing to fill in: braces stay as they are.
    assert t("refused.text_too_long") == MESSAGES["refused.text_too_long"][0]
    assert "{max}" in t("refused.text_too_long")


def test_t_ignores_values_a_message_does_not_use() -> None:
    assert t("board.saved", extra="genegeerd") == "Opgeslagen"


def test_t_of_an_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        t("bestaat.niet")


def test_t_with_a_missing_value_fails_loudly() -> None:
    with pytest.raises(KeyError):
        t("refused.no_theme", other="x")


@pytest.mark.parametrize("language", ["de", "", "NL", "nl_NL", "english"])
def test_set_language_rejects_unknown_languages(language: str) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        set_language(language)
    assert i18n.language() == "nl", "a refused language leaves the current one alone"


def test_a_fresh_interpreter_starts_in_dutch() -> None:
    code = "from tui_board.core import i18n; print(i18n.language(), i18n.t('board.saved'))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "nl Opgeslagen"


def test_an_unknown_key_from_a_newer_relay_gives_a_general_message() -> None:
    assert "relay.toekomst" in t_wire("relay.toekomst", {"what": "x"})
    assert "Werk tussenruimte bij" in t_wire("relay.toekomst", {})
    assert t_wire("refused.no_theme", {}) == t("relay.unknown", code="refused.no_theme")
    assert t_wire("refused.no_theme", {"theme": "x"}) == t("refused.no_theme", theme="x")
