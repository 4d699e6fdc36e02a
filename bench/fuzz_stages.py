"""Property fuzzing of each stage with hypothesis: no input makes one raise.

    python bench/fuzz_stages.py [--examples 10000] [--stage NAME]

Stages, each called directly (not behind the batch runner's safety net):
- `target`: `parse_target` on any text, and on text built from target fragments;
- `cell`: `clean_cell` on any text, and on markup / LaTeX / control-character fragments;
- `text_reader`: `read_document` on any bytes named `.txt`, `.md`, `.html` (a reader may
  refuse with an ExtractError, the `failed` row's reason; nothing else may escape);
- `sections`: `normalize_document` (form detection, sectioning, header, budget, tasks,
  indicators) on documents made of form fragments.

Prints examples run and seconds per stage; exits 1 on the first input that raises (hypothesis
shrinks it and prints it). The test suite runs the same properties with fewer examples
(tests/test_hostile_text.py, tests/test_targets_properties.py).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from formex.extract.cleaning import clean_cell  # noqa: E402
from formex.extract.errors import ExtractError  # noqa: E402
from formex.extract.readers import read_document  # noqa: E402
from formex.normalize.form import normalize_document  # noqa: E402
from formex.normalize.targets import parse_target  # noqa: E402
from tests.test_hostile_text import FRAGMENTS  # noqa: E402

TARGET_PIECES = ["≥", "≤", ">", "<", "=", "≧", "95", "90.00", "100", "(%)", "%", "万元", "元", "人次", "个",
                 "年", "月", "2026年12月31日", "前", "以上", "以下", "不低于", "百分之", "九十五", "〇", "O", "l",
                 "1,000", "1 000", "~", "-", "至", "$\\geq$", "\\%", "无", "达标", "合格", "。", " ", "\u200b"]
CELL_PIECES = ["<p>", "<p ", "</p>", "<br/>", "<b>", "&amp;", "&#x1b;", "&ge;", "$", "\\geq", "\\text{人}", "{",
               "}", "\x1b[31m", "\u202e", "\x00", "\x9b", "\t", "\n", "\r", "中", " ", "９５", "（", "）"]
pieces = lambda vocab: st.lists(st.sampled_from(vocab), max_size=30).map("".join)  # noqa: E731
any_text = st.text(max_size=300)
documents = st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("\t".join), max_size=40).map("\n".join)


def run_target(text: str) -> None:
    parse_target(text)


def run_cell(text: str) -> None:
    clean_cell(text)


def run_text_reader(data: bytes, suffix: str) -> None:
    try:
        read_document(data, f"fuzz.{suffix}")
    except ExtractError:
        pass


def run_sections(text: str) -> None:
    result = normalize_document(read_document(text.encode("utf-8"), "fuzz.txt"))
    assert result.status in ("ok", "partial", "failed")


STAGES = {
    "target": (run_target, (st.one_of(any_text, pieces(TARGET_PIECES)),)),
    "cell": (run_cell, (st.one_of(any_text, pieces(CELL_PIECES)),)),
    "text_reader": (run_text_reader, (st.one_of(st.binary(max_size=2000), pieces(CELL_PIECES + FRAGMENTS).map(
        lambda t: t.encode("utf-8", "surrogatepass"))), st.sampled_from(["txt", "md", "html"]))),
    "sections": (run_sections, (documents,)),
}


def fuzz(stage: str, examples: int) -> float:
    function, strategies = STAGES[stage]
    test = settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))(given(*strategies)(function))
    started = time.monotonic()
    test()
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--stage", choices=sorted(STAGES), action="append")
    args = parser.parse_args()
    for stage in args.stage or list(STAGES):
        seconds = fuzz(stage, args.examples)
        print(f"{stage}: {args.examples:,} examples, none raised, {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
