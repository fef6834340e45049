from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path("budzet/<id:year>/wyniki/", views.results, name="edition"),
    path("budzet/<id:year>/wyniki/policz/", views.count, name="count"),
    path("budzet/<id:year>/wyniki/zmien/", views.amend, name="amend"),
]
