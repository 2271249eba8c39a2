from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("<int:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("<int:pk>/composer/", views.ComposeView.as_view(), name="compose"),
    path("<int:pk>/arreter/", views.FreezeView.as_view(), name="freeze"),
    path("<int:pk>/ouvrir/", views.OpenView.as_view(), name="open"),
    path("<int:pk>/presences/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/decider-le-reste/", views.DecideRestView.as_view(), name="decide_rest"),
    path("<int:pk>/ratifier/<int:decision_pk>/", views.RatifyView.as_view(), name="ratify"),
    path("<int:pk>/cloturer/", views.CloseView.as_view(), name="close"),
    path("<int:pk>/ordre-du-jour/<int:item_pk>/retirer/", views.RemoveItemView.as_view(), name="remove"),
    path("<int:pk>/ordre-du-jour/<int:item_pk>/deplacer/", views.MoveItemView.as_view(), name="move"),
    path("<int:pk>/points/<int:number>/", views.ItemView.as_view(), name="item"),
    path("<int:pk>/points/<int:number>/deport/", views.RecusalView.as_view(), name="recusal"),
    path("<int:pk>/points/<int:number>/extrait.pdf", views.ExtractPdfView.as_view(), name="extract"),
    path("<int:pk>/convocation.pdf", views.ConvocationPdfView.as_view(), name="convocation"),
    path("<int:pk>/proces-verbal.pdf", views.MinutesPdfView.as_view(), name="minutes"),
    path(
        "<int:pk>/proces-verbal-public.pdf", views.MinutesPdfView.as_view(public=True), name="public_minutes"
    ),
]
