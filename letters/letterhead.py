"""What every letter prints about its sender and the law: the letterhead, the addressee's form of address and
the legal texts in force on the letter's date. Reads only (the admin edits Letterhead and LegalText)."""

from __future__ import annotations

import base64
import datetime
import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from letters.models import LegalText, Letterhead

# Media files are not fetched by the PDF renderer (printouts.pdf.LocalFetcher): the logo goes in as data.
MAX_LOGO_BYTES = 2_000_000


@dataclass(frozen=True)
class Sender:
    name: str
    address_lines: list[str]
    place: str
    phone: str
    email: str
    logo: str  # a data: URL, or ""
    president_name: str
    president_title: str
    director_name: str
    director_title: str

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "logo"}


def sender() -> Sender:
    """The admin's letterhead, its empty fields filled from the settings."""
    row = Letterhead.objects.filter(pk=1).first() or Letterhead()
    address = row.address or getattr(settings, "CPAS_ADDRESS", "")
    return Sender(
        name=row.name or settings.CPAS_NAME,
        address_lines=[line.strip() for line in address.splitlines() if line.strip()],
        place=row.place or getattr(settings, "CPAS_PLACE", ""),
        phone=row.phone,
        email=row.email,
        logo=_logo(row),
        president_name=row.president_name or getattr(settings, "CPAS_PRESIDENT_NAME", ""),
        president_title=row.president_title or _("Le Président"),
        director_name=row.director_name or getattr(settings, "CPAS_DIRECTOR_NAME", ""),
        director_title=row.director_title or _("Le Directeur général"),
    )


def _logo(row: Letterhead) -> str:
    if not row.logo:
        return ""
    try:
        with row.logo.open("rb") as image:
            data = image.read(MAX_LOGO_BYTES + 1)
    except OSError:
        return ""
    if len(data) > MAX_LOGO_BYTES:
        return ""
    kind = mimetypes.guess_type(row.logo.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def legal_text(key: str, day: datetime.date) -> LegalText | None:
    """The version of an article in force on `day` (the letter's date)."""
    return (
        LegalText.objects.filter(key=key, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class Address:
    """How the letter addresses its reader, from the person's sex; neutral when it is not known."""

    title: str  # before the name on the envelope: "Madame", "Monsieur" or nothing
    salutation: str  # "Madame", "Monsieur", "Madame, Monsieur"
    female: bool
    male: bool

    @property
    def e(self) -> str:
        """The feminine ending of a past participle about the reader ("informée"), "" otherwise."""
        return "e" if self.female else ""


def form_of_address(sex: str) -> Address:
    if sex == "F":
        return Address(_("Madame"), _("Madame"), True, False)
    if sex == "M":
        return Address(_("Monsieur"), _("Monsieur"), False, True)
    return Address("", _("Madame, Monsieur"), False, False)
