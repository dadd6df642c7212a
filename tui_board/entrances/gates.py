"""What the SSH and the browser entrance share: how a gate that cannot start says so, and
when a board that nobody types in is closed."""

from __future__ import annotations

import asyncio
import errno
import time
from collections.abc import Awaitable, Callable

from tui_board.core.i18n import t


class GateProblem(Exception):
    """The gate cannot start; the message says why, in the user's language."""


async def started(start: Awaitable[None], port: int, in_use: str, failed: str) -> None:
    """Await the gate's `start`; a port that is taken, or any other refusal of the system,
    becomes a `GateProblem` with the message `in_use` (with the port) or `failed` (with the
    reason)."""
    try:
        await start
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise GateProblem(t(in_use, port=port)) from error
        raise GateProblem(t(failed, reason=error)) from error


def idle_later(
    last_input: float, timeout: float, again: Callable[[], None]
) -> asyncio.TimerHandle | None:
    """While a board has had input within `timeout` seconds (`last_input`, monotonic), call
    `again` when that time is up, and return its handle; None once the board is idle."""
    left = last_input + timeout - time.monotonic()
    if left <= 0:
        return None
    return asyncio.get_running_loop().call_later(left, again)
