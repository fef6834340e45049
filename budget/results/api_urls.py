from django.urls import path

from . import api

urlpatterns = [
    path("budget/editions/<id:pk>/results/", api.EditionResults.as_view()),
    path("budget/editions/<id:pk>/results/count/", api.CountEdition.as_view()),
    path("budget/editions/<id:pk>/results/amendments/", api.AmendResults.as_view()),
]
