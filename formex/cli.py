"""The command line: a thin shell over the library (`formex --help`)."""
from __future__ import annotations

import json
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

import formex
from formex.api import extract_tables, results_to_frames
from formex.compact import DEFAULT_FILE_ROWS
from formex.committer import DEFAULT_BATCH_DOCS, DEFAULT_BATCH_ROWS, BatchPolicy, DatasetError
from formex.engines import EngineError, open_engine
from formex.extract.readers import READERS
from formex.extract.xlsx_doc import refuse_xls
from formex.manifest import ManifestError, manifest_path
from formex.report_run import (EXIT_DOCUMENTS_FAILED, EXIT_RUN_FAILED, EXIT_USAGE, BarProgress, LogProgress,
                               exit_code, print_summary, summary_to_json)
from formex.inputs import InputError, list_inputs
from formex.isolation import DEFAULT_DOC_MEMORY_MIB, DEFAULT_DOC_SECONDS, DocBudget
from formex.runner import RunSettings, extract_as_recorded, run_extract, run_renormalize
from formex.schemas.errors import DocumentFileError, SchemaError
from formex.schemas.forms import load_all_form_schemas

# Built from the readers' own table, so the help names exactly the formats read today.
READ_SUFFIXES = sorted(s for s, (_, reader) in READERS.items() if reader is not refuse_xls)
REFUSED_SUFFIXES = sorted(s for s, (_, reader) in READERS.items() if reader is refuse_xls)
INPUTS_HELP = (f"Files or folders (recursed). Read: {' '.join(READ_SUFFIXES)}. Recorded as failed "
               f"with a reason: {' '.join(REFUSED_SUFFIXES)}. Other files in folders are skipped "
               "and counted.")

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn OCR'd government forms into typed Parquet tables.")


def print_version(value: bool) -> None:
    if value:
        typer.echo(f"formex {formex.__version__}")
        raise typer.Exit()


@app.callback()
def options(version: bool = typer.Option(False, "--version", callback=print_version, is_eager=True,
                                         help="Print the version and exit.")) -> None:
    """Turn OCR'd government forms into typed Parquet tables."""


class FailOn(str, Enum):
    failed = "failed"
    partial = "partial"
    never = "never"


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., exists=True, help=INPUTS_HELP),
    out: Path = typer.Option(..., "--out", "-o", help="Dataset folder to write (created if missing)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                          help="Worker processes (default: every core)."),
    engine: EngineName = typer.Option(EngineName.local, "--engine",
                                      help="local (this machine) or dask (a LocalCluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Run on the Dask scheduler at ADDRESS (implies --engine dask)."),
    force: bool = typer.Option(False, "--force", help="Re-extract sources whose bytes are unchanged."),
    prune: bool = typer.Option(False, "--prune", help="Drop sources the inputs no longer have."),
    fail_on: FailOn = typer.Option(FailOn.failed, "--fail-on",
                                   help="Exit 1 when a document failed, was failed or partial, or never."),
    json_report: bool = typer.Option(False, "--json", help="Print a JSON run report on stdout; text goes to stderr."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary (errors only)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="A line per document, every failure listed."),
    keep_documents: bool = typer.Option(
        False, "--keep-documents",
        help="Also save each document as read, as OUT/_documents/<doc_id>.jsonl.gz, so --renormalize "
             "or `formex renormalize` can redo its tables without reading the file again."),
    renormalize: bool = typer.Option(
        False, "--renormalize",
        help="Sources whose bytes are unchanged and whose document is saved: normalize the saved "
             "document again (after a vocabulary fix); changed sources are extracted."),
    batch_rows: int = typer.Option(DEFAULT_BATCH_ROWS, "--batch-rows", min=1,
                                   help="Commit when a batch holds this many rows (all tables)."),
    batch_docs: int = typer.Option(DEFAULT_BATCH_DOCS, "--batch-docs", min=1,
                                   help="Commit when a batch holds this many documents."),
    schemas: Optional[list[Path]] = typer.Option(
        None, "--schemas", exists=True, file_okay=False,
        help="A folder of form families (*.yaml, as in schemas/forms/): added to the shipped ones, "
             "and replacing a shipped family of the same form_type. Repeatable. Unchanged sources "
             "are not read again: add --force to read them with the new families."),
    doc_timeout: float = typer.Option(
        DEFAULT_DOC_SECONDS, "--doc-timeout", min=0, metavar="SECONDS",
        help="A document still being read after this long is stopped and recorded as failed (0: no limit)."),
    doc_memory: int = typer.Option(
        DEFAULT_DOC_MEMORY_MIB, "--doc-memory", min=0, metavar="MIB",
        help="Memory (address space) a worker may add to read one document; past it the document is failed "
             "(0: no limit). Both limits hold on Dask too. Both off: a lone local worker runs in this "
             "process, and Dask workers read documents themselves."),
    follow_links: bool = typer.Option(
        False, "--follow-links",
        help="Follow symbolic links that lead out of the folder given (by default they are not read, and listed)."),
) -> None:
    """Extract forms from files and folders into a Parquet dataset.

    Re-running skips unchanged files and replaces changed ones. Exit codes: 0 every document loaded; 1 some documents failed, the rest are loaded (see --fail-on); 2 usage error; 3 the run stopped (another run holds the output, a worker died, the output cannot be written) and the dataset keeps its last commit.
    """
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose contradict each other")
    err = Console(stderr=True, soft_wrap=not sys.stderr.isatty())
    text = err if json_report else Console(soft_wrap=not sys.stdout.isatty())
    folders = tuple(str(p.resolve()) for p in schemas or ())
    try:
        load_all_form_schemas(folders)   # a broken family stops the run before it starts
    except SchemaError as error:
        raise typer.BadParameter(str(error), param_hint="--schemas") from None
    settings = RunSettings(force=force, prune=prune, keep_documents=keep_documents, renormalize=renormalize,
                           batch=BatchPolicy(batch_rows, batch_docs), schemas=folders,
                           follow_links=follow_links)
    budget = DocBudget(doc_timeout or None, doc_memory or None)
    if quiet:
        progress = None
    elif err.is_terminal:
        progress = BarProgress(err, verbose=verbose)
    else:
        progress = LogProgress(verbose=verbose)
    started, started_cpu = time.monotonic(), cpu_seconds()
    try:
        items = list_inputs(inputs, follow_links=follow_links)
        chosen = open_engine(engine.value, workers, scheduler, documents=len(items), budget=budget)
        with chosen:
            summary = run_extract(inputs, out, settings, engine=chosen, progress=progress)
    except InputError as error:
        err.print(f"formex: {error}", markup=False)
        raise typer.Exit(code=EXIT_USAGE) from error
    except (DatasetError, ManifestError, EngineError, OSError) as error:
        err.print(f"formex: the run stopped, the dataset under {out} keeps its last commit: {error}",
                  markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    except Exception as error:   # a formex bug outside any document: never exit 1 ("some documents failed")
        import traceback

        err.print(traceback.format_exc(), markup=False, highlight=False)
        err.print(f"formex: internal error (a formex bug, please report); the run stopped, the dataset "
                  f"under {out} keeps its last commit: {type(error).__name__}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    code = exit_code(summary, fail_on.value)
    if not quiet:
        print_summary(summary, text, verbose=verbose)
    if json_report:
        report = summary_to_json(summary, code=code, engine=chosen.name, workers=chosen.workers,
                                 seconds=time.monotonic() - started,
                                 cpu={k: round(v - started_cpu[k], 3) for k, v in cpu_seconds().items()})
        sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    raise typer.Exit(code=code)


def cpu_seconds() -> dict[str, float]:
    """CPU time of this process and of its finished worker processes (the report gives
    what the run used: the difference from its start, after imports)."""
    import resource

    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"run": round(own.ru_utime + own.ru_stime, 3), "workers": round(workers.ru_utime + workers.ru_stime, 3)}


@app.command()
def renormalize(inputs: list[Path] = typer.Argument(
                    ..., exists=True, help="Saved documents (*.jsonl.gz) or folders of them, "
                                           "e.g. OUT/_documents."),
                out: Path = typer.Option(..., "--out", "-o", help="Dataset folder to write; "
                                         "the documents' rows there are replaced."),
                fail_on: FailOn = typer.Option(FailOn.failed, "--fail-on",
                                               help="Exit 1 when a document failed, was failed or partial, or never."),
                quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary (errors only).")) -> None:
    """Normalize documents saved by `extract --keep-documents` again (after a vocabulary
    fix), without reading or OCR'ing their source files."""
    try:
        summary = run_renormalize(inputs, out)
    except DocumentFileError as error:
        Console(stderr=True).print(f"formex: {error}", markup=False)
        raise typer.Exit(code=EXIT_DOCUMENTS_FAILED) from error
    except (DatasetError, ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: the run stopped, the dataset under {out} keeps its last commit: "
                                   f"{error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    if not quiet:
        print_summary(summary, Console(soft_wrap=not sys.stdout.isatty()))
    raise typer.Exit(code=exit_code(summary, fail_on.value))


class Format(str, Enum):
    text = "text"
    json = "json"


CORRECTIONS_HELP = ("A dataset folder (formex extract --out): apply its reviewed corrections "
                    "(formex review apply) to the file, found by its bytes, as its runs do.")


@app.command()
def show(file: Path = typer.Argument(..., exists=True, dir_okay=False),
         format: Format = typer.Option(Format.text, "--format", help="text (for a person) or json."),
         explain_rows: bool = typer.Option(False, "--explain", help="Print `formex explain FILE` instead."),
         corrections: Optional[Path] = typer.Option(None, "--corrections", exists=True, file_okay=False,
                                                    help=CORRECTIONS_HELP),
         ) -> None:
    """Print one document's extraction: header, tasks, indicator tree, issues; writes nothing."""
    from formex.show import show_tables, tables_to_json   # here: `extract` runs without pandas
    if explain_rows:
        explain(file, format, corrections)
        return
    if corrections is None:
        tables = extract_tables(file)
    else:
        source, results = with_dataset(corrections, extract_as_recorded, file)
        if source is None:
            refuse_unrecorded(file, corrections)
        tables = results_to_frames(results)
    if format is Format.json:
        typer.echo(tables_to_json(tables))
    else:
        show_tables(tables, Console())


@app.command()
def explain(file: Path = typer.Argument(..., exists=True, dir_okay=False),
            format: Format = typer.Option(Format.text, "--format", help="text (for a person) or json."),
            corrections: Optional[Path] = typer.Option(None, "--corrections", exists=True, file_okay=False,
                                                       help=CORRECTIONS_HELP + " Rows they changed say so."),
            ) -> None:
    """Why each indicator row landed where it did: its cells, the hierarchy's costs, the choice."""
    from formex.explain import explain_file, explanation_to_json, print_explanation, review_of
    review = None
    if corrections is not None:
        review = with_dataset(corrections, review_of, file)
        if review is None:
            refuse_unrecorded(file, corrections)
    explanation = explain_file(file, review=review)
    if format is Format.json:
        typer.echo(explanation_to_json(explanation))
    else:
        print_explanation(explanation, Console())


def with_dataset(out: Path, read, file: Path):
    """`read(file, out)`, a dataset's damaged state files said as `formex extract` says them
    (exit 3), a folder that is no dataset as a usage error (exit 2)."""
    if not manifest_path(out).is_file():
        Console(stderr=True).print(f"formex: {out} is not a formex dataset (no {manifest_path(out)}); "
                                   "nothing shown", markup=False)
        raise typer.Exit(code=EXIT_USAGE)
    try:
        return read(file, out)
    except (DatasetError, ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: cannot read the dataset under {out}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error


def refuse_unrecorded(file: Path, out: Path) -> None:
    """Exit 2: showing the file without the corrections asked for would pass its rows
    off as reviewed."""
    Console(stderr=True).print(f"formex: {out} holds no document with the bytes or the path of {file} (not "
                               f"extracted into it yet? `formex extract` it with --out {out} first); nothing shown",
                               markup=False)
    raise typer.Exit(code=EXIT_USAGE)


@app.command("compact")
def compact_(out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract."),
             max_rows: int = typer.Option(DEFAULT_FILE_ROWS, "--max-rows", min=1,
                                          help="Rows per file at most (a document is never split).")) -> None:
    """Merge a dataset's small batch files into few large ones; rows and readers are unchanged."""
    from formex.compact import compact

    try:
        info = compact(out, max_rows)
    except (DatasetError, ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: compaction stopped, the dataset under {out} keeps its last "
                                   f"commit: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    if info.groups:
        typer.echo(f"compacted {info.groups} table partition(s): {info.files_before} files -> "
                   f"{info.files_after} (commit {info.generation})")
    else:
        typer.echo(f"nothing to compact: {info.files_before} files, as few as --max-rows allows")


@app.command("query")
def query_(out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract."),
           sql: str = typer.Argument(..., help="DuckDB SQL; tables documents, forms, tasks, indicators, issues."),
           to: Optional[Path] = typer.Option(None, "--to", help="Write the result to a .csv or .parquet file."),
           max_rows: int = typer.Option(100, "--max-rows", min=1, help="Rows printed at most.")) -> None:
    """Run SQL (DuckDB) over the dataset's committed files; each table is a view."""
    from formex.query import QueryError, arrow_to_rich_table, run_query

    try:
        result = run_query(out, sql, to)
    except QueryError as error:
        Console(stderr=True).print(f"formex: {error}", markup=False)
        raise typer.Exit(code=EXIT_USAGE) from error
    except (ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: cannot read the dataset under {out}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    if result is None:
        typer.echo(f"wrote {to}")
        return
    console = Console(soft_wrap=not sys.stdout.isatty())
    console.print(arrow_to_rich_table(result, max_rows))
    if result.num_rows > max_rows:
        console.print(f"{result.num_rows} rows, {max_rows} shown (--to FILE writes them all)")


def main() -> None:
    app()


@app.command("eval")
def eval_(out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract."),
          gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False,
                                    help="A sample folder, or a folder of them (each with expected/)."),
          mismatches: int = typer.Option(20, help="How many mismatches to list.")) -> None:
    """Precision, recall and F1 per table and per column against hand-written expected files."""
    from formex.evaluate import evaluate
    from formex.report_eval import print_report
    print_report(evaluate(out, gold), Console(), mismatches)


review_app = typer.Typer(no_args_is_help=True, help="Export rows needing review as CSV; apply a reviewer's corrections.")
app.add_typer(review_app, name="review")


@review_app.command("export")
def review_export(out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract."),
                  to: Path = typer.Option(..., "--to", help="The CSV to write.")) -> None:
    """Write the rows needing review as a CSV whose level, target and header columns a person corrects."""
    from formex.review_csv import export_review_csv

    try:
        n = export_review_csv(out, to)
    except (ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: cannot read the dataset under {out}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    typer.echo(f"wrote {n} row(s) needing review to {to}")


@review_app.command("apply")
def review_apply(csv_file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A CSV from review export, edited."),
                 out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract.")) -> None:
    """Record the CSV's corrections in OUT/_formex/overrides.jsonl; every later run applies them.

    Sources whose documents were saved (--keep-documents) are redone at once; the others
    by the next `formex extract` over the inputs. Exit 1 when a correction names a row the
    dataset does not hold (it is recorded all the same)."""
    from formex.overrides import overrides_path
    from formex.review_csv import ReviewError, apply_review_csv

    err = Console(stderr=True)
    try:
        report = apply_review_csv(csv_file, out)
    except ReviewError as error:
        err.print(f"formex: {error}", markup=False)
        raise typer.Exit(code=EXIT_USAGE) from error
    except (DatasetError, ManifestError, DocumentFileError, OSError) as error:
        err.print(f"formex: the corrections could not be applied to {out}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    typer.echo(f"recorded {len(report.recorded)} correction(s) of {len(report.sources)} source(s) "
               f"in {overrides_path(out)}")
    for line in report.unmatched:
        err.print(f"formex: {line}: recorded, and reported as override_unmatched until the row is back",
                  markup=False)
    if report.reloadable:
        typer.echo(f"redone from saved documents: {len(report.reloadable)} source(s)")
    if report.waiting:
        typer.echo(f"{len(report.waiting)} source(s) were not saved (--keep-documents): the next "
                   f"`formex extract INPUT --out {out}` re-extracts them with the corrections: "
                   + ", ".join(report.waiting[:5]) + (" …" if len(report.waiting) > 5 else ""))
    raise typer.Exit(code=EXIT_DOCUMENTS_FAILED if report.unmatched else 0)


@app.command("report")
def report(out: Path = typer.Argument(..., exists=True, file_okay=False, help="Dataset written by extract."),
           to: Optional[Path] = typer.Option(None, "--to", help="Folder to write the report in "
                                             "(index.html, doc/<doc_id>.html), or an .html file to write "
                                             "the index as (doc/ beside it); default OUT/_report."),
           sources: Optional[Path] = typer.Option(None, "--sources", exists=True, file_okay=False,
                                                  help="The input folder given to extract: lines of PDFs and "
                                                       "scans found there unchanged are shown as page crops.")
           ) -> None:
    """Write an HTML quality report (batch at a glance, rows needing review, a page per document).

    Self-contained: inline CSS, SVG charts and a small script; nothing is fetched."""
    from formex.report_html import write_report

    try:
        info = write_report(out, to or out / "_report", sources)
    except (ManifestError, OSError) as error:
        Console(stderr=True).print(f"formex: cannot write the report of {out}: {error}", markup=False)
        raise typer.Exit(code=EXIT_RUN_FAILED) from error
    typer.echo(f"wrote {info.index}: {info.documents} document(s), {info.review_items} item(s) needing review")
