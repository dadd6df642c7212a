"""Your own keys: a keymap file gives the board's actions other keys; the board, help, the
key bar, the projector and `tussenruimte keys` all show them as mapped; a bad file is
refused with its line and the board keeps its own keys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from boardkit import make_app, make_projector, screen_text, session_file

from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.tui import keymap
from tui_board.tui.keys import BY_ID, KEYS, defaults, display, use_keymap, written
from tui_board.tui.screens.dialogs import HelpScreen

FIVE = (
    "# Eigen toetsen\n"
    'new = "y"\n'
    'edit = "f2"\n'
    'column-right = "L"\n'
    'help = "f1,?"\n'
    'vote-up = ["ctrl+up", "+"]\n'
)


@pytest.fixture(autouse=True)
def _own_keys_reset() -> Iterator[None]:
    """Every test starts and ends with the board's own keys."""
    use_keymap({})
    yield
    use_keymap({})
    i18n.set_language("nl")


def _file(folder: Path, text: str) -> Path:
    path = folder / "keys.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _bar(app: object) -> str:
    return str(app.query_one("#keybar").render())  # type: ignore[attr-defined]


async def test_five_remapped_keys_work_on_the_board_in_help_and_the_key_bar(
    tmp_path: Path,
) -> None:
    mapped = keymap.prepare(_file(tmp_path, FIVE))
    assert mapped == {
        "new": "y",
        "edit": "f2",
        "column-right": "L",
        "help": "f1,question_mark",
        "vote-up": "ctrl+up,plus",
    }
    app = make_app(session_file(tmp_path, {"rollen": ["Wie heeft de regie"]}))
    async with app.run_test(size=(200, 50)) as pilot:
        # What the board says about a key says it as mapped.
        assert "Nog geen kaarten. Druk op y om" in screen_text(app.columns[1].cards)
        # The old key of a remapped action does nothing any more; the new one does it.
        await pilot.press("n")
        assert not app.editor.is_open
        await pilot.press("y")
        assert app.editor.is_open
        await pilot.press(*"Nieuwe kaart", "enter")
        assert len(app.board.session.cards) == 2
        await pilot.press("e")
        assert not app.editor.is_open
        await pilot.press("f2")
        assert app.editor.is_open
        await pilot.press("escape")
        start = app.active
        await pilot.press("l")
        assert app.active == start
        await pilot.press("L")
        assert app.active == start + 1
        # A key kept next to the new one still works.
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Esc of F1: sluiten" in help_text
        await pilot.press("f1")  # the key that opened help closes it
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        bound = {key: active.binding.id for key, active in app.active_bindings.items()}
        assert bound.get("ctrl+up") == "vote-up" and bound.get("plus") == "vote-up"
        assert "equals_sign" not in bound and "n" not in bound and "e" not in bound
        # Help writes every mapped key; the key bar the first of each.
        for ident in ("new", "edit", "column-right", "help", "vote-up"):
            assert display(BY_ID[ident]) in help_text, ident
        assert "F1 / ?" in help_text and "ctrl+↑ / +" in help_text
        bar = _bar(app)
        assert " y  nieuw " in bar and " n  nieuw " not in bar
        assert " F2  wijzig " in bar and " e  wijzig " not in bar


async def test_the_projector_shows_the_keys_as_mapped(tmp_path: Path) -> None:
    keymap.prepare(_file(tmp_path, 'quit = "Q"\nhelp = "f1"\n'))
    app = make_projector(session_file(tmp_path, {"rollen": ["Wie heeft de regie"]}))
    async with app.run_test(size=(200, 50)) as pilot:
        bar = _bar(app)
        assert " Q  stop " in bar and " q  stop " not in bar, bar
        assert " F1 " in bar and " ? " not in bar, bar
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_without_a_keymap_the_board_keeps_its_own_keys(tmp_path: Path) -> None:
    # The same file, but bad: the board says why and starts with its own keys.
    mapped = keymap.prepare(_file(tmp_path, FIVE + 'quit = "cmd+q"\n'))
    assert mapped == {}
    app = make_app(session_file(tmp_path, {"rollen": ["Wie heeft de regie"]}))
    async with app.run_test(size=(200, 50)) as pilot:
        assert " n  nieuw " in _bar(app)
        said = [n.message for n in app._notifications]
        assert any("Regel 7: cmd+q komt nooit aan" in m for m in said), said
        await pilot.press("y")
        assert not app.editor.is_open
        await pilot.press("n")
        assert app.editor.is_open


def test_written_is_the_one_answer_to_how_a_key_is_written_now() -> None:
    assert [written(i) for i in ("new", "help", "move-left", "spotlight-off")] == [
        "n",
        "?",
        "shift+←",
        "Esc",
    ]
    use_keymap({"new": "y,ctrl+n", "help": "f1", "spotlight-off": "backspace"})
    assert written("new") == "y" and written("new", every=True) == "y / ctrl+n"
    assert written("help") == "F1" and written("spotlight-off") == "Backspace"
    assert written("quit") == "q"


def test_the_user_file_is_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert keymap.default_path() == tmp_path / "tussenruimte" / "keys.toml"
    (tmp_path / "tussenruimte").mkdir()
    _file(tmp_path / "tussenruimte", 'new = "y"\n')
    assert keymap.prepare(None) == {"new": "y"}
    assert keymap.prepare(None, look_home=False) == {}  # an entrance's board: not the host's
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert keymap.default_path() == tmp_path / ".config" / "tussenruimte" / "keys.toml"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('# mijn toetsen\nnieuw = "y"\n', 2, "de actie nieuw bestaat niet"),
        ('new = "y"\n\nagree = "y"\n', 3, "de toets y van agree is al van new"),
        ('new = "a"\n', 1, "de toets a van new is al van agree"),
        ('new = "y"\nsave = "?"\n', 2, "de toets ? van save is al van help"),
        ('edit = "ctrl+shift+a"\n', 1, "ctrl+shift+a kan een terminal niet versturen"),
        ('edit = "shift+a"\n', 1, "shift+a kan een terminal niet versturen"),
        ('edit = "ctrl+1"\n', 1, "ctrl+1 kan een terminal niet versturen"),
        ('edit = "shift+enter"\n', 1, "shift+enter kan een terminal niet versturen"),
        ('\ndelete = "cmd+x"\n', 2, "cmd+x komt nooit aan: een terminal geeft de toets cmd"),
        ('delete = "super+d"\n', 1, "de toets super niet door"),
        ('group = "spatiebalk"\n', 1, "spatiebalk is geen toets"),
        ('group = "ctrl+c"\n', 1, "ctrl+c is al van de terminal"),
        ('group = ""\n', 1, "bij group staat geen toets"),
        ("group = 3\n", 1, "bij group hoort een toets als tekst"),
        ('new = "y"\nedit = "a\n', 2, "dit is geen geldige TOML"),
    ],
)
def test_a_bad_file_says_what_and_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, words: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(keymap.KeymapInvalid) as caught:
        keymap.load(path, defaults())
    message = caught.value.message()
    assert f"Het toetsenbestand {path} wordt niet gebruikt." in message
    assert f"Regel {line}: " in message and words in message, message
    assert "start met de gewone toetsen" in message
    # The board: the message on stderr before it opens, and its own keys.
    assert keymap.prepare(path) == {}
    assert capsys.readouterr().err.strip() == message
    # `keys --check` exits 1 with the same message.
    assert main(["keys", "--check", str(path)]) == 1
    assert capsys.readouterr().err.strip() == message


def test_every_problem_in_a_file_is_listed_in_line_order(tmp_path: Path) -> None:
    path = _file(tmp_path, 'delete = "cmd+x"\nnieuw = "y"\nnew = "y"\n')
    with pytest.raises(keymap.KeymapInvalid) as caught:
        keymap.load(path, defaults())
    assert [p.line for p in caught.value.problems] == [1, 2]


def test_keys_that_a_terminal_sends_are_accepted_and_named_as_textual_names_them() -> None:
    cases = {
        "a": "a",
        "A": "A",
        "?": "question_mark",
        "+": "plus",
        "<": "less_than_sign",
        "less_than_sign": "less_than_sign",
        "é": "é",
        "Ctrl+Up": "ctrl+up",
        "shift+ctrl+up": "ctrl+shift+up",
        "ctrl+n": "ctrl+n",
        "alt+x": "alt+x",
        "alt+X": "alt+shift+x",
        "shift+tab": "shift+tab",
        "F5": "f5",
        "pagedown": "pagedown",
        "question_mark": "question_mark",
    }
    assert {key: keymap.normalise(key) for key in cases} == cases


def test_keys_lists_every_action_with_its_default_mapped_key_and_meaning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "leeg"))
    assert main(["keys"]) == 0
    plain = capsys.readouterr().out.splitlines()
    assert plain[0].startswith("Gewone toetsen.") and plain[1].split() == [
        "actie",
        "standaard",
        "betekenis",
    ]
    assert len(plain) == len(KEYS) + 2
    assert plain[2 + [k.id for k in KEYS].index("mark")].split()[:2] == ["mark", "spatie"]
    path = _file(tmp_path, FIVE)
    assert main(["keys", "--keys", str(path)]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[2:]}
    assert rows["new"].split()[:3] == ["new", "n", "y"]
    assert "Nieuwe kaart in de gekozen kolom" in rows["new"]
    assert rows["vote-up"].split()[:6] == ["vote-up", "+", "/", "=", "ctrl+↑", "/"]
    assert rows["quit"].split()[:3] == ["quit", "q", "Opslaan"]
    assert main(["--lang", "en", "keys", "--keys", str(path)]) == 0
    english = capsys.readouterr().out.splitlines()
    assert english[0] == f"Your own keys from {path}." and "meaning" in english[1]
    assert main(["keys", "--check", str(path)]) == 0
    assert capsys.readouterr().out.strip() == (
        f"Het toetsenbestand {path} is goed: 5 acties hebben een eigen toets."
    )


def test_host_and_join_take_their_own_keys_in_real_terminals(tmp_path: Path) -> None:
    """The facilitator hosts with `--keys`; a participant joins with a bad file: the board
    says so, opens anyway and keeps its own keys."""
    from tmuxkit import hosted

    good = tmp_path / "goed.toml"
    good.write_text('new = "y"\nhelp = "f1"\n', encoding="utf-8")
    bad = tmp_path / "fout.toml"
    bad.write_text('help = "f1"\nedit = "cmd+e"\n', encoding="utf-8")
    with hosted(tmp_path, (120, 32), "--keys", str(good)) as session:
        host = session.host
        host.wait_for(" y  nieuw ")
        host.keys("n", "F1")  # n is no longer "new": F1 opens help, not an editor
        help_screen = host.wait_for("Hulp: alle toetsen")
        assert re.search(r"█  y +Nieuwe kaart", help_screen), help_screen
        host.keys("Escape")
        host.wait_gone("Hulp: alle toetsen")
        host.keys("y")
        host.wait_for("Nieuwe kaart in Rollen")
        host.type("Wie belt de familie")
        host.keys("Enter")
        anna = session.join("--name", "Anna", "--org", "GGD", "--keys", str(bad), size=(160, 40))
        anna.wait_for("wordt niet gebruikt")
        anna.wait_for("Regel 2: cmd+e komt nooit aan")
        anna.wait_for("Wie belt de familie")
        anna.wait_for(" ?  hulp ")
        anna.keys("?")
        anna.wait_for("Hulp: alle toetsen")


def test_the_examples_in_the_docs_are_good_files(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Eigen toetsen", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    assert keymap.parse(block, tmp_path / "README.md", defaults())["help"] == "f1,question_mark"
    docs = (root / "docs" / "accessibility.md").read_text(encoding="utf-8")
    section = docs.split("## Eigen toetsen", 1)[1].split("\n## ", 1)[0]
    for example in section.split("- **")[1:]:
        lines = re.findall(r"`([a-z-]+ = \"[^`]+\")`", example)
        assert len(lines) >= 3, example
        mapped = keymap.parse("\n".join(lines), tmp_path / "voorbeeld.toml", defaults())
        assert len(mapped) == len(lines)
