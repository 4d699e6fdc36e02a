"""`formex explain`: why each indicator row landed where it did.

`explain_file` runs one file through the pipeline and keeps, per indicator row, what
the JSON and text views need: the row's cells as classified (labels, name, target,
operator and unit columns …), the typed target, the categories the hierarchy weighed
with their costs (`formex.normalize.indicators.decisions`), and the category chosen.
The costs are the hierarchy's own, from the same code; nothing is recomputed here.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from formex.extract.errors import ExtractError
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document
from formex.normalize.indicators import Indicator
from formex.normalize.indicators import hierarchy
from formex.normalize.indicators.decisions import Decisions, RowDecision, decide_rows
from formex.normalize.indicators.rows import IndicatorRow, LabelHint
from formex.schemas.document import Issue
from formex.schemas.forms import Level2Spec, load_all_form_schemas
from formex.terminal import format_target, safe_json, safe_text
from formex.inputs import read_regular_file
from formex.runner import extract_as_recorded

TOP_CANDIDATES = 3
ROUND = 6   # decimals kept of a cost: float noise off, the 0.001 tie-break kept
PART_WORDS = {"wording": "words", "order": "order", "label": "label", "level1_label": "level-1 label",
              "required": "required word missing", "placement": "placement"}
assert set(PART_WORDS) == set(hierarchy.COST_PARTS)
DOUBTFUL = frozenset({"partial", "ambiguous", "failed"})
WORDING = hierarchy.COST_PARTS.index("wording")


@dataclass(frozen=True)
class ClassifiedCell:
    role: str                      # level 1, level 2, name, operator, target, unit …
    text: str                      # as read (labels: with the category they were read as)


@dataclass(frozen=True)
class Candidate:
    level1: str
    level2: str
    extra: float | None            # added to the chosen segmentation's cost; None: impossible
    cost: float | None             # the row's own cost in this category; None: impossible
    parts: dict[str, float]        # its non-zero parts (`hierarchy.COST_PARTS` names)


@dataclass(frozen=True)
class RowExplanation:
    source_ref: str
    cells: tuple[ClassifiedCell, ...]
    target: str                            # the typed target, written short
    level1: str
    level2: str
    level2_source: str
    stated: bool                           # the row states its category: nothing else possible
    candidates: tuple[Candidate, ...]      # the chosen first, then the cheapest others
    moved: str | None = None               # why a step after the costs moved the row, if one did
    reviewed: tuple[str, ...] = ()         # what a reviewer's corrections changed on it (`--corrections`)


@dataclass(frozen=True)
class Explanation:
    source_path: str
    status: str                            # the document's: ok, partial, failed
    error: str | None
    form_type: str | None
    placement: str | None                  # where the document prints its labels (fitted model)
    ordered: bool                          # False: the order fallback placed the rows
    rows: tuple[RowExplanation, ...]
    confidence: float | None = None        # of the form family chosen (formex.normalize.detect)
    unmatched: tuple[str, ...] = ()        # corrections of the source that find no row (`--corrections`)
    tables: tuple[tuple[str, str | None], ...] = ()   # a document of several tables: each one's period
                                                      # (annual, mid_term) and fitted placement model


@dataclass(frozen=True)
class Review:
    """A dataset's reviewed corrections of one file, as a run applies them: per indicator
    row (`source_ref`), the `override_applied` messages; the corrections finding no row."""
    applied: dict[str, tuple[str, ...]]
    unmatched: tuple[str, ...]


def explain_file(path: str | Path, top: int = TOP_CANDIDATES, review: Review | None = None) -> Explanation:
    """The explanation of one file's indicator rows (nothing written). `review`: a
    dataset's corrections of the file (`review_of`), shown on the rows they changed; the
    costs stay the reader's own."""
    path = Path(path)
    try:   # a FIFO or a device is refused without blocking on it
        document = read_document(read_regular_file(path), path.name)
    except ExtractError as error:
        return Explanation(path.name, "failed", str(error), None, None, True, ())
    except OSError as error:
        return Explanation(path.name, "failed", f"cannot read the file: {error.strerror or error}",
                           None, None, True, ())
    result = normalize_document(document)
    unmatched = review.unmatched if review is not None else ()
    if result.form_type is None:
        return Explanation(path.name, result.status, result.error, None, None, True, (), None, unmatched)
    schema = next(s for s in load_all_form_schemas() if s.form_type == result.form_type)
    categories = schema.level2_order
    decisions = indicator_decisions(result.indicators, categories)
    rows = explain_rows(result.indicators, result.issues, decisions, categories, top)
    if review is not None:
        rows = tuple(dataclasses.replace(row, reviewed=review.applied.get(row.source_ref, ())) for row in rows)
    return Explanation(path.name, result.status, result.error, result.form_type,
                       decisions.placement, decisions.ordered, rows, result.confidence, unmatched,
                       decisions.tables)


def review_of(path: Path, out: Path) -> Review | None:
    """The corrections the dataset at `out` holds for the file, applied as a run applies
    them (`formex.runner.extract_as_recorded`); None when it does not hold the file."""
    source, results = extract_as_recorded(path, out)
    if source is None:
        return None
    applied: dict[str, tuple[str, ...]] = {}
    unmatched: list[str] = []
    for result in results:
        issues = result.arrow["issues"].to_pylist() if "issues" in result.arrow else []
        for issue in issues:
            if issue["code"] == "override_applied" and issue["source_ref"]:
                applied[issue["source_ref"]] = (*applied.get(issue["source_ref"], ()), issue["message"])
            elif issue["code"] == "override_unmatched":
                unmatched.append(issue["message"])
    return Review(applied, tuple(unmatched))


def indicator_decisions(indicators: list[Indicator], categories: tuple[Level2Spec, ...]) -> Decisions:
    """Per indicator, the costs behind its row's category, decided per table over the rows
    that table placed (`Indicator.table`: its label lines absorbed into blocks too), as
    `place_rows` saw them; a row read twice (its 中期 target) shares its decision. The
    placement model given is the first table's; with several tables, `tables` holds each
    one's period and model."""
    whole = tuple(indicator.row for indicator in indicators)   # hand-made indicators: one table
    decided: dict[int, tuple[Decisions, dict[int, int], str]] = {}
    rows = []
    for indicator in indicators:
        table = indicator.table or whole
        if id(table) not in decided:
            decisions = decide_rows(list(table), categories)
            decided[id(table)] = (decisions, {id(item): k for k, item in enumerate(table)}, indicator.period)
        decisions, position, _ = decided[id(table)]
        rows.append(decisions.rows[position[id(indicator.row)]])
    tables = [(decisions, period) for decisions, _, period in decided.values()]
    return Decisions(rows, tables[0][0].placement if tables else None, all(d.ordered for d, _ in tables),
                     tuple((period, d.placement) for d, period in tables) if len(tables) > 1 else ())


def explain_rows(indicators: list[Indicator], issues: list[Issue], decisions: Decisions,
                 categories: tuple[Level2Spec, ...], top: int = TOP_CANDIDATES) -> tuple[RowExplanation, ...]:
    """Per indicator row, its explanation. The costs' choice (`RowDecision.chosen`) is not
    always where the row went: after the costs, a row tied between two blocks may be moved
    by the chain of blocks or by its likeness to its neighbours (`hierarchy.place_rows`),
    and its `level_boundary_ambiguous` warning says why; the category shown as chosen is
    always the one the row went to."""
    index = {c.label: k for k, c in enumerate(categories)}
    reasons = {issue.source_ref: issue.message for issue in issues
               if issue.code == "level_boundary_ambiguous" and issue.source_ref}
    out = []
    for indicator, decision in zip(indicators, decisions.rows):
        placed = index[indicator.placement.level2.label]
        moved = None
        if decisions.ordered and placed != decision.chosen:
            moved = reasons.get(indicator.source_ref, "a step after the costs moved it")
        out.append(row_explanation(indicator, decision, categories, top, placed, moved))
    return tuple(out)


def row_explanation(indicator: Indicator, decision: RowDecision, categories: tuple[Level2Spec, ...],
                    top: int, placed: int | None = None, moved: str | None = None) -> RowExplanation:
    target = indicator.target
    typed = format_target(vars(target)) + (" ?" if target.status in DOUBTFUL else "")
    placement = indicator.placement
    placed = decision.chosen if placed is None else placed
    return RowExplanation(
        source_ref=indicator.source_ref, cells=tuple(row_cells(indicator.row)), target=typed,
        level1=placement.level2.level1, level2=placement.level2.label, level2_source=placement.source,
        stated=sum(cost != math.inf for cost in decision.costs) == 1,
        candidates=tuple(candidate(categories[k], decision, k)
                         for k in categories_to_show(indicator.row, decision, categories, top, placed)),
        moved=moved)


def categories_to_show(item: IndicatorRow, decision: RowDecision, categories: tuple[Level2Spec, ...],
                       top: int, placed: int) -> list[int]:
    """The category the row went to, the next cheapest ones (`top` in all), then those the
    row's labels or wording point at, even where the order rules them out."""
    possible = [k for k, cost in enumerate(decision.costs) if cost != math.inf]
    extra = decision.extra
    cheapest = sorted((k for k in possible if k != placed and extra[k] != math.inf),
                      key=lambda k: (extra[k], k))
    named = [k for k, c in enumerate(categories) if any(h.spec.label == c.label for h in item.level2)]
    placed_parts = decision.parts[placed]
    if placed_parts is not None and placed_parts[WORDING] > 0:   # its wording points elsewhere
        named += [k for k in possible if decision.parts[k][WORDING] == 0][:1]
    return list(dict.fromkeys([placed, *cheapest[:top - 1], *named]))


def candidate(category: Level2Spec, decision: RowDecision, k: int) -> Candidate:
    parts = decision.parts[k]
    named = {} if parts is None else {name: round(value, ROUND) for name, value
                                      in zip(hierarchy.COST_PARTS, parts) if value}
    extra, cost = decision.extra[k], decision.costs[k]
    return Candidate(category.level1, category.label, None if extra == math.inf else round(extra, ROUND),
                     None if cost == math.inf else round(cost, ROUND), named)


def label_text(hint: LabelHint) -> str:
    """The label as written, with the category it was read as when that differs."""
    written = hint.cell.text
    return written if written == hint.spec.label else f"{written} (= {hint.spec.label})"


def row_cells(item: IndicatorRow) -> list[ClassifiedCell]:
    """The row's cells by the role the classifier gave them."""
    cells = []
    for hint in (*item.level1, *item.displaced, *item.level2):
        how = (" (moved here)" if hint.moved else " (line above)" if hint.carried
               else " (filled down)" if hint.copied else "")
        cells.append(ClassifiedCell(f"level {hint.level}{how}", label_text(hint)))
    named = (("name", item.name), ("operator", item.operator),
             ("target", item.target.raw if item.target is not None else None), ("unit", item.unit))
    cells += [ClassifiedCell(role, text) for role, text in named if text is not None]
    cells += [ClassifiedCell("unknown label", cell.text) for cell in item.unrecognised]
    cells += [ClassifiedCell("other column", cell.text) for cell in item.unplaced]
    return cells


def explanation_to_json(explanation: Explanation) -> str:
    """The explanation as one JSON object (impossible costs as null)."""
    return safe_json(dataclasses.asdict(explanation))


# ---------------------------------------------------------------- text
def legend() -> Text:
    h = hierarchy
    return Text(
        "Each row: its cells as classified, then the categories the hierarchy weighed, "
        "cheapest first (✓ chosen). +x is what the whole table would cost more with the "
        "row there; after it, the row's own cost there and its parts: label "
        f"({h.LABEL} for each label of another category on the row), level-1 label "
        f"({h.LEVEL1_LABEL}), words (how much better its wording fits another category, "
        f"up to {h.STRONG_WORD}), required word missing ({h.MISSING_REQUIRED}), placement "
        "(what the row there adds to the fitted label placement: a boundary pushed away "
        "from where the document's labels put it); row costs also hold "
        f"{h.TIE_BREAK} per category step, which settles ties. Between rows: {h.NEW_BLOCK} "
        f"for each new block, {h.GROUP_BACK} more "
        "to go back to an earlier level-1 group.", style="dim")


def print_explanation(explanation: Explanation, console: Console) -> None:
    family = safe_text(explanation.form_type or "no form recognised")
    if explanation.confidence is not None:
        family += f" (confidence {explanation.confidence:.2f})"
    facts = [safe_text(explanation.source_path), family, safe_text(explanation.status),
             f"{len(explanation.rows)} indicator rows"]
    console.print(Text(" · ".join(facts), style="bold"))
    if explanation.error:
        console.print(Text(safe_text(explanation.error), style="red"))
    for message in explanation.unmatched:
        console.print(Text(f"a correction finds no row: {safe_text(message)}", style="yellow"))
    if not explanation.rows:
        console.print(Text("no indicator rows to explain"))
        return
    if explanation.tables:
        where = "; ".join(f"at the {model_words(model)} in the {period.replace('_', '-')} table"
                          for period, model in explanation.tables)
        console.print(Text(f"Labels print {where} (each table's fitted placement model)."))
    elif explanation.placement:
        console.print(Text(f"Labels print at the {model_words(explanation.placement)} "
                           "of their blocks here (the fitted placement model)."))
    if not explanation.ordered:
        console.print(Text("The labels contradict the canonical order: each row took the last "
                           "label above it, and no costs apply.", style="yellow"))
    console.print(legend())
    for row in explanation.rows:
        console.print()
        for part in row_view(row, explanation.ordered):
            console.print(part)


def model_words(model: str | None) -> str:
    return model.replace("_", " ") if model else "no fitted model (no labels to fit)"


def row_view(row: RowExplanation, ordered: bool = True) -> list:
    head = Text(safe_text(row.source_ref), style="bold")
    head.append(f"  {safe_text(row.level1)} › {safe_text(row.level2)}")
    head.append(f"  ({row.level2_source})", style="dim")
    cells = Text()
    for i, cell in enumerate(row.cells):
        if i:
            cells.append(" · ", style="dim")
        cells.append(cell.role + " ", style="dim")
        cells.append(safe_text(cell.text))
        if cell.role == "target":
            cells.append(f" → {row.target}")
    if not row.cells:
        cells.append("(no cells)", style="dim")
    if row.stated:
        return [head, Padding(cells, (0, 0, 0, 2)),
                Text("    the row states its category: no other was possible", style="dim"),
                *reviewed_lines(row)]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for i, option in enumerate(row.candidates):
        grid.add_row(Text("✓" if i == 0 else " "), Text(safe_text(option.level2)),
                     Text(extra_text(option.extra)), Text(cost_text(option, ordered)))
    view = [head, Padding(cells, (0, 0, 0, 2)), Padding(grid, (0, 0, 0, 2))]
    if row.moved:
        view.append(Padding(Text(f"moved after the costs: {safe_text(row.moved)}", style="yellow"),
                            (0, 0, 0, 2)))
    return view + reviewed_lines(row)


def reviewed_lines(row: RowExplanation) -> list:
    return [Padding(Text(f"corrected by review: {safe_text(message)}", style="cyan"), (0, 0, 0, 2))
            for message in row.reviewed]


def extra_text(extra: float | None) -> str:
    if extra is None:
        return "—"
    return "+0.00 tie" if 0 < extra < 0.005 else f"+{extra:.2f}"


def cost_text(option: Candidate, ordered: bool = True) -> str:
    if option.cost is None:
        return "not possible: the row states another category"
    words: dict[str, float] = {}
    for name, value in option.parts.items():
        words[PART_WORDS[name]] = words.get(PART_WORDS[name], 0.0) + value
    detail = ", ".join(f"{word} {value:.2f}" for word, value in words.items()
                       if word != "order" and round(value, 2))
    text = f"row {option.cost:.2f}" + (f": {detail}" if detail else "")
    return text if option.extra is not None or not ordered else text + "; the blocks' order rules it out"
