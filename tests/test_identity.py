"""One session, one count, over real files and the real CLI.

Every session has a stable identity in its file (`id` under `[session]`, made by `new`,
kept on every save; derived from date, title and place in older files): `history` counts a
session and its copies in `archief/` once and says how many it left out, names two
sessions that share an identity, and finds a renamed (or retitled) origin by it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from chainkit import TODAY, chain, new

from tui_board.afterwards.history import collect
from tui_board.cli.main import main
from tui_board.core import i18n
from tui_board.core.model import session_identity
from tui_board.files.store import dumps_session, load_session, save_session


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


def test_a_session_has_one_identity_kept_on_every_save(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    new(path, "2026-01-10")
    session = load_session(path)
    identity = session.session.id
    assert identity.startswith("2026-01-10-") and session_identity(session) == identity
    text = path.read_text(encoding="utf-8")
    assert f'[session]\nid = "{identity}"\n' in text
    save_session(load_session(path), path)
    assert path.read_text(encoding="utf-8") == text, "a save keeps the id and every byte"
    other = tmp_path / "b.toml"
    new(other, "2026-01-10")
    assert load_session(other).session.id != identity


def test_an_older_file_without_an_id_has_a_derived_one_and_saves_unchanged(
    tmp_path: Path,
) -> None:
    path = tmp_path / "oud.toml"
    new(path, "2026-01-10")
    text = path.read_text(encoding="utf-8")
    identity = load_session(path).session.id
    path.write_text(text.replace(f'id = "{identity}"\n', "", 1), encoding="utf-8")
    old = load_session(path)
    assert old.session.id == ""
    derived = session_identity(old)
    assert derived.startswith("2026-01-10-") and derived != identity
    assert session_identity(load_session(path)) == derived, "the same file, the same id"
    before = path.read_bytes()
    save_session(load_session(path), path)
    assert path.read_bytes() == before and dumps_session(old).encode() == before
    retitled = old.model_copy(
        update={"session": old.session.model_copy(update={"title": "Anders"})}
    )
    assert session_identity(retitled) != derived


def test_history_counts_a_session_and_its_archived_copy_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c, _ = chain(tmp_path, capsys)
    (tmp_path / "archief" / "2026").mkdir(parents=True)
    shutil.copy(a, tmp_path / "archief" / "2026" / "2026-01-10-regio.toml")
    shutil.copy(b, tmp_path / "archief" / "2026" / "2026-03-10-regio.toml")
    # An older file without an id, and its copy: the derived identity is the same.
    old = tmp_path / "oud.toml"
    new(old, "2025-11-01", "--title", "Oud")
    text = old.read_text(encoding="utf-8")
    old.write_text(
        text.replace(f'id = "{load_session(old).session.id}"\n', "", 1), encoding="utf-8"
    )
    shutil.copy(old, tmp_path / "archief" / "oud-kopie.toml")
    history = collect(tmp_path, TODAY)
    assert [e.file for e in history.sessions] == ["oud.toml", "a.toml", "b.toml", "c.toml"]
    assert sorted((c.file, c.kept) for c in history.copies) == [
        ("archief/2026/2026-01-10-regio.toml", "a.toml"),
        ("archief/2026/2026-03-10-regio.toml", "b.toml"),
        ("archief/oud-kopie.toml", "oud.toml"),
    ]
    assert history.counts()["overdue"] == 1 and len(history.stories) == 2
    capsys.readouterr()
    assert main(["history", str(tmp_path), "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "Kopieën van een sessie die al meetelt, overgeslagen: 3" in captured.out
    assert "2 afspraken gemaakt" in captured.out
    assert (
        "Kopie overgeslagen: archief/2026/2026-01-10-regio.toml "
        "(dezelfde sessie als a.toml, die telt)"
    ) in captured.err
    # Without the copies the same history: nothing was counted twice.
    for copy in history.copies:
        (tmp_path / copy.file).unlink()
    alone = collect(tmp_path, TODAY)
    assert alone.copies == () and alone.stories == history.stories


def test_the_same_identity_for_another_session_is_not_a_copy_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    new(a, "2026-01-10")
    shutil.copy(a, b)
    session = load_session(b)
    meta = session.session.model_copy(update={"title": "Ander overleg"})
    save_session(session.model_copy(update={"session": meta}), b)
    history = collect(tmp_path, TODAY)
    assert len(history.sessions) == 2 and history.copies == ()
    assert [(c.file, c.kept) for c in history.clashes] == [("b.toml", "a.toml")]
    assert main(["history", str(tmp_path), "--format", "md", "-o", str(tmp_path / "v.md")]) == 0
    err = capsys.readouterr().err
    assert "b.toml heeft dezelfde identiteit als a.toml, maar is een andere sessie" in err
    # The way out the message gives: without its `id` line, b gets an identity of its own.
    text = b.read_text(encoding="utf-8")
    b.write_text(text.replace(f'id = "{load_session(b).session.id}"\n', "", 1), encoding="utf-8")
    assert collect(tmp_path, TODAY).clashes == ()


def test_origin_finds_a_renamed_and_retitled_session_by_its_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c, _ = chain(tmp_path, capsys)
    origin = load_session(c).origin
    assert origin is not None
    assert (origin.file, origin.id) == ("b.toml", load_session(b).session.id)
    # B is archived under another name and its title corrected afterwards.
    moved = tmp_path / "archief" / "2026-03-10-regio-maart.toml"
    moved.parent.mkdir()
    b.rename(moved)
    session = load_session(moved)
    meta = session.session.model_copy(update={"title": "Regio, maart"})
    save_session(session.model_copy(update={"session": meta}), moved)
    history = collect(tmp_path, TODAY)
    assert [e.file for e in history.sessions] == [
        "a.toml",
        "archief/2026-03-10-regio-maart.toml",
        "c.toml",
    ]
    # C's look back chains to the agreements made in A: no "made before" stories.
    assert [(s.id, s.made_in, [m.session for m in s.marks]) for s in history.stories] == [
        ("regie", 0, [1, 2]),
        ("overleg", 0, [1, 2]),
    ]
    # Without the identity (an older file) the renamed, retitled origin is lost.
    lost = load_session(c)
    assert lost.origin is not None
    without = lost.model_copy(update={"origin": lost.origin.model_copy(update={"id": ""})})
    save_session(without, c)
    broken = collect(tmp_path, TODAY)
    assert any(s.made_in is None for s in broken.stories)


def test_a_bad_identity_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.toml"
    new(path, "2026-01-10")
    text = path.read_text(encoding="utf-8")
    bad = text.replace(f'id = "{load_session(path).session.id}"', 'id = "Fout ID!"', 1)
    path.write_text(bad, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    line = bad.splitlines().index('id = "Fout ID!"') + 1
    assert f"Regel {line}: in het veld session.id" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == bad


@pytest.fixture
def quiet_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git sees neither the tester's own configuration nor their identity."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "TUSSENRUIMTE_ARCHIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("quiet_git")
def test_the_real_archive_beside_the_sessions_counts_once_and_keeps_the_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c, _ = chain(tmp_path, capsys)
    for path in (a, b, c):
        assert main(["archive", str(path)]) == 0
    archived = sorted(tmp_path.glob("archief/**/*.toml"))
    assert len(archived) == 3
    capsys.readouterr()
    assert main(["history", str(tmp_path), "--format", "md"]) == 0
    out, err = capsys.readouterr()
    assert "3 sessies" in out and "Kopieën van een sessie die al meetelt, overgeslagen: 3" in out
    assert err.count("Kopie overgeslagen: archief/") == 3
    before = collect(tmp_path, TODAY)
    # Only the archive is left of A and B, B renamed there as well: C still follows B, and
    # B's look back still follows A.
    a.unlink()
    b.unlink()
    copy_of_b = next(p for p in archived if load_session(p).session.date == dt.date(2026, 3, 10))
    copy_of_b.rename(copy_of_b.with_name("maart.toml"))
    after = collect(tmp_path, TODAY)
    assert [e.file.startswith("archief/") for e in after.sessions] == [True, True, False]
    assert [e.origin for e in after.sessions] == [e.origin for e in before.sessions]
    assert [(s.id, s.made_in, [m.session for m in s.marks]) for s in after.stories] == [
        ("regie", 0, [1, 2]),
        ("overleg", 0, [1, 2]),
    ]


def test_a_copy_that_differs_from_what_counts_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The archive's copy was merged after the copy beside it was made: history still
    counts one of them, but says that the two differ and by how many cards."""
    from factories import run_ops

    from tui_board.core.ops import Actor, AddCard

    a = tmp_path / "a.toml"
    new(a, "2026-01-10")
    archived = tmp_path / "archief" / "a.toml"
    archived.parent.mkdir()
    shutil.copy(a, archived)
    session = load_session(archived)
    me = session.participants[0]
    more = run_ops(
        session, Actor(me.id, me.role), AddCard(card_id="k1", theme="rollen", text="Later")
    )
    save_session(more, archived)
    history = collect(tmp_path, TODAY)
    assert [(c.file, c.kept, c.differs) for c in history.copies] == [
        ("archief/a.toml", "a.toml", (1, 0))
    ]
    capsys.readouterr()
    assert main(["history", str(tmp_path), "--format", "md", "-o", str(tmp_path / "h.md")]) == 0
    err = capsys.readouterr().err
    assert "maar de twee verschillen (kaarten: 1 in de kopie, 0 in wat telt)" in err
    assert "maar de twee verschillen" in (tmp_path / "h.md").read_text(encoding="utf-8")
    shutil.copy(archived, a)  # made the same again: nothing to say
    assert [c.differs for c in collect(tmp_path, TODAY).copies] == [None]
