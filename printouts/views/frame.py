"""The frame of every printout of a file: the file through the access policy, then the printout's action."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.views import View

from access.policy import Action, can
from files import selectors


class FilePrintoutView(View):
    """Loads the URL's file as the file pages do (404 when not visible, 403 without `action`).

    `file_action` is the action under which the file is looked up: VIEW_FILE for copies of what the user reads
    on screen; the access report looks it up under its own action (the security adviser reads no file).
    """

    http_method_names = ["get"]
    action = Action.VIEW_FILE
    file_action = Action.VIEW_FILE

    def dispatch(self, request, *args, **kwargs):
        self.file = selectors.get_file(request.user, kwargs["file_pk"], self.file_action)
        if not can(request.user, self.action, self.file):
            raise PermissionDenied
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        """Load what the URL names inside the file (a report...) through the policy."""


def pdf_response(content, filename: str) -> HttpResponse:
    """A PDF shown in the browser's viewer, never kept in a shared cache."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


def file_slug(file) -> str:
    return file.reference.replace("/", "-")
