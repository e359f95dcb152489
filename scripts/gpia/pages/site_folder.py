"""The last build's site emptied out of the way while the new one is made.

A build starts by deleting everything the last build wrote (MkDocs's `clean_directory`). At ×100
that is about 24,000 files, 600 MB, and deleting them took 6 to 12 seconds in which the build did
nothing else: the time is the file system's, not the processor's. So before MkDocs cleans, the
folder's entries are moved into one hidden folder inside it (a rename each, on the same file
system), which a separate process deletes while the build goes on; MkDocs then finds nothing to
clean (it leaves hidden entries, as it never writes any). The build waits for that process before
it ends, so the site it leaves holds no trace of the last one (Pagefind reads the pages' search
copies, a folder of their own, so the old pages are never indexed).

A separate process, not a thread: a build that forks (gpia.load.processes) must have no other
thread when it does. What cannot be moved (a permission, a file held open on Windows) stays where it
is for MkDocs to delete as before; what a build killed midway left behind is deleted by the next.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The hidden folders a build makes in its site folder and deletes before it ends: the last build's
# entries moved aside (one per process that moved them), and the pages' search copies
# (gpia.pages.search.SearchCopies). What a build killed midway left of them is deleted by the next.
EMPTIED_PREFIX = ".gpia-emptied-"
SEARCH_COPIES_PREFIX = ".gpia-search-copies-"
_LEFT_BY_BUILDS = (EMPTIED_PREFIX, SEARCH_COPIES_PREFIX)

_DELETE = "import shutil, sys\nfor folder in sys.argv[1:]:\n    shutil.rmtree(folder, ignore_errors=True)\n"


class Emptying:
    """The deletion of the last build's files, going on in its own process; `wait()` ends it."""

    def __init__(self, folders: list[Path]):
        self.folders = folders
        self._process: subprocess.Popen[bytes] | None = None
        if folders:
            try:
                self._process = subprocess.Popen([sys.executable, "-c", _DELETE, *map(str, folders)],
                                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL, close_fds=True)
            except OSError:
                self._process = None  # deleted by wait() instead

    def wait(self) -> None:
        """Wait for the deletion; whatever is left of the moved folders (the process could not start,
        or was killed) is deleted here, so none of them outlives the build."""
        if self._process is not None:
            self._process.wait()
            self._process = None
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.folders = []


def empty_beside(site_dir: Path) -> Emptying:
    """Move every entry of `site_dir` that is not hidden into a new hidden folder in it, and start
    deleting that folder, and any such folder an earlier build left, in another process."""
    if not site_dir.is_dir():
        return Emptying([])
    names = sorted(os.listdir(site_dir))
    left = [site_dir / name for name in names if name.startswith(_LEFT_BY_BUILDS)]
    entries = [name for name in names if not name.startswith(".")]
    if not entries:
        return Emptying(left)
    emptied = site_dir / f"{EMPTIED_PREFIX}{os.getpid()}"
    try:
        emptied.mkdir()
    except OSError:
        return Emptying(left)  # MkDocs deletes the entries itself
    for name in entries:
        try:
            os.rename(site_dir / name, emptied / name)
        except OSError:
            pass  # left for MkDocs to delete
    return Emptying(left + [emptied])
