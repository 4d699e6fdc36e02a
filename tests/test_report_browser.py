"""The report in a real browser: headless Chromium (the system's, driven by Playwright)
opens it, the summary, a review row and a document page show the right text, the review
filter works, and no request leaves the report's folder. Screenshots are saved under
tests/artifacts/ (git-ignored) for CI to keep.

`make test` installs Chromium and a CJK font (Makefile), so this never skips there; on a
machine without them it fails and says what to install.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from formex.cli import app
from formex.report_html import write_report
from tests.conftest import ROOT, SEED_FILE

ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def chromium_path() -> str:
    found = os.environ.get("FORMEX_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not found:
        pytest.fail("no Chromium found: `make test` installs it (apt-get install chromium), "
                    "or set FORMEX_CHROMIUM to a Chromium binary")
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The seed, kept as read, and a variant whose cell holds a script, as a report."""
    folder = tmp_path_factory.mktemp("browser")
    (folder / "in").mkdir()
    (folder / "in" / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    lines[36] = lines[36].replace("=100.00(%)", "<script>alert(1)</script><img src=https://example.com/x.png>")
    (folder / "in" / "hostile.txt").write_text("\n".join(lines), encoding="utf-8")
    out = folder / "out"
    result = CliRunner().invoke(app, ["extract", str(folder / "in"), "--out", str(out), "-q",
                                      "--keep-documents", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    write_report(out, folder / "report")
    return folder / "report"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: `make test` installs it (pip install -e '.[browser]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, report):
    """A page whose every request is logged; any outside the report folder is refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests, dialogs = [], []

    def route(request_route):
        requests.append(request_route.request.url)
        inside = request_route.request.url.startswith(report.as_uri() + "/")
        request_route.continue_() if inside else request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.requests, page.dialogs = requests, dialogs
    yield page
    context.close()


def test_the_report_renders_in_chromium_and_fetches_nothing(page, report):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto((report / "index.html").as_uri())
    summary = page.inner_text("#summary")
    assert "2\ndocuments" in summary and "166\nindicators" in summary
    rows = page.locator("#review-table tbody tr:not(.hidden)")
    first = rows.filter(has_text="line 82").first
    assert "displaced level label" in first.inner_text() and "集体退休干部、党政退休干部补贴发放及时率" in first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "report-index.png"), full_page=True)

    page.fill("#f-text", "无100")
    assert rows.count() == 2 and "ambiguous target" in rows.first.inner_text()
    assert "1–2 of 2" in page.inner_text("#f-info")
    page.fill("#f-text", "")
    page.select_option("#f-reason", "displaced_label")
    assert {rows.nth(i).get_attribute("data-reasons") for i in range(rows.count())} == {"displaced_label"}

    page.locator("#documents-table a", has_text="seed.txt").click()
    page.wait_for_load_state()
    assert page.url.startswith((report / "doc").as_uri())
    tree = page.inner_text("#indicator-tree")
    assert "社会效益指标" in tree and "提高优抚补助对象收入水平" in tree and "≥95%" in tree
    page.click("#indicator-tree a[href='#src-ref-line-84']")
    assert "提高优抚补助对象收入水平" in page.inner_text("#src-ref-line-84")
    page.screenshot(path=str(ARTIFACTS / "report-document.png"))

    page.goto((report / "index.html").as_uri())
    page.locator("#documents-table a", has_text="hostile.txt").click()
    page.wait_for_load_state()
    assert "<script>alert(1)</script>" in page.inner_text("#indicator-tree"), "shown as text, never run"
    assert page.dialogs == []
    outside = [url for url in page.requests if not url.startswith(report.as_uri() + "/")]
    assert outside == [] and len(page.requests) >= 4
