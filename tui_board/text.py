"""Cleaning untrusted text: no terminal control characters ever reach a screen or a file."""

from __future__ import annotations

import re

MAX_CARD_TEXT = 500
"""The most characters a card may hold."""

# C0 controls (tab and newline included: a card is one paragraph), DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \u00a0]{2,}")


def clean_text(text: str) -> str:
    """Return `text` with control characters (ESC included) replaced by spaces, trimmed."""
    cleaned = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", cleaned).strip()


def clean_line(text: str, limit: int = 200) -> str:
    """Clean a short field (a name, an organisation, a title) and cut it to `limit` characters."""
    return clean_text(text)[:limit]
