"""End to end: vote with a budget, draft a TWO, run a consent round with a concern, adopt."""

from __future__ import annotations

from pathlib import Path

from tmuxkit import consent_round, hosted, saved_session


def test_vote_agree_and_consent(tmp_path: Path) -> None:
    with hosted(tmp_path, size=(130, 36)) as room:
        host, path = room.host, room.path
        anna = room.join("--name", "Anna", "--org", "Gemeente", size=(110, 32))
        bram = room.join("--name", "Bram", "--org", "Wijkteam", size=(110, 32))
        anna.wait_for("3 online")
        host.keys("]")
        anna.wait_for("Fase 2/7")
        anna.keys("n")
        anna.wait_for("Nieuwe kaart in")
        anna.type("Eén regievoerder per gezin")
        anna.keys("Enter")
        bram.wait_for("Eén regievoerder per gezin")
        for _ in range(3):  # → delen, ordenen, prioriteren
            host.keys("]")
        bram.wait_for("Fase 5/7")
        bram.keys("+", "+")
        bram.wait_for("Stippen: nog 1 van 3")
        anna.wait_for("1 heeft gestemd")
        assert "jouw stippen" not in anna.screen(), "another's votes stay secret"
        host.keys("V")
        anna.wait_for("Stemronde gesloten")
        anna.wait_for("2 stippen")
        host.keys("]")
        anna.wait_for("Fase 6/7")
        host.keys("a")
        host.wait_for("Afspraak opstellen")
        # The form starts at the what, the card's text selected: Tab keeps it; Enter goes
        # on to the next field, and on the last keeps the agreement. One burst, as tmux
        # sends it, and every answer lands in its own field.
        host.type("\tOuders raken de weg kwijt\rGemeente, Wijkteam\r2027-03-01\r")
        host.wait_for("Waarom: Ouders raken de weg")
        anna.wait_for("Waarom: Ouders raken de weg")
        host.keys("C-p")
        host.wait_for("Zoek een actie")
        host.type("Ronde starten")
        host.wait_for("Ronde starten: Eén regievoerder")
        host.keys("Enter")
        consent_round(host, anna, bram, "Wie betaalt de regievoerder?")
        host.keys("q")
        host.wait_for("[exit 0]")
    session = saved_session(path, lambda s: s.agreements)
    (two,) = session.agreements
    assert two.status == "aangenomen" and two.why == "Ouders raken de weg kwijt"
    assert two.owners == ("Gemeente", "Wijkteam") and str(two.review) == "2027-03-01"
    assert [c.text for c in two.concerns] == ["Wie betaalt de regievoerder?"]
    assert session.voting == "closed" and sum(v.dots for v in session.votes) == 2
