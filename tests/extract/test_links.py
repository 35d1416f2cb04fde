from __future__ import annotations

import pytest

from extract.extract_helpers import golden, locate
from mosaic_pipeline.extract.pipeline import run

CASES = golden("extract_links.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_links(case: dict) -> None:
    text, language = case["input"]["text"], case["input"]["language"]
    pairs = {(k.region, k.sector) for k in run(text, language, []).links}
    for region, sector in case["expected"]["links"]:
        assert (region, sector) in pairs, (case["comment"], pairs)
    for region, sector in case["expected"]["absent"]:
        assert (region, sector) not in pairs, (case["comment"], pairs)
    if not case["expected"]["links"] and not case["expected"]["absent"]:
        assert pairs == set()


def test_figure_sector_is_a_link_with_its_clause_as_evidence() -> None:
    text = "Shandong ha lanciato 137 satelliti; Hubei punta sull'optoelettronica."
    quantities = locate(text, [["137 satelliti", 137, "count"]])
    links = run(text, "it", quantities).links
    sd = [k for k in links if k.region == "CN-SD"]
    assert sd and all(text[k.start : k.end] == k.evidence for k in sd)
    assert all("Hubei" not in k.evidence for k in sd)


def test_ships_only_region_gets_no_link() -> None:
    text = "La maggior parte delle auto elettriche viene imbarcata a Shanghai."
    pairs = {(k.region, k.sector) for k in run(text, "it", []).links}
    assert ("CN-SH", "nev") not in pairs
