"""Sessions in git: two branches that each change a session, merged with the real git.
`validate` recognises git's conflict markers and says where they are, and a board will not
open a conflicted file; the file stays as it is."""

from __future__ import annotations

import datetime as dt
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from boardkit import make_app, session_file
from factories import LATER, card, make_session, run_ops
from test_archive import git, quiet_git  # noqa: F401 - the fixture keeps git to itself
from textual.widgets import Static

from tui_board.cli.main import main
from tui_board.core.model import Card, Cluster, Conflict, Session, Vote
from tui_board.core.ops import Actor, AddCard, EditCard, new_id
from tui_board.files.merging import MergeProblem, describe, merge_sessions
from tui_board.files.store import conflict_line, dumps_session, load_session, save_session


def _add_card(path: Path, text: str, theme: str) -> None:
    session = load_session(path)
    actor = Actor(session.participants[0].id, session.participants[0].role)
    card = AddCard(card_id=new_id(), theme=theme, text=text)
    save_session(run_ops(session, actor, card), path)


def _repo(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with one committed session, `sessie.toml`, on `main`."""
    repo = tmp_path / "archief"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Archivaris")
    git(repo, "config", "user.email", "archief@example.org")
    path = repo / "sessie.toml"
    assert main(["new", str(path), "--date", "2026-03-12"]) == 0
    git(repo, "add", "sessie.toml")
    git(repo, "commit", "-q", "-m", "Sessie 12 maart")
    return repo, path


def _branches(
    repo: Path, path: Path, ours: Callable[[Path], None], theirs: Callable[[Path], None]
) -> subprocess.CompletedProcess[str]:
    """`anders` changes the session with `theirs`, `main` with `ours`; then plain
    `git merge anders` on main."""
    git(repo, "checkout", "-q", "-b", "anders")
    theirs(path)
    git(repo, "commit", "-q", "-am", "De ene kant")
    git(repo, "checkout", "-q", "main")
    ours(path)
    git(repo, "commit", "-q", "-am", "De andere kant")
    return subprocess.run(
        ["git", "-C", str(repo), "merge", "--no-edit", "anders"],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _conflicted(tmp_path: Path) -> Path:
    """A repository without the merge driver where `main` and `anders` each added a card to
    the same session, and `git merge anders` stopped with a conflict in it."""
    repo, path = _repo(tmp_path)
    merged = _branches(
        repo,
        path,
        lambda p: _add_card(p, "Kaart van de andere kant", "rollen"),
        lambda p: _add_card(p, "Kaart van de ene kant", "rollen"),
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


# --- merging by ids (tussenruimte merge) ----------------------------------------------------


def _with(session: Session, *cards: Card, drop: tuple[str, ...] = ()) -> Session:
    """`session` with `cards` put in (replacing a card of the same id) and `drop` removed."""
    ids = {c.id for c in cards} | set(drop)
    kept = tuple(c for c in session.cards if c.id not in ids)
    return session.model_copy(update={"cards": kept + cards})


def _edited(session: Session, card_id: str, text: str) -> Session:
    found = session.card(card_id)
    assert found is not None
    return _with(session, found.model_copy(update={"text": text, "updated": LATER}))


def test_both_sides_additions_are_kept_and_a_one_sided_deletion_deletes() -> None:
    base = make_session()
    ours = _with(base, card("o1", "rollen", 900, text="Van ons"), drop=("a1",))
    theirs = _with(base, card("t1", "leren", 900, text="Van hen"))
    theirs = theirs.model_copy(update={"confirmed": ("anna",)})
    result = merge_sessions(base, ours, theirs)
    ids = {c.id for c in result.session.cards}
    assert ids == {"b1", "a2", "r1", "b2", "o1", "t1"}, "a1 deleted by us, left by them: gone"
    assert result.session.confirmed == ("anna",)
    assert result.conflicts == () and result.session.conflicts == ()
    swapped = merge_sessions(base, theirs, ours)
    assert dumps_session(swapped.session) == dumps_session(result.session), "order-free"


def test_an_unchanged_merge_gives_the_same_bytes() -> None:
    session = make_session()
    assert dumps_session(merge_sessions(session, session, session).session) == dumps_session(
        session
    )


def test_the_same_text_changed_on_both_sides_keeps_ours_and_records_theirs() -> None:
    base = make_session()
    ours = _edited(base, "a1", "Onze tekst")
    theirs = _edited(base, "a1", "Hun tekst")
    theirs = theirs.model_copy(
        update={"session": theirs.session.model_copy(update={"place": "Buren"})}
    )
    result = merge_sessions(base, ours, theirs)
    merged = result.session
    assert merged.session.place == "Buren", "a field changed on one side only is taken"
    a1 = merged.card("a1")
    assert a1 is not None and a1.text == "Onze tekst"
    assert merged.conflicts == (
        Conflict(part="cards", id="a1", field="text", ours="Onze tekst", theirs="Hun tekst"),
    )
    line = describe(merged, merged.conflicts[0])
    assert line == "kaart, veld tekst: hier staat “Onze tekst”, de andere kant had “Hun tekst”"
    # The file holds the conflict, and reads back the same.
    text = dumps_session(merged)
    assert "[[conflicts]]" in text
    assert dumps_session(Session.model_validate(tomllib.loads(text))) == text


def test_a_card_deleted_on_one_side_and_changed_on_the_other_stays_with_a_conflict() -> None:
    base = make_session()
    ours = _with(base, drop=("b1",))
    theirs = _edited(base, "b1", "Toch belangrijk")
    merged = merge_sessions(base, ours, theirs).session
    b1 = merged.card("b1")
    assert b1 is not None and b1.text == "Toch belangrijk"
    assert [(c.part, c.id, c.removed) for c in merged.conflicts] == [("cards", "b1", "ours")]
    assert "hier weggehaald" in describe(merged, merged.conflicts[0])


def test_votes_merge_by_voter_and_card() -> None:
    base = make_session()
    ours = base.model_copy(update={"votes": (Vote(voter="anna", card="a1", dots=1),)})
    theirs = base.model_copy(
        update={
            "votes": (Vote(voter="bram", card="a1", dots=2), Vote(voter="anna", card="a1", dots=3))
        }
    )
    merged = merge_sessions(base, ours, theirs).session
    assert sorted((v.voter, v.card, v.dots) for v in merged.votes) == [
        ("anna", "a1", 1),
        ("bram", "a1", 2),
    ]
    assert [(c.part, c.id, c.field, c.ours, c.theirs) for c in merged.conflicts] == [
        ("votes", "anna/a1", "dots", "1", "3")
    ]


def _clustered() -> Session:
    """The small session with an empty cluster c1 in `rollen`."""
    return make_session().model_copy(
        update={"clusters": (Cluster(id="c1", title="Samen", theme="rollen"),)}
    )


def _into_cluster(session: Session, card_id: str) -> Session:
    found = session.card(card_id)
    assert found is not None
    return _with(session, found.model_copy(update={"cluster": "c1"}))


def test_what_the_other_side_points_at_comes_back_with_a_conflict() -> None:
    base = _clustered()
    ours = _with(base.model_copy(update={"clusters": ()}), drop=("b2",))
    theirs = _into_cluster(base, "a1").model_copy(
        update={"votes": (Vote(voter="anna", card="b2", dots=1),)}
    )
    merged = merge_sessions(base, ours, theirs).session
    assert merged.cluster("c1") is not None, "a card went into it on the other side"
    assert merged.card("b2") is not None, "it was voted on on the other side"
    assert [(c.part, c.id, c.removed) for c in merged.conflicts] == [
        ("clusters", "c1", "ours"),
        ("cards", "b2", "ours"),
    ]
    assert describe(merged, merged.conflicts[0]).startswith("cluster “Samen”: hier weggehaald")


def test_a_result_that_would_be_invalid_is_refused() -> None:
    base = _clustered()
    ours = _with(base, card("a1", "leren", 900, text="Kaart a1"))  # moved to another theme
    theirs = _into_cluster(base, "a1")  # put in a cluster of its own theme
    with pytest.raises(MergeProblem, match="c1"):
        merge_sessions(base, ours, theirs)


# --- with the real git: the driver set up by `archive` and `git-setup` ----------------------


def _edit_first_card(text: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        session = load_session(path)
        actor = Actor(session.participants[0].id, session.participants[0].role)
        save_session(
            run_ops(session, actor, EditCard(card_id=session.cards[0].id, text=text)), path
        )

    return edit


def _archived(tmp_path: Path) -> tuple[Path, Path]:
    """An archive made by `tussenruimte archive` (which sets up textconv and the merge
    driver), holding one session with one card."""
    source = tmp_path / "sessie.toml"
    assert main(["new", str(source), "--date", "2026-03-12", "--place", "Tiel"]) == 0
    _add_card(source, "Eerste kaart", "rollen")
    repo = tmp_path / "archief"
    assert main(["archive", str(source), "--repo", str(repo)]) == 0
    git(repo, "config", "user.name", "Archivaris")
    git(repo, "config", "user.email", "archief@example.org")
    path = next((repo / "2026").glob("*.toml"))
    return repo, path


def test_after_archive_plain_git_merge_keeps_both_sides_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, path = _archived(tmp_path)
    merged = _branches(
        repo,
        path,
        lambda p: _add_card(p, "Kaart van de andere kant", "rollen"),
        lambda p: _add_card(p, "Kaart van de ene kant", "leren"),
    )
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo, "status", "--porcelain") == "", "merged and committed"
    texts = {c.text for c in load_session(path).cards}
    assert texts == {"Eerste kaart", "Kaart van de andere kant", "Kaart van de ene kant"}
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "3 kaarten" in capsys.readouterr().out
    # The merge commit reads as minutes through textconv: the card the other side added.
    diff = git(repo, "diff", "HEAD~1", "HEAD", "--", str(path.relative_to(repo)))
    added = [line for line in diff.splitlines() if line.startswith("+") and "+++" not in line]
    assert any("Kaart van de ene kant" in line for line in added), diff
    assert "[[cards]]" not in diff and 'text = "' not in diff


def test_one_card_changed_on_both_sides_gives_a_valid_file_that_names_the_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, path = _archived(tmp_path)
    merged = _branches(repo, path, _edit_first_card("Onze versie"), _edit_first_card("Hun versie"))
    assert merged.returncode != 0, "git stops: someone has to decide"
    assert "1 conflict dat iemand moet beslissen" in merged.stderr, merged.stderr
    text = path.read_text(encoding="utf-8")
    assert conflict_line(text) is None, "no git markers: a valid file"
    session = load_session(path)
    assert [c.text for c in session.cards] == ["Onze versie"]
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "⚠ 1 samenvoegconflict, nog niet beslist:" in out
    assert "veld tekst: hier staat “Onze versie”, de andere kant had “Hun versie”" in out
    assert main(["report", str(path), "--output", str(tmp_path / "verslag.md")]) == 0
    report = (tmp_path / "verslag.md").read_text(encoding="utf-8")
    assert "Onbeslist samenvoegconflict" in report and "“Hun versie”" in report
    # Through textconv, `git diff` of the merged file names the conflict on top.
    git(repo, "add", str(path.relative_to(repo)))
    diff = git(repo, "diff", "--cached", "HEAD", "--", str(path.relative_to(repo)))
    assert "+⚠ 1 samenvoegconflict, nog niet beslist:" in diff, diff


def test_a_fresh_clone_is_set_up_with_one_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = _archived(tmp_path)
    clone = tmp_path / "kopie"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, timeout=60)
    assert "tussenruimte" not in git(clone, "config", "--list", "--local"), "not cloned"
    capsys.readouterr()
    assert main(["git-setup", str(clone)]) == 0
    assert "is ingesteld" in capsys.readouterr().out
    assert git(clone, "config", "merge.tussenruimte.driver").strip() == (
        "tussenruimte merge %O %A %B %P"
    )
    assert git(clone, "config", "diff.tussenruimte.textconv").strip() == "tussenruimte textconv"
    git(clone, "config", "user.name", "Archivaris")
    git(clone, "config", "user.email", "archief@example.org")
    path = next((clone / "2026").glob("*.toml"))
    merged = _branches(
        clone,
        path,
        lambda p: _add_card(p, "Hier", "rollen"),
        lambda p: _add_card(p, "Daar", "rollen"),
    )
    assert merged.returncode == 0, merged.stderr
    assert {"Hier", "Daar"} <= {c.text for c in load_session(path).cards}
    assert main(["git-setup", str(tmp_path / "nergens")]) == 1
    assert "geen git-repository" in capsys.readouterr().err


def test_a_side_that_does_not_load_leaves_git_markers_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = tmp_path / "base.toml"
    ours = tmp_path / "ours.toml"
    theirs = tmp_path / "theirs.toml"
    save_session(make_session(), base)
    save_session(_edited(make_session(), "a1", "Onze tekst"), ours)
    theirs.write_text(base.read_text(encoding="utf-8").replace("Kaart a1", "Hun tekst") + "[[x\n")
    assert main(["merge", str(base), str(ours), str(theirs), "2026/sessie.toml"]) == 1
    err = capsys.readouterr().err
    assert (
        "2026/sessie.toml: niet per kaart samen te voegen, want hun versie is geen geldige" in err
    )
    assert "Traceback" not in err
    assert conflict_line(ours.read_text(encoding="utf-8")) is not None, "git's own markers"


async def test_the_board_names_the_conflicts_a_merge_left(tmp_path: Path) -> None:
    path = session_file(tmp_path, {"rollen": ["Onze tekst"]})
    session = load_session(path)
    conflict = Conflict(part="cards", id="k1", field="text", ours="Onze tekst", theirs="Hun tekst")
    save_session(session.model_copy(update={"conflicts": (conflict,)}), path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        top = str(app.query_one("#topbar", Static).render())
        assert "⚠ 1 samenvoegconflict" in top, top
        shown = [str(n.message) for n in app._notifications]
        assert any("de andere kant had “Hun tekst”" in m for m in shown), shown


def test_different_fields_of_one_card_merge_and_the_later_update_counts() -> None:
    base = make_session()
    a1 = base.card("a1")
    assert a1 is not None
    ours = _with(base, a1.model_copy(update={"text": "Nieuwe tekst", "updated": LATER}))
    moved = a1.model_copy(update={"theme": "leren", "updated": LATER + dt.timedelta(minutes=1)})
    theirs = _with(base, moved)
    result = merge_sessions(base, ours, theirs)
    merged = result.session.card("a1")
    assert merged is not None
    assert (merged.text, merged.theme) == ("Nieuwe tekst", "leren")
    assert merged.updated == LATER + dt.timedelta(minutes=1)
    assert result.conflicts == ()


def test_three_branches_merge_into_one_valid_session_with_every_addition(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, path = _archived(tmp_path)
    for branch, text, theme in (
        ("ochtend", "Kaart van de ochtend", "rollen"),
        ("middag", "Kaart van de middag", "leren"),
        ("avond", "Kaart van de avond", "rollen"),
    ):
        git(repo, "checkout", "-q", "-b", branch, "main")
        _add_card(path, text, theme)
        if branch == "middag":
            _edit_first_card("Eerste kaart, aangescherpt")(path)
        git(repo, "commit", "-q", "-am", text)
    git(repo, "checkout", "-q", "main")
    for branch in ("ochtend", "middag", "avond"):  # one by one: an octopus skips drivers
        merged = subprocess.run(
            ["git", "-C", str(repo), "merge", "--no-edit", branch],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(repo, "status", "--porcelain") == ""
    texts = sorted(c.text for c in load_session(path).cards)
    assert texts == [
        "Eerste kaart, aangescherpt",
        "Kaart van de avond",
        "Kaart van de middag",
        "Kaart van de ochtend",
    ]
    capsys.readouterr()
    assert main(["validate", str(path)]) == 0
    assert "4 kaarten" in capsys.readouterr().out


def test_a_merge_that_would_be_invalid_leaves_git_markers_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = _clustered()
    files = {
        "base": base,
        "ours": _with(base, card("a1", "leren", 900, text="Kaart a1")),
        "theirs": _into_cluster(base, "a1"),
    }
    paths = {}
    for side, session in files.items():
        paths[side] = tmp_path / f"{side}.toml"
        save_session(session, paths[side])
    argv = ["merge", str(paths["base"]), str(paths["ours"]), str(paths["theirs"]), "sessie.toml"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "sessie.toml: niet per kaart samen te voegen, want samengevoegd zou de sessie" in err
    assert "c1" in err and "Traceback" not in err
    # Git's own line merge is what is left (here both sides changed the card's lines), and
    # validate points at it.
    assert main(["validate", str(paths["ours"])]) == 1
    assert "Onopgelost git-conflict op regel" in capsys.readouterr().err


def test_diff_names_a_conflict_recorded_and_one_decided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = make_session()
    merged = merge_sessions(
        base, _edited(base, "a1", "Onze tekst"), _edited(base, "a1", "Hun tekst")
    ).session
    before, after, decided = tmp_path / "voor.toml", tmp_path / "na.toml", tmp_path / "beslist.toml"
    save_session(_edited(base, "a1", "Onze tekst"), before)
    save_session(merged, after)
    save_session(merged.model_copy(update={"conflicts": ()}), decided)
    assert main(["diff", str(before), str(after)]) == 0
    out = capsys.readouterr().out
    assert "⚠ samenvoegconflict: kaart, veld tekst: hier staat “Onze tekst”" in out, out
    assert main(["diff", str(after), str(decided)]) == 0
    assert "samenvoegconflict beslist: kaart, veld tekst" in capsys.readouterr().out
