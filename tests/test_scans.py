"""Scans: forms read by OCR (RapidOCR) with their table grid from ruling lines (OpenCV).

The committed scans under bench/scans/ (bench/render_scans.py: a clean black-and-white
TIFF, a degraded PDF of JPEG pages turned up to 2 degrees with blur, noise and a stamp,
and a PDF mixing text pages with a scanned one) are extracted once through the CLI and
scored with `formex eval`'s F1 against their goldens. OCR costs ~3 s a page, so the
other tests here use small synthetic images.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from formex.cli import app
from formex.evaluate import evaluate, find_gold_samples
from formex.extract.readers import read_document
from tests.conftest import ROOT

pytest.importorskip("rapidocr", reason="the OCR extra is not installed: pip install -e '.[ocr]'")
cv2 = pytest.importorskip("cv2")

SCANS = ROOT / "bench" / "scans"
SCAN_DIRS = find_gold_samples(SCANS)
F1_FLOOR = {"clean": 0.97, "mixed": 0.97, "degraded": 0.93}   # indicators, every golden column


@pytest.fixture(scope="module")
def scanned_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scans") / "out"
    result = CliRunner().invoke(app, ["extract", str(SCANS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("sample", SCAN_DIRS, ids=[p.name for p in SCAN_DIRS])
def test_scans_score_above_the_floor(sample, scanned_out):
    report = evaluate(scanned_out, sample)
    variant = sample.name.rsplit("-", 1)[1]
    assert report.table_counts("documents").f1 == 1.0
    f1 = report.table_counts("indicators").f1
    assert f1 >= F1_FLOOR[variant], f"{sample.name}: indicators F1 {f1:.4f}"
    levels = [report.columns[("indicators", c)].f1 for c in ("level1", "level2", "level2_source")]
    assert min(levels) >= 0.99, f"{sample.name}: levels F1 {levels}"


def test_scanned_spans_are_never_inferred(scanned_out):
    import formex

    indicators = formex.read(scanned_out)["indicators"]
    assert set(indicators["level2_source"]) <= {"explicit", "filled"}


def test_mixed_pdf_takes_both_routes(scanned_out):
    import formex

    tables = formex.read(scanned_out)
    mixed = tables["documents"].set_index("source_path").loc[
        "seed-shanghai-2026-unit-overall-scan-mixed/seed-shanghai-2026-unit-overall.pdf"]
    issues = tables["issues"][tables["issues"]["doc_id"] == mixed["doc_id"]]
    assert list(issues.loc[issues["code"] == "page_ocr", "source_ref"]) == ["page 2"]


# ---- small synthetic pages: grid, spans, skew, stamps, formats (cheap)


def ruled_page(angle: float = 0.0) -> np.ndarray:
    """A 4 x 3 ruled table whose first column is one cell over rows 2-4, on a white page."""
    page = np.full((700, 900), 255, np.uint8)
    xs, ys = [60, 300, 560, 840], [80, 160, 240, 320, 400]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y) if y in (ys[0], ys[1], ys[-1]) else (xs[-1], y), 0, 2)
    for y in ys[2:4]:   # the merged cell has no rule inside it
        cv2.line(page, (xs[0], y), (xs[1], y), 255, 4)
        cv2.line(page, (xs[1], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    if angle:
        matrix = cv2.getRotationMatrix2D((450, 350), angle, 1.0)
        page = cv2.warpAffine(page, matrix, (900, 700), borderValue=255)
    return page


@pytest.mark.parametrize("angle", [0.0, 1.5, -2.0])
def test_ruling_lines_give_the_grid_and_its_spans(angle):
    from formex.extract.scan_page import deskew, estimate_skew, find_tables

    page = ruled_page(angle)
    measured = estimate_skew(page)
    assert abs(measured + angle) < 0.15
    tables = find_tables(deskew(page, measured))
    assert len(tables) == 1
    cells = sorted((c.row, c.col, c.rowspan, c.colspan) for c in tables[0].cells)
    assert cells == [(0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 3, 1), (1, 1, 1, 1), (1, 2, 1, 1),
                     (2, 1, 1, 1), (2, 2, 1, 1), (3, 1, 1, 1), (3, 2, 1, 1)]


def test_a_red_stamp_fades_and_black_print_under_it_stays():
    from formex.extract.scan_page import to_gray

    page = np.full((100, 100, 3), 255, np.uint8)
    page[40:60, :, :] = 0                       # a black rule
    page[:, 45:55] = (205, 30, 40)             # red ink over it, multiplied: black stays black
    page[40:60, 45:55] = 0
    page[40:60, 55:60] = (90, 0, 0)            # the rule's pixels where JPEG smeared the red in
    gray = to_gray(page)
    assert gray[10, 50] == 255 and gray[50, 50] == 0 and gray[50, 10] == 0 and gray[50, 57] < 150


def test_an_image_named_pdf_is_read_as_an_image_and_a_page_without_table_says_so():
    page = np.full((300, 900), 255, np.uint8)
    cv2.putText(page, "2026 Budget", (60, 160), cv2.FONT_HERSHEY_SIMPLEX, 2.5, 0, 5)
    ok, png = cv2.imencode(".png", page)
    doc = read_document(png.tobytes(), "scan.pdf")
    assert doc.source_format == "image"
    assert [i.code for i in doc.issues] == ["page_ocr", "page_no_table"]
    assert "2026" in " ".join(c.text for row in doc.rows for c in row.cells)


def test_a_multi_page_tiff_is_one_document_in_page_order():
    from PIL import Image

    frames = []
    for text in ("ONE", "TWO"):
        page = np.full((200, 600), 255, np.uint8)
        cv2.putText(page, text, (60, 120), cv2.FONT_HERSHEY_SIMPLEX, 2.5, 0, 5)
        frames.append(Image.fromarray(page))
    buffer = io.BytesIO()
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    doc = read_document(buffer.getvalue(), "two-pages")
    assert doc.source_format == "image"
    assert [(row.page, row.cells[0].text) for row in doc.rows] == [(1, "ONE"), (2, "TWO")]
    assert doc.rows[1].source_ref == "page 2 row 1"


def test_scan_fixtures_are_what_the_renderer_makes(tmp_path):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("render_scans", ROOT / "bench" / "render_scans.py")
    render = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = render
    spec.loader.exec_module(render)
    if not Path(render.FONT_PATH).exists():
        pytest.skip(f"{render.FONT_PATH} is not installed (needed only to render fixtures)")
    pdf_folder = ROOT / "samples" / "rendered" / "seed-shanghai-2026-unit-overall-pdf"
    for folder in render.render_sample(pdf_folder, tmp_path, mixed=True):
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            twin = SCANS / folder.name / file.relative_to(folder)
            assert twin.read_bytes() == file.read_bytes(), f"{twin} is stale: run make fixtures"
