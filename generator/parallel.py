"""Order-preserving map over a fork-based process pool, with the serial loop as the small-input path.

Fork, not spawn: workers inherit the loaded modules and the parent's data (module globals set before the
map) copy-on-write, so only the items and results cross a pipe, and they share the parent's hash seed,
so set iteration order and therefore results are the same as serial. Where fork is unavailable the map
runs serially.
"""
from __future__ import annotations

import gc
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")
CHUNKS_PER_JOB = 4  # a few chunks per worker even out uneven items without much pickling overhead


def _run_chunk(fn_items):
    fn, items = fn_items
    return [fn(item) for item in items]


def parallel_map(fn: Callable[[T], R], items: Iterable[T], jobs: int) -> list[R]:
    """[fn(x) for x in items], on `jobs` processes when jobs > 1; `fn` must be a module-level function."""
    import multiprocessing

    items = list(items)
    if jobs <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(jobs, len(items))
    size = max(1, -(-len(items) // (jobs * CHUNKS_PER_JOB)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    # Frozen objects are skipped by the workers' garbage collector, which would otherwise touch (and so
    # copy) every page of the parent's data; collect first so nothing collectable is frozen for good.
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            out: list[R] = []
            for part in pool.map(_run_chunk, [(fn, c) for c in chunks]):
                out.extend(part)
    finally:
        gc.unfreeze()
    return out
