"""Scan the rendered PDF forms: clean and degraded page images, each with its golden.

Usage: python bench/render_scans.py [RENDERED] [OUT] [SAMPLE...]
       (defaults: samples/rendered, bench/scans, every sample with a `-pdf` rendering)

The scans live under bench/scans/, not samples/: OCR is measured by F1 against the
goldens (tests/test_scans.py, bench/eval_routes.py), not required to match them
exactly as tests/test_golden.py requires of samples/. Two samples' scans are committed
(`make fixtures`); bench/eval_routes.py renders all of them to a scratch folder.

Every page of `<sample>-pdf/<sample>.pdf` (bench/render_pdfs.py) is rasterised with
pypdfium2 at 200 dpi and written as:

- `<sample>-scan-clean/<sample>.tiff`: a multi-page black-and-white TIFF (CCITT
  group 4), as an office scanner files it for the archive;
- `<sample>-scan-degraded/<sample>.pdf`: a PDF of JPEG page images without a text
  layer, each page turned by up to 2 degrees, blurred, with sensor noise and specks,
  JPEG artefacts (quality 50), and a red round stamp over a cell of the indicator table
  on the form's last page;
- `<sample>-scan-mixed/<sample>.pdf` (first sample only): the text PDF with its second
  page replaced by that page's degraded scan, so the reader takes both routes.

The goldens are the PDF's (rows are counted per page the same way on a scan), with
`source_format` `image` for the TIFF. Everything is seeded by the sample's name, so a
re-run writes the same bytes. Needs Pillow, OpenCV, pypdfium2 (the `ocr` extra) and the
font of render_pdfs.py for the stamp, at render time only.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import re
import shutil
import sys
from pathlib import Path

import numpy as np

DPI = 200
JPEG_QUALITY = 50
MAX_ANGLE = 2.0
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
STAMP_TEXT = "绩效管理专用章"


def seeded(name: str, page: int) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha256(f"{name}:{page}".encode()).hexdigest()[:12], 16))


def rasterise(pdf_path: Path) -> list:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path.read_bytes())
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("RGB") for page in pdf]
    finally:
        pdf.close()


def stamp(image, rng: np.random.Generator, box: tuple[float, float, float, float]):
    """A red round seal (ring, star, text) multiplied over the image, centred in `box`."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    radius = int(DPI * 0.75)
    size = 2 * radius + 8
    seal = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(seal)
    red = (205, 30, 40)
    draw.ellipse((4, 4, size - 4, size - 4), outline=red, width=9)
    centre = size / 2
    star = [(centre + radius * 0.28 * math.cos(math.radians(90 + k * 36)) * (1 if k % 2 == 0 else 0.4),
             centre - radius * 0.28 * math.sin(math.radians(90 + k * 36)) * (1 if k % 2 == 0 else 0.4))
            for k in range(10)]
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(FONT_PATH, int(radius * 0.26))
    for k, ch in enumerate(STAMP_TEXT):
        angle = math.radians(200 - k * (220 / (len(STAMP_TEXT) - 1)))
        x = centre + radius * 0.72 * math.cos(angle)
        y = centre - radius * 0.72 * math.sin(angle)
        draw.text((x, y), ch, fill=red, font=font, anchor="mm")
    seal = seal.rotate(float(rng.uniform(-30, 30)), fillcolor="white", resample=Image.BICUBIC)
    x = int((box[0] + box[2]) / 2 * DPI / 72 - size / 2)
    y = int((box[1] + box[3]) / 2 * DPI / 72 - size / 2)
    region = image.crop((x, y, x + size, y + size))
    image.paste(ImageChops.multiply(region, seal), (x, y))
    return image


def degrade(image, rng: np.random.Generator):
    """Turned, blurred, noisy, specked: the page as a tired scanner gives it."""
    from PIL import Image, ImageFilter

    angle = float(rng.uniform(-MAX_ANGLE, MAX_ANGLE))
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor="white")
    image = image.filter(ImageFilter.GaussianBlur(0.7))
    pixels = np.asarray(image).astype(np.float32)
    pixels += rng.normal(0, 9, pixels.shape[:2])[:, :, None]
    specks = rng.random(pixels.shape[:2])
    pixels[specks < 0.0006] = 40
    pixels[specks > 0.9996] = 255
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), angle


def jpeg_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def images_to_pdf(jpegs: list[tuple[bytes, int, int]]) -> bytes:
    """A PDF of JPEG pages (no text layer), each page sized for DPI."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for data, width, height in jpegs:
        w, h = width * 72 / DPI, height * 72 / DPI
        image_id, content_id, page_id = len(objects) + 1, len(objects) + 2, len(objects) + 3
        content = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                       b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (width, height, len(data))
                       + data + b"\nendstream")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject "
                       b"<< /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (w, h, image_id, content_id))
        kids.append(page_id)
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                  + b"] /Count %d >>" % len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stamp_box(pdf_path: Path) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box in points) of the cell the stamp goes on: the target cell of a
    row near the bottom of the indicator table on the last page."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[-1]
        table = max(page.find_tables(), key=lambda t: t.bbox[3])
        row = table.rows[max(1, len(table.rows) - 3)]
        cell = [c for c in row.cells if c][-1]
        return len(pdf.pages) - 1, cell


def write_folder(folder: Path, name: str, data: bytes, expected: Path, source_format: str) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "expected").mkdir(parents=True)
    (folder / name).write_bytes(data)
    for gold in sorted(expected.iterdir()):
        text = gold.read_text(encoding="utf-8")
        if gold.name == "documents.json":
            text = json.dumps([dict(d, source_format=source_format) for d in json.loads(text)],
                              ensure_ascii=False, indent=1) + "\n"
        (folder / "expected" / gold.name).write_text(text, encoding="utf-8")


def render_sample(pdf_folder: Path, out: Path, mixed: bool) -> list[Path]:
    sample = pdf_folder.name.removesuffix("-pdf")
    pdf_path = pdf_folder / f"{sample}.pdf"
    pages = rasterise(pdf_path)
    expected = pdf_folder / "expected"
    written = []
    # clean: black-and-white multi-page TIFF
    bilevel = [page.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for page in pages]
    buffer = io.BytesIO()
    bilevel[0].save(buffer, "TIFF", compression="group4", save_all=True, append_images=bilevel[1:],
                    dpi=(DPI, DPI))
    write_folder(out / f"{sample}-scan-clean", f"{sample}.tiff", buffer.getvalue(), expected, "image")
    written.append(out / f"{sample}-scan-clean")
    # degraded: a PDF of JPEG pages, a stamp on the last page
    stamp_page, box = stamp_box(pdf_path)
    jpegs, angles = [], []
    for index, page in enumerate(pages):
        rng = seeded(sample, index)
        if index == stamp_page:
            page = stamp(page, rng, box)
        page, angle = degrade(page, rng)
        angles.append(angle)
        jpegs.append((jpeg_bytes(page), page.width, page.height))
    write_folder(out / f"{sample}-scan-degraded", f"{sample}.pdf", images_to_pdf(jpegs), expected, "pdf")
    written.append(out / f"{sample}-scan-degraded")
    print(f"{sample}: {len(pages)} pages, turned {', '.join(f'{a:+.2f}' for a in angles)} degrees")
    if mixed:
        written.append(write_mixed(sample, pdf_path, images_to_pdf(jpegs[1:2]), expected, out))
    return written


def write_mixed(sample: str, pdf_path: Path, scan_page: bytes, expected: Path, out: Path) -> Path:
    import pypdfium2

    text = pypdfium2.PdfDocument(pdf_path.read_bytes())
    scan = pypdfium2.PdfDocument(scan_page)
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(text, [0])
    mixed.import_pages(scan, [0])
    if len(text) > 2:   # (an empty list would import every page)
        mixed.import_pages(text, list(range(2, len(text))))
    buffer = io.BytesIO()
    mixed.save(buffer)
    for pdf in (mixed, scan, text):
        pdf.close()
    # pdfium writes the time and a random file ID; fixed ones (same lengths, so the
    # offsets hold) keep the bytes stable
    data = re.sub(rb"/ID\[<[0-9A-F]+><[0-9A-F]+>\]", lambda m: re.sub(rb"[0-9A-F](?=[0-9A-F]*>)", b"0", m.group()),
                  buffer.getvalue())
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20240101000000", data)
    folder = out / f"{sample}-scan-mixed"
    write_folder(folder, f"{sample}.pdf", data, expected, "pdf")
    return folder


def main(argv: list[str]) -> int:
    rendered = Path(argv[1]) if len(argv) > 1 else Path("samples/rendered")
    out = Path(argv[2]) if len(argv) > 2 else Path("bench/scans")
    chosen = set(argv[3:])
    folders = sorted(p for p in rendered.iterdir() if p.name.endswith("-pdf")
                     and (not chosen or p.name.removesuffix("-pdf") in chosen))
    for k, folder in enumerate(folders):
        render_sample(folder, out, mixed=k == 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
