"""Decompression bombs: files of a few kilobytes whose pages declare far more pixels than a scan has (each
would take gigabytes once decoded). Built by writing the headers by hand, never by decoding anything big."""

import io
import struct
import zlib

from PIL import Image
from pypdf import PdfWriter


def png(width: int, height: int) -> bytes:
    """A 1 x 1 PNG whose header says width x height."""
    out = io.BytesIO()
    Image.new("L", (1, 1), 255).save(out, "PNG")
    data = bytearray(out.getvalue())
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def tiff(pages: list[Image.Image], huge_page: int, width: int, height: int) -> bytes:
    """A multi-page TIFF whose page `huge_page` (1-based) is a small black-and-white frame whose directory
    says width x height; the other pages are `pages`, as scanned."""
    frames = [*pages]
    frames.insert(huge_page - 1, Image.new("1", (16, 16), 1))
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
    data = bytearray(out.getvalue())
    assert data[:4] == b"II*\x00"
    (offset,) = struct.unpack_from("<I", data, 4)
    for _page in range(huge_page - 1):
        (count,) = struct.unpack_from("<H", data, offset)
        (offset,) = struct.unpack_from("<I", data, offset + 2 + 12 * count)
    (count,) = struct.unpack_from("<H", data, offset)
    for entry in range(offset + 2, offset + 2 + 12 * count, 12):
        tag, kind = struct.unpack_from("<HH", data, entry)
        if tag in (256, 257):  # ImageWidth, ImageLength
            value = width if tag == 256 else height
            struct.pack_into("<H" if kind == 3 else "<I", data, entry + 8, value)
    return bytes(data)


def pdf_page(width_pt: float, height_pt: float) -> bytes:
    """A one-page PDF whose page measures width_pt x height_pt points (an A4 page is 595 x 842)."""
    writer = PdfWriter()
    writer.add_blank_page(width_pt, height_pt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_image(width: int, height: int) -> bytes:
    """An A4 page that draws one image declaring width x height pixels (its data: a few compressed bytes)."""
    stream = zlib.compress(b"\x00" * 64)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (width, height, len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
