from django.views.generic import TemplateView

from access.selectors import access_review
from audit.services import Verb, record


class AccessReviewView(TemplateView):
    """Revue des accès: who can open what, for the security adviser (access_review checks the policy)."""

    template_name = "access/review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = access_review(self.request.user)
        record(actor=self.request.user, verb=Verb.VIEW, detail={"access_review": True}, request=self.request)
        return context
