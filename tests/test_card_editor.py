"""The card editor takes every keystroke and every paste: cleaned as the rules clean, in
order, cut to fit with a word, and a key the rules do not allow now opens nothing."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from boardkit import (
    current,
    editor_open,
    local,
    make_app,
    record_drawn,
    screen_text,
    session_file,
)
from textual import events
from textual._xterm_parser import XTermParser
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input, Static

from tui_board.core.model import Participant, Role
from tui_board.core.ops import Actor, AddCard, EditCard, SetPhase
from tui_board.core.rules import Refused, allowed
from tui_board.core.text import MAX_CARD_TEXT, clean_text, clean_typed, strip_escapes
from tui_board.files.store import load_session, save_session
from tui_board.live.localboard import LocalBoard
from tui_board.tui.app import BoardApp
from tui_board.tui.idle import freeze
from tui_board.tui.widgets import pasting
from tui_board.tui.widgets.editor import CardInput
from tui_board.tui.widgets.pasting import PasteParser

HACK = "Markup … en \x1b]0;HACK\x07 einde"
"""The tracker's paste: a window title (OSC ended by BEL) in the middle of the text."""

CARDS = {"rollen": ["Eén regievoerder per gezin"], "leren": ["Casus samen nabespreken"]}


# --- cleaning ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (HACK, "Markup … en einde"),
        ("rood: \x1b[1;31mALARM\x1b[0m klaar", "rood: ALARM klaar"),
        ("titel \x1b]2;weg\x1b\\ blijft", "titel blijft"),
        ("a\x1bP1$r0m\x1b\\b", "ab"),
        ("a\x1b_apc payload\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"),
        ("a\x9b31mb\x9d0;t\x07c", "abc"),
        ("reset\x1bc en \x1b(Bcharset", "reset en charset"),
        ("bel\x07en\ttab\r\nregel", "bel en tab regel"),
        ("on\u200bzicht\u202ebaar", "onzichtbaar"),
        ("einde van een open titel \x1b]0;nooit beëindigd", "einde van een open titel "),
    ],
)
def test_whole_escape_sequences_go_and_the_rest_is_cleaned_as_the_rules_do(
    raw: str, shown: str
) -> None:
    assert clean_typed(raw) == shown
    assert "\x1b" not in strip_escapes(raw)
    assert clean_text(clean_typed(raw)) == clean_text(shown)


def test_a_paste_into_a_text_area_keeps_its_lines() -> None:
    from textual.widgets import TextArea

    assert pasting.prepare("a\x1b[31mb\nc\x07d\u200b", TextArea()) == ("ab\nc d", None)
    assert pasting.prepare("a\nb", None) == ("a b", None)


async def test_a_pasted_emoji_sequence_stays_whole(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.post_message(events.Paste("Wij 👩\u200d💻 en\u200d ❤️\u200d🔥"))
        await pilot.pause()
        assert _field(app).value == "Wij 👩\u200d💻 en ❤️\u200d🔥"
        await pilot.press("enter")
        assert current(app).text == "Wij 👩\u200d💻 en ❤️\u200d🔥"


def test_typed_text_keeps_its_space_at_the_end() -> None:
    assert clean_typed("twee woorden ") == "twee woorden "
    assert clean_typed(" ") == " "
    assert strip_escapes("gewoon") == "gewoon"


# --- the terminal parser -------------------------------------------------------------------


def _parse(parser: XTermParser, data: str, chunk: int) -> list[Message]:
    tokens: list[Message] = []
    for start in range(0, len(data), chunk):
        tokens += parser.feed(data[start : start + chunk])
    return tokens


@pytest.mark.parametrize("chunk", [1, 3, 7, 1000])
def test_a_bracketed_paste_arrives_whole_and_in_order(chunk: int) -> None:
    inside = HACK + " \x1b[31mrood\x1b[0m"
    data = "x\x1b[200~" + inside + "\x1b[201~y"
    tokens = _parse(PasteParser(), data, chunk)
    assert [type(t).__name__ for t in tokens] == ["Key", "Paste", "Key"]
    first, paste, last = tokens
    assert isinstance(paste, events.Paste) and paste.text == inside
    assert isinstance(first, events.Key) and isinstance(last, events.Key)
    assert [first.character, last.character] == ["x", "y"]


def test_textual_alone_sends_the_end_of_such_a_paste_first_as_keys() -> None:
    """Why `PasteParser` exists; if Textual fixes this, the step in front may go."""
    tokens = _parse(XTermParser(), "\x1b[200~" + HACK + "\x1b[201~", 1000)
    assert isinstance(tokens[-1], events.Paste) and tokens[-1].text == "Markup … en "
    assert any(isinstance(t, events.Key) for t in tokens)


def test_keys_around_a_paste_are_still_keys() -> None:
    tokens = _parse(PasteParser(), "\x1b[A\x1b[200~\x1b[201~n\x1b[1;2C", 1)
    keys = [t.key for t in tokens if isinstance(t, events.Key)]
    assert keys == ["up", "n", "shift+right"]
    assert [t.text for t in tokens if isinstance(t, events.Paste)] == [""]


def test_the_board_installs_the_parser(tmp_path: Path) -> None:
    make_app(session_file(tmp_path, CARDS))
    assert pasting.installed()
    import textual._xterm_parser as parsing

    assert parsing.XTermParser is PasteParser


# --- the editor ---------------------------------------------------------------------------


def _hint(app: BoardApp) -> str:
    """The editor's keys (the hint line) and what it says of the text (the field's border)."""
    keys = str(app.editor.query_one(".hint", Static).render())
    return keys + " · " + str(_field(app).border_subtitle)


def _field(app: BoardApp) -> CardInput:
    return app.editor.query_one(CardInput)


async def test_the_editor_counts_down_what_is_left(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.editor.is_open
        assert f"nog {MAX_CARD_TEXT} tekens" in _hint(app)
        await pilot.press(*"Een kaart")
        assert "nog 491 tekens" in _hint(app)
        await pilot.press("backspace")
        assert "nog 492 tekens" in _hint(app)
        _field(app).text = "x" * (MAX_CARD_TEXT - 1)
        await pilot.pause()
        assert "nog 1 teken" in _hint(app) and "tekens" not in _hint(app).split("·")[-1]


async def test_a_long_paste_keeps_what_fits_and_says_so(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    long = " ".join(f"woord{n:04}" for n in range(200))  # 2,000 characters less one
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Begin: ")
        app.post_message(events.Paste(long))
        await pilot.pause()
        value = _field(app).value
        assert len(value) == MAX_CARD_TEXT
        assert value == ("Begin: " + long)[:MAX_CARD_TEXT]
        assert "ingekort tot 500 tekens" in _hint(app)
        await pilot.press("z")  # typing past the end: nothing goes in, and it says so
        assert _field(app).value == value and "ingekort tot 500 tekens" in _hint(app)
        await pilot.press("backspace")
        assert "nog 1 teken" in _hint(app)
        await pilot.press("enter")
        saved = [c.text for c in app.board.session.cards if c.theme == "rollen"]
        assert ("Begin: " + long)[: MAX_CARD_TEXT - 1].strip() in saved


async def test_a_paste_goes_in_cleaned_and_in_order(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"Voor: ")
        app.post_message(events.Paste(HACK + "\nregel twee \x1b[31mrood\x1b[0m"))
        await pilot.pause()
        assert _field(app).value == "Voor: Markup … en einde\nregel twee rood"
        await pilot.press(*" na", "enter")
        assert current(app).text == "Voor: Markup … en einde\nregel twee rood na"


# --- line breaks ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["ctrl+j", "alt+enter"])
async def test_the_newline_key_starts_a_line_and_enter_saves(tmp_path: Path, key: str) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "ctrl+j: nieuwe regel" in _hint(app)
        top = app.editor.region.y
        await pilot.press(*"Eerste regel", key, *"tweede")
        assert _field(app).text == "Eerste regel\ntweede"
        assert "nog 481 tekens" in _hint(app), "a line break counts as one character"
        await pilot.pause()
        assert _field(app).size.height == 2 and app.editor.region.y == top - 1, "it grows up"
        await pilot.press("enter")
        assert not app.editor.is_open
        assert current(app).text == "Eerste regel\ntweede"
        app.board.save()
        saved = load_session(local(app).path).card(current(app).id)
        assert saved is not None and saved.text == "Eerste regel\ntweede"


async def test_the_field_grows_to_four_rows_and_no_further(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        for word in ("een", "twee", "drie", "vier", "vijf", "zes"):
            await pilot.press(*word, "ctrl+j")
        await pilot.pause()
        assert _field(app).size.height == 4
        assert app.editor.region.bottom == 22, "it stays above the status line"


async def test_a_pasted_text_keeps_its_lines_as_lf(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.post_message(events.Paste("een\r\ntwee\rdrie\n\x07vier\x1b[1m!"))
        await pilot.pause()
        assert _field(app).text == "een\ntwee\ndrie\n vier!"
        await pilot.press("enter")
        assert current(app).text == "een\ntwee\ndrie\nvier!"


def _keys(parser: XTermParser, data: str) -> list[str]:
    """The keys `parser` reads from `data`, typed one character at a time, then the end."""
    tokens = _parse(parser, data, 1) + list(parser.feed(""))
    return [t.key for t in tokens if isinstance(t, events.Key)]


def test_alt_enter_is_told_apart_from_enter() -> None:
    """A terminal sends alt+enter as ESC CR; Textual alone would read a plain Enter."""
    assert _keys(PasteParser(), "\x1b\r") == ["alt+enter"]
    assert _keys(PasteParser(), "x\r\n\x1b\ry") == ["x", "enter", "ctrl+j", "alt+enter", "y"]
    assert _keys(PasteParser(), "\x1b[200~a\x1b\rb\x1b[201~\r") == ["enter"], "not in a paste"
    assert _keys(XTermParser(), "\x1b\r") == ["enter"]


async def test_a_paste_of_nothing_visible_says_so(tmp_path: Path) -> None:
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.post_message(events.Paste("\x1b]0;titel\x07\u200b"))
        await pilot.pause()
        assert _field(app).value == ""
        assert "niets geplakt" in _hint(app)


async def test_english_editor_texts(tmp_path: Path) -> None:
    from tui_board.core.i18n import set_language

    set_language("en")
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert "500 characters left" in _hint(app)
        app.post_message(events.Paste("y" * 2000))
        await pilot.pause()
        assert "cut to 500 characters" in _hint(app)


# --- refusing before typing ------------------------------------------------------------


def _board(tmp_path: Path, phase: str, role: Role) -> BoardApp:
    """A board for Anna (with `role`) in `phase`; Bram wrote a card in 'leren'."""
    path = session_file(tmp_path, {"leren": ["Casus samen nabespreken"]}, phase=phase)
    session = load_session(path)
    people = (
        Participant(id="anna", name="Anna", organisation="Zorg", role=role),
        Participant(id="bram", name="Bram", organisation="School", role=Role.PARTICIPANT),
    )
    cards = tuple(c.model_copy(update={"author": "bram"}) for c in session.cards)
    session = session.model_copy(
        update={"participants": session.participants + people, "cards": cards}
    )
    save_session(session, path)
    board = LocalBoard(session, path, "Anna")
    board.actor = Actor("anna", role)
    return BoardApp(board)


def _notes(app: BoardApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_n_in_a_closed_phase_opens_nothing_and_says_when(tmp_path: Path) -> None:
    app = _board(tmp_path, "delen", Role.PARTICIPANT)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.check_action("new_card", ()) is True, "the key stays: pressing it says why"
        await pilot.press("n")
        assert not app.editor.is_open
        assert "Kaarten toevoegen kan pas in de fase Verzamelen." in _notes(app)
        await pilot.press(*"abc")
        assert not app.board.session.cards[1:], "nothing typed went anywhere"


async def test_n_opens_the_editor_in_verzamelen(tmp_path: Path) -> None:
    app = _board(tmp_path, "verzamelen", Role.PARTICIPANT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.editor.is_open
        await pilot.press(*"Mijn kaart", "enter")
        assert "Mijn kaart" in [c.text for c in app.board.session.cards]


async def test_e_refuses_before_the_editor_opens(tmp_path: Path) -> None:
    app = _board(tmp_path, "ordenen", Role.PARTICIPANT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "e")
        assert not app.editor.is_open
        # No later phase allows it: the rules point to the first that does.
        assert "Kaarten wijzigen kan pas in de fase Verzamelen." in _notes(app)
    app = _board(tmp_path, "delen", Role.PARTICIPANT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "e")  # Bram's card: the phase allows it, the card not
        assert not app.editor.is_open
        assert "Je kunt alleen je eigen kaarten wijzigen." in _notes(app)


async def test_the_facilitator_is_never_held_back_by_the_phase(tmp_path: Path) -> None:
    app = _board(tmp_path, "afsluiten", Role.FACILITATOR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.editor.is_open


async def test_an_observer_is_not_offered_n_or_e(tmp_path: Path) -> None:
    app = _board(tmp_path, "verzamelen", Role.OBSERVER)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.check_action("new_card", ()) is False
        assert app.check_action("edit_card", ()) is False
        await pilot.press("n", "e")
        assert not app.editor.is_open


def test_allowed_answers_as_apply_does(tmp_path: Path) -> None:
    session = load_session(session_file(tmp_path, phase="delen"))
    anna = Participant(id="anna", name="Anna", role=Role.PARTICIPANT)
    session = session.model_copy(update={"participants": (*session.participants, anna)})
    actor = Actor("anna", Role.PARTICIPANT)
    assert allowed(session, actor, AddCard) == Refused(
        "refused.phase.add_card", {"phase": "Verzamelen"}
    )
    assert allowed(session, actor, EditCard) is None
    assert allowed(session, actor, SetPhase) == Refused("refused.facilitator_only")
    assert allowed(session, Actor("olga", Role.OBSERVER), AddCard) == Refused("refused.observer")
    assert allowed(session, Actor("zoe", Role.PARTICIPANT), AddCard) == Refused(
        "refused.not_at_table"
    )


# --- hints on empty columns --------------------------------------------------------------


@pytest.mark.parametrize(
    ("phase", "role", "hint"),
    [
        ("verzamelen", Role.PARTICIPANT, "Druk op n om er een toe te voegen."),
        ("opening", Role.PARTICIPANT, "Kaarten toevoegen kan in de fase Verzamelen."),
        ("prioriteren", Role.PARTICIPANT, "Kaarten toevoegen kan in de fase Verzamelen."),
        ("prioriteren", Role.FACILITATOR, "Druk op n om er een toe te voegen."),
        ("verzamelen", Role.OBSERVER, "Nog geen kaarten."),
    ],
)
async def test_empty_columns_say_only_what_this_person_can_do_now(
    tmp_path: Path, phase: str, role: Role, hint: str
) -> None:
    app = _board(tmp_path, phase, role)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app.columns[0].cards).split())
        assert hint in shown
        if hint == "Nog geen kaarten.":
            assert "Druk op n" not in shown and "toevoegen" not in shown


async def test_the_hint_follows_the_phase(tmp_path: Path) -> None:
    app = _board(tmp_path, "opening", Role.PARTICIPANT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "kan in de fase Verzamelen" in " ".join(screen_text(app.columns[0].cards).split())
        local(app).session = app.board.session.model_copy(update={"phase": "verzamelen"})
        app.refresh_room()
        await pilot.pause()
        assert "Druk op n" in " ".join(screen_text(app.columns[0].cards).split())


def _bar(app: BoardApp) -> str:
    return str(app.query_one("#keybar").render())


async def test_the_key_bar_offers_n_and_e_only_when_the_phase_allows_them(
    tmp_path: Path,
) -> None:
    app = _board(tmp_path, "opening", Role.PARTICIPANT)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert " n  nieuw " not in _bar(app) and " e  wijzig " not in _bar(app)
        await pilot.press("n")  # still says why, at once
        assert "Kaarten toevoegen kan pas in de fase Verzamelen." in _notes(app)
        local(app).session = app.board.session.model_copy(update={"phase": "verzamelen"})
        app.refresh_room()
        await pilot.pause()
        assert " n  nieuw " in _bar(app) and " e  wijzig " in _bar(app)


# --- a paste into any field of the board ------------------------------------------------


async def test_a_paste_into_another_field_is_cleaned_and_cut_with_a_word(tmp_path: Path) -> None:
    from tui_board.tui.screens.dialogs import TimerAsk

    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TimerAsk)
        field = app.screen.query_one(Input)
        field.value = ""
        app.post_message(events.Paste("\x1b[31m12\x1b[0m"))
        await pilot.pause()
        assert field.value == "12"
        field.value = ""
        app.post_message(events.Paste("12345"))  # the minutes take at most 3 digits
        await pilot.pause()
        assert field.value == "123"
        assert "Geplakte tekst ingekort tot 3 tekens." in _notes(app)


async def test_keys_typed_as_the_editor_opens_land_after_the_text(tmp_path: Path) -> None:
    """The editor takes the keyboard at once and selects nothing: what is typed as soon
    as it shows goes after the card's text (not on the board, not over a selection)."""
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = app.current_card()
        assert before is not None
        await pilot.press("e")
        for character in " herzien":  # at once, as tmux sends them
            app.post_message(events.Key("space" if character == " " else character, character))
        await pilot.pause()
        assert _field(app).value == before.text + " herzien"


async def test_enter_closes_the_editor_and_what_follows_stays_out_of_it(tmp_path: Path) -> None:
    """Enter hands the text to the board (`CardEditor.Done`), which adds the card and hides
    the editor; a key typed in the same burst, before the board took the text, does not go
    into the closed field."""
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        count = len(app.board.session.cards)
        await pilot.press("n")
        for key, character in [("e", "e"), ("e", "e"), ("n", "n"), ("enter", "\r"), ("x", "x")]:
            app.post_message(events.Key(key, character))  # at once, as tmux sends them
        await pilot.pause()
        texts = [card.text for card in app.board.session.cards]
        assert len(texts) == count + 1 and texts[-1] == "een", texts
        assert not editor_open(app) and not app.editor.visible, "closed and hidden"
        assert _field(app).value == "een", "the x typed after Enter did not go in"


async def test_the_editor_redraws_the_rows_it_covers_not_the_whole_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the editor, typing, Escape and Enter redraw the editor's rows (and what
    changed: the key bar, the status line, the own card's column), never the top of the
    board or the other columns. An editor taken out of the layout when it closes (`display`)
    renumbered every widget's drawing order, so that each of those redrew the whole screen,
    every cell sent again over SSH."""
    drawn = record_drawn(monkeypatch)
    app = make_app(session_file(tmp_path, CARDS))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        top = app.query_one("#topbar").region
        others = [column.region for column in app.columns[1:]]
        drawn.clear()  # the board's first frames
        editor_top = 0
        for keys in (["n"], list("een"), ["escape"], ["n", *"twee"], ["enter"]):
            await pilot.press(*keys)
            await pilot.pause()
            if app.editor.visible:
                editor_top = app.editor.region.y
            assert editor_top > top.bottom, "the editor covers the bottom of the board"
            above = [r.intersection(Region(0, 0, app.size.width, editor_top)) for r in others]
            touched = [region for region in drawn if region.overlaps(top)]
            touched += [region for region in drawn for a in above if region.overlaps(a)]
            assert not touched, f"{keys}: drew {touched} outside the editor"
            drawn.clear()
        assert not app.editor.visible and app.current_card() is not None
        assert app.board.session.cards[-1].text == "twee"


async def test_no_full_collection_in_a_second_with_a_key(tmp_path: Path) -> None:
    """The board collects garbage in a quiet second: not within a second of a key, even when
    nothing else happened (others' cards wait while the person types), so no collection of
    15-40 ms comes between two keys; a second without keys collects."""
    app = make_app(session_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        before = time.monotonic()
        await pilot.press("n", "a")
        assert app.editor.is_open and app.idle.key_at >= before, "a key is noted"
        gc.disable()  # no young collection of Python's own may make the second busy
        try:
            app.idle._gc_seen = gc.get_stats()[0]["collections"]
            app.idle._gc_due = True
            app.idle.key_at = time.monotonic()
            app.idle.tick()
            assert app.idle._gc_due, "no full collection a moment after a key"
            app.idle.key_at -= 1.0
            app.idle.tick()
            assert not app.idle._gc_due, "a quiet second collects"
        finally:
            gc.enable()


def test_the_board_counts_what_it_freezes() -> None:
    """The board counts the objects it freezes instead of asking `gc.get_freeze_count()`
    (which walks every frozen object, ~30 ms in a board forked over SSH): the count is
    the same, to the few objects of the counting itself."""
    gc.disable()
    try:
        made = [[n] for n in range(1000)]  # young objects the collector tracks
        before = gc.get_freeze_count()
        counted = freeze()
        assert abs(counted - (gc.get_freeze_count() - before)) <= 10
        assert counted >= len(made)
    finally:
        gc.unfreeze()
        gc.enable()
