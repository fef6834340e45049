from django.urls import path

from . import views

app_name = "bip"

doc = "bip/<slug:segment>/<id:key>/<slug:code>/"

urlpatterns = [
    path("bip/", views.home, name="home"),
    path("bip/<slug:segment>/<id:key>/", views.bundle, name="bundle"),
    path("bip/<slug:segment>/<id:key>/indeks.json", views.bundle_json, name="bundle-json"),
    path(doc + "v<id:number>.<slug:ext>", views.version_file, name="version"),
    path(doc + "aktualna.<slug:ext>", views.latest_file, name="latest"),
]
