# Two commands do everything on a fresh machine with Python 3.11 and pip:
#   make demo   -- virtual environment, install, extract samples/ to out/, show where it landed
#   make test   -- virtual environment, install, the whole test suite
PYTHON ?= python3
VENV ?= .venv
OUT ?= out
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask,ocr]'
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

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
