from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("powiadomienia/", views.centre, name="centre"),
    path("powiadomienia/ustawienia/", views.preferences, name="settings"),
    path("powiadomienia/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("obserwuj/<slug:target>/<id:pk>/", views.follow, name="follow"),
    path("kalendarz/", views.city_calendar, name="calendar"),
    path("kalendarz.ics", views.calendar_feed, name="feed"),
    path("kalendarz/moj/<str:token>.ics", views.my_feed, name="my-feed"),
]
