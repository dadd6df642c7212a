"""What each client may see. The relay sends every client its own view of an event.

Today everyone at the table sees everything; private cards (a later feature) will hide
their text from everyone but their author here, on the wire and not just on screen.
`view_key` groups clients that see the same thing, so the relay encodes each event once
per group instead of once per client.
"""

from __future__ import annotations

from .model import Session
from .ops import Actor, Change


def view_key(viewer: Actor) -> str:
    """Clients with the same key receive identical bytes."""
    return "all"


def view_changes(changes: tuple[Change, ...], viewer: Actor) -> tuple[Change, ...]:
    """The changes as `viewer` may see them."""
    return changes


def view_session(session: Session, viewer: Actor) -> Session:
    """The session as `viewer` may see it."""
    return session
