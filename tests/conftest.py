"""Shared fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # every table written in a test carries the same timestamps, so runs can be compared
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
