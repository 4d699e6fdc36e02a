"""Decode the bytes of a text file whose encoding nobody told us.

Order: a byte-order mark decides; valid UTF-8 is UTF-8 (a strict decode cannot be
fooled); otherwise charset-normalizer, a maintained detector, picks the codec. Chinese
GB2312/GBK answers are widened to GB18030, their superset, so rare characters survive;
and since our forms are mainland Chinese, any East Asian answer (Big5, Shift-JIS …) is
overruled by GB18030: short texts fool the detector. A UTF-8 file with a few damaged
bytes stays UTF-8 (the damaged characters become U+FFFD and the document says so).

A file pasted together from a UTF-8 part and a GB18030 part is neither: GB18030 decodes
almost any bytes, so decoding it whole would garble the UTF-8 part without a sign. When
some lines are UTF-8 (with non-ASCII text) and others are not, each line is decoded by
its own encoding and the document names the line ranges of each (`encoding_mixed`).
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from formex.schemas.document import Issue

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
EAST_ASIAN = frozenset({"gb2312", "gbk", "cp936", "hz", "gb18030", "big5", "big5hkscs", "cp950",
                        "euc_jp", "shift_jis", "cp932", "euc_kr", "cp949", "iso2022_jp"})


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False  # some bytes could not be decoded and became U+FFFD
    parts: tuple[tuple[str, int, int], ...] = ()   # (encoding, first line, last line) of a mixed file


def decode_bytes(data: bytes) -> Decoded:
    """Decode bytes, detecting the encoding.

    >>> decode_bytes("预算".encode("gb18030")).text
    '预算'
    >>> decode_bytes(codecs.BOM_UTF8 + "表".encode()).encoding
    'utf-8-sig'
    >>> decoded = decode_bytes("单位名称：上海市某中心".encode() + b"\\xff" + "预算情况".encode())
    >>> decoded.encoding, decoded.lossy
    ('utf-8', True)
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return Decoded(text, codec, lossy="\ufffd" in text)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):  # a stray or truncated byte in a UTF-8 file: keep the rest
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", lossy=True)
    mixed = decode_lines(data)
    if mixed is not None:
        return mixed
    codec = detect_codec(data)
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return Decoded(data.decode("gb18030", errors="replace"), "gb18030", lossy=True)


def detect_codec(data: bytes) -> str:
    best = from_bytes(data).best()
    codec = best.encoding if best else "gb18030"
    return "gb18030" if codec in EAST_ASIAN else codec


def is_utf8_text(line: bytes) -> bool:
    """Valid UTF-8 holding non-ASCII text (ASCII lines say nothing about the encoding)."""
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_lines(data: bytes) -> Decoded | None:
    r"""Each line by its own encoding when some lines are UTF-8 text and others are not;
    None when the file is one or the other. (No GB18030 or ASCII-compatible codec uses
    the byte 0x0A inside a character, so lines split safely.)

    >>> mixed = decode_lines("单位名称 某中心\n".encode() + "预算情况\n".encode("gb18030"))
    >>> mixed.text, mixed.encoding, mixed.parts
    ('单位名称 某中心\n预算情况\n', 'utf-8+gb18030', (('utf-8', 1, 1), ('gb18030', 2, 3)))
    """
    lines = data.split(b"\n")
    utf8 = [is_utf8_text(line) for line in lines]
    other = [not u and not line.isascii() for u, line in zip(utf8, lines)]
    if not any(utf8) or not any(other):
        return None
    codec = detect_codec(b"\n".join(line for line, o in zip(lines, other) if o))
    encodings = ["utf-8" if u else codec if o else None for u, o in zip(utf8, other)]
    previous = next(e for e in encodings if e)   # ASCII lines go with the text around them
    texts, parts = [], []
    for number, (line, encoding) in enumerate(zip(lines, encodings), 1):
        encoding = previous = encoding or previous
        texts.append(line.decode(encoding, errors="replace"))
        if parts and parts[-1][0] == encoding:
            parts[-1][2] = number
        else:
            parts.append([encoding, number, number])
    text = "\n".join(texts)
    return Decoded(text, f"utf-8+{codec}", "\ufffd" in text, tuple(tuple(p) for p in parts))


def mostly_utf8(data: bytes) -> bool:
    """True when all but a few bytes form valid UTF-8 multi-byte text. GB18030 text is
    almost never valid UTF-8 beyond a character or two, so a handful of bad bytes among
    many good multi-byte sequences means damage, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 8 and bad <= max(2, good // 200)


def decoding_issues(decoded: Decoded) -> list[Issue]:
    """The warnings a mixed or lossy decode leaves on the document; none when every byte
    decoded in one encoding."""
    issues = []
    if decoded.parts:
        ranges = "; ".join(f"lines {first}–{last} {encoding}" if first != last else f"line {first} {encoding}"
                           for encoding, first, last in decoded.parts)
        issues.append(Issue("warning", "encoding_mixed", f"the file mixes encodings, each line was decoded "
                            f"by its own: {ranges}", field="encoding"))
    if not decoded.lossy:
        return issues
    return issues + [Issue("warning", "encoding_lossy",
                  f"some bytes were not valid {decoded.encoding} and were replaced", field="encoding")]
