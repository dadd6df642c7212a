"""Text cannot pretend: bidi controls and zero-width characters never reach a card, a name,
a title or a file, and wide characters never push a column's border out of its place.

The rules remove them from every text an op carries (typed on the board or received by the
relay), a session file loses them when it loads, and the board wraps text by terminal
cells. A zero-width joiner inside an emoji sequence (👩‍💻) is part of the emoji and stays.
"""

from __future__ import annotations

import re
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from boardkit import SIZES, make_app
from boardkit import screen_text as list_text
from boardkit import session_file as board_file
from factories import ANNA, BRAM, FACILITATOR, NOW, PEOPLE, card, make_session
from hypothesis import given, settings
from hypothesis import strategies as st
from relaykit import close_all, facilitator, join, running_relay
from rich.cells import cell_len, split_graphemes

from tui_board.core import i18n
from tui_board.core.instruments import NORM_IDS
from tui_board.core.model import Review, Session
from tui_board.core.ops import (
    Actor,
    AddCard,
    AnswerOp,
    CardPut,
    CheckPrinciple,
    ClusterSuggested,
    DraftAgreement,
    EditCard,
    Evaluate,
    GroupCards,
    Join,
    Op,
    ParticipantPut,
    RenameCluster,
    ReviewOp,
    SetSpelregels,
    StartEvaluation,
    StartRound,
    SuggestCluster,
)
from tui_board.core.rules import Applied, apply
from tui_board.core.text import clean_line, clean_text, strip_invisible
from tui_board.files.store import FileProblem, load_session, save_session
from tui_board.files.templates import find_template, new_session
from tui_board.live.protocol import Event
from tui_board.tui.app import BoardApp
from tui_board.tui.widgets.cardlist import wrap_cells

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x61C)]
"""Embeddings, overrides, isolates, their ends, LRM, RLM and ALM."""
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e", "\u00ad"]
"""Zero-width space, non-joiner, joiner (outside an emoji), word joiner, BOM, Mongolian
vowel separator, soft hyphen."""
FORMAT = [chr(c) for c in (*range(0x2061, 0x2065), *range(0x206A, 0x2070))]
"""Invisible operators and the deprecated format characters."""
INVISIBLE = BIDI + ZERO_WIDTH + FORMAT
ZWJ = "\u200d"

EMOJI_SEQUENCES = [
    "👩\u200d💻",  # woman technologist
    "👨\u200d👩\u200d👧",  # family
    "❤\ufe0f\u200d🔥",  # heart on fire: the joiner follows a variation selector
    "🧑🏽\u200d💻",  # with a skin tone
    "🏃\u200d♀\ufe0f",  # woman running: a pictograph from the BMP after the joiner
]


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


def name(char: str) -> str:
    return f"U+{ord(char):04X}"


def dirty(text: str, char: str) -> str:
    """`text` with `char` before, inside and after it."""
    middle = len(text) // 2
    return f"{char}{text[:middle]}{char}{char}{text[middle:]}{char}"


def ok(session: Session, op: Op, actor: Actor = FACILITATOR) -> Applied:
    outcome = apply(session, op, actor, NOW)
    assert isinstance(outcome, Applied), f"{op!r}: {outcome!r}"
    return outcome


# --- the rules --------------------------------------------------------------------------


def every_field(char: str) -> tuple[Session, dict[str, str]]:
    """Every kind of text an op carries, each with `char` put in, through the rules; what
    the session (or the change) holds afterwards, by field."""
    session = make_session().model_copy(
        update={"terugblik": (Review(id="oud-1", what="Eerder afgesproken"),)}
    )
    zoe = Actor("zoe", ANNA.role)
    ops: list[tuple[Op, Actor]] = [
        (Join(name=dirty("Zoë", char), organisation=dirty("GGD", char)), zoe),
        (AddCard(card_id="n1", theme="rollen", text=dirty("Nieuw", char)), ANNA),
        (AddCard(card_id="n2", theme="rollen", text="Twee"), ANNA),
        (EditCard(card_id="n2", text=dirty("Gewijzigd", char)), ANNA),
        (GroupCards(cluster_id="c1", title=dirty("Groep", char), cards=("a1", "b1")), FACILITATOR),
        (GroupCards(cluster_id="c2", title="Tweede", cards=("a2", "r1")), FACILITATOR),
        (RenameCluster(cluster_id="c2", title=dirty("Hernoemd", char)), FACILITATOR),
        (SetSpelregels(spelregels=(dirty("Regel", char),)), FACILITATOR),
        (
            DraftAgreement(
                agreement_id="two-1",
                what=dirty("Afspraak", char),
                why=dirty("Waarom", char),
                owners=(dirty("Gemeente", char),),
            ),
            FACILITATOR,
        ),
        (StartRound(agreement_id="two-1"), FACILITATOR),
        (AnswerOp(agreement_id="two-1", kind="bedenking", text=dirty("Zorg", char)), ANNA),
        (StartEvaluation(), FACILITATOR),
        (Evaluate(scores=dict.fromkeys(NORM_IDS, 4), line=dirty("Meenemen", char)), ANNA),
        (CheckPrinciple(number=1, answer="ja", note=dirty("Notitie", char)), FACILITATOR),
        (ReviewOp(review_id="oud-1", verdict="werkt", note=dirty("Ervaring", char)), FACILITATOR),
    ]
    for op, actor in ops:
        session = ok(session, op, actor).session
    suggested = ok(session, SuggestCluster(title=dirty("Voorstel", char), cards=("b2", "n1")), BRAM)
    [suggestion] = [c for c in suggested.changes if isinstance(c, ClusterSuggested)]

    person = session.participant("zoe")
    cards = {c.id: c.text for c in session.cards}
    agreement = session.agreement("two-1")
    assert person is not None and agreement is not None and session.evaluation is not None
    return session, {
        "name": person.name,
        "organisation": person.organisation,
        "card text (add)": cards["n1"],
        "card text (edit)": cards["n2"],
        "cluster title (group)": session.clusters[0].title,
        "cluster title (rename)": session.clusters[1].title,
        "cluster title (suggest)": suggestion.title,
        "spelregel": session.spelregels[0],
        "agreement what": agreement.what,
        "agreement why": agreement.why,
        "agreement owner": agreement.owners[0],
        "concern": agreement.answers[0].text,
        "evaluation line": session.evaluation.lines[0],
        "principle note": session.principles[0].note,
        "review note": session.terugblik[0].note,
    }


EXPECTED = {
    "name": "Zoë",
    "organisation": "GGD",
    "card text (add)": "Nieuw",
    "card text (edit)": "Gewijzigd",
    "cluster title (group)": "Groep",
    "cluster title (rename)": "Hernoemd",
    "cluster title (suggest)": "Voorstel",
    "spelregel": "Regel",
    "agreement what": "Afspraak",
    "agreement why": "Waarom",
    "agreement owner": "Gemeente",
    "concern": "Zorg",
    "evaluation line": "Meenemen",
    "principle note": "Notitie",
    "review note": "Ervaring",
}


@pytest.mark.parametrize("char", INVISIBLE, ids=name)
def test_the_rules_remove_the_character_from_every_kind_of_text(char: str) -> None:
    _, fields = every_field(char)
    assert fields == EXPECTED


@pytest.mark.parametrize("sequence", EMOJI_SEQUENCES)
def test_a_joiner_inside_an_emoji_sequence_stays(sequence: str) -> None:
    text = f"Samen {sequence} aan het werk"
    session = ok(make_session(), AddCard(card_id="n1", theme="rollen", text=text)).session
    card = session.card("n1")
    assert card is not None and card.text == text
    joined = ok(make_session(), Join(name=f"Noor {sequence}"), Actor("zoe", ANNA.role)).session
    person = joined.participant("zoe")
    assert person is not None and person.name == f"Noor {sequence}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ze\u200dker", "zeker"),  # between letters
        ("👩\u200dx", "👩x"),  # an emoji, then a letter
        ("x\u200d💻", "x💻"),  # a letter, then an emoji
        ("\u200d👩", "👩"),  # at the start
        ("👩\u200d", "👩"),  # at the end
        ("👩\u200d\u200d💻", "👩💻"),  # doubled: neither stands between two emoji
        ("👩 \u200d💻", "👩 💻"),  # after a space
        ("👩\u200b\u200d💻", "👩\u200d💻"),  # other invisibles go first, the sequence stays
        ("a\u202eb\u202cc", "abc"),
        ("a \u200b b", "a b"),  # no double space left behind
        ("regel\u2028regel\u2029", "regel regel"),  # line separators are line breaks
    ],
)
def test_a_joiner_outside_an_emoji_sequence_goes(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_a_cut_name_does_not_end_in_half_an_emoji_sequence() -> None:
    # Cut to 100 characters right after the joiner: the lone joiner goes as well.
    text = "x" * 98 + "👩\u200d💻"
    assert clean_line(text, 100) == "x" * 98 + "👩"
    person = ok(make_session(), Join(name=text), Actor("zoe", ANNA.role)).session.participant("zoe")
    assert person is not None and person.name == "x" * 98 + "👩"


# --- any text -----------------------------------------------------------------------------

PICTOGRAPHS = "👩💻👨👧❤🔥🏽🎉♀"
TRICKY = st.text(
    alphabet=st.sampled_from(
        [*INVISIBLE, *PICTOGRAPHS, "\ufe0f", "a", "é", "漢", " ", "\u00a0", "\x1b", "\n", "\x9b"]
    ),
    max_size=40,
)


def joiners_are_inside_emoji(text: str) -> bool:
    for at, char in enumerate(text):
        if char != ZWJ:
            continue
        before = text[at - 1] if at > 0 else ""
        if before == "\ufe0f" and at > 1:
            before = text[at - 2]
        after = text[at + 1] if at + 1 < len(text) else ""
        if before not in PICTOGRAPHS or after not in PICTOGRAPHS:
            return False
    return True


@given(st.one_of(TRICKY, st.text(max_size=40)), st.integers(min_value=1, max_value=50))
def test_cleaned_text_holds_no_invisible_character_and_cleaning_twice_changes_nothing(
    text: str, limit: int
) -> None:
    line = clean_line(text, limit)
    for cleaned in (clean_text(text), line):
        left = [name(c) for c in cleaned if c in INVISIBLE and c != ZWJ]
        assert left == [], f"{text!r} -> {cleaned!r}"
        assert joiners_are_inside_emoji(cleaned), f"{text!r} -> {cleaned!r}"
        assert clean_text(cleaned) == cleaned
    assert clean_line(line, limit) == line and len(line) <= limit


# --- the relay ----------------------------------------------------------------------------


def strings(data: Any) -> Iterator[str]:
    """Every string value in nested data."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from strings(value)


async def test_the_relay_passes_on_and_saves_only_clean_text(tmp_path: Path) -> None:
    async with running_relay(tmp_path) as live:
        ria = await facilitator(live.url)
        noor = await join(live.url, name="No\u202eor", organisation="G\u200bGD")
        assert noor.you.name == "Noor" and noor.you.organisation == "GGD"
        sent = "Wie \u202ebetaalt\u202c de \u2066regie\u2069? 👩\u200d💻"
        ack = await noor.add_card(theme="doelen", text=sent)
        event = await ria.event(ack.seq)
        assert isinstance(event, Event)
        [put] = [c for c in event.changes if isinstance(c, CardPut)]
        assert put.card.text == "Wie betaalt de regie? 👩\u200d💻", "what another board hears"
        seated = [c for e in ria.events() for c in e.changes if isinstance(c, ParticipantPut)]
        assert "Noor" in [p.participant.name for p in seated]
        # The raw frames another client reads carry none of it either (nor as an escape).
        later = await join(live.url, name="Bram")
        assert later.welcome is not None and later.welcome.snapshot is not None
        snapshot = later.welcome.snapshot.model_dump(mode="json")
        bad = [s for s in strings(snapshot) if any(c in s for c in INVISIBLE if c != ZWJ)]
        assert bad == []
        await close_all(ria, noor, later)
    saved = live.path.read_text(encoding="utf-8")
    assert "\u202e" not in saved and "\\u202e" not in saved.lower() and "\u200b" not in saved
    loaded = load_session(live.path)
    assert "Wie betaalt de regie? 👩\u200d💻" in [c.text for c in loaded.cards]
    assert "Noor" in [p.name for p in loaded.participants]


# --- a session file -------------------------------------------------------------------------

MARK = "@@"


def marked_session() -> Session:
    """A session with MARK inside every text a person writes or a file may hold."""
    session = make_session()
    ops: list[tuple[Op, Actor]] = [
        (Join(name="Zoë", organisation="GGD"), Actor("zoe", ANNA.role)),
        (GroupCards(cluster_id="c1", title="Groep", cards=("a1", "b1")), FACILITATOR),
        (
            DraftAgreement(agreement_id="two-1", what="Afspraak", why="Waarom", owners=("GGD",)),
            FACILITATOR,
        ),
        (StartRound(agreement_id="two-1"), FACILITATOR),
        (AnswerOp(agreement_id="two-1", kind="bedenking", text="Zorg"), ANNA),
    ]
    for op, actor in ops:
        session = ok(session, op, actor).session
    data = session.model_dump(by_alias=True)

    def mark(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: mark(v, k) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [mark(v, key) for v in value]
        prose = key in {"title", "place", "question", "name", "organisation", "text", "what"}
        lists = key in {"why", "owners", "spelregels", "questions"}
        if isinstance(value, str) and value and (prose or lists):
            return value[:1] + MARK + value[1:]
        return value

    return Session.model_validate(mark(data))


def test_a_hand_edited_file_loses_the_characters_when_it_loads(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    save_session(marked_session(), path)
    toml = path.read_text(encoding="utf-8")
    places = toml.count(MARK)
    assert places >= 20, "every kind of text is in the file"
    # Edited by hand: each mark becomes invisible characters, as they are or escaped.
    parts = toml.split(MARK)
    edits = ["\u202e\u200b", "\\u202E\\u2066", "\u2069\ufeff\u00ad", "\\u200F\\u061C\\u200D"]
    toml = parts[0] + "".join(edits[n % len(edits)] + part for n, part in enumerate(parts[1:]))
    toml = toml.replace('text = "K', 'text = "K👩\u200d💻 ', 1)  # an emoji stays whole
    path.write_text(toml, encoding="utf-8")

    loaded = load_session(path)
    texts = list(strings(loaded.model_dump(by_alias=True)))
    assert [s for s in texts if any(c in s for c in INVISIBLE if c != ZWJ)] == []
    assert [s for s in texts if not joiners_are_inside_emoji(s)] == []
    person = loaded.participant("zoe")
    agreement = loaded.agreement("two-1")
    assert person is not None and agreement is not None
    assert (loaded.session.title, loaded.session.place) == ("Testsessie", "Tiel")
    assert (person.name, person.organisation) == ("Zoë", "GGD")
    assert [th.title for th in loaded.themes] == ["Rollen", "Samen leren", "Doelen"]
    assert loaded.themes[0].question == "Wie doet wat?"
    assert loaded.clusters[0].title == "Groep"
    assert (agreement.what, agreement.why, agreement.owners) == ("Afspraak", "Waarom", ("GGD",))
    assert agreement.answers[0].text == "Zorg"
    assert loaded.spelregels == make_session().spelregels
    assert loaded.questions == make_session().questions
    assert "K👩\u200d💻 aart a1" in [c.text for c in loaded.cards]
    # Saved again, the file is clean: the next diff shows what the edit took out.
    save_session(loaded, path)
    again = path.read_text(encoding="utf-8")
    assert "\u202e" not in again and "\\u" not in again and "👩\u200d💻" in again


@settings(max_examples=60, deadline=None)
@given(st.lists(TRICKY.filter(lambda t: strip_invisible(t).strip()), min_size=1, max_size=4))
def test_any_text_in_a_file_loads_without_invisible_characters(texts: list[str]) -> None:
    cards = [card(f"x{n}", "rollen", n, text=text) for n, text in enumerate(texts)]
    people = (PEOPLE[0].model_copy(update={"name": texts[0], "organisation": texts[-1]}),)
    session = make_session(cards=cards, participants=(*people, *PEOPLE[1:]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessie.toml"
        save_session(session, path)
        loaded = load_session(path)
        assert [c.text for c in loaded.cards] == [strip_invisible(t) for t in texts]
        ria = loaded.participant("ria")
        assert ria is not None
        assert (ria.name, ria.organisation) == (
            strip_invisible(texts[0]),
            strip_invisible(texts[-1]),
        )
        save_session(loaded, path)
        assert load_session(path) == loaded, "a second load changes nothing"


def test_a_text_of_nothing_but_invisible_characters_is_a_clear_file_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sessie.toml"
    save_session(make_session(), path)
    toml = path.read_text(encoding="utf-8")
    assert toml.count('text = "Kaart a1"') == 1
    path.write_text(toml.replace('text = "Kaart a1"', 'text = "\\u202E\\u200B"'), "utf-8")
    before = path.read_bytes()
    with pytest.raises(FileProblem) as problem:
        load_session(path)
    line = next(n for n, ln in enumerate(toml.splitlines(), 1) if ln == 'text = "Kaart a1"')
    assert problem.value.line == line and "text" in problem.value.what
    assert path.read_bytes() == before


def test_a_new_session_cleans_its_title_and_the_facilitator(tmp_path: Path) -> None:
    session = new_session(
        find_template("rivierenland"),
        title="Rivieren\u202eland",
        date=NOW.date(),
        place="Ti\u200bel",
        facilitator="Ma\u2067rieke",
        organisation="\ufeffGemeente",
    )
    facilitator_seat = session.participants[0]
    assert (session.session.title, session.session.place) == ("Rivierenland", "Tiel")
    assert (facilitator_seat.name, facilitator_seat.organisation) == ("Marieke", "Gemeente")


# --- the board ----------------------------------------------------------------------------

CJK = "漢字かな交じり文の長いカード" * 3
EMOJI = "Samen 👩\u200d💻 aan de slag " + "🎉" * 30 + " 👨\u200d👩\u200d👧"
WIDE_CARDS = {
    "rollen": [CJK, "Kort 漢字"],
    "leren": [EMOJI, "🎉 feest"],
    "vertrouwen": ["漢" * 70],
}
WIDE_TITLE = "協働 👩\u200d💻 " + "🎉" * 12 + " rollen"


def wide_board(folder: Path) -> BoardApp:
    path = board_file(folder, WIDE_CARDS)
    session = load_session(path)
    first = session.themes[0].model_copy(update={"title": WIDE_TITLE})
    save_session(session.model_copy(update={"themes": (first, *session.themes[1:])}), path)
    return make_app(path)


def screen_lines(app: BoardApp) -> list[str]:
    """What the terminal shows now, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def border_cells(line: str) -> tuple[int, ...]:
    """The cells where a column border (▕) stands on `line`."""
    spans, _ = split_graphemes(line)
    cells: list[int] = []
    at = 0
    for start, end, width in spans:
        if line[start:end] == "▕":
            cells.append(at)
        at += width
    return tuple(cells)


def compact(text: str) -> str:
    return re.sub(r"[\s▶┃│┆✓]", "", text)


def check_screen(app: BoardApp, size: tuple[int, int]) -> None:
    lines = screen_lines(app)
    assert len(lines) == size[1]
    assert [cell_len(line) for line in lines] == [size[0]] * size[1], "\n".join(lines)
    borders = [border_cells(line) for line in lines if "▕" in line]
    assert len(borders) >= size[1] // 2, "the columns fill the screen"
    assert len(set(borders)) == 1, "every border stays in its column:\n" + "\n".join(lines)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_wide_characters_never_move_a_border_or_lose_text(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = wide_board(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for index, column in enumerate(app.columns):
            if index:
                await pilot.press("right")
            await pilot.pause()
            assert app.active == index
            for number, card in enumerate(column.cards.cards):
                if number:
                    await pilot.press("down")
                    await pilot.pause()
                check_screen(app, size)
                shown = compact(list_text(column.cards))
                assert compact(card.text) in shown, f"all of {card.text!r} shows:\n{shown}"
        # The wide title wraps by cells: the header has room for it and the card count.
        await pilot.press("right")
        await pilot.pause()
        assert app.active == 0
        check_screen(app, size)
        first = "\n".join(line.split("▕")[0] for line in screen_lines(app) if "▕" in line)
        assert compact(WIDE_TITLE) in compact(first) and "2 kaarten" in first, first


# --- wrapping by cells --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [CJK, EMOJI, "漢" * 70, "a 漢字 b " * 9, "e\u0301" * 30 + "漢", "🎉 " * 20, WIDE_TITLE],
)
@pytest.mark.parametrize("width", [1, 2, 3, 4, 7, 20, 32])
def test_wrapped_lines_fit_in_cells_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    for line in lines:
        spans, cells = split_graphemes(line)
        assert cells <= width or len(spans) == 1, (line, width)  # one wide grapheme at least
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(seq in "".join(lines) for seq in EMOJI_SEQUENCES if seq in text)


@given(st.text(alphabet="abc é-", max_size=80), st.integers(min_value=1, max_value=30))
def test_text_of_one_cell_per_character_wraps_as_textwrap_does(text: str, width: int) -> None:
    assert wrap_cells(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)
