"""Handing freed memory back to the system."""
from __future__ import annotations

_TRIM = None


def release_memory() -> None:
    """Hand memory the process freed back to the system (glibc keeps freed heap pages otherwise): what comes
    next (a stage's forked workers, or one large array, which glibc maps apart from the heap) then starts
    from what is really in use (5,000 articles: 237 -> 150 MiB resident after grouping)."""
    global _TRIM
    if _TRIM is None:
        import ctypes

        try:
            _TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):  # not glibc
            _TRIM = False
    if _TRIM:
        _TRIM(0)
