"""Build hook: compile the repair passes with mypyc (see README, "Compiled repair").

The repair stage is many small passes of string scanning; compiled by mypyc (part of mypy, which
the project already uses) from the same typed Python, a seed-sized repair costs about a third
less. MOSAIC_MYPYC=0 builds pure Python, and so does a machine without a C compiler or Python's
headers, with a warning: the modules behave the same either way.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig

from setuptools import setup

# the passes, the helpers their inner loops call and the stage that runs them; lexicon.py stays
# Python: its objects are pickled into the cache
COMPILED = [
    "src/mosaic_pipeline/stages/repair.py",
    "src/mosaic_pipeline/repair/channel.py",
    "src/mosaic_pipeline/repair/intact.py",
    "src/mosaic_pipeline/repair/layout.py",
    "src/mosaic_pipeline/repair/lossy.py",
    "src/mosaic_pipeline/repair/ocr.py",
    "src/mosaic_pipeline/repair/offsets.py",
    "src/mosaic_pipeline/repair/protect.py",
    "src/mosaic_pipeline/repair/punct.py",
    "src/mosaic_pipeline/repair/scan.py",
    "src/mosaic_pipeline/repair/words.py",
]


def _why_not() -> str | None:
    if os.environ.get("MOSAIC_MYPYC", "1") == "0":
        return "MOSAIC_MYPYC=0"
    if shutil.which(os.environ.get("CC", "cc")) is None:
        return "no C compiler"
    if not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")):
        return "no Python headers (Debian: python3-dev)"
    try:
        import mypyc  # noqa: F401
    except ImportError:
        return "mypyc is not installed"
    return None


def _ext_modules() -> list[object]:
    reason = _why_not()
    if reason is not None:
        if reason != "MOSAIC_MYPYC=0":
            print(f"mosaic_pipeline: {reason}; the repair passes stay pure Python",
                  file=sys.stderr)
        return []
    from mypyc.build import mypycify

    return list(mypycify(COMPILED, opt_level="3", group_name="mosaic_pipeline_repair"))


setup(ext_modules=_ext_modules())
