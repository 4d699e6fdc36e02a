"""Take docs/report.png, the README's picture of `formex report`: every sample extracted
(documents kept), the report written, its index opened in the system's Chromium and the
top of the page saved, reduced to a small palette PNG.

Usage: python bench/report_screenshot.py [PNG]   (default docs/report.png)

Needs what tests/test_report_browser.py needs (Chromium, Playwright, a CJK font; `make
test` installs them) and Pillow (the `ocr` extra).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from formex.report_html import write_report
from formex.runner import RunSettings, run_extract

ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 1100}
COLOURS = 64


def main(target: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        run_extract([ROOT / "samples"], out, RunSettings(keep_documents=True))
        info = write_report(out, Path(scratch) / "report")
        chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))))
        shot = Path(scratch) / "shot.png"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(info.index.as_uri())
            page.screenshot(path=str(shot))
            browser.close()
        Image.open(shot).convert("RGB").quantize(COLOURS).save(target, optimize=True)
    print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "report.png")
