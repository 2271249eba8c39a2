from django.urls import path

from letters import views, views_posting, views_scans

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
    path("lots/<int:pk>/depot/", views_posting.BatchPostingView.as_view(), name="batch_post"),
    path("scans/", views_scans.ScanIntakeView.as_view(), name="scans"),
    path("scans/<int:pk>/pdf/", views_scans.UnfiledPdfView.as_view(), name="unfiled_pdf"),
    path("scans/<int:pk>/classer/", views_scans.FileByHandView.as_view(), name="unfiled_file"),
    path("scans/<int:pk>/supprimer/", views_scans.DeleteUnfiledView.as_view(), name="unfiled_delete"),
    path("copies/<int:pk>/pdf/", views_scans.ReturnedCopyPdfView.as_view(), name="copy_pdf"),
]
