"""`tussenruimte archive`: the session and its report in a git repository, with real git."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import NOW, PEOPLE, THEMES, card, make_session

from tui_board.afterwards.archive import (
    ArchiveProblem,
    archive_session,
    commit_subject,
    slugify,
)
from tui_board.cli import archive as archivecmd
from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.core.i18n import set_language
from tui_board.core.model import Agreement, Answer, Meta, Participant, Review, Session
from tui_board.files.store import FileProblem, dumps_session, load_session, save_session

TITLE = "Duurzaam samenwerken in Rivierenland"
STEM = "2026/werkplaats"
DATED = "2026/2026-11-26-duurzaam-samenwerken-in-rivierenland"
"""The name `--rename` gives it (and older versions gave it)."""
SUBJECT_NL = f"Sessie 2026-11-26: {TITLE} — 10 kaarten, 5 deelnemers uit 4 organisaties"
SUBJECT_EN = f"Session 2026-11-26: {TITLE} — 10 cards, 5 participants from 4 organisations"


# --- helpers ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quiet_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git sees neither the tester's own configuration nor their identity."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # git runs `tussenruimte textconv` and `tussenruimte merge` from PATH: this venv's.
    bin_dir = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", os.pathsep.join([bin_dir, os.environ.get("PATH", "")]))
    for name in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "TUSSENRUIMTE_ARCHIVE",
    ):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` and return its output (the test fails when git does)."""
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LC_ALL": "C"},
        timeout=60,
    )
    return done.stdout


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def tracked(repo: Path) -> list[str]:
    """The session files the repository tracks (the `.gitattributes` of a new archive aside)."""
    return [name for name in git(repo, "ls-files").split() if name != ".gitattributes"]


def run(*argv: str) -> int:
    """Parse `archive …` with the subcommand's own parser and run it."""
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(prog="tussenruimte")
    sub = parser.add_subparsers(dest="command", required=True)
    archivecmd.add_parsers(sub, common)
    args = parser.parse_args(["archive", *argv])
    return archivecmd.run_archive(args)


def workshop(cards: int = 10, title: str = TITLE) -> Session:
    """The workshop of the commit message example: `cards` cards, 5 people of 4 organisations
    at the table, and an observer (of a fifth organisation), who does not count."""
    base = make_session()
    extra = Participant(id="wim", name="Wim", organisation="Gemeente")
    items = [card(f"k{i}", THEMES[i % 3].id, (i + 1) * 1000) for i in range(cards)]
    meta = Meta(title=title, date=dt.date(2026, 11, 26), place="Tiel")
    return base.model_copy(
        update={"session": meta, "participants": (*PEOPLE, extra), "cards": tuple(items)}
    )


def changed(session: Session, text: str = "Een nieuwe kaart") -> Session:
    extra = card("nieuw", "doelen", 99_000, text=text, when=NOW)
    return session.model_copy(update={"cards": (*session.cards, extra)})


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """The workshop saved as `sessies/werkplaats.toml`."""
    path = tmp_path / "sessies" / "werkplaats.toml"
    path.parent.mkdir()
    save_session(workshop(), path)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return tmp_path / "archief-repo"


@pytest.fixture
def archived(saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """The repository after one archive of `saved`."""
    assert run(str(saved), "--repo", str(repo)) == 0
    capsys.readouterr()
    yield repo


# --- the first archive --------------------------------------------------------------------


def test_first_archive_makes_the_repository_beside_the_file(
    saved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(str(saved)) == 0
    repo = saved.parent / "archief"
    assert (repo / ".git").is_dir()
    assert tracked(repo) == [f"{STEM}.md", f"{STEM}.toml"]
    session = load_session(saved)
    assert (repo / f"{STEM}.toml").read_text(encoding="utf-8") == dumps_session(session)
    assert (repo / f"{STEM}.md").read_text(encoding="utf-8") == archivecmd.markdown_report(session)
    assert git(repo, "log", "--format=%B").strip() == SUBJECT_NL
    assert git(repo, "log", "--format=%an <%ae>").strip() == "tussenruimte <tussenruimte@localhost>"
    out = capsys.readouterr().out
    assert "Nieuwe archiefrepository gemaakt" in out
    assert SUBJECT_NL in out
    assert "geen git-identiteit" in out
    assert git(repo, "status", "--porcelain") == ""


def test_an_older_archive_gets_the_merge_driver_and_settings_from_path(
    saved: Path, repo: Path
) -> None:
    """An archive made by an older version: `.gitattributes` without the merge driver and a
    textconv setting that points into one venv. The next archive brings both up to date,
    with the command from PATH, and commits `.gitattributes` with the session."""
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitattributes").write_text("*.md linguist-documentation\n*.toml diff=tussenruimte\n")
    git(repo, "add", ".gitattributes")
    git(repo, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-q", "-m", "Begin")
    git(repo, "config", "diff.tussenruimte.textconv", "/oud/venv/bin/python -m tui_board textconv")
    git(repo, "config", "merge.tussenruimte.driver", "mijn-eigen-driver %O %A %B")
    assert run(str(saved), "--repo", str(repo)) == 0
    assert git(repo, "config", "diff.tussenruimte.textconv").strip() == "tussenruimte textconv"
    assert git(repo, "config", "merge.tussenruimte.driver").strip() == (
        "mijn-eigen-driver %O %A %B"
    ), "a setting someone made themselves is kept"
    assert (repo / ".gitattributes").read_text() == (
        "*.md linguist-documentation\n*.toml diff=tussenruimte merge=tussenruimte\n"
    )
    assert ".gitattributes" in git(repo, "show", "--name-only", "--format=", "HEAD").split()
    assert git(repo, "status", "--porcelain") == ""


def test_a_new_archive_reads_as_minutes_in_git_log(saved: Path, repo: Path) -> None:
    assert run(str(saved), "--repo", str(repo)) == 0
    assert git(repo, "ls-files", ".gitattributes").strip() == ".gitattributes"
    assert (repo / ".gitattributes").read_text(
        encoding="utf-8"
    ) == "*.toml diff=tussenruimte merge=tussenruimte\n"
    save_session(changed(load_session(saved), "Samen de wachtlijst aanpakken"), saved)
    assert run(str(saved), "--repo", str(repo)) == 0
    log = git(repo, "log", "-p", "-1", "--", f"{STEM}.toml")
    # Through textconv: the change in people's words, not TOML tables.
    assert "Samen de wachtlijst aanpakken" in log
    assert "[[cards]]" not in log and 'text = "' not in log
    raw = git(repo, "log", "-p", "-1", "--no-textconv", "--", f"{STEM}.toml")
    assert "[[cards]]" in raw


def test_the_environment_can_name_the_archive(
    saved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TUSSENRUIMTE_ARCHIVE", str(tmp_path / "elders"))
    assert run(str(saved)) == 0
    assert tracked(tmp_path / "elders") == [f"{STEM}.md", f"{STEM}.toml"]
    assert not (saved.parent / "archief").exists()


def test_the_repository_identity_is_used_when_there_is_one(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Archivaris")
    git(repo, "config", "user.email", "archief@example.org")
    assert run(str(saved), "--repo", str(repo)) == 0
    assert git(repo, "log", "--format=%an <%ae>").strip() == "Archivaris <archief@example.org>"
    assert "geen git-identiteit" not in capsys.readouterr().out


def test_an_empty_folder_becomes_the_repository(saved: Path, repo: Path) -> None:
    (repo / "leeg" / "ook-leeg").mkdir(parents=True)
    assert run(str(saved), "--repo", str(repo)) == 0
    assert tracked(repo) == [f"{STEM}.md", f"{STEM}.toml"]


# --- again --------------------------------------------------------------------------------


def test_archiving_a_change_makes_a_second_commit(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = head(archived)
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived)) == 0
    assert commits(archived) == 2
    assert git(archived, "rev-parse", "HEAD~1").strip() == first, "history is only added to"
    subjects = git(archived, "log", "--format=%s").splitlines()
    assert subjects == [f"Correctie in sessie 2026-11-26: {TITLE} — 1 kaart erbij", SUBJECT_NL]
    assert sorted(git(archived, "show", "--name-only", "--format=", "HEAD").split()) == [
        f"{STEM}.md",
        f"{STEM}.toml",
    ]
    assert "Een nieuwe kaart" in (archived / f"{STEM}.toml").read_text(encoding="utf-8")
    assert "Commit" in capsys.readouterr().out


def test_archiving_an_unchanged_session_makes_no_commit(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = head(archived)
    assert run(str(saved), "--repo", str(archived), "--message", "nog eens") == 0
    assert head(archived) == before
    assert commits(archived) == 1
    assert "geen nieuwe commit" in capsys.readouterr().out
    assert git(archived, "status", "--porcelain") == ""


def test_the_message_is_added_to_the_commit(saved: Path, repo: Path) -> None:
    note = "Vervolgsessie in maart; verslag naar alle deelnemers."
    assert run(str(saved), "--repo", str(repo), "-m", note) == 0
    assert git(repo, "log", "--format=%B").strip() == f"{SUBJECT_NL}\n\n{note}"


# --- only what is for people --------------------------------------------------------------


def test_state_folder_and_a_stray_journal_are_never_committed(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = saved.parent / f".{saved.name}.tussenruimte"
    state.mkdir()
    (state / "journal.jsonl").write_text('{"base": 0, "done": []}\n', encoding="utf-8")
    (state / "seats.json").write_text('{"abc": {"participant": "ria"}}', encoding="utf-8")
    (state / "codes.json").write_text('{"code": "geheim"}', encoding="utf-8")
    assert run(str(saved), "--repo", str(repo)) == 0
    # Someone copies the state folder and a journal into the archive, then archives again.
    shutil.copytree(state, repo / "2026" / state.name)
    shutil.copytree(state, repo / state.name)
    shutil.copy(state / "journal.jsonl", repo / "journal.jsonl")
    shutil.copy(state / "seats.json", repo / "2026" / "seats.json")
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(repo)) == 0
    assert commits(repo) == 2
    assert tracked(repo) == [f"{STEM}.md", f"{STEM}.toml"]
    ever = git(repo, "log", "--all", "--name-only", "--format=")
    assert not any(word in ever for word in ("journal", "seats", "codes", "tussenruimte/"))
    untracked = git(repo, "status", "--porcelain", "--untracked-files=all")
    assert "?? journal.jsonl" in untracked, "the strays are there, just never added"
    assert "geheim" not in git(repo, "show", "HEAD")
    capsys.readouterr()


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "named"),
    [("modified", f"{STEM}.md"), ("staged", "notities.txt"), ("renamed", "hernoemd.md")],
)
def test_a_dirty_repository_is_refused_and_left_alone(
    saved: Path, archived: Path, how: str, named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if how == "modified":
        (archived / f"{STEM}.md").write_text("eigen aantekening\n", encoding="utf-8")
    elif how == "staged":
        (archived / "notities.txt").write_text("klad\n", encoding="utf-8")
        git(archived, "add", "notities.txt")
    else:
        git(archived, "mv", f"{STEM}.md", "hernoemd.md")
    status, before, toml = (
        git(archived, "status", "--porcelain"),
        head(archived),
        (archived / f"{STEM}.toml").read_bytes(),
    )
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived)) == 1
    err = capsys.readouterr().err
    assert f"wijzigingen die nog niet zijn gecommit ({named})" in err
    assert "er is niets veranderd" in err
    assert git(archived, "status", "--porcelain") == status
    assert head(archived) == before
    assert (archived / f"{STEM}.toml").read_bytes() == toml


def test_a_detached_head_is_refused(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(archived, "checkout", "-q", "--detach")
    before = head(archived)
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived)) == 1
    assert "detached HEAD" in capsys.readouterr().err
    assert head(archived) == before


def test_an_invalid_session_is_refused_with_its_message(
    tmp_path: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "kapot.toml"
    bad.write_text('schema = 2\n[session]\ntitle = "Kapot"\ndate = 2026-11-26\n', encoding="utf-8")
    with pytest.raises(FileProblem) as problem:
        load_session(bad)
    assert run(str(bad), "--repo", str(repo)) == 1
    assert capsys.readouterr().err == problem.value.message() + "\n"
    assert not repo.exists(), "nothing made"
    assert not (tmp_path / "archief").exists()


def test_an_invalid_session_commits_nothing_to_an_existing_archive(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, files = head(archived), tracked(archived)
    saved.write_text("dit is [geen toml\n", encoding="utf-8")
    assert run(str(saved), "--repo", str(archived)) == 1
    assert "Regel 1" in capsys.readouterr().err
    assert head(archived) == before
    assert tracked(archived) == files
    assert git(archived, "status", "--porcelain") == ""


def test_a_repository_path_under_a_regular_file_is_refused(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "gewoon-bestand"
    blocker.write_text("geen map\n", encoding="utf-8")
    target = blocker / "archief"
    assert run(str(saved), "--repo", str(target)) == 1
    err = capsys.readouterr().err
    assert f"De archiefmap {target} kan niet worden gemaakt" in err
    assert "niets gearchiveerd" in err
    assert blocker.read_text(encoding="utf-8") == "geen map\n"


def test_a_repository_path_that_is_a_file_is_refused(
    saved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "gewoon-bestand"
    blocker.write_text("geen map\n", encoding="utf-8")
    assert run(str(saved), "--repo", str(blocker)) == 1
    assert f"{blocker} is geen map" in capsys.readouterr().err


def test_a_non_empty_folder_that_is_no_repository_is_refused(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "oud").mkdir(parents=True)
    (repo / "oud" / "notulen.txt").write_text("van vorig jaar\n", encoding="utf-8")
    assert run(str(saved), "--repo", str(repo)) == 1
    assert "geen git-repository en is niet leeg" in capsys.readouterr().err
    assert not (repo / ".git").exists()
    assert sorted(p.name for p in repo.rglob("*")) == ["notulen.txt", "oud"]


def test_an_ignored_archive_folder_is_refused_before_writing(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archived / ".gitignore").write_text("2027/\n", encoding="utf-8")
    git(archived, "add", ".gitignore")
    git(archived, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "negeer")
    later = workshop().model_copy(update={"session": Meta(title=TITLE, date=dt.date(2027, 1, 5))})
    save_session(later, saved)
    assert run(str(saved), "--repo", str(archived)) == 1
    assert "Git negeert 2027/werkplaats.toml" in capsys.readouterr().err
    assert not (archived / "2027").exists()


def test_a_file_where_the_year_folder_goes_is_refused(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (archived / "2027").write_text("geen map\n", encoding="utf-8")
    later = workshop().model_copy(update={"session": Meta(title=TITLE, date=dt.date(2027, 1, 5))})
    save_session(later, saved)
    before = head(archived)
    assert run(str(saved), "--repo", str(archived)) == 1
    assert f"{archived / '2027'} staat in de weg" in capsys.readouterr().err
    assert (archived / "2027").read_text(encoding="utf-8") == "geen map\n"
    assert head(archived) == before


# --- push ---------------------------------------------------------------------------------


@pytest.fixture
def remote(tmp_path: Path, archived: Path) -> Path:
    """A bare repository, added to the archive as `origin`."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(archived, "remote", "add", "origin", str(bare))
    return bare


def test_without_push_the_remote_is_left_alone(saved: Path, archived: Path, remote: Path) -> None:
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived)) == 0
    assert commits(archived) == 2
    assert git(remote, "for-each-ref") == ""


def test_push_sends_the_commit_to_the_remote(
    saved: Path, archived: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived), "--push") == 0
    assert git(remote, "rev-parse", "refs/heads/main").strip() == head(archived)
    assert git(remote, "log", "--format=%s", "main").splitlines()[0].startswith("Correctie")
    assert "Gepusht naar origin (main)." in capsys.readouterr().out


def test_push_of_an_unchanged_session_still_sends_an_earlier_commit(
    saved: Path, archived: Path, remote: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(str(saved), "--repo", str(archived), "--push") == 0
    assert commits(archived) == 1
    assert git(remote, "rev-parse", "refs/heads/main").strip() == head(archived)
    out = capsys.readouterr().out
    assert "geen nieuwe commit" in out and "Gepusht" in out


def test_a_failed_push_keeps_the_local_commit(
    saved: Path, archived: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(archived, "remote", "add", "origin", str(tmp_path / "bestaat-niet.git"))
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived), "--push") == 1
    captured = capsys.readouterr()
    assert "Pushen van main naar origin is mislukt" in captured.err
    assert "blijft lokaal bewaard" in captured.err
    assert "Commit" in captured.out
    assert commits(archived) == 2
    assert git(archived, "status", "--porcelain") == ""


def test_push_without_a_remote_says_how_to_add_one(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(str(saved), "--repo", str(archived), "--push") == 1
    assert "geen remote" in capsys.readouterr().err
    assert commits(archived) == 1


# --- English ------------------------------------------------------------------------------


def test_english_messages_and_commit(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language("en")
    assert run(str(saved), "--repo", str(repo)) == 0
    out = capsys.readouterr().out
    assert "New archive repository made" in out
    assert git(repo, "log", "--format=%s").strip() == SUBJECT_EN
    assert run(str(saved), "--repo", str(repo)) == 0
    assert "Nothing changed since this session was last archived" in capsys.readouterr().out
    (repo / f"{STEM}.md").write_text("scribbles\n", encoding="utf-8")
    assert run(str(saved), "--repo", str(repo)) == 1
    assert "has changes that are not committed yet" in capsys.readouterr().err


def test_the_report_is_in_the_sessions_language_whoever_archives(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_language("en")
    assert run(str(saved), "--repo", str(archived)) == 0
    assert commits(archived) == 1, "another screen language is no change"
    assert "**Verslag**" in (archived / f"{STEM}.md").read_text(encoding="utf-8")
    assert i18n.language() == "en", "the screen language is left as it was"
    english = load_session(saved)
    english = english.model_copy(
        update={"session": english.session.model_copy(update={"language": "en"})}
    )
    save_session(english, saved)
    set_language("nl")
    assert run(str(saved), "--repo", str(archived)) == 0
    assert "**Report**" in (archived / f"{STEM}.md").read_text(encoding="utf-8")
    assert i18n.language() == "nl"
    capsys.readouterr()


# --- warnings -----------------------------------------------------------------------------


def test_warnings_for_hidden_cards_and_a_pending_journal(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = load_session(saved)
    secret = card("geheim", "rollen", 50_000, text="Nog niet onthuld").model_copy(
        update={"hidden": True}
    )
    save_session(session.model_copy(update={"cards": (*session.cards, secret)}), saved)
    state = saved.parent / f".{saved.name}.tussenruimte"
    state.mkdir()
    (state / "journal.jsonl").write_text(
        '{"base": 0, "done": []}\n{"seq": 1, "actor": "ria", "op_id": "x", "changes": []}\n',
        encoding="utf-8",
    )
    assert run(str(saved), "--repo", str(repo)) == 0
    err = capsys.readouterr().err
    assert "1 kaart is nog niet onthuld" in err
    assert "wijzigingen die nog niet in" in err


def test_no_warnings_for_a_plain_session(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = saved.parent / f".{saved.name}.tussenruimte"
    state.mkdir()
    (state / "journal.jsonl").write_text('{"base": 3, "done": []}\n', encoding="utf-8")
    assert run(str(saved), "--repo", str(repo)) == 0
    assert capsys.readouterr().err == ""


# --- the logic on its own -----------------------------------------------------------------


def test_archive_session_uses_the_given_renderer(saved: Path, repo: Path) -> None:
    result = archive_session(saved, repo, lambda s: f"# {s.session.title}\n", "notitie")
    assert result.created and result.fallback_identity and result.commit
    assert result.files == (Path(f"{STEM}.toml"), Path(f"{STEM}.md"))
    assert (repo / f"{STEM}.md").read_text(encoding="utf-8") == f"# {TITLE}\n"
    assert git(repo, "log", "--format=%h").strip() == result.commit
    again = archive_session(saved, repo, lambda s: f"# {s.session.title}\n")
    assert again.commit is None and not again.created
    changed_report = archive_session(saved, repo, lambda s: "# Anders\n")
    assert changed_report.commit is not None, "a new report is a change too"


def test_archive_problem_carries_the_message(saved: Path, tmp_path: Path) -> None:
    (tmp_path / "x").write_text("", encoding="utf-8")
    with pytest.raises(ArchiveProblem) as problem:
        archive_session(saved, tmp_path / "x", lambda s: "")
    assert problem.value.message == str(problem.value)
    assert "is geen map" in problem.value.message


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (TITLE, "duurzaam-samenwerken-in-rivierenland"),
        ("Zorg & Wonen: één wijk!", "zorg-en-wonen-een-wijk"),
        ("  Straße -- Ærø  ", "strasse-aero"),
        ("日本の会議", "sessie"),
        ("../../etc/passwd", "etc-passwd"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_cuts_a_long_title_at_a_word() -> None:
    slug = slugify("samenwerking " * 20)
    assert len(slug) <= 60
    assert slug.endswith("samenwerking") and not slug.endswith("-")
    assert slugify("x" * 100) == "x" * 60


def test_commit_subject_counts_in_the_singular() -> None:
    one = workshop(cards=1).model_copy(
        update={"participants": (Participant(id="ria", name="Ria"),), "cards": ()}
    )
    one = one.model_copy(update={"cards": (card("k", "rollen", 1000, author="ria"),)})
    assert commit_subject(one) == f"Sessie 2026-11-26: {TITLE} — 1 kaart, 1 deelnemer"
    alone = one.model_copy(
        update={"participants": (Participant(id="ria", name="Ria", organisation="Gemeente"),)}
    )
    assert commit_subject(alone).endswith("1 kaart, 1 deelnemer uit 1 organisatie")


def test_commit_subject_counts_agreements() -> None:
    base = workshop()
    two = tuple(Agreement(id=f"a{n}", what="Samen bellen", why="Sneller hulp") for n in (1, 2))
    session = base.model_copy(update={"agreements": two})
    assert commit_subject(session) == SUBJECT_NL.replace("10 kaarten,", "10 kaarten, 2 afspraken,")
    assert commit_subject(base) == SUBJECT_NL


def test_commit_subject_keeps_a_title_on_one_line() -> None:
    session = workshop(title="Twee\nregels\x1b[31m")
    assert commit_subject(session).startswith("Sessie 2026-11-26: Twee regels [31m — ")


# --- archiving at the end of a live session (host/relay --archive) --------------------------


def decided(session: Session) -> Session:
    """`session` with an adopted agreement (and a concern) and a terugblik entry."""
    two = Agreement(
        id="t1",
        what="Eén regievoerder per gezin",
        why="Korte lijnen.",
        owners=("Gemeente",),
        review=dt.date(2027, 3, 1),
        status="aangenomen",
        round=1,
        answers=(Answer(participant="anna", kind="bedenking", text="Wie betaalt?", round=1),),
        concerns=(Answer(participant="anna", kind="bedenking", text="Wie betaalt?", round=1),),
    )
    review = Review(id="oud1", what="Maandelijks casusoverleg", verdict="werkt")
    return session.model_copy(update={"agreements": (two,), "terugblik": (review,)})


def test_archive_at_end_archives_every_file_and_its_full_report(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_session(decided(load_session(saved)), saved)
    other = saved.parent / "middag.toml"
    save_session(workshop(title="Middag"), other)
    assert archivecmd.archive_at_end([saved, other], repo) == 0
    out = capsys.readouterr().out
    assert f"Archiveren van {saved} in {repo}" in out and f"Archiveren van {other}" in out
    assert out.count("Commit ") == 2
    assert commits(repo) == 2
    assert tracked(repo) == ["2026/middag.md", "2026/middag.toml", f"{STEM}.md", f"{STEM}.toml"]
    report = (repo / f"{STEM}.md").read_text(encoding="utf-8")
    assert "## Afspraken (TWO's)" in report and "- **Eén regievoerder per gezin**" in report
    assert "Bedenking van Anna (Zorgaanbieder), ronde 1: Wie betaalt?" in report
    assert "- **Maandelijks casusoverleg** — *werkt*" in report
    assert git(repo, "log", "-1", "--skip=1", "--format=%s").startswith(
        "Sessie 2026-11-26: Duurzaam samenwerken in Rivierenland — 10 kaarten, 1 afspraak,"
    )


def test_archive_at_end_goes_on_after_a_failure_and_says_how_to_retry(
    saved: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = saved.parent / "kapot.toml"
    broken.write_text("schema = 4\n[session\n", encoding="utf-8")
    assert archivecmd.archive_at_end([broken, saved], repo) == 1
    captured = capsys.readouterr()
    assert f"Het bestand {broken} kan niet worden geopend." in captured.err
    assert f"{broken} is niet gearchiveerd. Het sessiebestand is heel gebleven" in captured.err
    assert f"`tussenruimte archive {broken} --repo {repo}`" in captured.err
    assert broken.read_text(encoding="utf-8") == "schema = 4\n[session\n"
    assert f"{saved} is niet gearchiveerd" not in captured.err
    assert tracked(repo) == [f"{STEM}.md", f"{STEM}.toml"], "the good file is archived"
    set_language("en")
    (repo / f"{STEM}.md").write_text("krabbels\n", encoding="utf-8")
    assert archivecmd.archive_at_end([saved], repo) == 1
    err = capsys.readouterr().err
    assert "has changes that are not committed yet" in err
    assert f"{saved} was not archived. The session file is intact" in err
    assert commits(repo) == 1


# --- names, subjects and dates --------------------------------------------------------------


def test_the_archive_keeps_the_files_name_unless_asked_to_rename(
    saved: Path, repo: Path, tmp_path: Path
) -> None:
    assert run(str(saved), "--repo", str(repo)) == 0
    assert tracked(repo) == [f"{STEM}.md", f"{STEM}.toml"], "[origin] file names keep working"
    other = tmp_path / "anders"
    assert run(str(saved), "--repo", str(other), "--rename") == 0
    assert tracked(other) == [f"{DATED}.md", f"{DATED}.toml"]
    # An archive that holds the session under its date and title keeps that file.
    save_session(changed(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(other)) == 0
    assert tracked(other) == [f"{DATED}.md", f"{DATED}.toml"]
    assert "Een nieuwe kaart" in (other / f"{DATED}.toml").read_text(encoding="utf-8")
    # A name that is not safe as a git pathspec becomes one.
    odd = tmp_path / "Sessie [januari]*.toml"
    save_session(workshop(), odd)
    assert run(str(odd), "--repo", str(tmp_path / "derde")) == 0
    assert tracked(tmp_path / "derde") == ["2026/sessie-januari.md", "2026/sessie-januari.toml"]


def test_another_session_under_the_same_name_is_never_overwritten(
    saved: Path, archived: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (archived / f"{STEM}.toml").read_bytes()
    elsewhere = tmp_path / "elders" / saved.name
    elsewhere.parent.mkdir()
    later = workshop().model_copy(
        update={"session": Meta(title="Andere sessie", date=dt.date(2026, 12, 3))}
    )
    save_session(later, elsewhere)
    assert run(str(elsewhere), "--repo", str(archived)) == 1
    err = capsys.readouterr().err
    assert "staat al 2026/werkplaats.toml" in err.replace(f"{archived}/", ""), err
    assert "--rename" in err
    assert (archived / f"{STEM}.toml").read_bytes() == before
    assert commits(archived) == 1
    assert run(str(elsewhere), "--repo", str(archived), "--rename") == 0


def test_a_correction_says_what_changed_and_the_first_commit_has_the_sessions_date(
    saved: Path, archived: Path
) -> None:
    assert git(archived, "log", "-1", "--format=%ad", "--date=short").strip() == "2026-11-26"
    session = load_session(saved)
    fixed = session.cards[0].model_copy(update={"text": "Zonder tikfout"})
    rest = tuple(c for c in session.cards if c.id != fixed.id)
    save_session(session.model_copy(update={"cards": (*rest, fixed)}), saved)
    assert run(str(saved), "--repo", str(archived)) == 0
    subject = git(archived, "log", "-1", "--format=%s").strip()
    assert subject == f"Correctie in sessie 2026-11-26: {TITLE} — 1 kaart gewijzigd"
    today = dt.date.today().isoformat()
    assert git(archived, "log", "-1", "--format=%ad", "--date=short").strip() == today
    save_session(decided(load_session(saved)), saved)
    assert run(str(saved), "--repo", str(archived)) == 0
    subject = git(archived, "log", "-1", "--format=%s").strip()
    assert "afspraak 'Eén regievoerder per gezin' aangenomen" in subject, subject
    session = load_session(saved)
    moved = session.session.model_copy(update={"place": "Culemborg"})
    save_session(session.model_copy(update={"session": moved}), saved)
    assert run(str(saved), "--repo", str(archived)) == 0
    subject = git(archived, "log", "-1", "--format=%s").strip()
    assert subject == f"Correctie in sessie 2026-11-26: {TITLE} — plaats gewijzigd"


def test_validate_says_when_a_report_beside_the_session_is_stale(
    saved: Path, archived: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = archived / f"{STEM}.toml"
    html = path.with_suffix(".html")
    assert main(["report", str(path), "--format", "html"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "verslag" not in capsys.readouterr().out, "the archive's reports are current"
    save_session(changed(load_session(path)), path)  # a hand edit, or a merge
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"⚠ Het verslag {path.with_suffix('.md')} zegt niet meer wat er" in out, out
    assert f"`tussenruimte report {path} -o {path.with_suffix('.md')}`" in out
    assert f"`tussenruimte report {path} --format html -o {html}`" in out
    assert main(["report", str(path), "-o", str(path.with_suffix(".md"))]) == 0
    assert main(["report", str(path), "--format", "html"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "verslag" not in capsys.readouterr().out
