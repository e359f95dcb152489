"""A copy of this process working on a second core, on a machine with two cores or more.

Work that needs nothing from what this process does meanwhile can be done by a forked copy of it:
the copy shares every object made before the fork, does its part and sends what came of it back
through a pipe. Three kinds of work use it: reading and checking about half of the data files when
there are many (gpia.knowledge_base.read_documents), making a build's downloads
(gpia.pages.generated) and building half of a build's pages (gpia_mkdocs.two_processes).

`processes_wanted` says whether a copy may be forked at all (never where it would be unsafe),
`fork_copy` forks one that dies with this process and with Ctrl-C, and `WorkBeside` gives back the
value of work done in a copy (or raises its error). They live here, in the lowest layer that forks,
so that reading the data can use them as the build does.
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def processes_wanted() -> int:
    """How many processes a build, or the reading of the data, uses: GPIA_BUILD_PROCESSES if it says
    1 or 2, else two where there are two cores or more. Always one where the platform cannot fork
    safely, and in a process that runs other threads (`mkdocs serve`'s server and watcher, a test
    runner's): a forked copy of it would have only this thread, and any lock another held at the
    fork held for ever."""
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1:
        return 1  # (macOS: forking a process that has used its system frameworks is unsafe)
    wanted = os.environ.get("GPIA_BUILD_PROCESSES", "").strip()
    if wanted in ("1", "2"):
        return int(wanted)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 1


# Linux's prctl(PR_SET_PDEATHSIG): a copy is killed when the process that forked it dies.
_PR_SET_PDEATHSIG = 1


def fork_copy() -> int | None:
    """Fork a copy of this process to work beside it: the copy's process id here, 0 in the copy, None
    if the fork failed (the caller then does the work itself). Every object made so far is left out
    of garbage collection (gc.freeze: a collection would write to each object, and so copy into each
    process the memory the two share); the caller unfreezes it when it no longer shares. The copy dies
    with this process and with Ctrl-C, rather than going on with work nobody will take."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
    parent = os.getpid()
    try:
        child = os.fork()
    except OSError:  # no memory or process left for a copy
        gc.unfreeze()
        return None
    if child == 0:
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            if sys.platform.startswith("linux"):
                import ctypes

                ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:  # it died before that was set
                os._exit(1)
        except BaseException:
            os._exit(1)
    return child


class WorkBeside(Generic[T]):
    """Work started in a copy of this process, on the other core (or done now, with one process);
    `result()` waits for it and gives what it returned (or raises what it raised)."""

    def __init__(self, work: Callable[[], T]):
        self._value: T | None = None
        self._error: BaseException | None = None
        self._done = False
        self._child = 0
        self._read = -1
        if processes_wanted() < 2:
            self._value, self._done = work(), True
            return
        read, write = os.pipe()
        child = fork_copy()
        if child is None:  # the work is done here
            os.close(read)
            os.close(write)
            self._value, self._done = work(), True
            return
        if child == 0:  # the copy: do the work, send what came of it, and end without cleaning up
            code = 1
            try:
                os.close(read)
                code = 0
                try:
                    outcome: tuple[str, object] = ("value", work())
                except BaseException as error:  # sent back and raised by result(), whatever it is
                    code = 1
                    outcome = ("error", _picklable(error))
                with os.fdopen(write, "wb") as out:
                    pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(code)
        gc.unfreeze()
        os.close(write)
        self._child, self._read = child, read

    def cancel(self) -> None:
        """The caller failed before it took the result: the copy is stopped and waited for (else it
        would wait for ever to send what it made)."""
        if not self._done and self._child:
            os.close(self._read)
            try:
                os.kill(self._child, signal.SIGKILL)
                os.waitpid(self._child, 0)
            except OSError:
                pass
            self._done, self._child = True, 0

    def result(self) -> T:
        if not self._done:
            child, self._child, self._done = self._child, 0, True
            try:
                with os.fdopen(self._read, "rb") as received:
                    outcome = pickle.load(received)
            except (EOFError, pickle.UnpicklingError) as error:
                outcome = ("error", RuntimeError(f"the work in a copy of this process ended without its result "
                                                 f"({error})"))
            except BaseException:  # interrupted while waiting (Ctrl-C): the copy is stopped, not waited out
                os.kill(child, signal.SIGKILL)
                raise
            finally:
                os.waitpid(child, 0)
            if outcome[0] == "error":
                self._error = outcome[1]
            else:
                self._value = outcome[1]
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)).rstrip())
