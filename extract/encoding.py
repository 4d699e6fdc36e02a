"""Decode the bytes of a text file whose encoding nobody told us.

Order: a byte-order mark decides; valid UTF-8 is UTF-8 (a strict decode cannot be
fooled); otherwise charset-normalizer, a maintained detector, picks the codec. Chinese
GB2312/GBK answers are widened to GB18030, their superset, so rare characters survive;
and since our forms are mainland Chinese, any East Asian answer (Big5, Shift-JIS …) is
overruled by GB18030 when the bytes are valid GB18030: short texts fool the detector.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

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
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(codec, errors="replace"), codec)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    codec = best.encoding if best else "gb18030"
    if codec in EAST_ASIAN:
        codec = "gb18030"
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return Decoded(data.decode("gb18030", errors="replace"), "gb18030", lossy=True)
