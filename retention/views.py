"""The security adviser's page of what is due for deletion or anonymisation, now and in the next 90 days."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from letters.models import Kind as LetterKind
from retention import selectors
from retention.selectors import Window

HORIZON_DAYS = 90
CATEGORIES = {"documents": _("Documents"), "lettres": _("Lettres"), "dossiers": _("Dossiers clôturés")}
PERIODS = {"echu": _("Échu"), "a-venir": _("Dans les 90 prochains jours")}  # HORIZON_DAYS


class DueView(TemplateView):
    """Grouped counts for both periods, then one list (category and period chosen) a page at a time, each row
    with its rule, dates and holds. Reading it is audited; it costs the same queries whatever the volume."""

    template_name = "retention/due.html"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.VIEW_RETENTION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        record(actor=request.user, verb=Verb.VIEW, detail={"security": "conservation"}, request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        windows = {"echu": Window.now(today), "a-venir": Window.coming(today, HORIZON_DAYS)}
        category = self.request.GET.get("quoi")
        category = category if category in CATEGORIES else "documents"
        period = self.request.GET.get("periode")
        period = period if period in PERIODS else "echu"
        types = selectors.document_types()
        rules = selectors.letter_rules()
        file_rule = selectors.file_rule()
        kinds = dict(LetterKind.choices)
        summary = []
        for key, window in windows.items():
            documents = (
                selectors.due_documents(window, types)
                .values("type__label")
                .annotate(count=Count("id"))
                .order_by("type__label")
            )
            letters = (
                selectors.due_letters(window, rules)
                .values("kind")
                .annotate(count=Count("id"))
                .order_by("kind")
            )
            summary.append(
                {
                    "key": key,
                    "label": PERIODS[key],
                    "documents": [(row["type__label"], row["count"]) for row in documents],
                    "letters": [(kinds.get(row["kind"], row["kind"]), row["count"]) for row in letters],
                    "files": selectors.due_files(window, file_rule).count(),
                }
            )
        window = windows[period]
        if category == "documents":
            rows = selectors.due_documents(window, types).select_related("file", "type")
            describe = partial(selectors.document_items, types={t.pk: t for t in types})
        elif category == "lettres":
            rows = selectors.due_letters(window, rules).select_related("file")
            describe = partial(selectors.letter_items, rules={r.key: r for r in rules})
        else:
            rows = selectors.due_files(window, file_rule)
            describe = partial(selectors.file_items, rule=file_rule)
        page = Paginator(rows, self.per_page).get_page(self.request.GET.get("page"))
        context.update(
            screen="conservation",
            title=_("Conservation"),
            summary=summary,
            categories=CATEGORIES,
            periods=PERIODS,
            category=category,
            period=period,
            page=page,
            items=selectors.with_holds(describe(page.object_list), today),
            file_rule=file_rule,
        )
        return context
