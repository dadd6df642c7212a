"""Words: no English word on a Dutch screen, and a noun after a number in the right number
("1 kaart", "2 kaarten"), in every message of the catalogue and on the board."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import make_app, session_file

from tui_board.core import i18n
from tui_board.core.i18n import MESSAGES, t_count
from tui_board.tui.keys import KEYS, bar_name, display, key_name
from tui_board.tui.screens.dialogs import HelpScreen

# (singular, plural) of every noun that is counted somewhere, Dutch and English.
NOUNS = [
    ("kaart", "kaarten"),
    ("afspraak", "afspraken"),
    ("deelnemer", "deelnemers"),
    ("sessie", "sessies"),
    ("organisatie", "organisaties"),
    ("stip", "stippen"),
    ("antwoord", "antwoorden"),
    ("reactie", "reacties"),
    ("mens", "mensen"),
    ("dag", "dagen"),
    ("probleem", "problemen"),
    ("thema", "thema's"),
    ("teken", "tekens"),
    ("minuut", "minuten"),
    ("plek", "plekken"),
    ("voorstel", "voorstellen"),
    ("card", "cards"),
    ("agreement", "agreements"),
    ("participant", "participants"),
    ("session", "sessions"),
    ("organisation", "organisations"),
    ("dot", "dots"),
    ("answer", "answers"),
    ("person", "people"),
    ("day", "days"),
    ("problem", "problems"),
    ("theme", "themes"),
    ("character", "characters"),
    ("minute", "minutes"),
    ("seat", "seats"),
    ("proposal", "proposals"),
]
PLURALS = "|".join(re.escape(plural) for _, plural in NOUNS)
ONE_PLURAL = re.compile(rf"(?<![\d.,])\b1 ({PLURALS})(?!\w)")
BOTH = re.compile(
    "|".join(re.escape(f"{one}/{many}") for one, many in NOUNS) + r"|\w\((s|en|n|len)\)"
)
"""'afspraak/afspraken', 'agreement(s)': a message that did not choose."""

NEVER_ONE = {"max_length", "min", "lowest", "value", "max", "norm", "card", "title"}
"""Placeholders that are a limit, never 1 in practice: the card length (hooguit {max}
tekens), the evaluation minimum (at least 3). `{max}` of ssh.full/web.full is the only
other `max`, and a gate for one person is not a gate. `norm`, `card` and `title` are
names, not numbers."""

SINGULAR_ELSEWHERE = {
    "history.sessions_span": "history.sessions_one",
    "board.editor_left": "board.editor_left_one",
}
"""Messages whose code asks for another message (without a number) for one."""


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _counted(key: str, name: str, number: int) -> Iterator[tuple[str, str]]:
    """The message `key` in both languages with `name` = `number`, the others a word; the
    way the code asks for it: through t_count when the number is `count`."""
    for language in i18n.LANGUAGES:
        i18n.set_language(language)
        values = {p: "X" for p in _placeholders(MESSAGES[key][0])}
        values[name] = str(number)
        if number == 1 and f"{key}.one" in MESSAGES and name != "count":
            yield language, i18n.t(f"{key}.one", **values)  # the code chooses it, see rules
        elif name == "count":
            del values["count"]
            yield language, t_count(key, number, **values)
        else:
            yield language, i18n.t(key, **values)


def _numbered() -> list[tuple[str, str]]:
    return [
        (key, name)
        for key, (nl, _) in MESSAGES.items()
        if not key.endswith((".one", "_one")) and key not in SINGULAR_ELSEWHERE
        for name in _placeholders(nl)
        if name not in NEVER_ONE
    ]


@pytest.mark.parametrize("number", [0, 1, 2])
def test_every_number_has_its_noun_in_the_right_number(number: int) -> None:
    wrong = []
    try:
        for key, name in _numbered():
            for language, text in _counted(key, name, number):
                template = MESSAGES[key][0 if language == "nl" else 1]
                if ONE_PLURAL.search(text) or BOTH.search(template):
                    wrong.append(f"{key} ({language}, {name}={number}): {text}")
    finally:
        i18n.set_language("nl")
    assert not wrong, "\n".join(wrong)


def test_the_check_finds_one_plural() -> None:
    assert ONE_PLURAL.search("bord.toml · 1 kaarten · bewaard")
    assert ONE_PLURAL.search("Aan tafel: 1 uit 0 organisaties".replace("uit 0", "uit 1"))
    assert not ONE_PLURAL.search("11 kaarten · 21 kaarten · 2,1 kaarten · 1 kaart")
    assert BOTH.search("{count} afspraak/afspraken") and BOTH.search("{count} agreement(s)")


def test_t_count_chooses_the_singular_only_for_one() -> None:
    assert t_count("board.cards", 1) == "1 kaart"
    assert t_count("board.cards", 0) == "0 kaarten"
    assert t_count("board.cards", 2) == "2 kaarten"
    i18n.set_language("en")
    try:
        assert t_count("board.cards", 1) == "1 card"
    finally:
        i18n.set_language("nl")


# --- key names ----------------------------------------------------------------------------

ENGLISH_KEY = re.compile(
    r"\b(space|left|right|up|down|escape|Escape|return|backspace_key|question_mark|"
    r"square_bracket|equals_sign|exclamation_mark|plus|minus)\b|\^\w|_"
)


def test_key_names_per_language() -> None:
    cases = {
        "shift+left": ("shift+←", "shift+←"),
        "shift+right": ("shift+→", "shift+→"),
        "space": ("spatie", "space"),
        "ctrl+p": ("ctrl+p", "ctrl+p"),
        "escape": ("Esc", "Esc"),
        "enter": ("Enter", "Enter"),
        "tab": ("Tab", "Tab"),
        "shift+tab": ("shift+Tab", "shift+Tab"),
        "question_mark": ("?", "?"),
        "n": ("n", "n"),
    }
    for key, (nl, en) in cases.items():
        assert (key_name(key, "nl"), key_name(key, "en")) == (nl, en), key


def test_no_english_key_word_in_any_dutch_key_name() -> None:
    wrong = []
    for key in KEYS:
        shown = [display(key), bar_name(key)] + [key_name(k, "nl") for k in key.keys.split(",")]
        wrong += [f"{key.id}: {name}" for name in shown if ENGLISH_KEY.search(name)]
    assert not wrong, wrong


def test_no_english_key_word_or_facilitator_in_dutch_messages() -> None:
    english = re.compile(r"\b(Escape|escape|space|facilitator)\b|\^[a-z]\b")
    wrong = [f"{key}: {nl}" for key, (nl, _) in MESSAGES.items() if english.search(nl)]
    assert not wrong, "\n".join(wrong)


async def test_the_board_shows_dutch_key_names_in_its_bar_help_and_bindings(
    tmp_path: Path,
) -> None:
    app = make_app(session_file(tmp_path, {"rollen": ["Wie heeft de regie"]}))
    async with app.run_test(size=(200, 50)) as pilot:
        bar = str(app.query_one("#keybar").render())
        ending = " ctrl+p " in bar or bar.rstrip().endswith(" ?  meer")
        assert ending and not ENGLISH_KEY.search(bar), bar
        by_key = app._bindings.key_to_bindings
        ours = [binding for found in by_key.values() for binding in found if binding.id]
        assert ours
        for binding in ours:
            assert binding.key_display and not ENGLISH_KEY.search(binding.key_display), binding
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        listed = app.screen._keys  # what this person can use (test_offers)
        assert len(listed) > 30
        for key in listed:
            assert display(key) in help_text, key.id
        assert "shift+←" in help_text and "spatie" in help_text and "ctrl+p" in help_text
        assert "space" not in help_text and "^p" not in help_text and "shift+left" not in help_text
