from django.urls import path

from letters import views

app_name = "letters"

urlpatterns = [
    path("dossiers/<int:file_pk>/", views.FileLettersView.as_view(), name="file"),
    path("lettres/<int:pk>/pdf/", views.LetterPdfView.as_view(), name="pdf"),
    path("lettres/<int:pk>/envoi/", views.DispatchView.as_view(), name="dispatch"),
    path("registre/", views.RegisterView.as_view(), name="register"),
    path("recommandes/", views.RegisteredListView.as_view(), name="registered_list"),
    path("lots/", views.BatchStartView.as_view(), name="batch_start"),
    path("lots/<int:pk>/", views.BatchView.as_view(), name="batch"),
    path("lots/<int:pk>/pdf/", views.BatchPdfView.as_view(), name="batch_pdf"),
]
