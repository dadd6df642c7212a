"""Lighter caches for Textual's strips (the board's lines), same pictures, less memory.

Every `textual.strip.Strip` makes seven small FIFO caches when it is made (for its crops,
divisions, styles, filters, ...), each an object and a dictionary: some 900 bytes per line
before anything is cached. A board on a 160x48 screen keeps about 5,000 strips alive
(Textual's own caches of drawn lines, each line cut at the widgets' edges), so most of
that is empty caches: 4-5 MiB of the board's 60 MiB budget (docs/benchmarks.md).

`install()` (called by `BoardApp`) changes two things, nothing else in Textual:
- `textual.strip` finds `FIFOCache` in its namespace when a strip is made; that becomes
  `LeanCache`, a drop-in (same methods, same first-in first-out eviction) that makes its
  dictionary only when the first value is stored;
- the five caches that never hit on the board (`UNUSED`) become one shared `NULL` cache
  that keeps nothing: such a strip computes a crop again instead of looking it up.
`installed()` tells whether it took; a test checks it against the installed Textual, so
an upgrade that builds strips differently fails a test instead of silently costing memory.
"""

from __future__ import annotations

from collections.abc import Hashable, KeysView
from typing import Any

_EMPTY: dict[Any, Any] = {}


class LeanCache:
    """A first-in first-out cache of at most `maxsize` values; its dict is made on use."""

    __slots__ = ("_maxsize", "_cache")

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._cache: dict[Any, Any] | None = None

    def __bool__(self) -> bool:
        return bool(self._cache)

    def __len__(self) -> int:
        return len(self._cache) if self._cache else 0

    def __repr__(self) -> str:
        return f"<LeanCache maxsize={self._maxsize} size={len(self)}>"

    def __contains__(self, key: Hashable) -> bool:
        return self._cache is not None and key in self._cache

    def __getitem__(self, key: Hashable) -> Any:
        if self._cache is None:
            raise KeyError(key)
        return self._cache[key]

    @property
    def hits(self) -> int:  # FIFOCache counts these; nothing on the board reads them
        return 0

    @property
    def misses(self) -> int:
        return 0

    def clear(self) -> None:
        self._cache = None

    def keys(self) -> KeysView[Any]:
        return (self._cache or _EMPTY).keys()

    def __setitem__(self, key: Hashable, value: Any) -> None:
        cache = self._cache
        if cache is None:
            self._cache = {key: value}
            return
        if key not in cache and len(cache) >= self._maxsize:
            del cache[next(iter(cache))]
        cache[key] = value

    def set(self, key: Hashable, value: Any) -> None:
        self[key] = value

    def get(self, key: Hashable, default: Any = None) -> Any:
        cache = self._cache
        if cache is None:
            return default
        return cache.get(key, default)


class NullCache:
    """A cache that keeps nothing (for the strip caches the board never hits)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __contains__(self, key: Hashable) -> bool:
        return False

    def __getitem__(self, key: Hashable) -> Any:
        raise KeyError(key)

    hits = 0
    misses = 0

    def clear(self) -> None:
        pass

    def keys(self) -> KeysView[Any]:
        return _EMPTY.keys()

    def __setitem__(self, key: Hashable, value: Any) -> None:
        pass

    def set(self, key: Hashable, value: Any) -> None:
        pass

    def get(self, key: Hashable, default: Any = None) -> Any:
        return default


NULL = NullCache()

UNUSED = (
    "_crop_cache",
    "_style_cache",
    "_line_length_cache",
    "_crop_extend_cache",
    "_offsets_cache",
)
"""The strip caches that never hit on the board: measured over cursor keys, column
changes, adds and edits on the 1000-card board, only the divide cache (a line cut at the
widgets' edges) and the filter cache (a line in true colour) were ever hit again."""


def install() -> None:
    """Give every strip made from now on lean caches (idempotent).

    `textual.strip` finds `FIFOCache` in its namespace when a strip is made: that becomes
    `LeanCache`. `Strip.__init__` is wrapped: after Textual's own, the caches in `UNUSED`
    become the one shared `NULL` (only those that exist, so a Textual that drops one still
    works).
    """
    import textual.strip

    textual.strip.FIFOCache = LeanCache  # type: ignore[assignment,attr-defined]
    strip_class: Any = textual.strip.Strip
    if getattr(strip_class.__init__, "_lean", False):
        return
    textual_init = strip_class.__init__
    unused = tuple(name for name in UNUSED if name in getattr(strip_class, "__slots__", ()))

    def __init__(self: Any, segments: Any, cell_length: int | None = None) -> None:
        textual_init(self, segments, cell_length)
        for name in unused:
            setattr(self, name, NULL)

    __init__._lean = True  # type: ignore[attr-defined]
    __init__.__doc__ = textual_init.__doc__
    strip_class.__init__ = __init__


def installed() -> bool:
    """Whether new strips get lean caches (false when Textual no longer works that way)."""
    from rich.segment import Segment
    from textual.strip import Strip

    strip = Strip([Segment("x")], 1)
    return isinstance(strip._divide_cache, LeanCache) and all(
        getattr(strip, name) is NULL for name in UNUSED
    )
