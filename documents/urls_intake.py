from django.urls import path

from documents import views_intake

app_name = "intake"
urlpatterns = [
    path("", views_intake.IntakeView.as_view(), name="page"),
    path("a-classer/<int:pk>/", views_intake.UnsortedPdfView.as_view(), name="pdf"),
    path("a-classer/<int:pk>/classer/", views_intake.FileUnsortedView.as_view(), name="file"),
    path("a-classer/<int:pk>/supprimer/", views_intake.DeleteUnsortedView.as_view(), name="delete"),
]
