"""Work queues: what waits for the user, with due dates; the next item opens in one click."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from workflow.models import DigestSubscription
from workflow.queue_pages import first_item, page, with_queue
from workflow.queues import BY_KEY, queues_for


def _queue(request, key: str):
    queue = BY_KEY.get(key)
    if queue is None:
        raise Http404
    if queue not in queues_for(request.user):
        raise PermissionDenied
    return queue


class QueueView(TemplateView):
    template_name = "workflow/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = _queue(self.request, kwargs["key"])
        found = page(self.request.user, queue, self.request.GET.get("page"))
        detail = {"queue": queue.key, "items": found.paginator.count, "page": found.number}
        # The payment accounts the page shows are bank details read: which ones, in the same event.
        shown = [item.bank_account for item in found if item.bank_account]
        if shown:
            detail["bank_accounts"] = shown
        record(actor=self.request.user, verb=Verb.VIEW, detail=detail, request=self.request)
        context.update(
            queue=queue,
            subscribed=DigestSubscription.objects.filter(user=self.request.user).exists(),
            queues=queues_for(self.request.user),
            can_set_handoffs=can(self.request.user, Action.SET_HANDOFFS),
            page=found,
            items=[(item, with_queue(item.url, queue.key)) for item in found],
        )
        return context


class QueueNextView(View):
    """The queue's most urgent item other than the one just handled (?apres=): one click from item to item."""

    def get(self, request, key):
        queue = _queue(request, key)
        found = first_item(request.user, queue, after=request.GET.get("apres", ""))
        if found is None:
            messages.info(request, _("La file « %(queue)s » est vide.") % {"queue": queue.label})
            return redirect("queues:queue", key=key)
        return redirect(with_queue(found.url, key))


class DigestView(View):
    """Subscribe to (or leave) the daily e-mail of one's late and at-risk items."""

    def post(self, request):
        if not queues_for(request.user):
            raise PermissionDenied
        wanted = request.POST.get("daily") == "on"
        if wanted:
            DigestSubscription.objects.get_or_create(user=request.user)
            messages.success(request, _("Vous recevrez chaque matin vos échéances en retard ou à risque."))
        else:
            DigestSubscription.objects.filter(user=request.user).delete()
            messages.success(request, _("Vous ne recevrez plus le résumé quotidien."))
        record(
            actor=request.user,
            verb=Verb.UPDATE,
            target=request.user,
            changes={"daily_digest": (not wanted, wanted)},
            request=request,
        )
        back = request.POST.get("back", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False)
        return redirect(back if back and safe else "files:my_files")
