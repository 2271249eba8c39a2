from django.urls import path

from workflow import views_queues
from workflow.views.handoffs import HandoffsView

app_name = "queues"
urlpatterns = [
    path("resume-quotidien/", views_queues.DigestView.as_view(), name="digest"),
    path("circuit/", HandoffsView.as_view(), name="handoffs"),
    path("<slug:key>/", views_queues.QueueView.as_view(), name="queue"),
    path("<slug:key>/suivant/", views_queues.QueueNextView.as_view(), name="next"),
]
