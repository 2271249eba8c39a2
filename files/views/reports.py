"""Rapports: social reports, home-visit reports and follow-up notes, with their confidentiality."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.policy import Action, can, may_edit_item
from config.concurrency import EditConflict
from config.forms import apply_service_errors
from files import selectors, services
from files.forms import ReportEditForm, ReportForm
from files.models import Report
from files.sections import FileSectionMixin, FileSectionView
from files.views.common import conflict_context


class ReportListView(FileSectionView):
    """The file's reports in pages, newest first, by kind: a long file costs what a short one does."""

    template_name = "files/reports.html"
    tab = "reports"
    action = Action.VIEW_REPORTS
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        kind = self.request.GET.get("type", "")
        if kind not in Report.Kind.values:
            kind = ""
        counts = selectors.report_counts(user, self.file)
        total = sum(counts.values())
        reports = selectors.visible_reports(user, self.file).defer("body")
        if kind:
            reports = reports.filter(kind=kind)
        paginator = Paginator(reports, self.per_page)
        paginator.count = counts[kind] if kind else total  # counted already: no COUNT query
        page = paginator.get_page(self.request.GET.get("page"))
        context["kind"] = kind
        context["kinds"] = [
            {"value": value, "label": label, "count": counts[value]} for value, label in Report.Kind.choices
        ]
        context["total"] = total
        context["page"] = page
        context["reports"] = page.object_list
        context["query"] = f"type={kind}&" if kind else ""
        context["can_write"] = can(user, Action.WRITE_REPORTS, self.file)
        return context


class ReportCreateView(FileSectionMixin, FormView):
    template_name = "files/report_form.html"
    tab = "reports"
    action = Action.WRITE_REPORTS
    form_class = ReportForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"file": self.file, "author": self.request.user}

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("type")
        if kind in Report.Kind.values:
            initial["kind"] = kind
        return initial

    def form_valid(self, form):
        try:
            report = services.write_report(actor=self.request.user, file=self.file, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(kind)s « %(title)s » enregistré.")
            % {"kind": report.get_kind_display(), "title": report.title},
        )
        return redirect("files:report_detail", pk=self.file.pk, report_pk=report.pk)


class ReportDetailView(FileSectionView):
    template_name = "files/report_detail.html"
    tab = "reports"
    action = Action.VIEW_REPORTS

    def load_objects(self) -> None:
        self.report = selectors.get_report(self.request.user, self.file, self.kwargs["report_pk"])

    def read_target(self):
        return self.report

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        sealed = self.report.confidentiality == Report.Confidentiality.SEALED
        context["sealed_readers"] = list(self.report.sealed_readers.order_by("last_name")) if sealed else []
        context["can_edit_report"] = may_edit_item(self.request.user, self.report)
        return context


class ReportEditView(FileSectionMixin, FormView):
    """Correct a report; if a colleague saved it in between, nothing is overwritten, both texts are shown."""

    template_name = "files/report_edit.html"
    tab = "reports"
    action = Action.WRITE_REPORTS
    form_class = ReportEditForm

    def dispatch(self, request, *args, **kwargs):
        self.conflict = None
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        self.report = selectors.get_report(self.request.user, self.file, self.kwargs["report_pk"])
        if not may_edit_item(self.request.user, self.report):
            raise PermissionDenied

    def read_target(self):
        return self.report

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"file": self.file, "author": self.report.author}

    def get_initial(self):
        return ReportEditForm.initial_for(self.report)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["conflict"] = self.conflict
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_report(
                actor=self.request.user,
                report=self.report,
                title=data["title"],
                body=data["body"],
                written_on=data["written_on"],
                confidentiality=data["confidentiality"],
                sealed_readers=data["sealed_readers"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            self.report = error.current
            form, self.conflict = conflict_context(
                error.current, self.request.POST, ReportEditForm, file=self.file, author=self.report.author
            )
            return self.render_to_response(self.get_context_data(form=form))
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Rapport « %(title)s » modifié.") % {"title": self.report.title})
        return redirect("files:report_detail", pk=self.file.pk, report_pk=self.report.pk)
