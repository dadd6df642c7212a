"""Join codes that are easy to read aloud: groups of letters and digits, no look-alikes."""

from __future__ import annotations

import hmac
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or from a projector is not misread.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def new_code(groups: int = 2, size: int = 4) -> str:
    """A random code like `KX7P-3MHA` (about 37 bits with the defaults)."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def normalise(code: str) -> str:
    """The code as compared: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def same_code(given: str, expected: str) -> bool:
    """Compare codes in constant time, forgiving case, spaces and dashes."""
    return hmac.compare_digest(normalise(given).encode(), normalise(expected).encode())
