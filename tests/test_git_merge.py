"""Sessions in git: two branches that each change a session, merged with the real git.
`validate` recognises git's conflict markers and says where they are, and a board will not
open a conflicted file; the file stays as it is."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from factories import run_ops
from test_archive import git, quiet_git  # noqa: F401 - the fixture keeps git to itself

from tui_board.cli import main
from tui_board.ops import Actor, AddCard, new_id
from tui_board.store import conflict_line, load_session, save_session


def _add_card(path: Path, text: str, theme: str) -> None:
    session = load_session(path)
    actor = Actor(session.participants[0].id, session.participants[0].role)
    card = AddCard(card_id=new_id(), theme=theme, text=text)
    save_session(run_ops(session, actor, card), path)


def _conflicted(tmp_path: Path) -> Path:
    """A repository where `main` and `anders` each added a card to the same session, and
    `git merge anders` stopped with a conflict in it."""
    repo = tmp_path / "archief"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Archivaris")
    git(repo, "config", "user.email", "archief@example.org")
    path = repo / "sessie.toml"
    assert main(["new", str(path), "--date", "2026-03-12"]) == 0
    git(repo, "add", "sessie.toml")
    git(repo, "commit", "-q", "-m", "Sessie 12 maart")
    git(repo, "checkout", "-q", "-b", "anders")
    _add_card(path, "Kaart van de ene kant", "rollen")
    git(repo, "commit", "-q", "-am", "Kaart van de ene kant")
    git(repo, "checkout", "-q", "main")
    _add_card(path, "Kaart van de andere kant", "rollen")
    git(repo, "commit", "-q", "-am", "Kaart van de andere kant")
    merged = subprocess.run(
        ["git", "-C", str(repo), "merge", "-q", "anders"], capture_output=True, text=True
    )
    assert merged.returncode != 0, "plain git conflicts on two cards added at one place"
    return path


def test_validate_names_an_unresolved_git_conflict_and_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _conflicted(tmp_path)
    before = path.read_bytes()
    line = 1 + next(
        n for n, text in enumerate(before.decode().splitlines()) if text.startswith("<<<<<<<")
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"Onopgelost git-conflict op regel {line}:" in err, err
    assert "Invalid statement" not in err and "geen geldige TOML" not in err
    assert main(["--lang", "en", "validate", str(path)]) == 1
    assert f"Unresolved git conflict at line {line}:" in capsys.readouterr().err
    assert main(["report", str(path)]) == 1
    assert "Onopgelost git-conflict" in capsys.readouterr().err
    assert path.read_bytes() == before, "nothing is changed"


def test_markers_count_only_as_a_whole_at_the_start_of_lines() -> None:
    assert conflict_line("a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> anders\n") == 2
    assert conflict_line("a\n<<<<<<< HEAD\nb\n") is None, "no middle and end: not a conflict"
    assert conflict_line('text = "x <<<<<<< y"\n=======\n>>>>>>> z\n') is None
