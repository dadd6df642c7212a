"""End to end in real terminals: a `join` killed with -9 and started again with the same line
sits in the same seat (its card still its own); when the host quits, every board says so."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from tmuxkit import TUSSENRUIMTE, Terminal, free_port, saved_session


def pids_of(terminal: Terminal, pattern: str) -> list[int]:
    """The pids of the processes matching `pattern` that the terminal's shell started."""
    pane = terminal._tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()  # noqa: SLF001
    found = subprocess.run(["pgrep", "-f", pattern, "-P", pane[0]], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_a_restarted_join_keeps_its_seat_and_hears_the_end(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    port = free_port()
    url = f"ws://127.0.0.1:{port}"
    code = "AB12-CD34-EF67"
    host = Terminal(
        [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", code],
        size=(120, 32), cwd=tmp_path,
    )  # fmt: skip
    line = [TUSSENRUIMTE, "join", url, "--code", code]
    ingrid = again = view = None
    try:
        host.wait_for("Fase 1/7")
        host.keys("]")
        laptop = tmp_path / "laptop-state"  # Ingrid's laptop, before and after the crash
        ingrid = Terminal(line, size=(80, 24), cwd=tmp_path, state=laptop)
        ingrid.wait_for("Je naam:")
        ingrid.type("Ingrid Ünal")
        ingrid.keys("Enter")
        ingrid.wait_for("Je organisatie:")
        ingrid.type("Gemeente Tiel")
        ingrid.keys("Enter")
        ingrid.wait_for("Heb je mandaat")
        ingrid.keys("Enter")
        ingrid.wait_for("Fase 2/7")
        ingrid.keys("n")
        ingrid.wait_for("Nieuwe kaart in")
        ingrid.type("Kaart van Ingrid")
        ingrid.keys("Enter")
        host.wait_for("Kaart van Ingrid")

        # Her laptop crashes: kill -9, then the same line again (no questions this time).
        for pid in pids_of(ingrid, "tussenruimte join"):
            os.kill(pid, signal.SIGKILL)
        ingrid.wait_for("[exit 137]")
        ingrid.close()
        again = Terminal(line, size=(80, 24), cwd=tmp_path, state=laptop)
        again.wait_for("Kaart van Ingrid")
        again.wait_for("2 online")
        again.keys("e")  # her own card: the editor opens, no "alleen je eigen kaarten"
        again.wait_for("Kaart wijzigen")
        again.keys("End")
        again.type(" herzien")
        again.keys("Enter")
        host.wait_for("Kaart van Ingrid herzien")
        host.wait_for("2 online")

        view = Terminal([*line, "--view"], size=(80, 24), cwd=tmp_path, state=laptop)
        view.wait_for("Kaart van Ingrid herzien")

        # The host quits: every board says the session stopped, and closes on a key.
        host.keys("q")
        host.wait_for("[exit 0]", timeout=30)
        for board in (again, view):
            board.wait_for("De sessie is gestopt", timeout=15)
            board.wait_for("Druk op een toets om het bord te sluiten")
            board.keys("x")
            board.wait_for("[exit 0]")
    finally:
        for terminal in (host, ingrid, again, view):
            if terminal is not None:
                terminal.close()
    session = saved_session(path, lambda s: any("herzien" in c.text for c in s.cards))
    ingrids = [p for p in session.participants if p.name == "Ingrid Ünal"]
    assert len(ingrids) == 1, "one person, one seat"
    (card,) = [c for c in session.cards if c.text == "Kaart van Ingrid herzien"]
    assert card.author == ingrids[0].id


def test_join_new_seat_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "sessie.toml"
    subprocess.run([TUSSENRUIMTE, "new", str(path), "--name", "Marieke"], check=True)
    port = free_port()
    url = f"ws://127.0.0.1:{port}"
    code = "AB12-CD34-EF67"
    host = Terminal(
        [TUSSENRUIMTE, "host", str(path), "--bind", "127.0.0.1", "--port", str(port),
         "--code", code],
        size=(120, 32), cwd=tmp_path,
    )  # fmt: skip
    first = second = third = None
    try:
        host.wait_for("Fase 1/7")
        line = [TUSSENRUIMTE, "join", url, "--code", code]
        laptop = tmp_path / "laptop-state"
        first = Terminal([*line, "--name", "Noor", "--org", "GGD"], cwd=tmp_path, state=laptop)
        first.wait_for("2 online")
        first.keys("q")
        first.wait_for("[exit 0]")
        # A second seat on the same laptop under the same name, asked for.
        fresh = [*line, "--new-seat", "--name", "Noor", "--org", "GGD"]
        second = Terminal(fresh, cwd=tmp_path, state=laptop)
        second.wait_for("2 online")
        second.keys("q")
        second.wait_for("[exit 0]")
        # Another name on the same laptop is another person: never Noor's seat.
        third = Terminal([*line, "--name", "Bram", "--org", "GGD"], cwd=tmp_path, state=laptop)
        third.wait_for("2 online")
        host.keys("q")
        host.wait_for("[exit 0]", timeout=30)
    finally:
        for terminal in (host, first, second, third):
            if terminal is not None:
                terminal.close()
    session = saved_session(path, lambda s: len(s.participants) >= 4)
    names = [p.name for p in session.participants]
    assert names.count("Noor") == 2 and names.count("Bram") == 1, names
