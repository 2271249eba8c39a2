"""The security adviser's review of the audit trail: who read or changed what, when, from where."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from access.policy import Action, can
from audit import paging, selectors
from audit.forms import ReviewFilterForm
from audit.services import Verb, record
from files.models import SocialFile
from files.sections import describe_event


class ReviewView(TemplateView):
    template_name = "audit/review.html"
    per_page = 100

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.VIEW_AUDIT):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReviewFilterForm(self.request.GET or None)
        filters: dict = {}
        unknown_reference = False
        if form.is_valid():
            data = form.cleaned_data
            filters = {k: data[k] for k in ("username", "verb", "day_from", "day_to") if data.get(k)}
            if data["user"] is not None:
                filters["user_id"] = data["user"].pk
            if data["reference"]:
                files = SocialFile.objects.filter(reference=data["reference"].strip())
                filters["file_id"] = files.values_list("pk", flat=True).first() or -1
                unknown_reference = filters["file_id"] == -1
        events = selectors.review(self.request.user, **filters)
        if form.errors:
            events = events.none()
        page = paging.paginate(self.request, events, per_page=self.per_page)
        record(
            actor=self.request.user,
            verb=Verb.SEARCH,
            detail={"audit_review": {k: str(v) for k, v in filters.items()}},
            request=self.request,
        )
        ids = {event.file_id for event in page.object_list if event.file_id}
        references = dict(SocialFile.objects.filter(pk__in=ids).values_list("pk", "reference"))
        context.update(
            form=form,
            page=page,
            rows=[(e, references.get(e.file_id, ""), describe_event(e)) for e in page.object_list],
            unknown_reference=unknown_reference,
        )
        return context
