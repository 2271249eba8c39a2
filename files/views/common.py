"""Pieces the file screens share."""

from django.http import QueryDict

from audit.selectors import author_name, last_change


def conflict_context(current, posted: QueryDict, form_class, **form_kwargs):
    """After an EditConflict: the user's typed values carrying the saved record's version, and who saved it.

    Returns (form, conflict): `form` shows again what the user typed, so that they can merge and send it
    again; `conflict` holds the record as saved now and the name of the colleague who saved it.
    """
    data = posted.copy()
    data["version"] = str(current.version)
    form = form_class(data=data, **form_kwargs)
    form.is_valid()
    change = last_change(current)
    return form, {"current": current, "editor": author_name(change) if change else ""}
