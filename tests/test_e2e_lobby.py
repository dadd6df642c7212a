"""End to end in real terminals: `host --lobby`; a `join` waits with one sentence and no
board, the host lets it in with p and B and its board appears; another is not let in (W)
and stops with a sentence; one leaves the lobby with ctrl+c; a seat let in comes back
without waiting."""

from __future__ import annotations

from pathlib import Path

from test_ssh import _ssh_client
from tmuxkit import CODE, Terminal, free_port, hosted, saved_session

WAITS = "De procesbegeleider laat je zo binnen"


def test_host_lobby_lets_a_join_in_with_the_keys(tmp_path: Path) -> None:
    laptop = tmp_path / "noor-laptop"
    with hosted(tmp_path, (120, 32), "--lobby") as room:
        host = room.host
        noor = room.join("--name", "Noor", "--org", "GGD", "--no-mandate", state=laptop)
        screen = noor.wait_for(WAITS)
        assert "Verbinden met" in screen and "Fase 1/7" not in screen, "no board while waiting"
        host.wait_for("1 wacht ·")
        host.keys("p")
        host.wait_for("⏳ Noor (GGD)")
        host.wait_for("vanaf 127.0.0.1")
        assert "1 online" in host.screen(), "waiting is not online"
        host.keys("B")
        host.wait_for("Wie laat je binnen?")
        host.keys("Enter")
        noor.wait_for("Fase 1/7")
        noor.wait_for("2 online")
        host.wait_for("2 online")
        host.wait_gone("1 wacht ·")

        piet = room.join("--name", "Piet", "--org", "Woonstichting", "--no-mandate")
        piet.wait_for(WAITS)
        host.wait_for("⏳ Piet")
        host.keys("W")
        host.wait_for("Wie laat je niet binnen?")
        host.keys("Enter")
        host.wait_for("Piet niet binnenlaten?")
        host.keys("j")
        piet.wait_for("De procesbegeleider heeft je niet binnengelaten")
        piet.wait_for("[exit 1]")

        sanne = room.join("--name", "Sanne", "--org", "GGD", "--no-mandate")
        sanne.wait_for(WAITS)
        host.wait_for("⏳ Sanne (GGD)")
        sanne.keys("C-c")
        sanne.wait_for("Je bent niet meer aan het wachten.")
        sanne.wait_for("[exit 130]")
        host.wait_gone("⏳ Sanne")
        host.wait_gone("1 wacht ·")

        # Noor's board restarts on her laptop: her kept seat comes in without waiting.
        noor.keys("q")
        noor.wait_for("[exit 0]")
        again = room.join("--name", "Noor", state=laptop)
        again.wait_for("Fase 1/7")
        assert WAITS not in again.screen()
        again.wait_for("2 online")
        host.keys("q")
        host.wait_for("[exit 0]", timeout=30)
    session = saved_session(room.path, lambda s: len(s.participants) >= 2)
    names = [p.name for p in session.participants]
    assert names.count("Noor") == 1 and "Piet" not in names and "Sanne" not in names, names


def test_the_lobby_shows_who_comes_in_through_ssh(tmp_path: Path) -> None:
    """Someone at an SSH terminal waits with one sentence and no relay address (it would be
    the entrance's loopback address); the host sees them as "via ssh"."""
    ssh_port = free_port()
    with hosted(tmp_path, (120, 32), "--lobby", "--ssh", str(ssh_port)) as room:
        host = room.host
        sem = Terminal(
            [_ssh_client(), "-p", str(ssh_port), "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "PubkeyAuthentication=no",
             "sessie@127.0.0.1"],
            size=(80, 24),
        )  # fmt: skip
        room.terminals.append(sem)
        sem.wait_for("password:")
        sem.type(CODE)
        sem.keys("Enter")
        for question, answer in (("Je naam:", "Sem"), ("Je organisatie:", "Wijkteam")):
            sem.wait_for(question)
            sem.type(answer)
            sem.keys("Enter")
        sem.wait_for("Heb je mandaat")
        sem.keys("Enter")
        screen = sem.wait_for(WAITS)
        assert "Verbinden met de sessie" in screen and "ws://" not in screen, screen
        host.keys("p")
        host.wait_for("⏳ Sem (Wijkteam, via ssh)")
        host.keys("B")
        host.wait_for("Wie laat je binnen?")
        host.keys("Enter")
        sem.wait_for("Fase 1/7")
        host.wait_for("2 online")
