"""Find regular expressions whose cost grows faster than their input.

Every compiled pattern formex holds (module globals, and the patterns its cached rule
builders return) is run with `findall` on long strings made of its own literal
characters, pairs of them and short literal runs from its source (`<p `, `第 `, `$`),
the shapes that make a backtracking engine retry each start position. A pattern whose
time grows more than 32x when its input grows 8x (linear: 8x; quadratic: 64x) is
listed with the string that shows it.

    python bench/regex_audit.py            # prints suspects; exit 1 when there are any
"""
from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import itertools
import pkgutil
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import formex  # noqa: E402

BASE = 4000
METACHARS = set("\\^$.|?*+()[]{}-")
EXTRA = [" ", "\u2003", "0", "1", "a", "O", ".", ",", "<", ">", "$", "\\", "\n", "中", "*", "_", "-", "(", "["]


def iter_modules():
    for package in ("formex", "formex.extract", "formex.normalize", "formex.schemas"):
        yield from iter_package(importlib.import_module(package))


def iter_package(package):
    yield package
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            yield importlib.import_module(info.name)
        except Exception:     # an optional extra not installed
            continue


def patterns_in(value, seen: set[int], depth: int = 0):
    if depth > 3 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from patterns_in(item, seen, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from patterns_in(item, seen, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from patterns_in(getattr(value, f.name), seen, depth + 1)


REGEX_CALLS = frozenset({"compile", "sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split"})


def inline_patterns(module):
    """Patterns written as a string literal in a call such as `re.sub(r"\\s+", ...)` inside
    a function: they are compiled at the call, so no module global holds them."""
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in REGEX_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, (str, bytes))):
            yield node.lineno, re.compile(node.args[0].value)


def iter_patterns():
    """(where, pattern) for every distinct pattern of every formex module: module globals,
    what cached rule builders return, and string literals passed to `re` functions."""
    found: dict[tuple, str] = {}
    for module in iter_modules():
        for line, pattern in inline_patterns(module):
            found.setdefault((pattern.pattern, pattern.flags), f"{module.__name__}:{line}")
        for name, value in vars(module).items():
            values = [value]
            if callable(value) and hasattr(value, "cache_info") and getattr(value, "__module__", "") == module.__name__:
                try:
                    if not [p for p in inspect.signature(value).parameters.values()
                            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]:
                        values = [value()]
                except Exception:
                    continue
            for pattern in patterns_in(values, set()):
                key = (pattern.pattern, pattern.flags)
                found.setdefault(key, f"{module.__name__}.{name}")
    for (source, flags), where in sorted(found.items(), key=lambda kv: kv[1]):
        yield where, re.compile(source, flags)


def literal_chars(source) -> list:
    text = source if isinstance(source, str) else source.decode("latin-1")
    chars = [c for c in dict.fromkeys(re.sub(r"\\.", "", text)) if c not in METACHARS]
    return chars[:14]


def literal_runs(source) -> list:
    text = source if isinstance(source, str) else source.decode("latin-1")
    runs = re.findall(r"[^\\^$.|?*+()\[\]{}]{2,4}", text)
    return list(dict.fromkeys(runs))[:10]


def candidates(pattern: re.Pattern, pairs: bool = True) -> list:
    own = literal_chars(pattern.pattern)
    alphabet = list(dict.fromkeys(own + EXTRA))
    units = alphabet + ([a + b for a, b in itertools.product(own[:6] + [" ", "1"], repeat=2)] if pairs else [])
    units += [run + " " for run in literal_runs(pattern.pattern)] + literal_runs(pattern.pattern)
    if isinstance(pattern.pattern, bytes):
        return [u.encode("utf-8") for u in units]
    return units


def seconds(pattern: re.Pattern, text) -> float:
    """The time to walk every match (not to build a list of them: allocating long lists
    grows faster than linear on its own)."""
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - started


def audit(base: int = BASE, log=None, pairs: bool = True):
    for where, pattern in iter_patterns():
        if log:
            print(f"{where}: {pattern.pattern!r:.100}", file=log, flush=True)
        for unit in candidates(pattern, pairs):
            text = unit * (base // len(unit))
            first = seconds(pattern, text)
            if first < 0.002:
                continue
            while first < 0.02 and len(text) < 16 * base:   # time enough to measure on a busy machine
                text *= 2
                first = seconds(pattern, text)
            if first < 0.005:     # 64,000 characters in under 5 ms: not a pattern that stalls
                continue
            # linear: 8x the time for 8x the input; quadratic: 64x (a busy machine adds noise)
            eighth = seconds(pattern, text * 8)
            if eighth / first > 32 and seconds(pattern, text * 8) / seconds(pattern, text) > 32:   # twice
                yield where, pattern.pattern, unit, first, eighth
                break


def main() -> int:
    suspects = list(audit(log=sys.stderr if "-v" in sys.argv else None))
    for where, source, unit, first, second in suspects:
        print(f"{where}: {source!r}\n    {unit!r} repeated: {first * 1000:.1f} ms, 8x as long: "
              f"{second * 1000:.1f} ms")
    print(f"{len(suspects)} suspect pattern(s)")
    return 1 if suspects else 0


if __name__ == "__main__":
    sys.exit(main())
