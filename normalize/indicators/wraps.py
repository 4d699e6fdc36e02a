"""A name wrapped in its cell, told from an indicator whose target cell is empty: the
lines' evidence (a very short fragment, a name stopping before its head word, a column
that wraps at a fixed width, where a wrapped row prints its target, what the table prints
on every row: a row number, points, its labels) decides."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from formex.normalize.indicators.cells import LABEL_ENDINGS, LABEL_MAX_KEY, LABEL_SUFFIX, IndicatorRow, LabelHint
from formex.schemas.forms import Level1Spec
from formex.schemas.name_words import HEAD_RUNS, PARTICLE_OPENINGS

CONTINUATION_MAX = 12  # a longer line is never the rest of the name above
SHORT_FRAGMENT = 3     # a line this short (建档率, 及时率) is a wrapped name's end
WRAP_MIN_LINES = 3     # lines of the same greatest name length that show a wrapping column
WIDTH_EVIDENCE = 3     # a name that fills the column's width is cut; one short of it is whole
LONG_FRAGMENT = 6      # longer than the ends of wrapped names seen without a wrap width
WRAP_PAIR_LINES = 2    # full-width lines each followed by a short fragment: a wrapping column too
WRAP_OUTLIERS = 2      # lines longer than the width that do not hide it
NUMBER_EVIDENCE = 5    # a line without a row number in a table that numbers its rows: a wrap
                       # (outweighs the head words and a long line, which say a name of its own)
WIDER_LINES = 4        # lines longer than a line: the column is wider than it (a fused line or
                       # three, a long cell OCR ran together, are fewer)
WIDER_EVIDENCE = 2
HEAD_ALONE_EVIDENCE = 2   # a line that is a head word and nothing else (…任务完成 | 时间): a name's end
NUMBERED_SHARE = 0.8   # of the rows with a target that print a row number: the table numbers rows
POINTS_EVIDENCE = 5    # a line without a cell of its row above one bringing its 分值 / 得分, in a table
                       # that prints them on every row (an empty target still prints its points)
POINTS_WAIT = 2        # the same where the table does not show that it prints them on every row
PARTICLE_EVIDENCE = 5  # a line opening with a particle no name opens with (的): the rest of the name above
OPENING, CLOSING = "（(【[", "）)】]"
# a row's value cells: a wrapped name's lines print one of each, never two
ROW_CELLS = ("target", "target_mid", "actual", "weight", "score")


@dataclass(frozen=True)
class Wrapping:
    """How the name column wraps: its width in characters, and whether a wrapped row's
    target prints on its first line, its last, or either (None)."""

    width: int
    target_first: bool | None
    # the heads of a label OCR fused into name cells, as the lines wrapped over a short end
    # print them past the width (`shown_fused_heads`): the name after such a head fills the width
    fused: frozenset[str] = field(default=frozenset(), compare=False)

ACROSS_RUN = 4   # characters across a line break: fewer meet by chance (提升 | 农业 in 提升农户…)


class DocumentWords:
    """The runs of `ACROSS_RUN` characters each cell of a document prints, to ask whether
    the words a line break cuts (完成改 | 造的…, 高校毕 | 业生) print whole in another cell:
    the same name in the document's other table (年度 | 中期), a word of another name
    (质量 | 合格情况 under …服务质量合格情况), the goals the form states (…高校毕业生就业…)."""

    def __init__(self, lines: list[str]):
        # Searched per question rather than indexed: a document asks only a few, and
        # an index of every run cost more than the whole wrap decision.
        self.texts = ["".join(line.split()) for line in lines]

    def prints_across(self, above: str, below: str, width: int = ACROSS_RUN) -> bool:
        """Whether a cell other than those printing `above` and `below` prints the
        `width` characters across the break between them (the last one to `width` - 1 of
        `above`, the rest the first of `below`). Two names that merely meet (…与提升 |
        农业…) print across their break only by chance: a run of four makes that rare."""
        if not above or not below:
            return False
        for cut in range(1, width):
            run = above[-cut:] + below[:width - cut]
            if len(run) < width:
                continue
            if any(run in text and above not in text and below not in text
                   for text in self.texts):
                return True
        return False

    def prints_pair_across(self, above: str, below: str) -> bool:
        """Whether a cell other than those printing `above` and `below` prints the last
        character of `above` and the first of `below` together (规 | 范化… beside another
        name's 规范管理率, 按月发 | 放… beside 发放准确率): the break may cut a word there.
        Two characters meet by chance far more often than `ACROSS_RUN`, so this only keeps a
        join the lines already made (`whole_halves`), never makes one."""
        return self.prints_across(above, below, width=2)


@dataclass
class DocumentWrapping:
    """The name column's wrapping as a document's tables show it, read by the next
    table: a 中期 table of two or three rows prints in the 年度 table's columns but is too
    short to show their width itself. `words`: the runs of characters the document's
    cells print, where known (`DocumentWords`)."""

    seen: Wrapping | None = None
    words: DocumentWords | None = None

    def of_table(self, own: Wrapping | None) -> Wrapping | None:
        """The table's own wrapping where it shows one (remembered), else the document's."""
        if own is not None:
            self.seen = self.seen or own
            return own
        # the heads fused into names are the table's own: another table's names show theirs
        return self.seen and replace(self.seen, fused=frozenset())

def wrap_width(items: list[IndicatorRow], openings: frozenset[str] = frozenset()) -> Wrapping | None:
    """The name column's wrapping when the table wraps names: the greatest name length,
    reached by several lines (every wrapped name fills its first line), a short end under
    one of them at least; None when names simply vary, or reach the greatest length
    whole. A short table (a 中期 table, a small project's) shows its width less
    often: two full lines, each with a fragment under it and no fragment under another
    line, show it too. A line or two longer than the width (a label fused into its name
    cell, a cell OCR ran together) do not hide it where the fragments all sit under full
    lines (or under those longer lines: a fused label's wrapped name). Where the target
    prints shows on the plain fragments (a line of a few characters under a full one):
    with a target under a full line without one, it is the wrapped row's last line; a
    pair neither of whose lines has one (an empty target cell) says nothing.
    Where many lines run longer (a damaged label fused into the name cell of every
    row of a block: `wide_wrapping`), the width is the length under whose lines the
    fragments sit; so too where the longer lines show a width of their own but leave
    fragments under shorter lines."""
    named = [item for item in items if item.name and not item.positional]
    if not named:
        return None
    wrapping = column_wrapping(named, openings)
    return wrapping and replace(wrapping, fused=shown_fused_heads(named, wrapping.width, openings))


def column_wrapping(named: list[IndicatorRow], openings: frozenset[str]) -> Wrapping | None:
    """`wrap_width` over the named lines, without the fused heads."""
    # a line holding a label's 指标 holds a label OCR fused into its name cell, damaged past
    # splitting (数晕指标为老服务计划完成情): longer than the column, it neither shows a width
    # nor, however many such lines there are, hides one; it asks for the fragments' evidence
    plain = [item for item in named if LABEL_ENDINGS[0] not in item.name]
    lengths = sorted({len(item.name) for item in plain}, reverse=True)
    every = sum(len(item.name) <= SHORT_FRAGMENT for item in named[1:])
    for widest in lengths[:WRAP_OUTLIERS + 1]:
        if sum(len(item.name) > widest for item in plain) > WRAP_OUTLIERS:
            break
        shown = width_shown(named, widest, every)
        if shown is not None:
            fragments, wraps = shown
            if len(fragments) + under(named, widest) < every:
                # fragments under shorter lines: a narrower width whose lines they all sit
                # under is the column's (a wrapped block's fused labels run longer)
                wider = wide_wrapping(named, every, below=widest, openings=openings)
                return wider[0] if wider is not None else wraps
            return wraps
    wider = wide_wrapping(named, every, below=None, openings=openings)
    return wider[0] if wider is not None else None


LONGER_SHARE = 0.5      # lines longer than a width that fragments show, of its full lines
WIDTH_END = SHORT_FRAGMENT + 1   # a line this short under a full one: a wrapped name's end


def width_shown(named: list[IndicatorRow], widest: int, every: int
                ) -> tuple[list[IndicatorRow], Wrapping] | None:
    """The fragments under lines of `widest` characters and the wrapping they show, or
    None where the lines do not show that width (see `wrap_width`)."""
    longer = sum(len(item.name) > widest for item in named)
    pairs = [(above, item) for above, item in zip(named, named[1:])
             if len(above.name) == widest and len(item.name) <= SHORT_FRAGMENT]
    fragments = [item for _, item in pairs]
    full = sum(len(item.name) == widest for item in named)
    under_full = len(fragments) >= WRAP_PAIR_LINES and len(fragments) + under(named, widest) == every
    if not ((full >= WRAP_MIN_LINES and (longer == 0 or under_full))
            or (full >= WRAP_PAIR_LINES and under_full)):
        return None
    # a column that wraps leaves a short end (of a few characters) under one of its full
    # lines at least; where none sits under any, the lines are names as long as the
    # longest printed whole (新建多功能运动场 over 设施验收合格率), and a width read from them
    # would join each to the name under it
    if not any(len(above.name) == widest and len(item.name) <= WIDTH_END
               for above, item in zip(named, named[1:])):
        return None
    # a pair says where the target prints only where one of its lines has it: a row whose
    # target cell is empty prints it on neither
    last = sum(has_row_cell(item) and not has_row_cell(above) for above, item in pairs)
    first = sum(has_row_cell(above) and not has_row_cell(item) for above, item in pairs)
    return fragments, Wrapping(widest, None if first == last else first > last)


def has_row_cell(item: IndicatorRow) -> bool:
    """A target, 实际完成值 or 分值 on the line: a row's cells print on one line."""
    return any(getattr(item, cell) is not None for cell in ROW_CELLS)


def under(named: list[IndicatorRow], widest: int) -> int:
    """The fragments under lines longer than the width: a label fused into a wrapped
    name, its fragment under a full line too."""
    return sum(len(above.name) > widest and len(item.name) <= SHORT_FRAGMENT
               for above, item in zip(named, named[1:]))


def wide_wrapping(named: list[IndicatorRow], every: int, below: int | None,
                  openings: frozenset[str] = frozenset()) -> tuple[Wrapping, list[IndicatorRow]] | None:
    """The width of a column whose wrapped lines many longer lines hide: a block whose
    every name cell holds a damaged label fused in (`数晕指标为老服务计划完成情` over `况`,
    a label too damaged to split off yet) runs as many lines past the width as a fused
    line or two. The width is the length (under `below`, where given) with the most
    fragments under its lines, at least `WRAP_MIN_LINES` of them, every fragment of the
    table under a line that long or longer, and no more lines longer than
    `LONGER_SHARE` of its full lines: names that simply vary leave fragments under
    shorter lines, or few under any. A longer line opening as another longer line
    opens, beside a level-1 cell and no level-2 one, is one of a block whose level-2
    label OCR fused into each name cell (社会效益困难人员… and 社会效益提升困难人员… over
    提升国防教育和双拥宣传 | 力度), not a name that varies: it does not count
    (`fused_level2_lines`). (wrapping, its fragments), or None."""
    best = None
    for widest in sorted({len(item.name) for item in named}, reverse=True):
        if below is not None and widest >= below:
            continue
        longer = unwrapped_longer_lines(named, widest, openings)
        longer = len(longer) - fused_level2_lines(longer)
        full = sum(len(item.name) == widest for item in named)
        if full < WRAP_MIN_LINES or longer > LONGER_SHARE * full:
            continue
        shown = width_shown(named, widest, every)
        if shown is None or len(shown[0]) < WRAP_MIN_LINES:
            continue
        if best is None or len(shown[0]) > len(best[1]):
            best = (shown[1], shown[0])
    return best

def unwrapped_longer_lines(named: list[IndicatorRow], widest: int,
                           openings: frozenset[str] = frozenset()) -> list[IndicatorRow]:
    """The lines longer than `widest` characters but those wrapped with a label fused into
    their cell: a longer line with a fragment under it whose characters past the width, at
    its head, read as a label's (`fused_head`: 数量健康教育活动覆盖人 over 次, 数最指临时救助资金
    发放 over 户数, where the level-1 column is dropped and no label cell says so) is a
    wrapped name's first line, no name printed whole past the width. A longer line with a
    short end under it and no such head shows a wider column's own width (低保对象动态管理规范
    over 率 in a column 10 wide; 区级年度和谐贡献奖应发尽发 over 数): it still counts against the
    narrower one. Nor is a line holding a label's 指标 (a damaged label fused into its
    cell: `wrap_width`'s plain lines leave it out too). Nor is a longer line opening as
    such a wrapped line opens (`fused_openings`: 产山质晕门诊病历书写规范率 beside 产山质晕医疗废物
    规范处置合 over 格率): the same label fused into another name cell of its block, the name
    after it whole or wrapped into a longer end."""
    fused = fused_openings(named, widest, openings)
    return [item for item, below in zip(named, [*named[1:], None])
            if len(item.name) > widest and LABEL_ENDINGS[0] not in item.name
            and item.name[:OPENING_RUN] not in fused
            and not (below is not None and len(below.name) <= SHORT_FRAGMENT
                     and fused_head(item.name[:len(item.name) - widest], openings))]


def shown_fused_heads(named: list[IndicatorRow], widest: int, openings: frozenset[str]) -> frozenset[str]:
    """The heads past `widest` characters of the lines a short end shows wrapped with a
    label fused into their cell (`fused_head`: 数量 of 数量健康教育讲可持续座 over 场次, 9 wide)."""
    return frozenset(item.name[:len(item.name) - widest] for item, below in zip(named, named[1:])
                     if len(item.name) > widest and len(below.name) <= SHORT_FRAGMENT
                     and fused_head(item.name[:len(item.name) - widest], openings))


def fused_openings(named: list[IndicatorRow], widest: int, openings: frozenset[str]) -> set[str]:
    """The openings (`OPENING_RUN` characters) of the lines longer than `widest` that a
    short end shows wrapped with a label fused into their cell (`shown_fused_heads`): that label,
    printed the same in the block's other name cells, opens them too."""
    return {head[:OPENING_RUN] for head in shown_fused_heads(named, widest, openings)}


LABEL_MARK = LABEL_SUFFIX[0]   # 指: a line holding it may hold a label fused into the name cell


def fused_head(head: str, openings: frozenset[str]) -> bool:
    """Whether the characters a line runs past the column's width, at its head, read as a
    label OCR fused into the name cell: they hold a label's 指 (数最指, 质暈指), or open as a
    label of the table's vocabulary opens, a character where it prints it (`openings`, each
    label's first two: 数量, 产出时, 社会敫; not 低保, 区级年度)."""
    return LABEL_MARK in head or any(
        a == b for opening in openings for a, b in zip(head[:len(opening)], opening))


OPENING_RUN = 2   # characters a label fused into a block's name cells prints on each of them


def fused_level2_lines(lines: list[IndicatorRow]) -> int:
    """How many of the lines look like a block's whose level-2 cell OCR fused into each
    name cell: the line prints a level-1 cell of its own and no level-2 one, and its name
    opens with the `OPENING_RUN` characters another such line's opens with (社会效益困难人员…,
    社会效益提升困难人员…; 薮量公共就业…, 薮量退役军人…: the label damaged alike on each
    line), an opening that keeps a character of its group's labels where they print it.
    Names that simply vary, printed whole past a narrower width, print no such pair (提高…,
    促进… open many names alike: no label's); a level-2 label fused into a name is cut off
    later (`fused_order`)."""
    bare = [item for item in lines if not item.level2 and any(
        not hint.copied and isinstance(hint.spec, Level1Spec)
        and opens_like_its_labels(item.name[:OPENING_RUN], hint.spec)
        for hint in item.level1)]
    openings: dict[str, int] = {}
    for item in bare:
        openings[item.name[:OPENING_RUN]] = openings.get(item.name[:OPENING_RUN], 0) + 1
    return sum(openings[item.name[:OPENING_RUN]] > 1 for item in bare)


def opens_like_its_labels(opening: str, group: Level1Spec) -> bool:
    """Whether `opening` keeps a character, where it prints it, of the level-1 group's label
    or of one of its categories' (薮量: 数量's 量; 广出: 产出's 出)."""
    labels = (group.label, *group.aliases,
              *(text for spec in group.level2 for text in (spec.label, *spec.aliases)))
    return any(a == b for label in labels for a, b in zip(opening, label))


def numbering_of(items: list[IndicatorRow]) -> list[IndicatorRow]:
    """The items, their lines' row numbers (`Row.numbered`) kept only where the table
    numbers its rows: nearly every row with a target printed one. A 序号 column that
    numbers only the groups (1 产出, 2 效益 …) says nothing of the lines between."""
    numbered = sum(item.row.numbered is True for item in items)
    targets = sum(item.target is not None for item in items)
    if numbered >= 2 and numbered >= NUMBERED_SHARE * targets:
        return items
    for item in items:
        if item.row.numbered is not None:
            item.row = replace(item.row, numbered=None)
    return items

def points_on_every_row(items: list[IndicatorRow]) -> bool:
    """Whether the table prints a 分值 or 得分 on (nearly) every row: a self-evaluation whose
    rows with a target nearly all print one. A row whose target cell is empty prints its
    points still, so there a line without any cell of its row is part of a row."""
    points = sum(item.weight is not None or item.score is not None for item in items)
    targets = sum(item.target is not None for item in items)
    return points >= 2 and points >= NUMBERED_SHARE * targets


def unclosed(text: str) -> bool:
    """An opening bracket the text does not close (城镇新增就业人数（ | 万人）)."""
    depth = 0
    for char in text:
        depth += char in OPENING
        depth -= char in CLOSING and depth > 0
    return depth > 0

def unopened(text: str) -> bool:
    """A closing bracket the text did not open (…企业（项 | 目）数)."""
    depth = 0
    for char in text:
        if char in CLOSING and depth == 0:
            return True
        depth += char in OPENING
        depth -= char in CLOSING
    return False

def name_end(name: str) -> str:
    """The name without a trailing bracketed unit (促进创业人数（人） ends in 人数)."""
    if name and name[-1] in CLOSING:
        opening = max(name.rfind(char) for char in OPENING)
        if opening > 0:
            return name[:opening]
    return name

def is_wrap(item: IndicatorRow, previous: IndicatorRow, wrapping: Wrapping | None,
            heads: tuple[str, ...], points: bool = False, lengths: tuple[int, ...] = (),
            words: DocumentWords | None = None, openers: tuple[str, ...] = (),
            restated: bool = False, edges: tuple[int, ...] = (), first_targets: bool = False) -> bool:
    """Whether a line's name is the rest of the name above (`wrap_evidence` over 0)."""
    evidence = wrap_evidence(item, previous, wrapping, heads, points, lengths, words, openers, restated, edges,
                             first_targets)
    return evidence is not None and evidence > 0

def wrap_evidence(item: IndicatorRow, previous: IndicatorRow, wrapping: Wrapping | None,
                  heads: tuple[str, ...], points: bool = False, lengths: tuple[int, ...] = (),
                  words: DocumentWords | None = None, openers: tuple[str, ...] = (),
                  restated: bool = False, edges: tuple[int, ...] = (), first_targets: bool = False
                  ) -> int | None:
    """How strongly the lines say that a line's name is the rest of the name above,
    wrapped in its cell, rather than an indicator of its own (whose target cell may be
    empty). A very short fragment (a single character is never a name), a name above that
    stops before its head word (…健康 | 管理人数) or inside a bracket, a line that closes a
    bracket it did not open, a name above that fills the column's width, a short end that
    brings the target a full line waits for (target-last tables), a line that is a head
    word alone (时间, 情况: a name says what it counts), a line opening with a particle no name
    opens with (的: `opens_with_particle`) say wrap; a name above
    that ends in a head word (…人数, …率, …人数（人）; not where a word runs past the head
    across the break, …满意度 | 调查…: `ends_in_head`), a line that is a whole name itself
    (and a long one under a name ending in its head word), a line that fills the width
    itself (a third line: names that long are rare), a label on the line (but the later
    piece of a label wrapped down its column beside the line above's piece:
    `continues_labels_above`) say not; where a table prints a wrapped row's target on its
    first line, a short end under a full line, neither printing a target, says wrap (apart,
    two rows running without one: `opens_untargeted_row`); where
    the table numbers its rows (a 序号 column), a line without a row number says wrap and
    one with its own number cannot be one; where it prints 分值 / 得分 on every row
    (`points`), a line without any cell of its row above the line that brings them says
    wrap as strongly, and so does one ending a name under a line cut short that brings them
    (`completes_row_above`); where no width shows and the table wraps no name into a fragment, a
    line above shorter than several lines it prints (`lengths`, its names' lengths) did not
    fill its cell, a line above as long as the longest may have been cut
    (`reaches_longest`), a line above short of the column's edge held its whole name
    (`short_of_edge`), and a line longer than a fragment under it is a name of its own;
    where no width shows but the table cuts names into fragments, a line above as long as
    the lines a fragment follows (`edges`) may have been cut too (`reaches_shown_edge`);
    where no width shows and the table shows no wrapped row printing its target on its
    first line (`first_targets`, `targets_on_first_lines`), a one-line row printing its
    target over a whole name printing no cell says not (`closes_row_above`);
    the characters across the break printed whole in another cell of the document
    (`words`: 改造的老 over 完成改 | 造的老…, the other table's name, the goals) say wrap; a
    line that opens with a verb names open with and runs on (`opens_name`: 提升未成年人保护工作
    under a whole name that fills the width) says not, where no row number says wrap; where
    the table prints its labels on every row (`restated`), a line without a level cell says
    wrap as strongly as a missing row number, and one printing a whole label not. Over 0
    says wrap; None when it cannot be one (a target, 实际完成值, 分值 or 得分 on both
    lines, a target where the table prints a wrapped row's target on its other line, a
    line too long to be a name's end)."""
    if (item.name is None or previous.name is None or item.positional or previous.positional
            or item.is_level2_entry or previous.is_level2_entry
            or any(getattr(item, cell) is not None and getattr(previous, cell) is not None
                   for cell in ROW_CELLS)
            or len(item.name) > CONTINUATION_MAX):
        return None
    if item.row.numbered:
        return None    # a line that prints its own row number opens a row
    evidence = 0
    if item.row.numbered is False and previous.row.numbered is not None:
        evidence += NUMBER_EVIDENCE   # a line without a row number, where the table numbers its rows
    evidence += 2 if len(item.name) <= SHORT_FRAGMENT else 0
    evidence += 2 if len(item.name) == 1 else 0
    evidence += HEAD_ALONE_EVIDENCE if item.name in heads else 0   # 时间, 情况 alone name nothing
    whole = ends_in_head(item, previous, heads)
    evidence += -2 if whole else 2
    evidence -= 1 if len(item.name) > SHORT_FRAGMENT + 1 and name_end(item.name).endswith(heads) else 0
    evidence += 3 if unclosed(previous.name) or unopened(item.name) else 0
    evidence += PARTICLE_EVIDENCE if opens_with_particle(item.name) else 0
    if wrapping is not None:
        # the line above fills the width (of a name wrapped over lines already: its last)
        above = previous.last_line or previous.name
        full = fills_width(above, wrapping.width, wrapping.fused)
        if full:
            evidence += WIDTH_EVIDENCE
        elif len(above) < wrapping.width:
            evidence -= WIDTH_EVIDENCE
        # a line longer than the width holds more than its name cell (a label fused into
        # it, a cell OCR ran together): the width says nothing of where its name ends,
        # unless the name after a fused label's 指标 fills it (`fills_width`)
        evidence -= 1 if len(item.name) == wrapping.width else 0   # a third line: long names are rare
        if len(item.name) > LONG_FRAGMENT and whole:
            evidence -= 1   # a long line under a name that ends in its head word: a name too
        if wrapping.target_first is False and full and previous.target is None \
                and item.target is not None and len(item.name) <= LONG_FRAGMENT:
            evidence += 2   # a full line waiting for its target, and a short end that brings it
        if wrapping.target_first and full and previous.target is not None \
                and all(getattr(item, cell) is None for cell in ROW_CELLS) and len(item.name) <= LONG_FRAGMENT:
            evidence += 2   # a full line with its target, and a short end without a cell of its own
        if wrapping.target_first and full and opens_untargeted_row(item, previous):
            evidence += UNTARGETED_EVIDENCE   # as a row, the line would be a second row without a target
        # the line that carries a wrapped row's target opens (or closes) its row
        if wrapping.target_first is not None and \
                (item.target if wrapping.target_first else previous.target) is not None:
            return None
    else:
        if len(item.name) > LONG_FRAGMENT:
            evidence -= 2    # a long line under a column that does not wrap at a width is a name
        if len(item.name) > SHORT_FRAGMENT and prints_whole(lengths, len(previous.last_line or previous.name)):
            evidence -= WIDER_EVIDENCE   # the column holds longer names whole: the line above is whole
        elif reaches_longest(item, previous, heads, lengths):
            evidence += LONGEST_EVIDENCE   # the line above runs as far as any line: it may have been cut
        elif len(item.name) > SHORT_FRAGMENT and short_of_edge(lengths, len(previous.last_line or previous.name)):
            evidence -= EDGE_EVIDENCE   # the line above stops short of the column's edge: not cut there
        elif reaches_shown_edge(edges, previous.last_line or previous.name, item):
            evidence += LONGEST_EVIDENCE   # as long as a line the table cut into a fragment: perhaps cut
        if not first_targets and closes_row_above(item, previous, heads, lengths, words):
            evidence -= CLOSED_ROW_EVIDENCE   # a whole row above, and a whole name without a target under it
    if all(getattr(previous, cell) is None for cell in ROW_CELLS) and \
            (item.weight is not None or item.score is not None):
        # a line without a cell of its row, waiting for the line that brings its 分值 / 得分
        evidence += POINTS_EVIDENCE if points else POINTS_WAIT
    if points and completes_row_above(item, previous, heads, lengths):
        evidence += POINTS_EVIDENCE   # a cell-less line ending a name, under a line cut short with its cells
    if (item.level1 or item.level2) and not continues_labels_above(item, previous):
        evidence -= 1    # a label on the line: more often a row of its own
    if states_other_category(item, previous):
        evidence -= CATEGORY_EVIDENCE   # a wrapped name sits in one category's cells
    if wrapping is None and item.row.page != previous.pages[1] and len(item.name) > SHORT_FRAGMENT:
        evidence -= 1    # a name cut by a page break, where no width says it was cut: a new row
    if words is not None and words.prints_across(previous.last_line or previous.name, item.name):
        evidence += ACROSS_EVIDENCE   # the word the break cuts prints whole elsewhere
    if item.row.numbered is None and opens_name(item.name, openers):
        evidence -= OPENER_EVIDENCE   # 提升… opens a name: the line above held a whole one
    if restated:
        if not prints_level_cell(item):
            evidence += RESTATED_EVIDENCE   # every row states its labels: a line without one is a row's rest
        elif printed_labels(item.level2) and item.row.page == previous.pages[1]:
            evidence -= RESTATED_EVIDENCE   # a line stating its labels again opens a row
    elif prints_label_above(item, previous):
        evidence -= RESTATED_EVIDENCE   # the label cell above printed again, however damaged: a row
    return evidence


def opens_with_particle(name: str, particles: tuple[str, ...] = PARTICLE_OPENINGS) -> bool:
    """Whether a line's name opens with a particle no name opens with (`particles`: 的;
    schemas/name_words.yaml `particle_openings`): 的 ties the words before it to the words
    after it, so the line goes on a name cut before it (…保护工作站 | 的服务能力)."""
    return name.startswith(particles)


def ends_in_head(item: IndicatorRow, previous: IndicatorRow, heads: tuple[str, ...]) -> bool:
    """Whether the name above ends in a head word (…人数, …满意度) that ends it there: not
    where the line below opens with the rest of a word that runs past the head
    (`runs_past_head`: …业务满意度 | 调查全流程…, …完成数 | 量…), the break cut inside it;
    unless that line states a whole level-2 label of its own (…在校满意度 | 质量指标 调查生人数):
    it opens its category's block, so a row, whatever word it opens with."""
    if not name_end(previous.name).endswith(heads):
        return False
    return not runs_past_head(previous.name, item.name) or (
        bool(stated_labels(item.level2)) and not continues_labels_above(item, previous))


def runs_past_head(above: str, below: str, words: tuple[str, ...] = HEAD_RUNS) -> bool:
    """Whether a word opening with a name's head word and running past it (`words`:
    满意度调查, 成本核算, 数量; schemas/name_words.yaml `head_runs`) prints across the break
    between the line `above` and the line `below`: its head ends the one, its rest opens
    the other."""
    return any(above.endswith(word[:cut]) and below.startswith(word[cut:])
               for word in words for cut in range(1, len(word)))


UNTARGETED_EVIDENCE = 2   # a line that would open a second row without a target, under one already


def opens_untargeted_row(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Where a table prints a wrapped row's target on its first line, whether a short end
    (at most `LONG_FRAGMENT` characters), read as a row of its own, would open a row
    without a target under a line that printed none either: neither line prints a cell of
    its row. Read as the rest of the line above, the two lines make one row without a
    target; read apart, two rows running without one, which tables print more rarely than
    one target-less row wrapped (…完成数 | 量发放准确率, neither with a target). Where the
    target prints on a wrapped row's last line a line without one is no such evidence: it
    may be the first line of a row whose target comes below."""
    return all(getattr(line, cell) is None for line in (item, previous) for cell in ROW_CELLS) \
        and len(item.name) <= LONG_FRAGMENT


def fills_width(line: str, width: int, fused: frozenset[str] = frozenset()) -> bool:
    """Whether a name's line fills the column's width: as read, or, on a line longer than
    the width, after the 指标 of a label OCR fused into the name cell and could not cut
    off (damaged: 盾量指标敬老院日常管理质量 in a column 9 wide). Only the name's own cell
    is cut by the column; a rest shorter than the width says nothing (the label may be
    a longer cell OCR ran together). So too after a head the table shows fused into
    its name cells (`fused`, `Wrapping.fused`: 服务对象漏 of 服务对象漏退役军人服务站规 over
    范率, a damaged label without its 指标)."""
    if len(line) == width or any(line.startswith(head) and len(line) - len(head) == width for head in fused):
        return True
    ending = LABEL_ENDINGS[0]
    if len(line) <= width or ending not in line:
        return False
    at = line.rindex(ending)
    # the text before that 指标 is a label's head, no longer than a label: not a long
    # line OCR ran together with another cell holding the word
    return at + len(ending) <= LABEL_MAX_KEY and len(line) - at - len(ending) == width


def completes_row_above(item: IndicatorRow, previous: IndicatorRow, heads: tuple[str, ...],
                        lengths: tuple[int, ...]) -> bool:
    """Where a table prints 分值 / 得分 on every row, whether a line without any cell of its
    row completes the row above rather than opening the one below: it ends as a name ends
    (…毕业生就业率), and the line above, which prints the row's cells, runs to the column's
    edge (as long as the table's second-longest line, `lengths`) and stops before a head
    word (年末应届离校未就业…): a row's target on its first line, its name wrapped under
    it. A line opening the row below is a name's first line, cut wherever the column cut
    it, under a row whose name is whole (受益人口, short of the edge)."""
    above = previous.last_line or previous.name
    edge = sorted(lengths, reverse=True)[1] if len(lengths) > 1 else 0
    return all(getattr(item, cell) is None for cell in ROW_CELLS) \
        and any(getattr(previous, cell) is not None for cell in ROW_CELLS) \
        and len(above) >= edge and name_end(item.name).endswith(heads) \
        and not name_end(previous.name).endswith(heads)


ACROSS_EVIDENCE = 3   # the characters across a break printed whole in another cell
OPENER_EVIDENCE = 5   # a line opening with a name's opening verb, and running on past it


def opens_name(name: str, openers: tuple[str, ...]) -> bool:
    """Whether a line opens as an indicator name opens (`openers`: 提升…, 促进…, the verbs
    of a name that states an aim) and runs on for more than a short end (提升为老服务覆盖面,
    not …持续 | 完善 or …质量长效 | 提升机制, where the verb ends a name wrapped before it). A
    wrapped name's end starts mid-word, where the column cut it; a verb there is rare, a
    verb and a whole object after it rarer still."""
    return len(name) >= LONG_FRAGMENT and name.startswith(openers)
CATEGORY_EVIDENCE = 5   # a line stating a category other than the one the line above states


def states_other_category(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether the line and the line above each print a label of the same level, read
    exactly and whole, and no label the one prints is one the other prints (时效指标 |
    重点人群年度健康体检 over 成本指标 | 门诊次均费用): the lines sit in two categories' cells,
    so in two rows. So too where both print, on one page, a whole label of the level as
    printed, however damaged (产岂类指标 | 累计建成… over 效益指标 | 社区居家…): a row prints
    one label a level (a table continued on a new page may print its labels again on a
    wrapped row's rest). A label filled down from a merged cell, or a piece of a label
    wrapped in its narrow column says nothing; one read through damage says nothing of
    its category."""
    for level in ("level1", "level2"):
        above, below = stated_labels(getattr(previous, level)), stated_labels(getattr(item, level))
        if above and below and not above & below:
            return True
        if item.row.page == previous.pages[1] and printed_labels(getattr(previous, level)) \
                and printed_labels(getattr(item, level)):
            return True
    return False


def continues_labels_above(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether every label the line prints is a later piece of a label wrapped down its
    narrow column, of which the line above prints another piece (数量指 | 标 beside 费用优抚对象
    定期抚恤补 | 助发放人数; 可持续影 | 类指标): the label cell goes on beside the name, as a
    wrapped name's rest does, and states no row of its own. A whole label, a label's first
    piece, or a label printed again alike on each row (产出 | 产出) may open a row."""
    hints = [*item.level1, *item.level2]
    return bool(hints) and all(continues_piece_above(hint, previous) for hint in hints)


def continues_piece_above(hint: LabelHint, previous: IndicatorRow) -> bool:
    """Whether a label hint was read from a later piece of its label (in the label's text,
    not opening it) under a line printing another piece read as the same label (its raw
    cell may hold a name OCR fused into it: 可持续影向 退役军人服务保障体)."""
    piece = "".join(hint.cell.raw.split())
    text = hint.cell.text
    if hint.copied or piece == text or piece not in text or text.startswith(piece):
        return False
    return any(not above.copied and above.cell.text == text and "".join(above.cell.raw.split()) != piece
               for above in (*previous.level1, *previous.level2))


def stated_labels(hints) -> set[str]:
    """The categories of the whole labels among hints (read exactly, ending as labels end:
    a piece of a label wrapped in its narrow column, 经济 | 成本 | 指标, is not one)."""
    return {hint.spec.label for hint in hints
            if not hint.copied and hint.match.exact and hint.cell.text.endswith(LABEL_ENDINGS)}

RESTATED_LINES = 3      # lines stating the level-2 label the line above states: labels on every row
RESTATED_EVIDENCE = 5   # a line without a label where every row states its own (as NUMBER_EVIDENCE)


def labels_on_every_row(items: list[IndicatorRow]) -> bool:
    """Whether the table prints its level labels on every row (an engine that writes a
    merged cell's text on each row it spans): at least `RESTATED_LINES` named lines print
    the level-2 label the line right above prints, letter for letter. A table that prints
    a label once a block (top, centre, bottom) never prints one on two lines running, and
    a label wrapped in a narrow column prints pieces, not whole labels. A level-1 label
    restated at each level-2 block's top says nothing: the rows under it print none."""
    restated = sum(bool(above.name and item.name
                        and printed_labels(above.level2) & printed_labels(item.level2))
                   for above, item in zip(items, items[1:]))
    return restated >= RESTATED_LINES


def printed_labels(hints) -> set[str]:
    """The whole labels the line itself prints, as printed (数量类指标, 社会效益性指标): not
    filled down from a merged cell, nor rejoined from pieces wrapped over lines (each line
    prints a piece only), nor a piece (经济效)."""
    return {hint.cell.text for hint in hints
            if not hint.copied and "".join(hint.cell.raw.split()) == hint.cell.text
            and hint.cell.text.endswith(LABEL_ENDINGS)}


def prints_label_above(item: IndicatorRow, previous: IndicatorRow) -> bool:
    """Whether the line prints, in a level-2 cell of its own on the line above's page, the
    very text the line above prints in its own (袿会效盆指 on both, a label too damaged for
    `printed_labels`): a wrapped name's rest prints no label (the cell is merged, or
    wrapped into pieces that differ, 社会 | 效益), so the engine wrote the label on each
    row and the line opens one, however few rows show it (`labels_on_every_row`)."""
    own = {hint.cell.text for hint in item.level2
           if not hint.copied and "".join(hint.cell.raw.split()) == hint.cell.text}
    return bool(own) and item.row.page == previous.pages[1] and bool(own & {
        hint.cell.text for hint in previous.level2
        if not hint.copied and "".join(hint.cell.raw.split()) == hint.cell.text})


def prints_level_cell(item: IndicatorRow) -> bool:
    """Whether the line prints a level cell of its own: a label read (not filled down from a
    merged cell), a damaged or unknown one, or one fused into its name cell."""
    return any(not hint.copied for hint in (*item.level1, *item.level2)) \
        or bool(item.unrecognised or item.damaged or item.fused)


LONGEST_EVIDENCE = 1   # a line as long as the table's longest, where no width shows: perhaps cut


def reaches_longest(item: IndicatorRow, previous: IndicatorRow, heads: tuple[str, ...],
                    lengths: tuple[int, ...]) -> bool:
    """Where no width shows, whether the line above is as long as the table's longest
    line (`lengths`, its names' lengths): a name that reached the column's edge, which a
    wrapped name's first line does. Not where the line is a name whole itself, longer
    than a fragment and ending in its head word (…网上办理 over 群众满意度: a row whose
    labels print below it, not the end of the name above), nor where it states a label
    of its own, nor where it reaches the longest too (a wrapped name's first line itself:
    names over three lines are rare)."""
    if len(lengths) < WIDER_LINES or item.level1 or item.level2 or len(item.name) >= max(lengths):
        return False
    if len(item.name) > SHORT_FRAGMENT + 1 and name_end(item.name).endswith(heads):
        return False
    return len(previous.last_line or previous.name) >= max(lengths)


EDGE_EVIDENCE = 1   # a line above shorter than the column's edge, where no width shows
CLOSED_ROW_EVIDENCE = 2   # a one-line row with its target over a whole name printing no cell


def closes_row_above(item: IndicatorRow, previous: IndicatorRow, heads: tuple[str, ...],
                     lengths: tuple[int, ...], words: DocumentWords | None = None) -> bool:
    """Where no width shows, whether the line above is a row of its own, whole: one line
    printing its target and stopping short of the column's edge (the table's second-longest
    line, `lengths`, as `short_of_edge` reads it: a line reaching it may have been cut,
    长效机制退役军人服务站规范化 | 建设达标率), over a line that is a whole name itself (longer than a fragment,
    ending in its head word: 促进退役军人就业创业 ≥60% over 政策知晓率, 重点人群年度健康体检 按时完成
    over 门诊次均费用) and prints no cell of its row. Read as a wrap, the name above would
    have stopped short of its head word and its rest would be a name in its own right;
    read apart, the line is an indicator whose target cell is empty (an empty target is
    no wrap). A fragment (…完成 | 时间, 核算格率) or a line opening with a particle (的满意程度)
    is no whole name and says nothing here, nor
    does a line under a break that cuts a word the document prints elsewhere (`words`,
    `cut_inside_word`: …离校未就业高 | 校毕业生就业率, 累计完成改 | 造的老旧小区数量)."""
    if len(lengths) < WIDER_LINES or len(previous.name) >= column_edge(lengths):
        return False
    return previous.lines[0] == previous.lines[1] and previous.target is not None \
        and all(getattr(item, cell) is None for cell in ROW_CELLS) \
        and len(item.name) >= HALF_MIN and name_end(item.name).endswith(heads) \
        and not opens_with_particle(item.name) \
        and not (words is not None and cut_inside_word(previous, item, heads, words))



def short_of_edge(lengths: tuple[int, ...], length: int) -> bool:
    """Where no width shows, whether a line of `length` stops short of the column's edge:
    the second-longest line of the table (`lengths`), so that one line longer than all
    the others (a label fused into its name cell, cells OCR ran together) does not set
    it. A wrapped name fills its first line to the edge; a line short of it held the
    whole name, and the line under it (群众满意度 under a 15-character line in a column
    that prints 16) is a name of its own, its target cell perhaps empty. Not in a table
    that wraps a name into a fragment (建档率): it wraps names where their words break, so a
    line short of the edge may have wrapped (`prints_whole` likewise). Only evidence
    against a wrap, weighed with the rest."""
    if len(lengths) < WIDER_LINES or any(other <= SHORT_FRAGMENT for other in lengths):
        return False
    return length < column_edge(lengths)


def column_edge(lengths: tuple[int, ...]) -> int:
    """Where no width shows, the column's edge: the second-longest of the table's lines
    (one overlong line, a fused label, does not set it)."""
    return sorted(lengths, reverse=True)[1]


def wrapped_line_lengths(items: list[IndicatorRow], heads: tuple[str, ...]) -> tuple[int, ...]:
    """The lengths of the named lines a short end follows: a fragment of at most
    `SHORT_FRAGMENT` characters that ends as a name ends (建档率, 确率: a head word) or is
    one character (率, 制): lines cut at the column's edge, as a wrapped name's first line
    is. Not a fragment ending otherwise (脂怀, a damaged label's piece read as a name under
    a whole name), nor a line holding a label's 指 (a label OCR fused into the name cell,
    质量性指柝可持续… over 准确率, runs past the edge)."""
    named = [item.name for item in items if item.name and not item.positional]
    return tuple(len(above) for above, below in zip(named, named[1:])
                 if len(below) <= SHORT_FRAGMENT and (len(below) == 1 or name_end(below).endswith(heads))
                 and LABEL_MARK not in above)


def targets_on_first_lines(items: list[IndicatorRow], heads: tuple[str, ...]) -> bool:
    """Whether the table shows a wrapped row printing its target on its first line: a line
    printing a cell of its row over a short end printing none (the ends `wrapped_line_lengths`
    counts: 建档率 under 居民电子健康档案规范化 不低于95%). There a line printing no cell under a
    row with its target may be that row's rest, however whole it reads (医联体双向转诊 有效运行
    over 机制运行情况)."""
    named = [item for item in items if item.name and not item.positional]
    return any(has_row_cell(above) and not has_row_cell(below) and len(below.name) <= SHORT_FRAGMENT
               and (len(below.name) == 1 or name_end(below.name).endswith(heads))
               for above, below in zip(named, named[1:]))


def reaches_shown_edge(edges: tuple[int, ...], above: str, item: IndicatorRow) -> bool:
    """Where no width shows, whether the line `above` the line `item` is as long as the
    shortest of the lines the table cut into a fragment (`edges`, `wrapped_line_lengths`;
    the pair itself left out): it reached the column's edge, as they did, and may have
    been cut there (长效机制补贴资金按月 | 发放及时率 beside 社区居家养老服务覆盖 | 率). The shortest:
    a label fused into a wrapped line runs it past the edge; nor does a line holding a
    label's 指 reach it by its own length. Only evidence for a wrap: a line shorter than
    them says nothing, as a table that wraps names into fragments may wrap them where their
    words break (医联体双向转诊 | 机制运行情况 beside 居民电子健康档案规范化 | 建档率)."""
    if LABEL_MARK in above:
        return False   # a label fused into the line (救量指标新建社区健身路径) runs it past the edge
    own = list(edges)
    if len(item.name) <= SHORT_FRAGMENT and len(above) in own:
        # the pair itself shows nothing of its own line; a short line under it that
        # `wrapped_line_lengths` did not count (`脂怀`, ending as no name ends) leaves out
        # another line's length as well: no more evidence for it than before the edge
        own.remove(len(above))
    return bool(own) and len(above) >= min(own)


def prints_whole(lengths: tuple[int, ...], length: int) -> bool:
    """Whether a table whose names run `lengths` long prints a line of `length` whole:
    at least `WIDER_LINES` lines are longer by more than one (a digit or a bracket reads
    narrower than a character), and no line is a fragment, so the column wraps no name
    at all. A table whose names wrap where their words break (建档率, 及时率 under lines
    of many lengths) shows fragments, and a line there may have wrapped short of the
    longest."""
    return sum(other > length + 1 for other in lengths) >= WIDER_LINES and \
        all(other > SHORT_FRAGMENT for other in lengths)


def name_lengths(items: list[IndicatorRow]) -> tuple[int, ...]:
    """The lengths of the table's names as printed, one a line."""
    return tuple(len(item.name) for item in items if item.name and not item.positional)


def label_read_as_fragment(item: IndicatorRow, previous: IndicatorRow, wrapping: Wrapping | None,
                           heads: tuple[str, ...], points: bool = False, lengths: tuple[int, ...] = (),
                           words: DocumentWords | None = None, openers: tuple[str, ...] = (),
                           restated: bool = False, after: IndicatorRow | None = None,
                           edges: tuple[int, ...] = ()) -> IndicatorRow | None:
    """The row with its one level label read as the end of the name above, or None. A
    wrapped name can end in a word that is also a short label (…入驻企业 | 满意度, …孵化基地 |
    数量: aliases of level labels, read exactly); under a name cut at the column's width,
    with nothing else on the line to name it, that word is the name's end, if it reads
    as a wrap. A label read through OCR damage (生忞效益指栎) or ending as labels end is a
    label. So is one under a name that ends in its head word (…验收合格率 | 质量, …出具时间 |
    时效): the name is whole, and the word is a label (the rest of one wrapped in its narrow
    column, 产出 | 质量). So is one whose next line (`after`) reads as the rest of the name above across
    it (各类困难补助补贴发 | 质量 | 放准确率: `wrap_across_label`): the label is a merged
    cell's, printed inside the wrapped row, and the name goes on under it."""
    hints = [*item.level1, *item.level2]
    if (item.name is not None or item.positional or wrapping is None or previous.name is None
            or len(previous.last_line or previous.name) != wrapping.width or len(hints) != 1
            or not hints[0].match.exact or hints[0].cell.text.endswith(LABEL_ENDINGS)):
        return None
    if name_end(previous.name).endswith(heads):
        return None    # a name ending in its head word is whole: the word under it is a label
    if after is not None and after.name is not None and wrap_across_label(
            after, item, previous, wrapping, heads, points, lengths, words, openers, restated, edges):
        return None
    read = replace(item, name=hints[0].cell.text, level1=[], level2=[], own_level2=None)
    return read if is_wrap(read, previous, wrapping, heads, points, lengths, words, openers, restated,
                           edges) else None

ACROSS_LABEL_EVIDENCE = 3   # a wrap across a line of labels needs more than a wrap's least


def wrap_across_label(item: IndicatorRow, label_line: IndicatorRow, named: IndicatorRow,
                      wrapping: Wrapping | None, heads: tuple[str, ...], points: bool = False,
                      lengths: tuple[int, ...] = (), words: DocumentWords | None = None,
                      openers: tuple[str, ...] = (), restated: bool = False,
                      edges: tuple[int, ...] = ()) -> bool:
    """Whether a line is the rest of the name two lines up, with a line of nothing but
    level labels between (an engine that writes a merged label on a line of its own
    between two lines of a wrapped name: 创业担保贷款贴息资 | 成本指标 | 金控制数). The
    labels then sit inside the wrapped row, so they are its own. The label line may also
    be a category listed without indicators, so the wrap needs strong evidence (a
    fragment, a name above that fills the column's width or stops before its head word),
    not the least. A label on the line opens a row (a single character is never a name),
    except a level-1 label alone on a short end under the line of level-2 labels
    (`merged_level1_on_end`)."""
    if not label_line.is_label_only:
        return False
    if (item.level1 or item.level2) and len(item.name or "") != 1 and not merged_level1_on_end(item, heads):
        return False
    evidence = wrap_evidence(item, named, wrapping, heads, points, lengths, words, openers, restated, edges)
    return evidence is not None and evidence >= ACROSS_LABEL_EVIDENCE


def merged_level1_on_end(item: IndicatorRow, heads: tuple[str, ...]) -> bool:
    """Whether a line's labels may be the merged level-1 cell of the row it ends: a level-1
    label and no level-2 one, on a line whose name is a short end (at most `LONG_FRAGMENT`
    characters) that ends in a head word, so completes a name (确率, 务覆盖率). A merged
    level-1 cell prints at its block's centre, which can fall on a wrapped row's last
    line, under the line of its level-2 label (质量监督居家养老服 | 社会效益指标 | 效益指标 …
    务覆盖率). A level-2 label on the line states a row of its own: one row prints one
    label per level; so does a line that completes no name (工时)."""
    return bool(item.level1) and not item.level2 and item.name is not None \
        and len(item.name) <= LONG_FRAGMENT and name_end(item.name).endswith(heads)


HALF_MIN = SHORT_FRAGMENT + 2   # a line this long may be a whole name under a whole name


def whole_halves(previous: IndicatorRow, item: IndicatorRow, heads: tuple[str, ...],
                 words: DocumentWords | None = None) -> tuple[IndicatorRow, IndicatorRow] | None:
    """The two lines about to be joined, each as a row of its own, where both may be
    whole names: a one-line name above, and under it a line long enough to name an
    indicator itself that ends as a name ends (…满意度, …费用), no word across the break
    printed whole elsewhere (`words`: 业务全 | 流程网上办理 under the goals' 业务全流程).
    The lines alone cannot tell such a pair from a wrap (a name that fills the column
    over a whole name whose target cell is empty); the placed rows may."""
    if previous.lines[0] != previous.lines[1] or previous.name is None or item.name is None \
            or len(item.name) < HALF_MIN or not name_end(item.name).endswith(heads):
        return None
    if words is not None and (words.prints_across(previous.name, item.name)
                              or cut_inside_word(previous, item, heads, words)):
        return None
    upper = replace(previous, level1=list(previous.level1), level2=list(previous.level2),
                    unplaced=list(previous.unplaced), unrecognised=list(previous.unrecognised),
                    damaged=list(previous.damaged), fused=list(previous.fused))
    return upper, item


def cut_inside_word(previous: IndicatorRow, item: IndicatorRow, heads: tuple[str, ...],
                    words: DocumentWords) -> bool:
    """Whether the break between two lines about to be joined cuts a word: the line above
    ends on no head word (…按月发, …档案规, …日常办公评) and its last character and the
    first of the line below print together in another cell (发放, 规范, 评估). Such a line
    above is a name's first part, not a whole name: the join stays, not to be split back
    by the placed rows (`whole_halves`)."""
    return not name_end(previous.name).endswith(heads) and words.prints_pair_across(previous.name, item.name)


def join_wrapped(previous: IndicatorRow, item: IndicatorRow, line: int) -> None:
    previous.name = previous.name + item.name
    previous.last_line = item.name
    previous.target = previous.target if previous.target is not None else item.target
    previous.unit = previous.unit or item.unit
    previous.operator = previous.operator or item.operator
    # a self-evaluation's cells print on the target's line, the wrapped row's last one
    # where the target prints there: the row keeps them
    for name in ("target_mid", "actual", "weight", "score", "deviation"):
        if getattr(previous, name) is None:
            setattr(previous, name, getattr(item, name))
    previous.level1 += item.level1
    previous.level2 += item.level2
    previous.unplaced += item.unplaced
    previous.unrecognised += item.unrecognised   # a damaged label on a wrap's line is still reported
    if item.damaged and not previous.damaged:   # the damaged label prints on the wrap's line
        previous.damaged_offset = line - previous.lines[0]
    previous.damaged += item.damaged
    previous.note = "\n".join(filter(None, [previous.note, item.note])) or None
    previous.lines = (previous.lines[0], line)
    previous.pages = (previous.pages[0], item.row.page)
