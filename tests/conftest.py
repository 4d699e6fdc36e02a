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


def load_bench_module(name: str):
    """A script of bench/ imported as a module once (its folder on the path, for the modules
    it imports beside it)."""
    import importlib.util
    import sys

    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def seed_variant(i: int, year: int = 2026) -> str:
    """The seed form as another unit (and year) would submit it: distinct bytes."""
    text = SEED_FILE.read_text(encoding="utf-8")
    return (text.replace("上海市闵行区虹桥镇社区事务受理服务中心", f"测试单位{i:05d}")
            .replace("(2026年度)", f"({year}年度)"))


def write_forms(folder: Path, n: int, years=(2026,), start: int = 0) -> list[Path]:
    """`n` distinct seed-based forms in `folder`, years taken in turn from `years`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"form-{i:04d}.txt"
        path.write_text(seed_variant(i, years[i % len(years)]), encoding="utf-8")
        paths.append(path)
    return paths
