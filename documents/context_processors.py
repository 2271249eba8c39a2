from access.policy import Action, can
from documents.models import UnsortedPages


def intake(request):
    """For who files scans, the count of documents to sort in the top bar: one aggregate query, only when a
    page shows it."""
    user = request.user
    if not user.is_authenticated or not can(user, Action.FILE_SCANS):
        return {}
    return {"nav_unsorted": lambda: UnsortedPages.objects.count()}
