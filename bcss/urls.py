from django.urls import path

from bcss import views

app_name = "bcss"
urlpatterns = [
    path("<int:pk>/", views.RegistrationView.as_view(), name="detail"),
    path("<int:pk>/fait/", views.DoneView.as_view(), name="done"),
    path("<int:pk>/echec/", views.FailedView.as_view(), name="failed"),
]
