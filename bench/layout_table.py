"""The layout simulator's table: F1 per policy for levels, targets, header and tasks.

Usage:
    python bench/layout_table.py [--n 30] [--seed 0 ...] [--policy NAME ...] [--mismatches K]
    python bench/layout_table.py --write DIR [--n 30]   # sample folders, one per document

Each policy prints N documents (the samples' structures in turn, each drawn anew) as
OCR text; every document goes through the pipeline in memory and is scored against its
gold with formex.evaluate's pairing (indicator rows aligned by name). Columns:

- levels:  indicators level1, level2, level3, note
- targets: indicators target_raw, target_kind, target_op, target_value, target_unit
- header:  forms (year, title, unit name, fields, budget, counts)
- tasks:   tasks name, content, amount
- evaluation: indicators period, actual_raw, weight, score, deviation (project and
  self-evaluation families; 1.0 where a family has none)
- silent:  documents reported `ok` whose levels or targets hold a mismatch
- not ok:  documents reported `partial` or `failed`

Several seeds (`--seed 10 11 12`) pool their counts into one row per policy. Seeds 10-19
are never read: no mismatch is listed and no document written for them, on any policy,
so they measure the tuned policies on draws nobody tuned on.

The written folders are what `formex extract DIR/<policy> --out O && formex eval O
--gold DIR/<policy>` scores the same way. Mismatches are listed only for tuned policies
unless `--show-held-out` is given: held-out policies are a check, not a tuning set.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the checkout this script sits in, not the installed formex (an editable install may
# point at another worktree): the table measures the code beside it
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layout_sim import HELD_OUT, POLICIES, POLICY_BY_NAME, iter_corpus, load_structures  # noqa: E402

from formex.evaluate import Counts, Report, score_table  # noqa: E402
from formex.extract.readers import read_document  # noqa: E402
from formex.normalize.form import normalize_document  # noqa: E402
from formex.records import result_to_records  # noqa: E402

METRICS = {
    "levels": ("indicators", ("level1", "level2", "level3", "note")),
    "targets": ("indicators", ("target_raw", "target_kind", "target_op", "target_value", "target_unit")),
    "header": ("forms", None),
    "tasks": ("tasks", None),
    "evaluation": ("indicators", ("period", "actual_raw", "weight", "score", "deviation")),
}
UNIT_FAMILY = "unit_overall_target"
# draws nobody reads: the tuned policies' own check, as HELD_OUT is the policies' check
UNREAD_SEEDS = range(10, 20)


def extract_in_memory(name: str, text: str) -> dict[str, list[dict]]:
    data = text.encode("utf-8")
    document = read_document(data, f"{name}.txt")
    result = normalize_document(document)
    return result_to_records(document.doc_id, document.source_path, document.source_format, result).tables


def metric_counts(report: Report, table: str, columns: tuple[str, ...] | None) -> Counts:
    total = Counts()
    for (name, column), counts in report.columns.items():
        if name == table and (columns is None or column in columns):
            total.add(counts)
    return total


def score_document(name: str, text: str, gold: dict) -> tuple[Report, str]:
    tables = extract_in_memory(name, text)
    report = Report()
    for table in ("forms", "tasks", "indicators"):
        score_table(report, name, table, gold[table], tables[table])
    return report, tables["documents"][0]["status"]


def iter_seeds(policy, n: int, seeds: int | list[int], structures):
    for seed in [seeds] if isinstance(seeds, int) else seeds:
        yield from iter_corpus(policy, n, seed, structures)


def run_policy(policy, n: int, seeds: int | list[int], structures) -> dict:
    merged = Report()
    families: dict[str, dict] = {}   # family -> {"report", "docs", "not_ok"}
    silent = not_ok = 0
    for name, text, gold in iter_seeds(policy, n, seeds, structures):
        report, status = score_document(name, text, gold)
        family = families.setdefault(gold["documents"][0].get("form_type", UNIT_FAMILY),
                                     {"report": Report(), "docs": 0, "not_ok": 0})
        for key, counts in report.columns.items():
            merged.columns[key].add(counts)
            family["report"].columns[key].add(counts)
        merged.mismatches += report.mismatches
        wrong = any(m.table == "indicators" for m in report.mismatches)
        silent += status == "ok" and wrong
        not_ok += status != "ok"
        family["docs"] += 1
        family["not_ok"] += status != "ok"
    scores = {metric: metric_counts(merged, table, columns).f1
              for metric, (table, columns) in METRICS.items()}
    return {"scores": scores, "silent": silent, "not_ok": not_ok, "report": merged, "families": families}


def print_family_table(results: dict[str, dict]) -> None:
    """Every form family over all the policies run: the simulator renders each family."""
    merged: dict[str, dict] = {}
    for result in results.values():
        for family, part in result["families"].items():
            into = merged.setdefault(family, {"report": Report(), "docs": 0, "not_ok": 0})
            for key, counts in part["report"].columns.items():
                into["report"].columns[key].add(counts)
            into["docs"] += part["docs"]
            into["not_ok"] += part["not_ok"]
    head = f"| family | docs | {' | '.join(METRICS)} | not ok |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for family, part in sorted(merged.items()):
        cells = " | ".join(f"{metric_counts(part['report'], table, columns).f1:.4f}"
                           for table, columns in METRICS.values())
        print(f"| {family} | {part['docs']} | {cells} | {part['not_ok']} |")


def print_table(results: dict[str, dict], n: int) -> None:
    head = f"| policy | docs | {' | '.join(METRICS)} | silent | not ok |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for group, names in (("tuned", [p.name for p in POLICIES if p.name not in HELD_OUT]),
                         ("held out", list(HELD_OUT))):
        for name in names:
            if name not in results:
                continue
            r = results[name]
            cells = " | ".join(f"{r['scores'][m]:.4f}" for m in METRICS)
            label = name if group == "tuned" else f"{name} (held out)"
            print(f"| {label} | {n} | {cells} | {r['silent']} | {r['not_ok']} |")


def write_corpus(out: Path, n: int, seed: int, structures, names: list[str]) -> None:
    for policy in (POLICY_BY_NAME[name] for name in names):
        for name, text, gold in iter_corpus(policy, n, seed, structures):
            folder = out / policy.name / name
            (folder / "expected").mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            for table in ("documents", "forms"):
                (folder / "expected" / f"{table}.json").write_text(
                    json.dumps(gold[table], ensure_ascii=False, indent=1), encoding="utf-8")
            for table in ("tasks", "indicators"):
                rows = gold[table]
                columns = list(dict.fromkeys(k for row in rows for k in row)) or ["seq"]
                with (folder / "expected" / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
                    writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
                    writer.writeheader()
                    writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30, help="documents per policy")
    parser.add_argument("--seed", type=int, nargs="+", default=[0],
                        help="one seed, or several pooled into one row per policy")
    parser.add_argument("--policy", nargs="*", help="only these policies")
    parser.add_argument("--mismatches", type=int, default=0, help="list this many mismatches per policy")
    parser.add_argument("--show-held-out", action="store_true",
                        help="also list held-out mismatches, and write held-out documents")
    parser.add_argument("--write", type=Path,
                        help="write sample folders here instead of scoring (tuned policies only, "
                             "unless --show-held-out)")
    args = parser.parse_args(argv)
    structures = load_structures()
    names = args.policy or [p.name for p in POLICIES]
    unread = sorted(set(args.seed) & set(UNREAD_SEEDS))
    if unread and (args.write or args.mismatches):
        parser.error(f"seeds {UNREAD_SEEDS.start}-{UNREAD_SEEDS.stop - 1} are never read: "
                     f"no mismatches or documents for seed {unread[0]}")
    if args.write:
        # a held-out document read while tuning is no longer held out: never written by default
        written = [name for name in names if name not in HELD_OUT or args.show_held_out]
        for seed in args.seed:
            write_corpus(args.write / f"seed{seed}" if len(args.seed) > 1 else args.write,
                         args.n, seed, structures, written)
        print(f"wrote {args.n} documents for each of {', '.join(written)} under {args.write}")
        return
    results = {}
    started = time.perf_counter()
    for name in names:
        results[name] = run_policy(POLICY_BY_NAME[name], args.n, args.seed, structures)
    print_table(results, args.n * len(args.seed))
    print()
    print_family_table(results)
    seeds = " ".join(map(str, args.seed))
    print(f"\n{len(names) * args.n * len(args.seed)} documents in {time.perf_counter() - started:.1f} s "
          f"(seed {seeds}; held out: {', '.join(HELD_OUT)})")
    for name in names:
        if args.mismatches and (name not in HELD_OUT or args.show_held_out):
            print(f"\n{name}:")
            for m in results[name]["report"].mismatches[:args.mismatches]:
                print(f"  {m.sample} {m.table} row {m.row} {m.column}: expected {m.expected!r}, got {m.got!r}")


if __name__ == "__main__":
    main()
