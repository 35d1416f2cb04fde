"""The `mosaic` command: parse options, call one library function, map errors to exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import OCR_ENGINES, IngestConfig, PipelineConfig
from .errors import ExitCode, MosaicError, TooManyQuarantinedError

# Arrow's default allocator (mimalloc) keeps what the commit's short-lived tables freed: the
# commit of 10,000 documents peaked 70 MB higher with it than with the system allocator, and
# was no faster. Read when pyarrow is first imported, which the commands do lazily; a value
# set by the user wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

log = logging.getLogger("mosaic")
DEFAULT_OUT = Path("data")


# ---------------------------------------------------------------- shared plumbing


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        from .orchestrator import utc_now

        event = {"at": utc_now(), "level": record.levelname.lower(), "event": record.getMessage()}
        event.update(getattr(record, "fields", {}))
        return json.dumps(event, ensure_ascii=False, sort_keys=True)


def _setup_logging(verbose: int, quiet: bool, log_format: str) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                            logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter() if log_format == "json"
                         else logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    # a cron job's JSON log always carries the planned/finished events, even with -q
    log.setLevel(min(level, logging.INFO) if log_format == "json" else level)
    log.propagate = False


class MosaicGroup(click.Group):
    """Maps every MosaicError to its documented exit code, in this one place; loads the
    analyst commands on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *ANALYST_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in ANALYST_COMMANDS:
            command = _analyst_command(cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MosaicError as e:
            click.echo(f"mosaic: error: {e.describe()}", err=True)
            ctx.exit(int(e.exit_code))
        except KeyboardInterrupt:
            click.echo("mosaic: interrupted", err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))


def common(fn: Callable[..., Any]) -> Callable[..., Any]:
    """-v / -q / --log-format on every command."""
    fn = click.option("--log-format", type=click.Choice(["text", "json"]), default="text",
                      show_default=True, help="json: one event per line on stderr (for cron).")(fn)
    fn = click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bar.")(fn)
    fn = click.option("-v", "--verbose", count=True, help="More detail (-vv for debug).")(fn)
    return fn


def out_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--out", "out", type=click.Path(path_type=Path), default=DEFAULT_OUT,
                        show_default=True, help="Folder of the Parquet tables.")(fn)


@click.group(cls=MosaicGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mosaic")
def cli() -> None:
    """Repair damaged press releases and extract China's regions, figures and sectors.

    \b
    Examples:
      mosaic run seeds/                 # every stage, tables in data/
      mosaic run inbox/ --out /srv/mosaic --log-format json -q   # nightly cron
      mosaic eval --gold gold/ --min-f1 0.9
      mosaic fix damaged.txt --explain
    """


def _progress_bar(enabled: bool) -> Any:
    """A rich progress bar on stderr, only for a person at a terminal."""
    if not enabled:
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    return Progress("[progress.description]{task.description}", BarColumn(),
                    MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                    console=Console(stderr=True))


# ---------------------------------------------------------------- run and the stages


def _run(src: tuple[Path, ...], out: Path, upto: str, quiet: bool, **opts: Any) -> None:
    if opts.get("executor") == "local" and not opts.get("scheduler"):
        from .warmup import likely_work

        if likely_work(src, out, bool(opts.get("force"))):
            from .engine.local import prestart

            prestart()
    from .orchestrator import RunOptions, run_pipeline

    config = PipelineConfig(ingest=IngestConfig(ocr_engine=opts.pop("ocr_engine", "auto")))
    options = RunOptions(out=out, upto=upto, **opts)
    bar = _progress_bar(not quiet and sys.stderr.isatty())
    state: dict[str, Any] = {}

    def on_plan(plan: Any) -> None:
        log.info("planned", extra={"fields": {"seen": plan.n_seen, "to_process": len(plan.tasks),
                                              "unchanged": len(plan.unchanged)}})
        if bar is not None:
            bar.start()
            state["task"] = bar.add_task("processing", total=len(plan.tasks))

    def progress(path: str, outcome: str) -> None:
        if outcome != "ok":
            from .schemas import os_text  # loaded by the run already

            path = os_text(path)  # as the quarantine table will name it
            log.warning("quarantined %s (%s)", path, outcome,
                        extra={"fields": {"path": path, "error_class": outcome}})
        if bar is not None:
            bar.advance(state["task"])

    try:
        summary = run_pipeline(list(src), options, config, progress, on_plan)
    finally:
        if bar is not None:
            bar.stop()
    log.info("finished", extra={"fields": {
        "seen": summary.n_seen, "processed": summary.n_processed, "skipped": summary.n_skipped,
        "quarantined": summary.n_quarantined, "links_not_followed": len(summary.links),
        "seconds": round(summary.seconds, 2)}})
    if not quiet:
        click.echo(f"mosaic: {summary.line()}; tables in {out}")
        for row in summary.quarantined:
            click.echo(f"  quarantined {row['source_path']}: {row['error_class']}: "
                       f"{row['message']}")
        for link in summary.links:
            click.echo(f"  not followed {link}: a symbolic link (it may lead outside the "
                       "source folders; name its target instead)")
    if summary.exit_code == ExitCode.TOO_MANY_QUARANTINED:
        raise TooManyQuarantinedError(
            f"{summary.n_quarantined} of {summary.n_seen} documents quarantined, above "
            f"--max-quarantine {options.max_quarantine:.0%}")


def run_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--executor", type=click.Choice(["serial", "local", "dask"]),
                     default="local", show_default=True,
                     help="serial (debugging), local process pool, or a Dask cluster."),
        click.option("--workers", type=click.IntRange(1), default=None,
                     help="Worker processes [default: number of cores]."),
        click.option("--scheduler", default=None,
                     help="Join an existing Dask scheduler, e.g. tcp://10.0.0.5:8786."),
        click.option("--timeout", type=click.FloatRange(1), default=120.0, show_default=True,
                     help="Seconds one document may take before it is quarantined."),
        click.option("--memory-mb", type=click.IntRange(0), default=3072, show_default=True,
                     help="Memory cap per worker process (0: none)."),
        click.option("--wait", is_flag=True, help="Wait for another run's lock instead of exit 5."),
        click.option("--max-quarantine", type=click.FloatRange(0, 1), default=0.5,
                     show_default=True, help="Exit 6 above this share of quarantined documents."),
        click.option("--keep-deleted", is_flag=True,
                     help="Keep rows of documents whose files are gone (default: drop them)."),
        click.option("--force", is_flag=True, help="Re-process unchanged documents too."),
        click.option("--ocr-engine", type=click.Choice(OCR_ENGINES), default="auto",
                     show_default=True, help="auto: tesseract's library in each worker when it "
                     "is the tesseract command's own, else the command; command: always the "
                     "command (slower)."),
        click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     default=None, help="Derived data (the repair lexicons) kept between runs "
                     "[default: OUT/.mosaic/cache]; on a Dask cluster, a folder every worker "
                     "can write, or none is kept."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


@cli.command()
@click.argument("src", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option
@run_options
@common
def run(src: tuple[Path, ...], out: Path, verbose: int, quiet: bool, log_format: str,
        **opts: Any) -> None:
    """Run every stage on SRC files or folders and publish the tables.

    \b
    Incremental: documents whose bytes and pipeline are unchanged are skipped.
    Examples:
      mosaic run seeds/
      mosaic run inbox/ archive/2026/ --out /srv/mosaic --workers 8
      mosaic run inbox/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    _setup_logging(verbose, quiet, log_format)
    _run(src, out, "extract", quiet, **opts)


@cli.command()
@click.argument("src", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option
@run_options
@common
def ingest(src: tuple[Path, ...], out: Path, verbose: int, quiet: bool, log_format: str,
           **opts: Any) -> None:
    """Read SRC into the documents and texts tables (no repair, no extraction).

    \b
    Example:
      mosaic ingest seeds/ && mosaic repair && mosaic extract && mosaic matrix
    """
    _setup_logging(verbose, quiet, log_format)
    _run(src, out, "ingest", quiet, **opts)


def _stage_command(stage: str, summary: str, example: str) -> None:
    @cli.command(name=stage, help=f"{summary}\n\n\b\nExample:\n  {example}")
    @out_option
    @common
    def command(out: Path, verbose: int, quiet: bool, log_format: str) -> None:
        _rerun(stage, out, verbose, quiet, log_format)


def _rerun(stage: str, out: Path, verbose: int, quiet: bool, log_format: str,
           expand_clusters: bool = False) -> None:
    from .orchestrator import rerun_stage

    _setup_logging(verbose, quiet, log_format)
    n = rerun_stage(out, stage, PipelineConfig(), expand_clusters)
    if not quiet:
        click.echo(f"mosaic: {stage}: {n} documents; tables in {out}")


_stage_command("repair", "Re-run the repair stage over the texts table.",
               "mosaic repair --out data")
_stage_command("extract", "Re-run extraction over the repaired texts.", "mosaic extract --out data")


@cli.command()
@out_option
@click.option("--expand-clusters", is_flag=True,
              help="Also credit a cluster's links and figures to its member provinces.")
@common
def matrix(out: Path, expand_clusters: bool, verbose: int, quiet: bool, log_format: str) -> None:
    """Rebuild the region x sector matrix (long, wide, CSV, lineage) from links and figures.

    \b
    Clusters (GBA, YRD, JJJ, CCEC) are rows of their own; a later `mosaic run` rebuilds the
    matrix without expansion.
    Examples:
      mosaic matrix --out data
      mosaic matrix --expand-clusters
    """
    _rerun("matrix", out, verbose, quiet, log_format, expand_clusters)


# ---------------------------------------------------------------- eval and fix


@cli.command(name="eval")
@click.option("--gold", "gold", multiple=True, required=True, type=click.Path(path_type=Path),
              help="Folder of <doc>.clean.txt/.figures.jsonl/.regions.json (repeatable).")
@out_option
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None,
              help="Exit 9 when figures, regions or links F1 falls below this.")
@click.option("--baseline", type=click.Path(path_type=Path), default=None,
              help="Exit 9 when a score falls more than 0.02 below this JSON report.")
@click.option("--baseline-scope", default=None,
              help="Section of the baseline file to compare with (e.g. seed, corpus).")
@click.option("--update-baseline", is_flag=True,
              help="Write this run's scores into the baseline file (under --baseline-scope).")
@click.option("--report", "report_path", type=click.Path(path_type=Path), default=None,
              help="Write the JSON report here [default: OUT/eval.json].")
@click.option("--details", is_flag=True, help="List misses and false positives per document.")
@common
def eval_(gold: tuple[Path, ...], out: Path, min_f1: float | None, baseline: Path | None,
         baseline_scope: str | None, update_baseline: bool, report_path: Path | None,
         details: bool, verbose: int, quiet: bool, log_format: str) -> None:
    """Score the tables against gold annotations (the CI regression gate).

    \b
    Examples:
      mosaic eval --gold tests/corpus/seed_gold
      mosaic eval --gold tests/corpus/gold --baseline tests/eval_baseline.json \\
          --baseline-scope corpus --details
    """
    from .evaluation import Gate, run_eval

    _setup_logging(verbose, quiet, log_format)
    gate = Gate(min_f1, baseline, baseline_scope, update_baseline)
    run_eval(out, list(gold), gate, report_path, details or verbose > 0, quiet)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["it", "en", "fr", "de", "es", "pt"]), default=None,
              help="Language of the text [default: detected].")
@click.option("--explain", is_flag=True, help="List every edit (span, before, after, rule).")
@common
def fix(file: Path, lang: str | None, explain: bool, verbose: int, quiet: bool,
        log_format: str) -> None:
    """Print one file's repaired text.

    \b
    Examples:
      mosaic fix seeds/000_452218e2bf370e09.txt
      mosaic fix scan.pdf --explain
    """
    from .stages.ingest import ingest_file
    from .stages.repair import explain as explain_edits
    from .stages.repair import repair

    _setup_logging(verbose, quiet, log_format)
    config = PipelineConfig()
    doc = ingest_file(file, config.ingest)
    repaired = repair(doc.raw_text, lang or doc.language, config.repair)
    if explain:
        for line in explain_edits(repaired):
            click.echo(line)
        click.echo(f"{len(repaired.edits)} edits", err=True)
    else:
        click.echo(repaired.text, nl=not repaired.text.endswith("\n"))


def main() -> None:
    cli(prog_name="mosaic")


# report / status / show live in their own module, loaded when one of them is called: they
# bring pyarrow.compute, which `mosaic run` on unchanged input never needs
ANALYST_COMMANDS = ("report", "status", "show")


def _analyst_command(name: str) -> click.Command | None:
    try:
        from . import cli_analyst
    except ImportError:  # a missing module must not break the pipeline's commands
        return None
    command = getattr(cli_analyst, name, None)
    return command if isinstance(command, click.Command) else None
