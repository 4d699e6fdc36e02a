"""A corpus of hostile inputs, written deterministically: at least 200 per format formex
reads (text, Markdown, HTML, xlsx, docx, PDF, images).

    python -m tests.fuzz.corpus OUT [--per-format 200] [--seed 0]

Each file starts from a real form of its format (the seed sample as rendered under
`samples/rendered/`, or a small one built here) and is damaged one of the ways an
attacker, a broken exporter or a bad disk would: cut short, bytes flipped, junk spliced
in, a slice repeated; or given content built to hurt a parser: the adversarial strings
that made regexes quadratic or exponential, a 27-digit amount, control and bidi
characters, NUL bytes, two encodings, markup nested hundreds deep, spans of a million,
entity and zip bombs, XML that is not XML. The same seed gives the same bytes.

File names say the format, the case and the number (`html-0042-span-huge.html`), so a
failing row in a test names what was done to it.
"""
from __future__ import annotations

import argparse
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERED = ROOT / "samples" / "rendered"
SEED_NAME = "seed-shanghai-2026-unit-overall"
SEED_TEXT_FILE = ROOT / "samples" / SEED_NAME / "000_36305e3f8ca00a2f.txt"
FORMATS = ("txt", "md", "html", "xlsx", "docx", "pdf", "png")

# Strings that hurt a parser: each was, or could be, super-linear somewhere.
ADVERSARIAL = [
    "<p " * 20_000, "<a " * 10_000, "$" * 30_000, "$\\geq" * 8_000, "\\text{" * 8_000, "〇" * 40_000,
    "a1" + "O" * 40_000 + "b", "[" * 40_000, "<!--a-->" * 5_000, "<!--" * 10_000, "第 " * 20_000,
    " " * 60_000 + "x", "\u2003" * 40_000 + "x", "(" * 20_000 + "%", "1,000" * 10_000, "1 000" * 10_000,
    "≥<" * 20_000, "年" * 30_000, "**" * 20_000, "_" * 40_000, "&amp;" * 10_000, "&#" * 20_000,
    "|" * 30_000, "9" * 50_000, "{1}-" * 10_000,
]
# Values and characters that are not what a column or a terminal expects.
ODD_VALUES = [
    "234962720000000000000000000.00", "-0", "1e999999", "NaN", "∞", "9" * 400, "0." + "0" * 300 + "1",
    "\x00" * 64, "\x1b[31m\x1b]8;;http://evil.example/\x1b\\", "\u202e\u2066", "[/bold][red]", "\x9b2J",
    "\ufeff", "\ufffd" * 50, "𠀀𪚥" * 100, "\u0301" * 500, "=HYPERLINK(\"http://x\")", "#REF!", "\r\r\r",
]


def seed_bytes(suffix: str) -> bytes:
    if suffix == "txt":
        return SEED_TEXT_FILE.read_bytes()
    return (RENDERED / f"{SEED_NAME}-{suffix}" / f"{SEED_NAME}.{suffix}").read_bytes()


# ---------------------------------------------------------------- byte damage, any format
def cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(0, max(1, len(data)))]


def flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 3, 20, 200))):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def splice(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.randbytes(rng.choice((1, 16, 4096)))
    return data[:at] + junk + data[at:]


def repeat_slice(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data)))
    piece = data[start: start + rng.choice((1, 7, 300))] or b"x"
    return data[:start] + piece * min(2_000, 200_000 // len(piece)) + data[start:]


BYTE_DAMAGE: list[Callable] = [cut, flip, splice, repeat_slice]


def damage(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    how = rng.choice(BYTE_DAMAGE)
    return how.__name__.replace("_", "-"), how(rng, data)


# ---------------------------------------------------------------- text-like formats
def inject(rng: random.Random, text: str, pieces: list[str], count: int = 1) -> str:
    lines = text.split("\n")
    for _ in range(count):
        at = rng.randrange(len(lines))
        line = lines[at]
        cut_at = rng.randrange(len(line) + 1)
        lines[at] = line[:cut_at] + rng.choice(pieces) + line[cut_at:]
    return "\n".join(lines)


def text_case(rng: random.Random, base: str, suffix: str) -> tuple[str, bytes]:
    kind = rng.randrange(10)
    if kind == 0:
        return damage(rng, base.encode("utf-8"))
    if kind == 1:
        return "adversarial-alone", rng.choice(ADVERSARIAL).encode("utf-8")
    if kind == 2:   # a UTF-8 part and a GB18030 part, split anywhere
        at = rng.randrange(len(base))
        return "two-encodings", base[:at].encode("utf-8") + base[at:].encode("gb18030")
    if kind == 3:
        return "utf16-no-bom", base.encode("utf-16-le")
    if kind == 4:
        return "random-bytes", rng.randbytes(rng.choice((0, 1, 100, 5000)))
    if kind == 5:
        return "odd-values", inject(rng, base, ODD_VALUES, 5).encode("utf-8", "surrogatepass")
    if kind == 6:
        return "lone-surrogates", base.encode("utf-8")[:2000] + b"\xed\xa0\x80\xed\xbf\xbf" * 50
    return "adversarial-in-cell", inject(rng, base, ADVERSARIAL).encode("utf-8")


def markup_case(rng: random.Random, base: str) -> tuple[str, bytes] | None:
    """HTML (inside Markdown too) that hurts a tree builder or a span placer."""
    depth = rng.choice((50, 300, 1_000))
    cases = {
        "span-huge": base.replace("rowspan=\"", "rowspan=\"99999", 1).replace("colspan=\"", "colspan=\"9999", 1),
        "span-zero": base.replace("rowspan=\"", "rowspan=\"-0", 3),
        "tables-nested": base.replace("<td>", "<td>" + "<table><tr><td>" * depth, 1),
        "divs-nested": "<html><body>" + "<div>" * depth * 10 + "单位名称" + "</div>" * 10,
        "entity-bomb": "<html><body><table><tr><td>" + "&amp;" * 50_000 + "</td></tr></table>",
        "many-columns": "<table><tr>" + "<td>x</td>" * 20_000 + "</tr></table>",
        "unclosed-everything": base.replace(">", "", 200),
    }
    name = rng.choice(sorted(cases))
    return f"markup-{name}", cases[name].encode("utf-8")


def markdown_case(rng: random.Random, base: str) -> tuple[str, bytes]:
    cases = {
        "pipe-wide": "| " + " | ".join("x" * 3 for _ in range(5_000)) + " |\n|" + "---|" * 5_000 + "\n",
        "lists-nested": "".join("  " * i + "- 单位名称\n" for i in range(400)),
        "quotes-nested": ">" * 5_000 + " 单位名称\n",
        "pipes-only": "|\n" * 20_000,
        "page-markers": "{1}------\n" * 5_000 + base,
        "fences-unclosed": "```\n" + base,
    }
    name = rng.choice(sorted(cases))
    return f"md-{name}", cases[name].encode("utf-8")


def txt_corpus(rng, i):
    return text_case(rng, seed_bytes("txt").decode("utf-8"), "txt")


def md_corpus(rng, i):
    base = seed_bytes("md").decode("utf-8")
    return text_case(rng, base, "md") if i % 3 else (markdown_case(rng, base) if i % 2 else markup_case(rng, base))


def html_corpus(rng, i):
    base = seed_bytes("html").decode("utf-8")
    return text_case(rng, base, "html") if i % 2 else markup_case(rng, base)


# ---------------------------------------------------------------- office files
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                  + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(9))
                  + ']><x>&j;</x>')


def rezip(data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                target.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def xml_text_injected(rng: random.Random, body: bytes, tag: bytes) -> bytes:
    """A hostile string put into the first text element `tag` of an XML part."""
    piece = rng.choice(ADVERSARIAL[:8] + ODD_VALUES).replace("&", "&amp;").replace("<", "&lt;")
    piece = "".join(ch for ch in piece if ch in "\t\n\r" or ord(ch) >= 0x20)   # XML cannot hold the rest
    at = body.find(tag + b">")
    return body if at < 0 else body[: at + len(tag) + 1] + piece.encode("utf-8") + body[at + len(tag) + 1:]


def office_case(rng: random.Random, data: bytes, main: str, text_tag: bytes) -> tuple[str, bytes]:
    kind = rng.randrange(9)
    if kind <= 2:
        return damage(rng, data)
    if kind == 3:
        return "billion-laughs", rezip(data, lambda name, body: BILLION_LAUGHS.encode() if name == main else body)
    if kind == 4:
        return "not-xml", rezip(data, lambda name, body: body[: len(body) // 2] if name == main else body)
    if kind == 5:
        return "part-missing", rezip(data, lambda name, body: None if name in (main, "[Content_Types].xml") else body)
    if kind == 6:
        many = {f"customXml/fuzz{k}.xml": b"<a/>" for k in range(rng.choice((50, 2_100)))}
        return "many-parts", rezip(data, lambda name, body: body, many)
    if kind == 7:
        bomb = {"xl/media/zeros.bin": b"\0" * (8 * 2**20)}   # deflates ~1000:1
        return "zip-bomb-part", rezip(data, lambda name, body: body, bomb)
    return "hostile-text", rezip(data, lambda name, body: xml_text_injected(rng, body, text_tag)
                                 if name == main else body)


def xlsx_case(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.randrange(4)
    if kind == 0:
        merged = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
        return "merge-everything", rezip(data, lambda n, b: b.replace(b"</sheetData>", b"</sheetData>" + merged, 1)
                                         if n.startswith("xl/worksheets/sheet") else b)
    if kind == 1:
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return "cell-far-away", rezip(data, lambda n, b: b.replace(b"</sheetData>", far + b"</sheetData>", 1)
                                      if n.startswith("xl/worksheets/sheet") else b)
    if kind == 2:
        return "format-hostile", rezip(data, lambda n, b: b.replace(b'formatCode="', b'formatCode="' + b"[" * 5_000, 1)
                                       if n == "xl/styles.xml" else b)
    return office_case(rng, data, "xl/sharedStrings.xml", b"<t")


def xlsx_corpus(rng, i):
    return xlsx_case(rng, seed_bytes("xlsx")) if i % 2 else office_case(rng, seed_bytes("xlsx"),
                                                                        "xl/sharedStrings.xml", b"<t")


def docx_corpus(rng, i):
    data = seed_bytes("docx")
    if i % 4 == 1:
        grid = rng.choice((b'<w:gridSpan w:val="100000"/>', b'<w:gridSpan w:val="-5"/>', b'<w:vMerge/>' * 50))
        return "spans-hostile", rezip(data, lambda n, b: b.replace(b"<w:tcPr>", b"<w:tcPr>" + grid, 20)
                                      if n == "word/document.xml" else b)
    if i % 4 == 3:
        depth = rng.choice((50, 300))
        nest = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
        return "tables-nested", rezip(data, lambda n, b: b.replace(b"<w:body>", b"<w:body>" + nest, 1)
                                      if n == "word/document.xml" else b)
    return office_case(rng, data, "word/document.xml", b"<w:t")


# ---------------------------------------------------------------- PDFs
def build_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of the given object bodies (object 1 is the catalog), with a valid xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))
    return out.getvalue()


def small_pdf(content: bytes, pages: bytes = b"[3 0 R]", count: int = 1, media: bytes = b"[0 0 200 120]") -> bytes:
    """A one-page PDF, small enough that if its text is lost the OCR of its page is quick."""
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids %s /Count %d >>" % (pages, count),
                      b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 4 0 R >> >> "
                      b"/Contents 5 0 R >>" % media,
                      b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream])


TABLE_PAGE = (b"BT /F1 8 Tf 10 100 Td (Form) Tj ET\n"
              + b"".join(b"10 %d 180 0.5 re f\n" % y for y in (20, 50, 80))
              + b"".join(b"%d 20 0.5 60 re f\n" % x for x in (10, 100, 190))
              + b"BT /F1 8 Tf 20 60 Td (95%) Tj ET\n")


def pdf_corpus(rng, i):
    kind = i % 8
    if kind == 0:
        return "seed-cut", cut(rng, seed_bytes("pdf"))
    if kind == 1:
        return "loop-kids", small_pdf(TABLE_PAGE, pages=b"[2 0 R 3 0 R]", count=2)
    if kind == 2:
        return "count-huge", small_pdf(TABLE_PAGE, count=2_000_000_000)
    if kind == 3:
        ops = rng.choice((b"q " * 50_000, b"[" * 50_000, b"(" * 50_000, b"1 0 0 1 0 0 cm " * 30_000,
                          b"BT /F1 8 Tf (" + "単位".encode("utf-16-be") * 5_000 + b") Tj ET"))
        return "content-hostile", small_pdf(TABLE_PAGE + ops)
    if kind == 4:
        return "media-odd", small_pdf(TABLE_PAGE, media=rng.choice((b"[0 0 0 0]", b"[0 0 -5 1e30]", b"[]",
                                                                      b"[0 0 14400 14400]", b"/x")))
    return damage(rng, small_pdf(TABLE_PAGE))


# ---------------------------------------------------------------- images
def png(width: int, height: int, pixels: bytes | None = None) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = pixels if pixels is not None else b"".join(b"\0" + bytes([255] * width) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def image_corpus(rng, i):
    kind = i % 6
    if kind == 0:
        return "declared-huge", png(rng.choice((20_000, 65_535, 2**31 - 1)), rng.choice((20_000, 1, 2**31 - 1)),
                                    pixels=b"\0" * 100)
    if kind == 1:
        return "declared-empty", png(0, rng.choice((0, 10)), pixels=b"")
    if kind == 2:
        return "jpeg-junk", b"\xff\xd8\xff\xe0" + rng.randbytes(rng.choice((10, 2_000)))
    if kind == 3:
        return "tiff-junk", rng.choice((b"II*\x00", b"MM\x00*")) + rng.randbytes(rng.choice((10, 2_000)))
    return damage(rng, png(48, 24))


GENERATORS: dict[str, Callable] = {"txt": txt_corpus, "md": md_corpus, "html": html_corpus, "xlsx": xlsx_corpus,
                                   "docx": docx_corpus, "pdf": pdf_corpus, "png": image_corpus}


def write_corpus(folder: Path, per_format: int = 200, seed: int = 0) -> list[Path]:
    """Write `per_format` hostile files of every format into `folder`; the same seed
    writes the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for suffix in FORMATS:
        for i in range(per_format):
            rng = random.Random(f"{seed}-{suffix}-{i}")
            case, data = GENERATORS[suffix](rng, i)
            path = folder / f"{suffix}-{i:04d}-{case}.{suffix}"
            path.write_bytes(data)
            paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-format", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.per_format, args.seed)
    print(f"wrote {len(paths)} files ({sum(p.stat().st_size for p in paths) / 2**20:.1f} MiB) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
