"""The browser printed a page (Ctrl+P): app.js tells us, so that paper copies are in the trail too."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST

from printouts import services


@require_POST
def browser_print(request):
    try:
        services.record_browser_print(actor=request.user, path=request.POST.get("path", ""), request=request)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages), content_type="text/plain; charset=utf-8")
    return HttpResponse(status=204)
