"""`tussenruimte relay` and `join` as processes: clear messages, exit codes, clean stops."""

from __future__ import annotations

import asyncio
import queue
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

import pytest
import relaykit
from factories import make_session
from tmuxkit import TUSSENRUIMTE, Terminal, free_port

from tui_board.cli import live as livecmd
from tui_board.cli.main import main
from tui_board.files.store import load_session, save_session


def wait_listening(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.05)


def join(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TUSSENRUIMTE, "join", *args],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )


def test_join_errors_are_plain_dutch(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path)], check=True, capture_output=True)
    port = free_port()
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", "AAAA-BBBB", "--facilitator-code", "CCCC-DDDD"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_listening(port)
        wrong = join(f"ws://127.0.0.1:{port}", "--code", "FOUT-CODE", "--name", "Anna")
        assert wrong.returncode == 1
        assert "Deze code klopt niet" in wrong.stderr and "Traceback" not in wrong.stderr
        nameless = join(f"ws://127.0.0.1:{port}", "--code", "AAAA-BBBB")
        assert nameless.returncode == 1 and "Vul je naam in" in nameless.stderr
        english = join(f"ws://127.0.0.1:{port}", "--code", "nope", "--name", "A", "--lang", "en")
        assert english.returncode == 1 and "This code is not right" in english.stderr
    finally:
        relay.send_signal(signal.SIGTERM)
        _, log = relay.communicate(timeout=15)
    assert relay.returncode == 0, log
    assert "tussenruimte join ws://" in log and "--code AAAA-BBBB" in log
    assert "--code CCCC-DDDD" in log
    assert "Traceback" not in log
    unreachable = join(f"ws://127.0.0.1:{port}", "--code", "AAAA-BBBB", "--name", "Anna")
    assert unreachable.returncode == 1
    assert "niet bereikbaar" in unreachable.stderr and "Traceback" not in unreachable.stderr
    bad_url = join("http://example", "--code", "AAAA-BBBB", "--name", "Anna")
    assert bad_url.returncode == 1 and "geen geldig adres" in bad_url.stderr


def test_relay_refuses_a_bad_file_and_a_busy_port(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.toml"
    bad.write_text("schema = 1\n[session\n", encoding="utf-8")
    result = subprocess.run(
        [TUSSENRUIMTE, "relay", str(bad), "--port", "0"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 1 and "kan niet worden geopend" in result.stderr
    assert bad.read_text(encoding="utf-8") == "schema = 1\n[session\n"
    good = tmp_path / "goed.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(good)], check=True, capture_output=True)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [TUSSENRUIMTE, "relay", str(good), "--bind", "127.0.0.1", "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    assert result.returncode == 1 and f"Poort {port} is al in gebruik" in result.stderr


# --- --archive: archive every session file after a clean stop -------------------------------


@pytest.fixture
def quiet_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git (in this process and in the relay or host it starts) sees no personal settings."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
        "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "TUSSENRUIMTE_ARCHIVE",
        "TUSSENRUIMTE_LANG",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def git_out(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


class Lines:
    """The lines a process writes to a pipe, read on a thread, waited for with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, pattern: str, timeout: float = 15.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            for line in self.seen:
                found = re.search(pattern, line)
                if found:
                    return found
            left = deadline - time.monotonic()
            assert left > 0, f"{pattern!r} not within {timeout} s:\n{''.join(self.seen)}"
            got = self._queue.get(timeout=left)
            assert got is not None, f"{pattern!r} never came:\n{''.join(self.seen)}"
            self.seen.append(got)

    def rest(self, timeout: float = 30.0) -> str:
        """Everything up to the end of the stream."""
        deadline = time.monotonic() + timeout
        while (line := self._queue.get(timeout=max(0.01, deadline - time.monotonic()))) is not None:
            self.seen.append(line)
        return "".join(self.seen)


def stop_relay(relay: subprocess.Popen[str], log: Lines, signum: int) -> tuple[str, str]:
    """Signal the relay and read what it wrote until it ended: (stdout, stderr).

    Each pipe has one reader. `communicate()` would read stderr as well and race the `Lines`
    thread for the last lines (the relay's closing words went missing one run in six).
    """
    assert relay.stdout is not None
    out = Lines(relay.stdout)
    relay.send_signal(signum)
    relay.wait(timeout=60)
    return out.rest(), log.rest()


def session_named(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    base = make_session()
    save_session(
        base.model_copy(update={"session": base.session.model_copy(update={"title": title})}), path
    )
    return path


def start_archiving_relay(
    files: list[Path], repo: Path
) -> tuple[subprocess.Popen[str], Lines, int]:
    relay = subprocess.Popen(
        [TUSSENRUIMTE, "relay", *map(str, files), "--bind", "127.0.0.1", "--port", "0",
         "--code", "AAAA-BBBB", "--facilitator-code", "CCCC-DDDD", "--archive", str(repo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert relay.stderr is not None
    log = Lines(relay.stderr)
    port = int(log.wait_for(r"127\.0\.0\.1:(\d+)")[1])
    log.wait_for(r"--code CCCC-DDDD")  # the last line before it serves
    return relay, log, port


async def add_card(port: int, code: str, text: str) -> None:
    """A participant joins over a real websocket and adds a card (acknowledged = durable)."""
    anna = await relaykit.join(f"ws://127.0.0.1:{port}", code, "Anna", organisation="Zorg")
    try:
        await anna.add_card("doelen", text)
    finally:
        await anna.close()


@pytest.mark.usefixtures("quiet_git")
def test_relay_archives_every_session_after_a_clean_stop(tmp_path: Path) -> None:
    morning = session_named(tmp_path, "ochtend.toml", "Ochtend in Tiel")
    afternoon = session_named(tmp_path, "middag.toml", "Middag in Tiel")
    repo = tmp_path / "archief"
    relay, log, port = start_archiving_relay([morning, afternoon], repo)
    try:
        asyncio.run(add_card(port, "AAAA-BBBB-1", "Eén loket voor gezinnen."))
        assert not repo.exists(), "nothing is archived while the session runs"
    finally:
        out, err = stop_relay(relay, log, signal.SIGTERM)
    assert relay.returncode == 0, err
    assert "Traceback" not in err
    assert out.count("Gearchiveerd in") == 2 and out.count("Commit ") == 2, out
    assert f"Archiveren van {morning} in {repo}" in out
    assert git_out(repo, "ls-files").split() == [
        ".gitattributes",  # a new archive reads as minutes (textconv)
        "2026/middag.md",  # each keeps its own name
        "2026/middag.toml",
        "2026/ochtend.md",
        "2026/ochtend.toml",
    ]
    assert git_out(repo, "rev-list", "--count", "HEAD").strip() == "2"
    archived = (repo / "2026" / "ochtend.toml").read_text(encoding="utf-8")
    assert "Eén loket voor gezinnen." in archived, "the last save is what is archived"
    assert archived == morning.read_text(encoding="utf-8")
    report = (repo / "2026" / "ochtend.md").read_text(encoding="utf-8")
    assert "- Eén loket voor gezinnen. — *Anna (Zorg)*" in report
    assert "Eén loket" not in (repo / "2026" / "middag.toml").read_text(encoding="utf-8")
    assert git_out(repo, "status", "--porcelain") == ""


@pytest.mark.usefixtures("quiet_git")
def test_relay_says_so_when_archiving_fails_and_keeps_the_session(tmp_path: Path) -> None:
    path = session_named(tmp_path, "sessie.toml", "Ochtend in Tiel")
    repo = tmp_path / "geen-archief"
    repo.mkdir()
    (repo / "notities.txt").write_text("van iemand anders\n", encoding="utf-8")
    relay, log, port = start_archiving_relay([path], repo)
    try:
        asyncio.run(add_card(port, "AAAA-BBBB", "Eén loket voor gezinnen."))
    finally:
        out, err = stop_relay(relay, log, signal.SIGINT)
    assert relay.returncode == 1, (out, err)
    assert "Traceback" not in err
    assert f"{repo} is geen git-repository en is niet leeg." in err
    assert f"{path} is niet gearchiveerd. Het sessiebestand is heel gebleven" in err
    assert f"tussenruimte archive {path} --repo {repo}" in err
    assert "Commit" not in out
    assert "Eén loket voor gezinnen." in path.read_text(encoding="utf-8"), "saved and whole"
    assert load_session(path).session.title == "Ochtend in Tiel"
    assert sorted(p.name for p in repo.iterdir()) == ["notities.txt"], "no git init, no files"


@pytest.mark.usefixtures("quiet_git")
def test_a_relay_that_is_killed_archives_nothing(tmp_path: Path) -> None:
    path = session_named(tmp_path, "sessie.toml", "Ochtend in Tiel")
    repo = tmp_path / "archief"
    relay, log, port = start_archiving_relay([path], repo)
    try:
        asyncio.run(add_card(port, "AAAA-BBBB", "Eén loket voor gezinnen."))
    finally:
        out, _ = stop_relay(relay, log, signal.SIGKILL)
    assert relay.returncode == -signal.SIGKILL
    assert out == "" and not repo.exists(), "a crash is no clean end: no archive"


@pytest.mark.usefixtures("quiet_git")
def test_host_archives_when_the_facilitator_quits(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    repo = tmp_path / "archief"
    port = free_port()
    host = Terminal(
        [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", "AB12-CD34", "--archive", str(repo)],
        size=(160, 48), cwd=tmp_path,
    )  # fmt: skip
    try:
        host.wait_for("Fase 1/7")
        host.keys("n")
        host.wait_for("Nieuwe kaart in")
        host.type("Samen een wijkagenda maken")
        host.keys("Enter")
        # The text shows while it is typed: the card is in once the editor is gone (a q
        # before then would be typed, not quit).
        host.wait_gone("Nieuwe kaart in")
        host.wait_for("1 kaart")
        assert not repo.exists()
        host.keys("q")
        shown = host.wait_for("[exit 0]", timeout=60)
    finally:
        host.close()
    assert "Gearchiveerd in" in shown and "Commit " in shown, shown
    files = [f for f in git_out(repo, "ls-files").split() if f != ".gitattributes"]
    assert len(files) == 2 and files[0].endswith(".md") and files[1].endswith(".toml")
    assert "Samen een wijkagenda maken" in (repo / files[1]).read_text(encoding="utf-8")
    assert "Samen een wijkagenda maken" in path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("quiet_git")
def test_host_archives_nothing_when_the_board_crashes_or_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = session_named(tmp_path, "sessie.toml", "Ochtend in Tiel")
    repo = tmp_path / "archief"
    argv = ["host", str(path), "--bind", "127.0.0.1", "--port", "0", "--archive", str(repo)]

    def crash(client: object, line: str) -> int:
        raise RuntimeError("het bord viel om")

    monkeypatch.setattr(livecmd, "_board", crash)
    with pytest.raises(RuntimeError):
        main(argv)
    monkeypatch.setattr(livecmd, "_board", lambda client, line: 1)
    assert main(argv) == 1
    assert not repo.exists(), "only a normal quit archives"
    monkeypatch.setattr(livecmd, "_board", lambda client, line: 0)
    assert main(argv) == 0, capsys.readouterr().err
    assert "Gearchiveerd in" in capsys.readouterr().out
    assert git_out(repo, "rev-list", "--count", "HEAD").strip() == "1"
