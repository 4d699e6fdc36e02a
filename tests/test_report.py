"""`formex report`: the HTML quality report renders for every sample (the seed among
them), one page per document, with nothing loaded from outside the folder, text from
documents escaped, and the same bytes for the same dataset. (The browser test is
tests/test_report_browser.py.)"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formex
from formex.cli import app
from formex.report_html import write_report
from tests.conftest import SAMPLES, SEED_FILE

VOID = {"meta", "br", "input", "img", "link"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def samples_dataset(tmp_path_factory) -> Path:
    """Every sample (text, Markdown, HTML, PDF, xlsx, docx), documents kept."""
    out = tmp_path_factory.mktemp("samples") / "out"
    result = CliRunner().invoke(app, ["extract", str(SAMPLES), "--out", str(out), "-q", "--keep-documents",
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def samples_report(samples_dataset, tmp_path_factory) -> Path:
    to = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", str(samples_dataset), "--to", str(to)])
    assert result.exit_code == 0, result.output
    return to


class Checker(HTMLParser):
    """Tags balanced, and every reference (href, src) stays in the report folder."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.references: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.references += [v for k, v in attrs.items() if k in ("href", "src", "action", "xlink:href")]
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def check_page(path: Path) -> Checker:
    text = path.read_text(encoding="utf-8")
    checker = Checker()
    checker.feed(text)
    assert checker.stack == [], f"{path.name}: unclosed {checker.stack}"
    assert len(checker.ids) == len(set(checker.ids)), f"{path.name}: an id given twice"
    for reference in checker.references:
        inline = reference.startswith("data:image/png;base64,")
        assert inline or (not re.match(r"[a-z]+:", reference) and not reference.startswith("//")), reference
    assert re.findall(r"https?://[^\s\"'<>]+", text) == [SVG_NAMESPACE] * text.count(SVG_NAMESPACE)
    return checker


def test_the_report_renders_every_sample(samples_dataset, samples_report):
    tables = formex.read(samples_dataset)
    documents = tables["documents"]
    index = samples_report / "index.html"
    links = check_page(index).references
    from formex.evaluate import find_gold_samples

    assert len(documents) == len(find_gold_samples(SAMPLES))   # one document per sample folder
    assert set(documents["source_format"]) >= {"text", "pdf", "xlsx", "docx", "html"}
    for document in documents.itertuples():
        page = samples_report / "doc" / f"{document.doc_id}.html"
        assert f"doc/{document.doc_id}.html" in links
        check_page(page)
        text = page.read_text(encoding="utf-8")
        indicators = tables["indicators"][tables["indicators"]["doc_id"] == document.doc_id]
        assert text.count('<td class="name">') == len(indicators) == document.n_indicators
        assert 'class="srcline' in text, "the source text is shown beside the tree"
    assert sorted(p.stem for p in (samples_report / "doc").iterdir()) == sorted(documents["doc_id"])


def test_the_seed_page_shows_its_tree_beside_its_source(samples_dataset, samples_report):
    seed = formex.read(samples_dataset)["documents"].set_index("source_path").loc[
        f"{SEED_FILE.parent.name}/{SEED_FILE.name}"]
    page = (samples_report / "doc" / f"{seed['doc_id']}.html").read_text(encoding="utf-8")
    tree, source = page.split('id="source"', 1)
    assert "提高优抚补助对象收入水平" in tree and "≥95%" in tree
    assert '<a href="#src-ref-line-84">line 84</a>' in tree
    assert 'id="src-ref-line-84"' in source and "提高优抚补助对象收入水平" in source
    index = (samples_report / "index.html").read_text(encoding="utf-8")
    assert f'doc/{seed["doc_id"]}.html#row-line-82' in index, "the displaced label is up for review"


def test_pdf_pages_show_cell_boxes_and_say_why_no_crop(samples_dataset, samples_report):
    documents = formex.read(samples_dataset)["documents"]
    pdf = documents[documents["source_format"] == "pdf"].iloc[0]
    page = (samples_report / "doc" / f"{pdf['doc_id']}.html").read_text(encoding="utf-8")
    assert "Page images are not kept" in page and re.search(r'class="box"> p\.1 \(\d+, \d+, \d+, \d+\)', page)


def test_the_report_is_the_same_for_the_same_dataset(samples_dataset, samples_report, tmp_path):
    from formex.evaluate import find_gold_samples

    again = write_report(samples_dataset, tmp_path / "again")
    assert again.documents == len(find_gold_samples(SAMPLES))
    for path in sorted(samples_report.rglob("*.html")):
        assert (tmp_path / "again" / path.relative_to(samples_report)).read_bytes() == path.read_bytes(), path.name


def test_text_from_documents_is_escaped(tmp_path):
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    lines[36] = lines[36].replace("=100.00(%)", "<script>alert(1)</script>\u202e≤5%")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--out", str(out), "-q"])
    write_report(out, tmp_path / "report")
    page = next((tmp_path / "report" / "doc").iterdir()).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "\\u202e" in page
    assert "<script>alert" not in page and "\u202e" not in page
    assert "<script" not in page, "document pages carry no script at all"


def test_a_dataset_without_saved_documents_says_so(seed_dataset, tmp_path):
    info = write_report(seed_dataset, tmp_path / "report")
    assert info.review_items == 3
    index = info.index.read_text(encoding="utf-8")
    assert "were not saved as read" in index and "not saved (extract with --keep-documents)" in index
    page = next((tmp_path / "report" / "doc").iterdir()).read_text(encoding="utf-8")
    assert "each indicator row's own cells are shown" in page and "百分百" in page


def test_given_the_inputs_pdf_lines_show_crops_of_their_pages(samples_dataset, tmp_path):
    write_report(samples_dataset, tmp_path / "report", inputs=SAMPLES)
    documents = formex.read(samples_dataset)["documents"]
    for document in documents.itertuples():
        page = tmp_path / "report" / "doc" / f"{document.doc_id}.html"
        check_page(page)
        crops = page.read_text(encoding="utf-8").count('<img class="crop"')
        if document.source_format == "pdf":
            assert crops >= document.n_indicators > 0, document.source_path
        else:
            assert crops == 0, document.source_path


def test_a_changed_source_file_gives_no_crops(samples_dataset, tmp_path):
    from formex.report_html.page_crops import open_page_images

    pdf = formex.read(samples_dataset)["documents"].query("source_format == 'pdf'").iloc[0]
    assert open_page_images(SAMPLES, pdf["source_path"], "pdf", pdf["doc_id"]) is not None
    assert open_page_images(SAMPLES, pdf["source_path"], "pdf", "0" * 64) is None, "other bytes than loaded"
    assert open_page_images(None, pdf["source_path"], "pdf", pdf["doc_id"]) is None


def test_to_an_html_file_writes_the_index_there_and_the_pages_beside_it(seed_dataset, tmp_path):
    info = write_report(seed_dataset, tmp_path / "report.html")
    assert info.index == tmp_path / "report.html" and info.index.is_file()
    [page] = (tmp_path / "doc").iterdir()
    assert 'href="../report.html#documents"' in page.read_text(encoding="utf-8")
    assert f'href="doc/{page.name}"' in info.index.read_text(encoding="utf-8")
