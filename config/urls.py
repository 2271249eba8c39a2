from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.middleware import second_factor_not_required

admin.site.site_header = "Dossier social – administration"
admin.site.site_title = "Dossier social"
admin.site.index_title = "Administration"

urlpatterns = [
    path("", include("home.urls")),
    path("connexion/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("deconnexion/", second_factor_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("compte/", include("accounts.urls")),
    path("dossiers/", include("files.urls")),
    path("dossiers/<int:file_pk>/", include("people.urls")),
    path("dossiers/<int:file_pk>/propositions/", include("workflow.urls")),
    path("dossiers/<int:file_pk>/etapes/", include("workflow.urls_steps")),
    path("dossiers/<int:file_pk>/documents/", include("documents.urls")),
    path("a-traiter/", include("workflow.urls_queues")),
    path("comite/", include("committee.urls")),
    path("recherche/", include("search.urls")),
    path("journal/", include("audit.urls")),
    path("conservation/", include("retention.urls")),
    path("bcss/", include("bcss.urls")),
    path("tableaux/", include("dashboards.urls")),
    path("acces/", include("access.urls")),
    path("admin/", admin.site.urls),
    path("courrier/", include("letters.urls")),
    path("courrier-entrant/", include("mail.urls")),
    path("documents-recus/", include("documents.urls_intake")),
    path("", include("printouts.urls")),
]
