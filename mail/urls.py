from django.urls import path

from mail import views

app_name = "mail"
urlpatterns = [
    path("", views.RegisterView.as_view(), name="register"),
    path("nouveau/", views.RegisterMailView.as_view(), name="new"),
    path("dossiers/", views.file_suggestions, name="file_suggestions"),
    path("<int:pk>/", views.MailView.as_view(), name="detail"),
    path("<int:pk>/scan/", views.ContentView.as_view(), name="content"),
    path("<int:pk>/orienter/", views.RouteView.as_view(), name="route"),
    path("<int:pk>/attribuer/", views.AssignView.as_view(), name="assign"),
    path("<int:pk>/traiter/", views.HandleView.as_view(), name="handle"),
    path("<int:pk>/dossier/", views.LinkView.as_view(), name="link"),
]
