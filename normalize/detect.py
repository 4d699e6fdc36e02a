"""Which form family a document is: every family is scored on the labels the document
shows (its title, header fields, sections and indicator-table columns), and the best
wins when it has enough evidence and no other family has as much.

Titles of sibling families look alike (项目支出绩效目标申报表 is one character pair away
from 整体支出绩效目标申报表), so a title counts only for the families that match it best,
and never for a family that lists it under `title.other_families`.

`detect_family` gives a `Detection`: the family and its sections, or the reason none was
chosen, naming the closest family and what it missed.
"""
from __future__ import annotations

from dataclasses import dataclass

from formex.normalize.labels import label_key
from formex.normalize.sections import Sections, count_column_matches, rows_to_sections, vocabularies_of
from formex.schemas.document import Document
from formex.schemas.forms import FormSchema

MIN_EVIDENCE = 2     # labels (title, fields, sections) a form must show to be recognised
TITLE_WEIGHT = 3     # a matching title outweighs a few shared field labels
TITLE_ROWS = 4       # rows at the top where a form's title prints
CLOSE_SHARE = 0.8    # a runner-up with this share of the winner's evidence is worth a warning


@dataclass(frozen=True)
class FamilyScore:
    """What one family found in a document."""

    schema: FormSchema
    sections: Sections
    title: bool                      # its title matched (best among the families)
    fields: frozenset[str]
    parts: frozenset[str]            # sections found
    columns: int                     # indicator column roles shown by the best header row
    excluded: str | None = None      # another family's title the document carries

    @property
    def labels(self) -> int:
        """Title, fields and sections: what says the document is a form at all."""
        return self.title + len(self.fields) + len(self.parts)

    @property
    def evidence(self) -> int:
        return TITLE_WEIGHT * self.title + len(self.fields) + len(self.parts) + self.columns

    def missing(self) -> list[str]:
        """The family's labels the document does not show, required ones first."""
        out = [] if self.title else [f"title {self.schema.title_aliases[0]}"]
        out += [f"field {f.labels[0]}" for f in self.schema.fields if f.required and f.name not in self.fields]
        out += [f"section {s.labels[0]}" for s in self.schema.sections
                if s.required and s.name not in self.parts]
        return out


@dataclass(frozen=True)
class Detection:
    schema: FormSchema | None
    sections: Sections | None
    confidence: float                # the winner's share of the two best families' evidence
    error: str | None = None
    runner_up: FamilyScore | None = None


def other_family_title(doc: Document, schema: FormSchema) -> str | None:
    """The title of another form family that the document's first rows carry: negative
    evidence against reading it as `schema`."""
    for row in doc.rows[:TITLE_ROWS]:
        for cell in row.filled:
            key = label_key(cell.text)
            if key and len(key) <= 40 and any(label_key(t) in key for t in schema.other_families):
                return cell.text.strip()
    return None


def best_header_columns(schema: FormSchema, doc: Document) -> int:
    """Indicator column roles of the family that one row of the document names."""
    vocabulary = vocabularies_of(schema).indicator_columns
    return max((count_column_matches(row, vocabulary) for row in doc.rows), default=0)


def score_families(doc: Document, schemas: tuple[FormSchema, ...]) -> list[FamilyScore]:
    """Every family's score, best first (ties in form_type order)."""
    found = [(schema, rows_to_sections(doc.rows, schema), other_family_title(doc, schema)) for schema in schemas]
    title_scores = [s.title_match.score if s.title_match and not excluded else 0.0 for _, s, excluded in found]
    best_title = max(title_scores, default=0.0)
    scores = [FamilyScore(schema, sections, bool(best_title) and title == best_title,
                          frozenset(hit.spec.name for hit in sections.fields),
                          frozenset(sections.section_matches), best_header_columns(schema, doc),
                          excluded)
              for (schema, sections, excluded), title in zip(found, title_scores)]
    return sorted(scores, key=lambda s: (s.excluded is not None, -s.evidence, s.schema.form_type))


def detect_family(doc: Document, schemas: tuple[FormSchema, ...]) -> Detection:
    scores = score_families(doc, schemas)
    eligible = [s for s in scores if s.excluded is None and s.labels >= MIN_EVIDENCE]
    if not any(s.title for s in scores) and any(s.excluded for s in scores):
        eligible = []   # its title names a form no family claims: read as none, not as a look-alike
    if not eligible:
        return Detection(None, None, 0.0, unknown_form_reason(doc, scores))
    best, second = eligible[0], (eligible[1] if len(eligible) > 1 else None)
    if second is not None and second.evidence == best.evidence:
        return Detection(None, None, 0.5, f"no known form found: the document matches the families "
                         f"{best.schema.form_type} and {second.schema.form_type} equally "
                         f"({best.evidence} labels each); "
                         f"{best.schema.form_type} misses {', '.join(best.missing()) or 'nothing required'}, "
                         f"{second.schema.form_type} misses {', '.join(second.missing()) or 'nothing required'}")
    confidence = best.evidence / (best.evidence + (second.evidence if second else 0))
    return Detection(best.schema, best.sections, round(confidence, 3), runner_up=second)


def unknown_form_reason(doc: Document, scores: list[FamilyScore]) -> str:
    """Why no family was chosen: the title the document carries, the closest family and
    what it missed."""
    named = next((s.excluded for s in scores if s.excluded), None)
    seen = named or next((c.text for row in doc.rows[:3] for c in row.filled if "表" in c.text), None)
    closest = next((s for s in scores if s.excluded is None), scores[0] if scores else None)
    if closest is None or (not closest.labels and not named):
        return "no known form found: no title, section or field label matched a form schema"
    title = f"its title {seen[:60]!r} is no form family formex reads yet" if seen else \
        "too few of any form family's labels"
    return (f"no known form found: {title}; the closest family is {closest.schema.form_type} "
            f"({closest.labels} of its labels), which misses "
            f"{', '.join(closest.missing()[:4]) or 'nothing required'}")
