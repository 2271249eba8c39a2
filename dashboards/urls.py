from django.urls import path

from dashboards.views import DashboardView, DrillView, ExportView

app_name = "dashboards"
urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("dossiers/", DrillView.as_view(), name="files"),
    path("export.csv", ExportView.as_view(), name="export"),
]
