from django.urls import path

from audit import views, views_security

app_name = "audit"
urlpatterns = [
    path("", views.ReviewView.as_view(), name="review"),
    path("acces-exceptionnels/", views_security.BreakGlassReviewView.as_view(), name="break_glass"),
    path("impressions/", views_security.PrintsReviewView.as_view(), name="prints"),
    path("connexions-echouees/", views_security.FailedLoginsView.as_view(), name="failed_logins"),
]
