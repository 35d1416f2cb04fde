"""`mosaic report`, `status`, `show` in-process: exact lines, files written, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mosaic_pipeline import views
from mosaic_pipeline.cli import cli

SEED_NAME = "000_452218e2bf370e09.txt"


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# ---------------------------------------------------------------- show


def test_show_figures_region_table(seed_out: Path) -> None:
    result = _run("show", "figures", "--region", "CN-NM", "--out", str(seed_out))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["region", "sector", "value", "unit", "qualifier", "metric",
                                "surface", "document"]
    assert re.fullmatch(r"CN-NM +computing +220000 +PFLOPS +- +computing power +"
                        r"220\.000 PetaFLOPS +" + re.escape(SEED_NAME), lines[2])
    assert lines[3] == ("    “La potenza di calcolo della Mongolia Interna ha raggiunto la cifra "
                        "incredibile di 220.000 PetaFLOPS, mentre il Guizhou ha attirato oltre "
                        "150 partner dell’ecosistema cloud Huawei.”")
    assert len(lines) == 4


def test_show_figures_csv_and_json_agree(seed_out: Path) -> None:
    args = ("show", "figures", "--sector", "computing", "--out", str(seed_out))
    as_csv = list(csv.DictReader(io.StringIO(_run(*args, "--format", "csv").output)))
    as_json = json.loads(_run(*args, "--format", "json").output)
    assert len(as_csv) == len(as_json) > 1
    assert {r["sector"] for r in as_json} == {"computing"}
    assert [r["value"] for r in as_csv] == [r["value"] for r in as_json]
    nm = [r for r in as_json if r["region"] == "CN-NM"]
    assert nm[0]["unit"] == "PFLOPS" and "220.000 PetaFLOPS" in nm[0]["sentence"]
    assert nm[0]["start"] < nm[0]["end"]


def test_show_matrix_sources_lead_to_sentences(seed_out: Path) -> None:
    result = _run("show", "matrix", "--region", "CN-NM", "--sources", "--format", "json",
                  "--out", str(seed_out))
    rows = json.loads(result.output)
    assert {(r["kind"], r["sector"]) for r in rows} == {("link", "computing"),
                                                         ("figure", "computing")}
    assert all(r["document"] == SEED_NAME and r["sentence"] for r in rows)


def test_show_matrix_expand_clusters(seed_out: Path) -> None:
    from mosaic_pipeline.stages.matrix import cluster_members

    if "CN-GD" not in cluster_members().get("GBA", ()):
        pytest.skip("regions.json with cluster members is not shipped yet")
    args = ("show", "matrix", "--region", "CN-GD", "--format", "json", "--out", str(seed_out))
    assert json.loads(_run(*args).output) == []  # Guangdong has no row of its own in the seed
    credited = json.loads(_run(*args, "--expand-clusters").output)
    assert {r["sector"] for r in credited} == {"ai", "robotics", "drones", "marine"}


def test_show_regions_and_links(seed_out: Path) -> None:
    regions = _run("show", "regions", "--out", str(seed_out)).output.splitlines()
    assert regions[0].split()[:3] == ["region", "name", "kind"]
    assert regions[2].startswith("CN ")
    links = _run("show", "links", "--region", "CN-AH", "--format", "csv", "--out", str(seed_out))
    sectors = [r["sector"] for r in csv.DictReader(io.StringIO(links.output))]
    assert sorted(sectors) == ["nuclear", "quantum"]


def test_show_no_match_and_bad_usage(seed_out: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "figures", "--region", "CN-XZ", "--out",
                                      str(seed_out)])
    assert result.exit_code == 0
    assert result.output == "no figures match\n"
    bad = CliRunner().invoke(cli, ["show", "figures", "--sector", "steel", "--out",
                                   str(seed_out)])
    assert bad.exit_code == 2


def test_show_without_tables_exits_4(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "figures", "--out", str(tmp_path / "none")])
    assert result.exit_code == 4
    assert "no published tables" in result.output


# ---------------------------------------------------------------- status


def test_status_flags_stale_documents(publish: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    out = publish(fingerprint="fp-old")
    monkeypatch.setattr(views, "current_fingerprint", lambda: "fp-new")
    result = _run("status", "--out", str(out))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"mosaic: tables in {out}"
    assert "  figures      11 rows" in lines
    assert "  seeds/broken.pdf: ingest/encrypted: PDF is encrypted <no password>" in lines
    assert "stale documents: 1 (current fingerprint fp-new)" in lines
    assert f"  seeds/{SEED_NAME} (processed under fp-old)" in lines


def test_status_current_fingerprint_is_not_stale(publish: Any) -> None:
    out = publish(fingerprint=views.current_fingerprint())
    lines = _run("status", "--out", str(out)).output.splitlines()
    assert lines[-1].startswith("stale documents: 0 ")


def test_status_without_tables(tmp_path: Path) -> None:
    result = _run("status", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert result.output.startswith(f"mosaic: no published tables in {tmp_path}")


# ---------------------------------------------------------------- report


def test_report_writes_html_and_png(reported: Path) -> None:
    html = (reported / "report.html").read_text(encoding="utf-8")
    png = (reported / "heatmap.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    assert 'src="data:image/png;base64,' in html
    assert 'id="region-CN-NM"' in html
    # self-contained: no fetch of anything outside the file
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "<script" not in html


def test_report_is_deterministic_and_honours_to(reported: Path, tmp_path: Path) -> None:
    target = tmp_path / "site" / "index.html"
    assert _run("report", "--out", str(reported), "--to", str(target)).exit_code == 0
    assert target.read_bytes() == (reported / "report.html").read_bytes()
    assert (target.parent / "heatmap.png").read_bytes() == (reported / "heatmap.png").read_bytes()


def _page(rows: dict[str, list[dict[str, Any]]]) -> str:
    """The HTML alone (no heatmap drawing: that costs seconds and is tested elsewhere)."""
    from mosaic_pipeline.report.page import render_report
    from mosaic_pipeline.schemas import table_from_rows
    from mosaic_pipeline.stages.matrix import matrix_table

    tables = {name: table_from_rows(name, r) for name, r in rows.items()}
    tables["matrix"] = matrix_table(tables["links"], tables["figures"])
    return render_report(tables, b"png")


def test_report_escapes_text(seed: Any) -> None:
    rows = seed()
    rows["quarantine"][0]["message"] = '<img src=x onerror="alert(1)">'
    rows["figures"][0]["metric"] = "<b>bold</b> & co"
    html = _page(rows)
    assert "<img src=x" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html


def test_report_without_tables_exits_4(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--out", str(tmp_path)])
    assert result.exit_code == 4
    assert not (tmp_path / "report.html").exists()


def test_report_caps_long_cards(seed: Any) -> None:
    rows = seed()
    base = next(f for f in rows["figures"] if f["region"] == "CN-NM")
    rows["figures"] += [dict(base, start=base["start"] + i, end=base["end"] + i, sentence_id=i)
                        for i in range(1, 60)]
    html = _page(rows)
    from mosaic_pipeline.report.page import MAX_ROWS

    assert f"{60 - MAX_ROWS} more figures: <code>mosaic show figures --region CN-NM</code>" in html
    card = html.split('id="region-CN-NM"', 1)[1].split("</section>", 1)[0]
    assert card.count('<td class="value">') == MAX_ROWS


@pytest.mark.slow
def test_seed_run_then_report_and_show(tmp_path: Path) -> None:
    """The issue's acceptance: `mosaic run seeds/ && mosaic report`, and show on its output."""
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    out = tmp_path / "out"
    before = views.current_fingerprint()
    run = CliRunner().invoke(cli, ["run", str(seeds), "--out", str(out), "--executor", "serial",
                                   "-q"])
    assert run.exit_code == 0, run.output
    assert _run("report", "--out", str(out)).exit_code == 0
    assert (out / "heatmap.png").read_bytes().startswith(b"\x89PNG")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "220000 <span class=\"unit\">PFLOPS</span>" in html
    shown = _run("show", "figures", "--region", "CN-NM", "--out", str(out)).output.splitlines()
    assert any(" 220000 " in line and "PFLOPS" in line for line in shown)
    assert any("220.000 PetaFLOPS" in line and line.startswith("    “") for line in shown)
    status = _run("status", "--out", str(out)).output.splitlines()
    if views.current_fingerprint() != before:
        pytest.skip("a data file changed while the test ran: every document is stale")
    assert status[-1].startswith("stale documents: 0 ")


def test_show_region_any_case(seed_out: Path) -> None:
    upper = _run("show", "figures", "--region", "CN-NM", "--format", "json", "--out", str(seed_out))
    lower = _run("show", "figures", "--region", "cn-nm", "--format", "json", "--out", str(seed_out))
    assert json.loads(lower.output) == json.loads(upper.output) != []


def test_report_and_show_on_empty_tables(publish: Any, seed: Any) -> None:
    """A run where every document was quarantined still gives a readable page."""
    rows = {name: [] for name in seed()}
    rows["quarantine"] = seed()["quarantine"]
    out = publish(rows)
    assert _run("report", "--out", str(out)).exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "No region has figures or links." in html
    assert "seeds/broken.pdf" in html
    assert (out / "heatmap.png").read_bytes().startswith(b"\x89PNG")
    shown = CliRunner().invoke(cli, ["show", "matrix", "--out", str(out)])
    assert (shown.exit_code, shown.output) == (0, "no matrix match\n")


def test_show_matrix_only_options_are_usage_errors(seed_out: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "figures", "--sources", "--out", str(seed_out)])
    assert result.exit_code == 2
    assert "apply to `show matrix` only" in result.output
