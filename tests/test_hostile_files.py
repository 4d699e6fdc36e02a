"""Hostile PDFs and images never crash a batch: each ends as a `failed` or `partial`
documents row with one sentence a person understands, within the reader's limits
(formex.extract.limits). The files are built here, byte by byte."""
from __future__ import annotations

import struct
import time
import zlib

import pytest
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.extract.errors import ExtractError
from formex.extract.limits import LimitsInvalid, resolve_limits
from formex.extract.readers import read_document
from tests.fuzz.corpus import build_pdf
from tests.test_routes import RENDERED

SEED_PDF = RENDERED / "seed-shanghai-2026-unit-overall-pdf" / "seed-shanghai-2026-unit-overall.pdf"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data, extra = zlib.compress(data), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page_pdf(content: bytes, compress: bool = False, media: bytes = b"[0 0 595 842]",
                 resources: bytes = b"<< /Font << /F1 4 0 R >> >>", extra: list[bytes] = (),
                 trailer: bytes = b"") -> bytes:
    return build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents 5 0 R >>"
                      % (media, resources),
                      FONT, stream(content, compress=compress), *extra], trailer)


def zeros_deflated(size: int) -> bytes:
    """zlib data that inflates to `size` zero bytes, made without holding them."""
    packer = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + packer.flush()


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds one tiny IDAT: what a decoder must refuse
    before it allocates."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""))


def fails_with(data: bytes, name: str, *words: str, limits=None) -> str:
    with pytest.raises(ExtractError) as caught:
        read_document(data, name, limits=limits)
    message = str(caught.value)
    assert message.startswith(name + ": ") and "\n" not in message
    for word in words:
        assert word in message, message
    return message


def test_password_protected():
    # an /Encrypt dictionary whose user password is not empty: nobody can open it without it
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32)
    data = one_page_pdf(b"BT /F1 12 Tf 72 720 Td (secret) Tj ET", extra=[encrypt],
                        trailer=b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> "
                                b"<0123456789abcdef0123456789abcdef>] ")
    fails_with(data, "locked.pdf", "password")


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.95])
def test_truncated(keep):
    data = SEED_PDF.read_bytes()
    fails_with(data[: int(len(data) * keep)], "cut.pdf", "damaged or cut short")


def test_zero_pages():
    data = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    fails_with(data, "empty.pdf", "no pages")


def test_not_a_pdf_after_its_header():
    fails_with(b"%PDF-1.7\n" + bytes(range(256)) * 20, "junk.pdf", "not a readable PDF")


def test_a_content_bomb_is_refused_before_parsing():
    # CPU time of this process: wall time failed the test when other work loaded the machine
    started = time.process_time()
    bomb = one_page_pdf(b"", extra=[stream(zeros_deflated(300 * 2**20), compress=False,
                                           extra=b" /Filter /FlateDecode")])
    assert len(bomb) < 1024 * 1024
    fails_with(bomb, "bomb.pdf", "PDF bomb")
    assert time.process_time() - started < 10


def test_a_page_of_tiny_objects_is_read_within_the_limits():
    boxes = b"".join(b"%d %d 1 1 re S\n" % (k % 500, k // 500) for k in range(3000))
    data = one_page_pdf(b"BT /F1 12 Tf 72 800 Td (Form) Tj ET\n" + boxes, compress=True)
    doc = read_document(data, "dust.pdf", limits={"max_page_shapes": 1000})
    assert [c.text for row in doc.rows for c in row.cells] == ["Form"]
    (issue,) = [i for i in doc.issues if i.code == "page_unread"]
    assert issue.severity == "error" and "3,000 lines and boxes" in issue.message


def test_a_page_whose_drawing_is_too_large_is_skipped_and_said():
    boxes = b"".join(b"%d %d 1 1 re S\n" % (k % 500, k // 500) for k in range(200_000))
    data = one_page_pdf(boxes, compress=True)
    started = time.process_time()
    message = fails_with(data, "dust.pdf", "page 1 was not read", "MiB")
    assert time.process_time() - started < 5, "refused before pdfminer parses the page"
    assert "drawing instructions" in message


def test_too_many_pages_are_cut_with_a_warning():
    kids = b" ".join(b"%d 0 R" % (4 + k) for k in range(5))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
             b"/Contents %d 0 R >>" % (9 + k) for k in range(5)]
    contents = [stream(b"BT /F1 12 Tf 72 720 Td (page %d) Tj ET" % (k + 1)) for k in range(5)]
    data = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count 5 >>" % kids,
                      FONT, *pages, *contents])
    doc = read_document(data, "long.pdf", limits={"max_pages": 2})
    assert [row.cells[0].text for row in doc.rows] == ["page 1", "page 2"]
    (cut,) = [i for i in doc.issues if i.code == "content_cut"]
    assert "pages from 3 on were not read (of 5)" in cut.message


def test_a_huge_image_is_refused_from_its_header():
    started = time.process_time()
    fails_with(png_header(20_000, 20_000), "huge.png", "400,000,000 pixels", "not read")
    fails_with(png_header(9_000, 9_000), "large.png", "9,000 x 9,000 pixels", "not read")
    assert time.process_time() - started < 1


def test_damaged_images():
    fails_with(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "broken.png", "not a readable image")
    cut = png_header(400, 300)[:-30]
    fails_with(cut, "cut.png", "not a readable image")


def test_limits_are_validated():
    with pytest.raises(LimitsInvalid, match="unknown read limit 'pages'"):
        resolve_limits({"pages": 3})
    with pytest.raises(LimitsInvalid, match="max_pages must be a positive number"):
        resolve_limits({"max_pages": 0})


def test_hostile_files_end_as_rows_of_a_batch(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-form.pdf").write_bytes(SEED_PDF.read_bytes())
    (inputs / "b-cut.pdf").write_bytes(SEED_PDF.read_bytes()[:5000])
    (inputs / "c-empty.pdf").write_bytes(build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                    b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    (inputs / "d-huge.png").write_bytes(png_header(20_000, 20_000))
    (inputs / "e-bomb.pdf").write_bytes(one_page_pdf(b"", extra=[stream(zeros_deflated(300 * 2**20),
                                                                        extra=b" /Filter /FlateDecode")]))
    (inputs / "f-pdf-named.txt").write_bytes(SEED_PDF.read_bytes() + b"% other bytes, same form\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 1, result.output  # some documents failed, the rest loaded
    docs = read(out)["documents"].set_index("source_path")
    assert docs["status"].to_dict() == {"a-form.pdf": "ok", "b-cut.pdf": "failed", "c-empty.pdf": "failed",
                                        "d-huge.png": "failed", "e-bomb.pdf": "failed",
                                        "f-pdf-named.txt": "ok"}
    assert docs.loc["f-pdf-named.txt", "source_format"] == "pdf"
    for name in ("b-cut.pdf", "c-empty.pdf", "d-huge.png", "e-bomb.pdf"):
        assert "internal error" not in docs.loc[name, "error"]


def test_a_giant_scanned_page_is_rendered_within_the_pixel_limit():
    pytest.importorskip("rapidocr")
    data = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>",
                      stream(b"0 0 100 100 re f")])
    doc = read_document(data, "poster.pdf", limits={"max_image_pixels": 1_000_000})
    messages = [i.message for i in doc.issues if i.code == "page_ocr"]
    assert any("200 x 200 inches; it was rendered at 5 dpi" in m for m in messages), messages
    assert [i.code for i in doc.issues if i.severity != "info"] == ["page_no_table"]
