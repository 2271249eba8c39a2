from django.urls import path

from workflow import views_steps
from workflow.views.spp import SppExportView

app_name = "steps"
urlpatterns = [
    path("<int:proposal_pk>/avis/", views_steps.OpinionView.as_view(), name="opinion"),
    path("<int:proposal_pk>/taches/<int:task_pk>/", views_steps.TaskStatusView.as_view(), name="task"),
    path("decision/<int:decision_pk>/spp.csv", SppExportView.as_view(), name="spp_export"),
    path("<int:proposal_pk>/<slug:transition>/", views_steps.StepView.as_view(), name="take"),
]
