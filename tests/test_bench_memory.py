"""The bench's memory sampler (bench/bench_build.py): what it sums. The bench itself is not a test."""
from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path

import psutil
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _bench():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_build_under_test", BENCH / "bench_build.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def _kcmp_works(bench) -> bool:
    return bench.shares_parent_memory(os.getpid(), os.getpid())


def test_a_forked_child_has_its_own_address_space_and_is_summed():
    bench = _bench()
    if not _kcmp_works(bench):
        pytest.skip("kcmp(2) is not available here (the sampler then counts every process)")
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(w)
        os.read(r, 1)
        os._exit(0)
    os.close(r)
    try:
        me = psutil.Process()
        child = psutil.Process(pid)
        assert not bench.shares_parent_memory(pid, os.getpid())
        kept = bench.own_address_spaces([me, child])
        assert [p.pid for p in kept] == [os.getpid(), pid]
    finally:
        os.close(w)
        os.waitpid(pid, 0)


def test_a_process_sharing_its_parents_address_space_is_left_out():
    """A vfork child before its exec cannot be held still from Python; a process 'sharing its parent's
    memory' is faked by asking about the process itself as its own parent."""
    bench = _bench()
    if not _kcmp_works(bench):
        pytest.skip("kcmp(2) is not available here")

    class Same:
        def __init__(self, pid, ppid):
            self.pid, self._ppid = pid, ppid

        def ppid(self):
            return self._ppid

    parent = Same(os.getpid(), os.getppid())
    twin = Same(os.getpid(), os.getpid())  # same address space as its "parent"
    assert bench.own_address_spaces([parent, twin]) == [parent]


def test_peak_memory_sums_a_child_that_holds_memory():
    bench = _bench()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(w)
        block = bytearray(64 * 2**20)  # touched: 64 MiB of its own
        for i in range(0, len(block), 4096):
            block[i] = 1
        os.read(r, 1)
        os._exit(0)
    os.close(r)
    try:
        time.sleep(0.5)
        mem = bench.PeakMemory(os.getpid(), interval=0.02)
        time.sleep(0.3)
        rss, pss = mem.stop()
        own = psutil.Process().memory_info().rss
        assert rss >= own + 60 * 2**20
        assert 0 < pss <= rss
    finally:
        os.close(w)
        os.waitpid(pid, 0)
