"""A lexicon read back from the cache folder is the lexicon the builder makes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mosaic_pipeline import cache
from mosaic_pipeline.repair import lexicon


@pytest.fixture
def fresh() -> Iterator[None]:
    lexicon._cached.cache_clear()
    yield
    cache.configure(None)
    lexicon._cached.cache_clear()


@pytest.mark.usefixtures("fresh")
def test_the_cached_lexicon_equals_a_fresh_build(tmp_path: Path) -> None:
    cache.configure(tmp_path)
    built = lexicon.get_lexicon("it")
    [file] = tmp_path.glob("lexicon-it-*.pickle")
    lexicon._cached.cache_clear()
    loaded = lexicon.get_lexicon("it")
    assert loaded is not built
    assert loaded == built
    assert loaded.by_skeleton["qualit\x00"][0][0] == "qualità"
    assert file.exists()


@pytest.mark.usefixtures("fresh")
def test_the_key_follows_wordfreq_and_the_builder(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    key = lexicon._build_key("it")
    assert key == lexicon._build_key("it") != lexicon._build_key("fr")
    monkeypatch.setattr(lexicon.metadata, "version", lambda _name: "0.0-other")
    assert lexicon._build_key("it") != key
