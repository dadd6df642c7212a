"""The built wheel carries the templates, so an installed tussenruimte works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_templates(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("tussenruimte-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("rivierenland", "schutting", "consensus"):
        assert f"tui_board/themes/{template}.toml" in names
    assert "tui_board/tui/app.tcss" in names
    assert "tui_board/core/texts/nl.toml" in names and "tui_board/core/texts/en.toml" in names
    for page in ("form.html", "board.html", "page.css", "board.js"):  # the browser entrance
        assert f"tui_board/entrances/web/{page}" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked), "TUSSENRUIMTE_TEMPLATES": str(elsewhere)}
    listed = subprocess.run(
        [sys.executable, "-m", "tui_board", "templates"],
        capture_output=True, text=True, check=False, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "rivierenland" in listed.stdout and "schutting" in listed.stdout
    made = subprocess.run(
        [sys.executable, "-m", "tui_board", "new", "s.toml"],
        capture_output=True, text=True, check=False, cwd=elsewhere, env=env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Gezamenlijke maatschappelijke doelen" in (elsewhere / "s.toml").read_text("utf-8")
