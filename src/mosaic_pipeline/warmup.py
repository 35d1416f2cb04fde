"""Whether a run will likely process documents, told before the driver imports anything heavy;
and which folders a run never reads as sources (its own output and cache), shared with the
listing.

The local executor's fork server imports the stages (about 1.4 s); started first, it does that
while the driver imports pyarrow, takes the lock and hashes the sources. A run with nothing to do
should not pay a second process for it, so the hint looks only at what is cheap to read: a run
into an empty output folder has work, and so has one whose source folders changed (a file
added, removed or renamed) after the last published run. A file rewritten in place is missed
and the run starts its workers as it would without the hint; the hint never changes what the
run does, only when its workers start.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# the symlink io.py swaps at each published run (io.py imports pyarrow: not imported here)
CURRENT = "current"


def likely_work(roots: Iterable[Path], out: Path, force: bool = False) -> bool:
    try:
        published = os.lstat(out / CURRENT).st_mtime_ns
    except OSError:
        return True  # nothing published yet
    skip = folder_ids([out])  # a run's own output changes at every run
    return force or any(_changed_after(Path(r), published, skip) for r in roots)


def folder_ids(folders: Iterable[Path]) -> frozenset[tuple[int, int]]:
    """(device, inode) of each existing folder: one folder whatever path names it. A run
    never reads its own output and cache folders, even when they lie below a source folder
    (io.list_sources uses this too)."""
    ids = set()
    for folder in folders:
        try:
            st = os.stat(folder)
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return frozenset(ids)


def is_skipped(entry: os.DirEntry[str], skip: frozenset[tuple[int, int]]) -> bool:
    """Whether a folder found by scandir is one of `skip` (one stat, only when skip is set)."""
    if not skip:
        return False
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:  # gone since it was listed: what lists it next will say so
        return False
    return (st.st_dev, st.st_ino) in skip


def _changed_after(root: Path, published: int, skip: frozenset[tuple[int, int]]) -> bool:
    """root, or a folder below it, modified after published (ns); hidden entries and the
    skipped folders are left out, as the listing leaves them out."""
    try:
        if os.stat(root).st_mtime_ns > published:
            return True
        if not root.is_dir():
            return False
        with os.scandir(root) as entries:
            subdirs = [e.path for e in entries
                       if not e.name.startswith(".") and e.is_dir(follow_symlinks=False)
                       and not is_skipped(e, skip)]
    except OSError:
        return True  # let the run report it
    return any(_changed_after(Path(d), published, skip) for d in subdirs)
