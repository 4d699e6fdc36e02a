"""Check an Office file (xlsx, xlsm, docx: a zip package) before any parser opens it.

The zip's central directory states every member's compressed and uncompressed size, so
a zip bomb, an absurd member count or a corrupt archive is refused from the directory
alone, before a byte is inflated. The package's parts also tell what the file carries
beyond data: macros (`vbaProject.bin`, never executed: formex reads cell values only),
links to external workbooks (their values are the cached copies saved in this file),
embedded objects. Those become issues, not refusals.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from formex.extract.errors import ExtractError
from formex.extract.sniff import DAMAGED_ZIP
from formex.schemas.document import Issue

MAX_FILE_BYTES = 50 * 2**20          # a filled-in form is well under 1 MiB
MAX_UNPACKED_BYTES = 200 * 2**20     # all members together, as the directory states them
MAX_MEMBER_BYTES = 100 * 2**20       # one member (a sheet's XML)
MAX_RATIO = 200                      # uncompressed / compressed for any member over 1 MiB
MAX_MEMBERS = 2000


class OfficeFileRejected(ExtractError):
    """A file refused before parsing: the message is the reason, in one sentence."""


@dataclass
class Package:
    zip: zipfile.ZipFile
    names: set[str]
    issues: list[Issue]


def open_package(data: bytes, source_path: str, kind: str) -> Package:
    """The zip, checked against the limits; raises OfficeFileRejected with the reason."""
    if len(data) > MAX_FILE_BYTES:
        raise OfficeFileRejected(f"{source_path}: {len(data) / 2**20:.0f} MiB is over the limit of "
                                 f"{MAX_FILE_BYTES // 2**20} MiB for one {kind} form")
    if not data.startswith(b"PK"):
        hint = " (it looks like a legacy binary Office file; save it as .xlsx/.docx)" \
            if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise OfficeFileRejected(f"{source_path}: not a valid {kind} file: it is not a zip package{hint}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except DAMAGED_ZIP as error:
        raise OfficeFileRejected(f"{source_path}: not a valid {kind} file: corrupt zip ({error})") from None
    if len(infos) > MAX_MEMBERS:
        raise OfficeFileRejected(f"{source_path}: {len(infos)} parts in the package, over the limit of "
                                 f"{MAX_MEMBERS}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise OfficeFileRejected(f"{source_path}: unpacks to {total / 2**20:.0f} MiB, over the limit of "
                                 f"{MAX_UNPACKED_BYTES // 2**20} MiB (a zip bomb or an oversized sheet)")
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES or (
                info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise OfficeFileRejected(
                f"{source_path}: part {info.filename} unpacks to {info.file_size / 2**20:.0f} MiB from "
                f"{info.compress_size / 2**10:.0f} KiB, over the limits (a zip bomb)")
    try:   # testzip catches a bad CRC; a member that does not inflate at all raises
        bad = archive.testzip() if total <= 20 * 2**20 else None
    except DAMAGED_ZIP as error:
        raise OfficeFileRejected(f"{source_path}: not a valid {kind} file: corrupt zip ({error})") from None
    if bad is not None:
        raise OfficeFileRejected(f"{source_path}: not a valid {kind} file: part {bad} is corrupt")
    names = {i.filename for i in infos}
    return Package(archive, names, package_issues(names))


def package_issues(names: set[str]) -> list[Issue]:
    issues = []
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        issues.append(Issue("warning", "macros_ignored",
                            "the file contains macros (vbaProject.bin); they were not run, only the "
                            "saved values were read", field="document"))
    links = sorted(n for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml"))
    if links:
        issues.append(Issue("warning", "external_links",
                            f"the workbook links to {len(links)} external workbook(s); values from them "
                            "are the copies cached in this file, not fetched", field="document"))
    embedded = sorted(n for n in names if "/embeddings/" in n)
    if embedded:
        issues.append(Issue("info", "embedded_objects",
                            f"{len(embedded)} embedded object(s) were not read", field="document"))
    return issues
