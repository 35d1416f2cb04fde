from __future__ import annotations

import pytest

from extract.extract_helpers import golden
from mosaic_pipeline.extract.gazetteer import build_gazetteer, load_gazetteer

CASES = golden("extract_regions.jsonl")

FIXTURE = {
    "regions": [
        {"code": "CN-JS", "kind": "province", "name": "Jiangsu", "names": {}},
        {"code": "CN-ZJ", "kind": "province", "name": "Zhejiang", "names": {}},
        {"code": "CN-BJ", "kind": "province", "name": "Beijing", "names": {"it": ["Pechino"]}},
        {"code": "CN-TJ", "kind": "province", "name": "Tianjin", "names": {}},
        {
            "code": "JJJ",
            "kind": "cluster",
            "name": "Beijing-Tianjin-Hebei",
            "names": {"it": ["Pechino-Tianjin-Hebei"]},
            "members": ["CN-BJ", "CN-TJ", "CN-HE"],
        },
        {"code": "CN", "kind": "country", "name": "China", "names": {"it": ["Cina"]}},
    ]
}
CITIES = {
    "cities": [
        {"name": "Taizhou", "region": "CN-ZJ", "population": 900},
        {"name": "Taizhou", "region": "CN-JS", "population": 500},
        {"name": "Nan", "region": "CN-XX", "population": 100},
    ]
}


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_shipped_gazetteer(case: dict) -> None:
    found = load_gazetteer().find(case["input"]["text"])
    assert [m.code for m in found] == case["expected"], case["comment"]


def test_offsets_point_at_the_surface() -> None:
    text = "Oggi PECHINO e la Cina, poi Pechino-Tianjin-Hebei."
    for m in build_gazetteer(FIXTURE, None, None).find(text):
        assert text[m.start : m.end] == m.surface


def test_longest_match_wins() -> None:
    found = build_gazetteer(FIXTURE, None, None).find("la zona Pechino-Tianjin-Hebei")
    assert [(m.code, m.kind) for m in found] == [("JJJ", "cluster")]


def test_ambiguous_city_takes_the_named_province() -> None:
    gaz = build_gazetteer(FIXTURE, None, CITIES)
    assert [m.code for m in gaz.find("Taizhou grows.")] == ["CN-ZJ"]  # most populous
    found = gaz.find("Contract makers in Jiangsu, in Suzhou and Taizhou.")
    assert [m.code for m in found] == ["CN-JS", "CN-JS"]


def test_capitalised_names_need_a_capital() -> None:
    gaz = build_gazetteer(FIXTURE, None, CITIES)
    assert gaz.find("the nan value and cina ink") == []
    assert [m.code for m in gaz.find("Nan and CINA")] == ["CN-XX", "CN"]


def test_region_names_beat_city_names() -> None:
    cities = {"cities": [{"name": "Beijing", "region": "CN-XX", "population": 10**7}]}
    found = build_gazetteer(FIXTURE, None, cities).find("Beijing")
    assert [(m.code, m.kind) for m in found] == [("CN-BJ", "province")]
