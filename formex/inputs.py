"""Input discovery: the paths given on the command line to the files a run reads.

A hostile tree must not stop a batch, so nothing here raises for one bad entry:

- a file name that is not valid UTF-8 is kept as the path to open, and recorded under a
  printable source key (`printable_path`: its undecodable bytes written `\\xNN`);
- a FIFO, a device or a socket is never opened (opening a FIFO blocks, a device never
  ends): given by name, or in a folder under a form suffix, it is a `refused` input that
  becomes a `failed` row; other such entries in folders are skipped like any non-form file;
- a symbolic link whose target lies outside the folder given is not followed unless the
  run allows it (`follow_links`), and is reported as excluded; links inside it are
  followed, and a folder reached twice (a link loop) is walked once;
- a folder that cannot be listed or entered is reported (`Discovery.unreadable`) and the
  rest of the tree is read.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from formex.extract.readers import READERS, source_format_of

SKIPPED_STEMS = frozenset({"README", "LICENSE", "CHANGELOG"})  # a folder's own notes, not forms
SAVED_SUFFIXES = (".jsonl.gz", ".jsonl")
SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                 (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class InputError(Exception):
    """The inputs cannot be run as given (a usage error: the CLI exits 2)."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_path: str            # the source key: relative to the input root, printable, as recorded
    refused: str | None = None  # why it is not opened (a FIFO, a device): it becomes a failed row


@dataclass
class Discovery:
    """What a walk of the inputs found besides the files it yields."""

    skipped: list[str] = field(default_factory=list)                   # not a form format
    excluded: list[tuple[str, str]] = field(default_factory=list)      # (path, why): links out of the root
    unreadable: list[tuple[str, str]] = field(default_factory=list)    # (folder, why) not listed or entered


def printable_path(path: "str | Path") -> str:
    r"""A path as text that can be written anywhere (Parquet, JSON, a terminal): bytes of
    a file name that are not UTF-8 (which Python keeps as lone surrogates) become `\xNN`.

    >>> printable_path(os.fsdecode(b"form-\xff\xfe.txt"))
    'form-\\xff\\xfe.txt'
    >>> printable_path("单位/表.txt")
    '单位/表.txt'
    """
    text = path.as_posix() if isinstance(path, Path) else path
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file or folder is, or None."""
    return next((name for test, name in SPECIAL_KINDS if test(mode)), None)


def refusal_of(path: Path) -> str | None:
    """Why a file given by name is not opened, or None (stat follows links: the user named it)."""
    try:
        kind = special_kind(os.stat(path).st_mode)
    except OSError:
        return None   # reading it will fail and say why
    return f"{kind}, not a regular file: not opened" if kind else None


def is_candidate(path: Path) -> bool:
    return not path.name.startswith(".") and path.stem.upper() not in SKIPPED_STEMS


def has_form_suffix(name: str) -> bool:
    return Path(name).suffix.lower() in READERS


def is_inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class FolderWalk:
    """The files under one folder given, in sorted order, as (path, relative key, refused)."""

    def __init__(self, root: Path, follow_links: bool, found: Discovery):
        self.root = root
        self.real_root = os.path.realpath(root)
        self.follow_links = follow_links
        self.found = found
        self.seen_folders: set[str] = set()

    def __iter__(self):
        yield from self.walk(self.root, ())

    def walk(self, folder: Path, parts: tuple[str, ...]):
        real = os.path.realpath(folder)
        if real in self.seen_folders:
            return
        self.seen_folders.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            self.found.unreadable.append((printable_path(folder), error.strerror or str(error)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            yield from self.visit(entry, parts + (entry.name,))

    def visit(self, entry: os.DirEntry, parts: tuple[str, ...]):
        path = Path(entry.path)
        key = printable_path("/".join(parts))
        if entry.is_symlink() and not self.follow_links:
            target = os.path.realpath(path)
            if not is_inside(target, self.real_root):
                self.found.excluded.append((key, f"a link to {printable_path(target)}, outside "
                                                 f"{printable_path(self.root)} (--follow-links follows it)"))
                return
        try:
            mode = os.stat(path).st_mode
        except OSError as error:
            if entry.is_symlink():
                self.found.excluded.append((key, f"a broken link: {error.strerror or error}"))
            else:
                self.found.unreadable.append((key, error.strerror or str(error)))
            return
        if stat.S_ISDIR(mode):
            yield from self.walk(path, parts)
            return
        kind = special_kind(mode)
        if kind is not None:
            if has_form_suffix(entry.name) and is_candidate(path):
                yield InputFile(path, key, f"{kind}, not a regular file: not opened")
            else:
                self.found.skipped.append(key)
            return
        if not is_candidate(path) or source_format_of(path, look=True) is None:
            self.found.skipped.append(key)
            return
        yield InputFile(path, key)


def iter_input_files(inputs: list[Path], found: Discovery | None = None, follow_links: bool = False):
    """Files given directly, and every form-format file under folders, in sorted order."""
    found = found if found is not None else Discovery()
    for given in inputs:
        if given.is_dir():
            yield from FolderWalk(given, follow_links, found)
        else:
            yield InputFile(given, printable_path(given), refusal_of(given))


def list_inputs(inputs: list[Path], found: Discovery | None = None, follow_links: bool = False) -> list[InputFile]:
    """Every input file in source order; two inputs with one source key are refused."""
    items: dict[str, InputFile] = {}
    for item in iter_input_files(inputs, found, follow_links):
        other = items.get(item.source_path)
        if other is not None and os.path.realpath(other.path) != os.path.realpath(item.path):
            raise InputError(f"two inputs would be recorded as the same source {item.source_path!r}: "
                             f"{printable_path(other.path)} and {printable_path(item.path)}; give their "
                             f"common folder instead")
        items[item.source_path] = item
    return [items[key] for key in sorted(items)]


def read_regular_file(path: Path) -> bytes:
    """A regular file's bytes; anything else (a FIFO or device swapped in after the walk)
    raises OSError without blocking: it is opened non-blocking and checked before reading."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(descriptor, "rb", closefd=True) as handle:
        kind = special_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise OSError(0, f"{kind}, not a regular file: not read")
        return handle.read()


def iter_saved_paths(inputs: list[Path]):
    """Files saved by `--keep-documents`: files given directly, and every `*.jsonl.gz` /
    `*.jsonl` under folders (e.g. `OUT/_documents`), in sorted order."""
    for given in inputs:
        if not given.is_dir():
            yield given
            continue
        yield from sorted(p for p in given.rglob("*") if p.name.endswith(SAVED_SUFFIXES)
                          and not p.name.startswith(".") and p.is_file())
