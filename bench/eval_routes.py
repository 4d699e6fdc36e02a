"""F1 of every PDF and scan route over all text samples, through `formex extract` and
`formex eval`'s scoring.

Usage: python bench/eval_routes.py [WORK]     (default: a temporary folder)

Renders the scans of all samples (bench/render_scans.py; the repository commits only
two samples' scans) into WORK/scans, extracts each route into WORK/out-<route>, and
prints per route the F1 of the indicators (every golden column), of their levels
(level1, level2, level2_source), of their targets (target_raw and the typed target
columns), and of forms and tasks. Takes a few minutes: OCR costs ~3 s a page.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_scans import render_sample  # noqa: E402

from formex.evaluate import Counts, evaluate  # noqa: E402
from formex.runner import run_extract  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ("level1", "level2", "level2_source")
TARGETS = ("target_raw", "target_kind", "target_op", "target_value", "target_value_base", "target_scale",
           "target_unit", "target_status")


def route_folders(work: Path) -> dict[str, Path]:
    rendered = ROOT / "samples" / "rendered"
    scans = work / "scans"
    pdfs = sorted(p for p in rendered.iterdir() if p.name.endswith("-pdf"))
    for k, folder in enumerate(pdfs):
        render_sample(folder, scans, mixed=k == 0)
    routes = {"text PDF": work / "gold-pdf"}
    shutil.copytree(rendered, routes["text PDF"], ignore=lambda d, names: [
        n for n in names if Path(d) == rendered and not n.endswith("-pdf")])
    for variant in ("clean", "degraded", "mixed"):
        routes[f"{variant} scan"] = work / f"gold-{variant}"
        routes[f"{variant} scan"].mkdir()
        for folder in scans.glob(f"*-scan-{variant}"):
            shutil.move(str(folder), routes[f"{variant} scan"] / folder.name)
    return routes


def columns_f1(report, table: str, columns: tuple[str, ...]) -> float:
    total = Counts()
    for column in columns:
        if (table, column) in report.columns:
            total.add(report.columns[(table, column)])
    return total.f1


def main(argv: list[str]) -> int:
    work = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="formex-routes-"))
    work.mkdir(parents=True, exist_ok=True)
    routes = route_folders(work)
    print(f"{'route':<15} {'docs':>4} {'indicators':>10} {'levels':>7} {'targets':>7} {'forms':>6} {'tasks':>6}")
    for route, gold in routes.items():
        out = work / f"out-{route.replace(' ', '-')}"
        run_extract([gold], out)
        report = evaluate(out, gold)
        print(f"{route:<15} {len(report.samples):>4} {report.table_counts('indicators').f1:>10.4f} "
              f"{columns_f1(report, 'indicators', LEVELS):>7.4f} {columns_f1(report, 'indicators', TARGETS):>7.4f} "
              f"{report.table_counts('forms').f1:>6.4f} {report.table_counts('tasks').f1:>6.4f}")
    print(f"(work folder: {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
