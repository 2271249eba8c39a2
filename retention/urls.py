from django.urls import path

from retention import views

app_name = "retention"
urlpatterns = [
    path("", views.DueView.as_view(), name="due"),
    path("dossiers/<int:file_pk>/gels/", views.LegalHoldsView.as_view(), name="holds"),
]
