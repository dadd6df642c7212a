"""The `tussenruimte` command: new, validate, templates; clear messages, right exit codes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmuxkit import TUSSENRUIMTE

from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.files.store import load_session


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


def test_new_makes_a_valid_session_from_the_default_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sessie.toml"
    code = main(
        ["new", str(path), "--title", "Rivierenland", "--date", "2026-12-01", "--name", "Ria"]
    )
    assert code == 0
    session = load_session(path)
    assert session.session.title == "Rivierenland"
    assert str(session.session.date) == "2026-12-01"
    assert session.session.template == "rivierenland"
    assert [t.id for t in session.themes] == ["rollen", "leren", "vertrouwen", "doelen"]
    assert [(p.name, p.role.value) for p in session.participants] == [("Ria", "facilitator")]
    assert len(session.spelregels) == 7
    assert "Nieuwe sessie gemaakt" in capsys.readouterr().out


def test_new_with_another_template_and_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "schutting.toml"
    assert main(["new", str(path), "--template", "schutting"]) == 0
    assert [t.id for t in load_session(path).themes] == ["erkennen", "doorzichtig", "verruimen"]
    before = path.read_bytes()
    assert main(["new", str(path)]) == 1
    assert path.read_bytes() == before, "new never overwrites a file"
    assert "bestaat al" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "x.toml"), "--template", "bestaatniet"]) == 1
    err = capsys.readouterr().err
    assert "Er is geen sjabloon 'bestaatniet'" in err and "rivierenland" in err
    assert main(["new", str(tmp_path / "y.toml"), "--date", "26-11-2026"]) == 1
    assert "JJJJ-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists() and not (tmp_path / "y.toml").exists()


def test_validate_exit_codes_and_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "goed.toml"
    assert main(["new", str(good)]) == 0
    capsys.readouterr()
    assert main(["validate", str(good)]) == 0
    assert "is in orde: 0 kaarten in 4 thema's, 1 deelnemer." in capsys.readouterr().out
    bad = tmp_path / "kapot.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('id = "leren"', 'id = "rollen"'))
    assert main(["validate", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert "goed.toml is in orde" in captured.out
    assert "kapot.toml kan niet worden geopend" in captured.err
    assert "'rollen' komt twee keer voor in themes" in captured.err


def test_english_with_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.toml"
    assert main(["--lang", "en", "new", str(path)]) == 0
    assert "New session made" in capsys.readouterr().out
    assert main(["validate", str(path), "--lang", "en"]) == 0
    assert "is fine" in capsys.readouterr().out


def test_templates_lists_builtin_and_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / "buurt.toml").write_text(
        '[template]\nname = "buurt"\ntitle = "Buurtoverleg"\n\n'
        '[[themes]]\nid = "veilig"\ntitle = "Veilig in de buurt"\n',
        encoding="utf-8",
    )
    (own / "kapot.toml").write_text("[template\n", encoding="utf-8")
    monkeypatch.setenv("TUSSENRUIMTE_TEMPLATES", str(own))
    assert main(["templates"]) == 0
    captured = capsys.readouterr()
    for name in ("rivierenland", "schutting", "consensus", "buurt"):
        assert name in captured.out
    assert "Kapot sjabloon overgeslagen" in captured.err and "kapot.toml" in captured.err
    assert str(own) in captured.out
    path = tmp_path / "buurt-sessie.toml"
    assert main(["new", str(path), "--template", "buurt"]) == 0
    assert load_session(path).themes[0].title == "Veilig in de buurt"


def test_the_installed_command_speaks_dutch_on_a_wrong_call() -> None:
    result = subprocess.run([TUSSENRUIMTE, "nieuw"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "gebruik: tussenruimte" in result.stderr and "ongeldige keuze" in result.stderr
    assert "Traceback" not in result.stderr
    english = subprocess.run(
        [TUSSENRUIMTE, "--lang", "en", "validate"], capture_output=True, text=True, check=False
    )
    assert english.returncode == 2 and "usage: tussenruimte" in english.stderr
