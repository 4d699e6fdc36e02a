"""Text PDFs: the rendered PDF of every text sample (bench/render_pdfs.py, committed under
samples/rendered/<sample>-pdf/) gives the same forms, tasks and indicators rows as the
OCR text, with spans taken from the cell boxes and joined over page breaks; files are
read by what their bytes are."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from formex.extract.readers import format_of, read_document
from formex.extract.sniff import sniff_format
from tests.conftest import ROOT, SAMPLES
from tests.test_routes import RENDERED, TEXT_SAMPLES, rows_of

SEED_PDF = RENDERED / "seed-shanghai-2026-unit-overall-pdf" / "seed-shanghai-2026-unit-overall.pdf"


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=[p.name for p in TEXT_SAMPLES])
def test_pdf_gives_the_text_rows(sample):
    text_file = next(p for p in sample.iterdir() if p.suffix == ".txt")
    expected = rows_of(text_file)
    got = rows_of(RENDERED / f"{sample.name}-pdf" / f"{sample.name}.pdf")
    for table in expected:
        assert got[table] == expected[table], f"pdf: {table} differ"


def test_merged_cells_cut_by_a_page_end_keep_their_whole_span():
    doc = read_document(SEED_PDF.read_bytes(), SEED_PDF.name)
    assert doc.spans_known and doc.source_format == "pdf"
    by_text = {c.text: c for row in doc.rows for c in row.cells}
    # 产出指标 runs from page 2 over page 3 into page 4: one cell, 44 rows (数量 15 + 质量 15 + 时效 14)
    assert (by_text["产出指标"].rowspan, by_text["产出指标"].page) == (44, 2)
    assert by_text["质量指标"].rowspan == 15
    texts = [c.text for row in doc.rows for c in row.cells]
    assert texts.count("一级目标") == 1, "the header repeated on pages 3 and 4 is dropped"
    assert not any("打印件" in t or "第 2 页" in t for t in texts), "page header and footer dropped"
    cell = by_text["产出指标"]
    assert cell.source_ref.startswith("page 2 row ") and cell.source_ref.endswith(" col 1")
    assert cell.bbox is not None and cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]


def test_repeated_headers_leave_an_info_issue():
    doc = read_document(SEED_PDF.read_bytes(), SEED_PDF.name)
    # the task table goes on to page 2, the indicator table to pages 3 and 4
    assert [i.source_ref for i in doc.issues if i.code == "header_repeated"] == ["page 2 row 1", "page 3 row 1",
                                                                                 "page 4 row 1"]


@pytest.mark.parametrize("name", ["form.txt", "form", "form.pdf", "form.bin.2024"])
def test_a_pdf_is_read_as_a_pdf_whatever_its_name(name):
    assert format_of(SEED_PDF.read_bytes(), name) == "pdf"
    assert read_document(SEED_PDF.read_bytes(), name).source_format == "pdf"


def test_formats_from_bytes():
    seed_text = (SAMPLES / "seed-shanghai-2026-unit-overall" / "000_36305e3f8ca00a2f.txt").read_bytes()
    docx = (RENDERED / "seed-shanghai-2026-unit-overall-docx" / "seed-shanghai-2026-unit-overall.docx").read_bytes()
    xlsx = (RENDERED / "seed-shanghai-2026-unit-overall-xlsx" / "seed-shanghai-2026-unit-overall.xlsx").read_bytes()
    html = (RENDERED / "seed-shanghai-2026-unit-overall-html" / "seed-shanghai-2026-unit-overall.html").read_bytes()
    assert [sniff_format(d) for d in (docx, xlsx, html, seed_text)] == ["docx", "xlsx", "html", None]
    assert format_of(docx, "form.xlsx") == "docx" and format_of(xlsx, "form") == "xlsx"
    assert format_of(html, "form") == "html" and format_of(seed_text, "form") == "text"
    assert format_of(b"\x89PNG\r\n\x1a\n", "scan.pdf") == "image"
    assert format_of(b"II*\x00", "scan") == "image" and format_of(b"\xff\xd8\xff\xe0", "scan.txt") == "image"
    md = (RENDERED / "seed-shanghai-2026-unit-overall-md" / "seed-shanghai-2026-unit-overall.md").read_bytes()
    assert format_of(md, "form.md") == "markdown"


def test_pdf_renderings_are_what_the_renderer_makes(tmp_path):
    pytest.importorskip("reportlab")
    spec = importlib.util.spec_from_file_location("render_pdfs", ROOT / "bench" / "render_pdfs.py")
    render = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = render
    spec.loader.exec_module(render)
    if not render.font_ready():
        pytest.skip(f"{render.FONT_PATH} is not installed (needed only to render fixtures)")
    sample = SAMPLES / "seed-shanghai-2026-unit-overall"
    folder = render.render_sample(sample, tmp_path, TEXT_SAMPLES.index(sample))
    committed = RENDERED / folder.name
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        twin = committed / file.relative_to(folder)
        assert twin.read_bytes() == file.read_bytes(), f"{twin} is stale: run make fixtures"


def test_suffix_less_files_in_folders_are_recognised_by_their_bytes(tmp_path):
    from formex.extract.readers import format_or_none, source_format_of

    (tmp_path / "scan").write_bytes(SEED_PDF.read_bytes())
    (tmp_path / "README").write_text("notes", encoding="utf-8")
    (tmp_path / "form.2024").write_bytes((RENDERED / "seed-shanghai-2026-unit-overall-xlsx" /
                                          "seed-shanghai-2026-unit-overall.xlsx").read_bytes())
    assert source_format_of(tmp_path / "scan") is None
    assert [source_format_of(tmp_path / n, look=True) for n in ("scan", "README", "form.2024")] == [
        "pdf", None, "xlsx"]
    assert format_or_none(b"%PDF-1.7 cut", "x.txt") == "pdf"
    assert format_or_none(b"{}", "x.json") is None


def test_a_folder_keeps_a_pdf_without_a_suffix_and_records_a_failed_pdf_as_pdf(tmp_path):
    """Files in folders are chosen by their bytes too, and a failed row names the format
    its bytes have, not its suffix."""
    from typer.testing import CliRunner

    from formex import read
    from formex.cli import app

    pdfs = sorted((SAMPLES / "rendered").glob("*-pdf/*.pdf"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "scan-without-suffix").write_bytes(pdfs[0].read_bytes())
    (inputs / "broken.txt").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 1, result.output
    docs = read(out)["documents"].set_index("source_path")
    assert docs.loc["scan-without-suffix", "source_format"] == "pdf"
    assert docs.loc["scan-without-suffix", "status"] in ("ok", "partial")
    assert docs.loc["broken.txt", "status"] == "failed"
    assert docs.loc["broken.txt", "source_format"] == "pdf"
