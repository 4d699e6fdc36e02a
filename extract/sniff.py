"""A file's format from its first bytes, so that a PDF named `.txt`, a scan named `.pdf`
or a file without an extension reach the right reader.

`sniff_format(data)` gives a source format (`pdf`, `image`, `xlsx`, `docx`, `html`),
`legacy_office` for an Office 97-2003 binary file, or None when the bytes say nothing
certain (plain text, Markdown, a damaged zip): the suffix decides then.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",     # PNG
    b"\xff\xd8\xff",          # JPEG
    b"II*\x00", b"MM\x00*",   # TIFF, little- and big-endian
    b"BM",                    # BMP
    b"GIF87a", b"GIF89a",
)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|table)\b", re.I)
SPACES = re.compile(rb"\s*")


def sniff_format(data: bytes) -> str | None:
    """
    >>> sniff_format(b"%PDF-1.7\\n..."), sniff_format(b"\\x89PNG\\r\\n\\x1a\\n...")
    ('pdf', 'image')
    >>> sniff_format(b"<!DOCTYPE html><html>"), sniff_format("单位名称\\t某单位".encode())
    ('html', None)
    """
    head = data[:1024]
    if b"%PDF-" in head:            # readers accept junk before the header
        return "pdf"
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(OLE2_MAGIC):
        return "legacy_office"
    if head.startswith(b"PK\x03\x04"):
        return office_zip_format(data)
    text = head.lstrip(b"\xef\xbb\xbf")
    if starts_like_html(text):
        return "html"
    return None


def starts_like_html(text: bytes) -> bool:
    """An HTML opening tag after an optional XML declaration and any comments. Walked
    with `find`, not one regex: `(?:<!--.*?-->\\s*)*` backtracks exponentially over
    repeated comments that are not followed by a tag.

    >>> starts_like_html(b"<?xml version='1.0'?> <!-- a --><!--b--> <HTML>"), starts_like_html(b"<!--a-->" * 200)
    (True, False)
    """
    at = SPACES.match(text).end()
    if text.startswith(b"<?xml", at):
        close = text.find(b">", at)
        if close < 0:
            return False
        at = close + 1
    while True:
        at = SPACES.match(text, at).end()
        if not text.startswith(b"<!--", at):
            break
        close = text.find(b"-->", at + 4)
        if close < 0:
            return False
        at = close + 3
    return HTML_TAG.match(text, at) is not None


# What Python's zipfile raises for a damaged or unsupported archive (a version or a
# compression method it does not implement is NotImplementedError), when opened or read
DAMAGED_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError,
               zlib.error)


def office_zip_format(data: bytes) -> str | None:
    """`xlsx` or `docx` by the package's main part; None for another or a damaged zip."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except DAMAGED_ZIP:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None
