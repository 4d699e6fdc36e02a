"""The output contract as Arrow schemas: one schema per table (see docs/contract.md).

A test writes the seed's dataset and checks every Parquet file against these, so a
column renamed here without a new SCHEMA_VERSION fails CI.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.3"  # 1.1: unknown year partition is year=__HIVE_DEFAULT_PARTITION__;
# 1.2: indicators.note, target_deadline_start / actual_deadline_start;
# 1.3: form families: forms.project_lead … self_grade, indicators.period

TABLE_NAMES = ("documents", "forms", "tasks", "indicators", "issues")

MONEY = pa.decimal128(18, 2)

# Typed target columns, written once and used for both `target_` and `actual_` prefixes.
TYPED_VALUE_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("raw", pa.string()),
    ("text", pa.string()),
    ("kind", pa.string()),
    ("op", pa.string()),
    ("value", pa.float64()),
    ("value_max", pa.float64()),
    ("scale", pa.int8()),
    ("value_base", pa.float64()),
    ("unit", pa.string()),
    ("unit_raw", pa.string()),
    ("deadline", pa.date32()),
    ("deadline_start", pa.date32()),
    ("qual", pa.string()),
    ("status", pa.string()),
    ("confidence", pa.float32()),
    ("flags", pa.list_(pa.string())),
)


def _typed_value_fields(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_{name}", typ) for name, typ in TYPED_VALUE_FIELDS]


DOCUMENTS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("year", pa.int16()),
    pa.field("source_path", pa.string()),
    pa.field("source_format", pa.string()),
    pa.field("form_type", pa.string()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("n_indicators", pa.int32()),
    pa.field("extractor_version", pa.string()),
    pa.field("schema_version", pa.string()),
])

FORMS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("year", pa.int16()),
    pa.field("form_type", pa.string()),
    pa.field("title", pa.string()),
    pa.field("unit_name", pa.string()),
    pa.field("funding_method", pa.string()),
    pa.field("responsibilities", pa.list_(pa.string())),
    pa.field("annual_goal", pa.string()),
    pa.field("budget_total", MONEY),
    pa.field("budget_fiscal", MONEY),
    pa.field("budget_other", MONEY),
    pa.field("budget_basic", MONEY),
    pa.field("budget_project", MONEY),
    pa.field("staff_count", pa.int32()),
    pa.field("internal_departments", pa.int32()),
    pa.field("project_name", pa.string()),
    pa.field("department", pa.string()),
    pa.field("implementing_unit", pa.string()),
    pa.field("project_lead", pa.string()),
    pa.field("implementation_period", pa.string()),
    pa.field("mid_term_goal", pa.string()),
    pa.field("annual_goal_actual", pa.string()),
    pa.field("budget_executed", MONEY),
    pa.field("budget_scale", pa.int8()),
    pa.field("execution_rate", pa.float64()),
    pa.field("total_score", pa.float64()),
    pa.field("self_grade", pa.string()),
])

TASKS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("year", pa.int16()),
    pa.field("seq", pa.int16(), nullable=False),
    pa.field("name", pa.string()),
    pa.field("content", pa.string()),
    pa.field("amount", MONEY),
    pa.field("expected_outcome", pa.string()),
    pa.field("source_ref", pa.string()),
])

INDICATORS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("year", pa.int16()),
    pa.field("seq", pa.int32(), nullable=False),
    pa.field("level1", pa.string()),
    pa.field("level2", pa.string()),
    pa.field("level1_raw", pa.string()),
    pa.field("level2_raw", pa.string()),
    pa.field("level2_source", pa.string()),
    pa.field("level3", pa.string()),
    pa.field("note", pa.string()),
    pa.field("period", pa.string()),
    *_typed_value_fields("target"),
    *_typed_value_fields("actual"),
    pa.field("weight", pa.float64()),
    pa.field("score", pa.float64()),
    pa.field("deviation", pa.string()),
    pa.field("source_ref", pa.string()),
])

ISSUES = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("year", pa.int16()),
    pa.field("seq", pa.int32(), nullable=False),
    pa.field("severity", pa.string(), nullable=False),
    pa.field("code", pa.string(), nullable=False),
    pa.field("field", pa.string()),
    pa.field("message", pa.string()),
    pa.field("source_ref", pa.string()),
])

PARTITION_COLUMN = "year"

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "forms": FORMS,
    "tasks": TASKS,
    "indicators": INDICATORS,
    "issues": ISSUES,
}


def file_schema(table: str) -> pa.Schema:
    """The schema of the Parquet files of a table: the contract's columns less `year`,
    which the hive partition path (`year=2026/`) carries, as warehouses expect."""
    schema = TABLE_SCHEMAS[table]
    return schema.remove(schema.get_field_index(PARTITION_COLUMN))
