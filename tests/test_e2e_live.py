"""End to end in real terminals: a host and two joins; cards flow both ways; kill -9 heals."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, Terminal, free_port, saved_session


def host_pids(terminal: Terminal) -> list[int]:
    """The pids of `tussenruimte host` in a terminal (the process to kill -9)."""
    pane = terminal._tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()
    found = subprocess.run(
        ["pgrep", "-f", "tussenruimte host", "-P", pane[0]], capture_output=True, text=True
    )
    return [int(pid) for pid in found.stdout.split()]


def test_host_and_two_joins(tmp_path: Path) -> None:
    path = tmp_path / "live.toml"
    made = subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=False)
    assert made.returncode == 0
    port = free_port()
    url = f"ws://127.0.0.1:{port}"
    host_cmd = [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port)]
    host = Terminal([*host_cmd, "--code", "AB12-CD34"], size=(120, 32), cwd=tmp_path)
    anna = bob = None
    try:
        host.wait_for(f"tussenruimte join {url} --code AB12-CD34")
        anna = Terminal(
            [
                TUSSENRUIMTE,
                "join",
                url,
                "--code",
                "AB12-CD34",
                "--name",
                "Anna",
                "--org",
                "Gemeente",
            ],
            size=(100, 30),
            cwd=tmp_path,
        )
        bob = Terminal([TUSSENRUIMTE, "join", url, "--code", "ab12cd34"], size=(80, 24))
        bob.wait_for("Je naam:")
        bob.type("Bob")
        bob.keys("Enter")
        bob.wait_for("Je organisatie:")
        bob.type("Wijkteam")
        bob.keys("Enter")
        bob.wait_for("Heb je mandaat")
        bob.type("j")
        bob.keys("Enter")
        anna.wait_for("3 online")
        host.keys("]")  # the facilitator opens verzamelen: now cards can be added
        anna.wait_for("Fase 2/7")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in Rollen")
        anna.type("Kaart van Anna")
        anna.keys("Enter")
        bob.wait_for("Kaart van Anna")
        host.wait_for("Kaart van Anna")
        bob.keys("Right", "n")
        bob.wait_for("Nieuwe kaart in Samen leren")  # keys typed before the editor opens are keys
        bob.type("Kaart van Bob")
        bob.keys("Enter")
        anna.keys("Right")
        anna.wait_for("Kaart van Bob")
        host.keys("Right")
        host.wait_for("Kaart van Bob")

        # kill -9 the host mid-session: the participants see it and wait.
        for pid in host_pids(host):
            os.kill(pid, signal.SIGKILL)
        bob.wait_for("verbinding verbroken")
        host.close()
        host = Terminal(host_cmd, size=(120, 32), cwd=tmp_path)
        host.wait_for("--code AB12-CD34")  # the code survives a restart
        anna.wait_for("3 online", timeout=20)
        bob.wait_for("3 online", timeout=20)
        bob.keys("n")
        bob.wait_for("Nieuwe kaart in")
        bob.type("Na de herstart")
        bob.keys("Enter")
        anna.wait_for("Na de herstart")
        host.keys("q")
        host.wait_for("[exit 0]")
    finally:
        for terminal in (host, anna, bob):
            if terminal is not None:
                terminal.close()
    wanted = {"Kaart van Anna", "Kaart van Bob", "Na de herstart"}
    session = saved_session(path, lambda s: wanted <= {c.text for c in s.cards})
    assert wanted <= {c.text for c in session.cards}
    people = {(p.name, p.organisation, p.mandate) for p in session.participants}
    assert {("Anna", "Gemeente", None), ("Bob", "Wijkteam", True)} <= people
