from django.urls import path

from printouts.views.access_report import AccessReportView
from printouts.views.browser_print import browser_print
from printouts.views.copies import FilePdfView, ReportPdfView

app_name = "printouts"
urlpatterns = [
    path("dossiers/<int:file_pk>/imprimer/", FilePdfView.as_view(), name="file_pdf"),
    path(
        "dossiers/<int:file_pk>/rapports/<int:report_pk>/imprimer/",
        ReportPdfView.as_view(),
        name="report_pdf",
    ),
    path("dossiers/<int:file_pk>/rapport-art15/", AccessReportView.as_view(), name="access_report"),
    path("impression/", browser_print, name="browser_print"),
]
