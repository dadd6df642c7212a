"""How the board looks: the standard colours, high contrast, and no colour at all.

- **Monochrome** when `NO_COLOR` is set (https://no-color.org; like Textual, any value) or
  the terminal has no colours (`TERM=vt100`, `vt220`, `dumb` …): every colour is removed,
  and what colour showed is shown by reverse video, bold and the symbols the board has
  anyway (▶ cursor, ✓ marked, ◆ cluster, ● dots, ⚠ offline, 🔒 private).
- **High contrast** (`hoog-contrast`): black, white and pure yellow, solid backgrounds, no
  see-through tints. Chosen with `--contrast` (open, host, join) or
  `TUSSENRUIMTE_CONTRAST=1`; on the Linux console (`TERM=linux`: 16 colours, and a dark
  grey that is hard to read) it is the default, and `TUSSENRUIMTE_CONTRAST=0` turns it off.

The app gets the look in two steps: `ansi_color()` before Textual's `App.__init__` (Textual
reads `NO_COLOR` there) and `apply(app)` after it. See docs/accessibility.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.theme import Theme

HIGH_CONTRAST = "hoog-contrast"
"""The theme's name (as in `--contrast` and the command palette's theme list)."""

MONO_CLASS = "-mono"
"""The app's CSS class in monochrome (app.tcss styles reverse video with it)."""
CONTRAST_CLASS = "-contrast"
"""The app's CSS class with the high-contrast theme."""

_NO_COLOUR_TERMS = re.compile(r"vt\d+(-.*)?|dumb|.*-mono")
"""Terminals without colours (terminfo names: vt100, vt220, xterm-mono, dumb …)."""
_YES = frozenset({"1", "ja", "j", "yes", "y", "on", "aan", "hoog", "high"})
_NO = frozenset({"0", "nee", "n", "no", "off", "uit"})

_lent = False
"""`NO_COLOR` was set by `ansi_color` for a terminal without colours (until `apply`)."""

HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    variables={
        "text-muted": "auto 90%",
        "text-disabled": "#C0C0C0",
        "foreground-muted": "#FFFFFF",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#FFFFFF",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#FFFF00",
        "input-selection-background": "#00FFFF",
        "scrollbar": "#FFFFFF",
        "scrollbar-hover": "#FFFF00",
        "scrollbar-active": "#FFFF00",
        "scrollbar-background": "#000000",
        "scrollbar-background-hover": "#000000",
        "scrollbar-background-active": "#000000",
        "scrollbar-corner-color": "#000000",
    },
)
"""Black and white with pure yellow: text on its background 15:1 to 21:1 (measured)."""


def monochrome(environ: Mapping[str, str] | None = None) -> bool:
    """No colour at all: `NO_COLOR` is set, or the terminal has no colours."""
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env:  # as Textual reads it (no-color.org asks for a non-empty value)
        return True
    return bool(_NO_COLOUR_TERMS.fullmatch(env.get("TERM", "").strip().lower()))


def high_contrast(environ: Mapping[str, str] | None = None) -> bool:
    """The high-contrast theme: `TUSSENRUIMTE_CONTRAST` (`--contrast` sets it), or TERM=linux."""
    env = os.environ if environ is None else environ
    value = env.get("TUSSENRUIMTE_CONTRAST", "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return env.get("TERM", "") == "linux"


def ansi_color() -> bool | None:
    """Textual's `ansi_color` for the app: True in monochrome, else Textual's default.

    Textual removes colour when `NO_COLOR` is set, with one of two filters: with native
    ANSI colours it drops every colour (clean: the terminal's own foreground and
    background); otherwise it turns colours into greys, which fails on a line without a
    style in Textual 8.2. For a terminal without colours `NO_COLOR` is set while Textual
    starts (and taken back by `apply`), so Textual drops its colours the same way.
    """
    global _lent
    if not monochrome():
        return None
    if "NO_COLOR" not in os.environ:
        os.environ["NO_COLOR"] = "1"  # for Textual's __init__ only: `apply` takes it back
        _lent = True
    return True


def apply(app: App[Any]) -> None:
    """Register the high-contrast theme and choose the look (after `App.__init__`)."""
    global _lent
    if _lent:
        os.environ.pop("NO_COLOR", None)
        _lent = False
    app.register_theme(HIGH_CONTRAST_THEME)
    mono = bool(getattr(app, "no_color", False))
    app.set_class(mono, MONO_CLASS)
    if high_contrast():
        app.theme = HIGH_CONTRAST
        app.set_class(True, CONTRAST_CLASS)


def describe() -> str:
    """The look in one word, for logs and tests: monochrome, hoog-contrast or standaard."""
    if monochrome():
        return "monochrome"
    return HIGH_CONTRAST if high_contrast() else "standaard"
