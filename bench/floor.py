"""The floor as a program of its own, timed from its start to its exit like `mosaic run`.

    python bench/floor.py FOLDER WORKERS

A fresh pool of WORKERS processes (forkserver, as our local executor) reads every *.txt of
FOLDER (the language is the name's first two letters, as bench.py names them), runs
ftfy.fix_text and spacy.blank(lang).pipe on each, and prints how many it tokenized. Each
process builds a language's blank pipeline when it first meets it, as our workers load their
languages: the start-up a real program pays is counted on both sides of the ratio.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from pathlib import Path
from typing import Any

_NLPS: dict[str, Any] = {}


def _start() -> None:
    import ftfy  # noqa: F401
    import spacy  # noqa: F401


def _tokenize(paths: list[str]) -> int:
    import ftfy
    import spacy

    n = 0
    for path in paths:
        lang = Path(path).name[:2]
        if lang not in _NLPS:
            _NLPS[lang] = spacy.blank(lang)
        text = Path(path).read_text(encoding="utf-8")
        for _ in _NLPS[lang].pipe([ftfy.fix_text(text, uncurl_quotes=False)]):
            n += 1
    return n


def main(folder: Path, workers: int) -> int:
    files = [str(p) for p in sorted(folder.glob("*.txt"))]
    chunks = [files[i::workers] for i in range(workers)]
    with mp.get_context("forkserver").Pool(workers, initializer=_start) as pool:
        return sum(pool.map(_tokenize, chunks, chunksize=1))


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), int(sys.argv[2])))
