"""A JPEG without what a camera or a phone writes about the picture (EXIF: GPS position, device, date; XMP;
Photoshop/IPTC; comments; the extra pictures of a multi-picture file), its compressed pixels kept byte for
byte: the JPEG's segments are copied but for those. Kept: JFIF (resolution), the ICC colour profile and
Adobe's segment (colour transform), which the picture needs to show as it was taken.

No library already in the project rewrites a JPEG's segments without decoding it (Pillow decodes and encodes
again, losing quality), and the format's segment rules are short.
"""

from __future__ import annotations

import re

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
KEPT_APPLICATION_SEGMENTS = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and the restart markers carry no length
# After a scan's header, the compressed data runs to the next marker: 0xFF followed by neither a stuffed 0x00
# nor a restart marker (0xD0-0xD7); 0xFF may repeat as fill before a marker.
END_OF_SCAN = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


def without_metadata(data: bytes) -> bytes:
    """The JPEG `data` without its metadata segments, up to its end of image (a multi-picture file's other
    pictures follow it). Raises ValueError if the segments do not hold together."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    kept = [data[:2]]
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("JPEG segment expected")
        while position + 1 < len(data) and data[position + 1] == 0xFF:  # fill bytes
            position += 1
        if position + 1 >= len(data):
            break
        marker = data[position + 1]
        if marker == EOI:
            kept.append(b"\xff\xd9")
            break
        if marker in STANDALONE:
            kept.append(data[position : position + 2])
            position += 2
            continue
        end = position + 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if end > len(data) or end < position + 4:
            raise ValueError("JPEG segment length out of bounds")
        if _kept(marker, data[position + 4 : end]):
            kept.append(data[position:end])
        position = end
        if marker == SOS:
            found = END_OF_SCAN.search(data, position)
            scan_end = found.end() - 2 if found else len(data)  # a truncated file keeps what it has
            kept.append(data[position:scan_end])
            position = scan_end
    return b"".join(kept)


def _kept(marker: int, payload: bytes) -> bool:
    if marker == 0xFE:  # COM, a comment
        return False
    if 0xE0 <= marker <= 0xEF:  # APPn: an application's segment
        signature = KEPT_APPLICATION_SEGMENTS.get(marker)
        return signature is not None and payload.startswith(signature)
    return True
