from django.urls import path

from access import views

app_name = "access"
urlpatterns = [path("", views.AccessReviewView.as_view(), name="review")]
