from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed-shanghai-2026-unit-overall"
SEED_FILE = SEED / "000_36305e3f8ca00a2f.txt"


@pytest.fixture(scope="session")
def seed_dataset(tmp_path_factory) -> Path:
    """The seed sample extracted once through the CLI."""
    from typer.testing import CliRunner

    from formex.cli import app

    out = tmp_path_factory.mktemp("seed") / "out"
    result = CliRunner().invoke(app, ["extract", str(SEED), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
