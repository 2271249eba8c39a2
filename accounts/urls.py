from django.urls import path

from accounts import views
from accounts.middleware import second_factor_not_required

app_name = "accounts"
urlpatterns = [
    path("code/", second_factor_not_required(views.CodeView.as_view()), name="code"),
    path("activation/", second_factor_not_required(views.EnrolView.as_view()), name="enrol"),
    path("mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
]
