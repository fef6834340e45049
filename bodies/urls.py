from django.urls import path

from . import views

app_name = "bodies"
urlpatterns = [
    path("organy/", views.body_list, name="list"),
    path("organy/nowy/", views.body_new, name="new"),
    path("organy/<id:pk>/", views.body_detail, name="detail"),
    path("organy/opinie/<id:pk>/", views.opinion_detail, name="opinion"),
    path("organy/opinie/nowa/<str:kind>/<id:pk>/", views.request_new, name="request"),
    path("organy/<id:pk>/konsultacje/nowe/", views.consultation_new, name="consultation-new"),
    path("organy/konsultacje/<id:pk>/", views.consultation_detail, name="consultation"),
    path(
        "organy/opinie-rad-dzielnic/<id:pk>/",
        views.district_opinions,
        name="district-opinions",
    ),
]
