"""Work queues: what waits for the user, with due dates; the next item opens in one click."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from audit.services import Verb, record
from workflow.queues import BY_KEY, items, queues_for


def _queue(request, key: str):
    queue = BY_KEY.get(key)
    if queue is None:
        raise Http404
    if queue not in queues_for(request.user):
        raise PermissionDenied
    return queue


def with_queue(url: str, key: str) -> str:
    return f"{url}?{urlencode({'queue': key})}"


class QueueView(TemplateView):
    template_name = "workflow/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = _queue(self.request, kwargs["key"])
        found = items(self.request.user, queue)
        record(
            actor=self.request.user,
            verb=Verb.VIEW,
            detail={"queue": queue.key, "items": len(found)},
            request=self.request,
        )
        context.update(
            queue=queue,
            queues=queues_for(self.request.user),
            items=[(item, with_queue(item.url, queue.key)) for item in found],
        )
        return context


class QueueNextView(View):
    """The queue's first item (the one just handled has left it): one click from item to item."""

    def get(self, request, key):
        queue = _queue(request, key)
        found = items(request.user, queue)
        if not found:
            messages.info(request, _("La file « %(queue)s » est vide.") % {"queue": queue.label})
            return redirect("queues:queue", key=key)
        return redirect(with_queue(found[0].url, key))
