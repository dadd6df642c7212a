"""`tussenruimte report --all DIR`: the reports beside every session renewed, bad files
named and skipped; a report never goes over a session file."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_session

from tui_board.afterwards.report import render
from tui_board.cli.archive import markdown_report, stale_reports
from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.core.model import Meta
from tui_board.files.store import load_session, save_session


def test_report_all_renews_every_report_and_skips_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "a.toml"
    save_session(make_session(), first)
    first.with_suffix(".md").write_text("oud verslag\n", encoding="utf-8")
    first.with_suffix(".html").write_text("<p>oud</p>\n", encoding="utf-8")
    deeper = tmp_path / "2026" / "b.toml"
    deeper.parent.mkdir()
    english = make_session()
    english = english.model_copy(
        update={"session": Meta(**{**english.session.model_dump(), "language": "en"})}
    )
    save_session(english, deeper)
    state = tmp_path / ".a.toml.tussenruimte"
    state.mkdir()
    save_session(make_session(), state / "kopie.toml")
    bad = tmp_path / "kapot.toml"
    bad.write_text('schema = 4\n[session]\ntitle = "x"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-buiten.toml"
    save_session(make_session(), outside)
    (tmp_path / "link.toml").symlink_to(outside)

    assert main(["report", "--all", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert first.with_suffix(".md").read_text(encoding="utf-8") == markdown_report(
        load_session(first)
    )
    assert stale_reports(first, load_session(first)) == []
    assert stale_reports(deeper, load_session(deeper)) == []
    assert "**Report**" in deeper.with_suffix(".md").read_text(encoding="utf-8")  # its language
    assert not deeper.with_suffix(".html").exists()  # no html where none stood
    assert not (state / "kopie.md").exists()
    assert not bad.with_suffix(".md").exists()
    assert not outside.with_suffix(".md").exists()
    assert not (tmp_path / "link.md").exists()
    assert f"Verslag vernieuwd: {first.with_suffix('.md')}" in out
    assert f"Verslag vernieuwd: {first.with_suffix('.html')}" in out
    assert f"Verslag geschreven: {deeper.with_suffix('.md')}" in out
    assert (
        f"Overgeslagen, een link (tussenruimte volgt geen links): {tmp_path / 'link.toml'}" in out
    )
    assert f"Overgeslagen, geen sessiebestand: {tmp_path / 'pyproject.toml'}" in out
    assert "3 verslagen geschreven." in out
    assert f"Het bestand {bad} kan niet worden geopend." in err
    assert "1 bestand kon niet gebruikt worden" in err
    assert "Traceback" not in err

    # A second time: everything is current, nothing written.
    bad.unlink()
    before = first.with_suffix(".md").stat().st_mtime_ns
    assert main(["report", "--all", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"Verslag klopt al, niet veranderd: {first.with_suffix('.md')}" in out
    assert "0 verslagen geschreven." in out
    assert first.with_suffix(".md").stat().st_mtime_ns == before

    # --format html: the html beside every session, also where none stood.
    assert main(["report", "--all", str(tmp_path), "--format", "html"]) == 0
    assert deeper.with_suffix(".html").is_file()
    i18n.set_language("en")
    try:
        assert deeper.with_suffix(".html").read_text(encoding="utf-8") == render(english, "html")
    finally:
        i18n.set_language("nl")


def test_report_all_wrong_calls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--all", str(tmp_path / "nergens")]) == 1
    assert "is geen map" in capsys.readouterr().err
    assert main(["report", "--all", str(tmp_path), "-o", "x.md"]) == 1
    assert "noem dan geen bestand en geen -o" in capsys.readouterr().err
    assert main(["report"]) == 1
    assert "Noem een sessiebestand" in capsys.readouterr().err


def test_a_report_never_overwrites_a_session_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input: a report that would overwrite a session file is refused, nothing written."""
    one, other = tmp_path / "een.toml", tmp_path / "twee.toml"
    save_session(make_session(), one)
    save_session(make_session(), other)
    renamed = tmp_path / "sessie-zonder-toml"
    save_session(make_session(), renamed)
    before = other.read_bytes(), renamed.read_bytes()
    for target in (other, renamed, tmp_path / "nieuw.toml"):
        assert main(["report", str(one), "-o", str(target)]) == 1
        assert "een verslag overschrijft dat nooit" in capsys.readouterr().err
    assert (other.read_bytes(), renamed.read_bytes()) == before
    assert not (tmp_path / "nieuw.toml").exists()
    assert main(["report", str(one), "-o", str(tmp_path / "een.md")]) == 0
