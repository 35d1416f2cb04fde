"""The doc_id (sha256) of each source file, remembered between runs by the file's stat.

An unchanged nightly re-run would otherwise read every byte of the inbox to learn that nothing
changed. A file whose size, inode, modification and change times (ns) all equal those it had
when it was hashed keeps its hash; anything else is read again. The change time (ctime) cannot
be set by a user and moves on every write, so a rewrite that keeps size and mtime (`touch -d`,
`rsync -t`) is still seen. Entries stat'ed less than RACY_NS before they were saved are not kept:
a write in the same clock tick as the stat could leave every time unchanged (git's index has
the same rule). `--force` trusts nothing and reads every file again.

Kept in <out>/.mosaic/hashes.json, written atomically; a missing or damaged file only costs the
hashing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from . import io

NAME = "hashes.json"
VERSION = 1
RACY_NS = 2_000_000_000

Stamp = tuple[int, int, int, int]  # size, inode, mtime_ns, ctime_ns


def _stamp(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


class HashCache:
    """One run's view: the hashes kept by the last run (known) and those of this run (seen)."""

    def __init__(self, out: Path, trust: bool = True) -> None:
        self.path = out / io.STATE / NAME
        self.known: dict[str, tuple[Stamp, str]] = self._load() if trust else {}
        self.seen: dict[str, tuple[Stamp, str]] = {}

    def _load(self) -> dict[str, tuple[Stamp, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                return {}
            return {p: (tuple(s), d) for p, (s, d) in data["files"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def doc_id(self, path: Path) -> str:
        """The file's sha256, read only when its stat changed; OSError when it is unreadable."""
        stamp = _stamp(os.stat(path))
        key = str(path)
        hit = self.known.get(key)
        doc_id = hit[1] if hit is not None and hit[0] == stamp else io.sha256_file(path)[0]
        self.seen[key] = (stamp, doc_id)
        return doc_id

    def save(self) -> None:
        """Keep the files seen this run (the others are gone or were not asked for), unless
        nothing changed."""
        now = time.time_ns()
        files = {p: (s, d) for p, (s, d) in self.seen.items() if max(s[2], s[3]) < now - RACY_NS}
        if files == self.known:
            return
        body = json.dumps({"version": VERSION, "files": files}, separators=(",", ":"))
        tmp = self.path.with_name(f"{NAME}.tmp{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)  # the next run hashes again: nothing is lost
