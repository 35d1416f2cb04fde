"""cache.cached: builds once per key, survives bad files and unwritable folders."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mosaic_pipeline import cache


@pytest.fixture(autouse=True)
def _no_cache_after() -> Iterator[None]:
    yield
    cache.configure(None)


class Builder:
    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_value_is_built_once_then_read_from_its_file(tmp_path: Path) -> None:
    cache.configure(tmp_path / "c")
    build = Builder({"qualita": ("qualità", 4.5)})
    assert cache.cached("lexicon-it", "k1", build) == build.value
    assert cache.cached("lexicon-it", "k1", build) == build.value
    assert build.calls == 1
    [file] = (tmp_path / "c").iterdir()
    assert file.name == "lexicon-it-k1.pickle"
    assert file.stat().st_mode & 0o777 == 0o600


def test_a_new_key_rebuilds_and_replaces_the_old_file(tmp_path: Path) -> None:
    cache.configure(tmp_path)
    cache.cached("lexicon-it", "k1", Builder(1))
    build = Builder(2)
    assert cache.cached("lexicon-it", "k2", build) == 2
    assert build.calls == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lexicon-it-k2.pickle"]


def test_a_torn_file_is_rebuilt(tmp_path: Path) -> None:
    cache.configure(tmp_path)
    (tmp_path / "lexicon-de-k1.pickle").write_bytes(b"\x80\x05torn")
    build = Builder([1, 2])
    assert cache.cached("lexicon-de", "k1", build) == [1, 2]
    assert cache.cached("lexicon-de", "k1", build) == [1, 2]
    assert build.calls == 1


def test_a_path_that_is_a_file_only_costs_the_build(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.configure(blocker)
    build = Builder("x")
    assert cache.cached("lexicon-fr", "k", build) == "x"
    assert cache.cached("lexicon-fr", "k", build) == "x"
    assert build.calls == 2


def test_without_a_folder_every_call_builds(tmp_path: Path) -> None:
    cache.configure(None)
    build = Builder(3)
    cache.cached("lexicon-es", "k", build)
    cache.cached("lexicon-es", "k", build)
    assert build.calls == 2
    assert list(tmp_path.iterdir()) == []


def test_tesseract_is_asked_its_version_once_per_binary(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from mosaic_pipeline import orchestrator

    binary = tmp_path / "bin" / "tesseract"
    binary.parent.mkdir()
    binary.write_text("#!/bin/sh\necho 'tesseract 5.3.0'\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PATH", str(binary.parent))
    ask = Builder("5.3.0")
    monkeypatch.setattr(orchestrator, "tesseract_version", ask)
    cache.configure(tmp_path / "cache")
    assert [orchestrator._tesseract_version() for _ in range(3)] == ["5.3.0"] * 3
    assert ask.calls == 1
    os.utime(binary, ns=(1, 1))  # another binary (an upgrade changes the file)
    ask.value = "5.4.0"
    assert orchestrator._tesseract_version() == "5.4.0" and ask.calls == 2
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert orchestrator._tesseract_version() is None


_LOADS: list[bool] = []  # gc.isenabled() as each GcProbe was unpickled


class GcProbe:
    def __init__(self) -> None:
        self.payload = [1, 2, 3]

    def __setstate__(self, state: dict[str, object]) -> None:
        _LOADS.append(gc.isenabled())
        self.__dict__.update(state)


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_collector_is_off_while_a_pickle_loads_and_as_it_was_after(
        tmp_path: Path, enabled_before: bool) -> None:
    cache.configure(tmp_path)
    cache.cached("probe", "k", GcProbe)  # built and stored
    _LOADS.clear()
    try:
        if not enabled_before:
            gc.disable()
        assert cache.cached("probe", "k", GcProbe).payload == [1, 2, 3]
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable()
    assert _LOADS == [False]
