# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make demo   -- virtual environment, install, extract samples/ to out/, show where it landed
#   make test   -- virtual environment, install, the whole test suite
PYTHON ?= python3
VENV ?= .venv
OUT ?= out
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench fixtures screenshot clean

# The report's browser test (tests/test_report_browser.py) drives the system's Chromium
# through Playwright (pip, [browser]; its own browser download is not used), and a CJK
# font makes its screenshots readable: Debian packages, installed when missing.
APT := $(shell [ "$$(id -u)" = 0 ] || echo sudo) apt-get

$(STAMP): pyproject.toml
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	  ($(APT) update && $(APT) install -y chromium)
	fc-list :lang=zh 2>/dev/null | grep -q . || ($(APT) update && $(APT) install -y fonts-wqy-microhei)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask,ocr,browser]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/formex extract samples --out $(OUT)
	@echo "Read it back:  $(BIN)/python -c \"import formex; print(formex.read('$(OUT)')['indicators'].head())\""

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_targets.py
	$(BIN)/python bench/bench_extract.py

# Re-render the committed fixtures (needs: apt-get install fonts-wqy-microhei)
fixtures: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask,ocr,fixtures]'
	$(BIN)/python bench/render_fixtures.py
	$(BIN)/python bench/render_pdfs.py
	$(BIN)/python bench/render_scans.py samples/rendered bench/scans seed-shanghai-2026-unit-overall three-page-table-repeated-headers

# Re-take docs/report.png, the README's picture of `formex report` over samples/
screenshot: $(STAMP)
	$(BIN)/python bench/report_screenshot.py docs/report.png

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis tests/artifacts
