from django.urls import path

from documents import views, views_cover, views_upload

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="file"),
    path("ajouter/", views_upload.UploadView.as_view(), name="add"),
    path("feuille-de-garde/", views_cover.CoverSheetView.as_view(), name="cover_sheet"),
    path("<int:doc_pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<int:doc_pk>/modifier/", views.DocumentChangeView.as_view(), name="change"),
    path("<int:doc_pk>/nouvelle-version/", views_upload.NewVersionView.as_view(), name="new_version"),
    path("<int:doc_pk>/relancer/", views.ReadAgainView.as_view(), name="read_again"),
    path("<int:doc_pk>/vignette/", views.ThumbnailView.as_view(), name="thumbnail"),
    path(
        "<int:doc_pk>/versions/<int:number>/<str:kind>/",
        views.ContentView.as_view(),
        name="content",
    ),
]
