"""Throughput of the target parser.  Run:  python bench/bench_targets.py

Workloads, each at least 200,000 parses in one process:

* mixed  - the raw strings of docs/targets.md (sections A-K) and the 76 target cells of
           the seed form, repeated: what a batch of real forms looks like;
* cold   - 200,000 distinct strings (the mix's quantitative templates with a fresh number
           each, plus distinct dates), so no cache of any kind could help;
* prose  - 20,000 distinct 290-character paragraphs (the pipeline parses any cell to see
           whether it is a target), reported for information, with no goal.

`parse_target` keeps no per-string cache (only the lexicon and its compiled patterns
are built once), so all figures are uncached throughput. Goal: 50,000 parses/s on a
2-core machine, for mixed and cold; the script exits 1 when either misses it. Peak
memory is the process's max RSS.
"""
from __future__ import annotations

import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formex.normalize.targets import parse_target  # noqa: E402  (after the path fix, so it runs from a checkout)

GOAL = 50_000
N = 200_000
N_PROSE = 20_000
PROSE = "本项目通过开展职业技能培训，提高劳动者就业能力，培训人数不少于{}人次，培训合格率达到90%以上，就业率不低于60%，"
YEAR = 2026
SEED_FILE = ROOT / "samples" / "seed-shanghai-2026-unit-overall" / "000_36305e3f8ca00a2f.txt"

TARGETS_MD_RAWS = [   # docs/targets.md, "raw" column of sections A-K
    "=100.00(%)", "≥100.00(件)", "=350.00(万)", "=7040.00(人次)", "=47.00(套)", "百分百", "无", "为100", "无100",
    "$\\geq 95.00(\\%)$", "$> 90.00(\\%)$", "$=150000.00(\\text{人次})$", ">500.00(人次)", "≥460.00(人)",
    "不低于90%", "不少于10次", "逐步提高", "优", "是", "按时完成", "≥1万人次", "百分之九十五", "2026年12月31日前", "零投诉",
    "> =95%", "≧95%", ">= 95%", "=< 5%", "\\geq 95\\%", "$\\geqslant 90\\%$", "$\\le 3$个工作日", "&ge;90%",
    "&#8805;98%", "&lt;=3天", "=100.00（%）", "≥ 100.00 ( 件 )", "≥\n95%", "≥95.00(%", "9５%", "≥1，000人", "2280次",
    "≥95%；≥90%", "#REF!", "大于等于95%", "<1%", "不超过100万元", "5%以下", "超过90%", "至少10次", "最多3次", "1个月内",
    "≤24小时", "约100人", "500余人", "90%~95%", "90%至95%", "大于90%小于95%", "≥95%；≤100%", "90-95", "≤90万元",
    "≥100百分比", "≥1.5亿元", "≥1万", "两万元", "一百", "百分之百", "较上年提高5%", "同比下降10%", "逐步降低", "有所提升",
    "=0", "0起", "2026-12-31前", "2026年6月30日", "2026年上半年", "2019年12月(计划标准)", "12月底前完成", "第三季度",
    "在项目计划完成时间内完成", "效果明显", "部分达成年度指标并具有一定效果", "应保尽保", "合格", "较好", "群众满意",
    "100%(历史标准)", "28.8万元", "95", "1", "—", "N/A", "",
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def seed_target_cells() -> list[str]:
    """The last non-empty cell of each indicator row of the seed's 绩效指标 table (76 cells)."""
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()[29:115]
    cells = [parts[-1] for parts in ([p for p in line.split("\t") if p.strip()] for line in lines)
             if len(parts) >= 2]
    return [c for c in cells if not c.startswith("根据")]


def mixed_workload(n: int) -> list[str]:
    mix = TARGETS_MD_RAWS + seed_target_cells()
    return (mix * (n // len(mix) + 1))[:n]


def cold_workload(n: int) -> list[str]:
    """n distinct strings: quantitative templates with a fresh number, and fresh dates."""
    templates = [raw for raw in TARGETS_MD_RAWS + seed_target_cells()
                 if _NUMBER.search(raw) and parse_target(raw).kind == "quantitative"]
    templates = sorted(set(templates))
    out = []
    for i in range(n):
        if i % 5 == 4:
            j = i // 5
            out.append(f"{1950 + j % 150}年{1 + j // 150 % 12}月{1 + j // 1800 % 28}日前")
        else:
            out.append(_NUMBER.sub(f"{i / 100:.2f}", templates[i % len(templates)], count=1))
    assert len(set(out)) == n, "cold workload must be distinct strings"
    return out


def prose_workload(n: int) -> list[str]:
    """n distinct paragraphs of 290 characters, each with numbers and comparator words."""
    return [(PROSE.format(i) * 5)[:290] for i in range(n)]


def throughput(strings: list[str]) -> float:
    start = time.perf_counter()
    for raw in strings:
        parse_target(raw, year=YEAR)
    return len(strings) / (time.perf_counter() - start)


def main() -> int:
    start = time.perf_counter()
    parse_target("≥90.00(%)")                        # loads the YAML, compiles the patterns
    startup_ms = (time.perf_counter() - start) * 1000
    mixed, cold = mixed_workload(N), cold_workload(N)
    throughput(mixed[:5000])                         # warm-up
    mixed_rate = throughput(mixed)
    cold_rate = throughput(cold)
    prose_rate = throughput(prose_workload(N_PROSE))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux
    print(f"startup (load YAML + compile): {startup_ms:.0f} ms")
    print(f"targets parsed/s: {mixed_rate:,.0f}  (mixed: {len(mixed):,} parses of "
          f"{len(set(mixed))} distinct strings, uncached)")
    print(f"targets parsed/s: {cold_rate:,.0f}  (cold (unique strings): {len(cold):,} distinct strings)")
    print(f"prose cells parsed/s: {prose_rate:,.0f}  ({N_PROSE:,} distinct 290-character paragraphs; no goal)")
    print(f"peak memory (ru_maxrss): {peak_mib:.1f} MiB")
    met = min(mixed_rate, cold_rate) >= GOAL
    print(f"goal >= {GOAL:,}/s for both: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
