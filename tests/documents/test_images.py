"""documents.images: photos and scanned images become PDF pages, upright, on white paper, one per frame."""

import io

import pikepdf
import pytest
from PIL import ExifTags, Image, ImageDraw, TiffImagePlugin

from documents import content_store, services
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


def camera_exif() -> Image.Exif:
    """What a phone writes in its photos: its make and model and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Fairphone"
    exif[ExifTags.Base.Model] = "FP5 de Madame Dupont"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update({1: "N", 2: (50.0, 27.0, 15.5), 3: "E", 4: (3.0, 57.0, 7.25)})  # Mons, rue de la Station
    return exif


CAMERA_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><Model>FP5 de Madame Dupont</Model></x:xmpmeta>'
CAMERA_TRACES = (b"Exif", b"Fairphone", b"Madame Dupont", b"Rue de la Station")


def camera_photo(image: Image.Image, kind: str, exif: Image.Exif, **params) -> bytes:
    if kind == "TIFF":  # Pillow writes a TIFF's GPS directory from its tags only
        tags = TiffImagePlugin.ImageFileDirectory_v2()
        tags.update(dict(exif))
        tags[ExifTags.IFD.GPSInfo] = exif.get_ifd(ExifTags.IFD.GPSInfo)
        params["tiffinfo"] = tags
    else:
        params["exif"] = exif
    data = encoded(image, kind, **params)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the position is there
    return data


def embedded_images(pdf: bytes) -> list[bytes]:
    """The image streams of the PDF's pages as stored (a JPEG's own bytes)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [
            bytes(image.read_raw_bytes()) for page in document.pages for image in page.get_images().values()
        ]


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


def test_an_upright_photo_keeps_its_pixels_but_not_where_it_was_taken():
    jpeg = camera_photo(
        band_on_top(), "JPEG", camera_exif(), xmp=CAMERA_XMP, comment=b"Rue de la Station 12", quality=80
    )
    pdf = image_to_pdf(jpeg + b"Rue de la Station 12, after the end of the picture")
    (embedded,) = embedded_images(pdf)
    assert not any(trace in pdf for trace in CAMERA_TRACES)
    # The same compressed pixels, not encoded again.
    assert jpeg.endswith(embedded[embedded.index(b"\xff\xda") :])
    picture = Image.open(io.BytesIO(embedded))
    assert picture.size == (300, 400) and not picture.getexif() and "xmp" not in picture.info
    page = rendered(pdf)
    top, bottom = (0, 0, page.width, page.height // 2), (0, page.height // 2, page.width, page.height)
    assert darkness(page, top) > 20 > darkness(page, bottom)  # still upright: the band on top


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "TIFF"])
def test_a_photo_encoded_again_leaves_its_metadata_behind(kind):
    exif = camera_exif()
    if kind == "JPEG":
        exif[ExifTags.Base.Orientation] = 6  # turned, so encoded again
        params = {"xmp": CAMERA_XMP, "comment": b"Rue de la Station 12"}
        image = band_on_top().transpose(Image.Transpose.ROTATE_90)
    else:
        params, image = {}, band_on_top()
    pdf = image_to_pdf(camera_photo(image, kind, exif, **params))
    assert not any(trace in pdf for trace in CAMERA_TRACES)
    for embedded in embedded_images(pdf):
        assert not any(trace in embedded for trace in CAMERA_TRACES)


def test_a_scan_whose_resolution_is_only_in_its_exif_keeps_the_size_of_the_paper():
    exif = Image.Exif()
    exif.update({ExifTags.Base.XResolution: 300, ExifTags.Base.YResolution: 300})
    exif[ExifTags.Base.ResolutionUnit] = 2  # inches
    jpeg = encoded(Image.new("L", (2480, 3508), 255), "JPEG", exif=exif)  # an A4 page at 300 dpi, no JFIF dpi
    assert Image.open(io.BytesIO(jpeg)).info["dpi"] == (300, 300)
    assert page_sizes_mm(image_to_pdf(jpeg)) == [(210, 297)]


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


@pytest.mark.django_db
def test_a_photo_added_to_a_file_is_stored_without_where_it_was_taken(worker, file, lease_type):
    jpeg = camera_photo(band_on_top(), "JPEG", camera_exif(), xmp=CAMERA_XMP, quality=80)
    document = services.add_document(
        user=worker, file=file, type=lease_type, data=jpeg, original_name="IMG_0042.jpg"
    )
    stored = content_store.read(document.current.original)
    assert stored.startswith(b"%PDF") and not any(trace in stored for trace in CAMERA_TRACES)
