"""Level labels wrapped in a narrow level column, put back together.

A level column a few characters wide wraps a longer label over several lines: OCR text
gives `经济效` on one line and `益指标` on the next (or `标` alone on a line of its own
past the span's last row), each too short to be read as a label, and each read as a
name or left over. Before cells are classified, pieces on consecutive lines whose
concatenation is a label or an alias of the level vocabulary (every piece but the last
a prefix of one) are joined into that label on one line, the other pieces blanked.

Which lines the joined label sits on matters to the placement model. A merged cell's
text prints as a block of lines: a top label's first line on the span's top, a centred
one's middle line on its centre, a bottom one's last line on its bottom, and nothing in
the text says which. So the label goes on every piece's line that is a table row, and
the placement models weigh the piece each places (`placement.PLACING`: top models the
first line, centre models the middle one, bottom models the last; `hierarchy.with_joins`
finds the pieces again, each cell's raw text keeping its piece). Pieces on lines of their
own (past the span's rows) are blanked; a label all on lines of its own sits on its
middle line (the upper of two).

A piece may carry an OCR look-alike (`数量拍` / `标`, `服务对象` / `满恴度指` / `标`).
Where no run of pieces joins exactly, runs are joined under the rules a whole label is
read by: the joined text is as long as a label (or alias) and differs from it only in
characters read for others, few enough to score `LABEL_CUTOFF` (one in four, two in
eight), with no other label as near (`数量拍标`, never `盾量措标`: as near 数量指标 as
质量指标). The looser cutoff of a known level column is not used: the pieces' columns
are not known yet, and a name's pieces are as short as a label's. Every piece keeps a
character of the label where it falls (`数量指` / `际` is no join: the second line says
nothing of the label), and no piece is a label of its own read exactly (`服务户数` /
`满意度指标`: a name above a label). These joins are made after the exact ones; their
`label_rejoined` issue says so.

Under a level column of the header (where the body rows show their columns), pieces too
damaged for that (`戍本` / `损标`, `预箅执` / `行菅理`) are read at the column's looser cutoff
(`COLUMN_CUTOFF`), as a damaged label alone in such a cell is: every piece under the same
level column, none a label of its own, each keeping a character of one label of that level
with no other as near, and the joined text read as that label by `classify_label` too; a
piece above or below in the column that reads on into a label with them keeps them apart
(`column_chain`; `label_rejoined`, `read in its level column`).

In a column two wide a category's word is a label of its own (`成本`, `效益`), so the exact
pass can take a label's clean lines and leave its damaged one: an exact chain takes the
piece just above or below it, in its column and as wide, where the run reads as one longer
label with all its look-alikes in that piece (`经侪` / `成本` / `指标`: 经济成本指标;
`damaged_extension`; `label_rejoined`, `with look-alikes`).

A form may print a label with one more character than the vocabulary's: one of the level
file's `wordings` (类, 性) put in after its first two characters and before its 指标
(`可持续影响类指标`, `可持续性影响指标`, `社会效益性指标`). Such pieces (`可持续影` /
`响类指标`) join when they spell a worded form exactly and the joined text is read whole
as the same label; the longest reading wins (`社会` / `效益` / `类指` / `标`, not the alias
社会效益); no piece past the first is a label of its own of four characters or more, and
the chain is no tail of a damaged label begun on the line above (`经挤` over `效益` / `性指`
/ `标`: the line above, put before, reads as 经济效益性指标). With look-alikes
(`可持续彰` / `响类指标`), the wording must be read right and is taken out, and the rest is
read as any damaged label: the look-alikes count against the key alone (`可恃继影` /
`响类指标`, two in seven, is none). Only the wordings may be the extra character: `产出类`
/ `怀` / `指标` or `经济咸` / `成本` are no label.

A label fused into the name cell (see fused.py) wraps too: `数量指在校学生人数` over
`标环境在编教职工人数`, the label's last characters opening the next line's name. Where a
name cell opens with the first three or more characters of a label and the cell nearest
it on the next line opens with the rest, the label is put back whole at the head of the
first cell, and its characters are taken off the second; only where the first cell then
splits as a fused label (a level-2 label in full, `split_fused_label`), so `满意度指` /
`标…` (满意度指标 is a group, and a group alone is no fused label) is left alone.

One piece of a wrapped label may be fused into the name cell beside it instead
(`时效疫苗接种信息录入及时率` over `类指` over `标`: the label's first line read into the
name; or its middle line, with short pieces above and below). Such a chain is read by its
shape, not by which characters OCR confuses: one piece a line, at least one short cell
and at least one name cell's head; the short pieces left of the name cells, and on each
name's line the level cell the piece left is there and blank; every piece but the last as
wide as the first (one column width), the last no wider; no piece a header cell or a
label of its own (`成木指标`), no cell right of a name (a target). The pieces join into a
label exactly, or into a keyword worded up before its 指标 (`时效类指标`, `时效性指标`) or
another worded form read whole as its label (`可持续档案…` / `性影响服务…` / `指标`),
or else into one label only under look-alikes at `LABEL_CUTOFF` with the look-alikes in
the short pieces (the name's head must be the label's own), or one look-alike in a head of
three characters or more with short pieces on the lines just above and below it
(`可持续` / `影呐指…` / `标`: the column's lines pin the head). A name cell opening, as
printed, with a word names open with that runs past the head (`社会保险…` over `成本` | `指标`;
schemas/name_words.yaml) gives no head (`opens_own_word`). The chain of most lines
wins, and it takes a shorter chain of short pieces whole (`经济` + `成夲` / `指标`). The
name keeps its rest; the label goes before it where fused.py splits it off, else into the
blank level cell; short pieces on lines of their own are blanked (`label_rejoined`, `a
piece fused into the name beside it`). Where the name's cell as printed goes on past the
label's first line with a short word before a space (`成本控制 单位管网造价` over `指标`: a
wording no vocabulary lists, 成本控制指标, read as 成本 + 指标), that word is the label's
line too and goes with it (`printed_past_first_line`, warned `label_unrecognised`).

A fused line may print the label's wording past the piece the chain read (`质量类…` over `指柝`,
`社会效` over `益性指…` or `益方面…`): the wording (性, 类, then 指 / 指标; 方面 on the last line)
goes with the label's line where the pieces stay one column wide and the joined text with it
reads as the same category (`wording_left_in_rest`, warned `label_unrecognised`). A fused
label wrapped into the next name keeps its wording likewise (`经济效益性…` over `指标…`:
`worded_wrap`), and one worded with 方面 wrapped inside it (`社会效益方…` over `面`) is put back
as the label it is written for (`aspect_wrap`), both warned.

A label restated on every row of its block, in a column too narrow for more than its
first line (`数量指` on each row, `标` once below), is read as any wrapped label; where one
row's piece is fused into its name (`数量指 发放…`, the level cell blank), it is put back
in that cell first (`restated_piece`): the same piece printed alone in that column within
a few lines is the evidence, and a name that reads on into the label (`服务对象满意度`
after `服务对`) keeps its head (`label_rejoined`, `restated on every row`).

Last, a level-2 label's rest spilled onto a line of its own below its one row is read with
the piece left on the row (`spilled_rest`): a damaged head over a clean rest that alone ends
several labels (`产岀质` / `量指标`, read alone 数量指标 on a row of no indicator), or a group's
word over a rest read as no label (`产出` / `戊本`), where the two, characters in place, read
as one category's key or group-worded form only (产出质量指标, 产出成本). The rest may stand
in its column or on a line that lost its leading cells (`shifted_into`); warned `cell_joined`.

A form whose level-2 column repeats the group (产出质量指标) wraps it so too: the group's word
on the row, the category's word spilled onto lines of their own below (`产出` / `质量` / `指标`).
Read apart, the word is a restated group and the rest a category of no row, which took the
row's block away. Under the header's level-2 column, where no level-1 label prints, the run
is read as the group-worded form: exactly (`label_chain`, `group_word_spilled`), with one of
the two damaged where the characters in place read one form (`spilled_group_rest`: `声出` /
`质量` / `指标`, `产出` / `质重` / `指标`); each warned `cell_joined`. Where the word is fused
at the head of the name beside it (`产出 设施验收合格率` over `质量` / `指标`), the form is read
before placing too, so the placement fit sees the row's label (`fused_group_word`, a
`fused_piece_chain` of its own shape; warned `cell_joined`).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from formex.normalize.indicators.cells import (
    COLUMN_CUTOFF, GENERIC_CHARS, LABEL_CUTOFF, LABEL_SUFFIX, PREFIX_MIN, LevelVocabulary, classify_label,
    looks_like_value)
from formex.normalize.indicators.fused import (ASPECT, ASPECT_WORD_MIN, bare_word, compound_keys, full_label, makes_word,
                                              split_fused_label)
from formex.normalize.labels import label_key
from formex.normalize.targets import parse_target
from formex.schemas.document import Cell, Issue, Row
from formex.schemas.forms import Level2Spec
from formex.schemas.name_words import CATEGORY_WORD_OPENINGS, LABEL_LINE_OPENINGS, NAME_OPENINGS, WORDING_OPENINGS

PIECE_MAX = 5     # a wrapped label's line is no wider than its (narrow) column
PIECES_MAX = 5    # 服务对象满意度指标 (9 characters) in a column 2 wide takes 5 lines
FUSED_PIECE_MIN = 3   # a fused label's first line: 数量指, not the keyword 数量 a name opens with
FUSED_REST_MIN = 2    # a name cell a piece was fused into keeps a name of its own
DAMAGED_HEAD_MIN = 2  # ... and a piece with look-alikes in the chain, at least two characters of it
SEPARATED_LABEL_MIN = 4   # a cell this long read as a label (成木指标) is no piece; 效益 may be


@lru_cache(maxsize=None)
def label_keys(vocab: LevelVocabulary) -> frozenset[str]:
    """Every level label and alias, as label keys."""
    specs = (*vocab.level1_specs.values(), *vocab.level2_specs.values())
    return frozenset(label_key(text) for spec in specs for text in (spec.label, *spec.aliases)
                     if label_key(text))


@lru_cache(maxsize=None)
def shortened_keys(vocab: LevelVocabulary) -> dict[str, str]:
    """The level-2 categories' wordings printed a word short (`shortened`: 服务满意度指标), as
    label keys -> the category's label: read only as a wrapped label's whole run of lines
    in one column (`label_chain`), never in a cell alone, so the run is rejoined as the
    label it stands for."""
    keys = label_keys(vocab)
    return {label_key(text): spec.label for spec in vocab.level2_specs.values() for text in spec.shortened
            if label_key(text) not in keys}


@lru_cache(maxsize=None)
def shortened_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of `shortened_keys`: a shortened wording's first lines."""
    return frozenset(key[:k] for key in shortened_keys(vocab) for k in range(1, len(key)))


@lru_cache(maxsize=None)
def label_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of the label keys: what a wrapped label's first lines read."""
    return frozenset(key[:k] for key in label_keys(vocab) for k in range(1, len(key)))


@lru_cache(maxsize=None)
def label_rests(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper suffixes of the label keys, two characters or more past 指标: what a wrapped
    label's later lines read (`本指标` of 成本指标, read alone as 成本指标 one short)."""
    return frozenset(key[k:] for key in label_keys(vocab) for k in range(1, len(key))
                     if len(key) - k > len(LABEL_SUFFIX))


@lru_cache(maxsize=65536)
def is_piece(text: str) -> bool:
    """Short, and no number or date: a label's first line may read as a qualitative
    target (可持续 of 可持续影响指标); the whole must still be a label to be joined."""
    key = label_key(text)
    return 0 < len(key) <= PIECE_MAX and not looks_like_value(text)


def label_chain(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                vocab: LevelVocabulary, levels: LevelCells | None = None) -> list[tuple[int, int]] | None:
    """The longest run of pieces, one per consecutive line from `start` (row, cell), that
    reads as a label; on each line the piece nearest the first one's column is tried
    first. None when no run of two or more does.

    A label printed with one more character than the vocabulary's reads too (`可持续影` /
    `响类指标`, `社会` / `效益` / `类指` / `标`): the pieces join into a worded form of a
    key (`worded_keys`) exactly, read whole as that key's label; the first piece no whole
    label to its 指标 and no piece past it a label of its own of `SEPARATED_LABEL_MIN`
    characters or more (`率` / `时效性指标`).

    A level-2 label worded with 方面 for 指标 (`社会` / `效益` / `方面`) reads too, as the
    longest reading (not the alias 社会效益 with `方面` left over as a label of its own):
    the pieces spell a category's word of `ASPECT_WORD_MIN` characters or more and 方面
    exactly (`aspect_keys`, a word of one category only), every piece under a level-2
    column of the header (`levels`), and the joined text read in that column as the same
    category (`classify_label` at `COLUMN_CUTOFF`).

    A wording printed a word short (`shortened`: `服务满意` / `度指标`) reads where the pieces
    spell it exactly down one column: a whole run in place vouches for it, as no cell
    alone does; `rejoin_pieces` writes the category it stands for."""
    keys, prefixes = label_keys(vocab), label_prefixes(vocab)
    forms = worded_keys(vocab)
    aspects = aspect_keys(vocab) if levels is not None else {}
    i, p = start
    best, chain, key = None, [start], label_key(rows[i].cells[p].text)
    # a group's word before a category's (产出时 / 效): only from a first piece that is
    # no label of its own (产出 over 数量指标 is two labels), down one column, not a
    # level-1 column of the header
    compounds = chain_compounds(vocab) if key not in keys else {}
    # ... and from a group's word that is a label of its own where it stands on a row under
    # the header's level-2 column, its category's word spilled onto lines of their own
    # below (`group_word_spilled`): no level-1 label prints in that column
    spilled = spilled_forms(vocab) if key in group_keys(vocab) and levels is not None \
        and levels.get(start) == 2 and is_row_line(i, rows, {start}) \
        and alone_in_column(rows, i, i + 1, rows[i].cells[p].col) is not None else {}
    compounds = compounds or spilled
    # ... but a group's word that is a label of its own over another group's name (产出 /
    # 成本 / 指标), beside a category of that group, is that group's label (`category_beside`)
    named = named_group_compounds(vocab) if key in keys else {}
    short = shortened_keys(vocab)
    readable = keys | forms.keys() | aspects.keys() | compounds.keys() | named.keys() | short.keys()
    heads = prefixes | worded_prefixes(vocab) | (aspect_prefixes(vocab) if aspects else frozenset()) \
        | (compound_prefixes(vocab) if compounds else frozenset()) \
        | (named_group_prefixes(vocab) if named else frozenset()) | shortened_prefixes(vocab)
    worded_best = aspect_best = compound_best = named_best = short_best = None
    worded_ok = not (key in readable and key.endswith(LABEL_SUFFIX))
    col = rows[i].cells[p].col
    while key in heads and len(chain) < PIECES_MAX and chain[-1][0] + 1 < len(rows):
        r = chain[-1][0] + 1
        options = sorted((abs(c.col - col), q) for q, c in enumerate(rows[r].cells)
                         if (r, q) not in taken and is_piece(c.text))
        step = next(((r, q) for _, q in options
                     if key + label_key(rows[r].cells[q].text) in readable | heads), None)
        if step is None:
            break
        chain.append(step)
        piece = label_key(rows[r].cells[step[1]].text)
        worded_ok = worded_ok and not (len(piece) >= SEPARATED_LABEL_MIN and piece in readable)
        key += piece
        if key in keys:
            best = list(chain)
        elif key in forms and worded_ok and reads_as_worded(key, forms[key], vocab):
            worded_best = list(chain)
        elif key in aspects and reads_as_aspect(rows, chain, aspects[key], vocab, levels):
            aspect_best = list(chain)
        elif key in compounds and (group_word_spilled(rows, chain) if spilled else
                                   all(rows[r].cells[q].col == col for r, q in chain)
                                   and not (levels is not None and any(levels.get(spot) == 1 for spot in chain))):
            compound_best = list(chain)     # (under a level-1 column it is a group's label)
        if key in named and all(rows[r].cells[q].col == col for r, q in chain) \
                and category_beside(rows, chain, taken, vocab, named[key]):
            named_best = list(chain)
        if key in short and all(rows[r].cells[q].col == col for r, q in chain):
            short_best = list(chain)   # a wording a word short: only a whole run in place vouches for it
    if short_best and len(short_best) > len(best or ()):
        return short_best
    if named_best and len(named_best) > len(best or ()):
        return named_best
    if compound_best and len(compound_best) > len(best or ()):
        return compound_best
    if aspect_best and len(aspect_best) > max(len(best or ()), len(worded_best or ())):
        return aspect_best
    if worded_best and len(worded_best) > len(best or ()) and not tail_of_label_above(rows, worded_best, taken, vocab):
        return worded_best
    return best


def group_word_spilled(rows: list[Row], chain: list[tuple[int, int]]) -> bool:
    """Whether a chain from a group's word on a row (`产出`) runs on lines of their own below
    it, each holding its piece alone, in the word's column or on a line that lost its
    leading cells (`shifted_into`): a group-worded label (产出质量指标) whose category's word
    spilled past its one row (`产出` / `质量` / `指标`), not a category's label of a row of
    its own (a category listed without indicators prints on a row of its own, beside its
    own cells, or alone on one line: `质量指标` under `产出` is wider than the word, no line
    of a label wrapped at the word's width, `column_wide`)."""
    (i, p), rest = chain[0], chain[1:]
    return bool(rest) and all(alone_in_column(rows, i, r, rows[i].cells[p].col) == q for r, q in rest) \
        and column_wide([label_key(rows[r].cells[q].text) for r, q in chain])


def alone_in_column(rows: list[Row], i: int, r: int, col: int) -> int | None:
    """The one cell line `r` prints, where it is a piece standing in column `col` of row `i`
    (`in_column`, or `shifted_into` it: the line lost its leading cells), else None."""
    if r >= len(rows):
        return None
    filled = [q for q, c in enumerate(rows[r].cells) if c.text.strip()]
    if len(filled) != 1 or not is_piece(rows[r].cells[filled[0]].text):
        return None
    q = filled[0]
    return q if in_column(rows[r], q, col) or shifted_into(rows[i], rows[r], q, col) else None


@lru_cache(maxsize=None)
def spilled_forms(vocab: LevelVocabulary) -> dict[str, str]:
    """`chain_compounds` a group's word and its category's word spilled below it may join
    into: not those whose category's word repeats the group's (效益 + 社会效益 is the group's
    label wrapped beside a category's, no wording a form prints)."""
    groups = group_keys(vocab)
    return {form: label for form, label in chain_compounds(vocab).items()
            if not any(form.startswith(word) and word in form[len(word):] for word in groups)}


def spilled_group_word(rows: list[Row], chain: list[tuple[int, int]], vocab: LevelVocabulary) -> bool:
    """Whether a chain of `label_chain` is a group's word over its category's spilled word
    (`group_word_spilled`), joined into a group-worded form (产出 / 质量 / 指标)."""
    pieces = [label_key(rows[r].cells[q].text) for r, q in chain]
    return pieces[0] in group_keys(vocab) and "".join(pieces) in spilled_forms(vocab) \
        and group_word_spilled(rows, chain)


def tail_of_label_above(rows: list[Row], chain: list[tuple[int, int]], taken: set[tuple[int, int]],
                        vocab: LevelVocabulary) -> bool:
    """Whether the piece nearest the chain's column on the line above, put before the
    chain's pieces, reads as a label with look-alikes (`经挤` over `效益` / `性指` / `标`):
    the chain is that label's tail, not a label of its own."""
    r, p = chain[0]
    if r == 0:
        return False
    col = rows[r].cells[p].col
    above = sorted((abs(c.col - col), q) for q, c in enumerate(rows[r - 1].cells)
                   if (r - 1, q) not in taken and is_piece(c.text))
    if not above:
        return False
    pieces = [label_key(rows[r - 1].cells[above[0][1]].text),
              *(label_key(rows[i].cells[q].text) for i, q in chain)]
    return reads_damaged(pieces, vocab, LABEL_CUTOFF, prefix=False) is not None \
        or reads_damaged_worded(pieces, vocab, LABEL_CUTOFF, prefix=False) is not None


def damaged_extension(rows: list[Row], chain: list[tuple[int, int]], taken: set[tuple[int, int]],
                      vocab: LevelVocabulary) -> list[tuple[int, int]] | None:
    """An exact chain with the piece on the line just above or below it, where the run
    reads as a longer label with its look-alikes all in that piece (`经侪` / `成本` /
    `指标`: 经济成本指标, not 成本指标 under a stray piece; `经济` / `成本` / `指柝`: not the
    alias 经济成本 over a stray 指柝); or None. In a column two wide a category's word is a
    label of its own (成本, 效益), so the exact pass would take the label's clean lines and
    leave its damaged one. The piece is the one nearest the chain's column on that line and
    in that column (`in_column`), no label of its own, as wide as the chain's lines
    (`column_wide`), and the run reads as one label only at `LABEL_CUTOFF` that begins (or
    ends) with the exact chain's text."""
    keys, forms = label_keys(vocab), worded_keys(vocab)
    pieces = [label_key(rows[r].cells[q].text) for r, q in chain]
    exact = "".join(pieces)
    for edge, r in ((0, chain[0][0] - 1), (-1, chain[-1][0] + 1)):
        if not 0 <= r < len(rows):
            continue
        col = rows[chain[edge][0]].cells[chain[edge][1]].col
        options = sorted((abs(c.col - col), q) for q, c in enumerate(rows[r].cells)
                         if (r, q) not in taken and is_piece(c.text))
        if not options:
            continue
        q = options[0][1]
        piece = label_key(rows[r].cells[q].text)
        if piece in keys or piece in forms or not in_column(rows[r], q, col):
            continue
        run = [piece, *pieces] if edge == 0 else [*pieces, piece]
        key = reads_damaged(run, vocab, LABEL_CUTOFF, prefix=False) if column_wide(run) else None
        if key is not None and (key.endswith(exact) if edge == 0 else key.startswith(exact)):
            return [(r, q), *chain] if edge == 0 else [*chain, (r, q)]
    return None


def in_column(row: Row, q: int, col: int) -> bool:
    """Whether the row's cell `q` may be in column `col`: it is, or the row prints no cell
    there (a line that lost its leading empty cells). A line printing that column's cell
    blank puts the piece in another column (`指柝` under the level-1 column beside a level-2
    label's `社会` / `效益`: the other label's line)."""
    return row.cells[q].col == col or all(c.col != col for c in row.cells)


@lru_cache(maxsize=None)
def chain_compounds(vocab: LevelVocabulary) -> dict[str, str]:
    """`compound_keys` a wrapped label's pieces may join into (产出时效, 产出时效指标 ->
    时效指标), those no label key already."""
    keys = label_keys(vocab)
    return {key: label for key, label in compound_keys(vocab).items() if key not in keys}


@lru_cache(maxsize=None)
def named_group_compounds(vocab: LevelVocabulary) -> dict[str, str]:
    """`chain_compounds` with 指标 whose category is also a level-1 group's name (产出成本指标:
    成本指标 is a category of 产出 in the older forms, a group of its own in the 2021
    template) -> that group."""
    return {key: label for key, label in chain_compounds(vocab).items()
            if label in vocab.level1_specs and key.endswith(LABEL_SUFFIX)}


@lru_cache(maxsize=None)
def named_group_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of `named_group_compounds`."""
    return frozenset(form[:k] for form in named_group_compounds(vocab) for k in range(1, len(form)))


def category_beside(rows: list[Row], chain: list[tuple[int, int]], taken: set[tuple[int, int]],
                    vocab: LevelVocabulary, group: str) -> bool:
    """Whether the pieces in the column right of the chain, from its first line down,
    join into a category of `group` exactly: a wrapped `产出 / 成本 / 指标` beside
    `经济 / 成本 / 指标` is the group 成本指标 written with 产出 (as cells.py
    `read_category_of_named_group` reads it on one line), not the group 产出's label over
    the next group's; beside a category of 产出 it is two labels."""
    categories = {spec.label for spec in vocab.level1_specs[group].level2}
    names = label_names(vocab)
    col = rows[chain[0][0]].cells[chain[0][1]].col
    key, right = "", None
    for r in range(chain[0][0], min(len(rows), chain[0][0] + PIECES_MAX)):
        cells = sorted((c.col, q) for q, c in enumerate(rows[r].cells)
                       if c.col > col and (r, q) not in taken and c.text.strip())
        if not cells or (right is not None and cells[0][0] != right) or not is_piece(rows[r].cells[cells[0][1]].text):
            return False
        right = cells[0][0]
        key += label_key(rows[r].cells[cells[0][1]].text)
        if key in names and names[key] <= categories:
            return True
    return False


@lru_cache(maxsize=None)
def compound_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of `chain_compounds`."""
    return frozenset(form[:k] for form in chain_compounds(vocab) for k in range(1, len(form)))


@lru_cache(maxsize=None)
def aspect_keys(vocab: LevelVocabulary) -> dict[str, str]:
    """Form worded with 方面 -> the level-2 label it is written for: a category's word
    (its label or alias without 指标) of `ASPECT_WORD_MIN` characters or more and 方面
    (社会效益方面, 经济成本方面). A form two categories' words spell is left out, and so is
    one that is a label key itself."""
    keys = label_keys(vocab)
    out: dict[str, set[str]] = {}
    for spec in vocab.level2_specs.values():
        if not spec.label.endswith(LABEL_SUFFIX):
            continue    # 方面 stands for 指标: 预算执行管理 has none to stand for
        for text in (spec.label, *spec.aliases):
            word = bare_word(text)
            if len(word) >= ASPECT_WORD_MIN and word + ASPECT not in keys:
                out.setdefault(word + ASPECT, set()).add(spec.label)
    return {form: next(iter(labels)) for form, labels in out.items() if len(labels) == 1}


@lru_cache(maxsize=None)
def aspect_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of the forms worded with 方面 (`aspect_keys`)."""
    return frozenset(form[:k] for form in aspect_keys(vocab) for k in range(1, len(form)))


def reads_as_aspect(rows: list[Row], chain: list[tuple[int, int]], label: str, vocab: LevelVocabulary,
                    levels: LevelCells) -> bool:
    """Whether a chain spelling a form worded with 方面 of `label` is that label: every
    piece under a level-2 column of the header, and the joined text read there as `label`
    (`classify_label` at the column's cutoff), no other category as near."""
    if any(levels.get(spot) != 2 for spot in chain):
        return False
    joined = "".join(rows[r].cells[q].text.strip() for r, q in chain)
    start = rows[chain[0][0]].cells[chain[0][1]]
    hint = classify_label(Cell(text=joined, raw=joined, col=start.col), vocab, 2, cutoff=COLUMN_CUTOFF)
    return hint is not None and hint.spec.label == label


@lru_cache(maxsize=None)
def worded_keys(vocab: LevelVocabulary) -> dict[str, str]:
    """Worded form -> the label key it words up: a key with one of the vocabulary's
    `wordings` put in after its first two characters and before its 指标 (or its last
    character): 可持续影响类指标, 可持续性影响指标, 社会效益性指标. Keys worded already
    (产出类指标) get none; a form that is a key itself, or words up keys of two labels,
    is left out."""
    keys, names = label_keys(vocab), label_names(vocab)
    out: dict[str, str] = {}
    clash = set()
    for key in sorted(keys):
        if any(w in key for w in vocab.wordings):
            continue
        last = len(key) - len(LABEL_SUFFIX) if key.endswith(LABEL_SUFFIX) else len(key) - 1
        for k in range(2, last + 1):
            for w in vocab.wordings:
                form = key[:k] + w + key[k:]
                if form in keys:
                    continue
                if form in out and names[out[form]] != names[key]:
                    clash.add(form)
                out.setdefault(form, key)
    return {form: key for form, key in out.items() if form not in clash}


@lru_cache(maxsize=None)
def worded_prefixes(vocab: LevelVocabulary) -> frozenset[str]:
    """Proper prefixes of the worded forms (`worded_keys`)."""
    return frozenset(form[:k] for form in worded_keys(vocab) for k in range(1, len(form)))


def reads_as_worded(text: str, key: str, vocab: LevelVocabulary) -> bool:
    """Whether `text` (a worded form of `key`, joined from pieces) is read whole as the
    label `key` is written for: the wording adds nothing a reader needs."""
    hint = classify_label(Cell(text=text, raw=text, col=0), vocab)
    return hint is not None and hint.spec.label in label_names(vocab)[key]


def unworded_text(text: str, key: str, vocab: LevelVocabulary, cutoff: float,
                  level: int | None = None) -> str | None:
    """`text` with one of the vocabulary's `wordings` after its first two characters taken
    out, where that is read whole at `cutoff` (in a column of `level`, where known) as the
    label `key` is written for; else None. A worded label with look-alikes too (`时郊` /
    `性指` / `标`, `时郊类` / `指栎`) is no worded form the vocabulary spells, and its
    look-alikes keep `reads_as_worded` from reading it whole."""
    names = label_names(vocab)[key]
    if label_key(text) != text:
        return None      # a piece printing more than a label's characters (`目）数`) is a name's
    for k in range(2, len(text)):
        if text[k] not in vocab.wordings:
            continue
        rest = text[:k] + text[k + 1:]
        hint = classify_label(Cell(text=rest, raw=rest, col=0), vocab, level, cutoff=cutoff)
        if hint is not None and hint.spec.label in names:
            return rest
    return None


def reads_unworded(text: str, key: str, vocab: LevelVocabulary, cutoff: float) -> bool:
    return unworded_text(text, key, vocab, cutoff) is not None


def chain_text(joined: str, pieces: list[str], vocab: LevelVocabulary, cutoff: float,
               level: int | None = None) -> str:
    """The text a chain's joined pieces are left as: as printed where that reads as a label
    at `cutoff`, else unworded where the pieces read as a worded label with look-alikes
    (`时郊性指标` -> `时郊指标`): cells are classified one by one later, and the wording
    with the look-alikes would keep the label unread."""
    if classify_label(Cell(text=joined, raw=joined, col=0), vocab, level, cutoff=cutoff) is not None:
        return joined
    key = reads_damaged_worded(pieces, vocab, cutoff, prefix=False)
    return (unworded_text(joined, key, vocab, cutoff, level) if key else None) or joined


@lru_cache(maxsize=None)
def label_names(vocab: LevelVocabulary) -> dict[str, frozenset[str]]:
    """Label key -> the labels it is written for (数量目标 -> 数量指标)."""
    out: dict[str, set[str]] = {}
    for spec in (*vocab.level1_specs.values(), *vocab.level2_specs.values()):
        for text in (spec.label, *spec.aliases):
            if label_key(text):
                out.setdefault(label_key(text), set()).add(spec.label)
    return {key: frozenset(names) for key, names in out.items()}


@lru_cache(maxsize=None)
def keys_by_length(vocab: LevelVocabulary) -> dict[int, tuple[str, ...]]:
    """The label keys by length, in a fixed order."""
    out: dict[int, list[str]] = {}
    for key in sorted(label_keys(vocab)):
        out.setdefault(len(key), []).append(key)
    return {n: tuple(keys) for n, keys in out.items()}


def piece_bounds(pieces: list[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for piece in pieces:
        out.append((start, start + len(piece)))
        start += len(piece)
    return out


@lru_cache(maxsize=None)
def keys_by_position(vocab: LevelVocabulary) -> tuple[dict[tuple[int, int, str], tuple[str, ...]], dict[str, int]]:
    """The label keys by (length, position, character), and each key's place in
    `keys_by_length`'s order: a piece's characters find the keys they could read as
    without scoring every key."""
    index: dict[tuple[int, int, str], list[str]] = {}
    order: dict[str, int] = {}
    for n, keys in keys_by_length(vocab).items():
        for key in keys:
            order[key] = len(order)
            for k, ch in enumerate(key):
                index.setdefault((n, k, ch), []).append(key)
    return {spot: tuple(keys) for spot, keys in index.items()}, order


def reads_damaged(pieces: list[str], vocab: LevelVocabulary, cutoff: float,
                  prefix: bool, blind: bool = False) -> str | None:
    """The label key the pieces (label keys) read as with look-alikes in their place, or
    None: the key of their joined length scoring `cutoff`, of one label only among the
    best (as a prefix, when `prefix`: any longer key that would score `cutoff` with the
    rest read right), each piece keeping one of its characters; with `blind`, one piece
    may keep none where every other piece is read right whole (`pieces_pin_blind`)."""
    return read_damaged_pieces(tuple(pieces), vocab, cutoff, prefix, blind)


def pieces_pin_blind(kept: list[int], bounds: list[tuple[int, int]], blind: bool) -> bool:
    """Whether pieces keeping `kept` characters each (of their `bounds`) read as a key:
    every piece keeps one; or, with `blind`, one piece keeps none and every other keeps
    all of its own (`顶箅` / `信息` / `化`: both look-alikes in one short line, the rest
    spelling 预算信息化's own lines; `预算` / `透明` / `渡`). The clean lines pin the key
    where they fall; a blind line between two that several keys share ties (`预算` / `X` /
    `管理`) and is refused as near several labels."""
    if all(kept):
        return True
    blind_pieces = [k for k, n in enumerate(kept) if n == 0]
    return blind and len(blind_pieces) == 1 and all(
        n == b - a for k, (n, (a, b)) in enumerate(zip(kept, bounds)) if k != blind_pieces[0])


@lru_cache(maxsize=65536)
def read_damaged_pieces(pieces: tuple[str, ...], vocab: LevelVocabulary, cutoff: float,
                        prefix: bool, blind: bool = False) -> str | None:
    joined = "".join(pieces)
    size = len(joined)
    bounds = piece_bounds(list(pieces))
    index, order = keys_by_position(vocab)
    # the positions each key matches: a key matching none keeps no piece's character
    matched: dict[str, list[int]] = {}
    for n in keys_by_length(vocab):
        if n < size or (n > size and not prefix):
            continue
        for k, ch in enumerate(joined):
            for key in index.get((n, k, ch), ()):
                matched.setdefault(key, []).append(k)
    scored = []
    for key in sorted(matched, key=order.__getitem__):
        spots = set(matched[key])
        # as a prefix: the score the label would have with the rest read right
        score = 100.0 * (len(spots) + len(key) - size) / len(key)
        if score >= cutoff and pieces_pin_blind([sum(k in spots for k in range(a, b)) for a, b in bounds],
                                                bounds, blind):
            scored.append((score, len(key) == size, key))
    if prefix:
        return next((key for _, _, key in scored), None)
    tops = best_whole_keys(tuple(scored))
    names = set().union(*(label_names(vocab)[key] for key in tops))
    return tops[0] if len(names) == 1 else None    # 盾量措标: as near 数量指标 as 质量指标


def best_whole_keys(scored: tuple[tuple[float, bool, str], ...]) -> tuple[str, ...]:
    """Of (score, whole, key) readings, the keys read whole at the best score."""
    whole = [(score, key) for score, full, key in scored if full]
    if not whole:
        return ()
    best = max(score for score, _ in whole)
    return tuple(key for score, key in whole if score == best)


def tied_categories(pieces: list[str], vocab: LevelVocabulary, cutoff: float) -> frozenset[str]:
    """The labels the pieces read as at `cutoff`, where they read as near several
    categories of one group and no other label (`径剂成本指标`: 经济成本指标 or 社会成本指标,
    no character of either's own word kept); else nothing."""
    joined = "".join(pieces)
    if read_damaged_pieces(tuple(pieces), vocab, cutoff, False) is not None:
        return frozenset()
    index, order = keys_by_position(vocab)
    matched: dict[str, set[int]] = {}
    for k, ch in enumerate(joined):
        for key in index.get((len(joined), k, ch), ()):
            matched.setdefault(key, set()).add(k)
    bounds = piece_bounds(pieces)
    scored = tuple((100.0 * len(spots) / len(key), True, key) for key, spots in matched.items()
                   if 100.0 * len(spots) / len(key) >= cutoff
                   and all(any(k in spots for k in range(a, b)) for a, b in bounds))
    names = frozenset().union(*(label_names(vocab)[key] for key in best_whole_keys(scored)))
    if len(names) < 2:
        return frozenset()
    return names if names <= categories_of_one_group(vocab, names) else frozenset()


@lru_cache(maxsize=None)
def categories_of_one_group(vocab: LevelVocabulary, names: frozenset[str]) -> frozenset[str]:
    """The level-2 labels of the one group all `names` are categories of, or nothing."""
    for group in vocab.level1_specs.values():
        labels = frozenset(spec.label for spec in group.level2)
        if names <= labels:
            return labels
    return frozenset()


def reads_damaged_worded(pieces: list[str], vocab: LevelVocabulary, cutoff: float,
                         prefix: bool) -> str | None:
    """`reads_damaged` for a label printed with one more character than the vocabulary's
    (`可持续彰` / `响类指标`): one of the vocabulary's `wordings` read right, after the
    first two characters and before the key's 指标, the rest read as `reads_damaged`
    reads it with that character taken out. The wording is no evidence of the label: the
    look-alikes are counted against the key alone (`可恃继影响类指标`, two in seven, is
    none)."""
    return read_damaged_worded(tuple(pieces), vocab, cutoff, prefix)


@lru_cache(maxsize=65536)
def read_damaged_worded(pieces: tuple[str, ...], vocab: LevelVocabulary, cutoff: float,
                        prefix: bool) -> str | None:
    joined = "".join(pieces)
    bounds = piece_bounds(list(pieces))
    for k in range(2, len(joined) - (0 if prefix else 1)):
        if joined[k] not in vocab.wordings:
            continue
        stripped = [piece if not a <= k < b else piece[:k - a] + piece[k - a + 1:]
                    for piece, (a, b) in zip(pieces, bounds)]
        if not all(stripped):
            continue     # a piece that is the wording alone keeps no character of the label
        key = read_damaged_pieces(tuple(stripped), vocab, cutoff, prefix)
        if key is None or any(w in key for w in vocab.wordings):
            continue
        if prefix:
            return key
        last = len(key) - len(LABEL_SUFFIX) if key.endswith(LABEL_SUFFIX) else len(key) - 1
        if k <= last:
            return key
    return None


def damaged_chain(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                  vocab: LevelVocabulary, cutoff: float, blind: bool = False) -> list[tuple[int, int]] | None:
    """Like `label_chain`, for pieces with look-alikes in them (see the module doc); a label
    printed with one more character reads too (`reads_damaged_worded`), where the joined
    text is read whole as the same label. With `blind`, one piece may keep no character of
    it (`pieces_pin_blind`)."""
    keys, forms = label_keys(vocab), worded_keys(vocab)
    i, p = start
    first = label_key(rows[i].cells[p].text)
    if first in keys or first in forms:
        return None      # a label of its own, read exactly

    def reads(pieces: list[str], prefix: bool) -> bool:
        if reads_damaged(pieces, vocab, cutoff, prefix=prefix, blind=blind):
            return True
        key = reads_damaged_worded(pieces, vocab, cutoff, prefix=prefix)
        return key is not None and (prefix or reads_as_worded("".join(pieces), key, vocab)
                                    or one_column() and reads_unworded(printed(), key, vocab, cutoff))

    def printed() -> str:   # the chain's text as printed (whole readings come with its pieces)
        return "".join(rows[r].cells[q].text.strip() for r, q in chain)

    def one_column() -> bool:
        # read unworded on its pieces' evidence alone: they keep to one column (服各对象 beside
        # restated 蒲意度类 / 指标 is the next column's label)
        return all(rows[r].cells[q].col == col for r, q in chain)

    col = rows[i].cells[p].col
    best, chain, pieces = None, [start], [first]
    # (a blind first line keeps no character to read it by: the lines after it must)
    while len(chain) < PIECES_MAX and chain[-1][0] + 1 < len(rows) and (
            reads(pieces, prefix=True) or blind and len(pieces) == 1):
        r = chain[-1][0] + 1
        options = sorted((abs(c.col - col), q) for q, c in enumerate(rows[r].cells)
                         if (r, q) not in taken and is_piece(c.text))
        step = next(((r, q) for _, q in options
                     if label_key(rows[r].cells[q].text) not in keys
                     and label_key(rows[r].cells[q].text) not in forms
                     and reads([*pieces, label_key(rows[r].cells[q].text)], prefix=True)), None)
        if step is None:
            break      # a label of its own (服务户数 | 满意度指标) is no piece of another
        chain.append(step)
        pieces.append(label_key(rows[r].cells[step[1]].text))
        if reads(pieces, prefix=False):
            best = list(chain)
    return best


@lru_cache(maxsize=None)
def keys_longest_first(vocab: LevelVocabulary) -> tuple[str, ...]:
    return tuple(sorted(label_keys(vocab), key=lambda key: (-len(key), key)))   # ties in a fixed order


@lru_cache(maxsize=None)
def fused_heads_of(vocab: LevelVocabulary) -> frozenset[str]:
    """The first `FUSED_PIECE_MIN` characters of every label key (a shorter key whole)."""
    return frozenset(key[:FUSED_PIECE_MIN] for key in label_keys(vocab))


def fused_wrap(rows: list[Row], i: int, p: int, taken: set[tuple[int, int]],
               vocab: LevelVocabulary) -> tuple[str, tuple[int, int], str, str] | None:
    """A label fused into the name cell (i, p) and wrapped into the next line's cell:
    (the cell's text with the label whole, the next line's cell, its text without the
    label's last characters, the wording cut), or None (see the module doc); a label worded
    with 方面 wrapped inside it is `aspect_wrap`'s (the next line's text then holds the label
    put back, the cut is 方面). The first line
    may print one of the vocabulary's `wordings` after the label's head where the two lines
    spell a worded form (`经济效益性农户…` over `指标合作社…`: 经济效益性指标); the wording
    is the label's and goes with it (not a word names open with: `wording_openings`)."""
    cell = rows[i].cells[p]
    text = cell.text.strip()
    if text[:FUSED_PIECE_MIN] not in fused_heads_of(vocab):
        return None       # no label starts so (the loop below would find none)
    if i + 1 >= len(rows) or looks_like_value(text) or classify_label(cell, vocab) is not None:
        return None       # a damaged label (服务对象满意度损栎) is no name with a label in it
    below = sorted((abs(c.col - cell.col), q) for q, c in enumerate(rows[i + 1].cells)
                   if c.text.strip() and (i + 1, q) not in taken and not looks_like_value(c.text)
                   and vocab.columns.match(c.text) is None)    # 指标值: a header below
    found = aspect_wrap(rows, i, cell, [q for _, q in below if rows[i + 1].cells[q].col <= cell.col], vocab)
    if found is not None:
        return found
    for key in keys_longest_first(vocab):
        if text.startswith(key):
            return None       # the label whole on this line: split_fused_label's
        for j in range(FUSED_PIECE_MIN, len(key)):
            head, tail = key[:j], key[j:]
            if not text.startswith(head) or len(text) == j:
                continue
            q = next((q for d, q in below if d == 0 and rows[i + 1].cells[q].text.strip().startswith(tail)),
                     None)    # under the name: the name's next line, not a level cell beside it
            if q is None:
                continue
            cut = text[j] if worded_wrap(head, text[j:], tail, vocab) else ""
            whole = key + text[j + len(cut):]
            fused = split_fused_label(replace(cell, text=whole), vocab)
            if fused is not None and label_key(fused.label.cell.text) == key:
                return whole, (i + 1, q), rows[i + 1].cells[q].text.strip()[len(tail):].strip(), cut
    return None


def aspect_wrap(rows: list[Row], i: int, cell: Cell, under: list[int], vocab: LevelVocabulary
                ) -> tuple[str, tuple[int, int], str, str] | None:
    """`fused_wrap` for a label worded with 方面 (`aspect_keys`: 社会效益方面) fused into the name
    cell and wrapped inside its 方面 into the name cell under it (`社会效益方双拥…` over
    `面全社会…`, or over a cell `面` of its own left of it): the label put back as the label it is
    written for (社会效益指标) at the head of the first name and of the name below (where fused.py
    splits it off), or in that cell of its own: on both lines, as a wrapped label's chain goes
    on each of its rows (a line of its own is blanked); 方面's characters taken off."""
    text = cell.text.strip()
    for form, label in aspect_keys(vocab).items():
        j = len(form) - 1            # the break inside 方面
        head, tail = form[:j], form[j:]
        if not text.startswith(head) or len(label_key(text[j:])) < FUSED_REST_MIN:
            continue
        # the name's next line opening with the tail, or the tail a cell of its own left of the name
        q = next((q for q in under if rows[i + 1].cells[q].text.strip() == tail or
                  rows[i + 1].cells[q].col == cell.col and rows[i + 1].cells[q].text.strip().startswith(tail)
                  and len(label_key(rows[i + 1].cells[q].text.strip()[len(tail):])) >= FUSED_REST_MIN), None)
        if q is None:
            continue
        rest_below = rows[i + 1].cells[q].text.strip()[len(tail):].strip()
        key = label_key(label)
        whole = key + text[j:]
        fused = split_fused_label(replace(cell, text=whole), vocab)
        if fused is not None and label_key(fused.label.cell.text) == key:
            # the label prints on both lines: it goes on both rows, as a wrapped label's chain does
            # (the placement models weigh the line each places), in the cell of its own or before the name
            # (a cell of its own on a line of its own is blanked, as a chain's short piece is)
            row_line = any(c.text.strip() for k, c in enumerate(rows[i + 1].cells) if k != q)
            below = f"{key} {rest_below}" if rest_below else key if row_line else ""
            return whole, (i + 1, q), below, ASPECT
    return None


def worded_wrap(head: str, rest: str, tail: str, vocab: LevelVocabulary) -> bool:
    """Whether a name cell printing a label's `head` then `rest` over a line opening with the
    label's `tail` prints the label worded up: `rest` opens with one of the vocabulary's
    `wordings`, head, wording and tail a worded form of the label (`worded_label`), and the
    name opens with no word of its own there (`wording_openings`: 性别, 类型)."""
    return rest[:1] in vocab.wordings and worded_label(head + rest[0] + tail, vocab) \
        and not any(rest.startswith(word) for word in WORDING_OPENINGS) \
        and len(label_key(rest[1:])) >= FUSED_REST_MIN


@lru_cache(maxsize=4096)
def worded_label(key: str, vocab: LevelVocabulary) -> bool:
    """A label key, or a label's keyword worded up before its 指标 (`时效类指标`,
    `时效性指标`: a keyword of the vocabulary, 类 or 性, then 指标), or a worded form of a
    key read whole as its label (`可持续性影响指标`, `worded_keys`)."""
    if key in label_keys(vocab):
        return True
    forms = worded_keys(vocab)
    if key in forms and reads_as_worded(key, forms[key], vocab):
        return True
    if not key.endswith(LABEL_SUFFIX):
        return False
    return worded(key[:-len(LABEL_SUFFIX)], vocab, complete=True)


def worded(text: str, vocab: LevelVocabulary, complete: bool) -> bool:
    """`text` a keyword of the vocabulary and a wording after it (see `worded_label`);
    where not `complete`, the wording may be cut short."""
    keys = label_keys(vocab)
    for n in range(2, len(text)):
        extra = text[n:]
        if text[:n] in keys and not text[:n].endswith(LABEL_SUFFIX) and (
                extra in vocab.wordings or not complete and not extra):
            return True
    return False


@lru_cache(maxsize=4096)
def worded_prefix(key: str, vocab: LevelVocabulary) -> bool:
    """The first lines of a label as `worded_label` reads it: a prefix of a label key, or
    of a keyword worded up."""
    if key in label_prefixes(vocab) or key in label_keys(vocab) or key in worded_prefixes(vocab):
        return True
    core = key[:-1] if key.endswith(LABEL_SUFFIX[0]) else key
    return worded(core, vocab, complete=key != core) or worded(core, vocab, complete=False)

SEPARATOR_CHARS = " \t:：、/|｜"


NAME_WORD_OPENINGS = CATEGORY_WORD_OPENINGS + LABEL_LINE_OPENINGS


def opens_own_word(cell: Cell, head: str, words: tuple[str, ...] = NAME_WORD_OPENINGS) -> bool:
    """Whether a name cell opens, as printed, with a word names open with that runs past
    `head` (`社会保险补贴…`, `成本核算…`): the head is the name's own word's, no wrapped
    label's line fused into it. The word runs on into the name as printed (its raw text:
    cleaning drops spaces): a space inside it or just after it (`社会 保险…`, `成本控制 单位…`,
    the label's line with a word put in: `printed_past_first_line`) writes no name's word."""
    text = (cell.raw or cell.text).strip()
    return any(len(word) > len(head) and word.startswith(head) and text.startswith(word)
               and text[len(word):len(word) + 1] not in ("", *SEPARATOR_CHARS) for word in words)


@lru_cache(maxsize=65536)
def fused_heads(text: str) -> tuple[tuple[str, str], ...]:
    """(piece, rest) for the heads of a name cell a wrapped label's piece may be fused
    into: up to a separator where one follows within `PIECE_MAX` characters (`时效 疫苗…`),
    else every head of 1 to `PIECE_MAX` characters, the rest a name still."""
    text = text.strip()
    cut = next((k for k, ch in enumerate(text[:PIECE_MAX + 1]) if ch in SEPARATOR_CHARS), None)
    lengths = [cut] if cut else range(1, PIECE_MAX + 1)
    out = []
    for n in lengths:
        head, rest = text[:n], text[n:].strip(SEPARATOR_CHARS)
        if len(label_key(head)) == n and len(label_key(rest)) >= FUSED_REST_MIN and not makes_word(head, rest):
            out.append((head, rest))      # (数量指 | 标准化…: 标准 is the name's word)
    return tuple(out)


def name_right_of(row: Row, q: int) -> bool:
    """Whether a name-like cell (text longer than a piece, no value) follows the row's cell
    `q` before its first value."""
    for cell in row.cells[q + 1:]:
        if looks_like_value(cell.text):
            return False
        if len(label_key(cell.text)) > PIECE_MAX:
            return True
    return False


def column_wide(pieces: list[str]) -> bool:
    """Pieces of one label wrapped in a column of one width: every line but the last as
    wide as the first, the last no wider (`时效` / `类指` / `标`, `可持续影` / `响指标`)."""
    return all(len(piece) == len(pieces[0]) for piece in pieces[:-1]) \
        and (not pieces or len(pieces[-1]) <= len(pieces[0]))


FUSED_LOOK_ALIKE_MIN = 3   # a fused head read with one look-alike keeps two characters or more right


def head_between_pieces(chain: list, k: int) -> bool:
    """Whether the chain's line `k` has a short piece (no fused head) on the lines just
    above and below it."""
    return 0 < k < len(chain) - 1 and chain[k - 1][2] is None and chain[k + 1][2] is None


def one_look_alike(expected: str, piece: str) -> bool:
    """`piece` as long as `expected`, at least `FUSED_LOOK_ALIKE_MIN` characters, and
    one character of it different."""
    return len(piece) == len(expected) >= FUSED_LOOK_ALIKE_MIN \
        and sum(a != b for a, b in zip(expected, piece)) == 1


def fused_piece_chain(rows: list[Row], start: int, taken: set[tuple[int, int]], vocab: LevelVocabulary,
                      seen: dict[int, list] | None = None, chains: list[list[tuple[int, int]]] = ()
                      ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str], str] | None:
    """A label wrapped in a narrow level column, one of whose pieces OCR fused into the
    head of the name cell beside it (`时效 疫苗接种…` / `类指` / `标`): the chain of spots
    from line `start`, the rest of each name cell a piece was taken off, and the joined
    label; or None. Every line gives one piece, a short cell or a name cell's head; at
    least one of each; the short pieces left of the name cells; the joined pieces a label
    exactly, else one label only under look-alikes at `LABEL_CUTOFF` (as `damaged_chain`).
    The chain of most lines wins, then an exact one, then the longer label; among chains
    reading the same label, the one whose short pieces are one of `chains` (runs already
    read alone as a label), then the one nearest the name."""
    keys = label_keys(vocab)
    read_alone = {frozenset(chain) for chain in chains}

    cache = seen if seen is not None else {}

    def options(r: int) -> list[tuple[tuple[int, int], str, str | None]]:
        # a line's options do not depend on `taken`: found once per line (`seen` keeps
        # them across the starts of one table), then filtered
        if r not in cache:
            cache[r] = line_options(r)
        return [option for option in cache[r] if option[0] not in taken]

    def line_options(r: int) -> list[tuple[tuple[int, int], str, str | None]]:
        out = []
        cells = rows[r].cells
        for q, c in enumerate(cells):
            # (only the cell just left needs a look: at a name further left the loop ended)
            if q and len(label_key(cells[q - 1].text)) > PIECE_MAX and classify_label(cells[q - 1], vocab) is None:
                break     # right of a name: a target's cell, not a level or name cell
            if not c.text.strip() or looks_like_value(c.text) \
                    or vocab.columns.match(c.text) is not None:
                continue     # (二级指标: a header, 指标值 too)
            if is_piece(c.text):
                if len(label_key(c.text)) < SEPARATED_LABEL_MIN or classify_label(c, vocab) is None:
                    out.append(((r, q), label_key(c.text), None))   # (成木指标: a label of its own)
            elif classify_label(c, vocab) is None and split_fused_label(c, vocab) is None:
                # (服务对象满意度指标 享受…: a label fused whole, for fused.py)
                out.extend(((r, q), label_key(head), rest) for head, rest in fused_heads(c.text)
                           if not opens_own_word(c, head))
        return out

    best: tuple | None = None

    def done(chain: list) -> bool:
        whole = [spot for spot, _, rest in chain if rest is None]
        fused = [spot for spot, _, rest in chain if rest is not None]
        if not whole or not fused or len(chain) < 2 or not column_wide(pieces_of(chain)):
            return False
        # OCR drops a line's leading empty cells: a name's line shorter than the short
        # pieces' lines is aligned with them from the right (a longer one may only print
        # more on its right, a 备注)
        width = max(len(rows[r].cells) for r, _ in whole)

        def col(r: int, c) -> int:
            return c.col + max(0, width - len(rows[r].cells))

        if any(name_right_of(rows[r], q) for r, q in fused):
            return False      # the cell is a level cell left of the line's name, not the name
        left = min(col(r, rows[r].cells[q]) for r, q in fused)
        if not all(col(r, rows[r].cells[q]) < left for r, q in whole):
            return False
        # the piece left the level cell of its line empty: that cell is there, blank, or
        # dropped with the line's leading empty cells
        cols = {col(r, rows[r].cells[q]) for r, q in whole}
        return all(any(col(r, c) in cols and not c.text.strip() for c in rows[r].cells)
                   or min(cols) < width - len(rows[r].cells) for r, _ in fused)

    def pieces_of(chain: list) -> list[str]:
        return [piece for _, piece, _ in chain]

    def rest_read_alone(chain: list) -> tuple[bool, int]:
        # where two level columns print a label's lines (`成本` / `指标` under `成本` / `控制` /
        # `指标`, beside a name opening with `经济`), the wrapped label's rest is the run of
        # short pieces already read alone as a label (`read_alone`), the one nearest the
        # name; not where another column's run on those lines reads as the same label
        # (the level-1 column printing it too: which column's it is, the lines do not say)
        whole = frozenset(spot for spot, _, rest in chain if rest is None)
        lines = sorted(r for r, _ in whole)
        text = "".join(label_key(rows[r].cells[q].text) for r, q in sorted(whole))
        same = [run for run in read_alone if sorted(r for r, _ in run) == lines
                and "".join(label_key(rows[r].cells[q].text) for r, q in sorted(run)) == text]
        return same == [whole], min(rows[r].cells[q].col for r, q in whole)

    def damaged_in_short_pieces(chain: list) -> bool:
        # look-alikes in the short pieces, or one in a fused head of a chain that has
        # short pieces on both sides of it: the level column's lines above and below
        # pin the head, so one look-alike in it (`可持续` / `影呐指` / `标`) is read too
        key = reads_damaged(pieces_of(chain), vocab, LABEL_CUTOFF, prefix=False)
        if key is None:
            return False
        bounds = piece_bounds(pieces_of(chain))
        return all(key[a:b] == piece or head_between_pieces(chain, k) and one_look_alike(key[a:b], piece)
                   for k, ((a, b), (_, piece, rest)) in enumerate(zip(bounds, chain)) if rest is not None)

    def grow(chain: list, exact: bool) -> None:
        nonlocal best
        pieces = pieces_of(chain)
        if not column_wide(pieces[:-1]):
            return
        joined = "".join(pieces)
        if exact and worded_label(joined, vocab) or not exact and not worded_label(joined, vocab) \
                and damaged_in_short_pieces(chain):
            rank = (len(chain), exact, len(joined))
            if done(chain) and (best is None or rank > best[2] or rank == best[2] and joined == best[1]
                                and rest_read_alone(chain)[0] and rest_read_alone(chain) > rest_read_alone(best[0])):
                best = (list(chain), joined, rank)
        if len(chain) >= PIECES_MAX or chain[-1][0][0] + 1 >= len(rows):
            return
        if exact and not worded_prefix(joined, vocab) or not exact and not reads_damaged(pieces, vocab, LABEL_CUTOFF,
                                                                              prefix=True):
            return
        for option in options(chain[-1][0][0] + 1):
            if exact or allowed_damaged(option):
                grow([*chain, option], exact)

    def allowed_damaged(option: tuple) -> bool:
        # a fused head of two characters or more (one fits too many labels under a look-alike)
        _, piece, rest = option
        return rest is None or len(piece) >= DAMAGED_HEAD_MIN

    # a chain runs over consecutive lines with options, and needs a short piece and a
    # fused head among them: most lines start none
    window = []
    for r in range(start, min(start + PIECES_MAX, len(rows))):
        window.extend(options(r) or [None])
        if window[-1] is None:
            break
    rests = [option[2] for option in window if option is not None]
    if None not in rests or all(rest is None for rest in rests):
        return None
    for exact in (True, False):
        for option in options(start):
            if exact or allowed_damaged(option):
                grow([option], exact)
    if best is None:
        return None
    chain, joined, _ = best
    return [spot for spot, _, _ in chain], {spot: rest for spot, _, rest in chain if rest is not None}, joined


def lines_of_their_own_below(rows: list[Row], i: int, left_of: int, taken: set[tuple[int, int]]
                             ) -> list[tuple[int, int]]:
    """The run of lines just below line `i` each printing one piece and nothing else, left
    of column `left_of` (a level column's, or a line that lost its leading cells)."""
    out: list[tuple[int, int]] = []
    for r in range(i + 1, min(i + PIECES_MAX, len(rows))):
        filled = [q for q, c in enumerate(rows[r].cells) if c.text.strip()]
        if len(filled) != 1 or (r, filled[0]) in taken or not is_piece(rows[r].cells[filled[0]].text) \
                or rows[r].cells[filled[0]].col >= left_of:
            break
        out.append((r, filled[0]))
    return out


def fused_group_word(rows: list[Row], i: int, taken: set[tuple[int, int]], vocab: LevelVocabulary
                     ) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str], str] | None:
    """A group's word fused at the head of a name (`产出 设施验收合格率`, `产出档案证明…`) over
    its category's word spilled onto lines of their own below (`质量` / `指标`, `时效`): a
    group-worded form (产出质量指标) wrapped at the word's width, its first line fused into the
    name; read apart, the rest is a category of no row and the name keeps the word. As
    `fused_piece_chain`'s result (the spots, the name's rest, the form, completed with 指标
    where `spilled_forms` lists that), or None. Only the line's first name cell, where a cell
    left of it is blank (the level cell the word left) or there is none (the line lost its
    leading cells). The head is a group's word exactly (`group_keys`), no word a name opens
    with (`opens_own_word`), and the name's rest does not open with the category's word
    (`产出 质量监督…`); the lines below each print one piece alone, left of the name
    (`lines_of_their_own_below`), one column wide with the word (`column_wide`), spelling one
    of `spilled_forms` exactly or with look-alikes in the rest (`rest_joined_head`: `质重` /
    `指标`, the characters in place, one form only)."""
    forms, groups = spilled_forms(vocab), group_keys(vocab)
    if not any(cell.text.strip().startswith(group) for cell in rows[i].cells for group in groups):
        return None     # (no cell opens with a group's word: the common line, before any is classified)
    for p, cell in enumerate(rows[i].cells):
        if (i, p) in taken or is_piece(cell.text) or looks_like_value(cell.text) \
                or classify_label(cell, vocab) is not None or split_fused_label(cell, vocab) is not None:
            continue
        left = [c for c in rows[i].cells[:p] if c.col < cell.col]
        if left and all(c.text.strip() for c in left):
            return None     # (no level cell left blank on the name's line: the word is the name's)
        for head, rest in fused_heads(cell.text):
            if head not in groups or opens_own_word(cell, head):
                continue
            below = lines_of_their_own_below(rows, i, cell.col, taken)
            for n in range(len(below), 0, -1):
                pieces = [head, *(label_key(rows[r].cells[q].text) for r, q in below[:n])]
                joined = "".join(pieces)
                if joined not in forms:     # (the rest with look-alikes: `质重` / `指标`)
                    joined = rest_joined_head(head, joined[len(head):], vocab, whole_rest=False, compound=True) or ""
                # (the name opening with the category's word, as far as a level cell printing it reads: 质量监督…)
                if joined not in forms or not column_wide(pieces) \
                        or label_key(rest).startswith(joined[len(head):len(head) + PREFIX_MIN]):
                    continue
                form = joined if joined.endswith(LABEL_SUFFIX) else joined + LABEL_SUFFIX
                return [(i, p), *below[:n]], {(i, p): rest}, form if form in forms else joined
        return None     # (the line's first name cell only: right of it are targets)
    return None


PUT_IN_MAX = 2    # a word a form puts in a label (成本控制指标: 控制), beyond the listed wordings
PUT_IN_FROM = 2   # a word put in a label stands after its first two characters (生态|环境|效益指标)
PUT_IN_KIND = " with a word put in"   # `put_in_chain`'s chains, read without the word


def printed_past_first_line(rows: list[Row], chain: list[tuple[int, int]], rests: dict[tuple[int, int], str],
                            joined: str) -> tuple[str, str] | None:
    """(word, the name's rest without it) where a chain of `fused_piece_chain` took its first
    line off a name cell whose text as printed (its raw text; cleaning drops the space)
    goes on past that piece with up to `PUT_IN_MAX` Chinese characters before a space
    (`成本控制 单位管网造价` over `指标`: the unlisted wording 成本控制指标, read as 成本 + 指标):
    the text before the space is the label's first line as printed, the word put in cut off
    with it. Not a word names open with (`NAME_OPENINGS`), nor where the rest is no name."""
    r, q = chain[0]
    if (r, q) not in rests:
        return None     # (the label's first line a short cell of its own: no head of a name's)
    cell = rows[r].cells[q]
    raw, rest = (cell.raw or "").strip(), rests[(r, q)]
    piece = cell.text.strip()[:len(cell.text.strip()) - len(rest)].strip(SEPARATOR_CHARS)
    at = next((k for k, ch in enumerate(raw[:PIECE_MAX + 1]) if ch in " \t"), None)
    if not piece or at is None or at <= len(piece) or not raw.startswith(piece):
        return None
    word = raw[len(piece):at]
    after = raw[at:].strip(SEPARATOR_CHARS)
    if len(word) > PUT_IN_MAX or not all(is_han(ch) for ch in word) or word in NAME_OPENINGS \
            or not rest.startswith(word) or len(label_key(after)) < FUSED_REST_MIN or joined.startswith(piece + word):
        return None
    return word, rest[len(word):].strip(SEPARATOR_CHARS)


@lru_cache(maxsize=None)
def put_in_splits(vocab: LevelVocabulary) -> tuple[tuple[str, str, str], ...]:
    """(head, tail, label) for each level-2 label key ending in 指标 cut where a form may
    put a word in: after the category's first `PUT_IN_FROM` characters, before its 指标 at
    the latest (成本 | 指标, 生态 | 效益指标)."""
    out = []
    for spec in vocab.level2_specs.values():
        for text in (spec.label, *spec.aliases):
            key = label_key(text)
            if key.endswith(LABEL_SUFFIX):
                out += [(key[:k], key[k:], spec.label) for k in range(PUT_IN_FROM, len(key) - len(LABEL_SUFFIX) + 1)]
    return tuple(out)


def put_in_reading(joined: str, vocab: LevelVocabulary, weak: bool = True) -> tuple[str, str] | None:
    """(word, label key) where `joined` (a wrapped label's lines joined) is a level-2 label
    key ending in 指标 with one word of up to `PUT_IN_MAX` Chinese characters put in after
    its category's first `PUT_IN_FROM` characters (成本控制指标: 控制; 生态环境效益指标: 环境),
    a word no listed wording (`worded_keys` reads those), holding none of 指标's characters,
    no label of its own and no label's key with the rest or with the head (数量 | 质量 | 指标
    is two labels), the word with the rest read as no label the rest alone does not read as
    (a damaged label's first line: 数量 | 质暈 | 指标), the head with the word or its first
    character read as no label (社会效溢 | 效益指标: a damaged label over the group's label;
    生态环境 | 效益指标 reads), the word one the category's keywords hold (`names_its_matter`:
    时效 | 戍夲 | 指标 is a bare label over a damaged one); None where no such reading is, or
    readings name two categories. `weak`: also the readings evidence for their own block only
    (`weakly_put_in`): a bare word with 指标 put back, and look-alikes beside the word put in
    (`damaged_put_in_reading`)."""
    if weak and not joined.endswith(LABEL_SUFFIX) and len(joined) > PUT_IN_FROM:
        # printed without its 指标 (生态 | 环境 | 效益): read as the label's bare word is, 指标 put back
        return put_in_reading(joined + LABEL_SUFFIX, vocab)
    keys, found = label_keys(vocab), {}
    for head, tail, label in put_in_splits(vocab):
        word = joined[len(head):len(joined) - len(tail)]
        if not (joined.startswith(head) and joined.endswith(tail) and 0 < len(word) <= PUT_IN_MAX):
            continue
        # a key with the tail or head: the shipped keys' readings below refuse these too, but a
        # form's own level file may bring keys they do not (就业效益指标)
        if not all(is_han(ch) for ch in word) or all(ch in vocab.wordings for ch in word) \
                or any(ch in LABEL_SUFFIX for ch in word) or word in keys or word + tail in keys \
                or head + word in keys:
            continue
        if label_read_as(word + tail, vocab) != label_read_as(tail, vocab):
            continue     # (数量 / 盾量 / 指标: a damaged label 盾量指标 under a bare 数量, no word put in)
        if any(label_read_as(head + word[:k], vocab) is not None for k in range(1, len(word) + 1)):
            continue     # (社会效溢 / 效益指标: a damaged label's line over the group's label, no word put in)
        if not names_its_matter(word, vocab.level2_specs[label]):
            continue     # (时效 / 戍夲 / 指标: a bare label over a damaged one, 戍夲 no word of 时效's)
        found.setdefault(label, (word, head + tail))
    if found or not weak:
        return next(iter(found.values())) if len(found) == 1 else None
    return damaged_put_in_reading(joined, vocab)


@lru_cache(maxsize=65536)
def damaged_put_in_reading(joined: str, vocab: LevelVocabulary) -> tuple[str, str] | None:
    """`put_in_reading` for a label with look-alikes besides the word put in (`生杰环` / `境效益`:
    生态效益 with 环境 put in, 态 printed 杰): the word a whole word of the category's keywords
    (`names_its_matter`, printed clean: the word is the evidence), the rest the label's key at
    `LABEL_CUTOFF` counting characters in place, keeping one of its category's own characters
    (not 指, 标, 类) in its head, and no other category as near; else None."""
    scored: dict[str, tuple[float, tuple[str, str]]] = {}
    for head, tail, label, word, kept in put_in_candidates(joined, vocab):
        score = 100.0 * sum(kept) / len(kept)
        if not LABEL_CUTOFF <= score < 100.0 or not any(k and ch not in GENERIC_CHARS for k, ch in zip(kept, head)):
            continue     # (read exactly: the exact reading above decided)
        printed_head, printed_tail = joined[:len(head)], joined[len(head) + len(word):]
        # the exact reading's checks on the lines as printed: no label of the word with the
        # rest (质量有 / 效指标: 有效指标 reads as 时效指标), nor of the head with the word
        if label_read_as(word + printed_tail, vocab) != label_read_as(printed_tail, vocab) \
                or any(label_read_as(printed_head + word[:k], vocab) is not None for k in range(1, len(word) + 1)):
            continue
        if score > scored.get(label, (0.0,))[0]:
            scored[label] = (score, (word, head + tail))
    return nearest_alone(scored)

@lru_cache(maxsize=65536)
def put_in_cell_reading(text: str, vocab: LevelVocabulary, beat: float) -> tuple[str, str, float] | None:
    """(word, category, score) where a level cell's key (`土恣环境效益指标`) is a level-2 label
    key ending in 指标 with a word put in after its first `PUT_IN_FROM` characters, the word
    printed clean and a whole word of that category's keywords (`names_its_matter`: 环境 of
    生态效益's), the rest (`土恣效益指标`) nearer that key, counting characters in place, than
    `beat` (the score the cell was read at as another label: 生态环境成本指标 at 50, by 环境
    and 指标 alone) and at `COLUMN_CUTOFF` at least, keeping a character of the label's own
    (not 指, 标, 类) in place; the one nearest such label, else None."""
    scored: dict[str, tuple[float, tuple[str, str, float]]] = {}
    for head, tail, label, word, kept in put_in_candidates(text, vocab):
        score = 100.0 * sum(kept) / len(kept)
        if score <= max(beat, COLUMN_CUTOFF) or not any(k and ch not in GENERIC_CHARS
                                                        for k, ch in zip(kept, head + tail)):
            continue
        if score > scored.get(label, (0.0,))[0]:
            scored[label] = (score, (word, label, score))
    return nearest_alone(scored)


def put_in_candidates(text: str, vocab: LevelVocabulary):
    """(head, tail, label, word, kept) for each way `text` is a label key ending in 指标
    (`put_in_splits`: head + tail) with a word of 2 to `PUT_IN_MAX` Chinese characters put in
    after its head, the word printed clean, none of 指标's characters and a whole word of the
    category's keywords (`names_its_matter`); `kept`: whether each character of the text
    without the word is the key's, in place."""
    for head, tail, label in put_in_splits(vocab):
        for n in range(2, PUT_IN_MAX + 1):
            if len(text) != len(head) + n + len(tail):
                continue
            word = text[len(head):len(head) + n]
            if not all(is_han(ch) for ch in word) or any(ch in LABEL_SUFFIX for ch in word) \
                    or not names_its_matter(word, vocab.level2_specs[label]):
                continue
            rest = text[:len(head)] + text[len(head) + n:]
            yield head, tail, label, word, [a == b for a, b in zip(rest, head + tail)]


def nearest_alone(scored: dict[str, tuple[float, tuple]]) -> tuple | None:
    """The reading of the one category scored highest (category -> (score, reading)); None
    where none is, or two tie."""
    if not scored:
        return None
    best = max(score for score, _ in scored.values())
    tops = [reading for score, reading in scored.values() if score == best]
    return tops[0] if len(tops) == 1 else None

def weakly_put_in(joined: str, word: str, key: str) -> bool:
    """Whether `put_in_reading` read `joined` as the label `key` with `word` put in only through
    a weak reading, evidence for its own block only: printed without its 指标 (put back), or
    its other characters not the key's (look-alikes beside the word)."""
    return not joined.endswith(LABEL_SUFFIX) or joined.replace(word, "", 1) != key


def names_its_matter(word: str, spec: Level2Spec) -> bool:
    """Whether `word`, put in the category's label, is a word of two characters or more
    within one of the category's own keywords (`strong`, `weak`: 控制 of 成本's 标准控制, 环境
    of 生态效益's): a form puts in a word for what the category counts. A damaged label's
    first line under a bare label (时效 / 戍夲 / 指标, 成本 / 拾柝 / 指标) names nothing of it."""
    return len(word) > 1 and any(word in keyword for keyword in (*spec.strong, *spec.weak))


def put_in_chain(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                 vocab: LevelVocabulary, levels: LevelCells, weak: bool = True) -> list[tuple[int, int]] | None:
    """A wrapped label whose lines spell a label with a word the form put in (`成本控` /
    `制指标`, `成本控制` / `指标`: the unlisted wording 成本控制指标; `生态` / `环境` / `效益` /
    `指标`), which no other chain reads (`put_in_reading`): one piece per consecutive line
    down one column, none under a level-1 column of the header, wrapped at one width
    (`column_wide`), the first no label's tail nor a label read alone (`成本` over `控制` /
    `指标` is read as 成本指标 by itself; a bare 时效 over `戍夲` / `指标` is a label of its
    own), through at most one entry's line (`entry_line`: two are two categories listed
    without indicators) and the run the longest that reads. None where none does."""
    i, p = start
    col = rows[i].cells[p].col
    if label_key(rows[i].cells[p].text) in label_rests(vocab):
        return None      # (a later line of a label above; no shipped rest heads a reading, a form's own keys may)
    if label_read_as(rows[i].cells[p].text, vocab) is not None:
        return None      # (a label of its own: the lines below add no evidence of its category)
    chain, best = [start], None
    while len(chain) < PIECES_MAX and chain[-1][0] + 1 < len(rows):
        r = chain[-1][0] + 1
        step = next(((r, q) for q, c in enumerate(rows[r].cells)
                     if c.col == col and (r, q) not in taken and is_piece(c.text)), None)
        if step is None or (entry_line(rows[r], col) and any(entry_line(rows[r2], col) for r2, _ in chain)):
            break    # (a second entry's line: the next category listed without indicators)
        chain.append(step)
        pieces = [label_key(rows[r2].cells[q2].text) for r2, q2 in chain]
        if column_wide(pieces) and put_in_reading("".join(pieces), vocab, weak) is not None:
            best = list(chain)
    if best is None or any(levels.get(spot) == 1 for spot in best):
        return None
    return best


def entry_line(row: Row, col: int) -> bool:
    """A line printing a category listed without indicators beside its label's piece in
    column `col`: right of it nothing but a placeholder (`无`), and a placeholder or the
    line's own row number. Two such lines are two entries: no label's lines run across
    them (`put_in_chain`)."""
    right = [c.text.strip() for c in row.cells if c.col > col and c.text.strip()]
    return all(parse_target(text).kind == "none" for text in right) and (bool(right) or row.numbered is True)


def label_read_as(text: str, vocab: LevelVocabulary) -> str | None:
    """The category `text` alone reads as (at the default cutoff), or None."""
    hint = classify_label(Cell(text=text, raw=text, col=0), vocab)
    return hint.spec.label if hint is not None else None


def chain_pieces(rows: list[Row], chain: list[tuple[int, int]], rests: dict[tuple[int, int], str]) -> list[str]:
    """The label's piece on each line of a `fused_piece_chain` chain: a short cell's text, or
    the head cut off a name cell (its text less the rest)."""
    out = []
    for r, q in chain:
        text = rows[r].cells[q].text.strip()
        out.append(label_key(text[:len(text) - len(rests[(r, q)])] if (r, q) in rests else text))
    return out


def wording_left_in_rest(rows: list[Row], chain: list[tuple[int, int]], rests: dict[tuple[int, int], str],
                         joined: str, vocab: LevelVocabulary) -> dict[tuple[int, int], tuple[str, str]]:
    """{spot: (the text cut, the name's rest without it)} where a chain of `fused_piece_chain`
    read its label without the wording its fused line prints: the name's rest opens with one of
    the vocabulary's `wordings` (性, 类), then 指 / 指标 up to where the label's lines go on
    (`质量` | `类创业…` over `指柝`: 质量类指标; `社会效` over `益` | `性指提高…`: 社会效益性指标,
    its 标 past the chain; `worded_cut`), or, on the chain's last line, with 方面 (`社会效` over
    `益` | `方面城镇…`: 社会效益方面; `aspect_cut`). The line with that text is the label's line as
    printed: the pieces stay one column wide and the joined text reads as the category the
    chain read. Not a word names open with (`性别`, `wording_openings`), nor where the name's
    rest left is no name."""
    category = label_read_as(joined, vocab)
    if category is None:
        return {}
    pieces = chain_pieces(rows, chain, rests)
    out = {}
    for k, spot in enumerate(chain):
        rest = rests.get(spot)
        if not rest or any(rest.startswith(word) for word in WORDING_OPENINGS):
            continue
        last = k == len(chain) - 1
        for cut in (*worded_cuts(rest, vocab), *(aspect_cuts(rest) if last else ())):
            left = rest[len(cut):].strip(SEPARATOR_CHARS)
            lines = [*pieces[:k], pieces[k] + cut, *pieces[k + 1:]]
            if len(label_key(left)) < FUSED_REST_MIN or not column_wide(lines):
                continue
            if reads_with_cut("".join(lines), len("".join(pieces[:k + 1])), cut, last, vocab) == category:
                out[spot] = (cut, left)
                break
    return out


def worded_cuts(rest: str, vocab: LevelVocabulary) -> tuple[str, ...]:
    """The heads of `rest` a label's wording may print, longest first: one of the vocabulary's
    `wordings`, then 指 or 指标 (`性指`, `性`)."""
    if rest[:1] not in vocab.wordings:
        return ()
    cuts = (rest[0] + LABEL_SUFFIX[:m] for m in range(len(LABEL_SUFFIX), -1, -1))
    return tuple(cut for cut in cuts if rest.startswith(cut))


def aspect_cuts(rest: str) -> tuple[str, ...]:
    """`rest`'s head 方面 (`ASPECT`, written whole), which a label worded with it ends with."""
    return (ASPECT,) if rest.startswith(ASPECT) else ()


def reads_with_cut(text: str, at: int, cut: str, last: bool, vocab: LevelVocabulary) -> str | None:
    """The category the chain's joined `text` reads as with `cut` put in at `at`: a form worded
    with 方面 (`aspect_keys`), or, the wording taken out and 指标's rest put after a last line, as
    a label reads (`label_read_as`); None where the wording stands before the label's third
    character."""
    if cut == ASPECT:
        return aspect_keys(vocab).get(text)
    if at < 2:
        return None
    done = text + (LABEL_SUFFIX[len(cut) - 1:] if last else "")
    return label_read_as(done[:at] + done[at + 1:], vocab)


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs; code points, so no numeral literal)."""
    return 0x4E00 <= ord(ch) <= 0x9FFF


def rejoin_fused_wraps(rows: list[Row], vocab: LevelVocabulary, taken: set[tuple[int, int]]
                       ) -> tuple[dict[tuple[int, int], str], list[Issue]]:
    """New texts for the cells of fused labels wrapped over two lines, and an issue each."""
    texts: dict[tuple[int, int], str] = {}
    blocked = set(taken)     # `taken` and the cells given new texts so far
    issues = []
    for i, row in enumerate(rows):
        for p, cell in enumerate(row.cells):
            if (i, p) in blocked or len(label_key(cell.text)) <= FUSED_PIECE_MIN:
                continue
            found = fused_wrap(rows, i, p, blocked, vocab)
            if found is None:
                continue
            whole, below, rest, cut = found
            texts[(i, p)], texts[below] = whole, rest
            blocked.update(((i, p), below))
            issues.append(Issue("info", "label_rejoined",
                                f"level label fused into the name and wrapped over 2 lines "
                                f"({cell.text} | {rows[below[0]].cells[below[1]].text}) read as "
                                f"{whole!r} | {rest!r}", field="indicators", source_ref=row.source_ref))
            if cut == ASPECT:    # a label worded with 方面, wrapped inside it (`aspect_wrap`): said for review
                issues.append(Issue("warning", "label_unrecognised",
                                    f"{cell.text.strip()!r} prints a label worded with {ASPECT!r}, wrapped inside "
                                    f"it into the line below ({rows[below[0]].cells[below[1]].text.strip()!r}): put "
                                    f"back as the label it is written for, {ASPECT!r} taken off the name",
                                    field="level2", source_ref=row.source_ref))
            elif cut:      # the label's wording, read off the name: said for review
                issues.append(Issue("warning", "label_unrecognised",
                                    f"{cell.text.strip()!r} prints {cut!r} after the head of the label wrapped "
                                    f"into the line below ({rows[below[0]].cells[below[1]].text.strip()!r}): the "
                                    f"label's wording as printed, cut off the name with the label",
                                    field="level2", source_ref=row.source_ref))
    return texts, issues


def is_row_line(r: int, rows: list[Row], pieces: set[tuple[int, int]]) -> bool:
    """Whether line `r` holds anything but label pieces: a table row, not a line of its own."""
    return any(c.text and (r, q) not in pieces for q, c in enumerate(rows[r].cells))


def anchor_of(chain: list[tuple[int, int]], rows: list[Row], pieces: set[tuple[int, int]]) -> int:
    """The index in `chain` of the line the joined label sits on (see the module doc)."""
    def is_row(k: int) -> bool:
        r = chain[k][0]
        return any(c.text and (r, q) not in pieces for q, c in enumerate(rows[r].cells))

    middle = (len(chain) - 1) // 2
    rows_at = next((k for k in range(middle, -1, -1) if is_row(k)), None)
    if rows_at is not None:
        return rows_at
    return numbered_line_of(chain, rows, pieces, middle)


def numbered_line_of(chain: list[tuple[int, int]], rows: list[Row], pieces: set[tuple[int, int]],
                     middle: int) -> int:
    """The index in `chain` of the one line printing a row number (序号), where every line
    is a label piece and the table numbers its rows: a numbered line holding nothing but a
    label is a table row (a category listed without indicators, its number on the label's
    first line), so the label sits there; set on the middle line, the row lost its number
    and read as a block's label between rows. `middle` where no line or several print one,
    or none is a line of pieces alone (`Row.numbered` None: the table prints no numbers)."""
    numbered = [k for k, (r, _) in enumerate(chain) if rows[r].numbered is True
                and not any(c.text and (r, q) not in pieces for q, c in enumerate(rows[r].cells))]
    return numbered[0] if len(numbered) == 1 else middle


def place_fused_chain(rows: list[Row], chain: list[tuple[int, int]], rests: dict[tuple[int, int], str],
                      joined: str, pieces: set[tuple[int, int]], vocab: LevelVocabulary
                      ) -> dict[tuple[int, int], str]:
    """New texts for a chain of `fused_piece_chain`: each name cell keeps its rest; the
    label goes on every line of the chain that is a table row, in the short piece's cell
    there; on a name's line, before the name with a space where fused.py splits it off
    so (a level-2 label in full), else in an empty cell left of the name cell (the level
    column's, nearest the short pieces' column). Short pieces on lines of their own are
    blanked."""
    texts = dict(rests)
    col = min(rows[r].cells[q].col for r, q in chain if (r, q) not in rests)
    lines_done = set()
    for r, q in chain:
        if (r, q) not in rests:
            on_row = is_row_line(r, rows, pieces)
            texts[(r, q)] = joined if on_row else ""
            if on_row:
                lines_done.add(r)
    for r, q in rests:
        if r in lines_done:
            continue
        name_col = rows[r].cells[q].col
        empty = sorted((abs(c.col - col), k) for k, c in enumerate(rows[r].cells)
                       if not c.text.strip() and c.col < name_col and (r, k) not in texts)
        fused = f"{joined} {rests[(r, q)]}"
        if split_fused_label(replace(rows[r].cells[q], text=fused), vocab) is not None or not empty:
            texts[(r, q)] = fused      # as a label fused whole: fused.py's to split off
        else:
            texts[(r, empty[0][1])] = joined
        lines_done.add(r)
    return texts


RESTATED_REACH = 3    # lines above and below where a restated piece is looked for


def restated_piece(rows: list[Row], i: int, p: int, vocab: LevelVocabulary) -> tuple[int, str, str] | None:
    """A label's first line restated on every row of its block, fused into the name cell
    (i, p) beside it (`数量指 发放创业担保贷款…` between rows whose level cell reads `数量指`):
    (the blank cell the piece left, the piece, the name's rest), or None. The piece is a
    label's first line of `FUSED_PIECE_MIN` characters or more, no label of its own, printed
    alone in a cell of the same column on another line within `RESTATED_REACH`; that cell on
    this line is there and blank; the name goes on past it in no label (`服务对` | `象满意度`
    reads on into 服务对象满意度指标: a name, 服务对象满意度, and kept whole) and keeps
    `FUSED_REST_MIN` characters."""
    cell = rows[i].cells[p]
    text = cell.text.strip()
    keys, prefixes = label_keys(vocab), label_prefixes(vocab)
    if len(label_key(text)) <= FUSED_PIECE_MIN + 1 or text[:FUSED_PIECE_MIN] not in prefixes:
        return None
    blanks = {c.col: q for q, c in enumerate(rows[i].cells) if not c.text.strip() and c.col < cell.col}
    if not blanks or looks_like_value(text) or classify_label(cell, vocab) is not None \
            or split_fused_label(cell, vocab) is not None:
        return None
    for r in sorted(range(max(0, i - RESTATED_REACH), min(len(rows), i + RESTATED_REACH + 1)),
                    key=lambda r: (abs(r - i), r)):
        if r == i:
            continue
        for c in rows[r].cells:
            piece = label_key(c.text)
            if c.col not in blanks or len(piece) < FUSED_PIECE_MIN or piece in keys \
                    or piece not in prefixes or not text.startswith(c.text.strip()):
                continue
            rest = text[len(c.text.strip()):]
            rest = rest.strip()
            if len(label_key(rest)) < FUSED_REST_MIN or piece + label_key(rest)[:1] in prefixes | keys:
                continue     # the label goes on into the name: no piece cut short here
            return blanks[c.col], c.text.strip(), rest
    return None


def split_restated_pieces(rows: list[Row], vocab: LevelVocabulary) -> tuple[list[Row], list[Issue]]:
    """The rows with each restated label piece fused into a name put back in the blank
    level cell it left (`restated_piece`), and an info issue for each."""
    texts: dict[tuple[int, int], str] = {}
    issues = []
    for i, row in enumerate(rows):
        for p, cell in enumerate(row.cells):
            found = restated_piece(rows, i, p, vocab) if cell.text.strip() else None
            if found is None:
                continue
            q, piece, rest = found
            texts[(i, q)], texts[(i, p)] = piece, rest
            issues.append(Issue("info", "label_rejoined",
                                f"a level label's first line restated on every row ({piece!r}) fused into "
                                f"the name beside it ({cell.text!r}): read as {piece!r} | {rest!r}",
                                field="indicators", source_ref=row.source_ref))
            break
    if not texts:
        return rows, issues
    return [with_texts(row, i, texts) for i, row in enumerate(rows)], issues


def rejoin_label_fragments(rows: list[Row], vocab: LevelVocabulary,
                           roles: dict[int, str] | None = None, weak: bool = True) -> tuple[list[Row], list[Issue]]:
    """The rows with each wrapped label joined on one line, and an info issue for each;
    `roles` (the header's column roles, where known) lets damaged pieces under a level
    column be read at that column's looser cutoff (`column_chain`); `weak`: a label with a
    word put in is read where it is a bare word (指标 put back) or prints look-alikes beside the
    word (`put_in_reading`), its line marked `Row.own_block_only`."""
    rows, restated = split_restated_pieces(rows, vocab)
    out, issues = rejoin_pieces(rows, vocab, roles or {}, weak)
    return out, restated + issues


class LevelCells:
    """(row, cell) -> the level (1 or 2) of the header's level column the cell sits under,
    where the row shows its columns (`cell_columns`). A row's columns are worked out the
    first time one of its cells is asked about: only short pieces are, and aligning every
    row of every table cost more than the whole pass."""

    def __init__(self, rows: list[Row], roles: dict[int, str]):
        self.rows, self.roles = rows, roles
        self.by_row: dict[int, dict[int, int]] = {}

    def get(self, spot: tuple[int, int]) -> int | None:
        i, q = spot
        if not self.roles or not 0 <= i < len(self.rows):
            return None
        if i not in self.by_row:
            self.by_row[i] = self.row_levels(self.rows[i])
        return self.by_row[i].get(q)

    def row_levels(self, row: Row) -> dict[int, int]:
        from formex.normalize.indicators.columns import cell_columns   # (columns imports cells only)
        columns = cell_columns(row, self.roles)
        return {q: 1 if columns.get(id(c)) == "level1" else 2 for q, c in enumerate(row.cells)
                if columns.get(id(c)) in ("level1", "level2")}


def column_chain(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                 vocab: LevelVocabulary, levels: LevelCells) -> list[tuple[int, int]] | None:
    """A wrapped label whose pieces are too damaged for `LABEL_CUTOFF` (`预箅执` / `行菅理`),
    read under a level column of the header at that column's cutoff (`COLUMN_CUTOFF`, as a
    damaged label alone in such a cell is read): every piece under the same level column,
    none a label of its own at `LABEL_CUTOFF` (a damaged label, `成木指标`, is no piece of the
    next); the pieces read as one label (`damaged_chain`: each keeping a character of it,
    no other label as near), a label of that column's level, and the joined text read as a
    level cell is (`classify_label` at `COLUMN_CUTOFF`, no other label as near) reads the
    same. The pieces on the lines either side of the chain in that column must not read on
    into a label with it: a label's head below, or its tail above, is another label's."""
    # the chain first: rarely found, and cheaper to look for than a row's columns
    chain = damaged_chain(rows, start, taken, vocab, COLUMN_CUTOFF, blind=True) or tied_pair(rows, start, taken, vocab)
    level = levels.get(start) if chain else None
    # a later piece that is a label's clean rest (`泾济戍` / `本指标`) reads as that label
    # one character short, but is what a wrapped label's last line prints: no label of its own
    rests = label_rests(vocab)
    if level is None or any(levels.get(spot) != level for spot in chain) \
            or any(classify_label(rows[r].cells[q], vocab) is not None
                   and not (k and label_key(rows[r].cells[q].text) in rests)
                   for k, (r, q) in enumerate(chain)):
        return None
    pieces = [label_key(rows[r].cells[q].text) for r, q in chain]
    joined = "".join(rows[r].cells[q].text.strip() for r, q in chain)
    key = reads_damaged(pieces, vocab, COLUMN_CUTOFF, prefix=False, blind=True)
    if key is None:
        # a worded label with look-alikes (`时郊类` / `指栎`) is read as its text unworded
        key = reads_damaged_worded(pieces, vocab, COLUMN_CUTOFF, prefix=False)
        joined = unworded_text(joined, key, vocab, COLUMN_CUTOFF, level) if key else None
        if joined is None:
            return chain if level == 2 and tied_pair(rows, chain[0], taken, vocab) == chain else None
    specs = vocab.level1_specs if level == 1 else vocab.level2_specs
    names = label_names(vocab)[key]
    if not any(name in specs for name in names):
        return None
    hint = classify_label(Cell(text=joined, raw=joined, col=rows[start[0]].cells[start[1]].col), vocab, level,
                          cutoff=COLUMN_CUTOFF)
    if hint is None or hint.spec.label not in names:
        return None
    for r, edge in ((chain[0][0] - 1, 0), (chain[-1][0] + 1, -1)):
        if not 0 <= r < len(rows):
            continue
        for q, c in enumerate(rows[r].cells):
            if levels.get((r, q)) != level or (r, q) in taken or not is_piece(c.text):
                continue
            around = [label_key(c.text), *pieces] if edge == 0 else [*pieces, label_key(c.text)]
            if reads_damaged(around, vocab, COLUMN_CUTOFF, prefix=edge == 0, blind=True) is not None:
                return None
    return chain


def tied_pair(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
              vocab: LevelVocabulary) -> list[tuple[int, int]] | None:
    """A damaged first piece over a label's clean rest on the next line (`径剂成` / `本指标`)
    that together read as near several categories of one group and no other label: a
    wrapped category, though which one the pieces do not say; the rest is no label of its
    own (alone it reads as the group's name, 成本指标, and would open a block)."""
    i, p = start
    first = label_key(rows[i].cells[p].text)
    if i + 1 >= len(rows) or first in label_keys(vocab) or first in label_rests(vocab):
        return None
    col = rows[i].cells[p].col
    options = sorted((abs(c.col - col), q) for q, c in enumerate(rows[i + 1].cells)
                     if (i + 1, q) not in taken and is_piece(c.text))
    if not options:
        return None
    q = options[0][1]
    rest = label_key(rows[i + 1].cells[q].text)
    if rest not in label_rests(vocab) or not tied_categories([first, rest], vocab, COLUMN_CUTOFF):
        return None
    return [start, (i + 1, q)]


@lru_cache(maxsize=None)
def spill_keys(vocab: LevelVocabulary) -> dict[str, frozenset[str]]:
    """Label key or group-worded form (`chain_compounds`: 产出质量指标) -> the labels it
    reads as: what a head and its spilled rest may join into."""
    names = label_names(vocab)
    out = {key: names[key] for key in label_keys(vocab)}
    for form, label in chain_compounds(vocab).items():
        out.setdefault(form, frozenset({label}))
    return out


@lru_cache(maxsize=None)
def rest_completes(vocab: LevelVocabulary, rest: str) -> frozenset[str]:
    """The labels whose key or group-worded form ends with `rest`."""
    return frozenset().union(*(labels for key, labels in spill_keys(vocab).items()
                               if len(key) > len(rest) and key.endswith(rest)))


def in_place(text: str, key: str) -> int:
    """How many of `text`'s characters stand where `key` has them (same length)."""
    return sum(a == b for a, b in zip(text, key))


def rest_joined_head(head: str, rest: str, vocab: LevelVocabulary, whole_rest: bool,
                     compound: bool) -> str | None:
    """The one key (label or group-worded form) a head and the rest printed below it join
    into, their characters in place: each keeping one of its own, at `LABEL_CUTOFF`, and
    no other label's key as near (`产岀质` + `量指标`: 产出质量指标 5 of 6, 产出数量指标 4;
    `产出` + `戊本`: 产出成本 3 of 4); or None. Only level-2 categories' keys, no group's
    (`产出` + `指栎` is the group 产出指标's, for the chains of its column); with
    `whole_rest` the key ends with the rest as printed (`效益指标` is no 成本指标's), with
    `compound` it is a group-worded form (`chain_compounds`)."""
    joined = head + rest
    level2, compounds = vocab.level2_specs, chain_compounds(vocab)
    scored = [(in_place(joined, key), key) for key, labels in spill_keys(vocab).items()
              if len(key) == len(joined) and labels <= level2.keys() and key not in group_keys(vocab)
              and (not whole_rest or key.endswith(rest)) and (not compound or key in compounds)
              and in_place(head, key[:len(head)]) and in_place(rest, key[len(head):])]
    if not scored:
        return None
    best = max(n for n, _ in scored)
    tops = [key for n, key in scored if n == best]
    names = frozenset().union(*(spill_keys(vocab)[key] for key in tops))
    if len(names) != 1 or 100.0 * best / len(joined) < LABEL_CUTOFF:
        return None
    return min(tops)


@lru_cache(maxsize=None)
def group_keys(vocab: LevelVocabulary) -> frozenset[str]:
    """The level-1 groups' labels and aliases, as label keys (产出指标, 产出)."""
    return frozenset(label_key(text) for spec in vocab.level1_specs.values() for text in (spec.label, *spec.aliases)
                     if label_key(text))


def unread_alone(cell: Cell, vocab: LevelVocabulary) -> bool:
    """Whether a piece is no label of its own, nor read as one (`产岀质`, `戊本`)."""
    key = label_key(cell.text)
    return key not in label_keys(vocab) and key not in worded_keys(vocab) and classify_label(cell, vocab) is None


def shifted_into(row: Row, below: Row, q: int, col: int) -> bool:
    """Whether cell `q` of the line below `row` stands in column `col` once the cells the
    line lost at its start are counted: it prints as many fewer cells than the row as it
    stands columns left of `col` (`量指标` under `产岀质`, its leading empty cell lost)."""
    lost = len(row.cells) - len(below.cells)
    return lost > 0 and col - below.cells[q].col == lost


def spilled_rest(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                 vocab: LevelVocabulary, levels: LevelCells) -> tuple[list[tuple[int, int]], str] | None:
    """A damaged label's head on a row (`产岀质`, 岀 for 出) over its clean rest spilled
    onto a line of its own below (`量指标`): the rest alone is the tail of several labels
    (数量指标, 质量指标) and read by itself as the nearest (数量指标) it opens a block of
    no row there, leaving the head unread and the row to the block above. Joined with the
    head they read as one label (`rest_joined_head`): the chain and the key it reads as.
    The head, on a row, is no label of its own, nor read as one, and the rest is a later
    line of several labels (`label_rests`); or the head is a label's word of its own (`产出`)
    and the rest is unread alone (`戊本`: 产出成本, 成本指标 worded with its group). The rest
    is the one piece the next line prints, in the head's column (`alone_in_column`:
    `in_column`, or `shifted_into` it); the head is not under the header's level-1 column."""
    i, p = start
    if i + 1 >= len(rows) or not is_row_line(i, rows, {start}) or levels.get(start) == 1:
        return None     # (a group's label under its own column, restated on every row, is whole)
    head = label_key(rows[i].cells[p].text)
    below = rows[i + 1]
    q = alone_in_column(rows, i, i + 1, rows[i].cells[p].col)
    if q is None or (i + 1, q) in taken:
        return None
    rest = label_key(below.cells[q].text)
    clean_rest = rest in label_rests(vocab) and len(rest_completes(vocab, rest)) >= 2
    head_unread, rest_unread = unread_alone(rows[i].cells[p], vocab), unread_alone(below.cells[q], vocab)
    # a damaged head over a clean rest of several labels, or a word of its own over a damaged rest
    if head_unread and clean_rest:
        key = rest_joined_head(head, rest, vocab, whole_rest=True, compound=False)
    elif head in label_keys(vocab) and rest_unread:
        key = rest_joined_head(head, rest, vocab, whole_rest=False, compound=True)
    else:
        return None
    return ([start, (i + 1, q)], key) if key is not None else None


def spilled_group_rest(rows: list[Row], start: tuple[int, int], taken: set[tuple[int, int]],
                       chains: list[list[tuple[int, int]]], vocab: LevelVocabulary, levels: LevelCells
                       ) -> tuple[list[tuple[int, int]], str] | None:
    """A group's word on a row of the header's level-2 column (no level-1 label prints
    there) over its category's word spilled onto lines of their own below, one of the two
    damaged: the word with a look-alike over the clean rest (`声出` / `质量` / `指标`, the rest
    read alone as 质量指标, a block of no row), or the clean word over a damaged rest
    (`产出` / `质重` / `指标`): read together as the group-worded form (`rest_joined_head`:
    产出质量指标, the characters in place, one form only). The clean word over a clean rest
    is `label_chain`'s (`group_word_spilled`). The rest is the run of lines just below, each
    holding one piece alone in the word's column (`in_column`, or `shifted_into` it), no
    wider than the word (`column_wide`); a chain the exact pass made of them is taken whole
    or not at all. The chain (the word
    first) and the key it reads as, or None."""
    i, p = start
    if i + 1 >= len(rows) or levels.get(start) != 2 or not is_row_line(i, rows, {start}):
        return None
    cell = rows[i].cells[p]
    head, col = label_key(cell.text), cell.col
    clean = head in group_keys(vocab)
    if not clean and not (unread_alone(cell, vocab) and any(
            len(word) == len(head) and in_place(head, word) for word in group_keys(vocab))):
        return None
    below: list[tuple[int, int]] = []
    for r in range(i + 1, min(i + PIECES_MAX, len(rows))):
        q = alone_in_column(rows, i, r, col)
        if q is None:
            break
        below.append((r, q))
    for n in range(len(below), 0, -1):
        rest_spots = set(below[:n])
        if any(spot in taken and not any(spot in chain and set(chain) <= rest_spots for chain in chains)
               for spot in rest_spots):
            continue     # (a line of the rest taken by a chain reaching past it, or by another reading)
        if not column_wide([head, *(label_key(rows[r].cells[q].text) for r, q in below[:n])]):
            continue     # (a line wider than the word: no line of a label wrapped at its width)
        rest = "".join(label_key(rows[r].cells[q].text) for r, q in below[:n])
        key = rest_joined_head(head, rest, vocab, whole_rest=not clean, compound=True)
        if key is not None and key != head + rest and key in spilled_forms(vocab):
            return [start, *below[:n]], key
    return None


def blind_kind(pieces: list[str], vocab: LevelVocabulary, kind: str) -> str:
    """A level-column chain's kind, naming the line it read keeping none of the label's
    characters (`pieces_pin_blind`): the label is read from the other lines alone."""
    if reads_damaged(pieces, vocab, COLUMN_CUTOFF, prefix=False) is not None \
            or reads_damaged(pieces, vocab, COLUMN_CUTOFF, prefix=False, blind=True) is None:
        return kind
    return " with look-alikes, one line keeping none of its characters, read in its level column"


def rejoin_pieces(rows: list[Row], vocab: LevelVocabulary, roles: dict[int, str] | None = None, weak: bool = True
                  ) -> tuple[list[Row], list[Issue]]:
    taken: set[tuple[int, int]] = set()
    chains, kinds = [], {}
    levels = LevelCells(rows, roles or {})
    for kind, find in (("", lambda at: label_chain(rows, at, taken, vocab, levels)),
                       (" with look-alikes", lambda at: damaged_chain(rows, at, taken, vocab, LABEL_CUTOFF)),
                       (" with look-alikes, read in its level column",
                        lambda at: column_chain(rows, at, taken, vocab, levels))):
        for i, row in enumerate(rows):
            for p, cell in enumerate(row.cells):
                if (i, p) in taken or not is_piece(cell.text):
                    continue
                chain = find((i, p))
                longer = damaged_extension(rows, chain, taken, vocab) if chain and not kind else None
                if longer:      # (the exact chain's damaged line: read as one label with it)
                    chain, kind_of = longer, " with look-alikes"
                else:
                    kind_of = kind
                if chain:
                    taken.update(chain)
                    chains.append(chain)
                    pieces = [label_key(rows[r].cells[q].text) for r, q in chain]
                    kinds[tuple(chain)] = blind_kind(pieces, vocab, kind_of) if kind_of.endswith("level column") else (
                        " with more words" if "".join(pieces) in worded_keys(vocab) else
                        " with more words and look-alikes"
                        if kind_of and reads_damaged(pieces, vocab, LABEL_CUTOFF, prefix=False) is None else kind_of)
    # a label with a word put in, read last: an exact chain inside it (`效益` / `指标` of
    # `生态` / `环境` / `效益` / `指标`) is its tail, no label of its own
    for i, row in enumerate(rows):
        for p, cell in enumerate(row.cells):
            if (i, p) in taken or not is_piece(cell.text):
                continue
            inner = {spot for chain in chains for spot in chain}
            chain = put_in_chain(rows, (i, p), taken - inner, vocab, levels, weak)
            if chain is None or any(set(c) & set(chain) and not set(c) <= set(chain) for c in chains):
                continue
            chains = [c for c in chains if not set(c) <= set(chain)]
            taken.update(chain)
            chains.append(chain)
            kinds[tuple(chain)] = PUT_IN_KIND
    spilled = []      # (chain, the key it reads as): a damaged head over its spilled clean rest
    for i, row in enumerate(rows):
        for p, cell in enumerate(row.cells):
            if (i, p) in taken or not is_piece(cell.text):
                continue
            found = spilled_rest(rows, (i, p), taken, vocab, levels)
            if found:
                taken.update(found[0])
                spilled.append(found)
                continue
            found = spilled_group_rest(rows, (i, p), taken, chains, vocab, levels)
            if found:     # (its rest's lines read alone as a label of no row: no longer)
                chains = [chain for chain in chains if not set(chain) <= set(found[0])]
                taken.update(found[0])
                spilled.append(found)
    fused_chains = []
    fused_taken: set[tuple[int, int]] = set()
    spilled_spots = {spot for chain, _ in spilled for spot in chain}
    group_worded = []     # the chains of `fused_group_word`: said apart
    seen: dict[int, list] = {}
    for i in range(len(rows)):
        found = fused_piece_chain(rows, i, fused_taken, vocab, seen, chains)
        by_group_word = found is None
        if by_group_word:
            found = fused_group_word(rows, i, fused_taken | spilled_spots, vocab)
        if found is None:
            continue
        spots = set(found[0])
        inside = [chain for chain in chains if set(chain) <= spots]
        if any(set(chain) & spots for chain in chains if chain not in inside):
            continue     # a label of short pieces of its own, overlapping: theirs
        chains = [chain for chain in chains if chain not in inside]   # (经济 | 成夲 | 指标: not 成夲指标)
        fused_taken |= spots
        fused_chains.append(found)
        if by_group_word:
            group_worded.append(found[0])
    words_put_in = []     # (spot, the word printed with the label's first line and cut off with it)
    for chain, rests, joined in fused_chains:
        put_in = printed_past_first_line(rows, chain, rests, joined)
        if put_in is not None:
            rests[chain[0]] = put_in[1]
            words_put_in.append((chain, put_in[0], joined))
    wordings_cut = []     # (spot, the wording and 指 printed with the label's line, the name as it was)
    for chain, rests, joined in fused_chains:
        for spot, (cut, left) in wording_left_in_rest(rows, chain, rests, joined, vocab).items():
            wordings_cut.append((spot, cut, joined, rests[spot]))
            rests[spot] = left
    taken |= fused_taken
    texts, issues = rejoin_fused_wraps(rows, vocab, taken)
    if not chains and not texts and not fused_chains and not spilled:
        return rows, issues
    for chain, key in spilled:
        (r, q), below = chain[0], chain[1:]
        texts[(r, q)] = key
        texts.update({spot: "" for spot in below})
        head, rest = rows[r].cells[q].text.strip(), " | ".join(rows[r2].cells[q2].text.strip() for r2, q2 in below)
        tails = len(rest_completes(vocab, label_key(rest)))
        # (a group's word's spilled rest, `spilled_group_rest`, may be a label whole: 质量 | 指标)
        said = "a label of no row" if label_key(rest) in label_keys(vocab) else \
            f"the tail of {tails} labels" if label_key(rest) in label_rests(vocab) and tails > 1 else "no label"
        lines = "a line of its own" if len(below) == 1 else "lines of their own"
        issues.append(Issue("warning", "cell_joined",
                            f"level label's rest {rest!r} on {lines} (alone {said}) joined to the "
                            f"piece {head!r} above it in its column: read together as {key!r}",
                            field="level2", source_ref=rows[r].source_ref))
    for chain, rests, joined in fused_chains:
        texts.update(place_fused_chain(rows, chain, rests, joined, taken, vocab))
        if chain in group_worded:     # read by where its lines stand: said for review
            (r, q), below = chain[0], chain[1:]
            issues.append(Issue("warning", "cell_joined",
                                f"group's word at the head of the name {rows[r].cells[q].text.strip()!r} and its "
                                f"category's word spilled onto lines of their own below "
                                f"({' | '.join(rows[r2].cells[q2].text.strip() for r2, q2 in below)}) read together "
                                f"as {joined!r}, the name keeping {rests[(r, q)]!r}",
                                field="level2", source_ref=rows[r].source_ref))
            continue
        damaged = "" if joined in label_keys(vocab) else " with more words" if worded_label(joined, vocab) \
            else " with look-alikes"
        issues.append(Issue("info", "label_rejoined",
                            f"level label wrapped over {len(chain)} lines{damaged}, a piece fused into "
                            f"the name beside it ({' | '.join(rows[r].cells[q].text for r, q in chain)}) "
                            f"read as {joined!r}", field="indicators", source_ref=rows[chain[0][0]].source_ref))
    for chain, word, joined in words_put_in:     # read by the space as printed: said for review
        r, q = chain[0]
        issues.append(Issue("warning", "label_unrecognised",
                            f"{(rows[r].cells[q].raw or rows[r].cells[q].text).strip()!r} prints {word!r} after the "
                            f"first line of the wrapped label {joined!r} and before a space: a word the form put in "
                            f"the label (no wording the vocabulary lists), cut off the name with it",
                            field="level2", source_ref=rows[r].source_ref))
    for (r, q), cut, joined, name in wordings_cut:     # the label's wording, read off the name: said for review
        issues.append(Issue("warning", "label_unrecognised",
                            f"{rows[r].cells[q].text.strip()!r} prints {cut!r} after the line of the wrapped label "
                            f"{joined!r} fused at its head: the label's wording as printed, cut off the "
                            f"name {name!r} with the label's line", field="level2", source_ref=rows[r].source_ref))
    short = shortened_keys(vocab)
    own_block: set[int] = set()   # the lines a reading evidence for its own block only gave a label
    for chain in chains:
        joined = "".join(rows[r].cells[q].text for r, q in chain)
        joined = short.get(label_key(joined), joined)    # (a wording no cell alone is read as)
        if kinds[tuple(chain)] == PUT_IN_KIND:     # read without the word put in: said for review
            pieces = [label_key(rows[r].cells[q].text) for r, q in chain]
            word, joined = put_in_reading("".join(pieces), vocab, weak)
            anchor = chain[anchor_of(chain, rows, taken)]
            on_rows = [spot for spot in chain if is_row_line(spot[0], rows, taken)] or [anchor]
            texts.update({spot: joined if spot in on_rows else "" for spot in chain})
            put_back = not "".join(pieces).endswith(LABEL_SUFFIX)
            look_alikes = weakly_put_in("".join(pieces) + LABEL_SUFFIX * put_back, word, joined)
            if put_back or look_alikes:   # (evidence for its own block only: `rows.mark_own_block_readings`)
                own_block.add(anchor[0])
            issues.append(Issue("warning", "label_unrecognised",
                                f"level label wrapped over {len(chain)} lines "
                                f"({' | '.join(rows[r].cells[q].text for r, q in chain)}) prints {word!r}, a word "
                                f"the form put in the label (no wording the vocabulary lists): read as {joined!r} "
                                f"without it" + (", 指标 put back" if put_back else "")
                                + (", its other characters read through look-alikes" if look_alikes else ""),
                                field="level2", source_ref=rows[anchor[0]].source_ref))
            continue
        in_column = kinds[tuple(chain)].endswith("level column")
        joined = chain_text(joined, [label_key(rows[r].cells[q].text) for r, q in chain], vocab,
                            COLUMN_CUTOFF if in_column else LABEL_CUTOFF,
                            levels.get(chain[0]) if in_column else None)
        anchor = chain[anchor_of(chain, rows, taken)]
        on_rows = [spot for spot in chain if is_row_line(spot[0], rows, taken)] or [anchor]
        for spot in chain:
            texts[spot] = joined if spot in on_rows else ""
        damaged = kinds[tuple(chain)]
        if spilled_group_word(rows, chain, vocab):     # read by where its lines stand: said for review
            issues.append(Issue("warning", "cell_joined",
                                f"group's word {rows[chain[0][0]].cells[chain[0][1]].text.strip()!r} on a row of the "
                                f"level-2 column and its category's word spilled onto lines of their own below "
                                f"({' | '.join(rows[r].cells[q].text.strip() for r, q in chain[1:])}) read together as "
                                f"{joined!r} on the row", field="level2", source_ref=rows[chain[0][0]].source_ref))
            continue
        issues.append(Issue("info", "label_rejoined",
                            f"level label wrapped over {len(chain)} lines{damaged} "
                            f"({' | '.join(rows[r].cells[q].text for r, q in chain)}) read as {joined!r}",
                            field="indicators", source_ref=rows[anchor[0]].source_ref))
    return [with_texts(row, i, texts, i in own_block) for i, row in enumerate(rows)], issues


def with_texts(row: Row, i: int, texts: dict[tuple[int, int], str], own_block: bool = False) -> Row:
    """Row `i` with its cells' texts replaced where `texts` ((row, cell) -> text) has them;
    the row keeps all else, whether it printed a row number too (wraps.py reads it);
    `own_block`: a label on it is evidence for its own block only (`Row.own_block_only`)."""
    return replace(row, cells=tuple(replace(c, text=texts[(i, q)]) if (i, q) in texts else c
                                    for q, c in enumerate(row.cells)),
                   own_block_only=row.own_block_only or own_block)
