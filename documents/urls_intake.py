from django.urls import path

from documents import views_intake, views_triage

app_name = "intake"
urlpatterns = [
    path("", views_intake.IntakeView.as_view(), name="page"),
    path("a-classer/nouveaux/", views_triage.NewRowsView.as_view(), name="new_rows"),
    path("a-classer/<int:pk>/", views_triage.UnsortedPdfView.as_view(), name="pdf"),
    path("a-classer/<int:pk>/vignette/", views_triage.UnsortedThumbnailView.as_view(), name="thumbnail"),
    path("a-classer/<int:pk>/dossiers/", views_triage.FileSuggestionsView.as_view(), name="suggestions"),
    path("a-classer/<int:pk>/demandes/", views_triage.RequestOptionsView.as_view(), name="requests"),
    path("a-classer/<int:pk>/classer/", views_triage.FileUnsortedView.as_view(), name="file"),
    path("a-classer/<int:pk>/supprimer/", views_triage.DeleteUnsortedView.as_view(), name="delete"),
]
