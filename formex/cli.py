"""The command line: a thin shell over the library (`formex --help`)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

import formex
from rich.console import Console

from formex.api import extract_tables
from formex.runner import DOCUMENTS_FOLDER, Summary, run_extract, run_renormalize
from formex.schemas.errors import DocumentFileError
from formex.explain import explain_file, explanation_to_json, print_explanation
from formex.show import show_tables, tables_to_json
from formex.terminal import safe_text

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


def print_summary(summary: Summary, console: Console) -> None:
    statuses = summary.statuses
    console.print(f"documents: {statuses['ok']} ok, {statuses['partial']} partial, "
                  f"{statuses['failed']} failed")
    console.print("rows: " + ", ".join(f"{table} {n}" for table, n in summary.rows.items()))
    for path, error in summary.failures:
        console.print(f"  failed: {safe_text(path)}: {safe_text(error)}", markup=False)
    if summary.duplicates:
        console.print(f"skipped {len(summary.duplicates)} duplicate file(s): "
                      + safe_text("; ".join(summary.duplicates)), markup=False)
    if summary.skipped:
        console.print(f"ignored {len(summary.skipped)} file(s) that are not a form format "
                      f"(e.g. {safe_text(summary.skipped[0])})", markup=False)
    console.print(f"wrote: {summary.out.resolve()}  (one folder per table, partitioned by year)",
                  markup=False)
    if summary.saved:
        console.print(f"saved {summary.saved} document(s) as read: "
                      f"{(summary.out / DOCUMENTS_FOLDER).resolve()}", markup=False)


@app.command()
def extract(inputs: list[Path] = typer.Argument(..., exists=True, help="Files or folders (recursed)."),
            out: Path = typer.Option(..., "--out", "-o", help="Dataset folder to write."),
            keep_documents: bool = typer.Option(
                False, "--keep-documents",
                help="Also save each document as read, as OUT/_documents/<doc_id>.jsonl.gz, "
                     "so `formex renormalize` can redo its tables without reading the file "
                     "again.")) -> None:
    """Extract forms from files and folders into a Parquet dataset."""
    try:
        summary, _ = run_extract(inputs, out, keep_documents=keep_documents)
    except OSError as error:  # the output folder, not a document: nothing more can be written
        Console(stderr=True).print(f"formex: cannot write the dataset under {out}: {error}", markup=False)
        raise typer.Exit(code=1) from error
    print_summary(summary, Console())


@app.command()
def renormalize(inputs: list[Path] = typer.Argument(
                    ..., exists=True, help="Saved documents (*.jsonl.gz) or folders of them, "
                                           "e.g. OUT/_documents."),
                out: Path = typer.Option(..., "--out", "-o", help="Dataset folder to write; "
                                         "the documents' rows there are replaced.")) -> None:
    """Normalize documents saved by `extract --keep-documents` again (after a vocabulary
    fix), without reading or OCR'ing their source files."""
    try:
        summary, _ = run_renormalize(inputs, out)
    except (DocumentFileError, OSError) as error:
        Console(stderr=True).print(f"formex: {error}", markup=False)
        raise typer.Exit(code=1) from error
    print_summary(summary, Console())


class Format(str, Enum):
    text = "text"
    json = "json"


@app.command()
def show(file: Path = typer.Argument(..., exists=True, dir_okay=False),
         format: Format = typer.Option(Format.text, "--format", help="text (for a person) or json."),
         explain_rows: bool = typer.Option(False, "--explain", help="Print `formex explain FILE` instead.")
         ) -> None:
    """Print one document's extraction: header, tasks, indicator tree, issues; writes nothing."""
    if explain_rows:
        explain(file, format)
    elif format is Format.json:
        typer.echo(tables_to_json(extract_tables(file)))
    else:
        show_tables(extract_tables(file), Console())


@app.command()
def explain(file: Path = typer.Argument(..., exists=True, dir_okay=False),
            format: Format = typer.Option(Format.text, "--format", help="text (for a person) or json.")
            ) -> None:
    """Why each indicator row landed where it did: its cells, the hierarchy's costs, the choice."""
    explanation = explain_file(file)
    if format is Format.json:
        typer.echo(explanation_to_json(explanation))
    else:
        print_explanation(explanation, Console())


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
