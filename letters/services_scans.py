"""Returned copies: letters as a consumer of the documents intake (documents.intake, registered by
letters.apps). A part of a scanned pile that starts with a letter's QR code becomes that letter's returned
copy; pages left in "Documents à classer" are filed with the letter whose code the clerk types."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from access.policy import Action, visible_files
from audit.services import Verb, record
from files.models import FileEvent
from files.timeline import record_event
from letters.codes import normalise_code
from letters.models import Letter, ReturnedCopy


def known_codes(actor, codes: set[str]) -> set[str]:
    return set(_letters_for(actor).filter(code__in=codes).values_list("code", flat=True))


def file_pages(actor, code: str, pdf: bytes, known: dict, *, at, by_hand: bool, request=None) -> ReturnedCopy:
    """The pages as the returned copy of the letter `code` names (IntegrityError: these pages are filed)."""
    letter = _letter_typed(actor, code)
    copy = ReturnedCopy(
        letter=letter,
        pages=known["pages"],
        sha256=known["sha256"],
        original_name=known["name"],
        first_page=known["first_page"],
        by_hand=by_hand,
        uploaded_by=known.get("uploaded_by", actor),
        uploaded_at=at,
    )
    copy.pdf.save(f"{letter.code}-{known['sha256'][:12]}.pdf", ContentFile(pdf), save=False)
    copy.save()
    # The social worker sees on the timeline that the signed or returned copy came back, and when.
    record_event(
        file=letter.file,
        kind=FileEvent.Kind.LETTER_RETURNED,
        summary=_("%(kind)s %(code)s : copie reçue et classée (%(pages)d page(s))")
        % {"kind": letter.get_kind_display(), "code": letter.code, "pages": copy.pages},
        author=actor,
    )
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=copy,
        file_id=letter.file_id,
        person_id=letter.file.beneficiary_id,
        detail={
            "letter": letter.code,
            "pages": copy.pages,
            "sha256": copy.sha256,
            "original_name": copy.original_name,
            "by_hand": by_hand,
        },
        request=request,
    )
    return copy


def copy_kept(sha256: str) -> str:
    """Where these very pages are filed already as a returned copy, in French, else ""."""
    copy = ReturnedCopy.objects.filter(sha256=sha256).select_related("letter").first()
    if copy is None:
        return ""
    return _(
        "déjà classées le %(day)s avec la lettre %(code)s ; elles ne sont pas classées une seconde fois."
    ) % {
        "day": date_format(timezone.localtime(copy.uploaded_at)),
        "code": copy.letter.code,
    }


def _letter_typed(actor, code: str) -> Letter:
    """The letter of a code read or typed (the intake checked it is a letter's code), or a ValidationError
    in French when no letter the actor may file into bears it."""
    code = normalise_code(code)
    letter = _letters_for(actor).filter(code=code).select_related("file").first()
    if letter is None:
        raise ValidationError(_("Aucune lettre ne porte l'identifiant %(code)s.") % {"code": code})
    return letter


def _letters_for(actor):
    return Letter.objects.filter(file__in=visible_files(actor, Action.FILE_SCANS))
