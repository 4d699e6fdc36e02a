"""The same form by every route: a sample read as OCR text, HTML, Markdown, xlsx and docx
gives the same forms, tasks and indicators rows, apart from where each row came from
(source_ref) and how its label was stated on that route (level1_raw, level2_raw,
level2_source). The renderings under samples/rendered/ are made by
bench/render_fixtures.py and must stay what it makes."""
from __future__ import annotations

import importlib.util
import math
import sys

import pytest

import formex
from tests.conftest import ROOT, SAMPLES

RENDERED = SAMPLES / "rendered"
ROUTES = ("html", "md", "xlsx", "docx")

def _render_fixtures():
    spec = importlib.util.spec_from_file_location("render_fixtures", ROOT / "bench" / "render_fixtures.py")
    render = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = render  # dataclasses look their module up while it loads
    spec.loader.exec_module(render)
    return render


TEXT_SAMPLES = _render_fixtures().text_samples(SAMPLES)   # the samples the renderer draws
ROUTE_COLUMNS = {"doc_id", "source_ref", "level1_raw", "level2_raw", "level2_source"}


def rows_of(path) -> dict[str, list[dict]]:
    tables = formex.extract_tables(path)
    out = {}
    for name in ("forms", "tasks", "indicators"):
        frame = tables[name].drop(columns=[c for c in ROUTE_COLUMNS if c in tables[name]])
        out[name] = [{k: normal(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return out


def normal(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=[p.name for p in TEXT_SAMPLES])
def test_every_route_gives_the_same_rows(sample):
    text_file = next(p for p in sample.iterdir() if p.suffix == ".txt")
    expected = rows_of(text_file)
    assert expected["indicators"]
    for route in ROUTES:
        rendered = RENDERED / f"{sample.name}-{route}" / f"{sample.name}.{route}"
        got = rows_of(rendered)
        for table in expected:
            assert got[table] == expected[table], f"{route}: {table} differ"


def test_rendered_level2_source_is_never_inferred():
    for folder in sorted(RENDERED.iterdir()):
        indicators = formex.extract_tables(next(p for p in folder.iterdir() if p.is_file()))["indicators"]
        assert set(indicators["level2_source"]) <= {"explicit", "filled"}, folder.name


def test_renderings_are_what_the_renderer_makes(tmp_path):
    render = _render_fixtures()
    sample = SAMPLES / "seed-shanghai-2026-unit-overall"
    for folder in render.render_sample(sample, tmp_path, TEXT_SAMPLES.index(sample)):
        committed = RENDERED / folder.name
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            twin = committed / file.relative_to(folder)
            assert twin.read_bytes() == file.read_bytes(), f"{twin} is stale: run bench/render_fixtures.py"
