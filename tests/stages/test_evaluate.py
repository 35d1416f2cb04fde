from __future__ import annotations

from mosaic_pipeline.stages.evaluate import Gold, evaluate, match_figures, regressions


def fig(region: str, value: float, unit: str = "count", start: int = 0) -> dict[str, object]:
    return {"doc_id": "x", "region": region, "value": value, "unit": unit, "sector": None,
            "qualifier": None,
            "surface": str(value), "start": start, "end": start + 1}


def test_value_tolerance_is_half_a_percent_relative() -> None:
    gold = [fig("CN-AH", 1000.0)]
    assert match_figures([fig("CN-AH", 1004.9)], gold) == ([], [])
    assert match_figures([fig("CN-AH", 1006.0)], gold) == ([0], [0])


def test_each_gold_figure_matches_one_prediction() -> None:
    fp, miss = match_figures([fig("CN-AH", 5.0), fig("CN-AH", 5.0)], [fig("CN-AH", 5.0)])
    assert (fp, miss) == ([1], [])


def test_region_and_unit_must_agree() -> None:
    gold = [fig("CN-AH", 5.0, "percent")]
    assert match_figures([fig("CN-SH", 5.0, "percent"), fig("CN-AH", 5.0)], gold) == ([0, 1], [0])


GOLD = Gold("doc-1", "Anhui ha 5 aziende.", (fig("CN-AH", 5.0),), frozenset({"CN-AH", "CN"}),
            frozenset({("CN-AH", "quantum")}), frozenset({("CN-AH", "agritech")}))


def test_scores_figures_regions_links_and_not_links() -> None:
    docs = [{"doc_id": "x", "source_path": "in/lossy/doc-1.txt"},
            {"doc_id": "y", "source_path": "in/other.txt"}]
    report = evaluate(
        docs, {"x": "Anhui ha 5 aziende."}, [fig("CN-AH", 5.0), fig("CN-AH", 7.0)],
        [{"doc_id": "x", "region": "CN-AH"}],
        [{"doc_id": "x", "region": "CN-AH", "sector": "agritech"}], {"doc-1": GOLD})
    o = report["overall"]
    assert (o["figures"]["precision"], o["figures"]["recall"]) == (0.5, 1.0)
    assert (o["regions"]["precision"], o["regions"]["recall"]) == (1.0, 0.5)
    assert o["links"]["f1"] == 0.0 and o["not_links"] == 1
    assert o["cer_median"] == 0.0
    assert report["unmatched_documents"] == ["other"]
    assert report["groups"]["lossy"]["n_docs"] == 1
    doc = report["documents"][0]
    assert {"table": "regions", "region": "CN"} in doc["misses"]
    assert doc["false_positives"][0]["sentence"] == "Anhui ha 5 aziende."


def test_regressions_flag_drops_beyond_tolerance() -> None:
    base = {"overall": {"figures": {"f1": 0.90}, "regions": {"f1": 1.0}, "links": {"f1": 0.8},
                        "cer_median": 0.01}}
    now = {"overall": {"figures": {"f1": 0.89}, "regions": {"f1": 0.97}, "links": {"f1": 0.8},
                       "cer_median": 0.0125}, "groups": {}}
    assert regressions(now, base) == ["overall: regions F1 0.9700 < baseline 1.0000",
                                      "overall: median CER 0.0125 > baseline 0.0100"]
