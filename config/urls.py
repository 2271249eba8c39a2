from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Dossier social – administration"
admin.site.site_title = "Dossier social"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="files:my_files", permanent=False)),
    path("connexion/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("dossiers/", include("files.urls")),
    path("dossiers/<int:file_pk>/", include("people.urls")),
    path("recherche/", include("search.urls")),
    path("journal/", include("audit.urls")),
    path("acces/", include("access.urls")),
    path("admin/", admin.site.urls),
    path("", include("printouts.urls")),
]
