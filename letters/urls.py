from django.urls import path
from django.views.generic import RedirectView

from letters import views, views_posting

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
    # Returned letters are sent with every other scan to the documents intake: the old page's bookmarks too.
    path("scans/", RedirectView.as_view(pattern_name="intake:page", permanent=True), name="scans"),
    path("copies/<int:pk>/pdf/", views.ReturnedCopyPdfView.as_view(), name="copy_pdf"),
]
