"""Proposals of a file, mounted under dossiers/<file_pk>/propositions/."""

from django.urls import path

from workflow.views.hearing import HearingView
from workflow.views.proposal import (
    ProposalCreateView,
    ProposalDetailView,
    ProposalEditView,
    ProposalPreviewView,
    ReportFactsView,
)

app_name = "workflow"
urlpatterns = [
    path("demande/<int:request_pk>/nouvelle/", ProposalCreateView.as_view(), name="create"),
    path("demande/<int:request_pk>/apercu/", ProposalPreviewView.as_view(), name="preview"),
    path("faits-du-dernier-rapport/", ReportFactsView.as_view(), name="report_facts"),
    path("<int:proposal_pk>/", ProposalDetailView.as_view(), name="detail"),
    path("<int:proposal_pk>/modifier/", ProposalEditView.as_view(), name="edit"),
    path("<int:proposal_pk>/audition/", HearingView.as_view(), name="hearing"),
]
