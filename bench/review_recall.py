"""How many wrong indicator rows `formex review export` lists, per layout policy.

Usage:
    python bench/review_recall.py [--n 30] [--seed 0 ...] [--policy NAME ...]

Each simulated document is read in memory (as `bench/layout_table.py` reads it), its
rows paired with the gold's (formex.evaluate's pairing), and the review items taken as
`formex review export` takes them (`formex.review_items`). A row is wrong when its level
1 or level 2 differs from the gold's, or the gold has no such row. Columns:

- wrong:          produced indicator rows that are wrong
- listed:         the share of those the review lists (the rest reach the warehouse silently)
- right listed:   the share of right rows it lists too (a reviewer's wasted looks)
- by reason:      of the wrong rows listed, how many each reason marks (a row may have several)

Held-out policies print their shares only, as in the layout table.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layout_sim import HELD_OUT, POLICIES, POLICY_BY_NAME, iter_corpus, load_structures  # noqa: E402
from layout_table import extract_in_memory, iter_seeds  # noqa: E402

from formex.evaluate import ALIGN_KEYS, ALIGN_WITHIN, align_rows, same_value  # noqa: E402
from formex.review_items import tables_to_review_items  # noqa: E402

LEVELS = ("level1", "level2")
REVIEWED_TABLES = ("documents", "forms", "tasks", "indicators", "issues")


def listed_reasons(tables: dict[str, list[dict]]) -> dict[str, tuple[str, ...]]:
    """Indicator rows the review lists (by source_ref) and why."""
    items = tables_to_review_items({name: tables[name] for name in REVIEWED_TABLES})
    return {item.source_ref: item.reasons for item in items if item.table == "indicators"}


def paired_rows(gold: list[dict], rows: list[dict]):
    """(gold row or None, produced row) for every produced row."""
    within = ALIGN_WITHIN.get("indicators")
    within = within if any(within in row for row in gold) else None
    return [(g, p) for g, p in align_rows(gold, rows, ALIGN_KEYS.get("indicators"), within) if p is not None]


def is_wrong(gold: dict | None, row: dict) -> bool:
    return gold is None or not all(same_value(gold.get(c), row.get(c), c, "indicators") for c in LEVELS)


def policy_recall(policy, n: int, seeds: list[int], structures) -> dict:
    counts: Counter = Counter()
    reasons: Counter = Counter()
    for name, text, gold in iter_seeds(policy, n, seeds, structures):
        tables = extract_in_memory(name, text)
        listed = listed_reasons(tables)
        for g, row in paired_rows(gold["indicators"], tables["indicators"]):
            kind = "wrong" if is_wrong(g, row) else "right"
            counts[kind] += 1
            if row["source_ref"] in listed:
                counts[f"{kind}_listed"] += 1
                if kind == "wrong":
                    reasons.update(listed[row["source_ref"]])
    return {"counts": counts, "reasons": reasons}


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="documents per policy")
    parser.add_argument("--seed", type=int, nargs="+", default=[0])
    parser.add_argument("--policy", nargs="*", help="only these policies")
    args = parser.parse_args()
    structures = load_structures()
    chosen = [POLICY_BY_NAME[p] for p in args.policy] if args.policy else list(POLICIES)
    print("| policy | rows | wrong | listed | right listed | by reason (wrong rows) |")
    print("|---|---|---|---|---|---|")
    total: Counter = Counter()
    for policy in chosen:
        result = policy_recall(policy, args.n, args.seed, structures)
        c = result["counts"]
        total.update(c)
        held = policy.name in HELD_OUT
        label = policy.name + (" (held out)" if held else "")
        why = "" if held else ", ".join(f"{r} {k}" for r, k in result["reasons"].most_common())
        print(f"| {label} | {c['wrong'] + c['right']} | {c['wrong']} | {share(c['wrong_listed'], c['wrong'])} "
              f"| {share(c['right_listed'], c['right'])} | {why} |")
    print(f"| all | {total['wrong'] + total['right']} | {total['wrong']} | "
          f"{share(total['wrong_listed'], total['wrong'])} | {share(total['right_listed'], total['right'])} | |")


if __name__ == "__main__":
    main()
