from django.urls import path

from files.views.access_log import AccessLogView
from files.views.assign import AssignView
from files.views.break_glass import BreakGlassView
from files.views.create import RegisterView
from files.views.home import MyFilesView
from files.views.reports import ReportCreateView, ReportDetailView, ReportEditView, ReportListView
from files.views.request import RequestView
from files.views.requests import RequestsView
from files.views.summary import FileSummaryView
from files.views.timeline import TimelineView

app_name = "files"
urlpatterns = [
    path("", MyFilesView.as_view(), name="my_files"),
    path("nouveau/", RegisterView.as_view(), name="create"),
    path("acces-exceptionnel/<str:token>/", BreakGlassView.as_view(), name="break_glass"),
    path("<int:pk>/", FileSummaryView.as_view(), name="detail"),
    path("<int:pk>/demandes/", RequestsView.as_view(), name="requests"),
    path("<int:pk>/demandes/nouvelle/", RequestsView.as_view(), name="request_add"),
    path("<int:pk>/demandes/<int:request_pk>/", RequestView.as_view(), name="request"),
    path("<int:pk>/rapports/", ReportListView.as_view(), name="reports"),
    path("<int:pk>/rapports/nouveau/", ReportCreateView.as_view(), name="report_add"),
    path("<int:pk>/rapports/<int:report_pk>/", ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/rapports/<int:report_pk>/modifier/", ReportEditView.as_view(), name="report_edit"),
    path("<int:pk>/historique/", TimelineView.as_view(), name="timeline"),
    path("<int:pk>/attribution/", AssignView.as_view(), name="assign"),
    path("<int:pk>/consultations/", AccessLogView.as_view(), name="access_log"),
]
