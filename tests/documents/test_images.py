"""documents.images: photos and scanned images become PDF pages, upright, on white paper, one per frame."""

import io

import pytest
from PIL import Image, ImageDraw

from documents.images import UnreadableImage, image_to_pdf
from tests.documents import scans
from tests.documents.pdfs import page_sizes_mm, rendered


def encoded(image: Image.Image, kind: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **params)
    return out.getvalue()


def band_on_top(size=(300, 400)) -> Image.Image:
    """A portrait picture, white with a black band along its top edge."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle([0, 0, size[0], size[1] // 8], fill="black")
    return image


def darkness(page: Image.Image, box) -> float:
    region = page.crop(box)
    return 255 - sum(region.get_flattened_data()) / (region.width * region.height)


def test_a_phone_photo_becomes_an_a4_page_in_its_own_orientation():
    photo = Image.effect_noise((4032, 3024), 40).convert("RGB")  # landscape, 72 dpi: a phone's
    pdf = image_to_pdf(encoded(photo, "JPEG", quality=70, dpi=(72, 72)))
    assert page_sizes_mm(pdf) == [(297, 210)]


def test_a_page_scanned_at_300_dpi_keeps_the_size_of_the_paper():
    pdf = image_to_pdf(scans.scan_image([scans.text_page(scans.LEASE)], "PNG"))
    ((width, height),) = page_sizes_mm(pdf)
    assert 205 <= width <= 225 and 292 <= height <= 312  # A4, a little larger once turned by the scanner


def test_the_exif_orientation_is_applied():
    upright = band_on_top()
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # the camera stored it on its side…
    exif = Image.Exif()
    exif[0x0112] = 6  # … and said to turn it by 90° clockwise to show it
    pdf = image_to_pdf(encoded(stored, "JPEG", exif=exif, dpi=(72, 72)))
    page = rendered(pdf)
    assert page.height > page.width
    top, bottom = (0, 0, page.width, page.height // 2), (0, page.height // 2, page.width, page.height)
    assert darkness(page, top) > 20 > darkness(page, bottom)  # the band is on top


def test_a_transparent_png_is_put_on_white_paper():
    image = Image.new("RGBA", (300, 400), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([0, 0, 300, 50], fill=(0, 0, 0, 255))
    page = rendered(image_to_pdf(encoded(image, "PNG", dpi=(150, 150))))
    assert darkness(page, (0, page.height // 2, page.width, page.height)) < 5  # white, not black
    assert darkness(page, (0, 0, page.width, page.height // 10)) > 200


def test_each_frame_of_a_tiff_is_a_page():
    pages = [scans.text_page([f"Page {number}"]) for number in (1, 2, 3)]
    pdf = image_to_pdf(scans.scan_image(pages, "TIFF"))
    assert len(page_sizes_mm(pdf)) == 3


def test_an_upright_jpeg_is_embedded_as_it_is():
    jpeg = encoded(band_on_top(), "JPEG", quality=80, dpi=(200, 200))
    assert jpeg in image_to_pdf(jpeg)  # not encoded again: no quality lost


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + bytes(100), "n'est pas une image JPEG, PNG ou TIFF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "elle est peut-être endommagée"),
    ],
)
def test_what_is_not_an_image_we_take_is_refused_in_french(data, message):
    with pytest.raises(UnreadableImage, match=message):
        image_to_pdf(data)


def test_an_image_over_the_pixel_budget_is_refused(settings):
    settings.SCAN_MAX_PIXELS = 100 * 100
    with pytest.raises(UnreadableImage, match="trop grande \\(200 × 200 pixels\\)"):
        image_to_pdf(encoded(Image.new("L", (200, 200), 255), "PNG"))
