"""Print an evaluation report (see formex.evaluate) as terminal tables."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from formex.evaluate import Report


def print_report(report: Report, console: Console, mismatches: int = 20) -> None:
    console.print(f"samples: {len(report.samples)} ({', '.join(report.samples)})", markup=False)
    summary = Table(title="per table", title_justify="left")
    for name in ("table", "precision", "recall", "F1", "tp", "fp", "fn"):
        summary.add_column(name, justify="left" if name == "table" else "right")
    for table in report.tables:
        c = report.table_counts(table)
        summary.add_row(table, f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}",
                        str(c.tp), str(c.fp), str(c.fn))
    console.print(summary)
    families = Table(title="per form family (all tables; the family the golden names)", title_justify="left")
    families.add_column("family", no_wrap=True, min_width=max(map(len, report.families), default=6))
    for name in ("samples", "F1", "tp", "fp", "fn"):
        families.add_column(name, justify="right")
    for family, c in sorted(report.families.items()):
        families.add_row(family, str(len(report.family_samples[family])), f"{c.f1:.4f}",
                         str(c.tp), str(c.fp), str(c.fn))
    console.print(families)
    detail = Table(title="per column", title_justify="left")
    for name in ("table", "column", "precision", "recall", "F1"):
        detail.add_column(name, justify="left" if name in ("table", "column") else "right")
    for (table, column), c in sorted(report.columns.items()):
        detail.add_row(table, column, f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}")
    console.print(detail)
    for m in report.mismatches[:mismatches]:
        console.print(f"  {m.sample} {m.table} row {m.row} {m.column}: expected {m.expected!r}, "
                      f"got {m.got!r}", markup=False)
    if len(report.mismatches) > mismatches:
        console.print(f"  … {len(report.mismatches) - mismatches} more mismatches")
