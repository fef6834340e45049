from django.urls import path

from . import api

urlpatterns = [
    path("budget/editions/<int:pk>/results/", api.EditionResults.as_view()),
    path("budget/editions/<int:pk>/results/count/", api.CountEdition.as_view()),
]
