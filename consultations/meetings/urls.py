from django.urls import path

from . import views

urlpatterns = [
    path("spotkania/", views.meeting_list, name="meeting-list"),
    path("spotkania/nowe/", views.meeting_new, name="meeting-new"),
    path("spotkania/<id:pk>/", views.meeting_room, name="meeting-room"),
    path("spotkania/<id:pk>/czynnosc/<str:name>/", views.meeting_action, name="meeting-action"),
    path("spotkania/<id:pk>/protokol/", views.meeting_minutes, name="meeting-minutes"),
    path("spotkania/<id:pk>/protokol.pdf", views.meeting_minutes_pdf, name="meeting-minutes-pdf"),
]
