"""Decode the bytes of a text file whose encoding nobody told us.

Order: a byte-order mark decides; valid UTF-8 is UTF-8 (a strict decode cannot be
fooled); otherwise charset-normalizer, a maintained detector, picks the codec. Chinese
GB2312/GBK answers are widened to GB18030, their superset, so rare characters survive;
and since our forms are mainland Chinese, any East Asian answer (Big5, Shift-JIS …) is
overruled by GB18030: short texts fool the detector. A UTF-8 file with a few damaged
bytes stays UTF-8 (the damaged characters become U+FFFD and the document says so).
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
    best = from_bytes(data).best()
    codec = best.encoding if best else "gb18030"
    if codec in EAST_ASIAN:
        codec = "gb18030"
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return Decoded(data.decode("gb18030", errors="replace"), "gb18030", lossy=True)


def mostly_utf8(data: bytes) -> bool:
    """True when all but a few bytes form valid UTF-8 multi-byte text. GB18030 text is
    almost never valid UTF-8 beyond a character or two, so a handful of bad bytes among
    many good multi-byte sequences means damage, not another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 8 and bad <= max(2, good // 200)


def decoding_issues(decoded: Decoded) -> list[Issue]:
    """The warning a lossy decode leaves on the document; none when every byte decoded."""
    if not decoded.lossy:
        return []
    return [Issue("warning", "encoding_lossy",
                  f"some bytes were not valid {decoded.encoding} and were replaced", field="encoding")]
