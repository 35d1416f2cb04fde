"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

import mosaic_pipeline


def pytest_sessionstart(session: pytest.Session) -> None:
    # a module mypyc compiled (setup.py) is imported from its .so even after its .py changed:
    # tests would pass or fail on the old code
    package = Path(mosaic_pipeline.__file__).parent
    stale = [
        str(so.relative_to(package.parent))
        for so in package.rglob("*.so")
        if (py := so.parent / (so.name.split(".", 1)[0] + ".py")).exists()
        and py.stat().st_mtime > so.stat().st_mtime
    ]
    if stale:
        pytest.exit(f"compiled modules older than their source: {', '.join(stale)}; "
                    "run `make install` (or delete them to test pure Python)", returncode=4)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # every table written in a test carries the same timestamps, so runs can be compared
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
