"""Join codes that are easy to read aloud: groups of letters and digits, no look-alikes."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or from a projector is not misread.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_ENV = "TUSSENRUIMTE_CODE"
"""Where `join` finds the code when `--code` is not given. The boards the ssh and browser
entrances start get it here, never on their command line: anyone on the computer can read
a command line (`ps`), a process's environment only its owner."""


def new_code(groups: int = 3, size: int = 4) -> str:
    """A random code like `KX7P-3MHA-QT4W` (25¹², about 56 bits, with the defaults).

    Long enough that guessing at the highest rate a relay takes hellos would take longer
    than ten thousand years (docs/protocol.md, Codes); the relay never slows the right code.
    """
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def normalise(code: str) -> str:
    """The code as compared: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def same_code(given: str, expected: str) -> bool:
    """Compare codes in constant time, forgiving case, spaces and dashes."""
    return hmac.compare_digest(normalise(given).encode(), normalise(expected).encode())


class Attempts:
    """Wrong codes per address in a sliding window (the SSH and browser entrances)."""

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def blocked(self, address: str) -> bool:
        """Has this address tried too many wrong codes lately?"""
        seen = self._seen.get(address)
        if seen is None:
            return False
        now = time.monotonic()
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if not seen:
            del self._seen[address]
        return len(seen) >= self.limit

    def failed(self, address: str) -> None:
        """Count a wrong code."""
        if len(self._seen) > 10000:  # many addresses: forget those whose window has passed
            for known in list(self._seen):
                self.blocked(known)
        self._seen.setdefault(address, deque()).append(time.monotonic())
