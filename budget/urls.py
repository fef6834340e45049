from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("budzet/", views.home, name="home"),
    path("budzet/<int:year>/", views.edition, name="edition"),
]
