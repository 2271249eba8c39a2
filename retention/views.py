"""The security adviser's page of what is due for deletion or anonymisation, now and in the next 90 days, and
the legal service's page of a file's legal holds."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from files.sections import FileSectionMixin
from letters.models import Kind as LetterKind
from retention import holds, selectors
from retention.forms import LiftHoldForm, PlaceHoldForm
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


class LegalHoldsView(FileSectionMixin, TemplateView):
    """The legal service places and lifts a file's legal holds (retention.holds, audited there); the holds
    of the file, current and past, with who placed and lifted them."""

    action = Action.HOLD_FILE
    tab = "legal_holds"
    template_name = "retention/legal_holds.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        failed = kwargs.get("lift_form")  # the lift form sent back with its errors
        rows = []
        for hold in self.file.legal_holds.select_related("set_by", "lifted_by"):
            form = None
            if hold.lifted_at is None:
                form = (
                    failed
                    if failed and failed.prefix == _lift_prefix(hold)
                    else LiftHoldForm(prefix=_lift_prefix(hold))
                )
            rows.append({"hold": hold, "applies": hold.applies_on(today), "lift_form": form})
        context.update(rows=rows, form=kwargs.get("form") or PlaceHoldForm())
        return context

    def post(self, request, *args, **kwargs):
        if "hold" in request.POST:
            return self.lift(request)
        form = PlaceHoldForm(request.POST)
        if form.is_valid():
            try:
                holds.place_hold(user=request.user, file=self.file, request=request, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Gel juridique posé : rien de ce dossier ne sera éliminé."))
                return redirect("retention:holds", self.file.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def lift(self, request):
        hold = get_object_or_404(self.file.legal_holds, pk=request.POST.get("hold"))
        form = LiftHoldForm(request.POST, prefix=_lift_prefix(hold))
        if form.is_valid():
            try:
                holds.lift_hold(
                    user=request.user, hold=hold, reason=form.cleaned_data["lift_reason"], request=request
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Gel juridique levé."))
                return redirect("retention:holds", self.file.pk)
        return self.render_to_response(self.get_context_data(lift_form=form), status=400)


def _lift_prefix(hold) -> str:
    return f"levee-{hold.pk}"
