"""Meeting screens: calendar, agenda, paperless session, and their documents. Each view declares its action
and asks the access policy; the services check again and write the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from committee import recusals, rules, selectors, services, signing
from committee.forms import AttendanceForm, DecisionForm, MeetingForm, RecusalForm
from committee.models import AgendaItem, Meeting
from printouts.pdf import render_pdf
from printouts.views.frame import pdf_response
from workflow.declaration import State, in_session_from
from workflow.models import Decision
from workflow.notification import render_notification
from workflow.services import StepConflict


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


class MeetingMixin:
    """Checks the view's action (no file: meetings belong to a body) and loads the meeting."""

    action = Action.ATTEND_MEETING

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.action):
            raise PermissionDenied
        if "pk" in kwargs:
            # A meeting of a body the user does not sit in answers like a missing one.
            self.meeting = get_object_or_404(selectors.meetings_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class CalendarView(MeetingMixin, TemplateView):
    template_name = "committee/calendar.html"

    def get_context_data(self, **kwargs):
        manage = can(self.request.user, Action.MANAGE_MEETINGS)
        kwargs.setdefault("form", MeetingForm() if manage else None)
        return super().get_context_data(meetings=selectors.meetings_for(self.request.user), **kwargs)

    def post(self, request):
        if not can(request.user, Action.MANAGE_MEETINGS):
            raise PermissionDenied
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = services.plan_meeting(actor=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Séance prévue : %(meeting)s.") % {"meeting": meeting})
                return redirect("committee:meeting", pk=meeting.pk)
        return self.render_to_response(self.get_context_data(form=form))


# Stands for an item's key in a URL reversed once for the whole agenda: no other part of the URL holds it.
_ITEM_SLOT = 4_611_686_018_427_387_904


def _item_url(name: str, meeting: Meeting):
    """A function giving the meeting's URL `name` for an item key: reverse() once rather than per item, as a
    300-item agenda would otherwise resolve 1,200 URLs."""
    head, tail = reverse(name, args=[meeting.pk, _ITEM_SLOT]).split(str(_ITEM_SLOT))
    return lambda key: f"{head}{key}{tail}"


class MeetingView(MeetingMixin, TemplateView):
    template_name = "committee/meeting.html"

    def get_context_data(self, **kwargs):
        user, meeting = self.request.user, self.meeting
        present, members, reached = rules.quorum(meeting)
        record(actor=user, verb=Verb.VIEW, target=meeting, request=self.request)
        manage = can(user, Action.MANAGE_MEETINGS)
        recorder = rules.may_record(user, meeting)
        items = selectors.agenda_overview(meeting)
        edit_agenda = manage and meeting.editable_agenda
        self.add_links(items, editable=edit_agenda)
        return super().get_context_data(
            meeting=meeting,
            items=items,
            manage=manage,
            recorder=recorder,
            edit_agenda=edit_agenda,
            record_session=recorder and meeting.status == Meeting.Status.IN_SESSION,
            quorum={"present": present, "members": members, "reached": reached},
            attendance=AttendanceForm(body=meeting.body, initial={"present": meeting.present.all()}),
            unsigned=[signing.ROLE_LABELS[role] for role in signing.unsigned_roles()],
            to_ratify=services.urgent_to_ratify(meeting)
            if meeting.status == Meeting.Status.IN_SESSION
            else [],
            **kwargs,
        )

    def add_links(self, items: list[AgendaItem], *, editable: bool) -> None:
        """Each item's links: its page, its extract once the meeting is closed, and while the agenda is
        editable the buttons that move and remove it (with their labels, translated once for the list)."""
        meeting = self.meeting
        page = _item_url("committee:item", meeting)
        extract = _item_url("committee:extract", meeting) if meeting.status == Meeting.Status.CLOSED else None
        if editable:
            move, remove = _item_url("committee:move", meeting), _item_url("committee:remove", meeting)
            up, down = _("Monter le point %(n)s"), _("Descendre le point %(n)s")
        for item in items:
            item.url = page(item.number)
            item.extract_url = extract(item.number) if extract else ""
            if editable:
                item.move_url, item.remove_url = move(item.pk), remove(item.pk)
                item.up_label, item.down_label = up % {"n": item.number}, down % {"n": item.number}


class MeetingStepView(MeetingMixin, View):
    """A button on the meeting page: runs one service, then back to the page with its outcome."""

    def run(self, request) -> str:
        raise NotImplementedError

    def next_url(self, request) -> str:
        return reverse("committee:meeting", args=[self.meeting.pk])

    def post(self, request, *args, **kwargs):
        try:
            done = self.run(request)
        except ValidationError as error:
            messages.error(request, _errors(error))
        except StepConflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(request, done)
        return redirect(self.next_url(request))


class ComposeView(MeetingStepView):
    action = Action.MANAGE_MEETINGS

    def run(self, request):
        added = services.compose_agenda(actor=request.user, meeting=self.meeting, request=request)
        return _("%(count)s point(s) ajouté(s) à l'ordre du jour.") % {"count": len(added)}


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    return get_object_or_404(meeting.items.select_related("proposal"), pk=item_pk)


class RemoveItemView(MeetingStepView):
    action = Action.MANAGE_MEETINGS

    def run(self, request):
        item = _item(self.meeting, self.kwargs["item_pk"])
        services.remove_item(actor=request.user, item=item, request=request)
        return _("Point retiré de l'ordre du jour ; la proposition est de nouveau prête pour le comité.")


class MoveItemView(MeetingStepView):
    action = Action.MANAGE_MEETINGS

    def run(self, request):
        item = _item(self.meeting, self.kwargs["item_pk"])
        offset = -1 if request.POST.get("direction") == "up" else 1
        services.move_item(actor=request.user, item=item, offset=offset, request=request)
        return _("Ordre du jour modifié.")


class FreezeView(MeetingStepView):
    action = Action.MANAGE_MEETINGS

    def run(self, request):
        services.freeze(actor=request.user, meeting=self.meeting, request=request)
        return _("Ordre du jour arrêté : la convocation peut être envoyée.")


class OpenView(MeetingStepView):
    action = Action.DECIDE

    def run(self, request):
        services.open_session(actor=request.user, meeting=self.meeting, request=request)
        return _("Séance ouverte : notez les présences.")


class AttendanceView(MeetingStepView):
    action = Action.DECIDE

    def run(self, request):
        form = AttendanceForm(request.POST, body=self.meeting.body)
        if not form.is_valid():
            raise ValidationError(_("Choisissez les présents parmi les membres de l'organe."))
        present = list(form.cleaned_data["present"])
        services.set_attendance(actor=request.user, meeting=self.meeting, present=present, request=request)
        count, members, reached = rules.quorum(self.meeting)
        state = _("quorum atteint") if reached else _("quorum non atteint")
        return _("Présences notées : %(present)s sur %(members)s (%(state)s).") % {
            "present": count,
            "members": members,
            "state": state,
        }


class DecideRestView(MeetingStepView):
    action = Action.DECIDE

    def run(self, request):
        exceptions = {int(pk) for pk in request.POST.getlist("except") if pk.isdigit()}
        decided = services.decide_rest_as_proposed(
            actor=request.user, meeting=self.meeting, exceptions=exceptions, request=request
        )
        return _("%(count)s point(s) décidé(s) comme proposé.") % {"count": len(decided)}


class RatifyView(MeetingStepView):
    action = Action.DECIDE

    def run(self, request):
        decision = get_object_or_404(Decision, pk=self.kwargs["decision_pk"], urgent=True)
        services.ratify(actor=request.user, meeting=self.meeting, decision=decision, request=request)
        return _("Décision urgente ratifiée.")


class CloseView(MeetingStepView):
    action = Action.DECIDE

    def run(self, request):
        services.close(actor=request.user, meeting=self.meeting, request=request)
        if signing.unsigned_roles():
            return _(
                "Séance clôturée : les décisions ne peuvent plus changer. Le procès-verbal n'est pas signé "
                "électroniquement : imprimez-le pour le faire signer à la main."
            )
        return _("Séance clôturée : le procès-verbal est signé, les décisions ne peuvent plus changer.")


# The letter that decides an item from the keyboard (static/js/committee.js reads data-key); the buttons
# themselves are the declaration's session steps.
SHORTCUTS = {
    "grant": "o",
    "grant_amended": "m",
    "refuse": "r",
    "postpone": "p",
    "return_for_inquiry": "e",
}


class ItemView(MeetingMixin, TemplateView):
    """The paperless session: one item with everything needed to decide it, and the decision buttons."""

    template_name = "committee/item.html"

    def load(self):
        item = get_object_or_404(selectors.agenda(self.meeting), number=self.kwargs["number"])
        if not can(self.request.user, Action.VIEW_FILE, item.proposal.file):
            raise Http404
        return item

    def get_context_data(self, **kwargs):
        item = kwargs.pop("item", None) or self.load()
        user, proposal = self.request.user, item.proposal
        record(
            actor=user,
            verb=Verb.VIEW,
            target=proposal,
            file_id=proposal.file_id,
            person_id=proposal.file.beneficiary_id,
            request=self.request,
            detail={"meeting": self.meeting.pk, "item": item.number},
        )
        previous, following = selectors.neighbours(item)
        initial = {name: getattr(proposal, name) for name in DecisionForm.AMENDABLE}
        recused = user.pk in rules.recused_ids(item)
        choices = recusals.choices_for(user, item)
        return super().get_context_data(
            meeting=self.meeting,
            item=item,
            proposal=proposal,
            # A recused member left the room: neither the file nor the decision controls are shown to them.
            recused=recused,
            recusals=item.recusals.select_related("member", "recorded_by"),
            recusal_form=RecusalForm(choices=choices) if choices.exists() else None,
            item_quorum=dict(
                zip(("present", "members", "reached"), rules.item_quorum(self.meeting, item), strict=True)
            ),
            notification=None if recused else render_notification(proposal, decision=item.decision),
            summary=None if recused else selectors.file_summary(item, user),
            previous=previous,
            following=following,
            may_decide=rules.may_record(user, self.meeting)
            and can(user, Action.DECIDE, proposal.file)
            and self.meeting.status == Meeting.Status.IN_SESSION
            and item.decision_id is None
            and not recused,
            form=kwargs.pop("form", None) or DecisionForm(initial=initial),
            decisions=[
                (t.name, t.label, SHORTCUTS.get(t.name, "")) for t in in_session_from(State.ON_AGENDA)
            ],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can(request.user, Action.DECIDE):
            raise PermissionDenied
        item = self.load()
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            amendment = None
            if data["transition"] == "grant_amended":
                changes = {name: data[name] for name in DecisionForm.AMENDABLE}
                amendment = services.amendment_of(item.proposal, changes)
            try:
                services.decide_item(
                    actor=request.user,
                    item=item,
                    transition=data["transition"],
                    comment=data["comment"],
                    amendment=amendment,
                    request=request,
                )
            except ValidationError as error:
                messages.error(request, _errors(error))
            except StepConflict as conflict:
                messages.error(request, conflict.message)
            else:
                messages.success(request, _("Point %(number)s décidé.") % {"number": item.number})
                following = selectors.neighbours(item)[1]
                if following is not None:
                    return redirect("committee:item", pk=self.meeting.pk, number=following.number)
                return redirect("committee:meeting", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(item=item, form=form))


class RecusalView(MeetingStepView):
    """Déport: a member, the recorder or the secretariat notes that a member does not deliberate on it."""

    def next_url(self, request) -> str:
        return reverse("committee:item", args=[self.meeting.pk, self.kwargs["number"]])

    def run(self, request):
        item = get_object_or_404(self.meeting.items.select_related("proposal"), number=self.kwargs["number"])
        form = RecusalForm(request.POST, choices=recusals.choices_for(request.user, item))
        if not form.is_valid():
            raise ValidationError(_("Choisissez le membre qui se déporte parmi ceux proposés."))
        member = form.cleaned_data["member"]
        recusals.record_recusal(
            actor=request.user, item=item, member=member, reason=form.cleaned_data["reason"], request=request
        )
        return _("Déport de %(member)s enregistré sur le point %(number)s.") % {
            "member": member.get_full_name() or member.get_username(),
            "number": item.number,
        }


class ConvocationPdfView(MeetingMixin, View):
    """The convocation: items by number with file reference and aid, never a beneficiary's name."""

    def get(self, request, pk):
        context = {"meeting": self.meeting, "items": selectors.agenda(self.meeting)}
        pdf = render_pdf("committee/pdf/convocation.html", context, user=request.user, at=timezone.now())
        record(
            actor=request.user,
            verb=Verb.PRINT,
            target=self.meeting,
            request=request,
            detail={"what": "convocation"},
        )
        return pdf_response(pdf, f"convocation-{self.meeting.day:%Y-%m-%d}.pdf")


class MinutesPdfView(MeetingMixin, View):
    """The signed procès-verbal (or its public version), exactly as written at closing."""

    public = False

    def get(self, request, pk):
        content = self.meeting.public_minutes if self.public else self.meeting.minutes
        if content is None:
            raise Http404
        what = "public_minutes" if self.public else "minutes"
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD,
            target=self.meeting,
            request=request,
            detail={"what": what},
        )
        name = "proces-verbal-public" if self.public else "proces-verbal"
        return pdf_response(bytes(content), f"{name}-{self.meeting.day:%Y-%m-%d}.pdf")


class ExtractPdfView(MeetingMixin, View):
    """Extrait du procès-verbal: one decided item of a closed meeting, for its file."""

    def get(self, request, pk, number):
        if self.meeting.status != Meeting.Status.CLOSED:
            raise Http404
        item = get_object_or_404(selectors.agenda(self.meeting), number=number)
        proposal = item.proposal
        if not can(request.user, Action.VIEW_FILE, proposal.file):
            raise Http404
        context = {"meeting": self.meeting, "item": item}
        pdf = render_pdf("committee/pdf/extract.html", context, user=request.user, at=timezone.now())
        record(
            actor=request.user,
            verb=Verb.PRINT,
            target=proposal,
            file_id=proposal.file_id,
            person_id=proposal.file.beneficiary_id,
            request=request,
            detail={"what": "minutes_extract", "meeting": self.meeting.pk},
        )
        return pdf_response(pdf, f"extrait-{self.meeting.day:%Y-%m-%d}-{number}.pdf")
