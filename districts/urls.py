from django.urls import path

from . import page, views

urlpatterns = [
    path("dzielnice/wczytaj/", views.district_import, name="district-import"),
    path("dzielnice/rady/<id:pk>/", views.council, name="district-council"),
    path("dzielnice/<id:pk>/", page.district_page, name="district"),
]
