"""The words the trail's readers see for what was printed or exported (the trail itself keeps short codes)."""

from django.utils.translation import gettext_lazy as _

PRINTED = {
    "file": _("Dossier complet (PDF)"),
    "report": _("Rapport (PDF)"),
    "page": _("Page imprimée depuis le navigateur"),
    "access_report": _("Rapport d'accès RGPD, art. 15 (PDF)"),
}


def printed_label(event) -> str:
    """What a print or export event produced, in the user's words ("" when the event does not say)."""
    detail = event.detail
    if detail.get("what"):
        label = str(PRINTED.get(detail["what"], detail["what"]))
        return f"{label} : {detail['path']}" if detail.get("path") else label
    return str(detail.get("export", ""))
