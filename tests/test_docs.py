"""docs/ says what the code does: the contract's column tables are the Arrow schemas, its
issue-code table lists every code the code can raise (with its severities), the target
page's comparator table is the YAML's, and its expected parses are the specification's.

(The flag table of docs/targets.md is checked in tests/test_signals.py, and its
expected-parse rows against the test cases in tests/test_targets.py.)
"""
from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pyarrow as pa
import pytest

from formex.normalize.indicators import TARGET_ISSUES
from formex.schemas.document import SEVERITIES
from formex.schemas.tables import SCHEMA_VERSION, TABLE_SCHEMAS, TYPED_VALUE_FIELDS
from formex.schemas.target_lexicon import load_target_lexicon
from tests.conftest import ROOT

DOCS = ROOT / "docs"
CONTRACT = (DOCS / "contract.md").read_text(encoding="utf-8")
TARGETS = (DOCS / "targets.md").read_text(encoding="utf-8")
CODE_DIRS = ("extract", "normalize", "formex", "schemas")


def section(text: str, heading: str) -> str:
    """The text under a heading (`## indicators`), up to the next heading of any level."""
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    end = text.find("\n#", start)
    return text[start:] if end < 0 else text[start:end]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the Markdown tables in `text`, as lists of cell texts."""
    lines = text.splitlines()
    rule = re.compile(r"\|(?:-+\|)+$")
    return [[cell.strip() for cell in line.strip().strip("|").split(" | ")]
            for i, line in enumerate(lines)
            if line.startswith("|") and not rule.match(line)
            and not (i + 1 < len(lines) and rule.match(lines[i + 1]))]      # not a header row


# ---------------------------------------------------------------- contract: columns
def type_text(field: pa.Field) -> str:
    """A field's type as the contract writes it: `string, not null`, `list<string>` …"""
    text = str(field.type).replace("[day]", "").replace("item: ", "").replace(", ", ",")
    text = {"double": "float64", "float": "float32"}.get(text, text)
    return text if field.nullable else f"{text}, not null"


def documented_columns(table: str) -> dict[str, str]:
    columns = {}
    for name, typ, *_ in table_rows(section(CONTRACT, f"## {table}")):
        if name == "actual_*":                      # the target_* columns again, as actual_*
            assert typ == "as target_*"
            columns |= {f"actual_{n}": columns[f"target_{n}"] for n, _ in TYPED_VALUE_FIELDS}
        else:
            columns[name] = typ
    return columns


@pytest.mark.parametrize("table", sorted(TABLE_SCHEMAS))
def test_contract_lists_every_column_with_its_type(table):
    schema = TABLE_SCHEMAS[table]
    documented = documented_columns(table)
    assert list(documented) == schema.names, "same columns, in the schema's order"
    assert documented == {field.name: type_text(field) for field in schema}


def test_contract_states_the_schema_version():
    assert f"now **{SCHEMA_VERSION}**" in CONTRACT


# ---------------------------------------------------------------- contract: issue codes
class IssueCalls(ast.NodeVisitor):
    """Every `Issue(severity, code, …)` call: literal (code, severity) pairs, and the
    functions that build an Issue from variables."""

    def __init__(self, path: str):
        self.path, self.function = path, None
        self.literal: set[tuple[str, str]] = set()
        self.dynamic: set[tuple[str, str | None]] = set()

    def visit_FunctionDef(self, node):
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node):
        func = node.func
        if (func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)) == "Issue":
            given = dict(zip(("severity", "code"), node.args)) | {k.arg: k.value for k in node.keywords}
            severity, code = given.get("severity"), given.get("code")
            if all(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in (severity, code)):
                self.literal.add((code.value, severity.value))
            else:
                self.dynamic.add((self.path, self.function))
        self.generic_visit(node)


# Functions that raise issues whose code and severity are variables, and the table they
# take them from. A new such function fails the test below until it is listed here.
DYNAMIC_ISSUE_SOURCES = {
    ("normalize/indicators/__init__.py", "target_issues"): {(code, sev) for sev, code in TARGET_ISSUES.values()},
    # rebuilds issues a reader already raised, from a saved document: no codes of its own
    ("schemas/document_file.py", "json_to_issue"): set(),
}


def emitted_issue_codes() -> dict[str, set[str]]:
    literal, dynamic = set(), set()
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            visitor = IssueCalls(path.relative_to(ROOT).as_posix())
            visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
            literal |= visitor.literal
            dynamic |= visitor.dynamic
    assert dynamic == DYNAMIC_ISSUE_SOURCES.keys()
    codes: dict[str, set[str]] = {}
    for code, severity in literal.union(*DYNAMIC_ISSUE_SOURCES.values()):
        codes.setdefault(code, set()).add(severity)
    return codes


def documented_issue_codes() -> dict[str, set[str]]:
    rows = table_rows(section(CONTRACT, "### Issue codes"))
    return {code.strip("`"): set(severity.split(" / ")) for code, severity, *_ in rows}


def test_the_issue_scan_finds_literal_and_table_codes():
    codes = emitted_issue_codes()
    assert {"document_failed", "encoding_lossy", "budget_sum_mismatch", "target_unparsed"} <= codes.keys()
    assert codes["cell_joined"] == {"warning", "info"} and len(codes) >= 20


def test_contract_lists_every_issue_code_the_code_raises():
    emitted, documented = emitted_issue_codes(), documented_issue_codes()
    assert sorted(emitted.keys() - documented.keys()) == [], "add these codes to docs/contract.md"
    assert sorted(documented.keys() - emitted.keys()) == [], "docs/contract.md lists codes nothing raises"
    assert documented == emitted, "severities differ"
    assert set().union(*documented.values()) <= SEVERITIES


# ---------------------------------------------------------------- targets.md
def test_comparator_table_is_the_lexicon():
    lex = load_target_lexicon()
    rows = {row[0]: row for row in table_rows(section(TARGETS, "## 4 Comparator lexicon"))}
    assert rows.keys() == {"ge", "gt", "le", "lt", "eq"}

    def words(cell: str) -> set[str]:
        return set() if cell == "—" else {w.strip() for w in re.sub(r"\s*\(.*\)", "", cell).split(",")}

    for op, row in rows.items():
        assert words(row[2]) == {w for w, o in lex.prefix_words.items() if o == op}, op
        assert words(row[3]) == {w for w, o in lex.suffix_words.items() if o == op}, op


def expected_parses(text: str) -> dict[str, str]:
    """Row id (`C49`) -> the whole table line, for the expected-parse tables A-K, and
    `L` -> the text of the section-L rulings."""
    rows, current, rulings = {}, None, []
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("---"):
            m = re.match(r"### ([A-Z])\. ", line)
            current = m.group(1) if m else None
        elif current == "L":
            rulings.append(line)
        elif current and (m := re.match(r"\| (\d+) \|", line)):
            rows[f"{current}{m.group(1)}"] = line.rstrip()
    rows["L"] = "\n".join(rulings).strip()
    return rows


def upstream_targets_md() -> Path | None:
    """The specification docs/targets.md was rewritten from, where this checkout has it:
    $FORMEX_UPSTREAM_DOCS, else a `shared/docs` folder above the repository. Nothing else
    in the repository reads outside it; this is a guard on the rewrite only."""
    folders = [Path(os.environ["FORMEX_UPSTREAM_DOCS"])] if os.environ.get("FORMEX_UPSTREAM_DOCS") else \
        [parent / "shared" / "docs" for parent in ROOT.parents]
    return next((f / "targets.md" for f in folders if (f / "targets.md").is_file()), None)


def test_expected_parses_are_kept_row_for_row():
    ours = expected_parses(TARGETS)
    assert len(ours) - 1 >= 92                                  # the specification's 92 rows ...
    assert len(re.findall(r"^\d+\. \*\*", ours["L"], re.M)) == 12   # ... and its 12 rulings
    upstream = upstream_targets_md()
    if upstream is None:
        pytest.skip("the upstream specification is not beside this checkout")
    theirs = expected_parses(upstream.read_text(encoding="utf-8"))
    assert sorted(theirs.keys() - ours.keys()) == [], "rows lost in the rewrite"
    assert ours == theirs
