"""Where one policy's level errors are, over a draw of the layout simulator: by column and
kind (a wrong value, a row lost, a row gained), how many are a label's text left at the head
of a name, and how many documents fit a placement model of another family than the one the
simulator printed (which end of its block, or its middle, a model anchors the label to: a
block split by a page break prints an `after_break` label on its second part's first row).
It lists no document, and it refuses the held-out policies and the never read seeds 10-19
unless `--show-held-out` is given: a breakdown of a small draw points at single documents,
which `layout_table.py` never lists for them.

    python bench/layout_errors.py --policy eleventh_mixed --seed 1500 --seeds 30

A reading aid for the accuracy rounds (docs/layouts.md); it writes nothing.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# the checkout this script sits in, not the installed formex (see layout_table.py)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from layout_sim import (HELD_OUT, POLICY_BY_NAME, Policy, Structure, document_rng, draw_config,  # noqa: E402
                        load_structures, render_document)
from layout_table import METRICS, UNREAD_SEEDS, metric_counts  # noqa: E402

from formex.evaluate import ALIGN_KEYS, ALIGN_WITHIN, Report, align_rows, score_table  # noqa: E402
from formex.explain import indicator_decisions  # noqa: E402
from formex.extract.readers import read_document  # noqa: E402
from formex.normalize.form import normalize_document  # noqa: E402
from formex.records import result_to_records  # noqa: E402
from formex.schemas.forms import load_all_form_schemas  # noqa: E402

LEVEL_TABLE, LEVEL_COLUMNS = METRICS["levels"]
# which end of its block a placement anchors the label to, or its middle: the simulator's
# placements, and the reader's models as `placement.PLACING` groups them (every_row, on all
# rows, is left out of the comparison: `other_family`)
FAMILY = {
    "top": "first", "page_top": "first", "after_break": "first", "sub_header": "first",
    "centre": "middle", "page_centre": "middle", "span_centre": "middle", "own_line": "middle",
    "centre_up": "middle", "centre_down": "middle", "page_centre_up": "middle", "page_centre_down": "middle",
    "span_centre_up": "middle", "span_centre_down": "middle", "centre_apart": "middle",
    "bottom": "last", "page_bottom": "last",
}
EVERY_ROW = "every_row"   # the simulator's label restated on every row of its block
PAIRS_SHOWN = 10   # the (printed, fitted) pairs listed, most documents first


@dataclass(frozen=True)
class DocumentErrors:
    """One document's level mismatches by (column, kind), the level errors the metric counts
    (false positives and negatives), its label texts left at names' heads, and the placement
    the simulator drew beside the model the reader fitted (None: no labels to fit)."""

    fields: Counter
    errors: int
    heads: int
    drawn: str
    fitted: str | None


def row_kind(pair: tuple[dict | None, dict | None]) -> str:
    """A field of a gold row the reading lost, of a row it gained, or a wrong value in a row
    paired with its gold (`formex.evaluate.align_rows`, as the score pairs them)."""
    gold, read = pair
    return "lost" if read is None else "gained" if gold is None else "wrong"


def aligned_rows(gold: list[dict], read: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """The indicator rows paired as `formex.evaluate.score_table` pairs them (its mismatches
    number these pairs from 1)."""
    within = ALIGN_WITHIN.get(LEVEL_TABLE)
    within = within if any(within in row for row in gold) else None
    return align_rows(gold, read, ALIGN_KEYS.get(LEVEL_TABLE), within)


def label_left_at_head(expected, got) -> bool:
    """A name read with text before it that the gold name does not have (`馈重优抚…`)."""
    return bool(expected and got) and got != expected and got.endswith(expected)


def fitted_model(result) -> str | None:
    """The placement model the reader fitted to the document's (first) table."""
    schema = next((s for s in load_all_form_schemas() if s.form_type == result.form_type), None)
    if schema is None:
        return None
    return indicator_decisions(result.indicators, schema.level2_order).placement


def document_errors(structure: Structure, policy: Policy, seed: int) -> DocumentErrors:
    """Read one simulated document and compare its indicator levels with its gold."""
    text, gold = render_document(structure, policy, seed)
    document = read_document(text.encode("utf-8"), f"{structure.name}.txt")
    result = normalize_document(document)
    tables = result_to_records(document.doc_id, document.source_path, document.source_format, result).tables
    report = Report()
    score_table(report, structure.name, LEVEL_TABLE, gold[LEVEL_TABLE], tables[LEVEL_TABLE])
    found = [m for m in report.mismatches if m.column in LEVEL_COLUMNS]
    pairs = aligned_rows(gold[LEVEL_TABLE], tables[LEVEL_TABLE])
    counts = metric_counts(report, LEVEL_TABLE, LEVEL_COLUMNS)
    return DocumentErrors(
        fields=Counter((m.column, row_kind(pairs[m.row - 1])) for m in found),
        errors=counts.fp + counts.fn,
        heads=sum(m.column == "level3" and label_left_at_head(m.expected, m.got) for m in found),
        drawn=draw_config(policy, document_rng(structure, policy, seed)).placement,
        fitted=fitted_model(result))


def other_family(doc: DocumentErrors) -> bool:
    """The fitted model puts labels on another row of their blocks than the printed placement
    (documents printed on every row are left out: every family fits some of their lines)."""
    return doc.drawn != EVERY_ROW and doc.fitted is not None and FAMILY[doc.fitted] != FAMILY[doc.drawn]


def draw_errors(policy: Policy, seeds: range, n: int) -> list[DocumentErrors]:
    """Every document of the draw, in the order `layout_table.py` reads them."""
    structures = load_structures()
    return [document_errors(structures[k % len(structures)], policy, seed * 1000 + k)
            for seed in seeds for k in range(n)]


def print_summary(policy: Policy, seeds: range, docs: list[DocumentErrors]) -> None:
    """The draw's counts: fields wrong by column and kind, label heads, family misfits."""
    fields = sum((d.fields for d in docs), Counter())
    print(f"{policy.name}, seeds {seeds.start}..{seeds.stop - 1}: {len(docs)} documents, "
          f"{sum(d.errors for d in docs)} level errors (false positives and negatives)")
    print("fields wrong, by column and kind:")
    for (column, kind), count in fields.most_common():
        print(f"  {column:8s} {kind:7s} {count}")
    print(f"names read with a label's text at their head: {sum(d.heads for d in docs)}")
    printed = [d for d in docs if d.drawn != EVERY_ROW]
    misfit = [d for d in printed if other_family(d)]
    print(f"fitted model of another family than the printed placement: {len(misfit)} of {len(printed)} "
          f"documents (every_row left out); {sum(d.errors > 0 for d in misfit)} of them hold "
          f"{sum(d.errors for d in misfit)} of those documents' {sum(d.errors for d in printed)} level errors")
    pairs = Counter((d.drawn, d.fitted) for d in misfit)
    errors = Counter()
    for d in misfit:
        errors[(d.drawn, d.fitted)] += d.errors
    for (drawn, fitted), count in pairs.most_common(PAIRS_SHOWN):
        print(f"  printed {drawn:12s} fitted {fitted:17s} {count:3d} documents, {errors[(drawn, fitted)]} errors")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--policy", default="eleventh_mixed", choices=sorted(POLICY_BY_NAME))
    parser.add_argument("--seed", type=int, default=0, help="first seed of the draw")
    parser.add_argument("--seeds", type=int, default=1, help="how many seeds from --seed")
    parser.add_argument("--n", type=int, default=30, help="documents per seed")
    parser.add_argument("--show-held-out", action="store_true",
                        help="allow the held-out policies and the never read seeds 10-19")
    args = parser.parse_args(argv)
    if args.seeds < 1 or args.n < 1:
        parser.error("--seeds and --n must be at least 1")
    policy = POLICY_BY_NAME[args.policy]
    seeds = range(args.seed, args.seed + args.seeds)
    unread = sorted(set(seeds) & set(UNREAD_SEEDS))
    if not args.show_held_out and (policy.name in HELD_OUT or unread):
        parser.error(f"{policy.name if policy.name in HELD_OUT else f'seed {unread[0]}'} is held out: "
                     "its errors are a check, not read (--show-held-out to allow)")
    print_summary(policy, seeds, draw_errors(policy, seeds, args.n))


if __name__ == "__main__":
    main()
