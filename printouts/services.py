"""Recording printed copies and PDF exports in the audit trail (against parallel paper)."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from access.policy import visible_files
from audit.models import AuditEvent
from audit.services import Verb, record
from files.models import SocialFile

MAX_PATH = 500
# URL namespaces whose pages belong to one social file, and the keyword that names the file there.
FILE_PAGE_KEYWORDS = {"files": "pk", "people": "file_pk", "printouts": "file_pk"}


def record_printout(
    *, actor, verb: str, target: models.Model, file: SocialFile, what: str, request: HttpRequest
) -> AuditEvent:
    """A PDF of file content was made (Verb.PRINT) or a person's data exported (Verb.EXPORT)."""
    return record(
        actor=actor,
        verb=verb,
        target=target,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        detail={"what": what},
        request=request,
    )


def record_browser_print(*, actor, path: str, request: HttpRequest) -> AuditEvent:
    """The browser printed a page (Ctrl+P): the page's path, and its file when it is a page of a file."""
    path = (path or "").strip()[:MAX_PATH]
    if not path.startswith("/") or path.startswith("//"):
        raise ValidationError(_("Adresse de la page imprimée invalide."))
    file, report_pk = _file_of_page(actor, urlsplit(path).path)
    # A report's page names the report, so that Consultations can hide a sealed one from those it excludes.
    report = file.reports.filter(pk=report_pk).first() if file and report_pk else None
    return record(
        actor=actor,
        verb=Verb.PRINT,
        target=report or file,
        person_id=file.beneficiary_id if file else None,
        detail={"what": "page", "path": path},
        request=request,
    )


def _file_of_page(user, path: str) -> tuple[SocialFile | None, int | None]:
    """The file a page belongs to, only if `user` may see it (an address typed by hand names nothing), and
    the report the page shows, if any."""
    try:
        match = resolve(path)
    except Resolver404:
        return None, None
    keyword = FILE_PAGE_KEYWORDS.get(match.namespace)
    pk = match.kwargs.get(keyword) if keyword else None
    if pk is None:
        return None, None
    return visible_files(user).filter(pk=pk).first(), match.kwargs.get("report_pk")
