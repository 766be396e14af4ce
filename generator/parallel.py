"""Order-preserving maps over process pools, with the serial loop as the small-input path.

Fork, not spawn: workers inherit the loaded modules, the function (a closure is fine) and the items
copy-on-write, so only index ranges go to the workers and only results come back; they also share the
parent's hash seed, so set iteration order and therefore results are the same as serial. Where fork is
unavailable the map runs serially. clean_imap and background_map start their workers fresh ('spawn')
instead, for work that would otherwise make forked workers copy much of a large parent (rendering a big
site, quotes beside grouping): those workers get a pickled payload, and a script that starts them needs the
usual `if __name__ == "__main__":` guard.
"""
from __future__ import annotations

import gc
import weakref
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
CHUNKS_PER_JOB = 8  # several chunks per worker even out uneven items; few enough to keep pickling cheap
IN_FLIGHT_PER_JOB = 2  # chunks queued per worker: results wait in memory only this far ahead of the consumer
# ... and at most this many items per chunk, so what waits stays bounded as the input grows: with chunks of
# n/16, a quarter of a site's rendered pages waited in the build process (10,000 articles: 74 MB at the peak)
CHUNK_MAX_ITEMS = 256
PARALLEL_MIN_PAGES = 400  # a page renders in ~1 ms: below this a pool costs more than it saves
JOBS = 1  # worker budget for stages that take no jobs argument (rendering); the build command sets it

_TASK: tuple[Callable, Sequence, bool] | None = None  # (fn, items, by columns), inherited by forked workers


def _run_range(bounds: tuple[int, int]) -> list | tuple:
    fn, items, columns = _TASK
    found = [fn(items[i]) for i in range(*bounds)]
    # by columns: each field of the results in a list of its own, so it is pickled (and allocated where the
    # results arrive) apart from the other fields (see parallel_imap)
    return _columns(found) if columns else found


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _chunks(n: int, jobs: int) -> list[tuple[int, int]]:
    """Index ranges covering n items, CHUNKS_PER_JOB per worker, CHUNK_MAX_ITEMS at most."""
    size = max(1, min(CHUNK_MAX_ITEMS, -(-n // (jobs * CHUNKS_PER_JOB))))
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def _fork_pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))


def parallel_imap(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None, columns: bool = False
                  ) -> Iterator[R]:
    """Yield fn(x) for x in items, in order, computed on `jobs` processes (default free_jobs()) when jobs > 1.
    With `columns` (fn returns tuples), a chunk's results come back field by field: the read stage's articles
    then sit apart from their grouping features in this process's memory, and the shingles, which grouping
    frees early (100,000 articles: ~0.5 GB), leave whole pages to hand back, where freed from between the
    articles little of it came back (0.05 of 0.5 GB)."""
    global _TASK
    jobs = free_jobs() if jobs is None else jobs
    if jobs <= 1 or len(items) < 2 or not can_fork():
        yield from map(fn, items)
        return
    jobs = min(jobs, len(items))
    ranges = iter(_chunks(len(items), jobs))
    _TASK = (fn, items, columns)
    # Frozen objects are skipped by the workers' garbage collector, which would otherwise touch (and so
    # copy) every page of the parent's data; collect first so nothing collectable stays frozen.
    gc.collect()
    gc.freeze()
    try:
        with _fork_pool(jobs) as pool:
            yield from _in_order(lambda r: pool.submit(_run_range, r), ranges, jobs, rows=columns)
    finally:
        gc.unfreeze()
        _TASK = None


def _in_order(submit: Callable, ranges: Iterator[tuple[int, int]], jobs: int, rows: bool = False) -> Iterator:
    """The results of the futures submit(range) over ranges, in order, with IN_FLIGHT_PER_JOB chunks per worker
    queued (with `rows`, each chunk's results came as columns: zipped back into rows)."""
    pending = deque(submit(r) for r in islice(ranges, jobs * IN_FLIGHT_PER_JOB))
    while pending:
        part = pending.popleft().result()
        nxt = next(ranges, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield from zip(*part) if rows else part


def _apply_chunk(fn: Callable, chunk: list) -> list:
    return [fn(x) for x in chunk]


def _apply_chunk_columns(fn: Callable, chunk: list) -> tuple | list:
    return _columns([fn(x) for x in chunk])


def _columns(found: list) -> tuple | list:
    """Rows of results as one list per field (an empty chunk stays empty)."""
    return tuple(map(list, zip(*found))) if found else found


def clean_chunk_imap(fn: Callable[[T], R], items: Sequence[T], jobs: int | None = None, apart: bool = False,
                     columns: bool = False) -> Iterator[R]:
    """Yield fn(x) for x in items, in order, on `jobs` workers started clean ('spawn'), each chunk of items
    pickled to its worker with its task: a worker holds its imports and one chunk, where a forked one shares
    the whole heap of this process and copies every page it touches (its objects' reference counts), which
    for a large build is most of the heap. fn must be a module-level function (or a partial of one), and its
    results must not depend on the hash seed. Should the workers die, the rest runs here (see clean_imap).
    With `apart`, a single job runs on a worker too, not here: what fn builds up as it runs (grouping's word
    features: caches, freed temporaries; 100,000 articles: ~0.1 GB) then never stays in this process.
    `columns`: as parallel_imap's (fn returns tuples, each chunk comes back field by field)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = min(free_jobs() if jobs is None else jobs, len(items))
    done = 0
    if jobs > 1 or (apart and jobs == 1):
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
        try:
            apply = _apply_chunk_columns if columns else _apply_chunk
            for result in _in_order(lambda r: pool.submit(apply, fn, items[r[0]:r[1]]),
                                    iter(_chunks(len(items), jobs)), jobs, rows=columns):
                yield result
                done += 1
        except BrokenProcessPool:
            pass
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    yield from map(fn, (items[i] for i in range(done, len(items))))  # (one at a time: items may be lazy)


_ITEM: Callable[[int], object] | None = None  # a clean worker's item function (set up by _clean_start)


def _clean_start(setup: Callable, payload_file: str) -> None:
    global _ITEM
    try:
        with open(payload_file, "rb") as f:
            payload = f.read()
    except FileNotFoundError:  # the pool was shut down (Pending.cancel) while this worker started: no work comes
        return
    _ITEM = setup(payload)


def _clean_range(bounds: tuple[int, int]) -> list:
    return [_ITEM(i) for i in range(*bounds)]


class _CleanPool:
    """A 'spawn' pool whose workers each run setup(payload) once. The payload goes through a temporary file,
    not the pipe that starts a worker: one larger than the pipe's buffer would hold this process until the
    worker had started and read it (and for ever, should the worker fail to start)."""

    def __init__(self, setup: Callable, payload: bytes, jobs: int):
        import multiprocessing
        import os
        import tempfile
        from concurrent.futures import ProcessPoolExecutor

        fd, self.path = tempfile.mkstemp(prefix="newsdigest-", suffix=".payload")
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_clean_start, initargs=(setup, self.path))

    def shutdown(self, wait: bool = True) -> None:
        import os

        try:
            self.pool.shutdown(wait=wait, cancel_futures=True)
        finally:
            try:
                os.unlink(self.path)
            except OSError:
                pass


def clean_imap(setup: Callable[[bytes], Callable[[int], R]], payload: bytes, n: int,
               jobs: int | None = None, apart: bool = False) -> Iterator[R]:
    """Yield item(i) for i in range(n), in order, where item = setup(payload), on `jobs` freshly started
    ('spawn') processes when jobs > 1. A worker then holds what the payload unpickles to and nothing else,
    where a forked one shares the whole heap of this process and copies every page it or this process
    writes to: forked from a 100,000-article build, each page worker came to hold 1.3-1.5 GB. `setup` must
    be a module-level function; the hash seed may differ in the workers, so items must not depend on it.
    Should the workers die (killed, or a calling script without a `__main__` guard), the rest runs here. With
    `apart`, a single job runs on a worker too, not here (where setup would unpickle a second copy of data this
    process may hold already, such as a build's digest)."""
    from concurrent.futures.process import BrokenProcessPool

    jobs = min(JOBS if jobs is None else jobs, n)
    done = 0
    if jobs > 1 or (apart and jobs == 1):
        clean = _CleanPool(setup, payload, jobs)
        payload = None  # the workers read it from the file: not held here meanwhile (page workers: ~90 MB at 100,000)
        try:
            for result in _in_order(lambda r: clean.pool.submit(_clean_range, r), iter(_chunks(n, jobs)), jobs):
                yield result
                done += 1
        except BrokenProcessPool:
            with open(clean.path, "rb") as f:  # the rest runs here
                payload = f.read()
        finally:
            clean.shutdown()
    if done < n:
        yield from map(setup(payload), range(done, n))


def parallel_map(fn: Callable[[T], R], items: Iterable[T], jobs: int | None = None, columns: bool = False
                 ) -> list[R]:
    """[fn(x) for x in items], on `jobs` processes when jobs > 1 (see parallel_imap). A Sequence is read as it is
    (a lazy one, group_text.LazyList, then makes each item when it is needed)."""
    return list(parallel_imap(fn, items if isinstance(items, Sequence) else list(items), jobs, columns))


class Pending:
    """Results of background_map: result() waits for them (in input order) and releases the workers."""

    def __init__(self, serial: Callable[[], list], clean: _CleanPool | None = None, futures: list | None = None,
                 jobs: int = 0):
        self._serial, self._clean, self._futures, self.jobs = serial, clean, futures, jobs
        if clean is not None:
            _RUNNING.add(self)

    @property
    def running(self) -> bool:
        return self._clean is not None

    def result(self) -> list:
        from concurrent.futures.process import BrokenProcessPool

        if self._clean is None:
            return self._serial()
        try:
            return [r for f in self._futures for r in f.result()]
        except BrokenProcessPool:  # the workers died (see clean_imap): the work runs here
            return self._serial()
        finally:
            self._clean.shutdown()
            self._clean = None

    def cancel(self) -> None:
        """Drop the work not yet started (the caller failed before it needed the results)."""
        if self._clean is not None:
            self._clean.shutdown(wait=False)
            self._clean = None


def background_map(setup: Callable[[bytes], Callable[[int], R]], payload: bytes, n: int, jobs: int) -> Pending:
    """Start [item(i) for i in range(n)], item = setup(payload), on `jobs` workers started clean (see
    clean_imap) and return at once, so the caller can go on with other work on its own core (a build's
    grouping while the articles' quotes are extracted); Pending.result() collects. Clean, not forked: a
    forked worker beside grouping copied 830 MB of the build's heap at 100,000 articles. With jobs < 1 the
    work runs serially inside result()."""
    def serial() -> list:
        return list(map(setup(payload), range(n)))

    if jobs < 1 or n < 1:
        return Pending(serial)
    clean = _CleanPool(setup, payload, min(jobs, n))
    return Pending(serial, clean, [clean.pool.submit(_clean_range, r) for r in _chunks(n, min(jobs, n))],
                   min(jobs, n))


_RUNNING: "weakref.WeakSet[Pending]" = weakref.WeakSet()  # background work whose workers may still be busy


def cpu_seconds() -> float:
    """User+system CPU of this process and of its children that have ended (a stage's pool is shut down, and so
    counted, within the stage; background work in the stage that collects it)."""
    import resource

    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


def free_jobs() -> int:
    """JOBS less the workers of background work not yet collected (at least 1): a stage's pool beside them
    would only share their cores, and each worker holds its own memory (100,000 articles: grouping's word
    features on two workers beside the quotes worker, 113 MiB each, were the build's peak)."""
    return max(1, JOBS - sum(p.jobs for p in list(_RUNNING) if p.running))
