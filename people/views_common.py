"""Pieces shared by the people screens: the editing frame and the handling of an edit conflict."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from access.policy import Action
from audit.selectors import author_name, last_change
from files.sections import FileSectionMixin
from people.forms import IdentityForm
from people.models import Person

IDENTITY_LABELS = {
    "last_name": gettext_lazy("Nom"),
    "first_names": gettext_lazy("Prénoms"),
    "national_number": gettext_lazy("Numéro national"),
    "birth_date": gettext_lazy("Date de naissance"),
    "sex": gettext_lazy("Sexe"),
    "nationality": gettext_lazy("Nationalité"),
    "residence_status": gettext_lazy("Statut de séjour"),
    "language": gettext_lazy("Langue"),
    "phone": gettext_lazy("Téléphone"),
    "email": gettext_lazy("E-mail"),
}


class FileEditView(FileSectionMixin, FormView):
    """A form on a file's page: needs the right to edit the file (403 if not, 404 if the file is hidden)."""

    action = Action.EDIT_FILE

    def section_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.section_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.section_url()
        return context


def identity_display(person: Person) -> dict[str, str]:
    """The identity fields of `person` as a colleague reads them on screen."""
    values = {
        "last_name": person.last_name,
        "first_names": person.first_names,
        "national_number": person.national_number_display,
        "birth_date": person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "",
        "sex": person.get_sex_display() if person.sex else "",
        "nationality": person.nationality.name if person.nationality else "",
        "residence_status": person.get_residence_status_display() if person.residence_status else "",
        "language": person.get_language_display() if person.language else "",
        "phone": person.phone,
        "email": person.email,
    }
    return {key: str(value or "") for key, value in values.items()}


def _original(posted) -> dict[str, str] | None:
    try:
        original = json.loads(posted.get("original") or "")
    except ValueError:
        return None
    return original if isinstance(original, dict) else None


def resolve_conflict(*, posted, typed: Person, saved: Person) -> tuple:
    """Form data to show again after an edit conflict, and what to tell the user about it.

    Fields the user changed keep what they typed. Fields they left alone take the value the colleague saved,
    so that sending the form again does not silently undo the colleague's work. Each field the colleague
    changed is listed: taken over, or in conflict with the user's own change (then the user's value stays in
    the form and both are shown). Without the snapshot of the opened form, everything typed is kept.
    """
    original = _original(posted)
    now = IdentityForm.shown_values(saved)
    saved_shown, typed_shown = identity_display(saved), identity_display(typed)
    data = posted.copy()
    rows = []
    for key, label in IDENTITY_LABELS.items():
        mine = (posted.get(key) or "").strip()
        if original is None:
            if saved_shown[key] != typed_shown[key]:
                rows.append(
                    {"label": label, "saved": saved_shown[key], "typed": typed_shown[key], "taken": False}
                )
            continue
        before = (original.get(key) or "").strip()
        if now[key] == before:
            continue  # the colleague did not touch this field
        if mine == before:
            data[key] = now[key]
            rows.append({"label": label, "saved": saved_shown[key], "typed": "", "taken": True})
        elif saved_shown[key] != typed_shown[key]:
            rows.append(
                {"label": label, "saved": saved_shown[key], "typed": typed_shown[key], "taken": False}
            )
    data["version"] = str(saved.version)
    data["original"] = json.dumps(now)

    change = last_change(saved)
    if change is not None:
        who = author_name(change)
        when = timezone.localtime(change.at)
    else:
        who = _("un(e) collègue")
        when = timezone.localtime(saved.updated_at)
    context = {
        "who": who,
        "date": when.strftime("%d/%m/%Y"),
        "time": when.strftime("%H:%M"),
        "taken": [row for row in rows if row["taken"]],
        "differences": [row for row in rows if not row["taken"]],
    }
    return data, context
