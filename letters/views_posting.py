"""Posting a printed batch: the clerk scans or types each registered label's number beside its letter, in the
order of the printed pile, and records the whole posting at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from audit.services import Verb, record
from letters import deadlines, selectors, services_posting
from letters.models import Letter
from letters.views import RegisterMixin, parse_day


class BatchPostingView(RegisterMixin, TemplateView):
    template_name = "letters/batch_posting.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        batch = selectors.get_printable_batch(self.request.user, self.kwargs["pk"])
        typed = kwargs.get("typed", {})
        errors = kwargs.get("row_errors", {})
        context["batch"] = batch
        context["rows"] = [
            {"letter": letter, "number": typed.get(letter.pk, ""), "error": errors.get(letter.pk, "")}
            for letter in selectors.letters_to_post(self.request.user, batch).select_related("file")
        ]
        context.setdefault("sent_on", f"{timezone.localdate():%d/%m/%Y}")
        if self.request.method == "GET":
            record(actor=self.request.user, verb=Verb.VIEW, target=batch, detail={"section": "posting"})
        return context

    def post(self, request, pk):
        batch = selectors.get_printable_batch(request.user, pk)
        letters = {letter.pk: letter for letter in selectors.letters_to_post(request.user, batch)}
        typed = {pk: request.POST.get(f"numero-{pk}", "").strip() for pk in letters}
        sent_on_text = request.POST.get("sent_on", "")
        try:
            sent_on = parse_day(sent_on_text)
            if sent_on is None:
                raise ValidationError(_("Indiquez la date de dépôt à la poste."))
            count = services_posting.post_registered(
                actor=request.user,
                numbers={letters[pk]: number for pk, number in typed.items()},
                sent_on=sent_on,
                request=request,
            )
        except ValidationError as error:
            row_errors = {}
            if hasattr(error, "error_dict"):
                row_errors = {pk: errs[0].message for pk, errs in error.error_dict.items()}
                messages.error(request, _("Certains numéros sont à corriger : rien n'a été enregistré."))
            else:
                messages.error(request, error.messages[0])
            context = self.get_context_data(typed=typed, row_errors=row_errors, sent_on=sent_on_text)
            return self.render_to_response(context, status=400)
        messages.success(
            request,
            _(
                "%(count)d lettre(s) enregistrée(s) comme déposée(s) le %(day)s ; notifiée(s) le "
                "%(notified)s (troisième jour ouvrable après le dépôt, Code judiciaire, art. 53bis)."
            )
            % {
                "count": count,
                "day": f"{sent_on:%d/%m/%Y}",
                "notified": f"{deadlines.notified_on(Letter.Method.REGISTERED, sent_on):%d/%m/%Y}",
            },
        )
        return redirect(f"{reverse('letters:register')}?jour={sent_on.isoformat()}")
