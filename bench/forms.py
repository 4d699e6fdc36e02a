"""Varied forms for benchmarks: every sample under samples/ as a template, submitted by
other units, in other years, with other targets and OCR noise.

    python bench/forms.py N FOLDER     # writes N forms into FOLDER (deterministic)

Each form is a template (the seed, 83 indicators, four times as often as each of the
other eight samples, so about a third of the forms are seed-sized) with:
- another unit name (district + kind + number), and a year from 2019 to 2026;
- every comparator target's number redrawn near its value (`≥90` -> `≥87`);
- OCR noise on about one line in twelve: a space inside Chinese text, full-width
  digits, a look-alike character in a label (预算 -> 预箅), a stray HTML tag.
The same N and seed give the same bytes.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "seed-shanghai-2026-unit-overall"
DISTRICTS = ("上海市闵行区", "上海市浦东新区", "上海市奉贤区", "上海市金山区", "重庆市渝中区", "湛江市",
             "上海市嘉定区", "上海市松江区", "上海市宝山区", "杭州市西湖区")
KINDS = ("社区事务受理服务中心", "社区卫生服务中心", "农业服务中心", "中心小学", "就业和人才中心",
         "退役军人事务局", "人力资源和社会保障局", "街道办事处", "文化活动中心", "养老服务中心")
UNIT_LINE = re.compile(r"^((?:单位|部门|单立)名称\t)[^\t\n]*", re.MULTILINE)
YEAR = re.compile(r"([(（]\s*)[0-9０-９]{4}(\s*年度)")
TARGET = re.compile(r"([≥≤><＝=]\s*)(\d+)(?=[.%（(个人次件项天元万])")
LOOK_ALIKES = (("预算", "预箅"), ("指标", "指摽"), ("单位", "单立"), ("拨款", "拔款"), ("满意度", "满意渡"))
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def templates(only: str | None = None) -> list[str]:
    """Sample texts to vary (`only`: one sample folder's, e.g. the seed's)."""
    texts = []
    for sample in sorted((ROOT / "samples").iterdir()):
        if only is not None and sample.name != only:
            continue
        for path in sorted(sample.glob("*.txt")):
            weight = 4 if sample.name == SEED_NAME else 1
            texts += [path.read_text(encoding="utf-8")] * weight
    return texts


def vary(text: str, rng: random.Random, i: int) -> str:
    unit = f"{rng.choice(DISTRICTS)}{rng.choice(KINDS)}{i:05d}"
    text = UNIT_LINE.sub(lambda m: m.group(1) + unit, text, count=1)
    year = rng.randint(2019, 2026)
    text = YEAR.sub(lambda m: f"{m.group(1)}{year}{m.group(2)}", text, count=1)
    text = TARGET.sub(lambda m: m.group(1) + str(max(1, int(m.group(2)) + rng.randint(-5, 5))), text)
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line and rng.random() < 1 / 12:
            lines[n] = add_noise(line, rng)
    return "\n".join(lines)


def add_noise(line: str, rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:   # an OCR line-wrap space between two Chinese characters
        spots = [k for k in range(1, len(line)) if "\u4e00" <= line[k - 1] <= "\u9fff" and "\u4e00" <= line[k] <= "\u9fff"]
        if spots:
            k = rng.choice(spots)
            return line[:k] + " " + line[k:]
        return line
    if kind == 1:
        return line.translate(FULL_WIDTH)
    if kind == 2:
        for right, wrong in LOOK_ALIKES:
            if right in line:
                return line.replace(right, wrong, 1)
        return line
    cells = line.split("\t")
    k = rng.randrange(len(cells))
    cells[k] = f"<b>{cells[k]}</b>" if cells[k] else cells[k]
    return "\t".join(cells)


def generate_forms(folder: Path, n: int, seed: int = 12, only: str | None = None) -> list[Path]:
    """`n` varied forms in `folder`, spread over sub-folders of 500 like a bureau's inbox."""
    rng = random.Random(seed)
    sources = templates(only)
    paths = []
    for i in range(n):
        path = folder / f"batch-{i // 500:03d}" / f"form-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(vary(rng.choice(sources), rng, i), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count, where = int(sys.argv[1]), Path(sys.argv[2])
    generate_forms(where, count)
    print(f"wrote {count} forms under {where}")
