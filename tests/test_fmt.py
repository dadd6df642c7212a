"""`tussenruimte fmt`: a session file in the layout the board writes, and `--check` for a
pre-commit hook; after fmt the first board change shows as only its own lines."""

from __future__ import annotations

import difflib
import os
import subprocess
from pathlib import Path

import pytest
import tomli_w
from factories import ANNA, make_session, run_ops
from tmuxkit import TUSSENRUIMTE

from tui_board.cli.main import main
from tui_board.core.ops import AddCard
from tui_board.files.store import dumps_session, load_session, save_session, session_to_dict


def hand_edited(path: Path) -> str:
    """The small session as someone might write it by hand: another layout, comments,
    keys in another order, blank lines, single quotes."""
    data = {k: v for k, v in session_to_dict(make_session()).items() if v is not None}
    data["session"] = dict(reversed(list(data["session"].items())))
    text = "# met de hand bijgewerkt\n\n" + tomli_w.dumps(data).replace(' = "Tiel"', " = 'Tiel'")
    text = text.replace("[[cards]]", "\n# een kaart\n[[cards]]")
    path.write_text(text, encoding="utf-8")
    return text


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added from `old` to `new`."""
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm=""))
    body = [line for line in diff[2:] if not line.startswith("@@")]
    return [x[1:] for x in body if x.startswith("-")], [x[1:] for x in body if x[0] == "+"]


def test_fmt_writes_the_boards_layout_and_then_a_change_is_only_its_own_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sessie.toml"
    before = hand_edited(path)
    assert before != dumps_session(make_session())
    fine = tmp_path / "goed.toml"
    save_session(make_session(), fine)
    assert main(["fmt", "--check", str(fine), str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == f"Niet in de vaste vorm: {path}\n"
    assert f"`tussenruimte fmt {path}`" in err
    assert path.read_text(encoding="utf-8") == before  # --check writes nothing

    assert main(["fmt", str(path)]) == 0
    assert f"In de vaste vorm gezet: {path}" in capsys.readouterr().out
    formatted = path.read_text(encoding="utf-8")
    assert formatted == dumps_session(make_session())
    assert load_session(path) == make_session()  # the same session, another layout
    assert main(["fmt", "--check", str(path)]) == 0
    assert main(["fmt", str(path)]) == 0
    assert f"Al in de vaste vorm: {path}" in capsys.readouterr().out

    # The board's first change to the canonical file: only the new card's lines.
    session = run_ops(load_session(path), ANNA, AddCard(card_id="n1", theme="doelen", text="Nieuw"))
    save_session(session, path)
    removed, added = changed_lines(formatted, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == [
        "",
        "[[cards]]",
        'id = "n1"',
        'theme = "doelen"',
        'text = "Nieuw"',
        'author = "anna"',
        "position = 1024",
        "created = 2026-11-26 10:00:00+00:00",
        "updated = 2026-11-26 10:00:00+00:00",
    ]
    # Without fmt, the same change re-lays out much of the hand-edited file.
    hand_edited(path)
    removed, _ = changed_lines(before, dumps_session(session))
    assert len(removed) > 10


def test_a_bad_file_gets_the_stores_message_and_is_not_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "goed.toml"
    hand_edited(good)
    bad = tmp_path / "kapot.toml"
    bad.write_text('schema = 4\n[session]\ntitle = "x"\ndate = "gisteren"\n', encoding="utf-8")
    before = bad.read_bytes()
    assert main(["fmt", str(bad), str(good)]) == 1
    err = capsys.readouterr().err
    assert f"Het bestand {bad} kan niet worden geopend." in err
    assert "Traceback" not in err
    assert bad.read_bytes() == before
    assert good.read_text(encoding="utf-8") == dumps_session(make_session())  # the rest goes on
    assert main(["fmt", "--check", str(bad)]) == 1
    assert main(["fmt", str(tmp_path / "bestaatniet.toml")]) == 1


def test_a_link_is_never_followed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "buiten"
    outside.mkdir()
    target = outside / "sessie.toml"
    text = hand_edited(target)
    archive = tmp_path / "archief"
    archive.mkdir()
    link = archive / "sessie.toml"
    link.symlink_to(target)
    assert main(["fmt", str(link)]) == 1
    assert "is een link" in capsys.readouterr().err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == text


def test_as_a_git_pre_commit_hook(tmp_path: Path) -> None:
    """The hook from the README stops a commit of a file out of layout, and lets it pass
    once fmt has run."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": os.pathsep.join([str(Path(TUSSENRUIMTE).parent), os.environ.get("PATH", "")]),
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )

    assert git("init", "-q").returncode == 0
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.write_text(readme_hook(), encoding="utf-8")
    hook.chmod(0o755)
    hand_edited(tmp_path / "sessie.toml")
    git("add", "sessie.toml")
    refused = git("commit", "-q", "-m", "sessie")
    assert refused.returncode != 0
    assert "Niet in de vaste vorm: sessie.toml" in refused.stdout + refused.stderr
    assert main(["fmt", str(tmp_path / "sessie.toml")]) == 0
    git("add", "sessie.toml")
    assert git("commit", "-q", "-m", "sessie").returncode == 0


def readme_hook() -> str:
    """The git hook as the README gives it."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```sh\n#!/bin/sh\n# pre-commit: tussenruimte fmt") + len("```sh\n")
    return readme[start : readme.index("```", start)]
