"""`mosaic report`, `mosaic status`, `mosaic show`: thin commands over report/ and views."""

from __future__ import annotations

from pathlib import Path

import click

from . import io, views
from .cli import _setup_logging, common, out_option
from .schemas import TABLES
from .sectors import SECTORS


@click.command()
@out_option
@click.option("--to", "to", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the HTML here [default: OUT/report.html]; heatmap.png goes beside it.")
@common
def report(out: Path, to: Path | None, verbose: int, quiet: bool, log_format: str) -> None:
    """Write one self-contained HTML report (heatmap, region cards, repairs, runs).

    \b
    Viewable offline: inline CSS, the heatmap embedded, no script.
    Examples:
      mosaic run seeds/ && mosaic report
      mosaic report --out /srv/mosaic --to /var/www/mosaic/index.html
    """
    from .report import build_report

    _setup_logging(verbose, quiet, log_format)
    files = build_report(out, to)
    if not quiet:
        click.echo(f"mosaic: report written to {files.html} (heatmap {files.heatmap})")


@click.command()
@out_option
@click.option("--runs", "last_runs", type=click.IntRange(1), default=5, show_default=True,
              help="How many of the last runs to list.")
@common
def status(out: Path, last_runs: int, verbose: int, quiet: bool, log_format: str) -> None:
    """Last runs, rows per table, quarantined files, documents with a stale fingerprint.

    \b
    A stale document was processed by another pipeline (code, config, data files or
    tesseract changed); the next `mosaic run` re-processes it.
    Example:
      mosaic status --out /srv/mosaic
    """
    _setup_logging(verbose, quiet, log_format)
    if io.current_snapshot(out) is None:
        click.echo(f"mosaic: no published tables in {out}; run `mosaic run SRC --out {out}`")
        return
    tables = {n: io.read_table(out, n) for n in ("runs", "quarantine", "documents")}
    counts = {name: _count_rows(out, name) for name in TABLES}
    click.echo(f"mosaic: tables in {out}")
    for line in views.status_lines(tables, counts, views.current_fingerprint(), last_runs):
        click.echo(line)


def _count_rows(out: Path, name: str) -> int:
    """Rows from the Parquet footer: status must stay quick on a large texts table."""
    import pyarrow.parquet as pq

    path = out / "current" / f"{name}.parquet"
    return pq.ParquetFile(path).metadata.num_rows if path.exists() else 0


@click.command()
@click.argument("what", type=click.Choice(views.SHOW_KINDS))
@click.option("--region", default=None, callback=lambda _c, _p, v: v.upper() if v else v,
              help="Only this region code (CN-NM, GBA, CN, ...; any case).")
@click.option("--sector", type=click.Choice(SECTORS), default=None, help="Only this sector.")
@click.option("--format", "fmt", type=click.Choice(views.FORMATS), default="table",
              show_default=True, help="table for reading; csv or json for other tools.")
@click.option("--sources", is_flag=True,
              help="matrix: list each cell's source rows (document, offsets, sentence).")
@click.option("--expand-clusters", is_flag=True,
              help="matrix: also credit a cluster's rows to its member provinces.")
@out_option
@common
def show(what: str, region: str | None, sector: str | None, fmt: str, sources: bool,
         expand_clusters: bool, out: Path, verbose: int, quiet: bool, log_format: str) -> None:
    """Print figures, regions, links or matrix cells from the tables.

    \b
    Examples:
      mosaic show figures --region CN-NM
      mosaic show links --sector quantum --format csv > quantum.csv
      mosaic show matrix --region GBA --sources
      mosaic show regions --format json
    """
    from .report import load_tables
    from .stages.matrix import cluster_members

    _setup_logging(verbose, quiet, log_format)
    if (sources or expand_clusters) and what != "matrix":
        raise click.UsageError("--sources and --expand-clusters apply to `show matrix` only")
    tables = load_tables(out, ("documents", "texts", "mentions", "figures", "links", "matrix"))
    members = cluster_members() if expand_clusters else None
    kind, note = what, None
    if what == "figures":
        rows, note = views.figure_rows(tables, region, sector), "sentence"
    elif what == "links":
        rows, note = views.link_rows(tables, region, sector), "sentence"
    elif what == "regions":
        rows = views.region_rows(tables, region, sector)
    elif sources:
        kind, note = "sources", "sentence"
        rows = views.source_rows(tables, region, sector, members)
    else:
        rows = views.matrix_rows(tables, region, sector, members)
    if not rows and fmt == "table":
        click.echo(f"no {kind} match", err=True)
        return
    click.echo(views.render(rows, fmt, views.TABLE_COLUMNS[kind], note), nl=False)


ANALYST_COMMANDS = [report, status, show]
