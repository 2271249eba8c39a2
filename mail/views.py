"""Pages of the incoming mail: the register, the registration form, one mail with its scan and its moves."""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from documents.content_store import DamagedContent
from documents.content_store import read as read_content
from mail import rules, selectors, services
from mail.forms import AssignForm, FilterForm, LinkForm, RegisterForm, RouteForm
from search.selectors import search_files

PER_PAGE = 50


def may_see_register(user) -> bool:
    return rules.is_clerk(user) or can(user, Action.ASSIGN_MAIL)


class RegisterView(TemplateView):
    """Registre du courrier entrant, filtered and paginated (a fixed number of queries whatever its size)."""

    template_name = "mail/register.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_register(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        filters = selectors.Filters(
            state=data.get("state") or "",
            team_id=data["team"].pk if data.get("team") else None,
            assignee_id=data["agent"].pk if data.get("agent") else None,
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            text=data.get("q") or "",
        )
        page = Paginator(selectors.register(self.request.user, filters), PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        record(
            actor=self.request.user,
            verb=Verb.VIEW,
            detail={"section": "incoming_mail_register", "page": page.number, "rows": len(page.object_list)},
            request=self.request,
        )
        context.update(
            form=form, page=page, query=query.urlencode(), may_register=rules.is_clerk(self.request.user)
        )
        return context


class RegisterMailView(View):
    """The mail cell's form: sender, subject, scan, file (reference or name), service; then the next."""

    def dispatch(self, request, *args, **kwargs):
        if not rules.is_clerk(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "mail/register_form.html", {"form": RegisterForm(user=request.user)})

    def post(self, request):
        form = RegisterForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            scan = data["scan"]
            try:
                mail = services.register(
                    actor=request.user,
                    sender_name=data["sender_name"],
                    sender_address=data["sender_address"],
                    subject=data["subject"],
                    received_on=data["received_on"],
                    scan=scan.read() if scan else None,
                    scan_name=scan.name if scan else "",
                    file=data["file"],
                    team=data["team"],
                    request=request,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Courrier %(number)s enregistré.") % {"number": mail.number})
                return redirect("mail:new")
        return render(request, "mail/register_form.html", {"form": form}, status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def file_suggestions(request):
    """<option>s of the files matching what is typed in a "Dossier" field (audited as a search)."""
    if not can(request.user, Action.ADD_DOCUMENTS):  # the mail cell and whoever links a mail to a file
        raise PermissionDenied
    query = request.GET.get("file", "").strip()[:100]
    files = search_files(request.user, query).files[:8] if len(query) >= 3 else []
    if files:
        record(
            actor=request.user,
            verb=Verb.SEARCH,
            detail={"query": query, "results": len(files), "live": True, "section": "incoming_mail"},
            request=request,
        )
    return render(request, "mail/file_suggestions.html", {"files": files})


class MailView(TemplateView):
    """One mail: what the register holds, its scan (for those who may read it), and the moves the user may
    take now."""

    template_name = "mail/detail.html"

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mail = selectors.get_mail(user, kwargs["pk"])
        record(actor=user, verb=Verb.VIEW, target=mail, request=self.request)
        forms = forms or {}
        may = {
            "route": rules.may_route(user, mail) and mail.state in services.MOVES["route"].sources,
            "assign": rules.may_assign(user, mail) and mail.state in services.MOVES["assign"].sources,
            "handle": rules.may_handle(user, mail) and mail.state in services.MOVES["handle"].sources,
            "link": rules.handles(user, mail) and mail.state != services.State.FILED,
        }
        context.update(
            mail=mail,
            may=may,
            may_read=mail.content_id is not None and rules.may_read_content(user, mail),
            route_form=forms.get("route") or RouteForm(initial={"team": mail.team_id}),
            assign_form=forms.get("assign")
            or (AssignForm(agents=rules.assignable_agents(mail.team_id)) if may["assign"] else None),
            link_form=forms.get("link") or (LinkForm(user=user, mail=mail) if may["link"] else None),
        )
        return context


class MoveView(View):
    """One move on a mail (route, assign, handle, link or file); a refusal shows the page again with the
    French reason next to the form."""

    move = ""

    def post(self, request, pk):
        mail = selectors.get_mail(request.user, pk)
        form = self.form(request, mail)
        if form is None or form.is_valid():
            data = form.cleaned_data if form is not None else {}
            try:
                self.act(request, mail, data)
            except PermissionDenied:
                if form is None or "file" not in form.fields:
                    raise
                form.add_error("file", _("Vous ne pouvez pas ajouter de document à ce dossier."))
            except ValidationError as error:
                if form is None:
                    messages.error(request, " ".join(error.messages))
                    return redirect("mail:detail", pk=pk)
                _add_errors(form, error)
            else:
                return redirect("mail:detail", pk=pk)
        page = MailView()
        page.setup(request, pk=pk)
        return page.render_to_response(page.get_context_data(pk=pk, forms={self.move: form}), status=400)

    def form(self, request, mail):
        return None


class RouteView(MoveView):
    move = "route"

    def form(self, request, mail):
        return RouteForm(request.POST)

    def act(self, request, mail, data):
        services.route(actor=request.user, mail=mail, team=data["team"], request=request)
        messages.success(request, _("Courrier orienté vers %(team)s.") % {"team": data["team"].name})


class AssignView(MoveView):
    move = "assign"

    def form(self, request, mail):
        return AssignForm(request.POST, agents=rules.assignable_agents(mail.team_id or 0))

    def act(self, request, mail, data):
        services.assign(actor=request.user, mail=mail, agent=data["agent"], request=request)
        messages.success(request, _("Courrier attribué."))


class HandleView(MoveView):
    move = "handle"

    def act(self, request, mail, data):
        services.handle(actor=request.user, mail=mail, request=request)
        messages.success(request, _("Courrier marqué comme traité."))


class LinkView(MoveView):
    """Link to a file and request; with "classer", also file it (the scan becomes a document of the file)."""

    move = "link"

    def form(self, request, mail):
        return LinkForm(request.POST, user=request.user, mail=mail)

    def act(self, request, mail, data):
        if "classer" in request.POST:
            services.file_mail(
                actor=request.user, mail=mail, file=data["file"], aid_request=data["request"], request=request
            )
            messages.success(
                request, _("Courrier classé dans le dossier %(ref)s.") % {"ref": mail.file.reference}
            )
        else:
            services.link(
                actor=request.user, mail=mail, file=data["file"], aid_request=data["request"], request=request
            )
            messages.success(request, _("Courrier lié au dossier %(ref)s.") % {"ref": mail.file.reference})


# The mail's page shows the scan in a frame: this response alone may be framed, and only by our own pages.
@method_decorator(xframe_options_sameorigin, name="dispatch")
@method_decorator(csp_replace({"frame-ancestors": [SELF]}), name="dispatch")
class ContentView(View):
    """The scan, in the page's viewer or downloaded (?telecharger), checked against its SHA-256; audited."""

    def get(self, request, pk):
        mail = selectors.get_mail(request.user, pk)
        if mail.content_id is None:
            raise Http404
        if not rules.may_read_content(request.user, mail):
            raise PermissionDenied
        download = "telecharger" in request.GET
        try:
            data = read_content(mail.content)
        except DamagedContent as error:
            return HttpResponse(str(error), status=500, content_type="text/plain; charset=utf-8")
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD if download else Verb.VIEW,
            target=mail,
            detail={"content": mail.content.sha256[:12]},
            request=request,
        )
        response = HttpResponse(data, content_type="application/pdf")
        disposition = "attachment" if download else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{mail.number}.pdf"'
        return response
