"""documents.upload_checks on real crafted files: what is kept (and how), and every refusal with its French
message saying what to do."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest
from PIL import Image, ImageFile

from documents.upload_checks import Checked, Refused, check_upload

Name = pikepdf.Name
JAVASCRIPT = "app.alert('Dossier social')"


def pdf_bytes(pages: int = 1, *, size=(595, 842), build=None, save: dict | None = None) -> bytes:
    """A born-digital PDF of `pages` A4 pages with a line of text each; `build(pdf)` may add to it."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for number in range(1, pages + 1):
        pdf.add_blank_page(page_size=size)
        page = pdf.pages[-1]
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(
            b"BT /F1 12 Tf 72 720 Td (Attestation de loyer, page %d) Tj ET" % number
        )
    if build is not None:
        build(pdf)
    out = io.BytesIO()
    pdf.save(out, **(save or {}))
    return out.getvalue()


def image_bytes(image_format: str, size=(800, 600), *, frames: int = 1, mode: str = "RGB") -> bytes:
    images = [Image.new(mode, size, "white") for _ in range(frames)]
    out = io.BytesIO()
    images[0].save(out, image_format, save_all=frames > 1, append_images=images[1:])
    return out.getvalue()


def every_object(pdf: pikepdf.Pdf):
    """Every dictionary of the PDF, indirect or held directly by another."""
    containers = pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array
    pending = [obj for obj in pdf.objects if isinstance(obj, containers)]
    while pending:
        obj = pending.pop()
        children = list(obj) if isinstance(obj, pikepdf.Array) else [obj[key] for key in obj.keys()]  # noqa: SIM118
        if not isinstance(obj, pikepdf.Array):
            yield obj
        pending.extend(child for child in children if isinstance(child, containers) and not child.is_indirect)


# --- kept ---------------------------------------------------------------------------------------------------


def test_a_born_digital_pdf_is_kept_byte_for_byte():
    data = pdf_bytes(3)

    assert check_upload(data, name="attestation.pdf") == Checked(
        data=data, mime_type="application/pdf", pages=3
    )


def test_opening_at_a_page_is_not_active_content():
    def open_at_second_page(pdf):
        pdf.Root.OpenAction = pikepdf.Array([pdf.pages[1].obj, Name.Fit])

    data = pdf_bytes(2, build=open_at_second_page)

    assert check_upload(data, name="releve.pdf").data == data


@pytest.mark.parametrize(
    ("image_format", "mime_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("TIFF", "image/tiff")]
)
def test_images_are_recognised_by_their_content(image_format, mime_type):
    data = image_bytes(image_format)

    checked = check_upload(data, name="photo du bail")

    assert (checked.mime_type, checked.pages) == (mime_type, 1)


def test_a_pdf_named_file_that_is_a_png_is_taken_for_the_png_it_is():
    data = image_bytes("PNG")

    assert check_upload(data, name="carte-identite.pdf").mime_type == "image/png"


def test_each_frame_of_a_tiff_is_a_page():
    assert check_upload(image_bytes("TIFF", frames=3), name="lot.tiff").pages == 3


# --- active content -----------------------------------------------------------------------------------------


def add_active_content(pdf: pikepdf.Pdf) -> None:
    """What a malicious PDF carries: JavaScript on opening, on a page and in the names, a link that launches a
    program, an attached executable (in the names and as an annotation), an XFA form with a scripted field;
    and what a harmless one has: a link to a web site and a link within the document."""

    def javascript():
        return pdf.make_indirect(pikepdf.Dictionary(S=Name.JavaScript, JS=pikepdf.String(JAVASCRIPT)))

    page = pdf.pages[0]
    second_page = pikepdf.Array([pdf.pages[1].obj, Name.Fit])
    pdf.Root.OpenAction = javascript()
    page.obj.AA = pikepdf.Dictionary(O=javascript())
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), javascript()]))
    )
    pdf.attachments["facture.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 not a real program")
    field = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=pikepdf.String("nom"),
            Rect=[72, 600, 300, 620], AA=pikepdf.Dictionary(K=javascript()),
        )
    )  # fmt: skip

    def link(action, y):
        return pdf.make_indirect(
            pikepdf.Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, y, 300, y + 20], A=action)
        )

    page.obj.Annots = pikepdf.Array(
        [
            link(pikepdf.Dictionary(S=Name.Launch, F=pikepdf.String("cmd.exe")), 500),
            link(pikepdf.Dictionary(S=Name.URI, URI=pikepdf.String("https://www.mi-is.be")), 450),
            link(pikepdf.Dictionary(S=Name.GoTo, D=second_page), 400),
            link(pikepdf.Dictionary(S=Name.GoTo, D=second_page, Next=javascript()), 350),
            pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[72, 300, 90, 320],
                    FS=pikepdf.Dictionary(Type=Name.Filespec, F=pikepdf.String("b.exe")),
                )
            ),
            field,
        ]
    )  # fmt: skip
    pdf.Root.AcroForm = pikepdf.Dictionary(
        Fields=pikepdf.Array([field]),
        XFA=pdf.make_stream(b"<xdp:xdp><script>xfa.host.messageBox(1)</script>"),
    )


def test_active_content_is_removed_and_the_rest_kept():
    data = pdf_bytes(2, build=add_active_content)

    checked = check_upload(data, name="facture.pdf")

    assert checked.data != data
    assert (checked.mime_type, checked.pages) == ("application/pdf", 2)
    with pikepdf.open(io.BytesIO(checked.data)) as kept:
        objects = list(every_object(kept))
        for key in ("/JS", "/AA", "/OpenAction", "/XFA", "/EmbeddedFiles", "/JavaScript"):
            assert not [obj for obj in objects if key in obj], key
        actions = [str(obj.S) for obj in objects if "/S" in obj and obj.get("/Type") != Name.Group]
        assert sorted(actions) == ["/GoTo", "/URI"]
        subtypes = [str(annotation.Subtype) for annotation in kept.pages[0].Annots]
        assert subtypes == ["/Link", "/Link", "/Link", "/Link", "/Widget"]
        assert not kept.attachments
        assert "Attestation de loyer, page 1" in kept.pages[0].Contents.read_bytes().decode()
        assert "/T" in kept.Root.AcroForm.Fields[0]  # the form's fields stay, without their scripts
    assert JAVASCRIPT.encode() not in checked.data


# --- refused ------------------------------------------------------------------------------------------------


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(Refused) as refused:
        check_upload(data, name=name)
    return str(refused.value)


def test_an_empty_file_is_refused():
    assert refusal(b"", "vide.pdf") == "Le fichier « vide.pdf » est vide."


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 2000

    message = refusal(pdf_bytes(1) + b" " * 2000, "gros.pdf")

    assert message.startswith("Le fichier « gros.pdf » dépasse 2,0")
    assert message.endswith(": envoyez-le en plusieurs fichiers.")


def test_a_pdf_over_the_page_limit_is_refused(settings):
    settings.UPLOAD_MAX_PAGES = 3

    assert refusal(pdf_bytes(4), "lot.pdf") == (
        "Le fichier « lot.pdf » compte 4 pages ; au plus 3 par fichier : envoyez-le en plusieurs fichiers."
    )


def test_a_tiff_over_the_page_limit_is_refused(settings):
    settings.UPLOAD_MAX_PAGES = 2

    assert "compte 3 pages ; au plus 2" in refusal(image_bytes("TIFF", frames=3), "lot.tif")


def test_a_pdf_without_pages_is_refused():
    assert refusal(pdf_bytes(0), "rien.pdf") == "Le PDF « rien.pdf » ne contient aucune page."


def test_a_jpg_named_program_is_refused_whatever_its_name():
    program = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(100) + b"This program cannot be run"
    )

    assert refusal(program, "photo.jpg") == (
        "Le fichier « photo.jpg » n'est ni un PDF ni une image JPEG, PNG ou TIFF (d'après son contenu, "
        "quel que soit son nom). Enregistrez ou scannez le document en PDF et envoyez-le à nouveau."
    )


def test_a_heic_photo_is_refused_with_the_way_to_send_jpeg():
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)

    message = refusal(heic, "IMG_0042.HEIC")

    assert message.startswith("La photo « IMG_0042.HEIC » est au format HEIC")
    assert "Envoyez-la en JPEG" in message


@pytest.mark.parametrize(
    "encryption",
    [
        pikepdf.Encryption(owner="proprietaire", user="secret"),
        pikepdf.Encryption(owner="proprietaire", user=""),
    ],
    ids=["password", "restrictions"],
)
def test_an_encrypted_pdf_is_refused(encryption):
    data = pdf_bytes(1, save={"encryption": encryption})

    assert refusal(data, "extrait.pdf") == (
        "Le PDF « extrait.pdf » est protégé (mot de passe ou restrictions) et ne peut pas être gardé ainsi. "
        "Ouvrez-le, choisissez Imprimer > « Enregistrer au format PDF », puis envoyez la copie obtenue."
    )


DAMAGED = (
    "est endommagé ou incomplet et n'a pas pu être lu. Ouvrez-le sur l'ordinateur pour le vérifier, puis "
    "envoyez-le à nouveau ou scannez le document."
)


@pytest.mark.parametrize("kept", [0.3, 0.6, 0.95])
def test_a_truncated_pdf_is_refused(kept):
    data = pdf_bytes(3)

    assert refusal(data[: int(len(data) * kept)], "coupe.pdf") == f"Le fichier « coupe.pdf » {DAMAGED}"


def test_a_pdf_with_a_damaged_page_is_refused():
    """Forty bytes garbled inside the compressed text of page 2: qpdf would read what it can and go on."""
    packed = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Attestation de loyer) Tj ET " * 50)
    garbled = packed[:20] + bytes(byte ^ 0x5A for byte in packed[20:60]) + packed[60:]

    def damage(pdf):
        pdf.pages[1].Contents = pikepdf.Stream(pdf, garbled)
        pdf.pages[1].Contents.Filter = Name.FlateDecode

    data = pdf_bytes(2, build=damage)

    assert refusal(data, "abime.pdf") == f"Le fichier « abime.pdf » {DAMAGED}"


def test_a_pdf_that_is_not_one_past_its_header_is_refused():
    assert refusal(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "faux.pdf").endswith(DAMAGED)


def test_a_truncated_jpeg_is_refused_even_where_pillow_was_told_to_tolerate_it(monkeypatch):
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it for the process
    data = image_bytes("JPEG", size=(1200, 900))

    assert refusal(data[: len(data) // 2], "photo.jpg") == f"Le fichier « photo.jpg » {DAMAGED}"


def test_a_png_with_a_damaged_chunk_is_refused():
    data = bytearray(image_bytes("PNG"))
    data[40] ^= 0xFF  # inside the image data: its checksum no longer matches

    assert refusal(bytes(data), "scan.png").endswith(DAMAGED)


BOMB = "deviendrait bien trop grand une fois ouvert"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [7000, 12000], ids=["over-the-budget", "over-pillow-s-own-limit"])
def test_a_png_bomb_is_refused(side):
    """A few kilobytes that decode to 49 or 144 million pixels (the budget is 35 million)."""
    data = image_bytes("PNG", size=(side, side), mode="1")
    assert len(data) < 100_000

    assert BOMB in refusal(data, "scan.png")


def test_a_pdf_image_declaring_absurd_dimensions_is_refused():
    def add_image(pdf):
        image = pdf.make_stream(b"\xff\xd8\xff\xd9")  # never decoded: the declared size refuses it
        image.Type, image.Subtype, image.Filter = Name.XObject, Name.Image, Name.DCTDecode
        image.Width, image.Height, image.ColorSpace, image.BitsPerComponent = 60000, 60000, Name.DeviceGray, 8
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(Im1=image)

    assert BOMB in refusal(pdf_bytes(1, build=add_image), "scan.pdf")


@pytest.mark.parametrize(
    ("size", "user_unit", "shown"), [((14400, 14400), 1, "5080 × 5080"), ((595, 842), 10, "2099 × 2970")]
)
def test_a_page_of_absurd_dimensions_is_refused(size, user_unit, shown):
    def scale(pdf):
        pdf.pages[0].obj.UserUnit = user_unit

    assert refusal(pdf_bytes(1, size=size, build=scale), "plan.pdf") == (
        f"La page 1 de « plan.pdf » mesure {shown} mm ; au plus 1200 mm de côté. Enregistrez le document au "
        "format A4 et envoyez-le à nouveau."
    )


def deflated_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_a_stream_that_inflates_past_a_page_of_pixels_is_refused():
    """A content stream of 2 MB that inflates to 200 MB (a page holds at most 140 MB of CMYK pixels)."""
    bomb = deflated_zeros(200)

    def add_bomb(pdf):
        pdf.pages[0].Contents = pikepdf.Stream(pdf, bomb)
        pdf.pages[0].Contents.Filter = Name.FlateDecode

    data = pdf_bytes(1, build=add_bomb)
    assert len(data) < 1_000_000

    assert BOMB in refusal(data, "releve.pdf")


def test_an_object_stream_that_inflates_past_its_limit_is_refused():
    """Objects packed in a stream that qpdf would inflate and parse whole: 20 MB once inflated."""
    packed = zlib.compress(b"2 0 << /Type /Catalog >>" + b" " * 20 * 1024 * 1024, 9)
    data = (
        b"%%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF\n"
    )

    assert BOMB in refusal(data, "objets.pdf")


def test_the_compressed_streams_of_a_pdf_are_held_to_a_total(settings):
    settings.UPLOAD_MAX_INFLATED_BYTES = 10 * 1024 * 1024
    parts = deflated_zeros(6)

    def add_streams(pdf):
        for page in pdf.pages:
            page.Contents = pikepdf.Stream(pdf, parts)
            page.Contents.Filter = Name.FlateDecode

    assert BOMB in refusal(pdf_bytes(2, build=add_streams), "lot.pdf")
    assert check_upload(pdf_bytes(1, build=add_streams), name="page.pdf").pages == 1
