from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("budzet/<int:year>/wyniki/", views.results, name="edition"),
    path("budzet/<int:year>/wyniki/policz/", views.count, name="count"),
]
