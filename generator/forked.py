"""One call run in a forked child, its result brought back: the memory the call used goes back to the system
when the child ends, where a long-lived process keeps most of what its freed objects held (Python frees an arena
of its small objects only once all of them are gone, and a build's survivors sit scattered among them)."""
from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import traceback
from typing import Callable, TypeVar

R = TypeVar("R")


def call_in_child(fn: Callable[[], R], in_parent: Callable[[], None] | None = None) -> R:
    """fn() run in a forked child; its result (or exception, re-raised here with the child's traceback as a note)
    comes back pickled through a temporary file. Interrupted here, the child is killed; a child that dies
    (killed, out of memory) raises RuntimeError. in_parent() runs here once the child is started (to let go of
    what only the child needs)."""
    fd, path = tempfile.mkstemp(prefix="newsdigest-", suffix=".result")
    os.close(fd)
    for stream in (sys.stdout, sys.stderr):  # nothing buffered before the fork is written twice
        stream.flush()
    pid = os.fork()
    if pid == 0:
        _child(fn, path)  # never returns
    try:
        if in_parent is not None:
            in_parent()
        _, status = os.waitpid(pid, 0)
    except BaseException:  # interrupted: the child must not go on writing into the cache
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.unlink(path)
        raise
    try:
        with open(path, "rb") as f:
            ok, value, where = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError) as exc:
        how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"exit status {os.WEXITSTATUS(status)}")
        raise RuntimeError(f"the build's worker process ended without a result ({how}; out of memory?)") from exc
    finally:
        os.unlink(path)
    if not ok:
        if hasattr(value, "add_note"):  # Python 3.11+
            value.add_note(f"in the build's worker process:\n{where}")
        raise value
    return value


def _child(fn: Callable, path: str) -> None:
    status = 1
    try:
        try:
            outcome = (True, fn(), "")
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
            outcome = (False, exc, traceback.format_exc())
        try:
            with open(path, "wb") as f:
                pickle.dump(outcome, f, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a result or exception that does not pickle
            with open(path, "wb") as f:
                pickle.dump((False, RuntimeError("the build's worker process could not send its result back"),
                             traceback.format_exc()), f)
        status = 0
    finally:
        os._exit(status)  # no exit handlers, no flushing of buffers the parent owns too
