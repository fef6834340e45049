from django.urls import path

from . import views
from .views import setup

app_name = "budget"

urlpatterns = [
    path("budzet/", views.home, name="home"),
    path("budzet/ustawienia/", setup.edition_list, name="setup"),
    path("budzet/ustawienia/nowa/", setup.edition_new, name="setup-new"),
    path("budzet/ustawienia/<id:pk>/", setup.edition_settings, name="setup-settings"),
    path("budzet/ustawienia/<id:pk>/kopia/", setup.edition_copy, name="setup-copy"),
    path("budzet/ustawienia/<id:pk>/pule/", setup.edition_pools, name="setup-pools"),
    path("budzet/ustawienia/<id:pk>/liczenie/", setup.edition_counting, name="setup-counting"),
    path("budzet/ustawienia/<id:pk>/harmonogram/", setup.edition_schedule, name="setup-schedule"),
    path("budzet/jednostki/", setup.units, name="setup-units"),
    path("budzet/jednostki/<id:pk>/", setup.units, name="setup-unit"),
    path("budzet/weryfikacja/", views.verification_queue, name="queue"),
    path("budzet/odwolania/", views.appeals, name="appeals"),
    path("budzet/projekty/<id:pk>/", views.proposal_detail, name="proposal"),
    path("budzet/projekty/<id:pk>/edycja/<slug:step>/", views.proposal_edit, name="proposal-edit"),
    path(
        "budzet/projekty/<id:pk>/decyzja/<slug:name>/",
        views.proposal_decide,
        name="proposal-decide",
    ),
    path(
        "budzet/projekty/<id:pk>/realizator/",
        views.proposal_implementer,
        name="proposal-implementer",
    ),
    path(
        "budzet/projekty/<id:pk>/realizacja/postep/",
        views.proposal_progress,
        name="proposal-progress",
    ),
    path("budzet/projekty/<id:pk>/realizacja/opis/", views.proposal_note, name="proposal-note"),
    path(
        "budzet/projekty/<id:pk>/realizacja/zdjecie/",
        views.proposal_photo,
        name="proposal-photo",
    ),
    path("budzet/projekty/<id:pk>/ocena/", views.proposal_assess, name="proposal-assess"),
    path("budzet/projekty/<id:pk>/poparcie/", views.proposal_support, name="proposal-support"),
    path("budzet/edycje/<id:pk>/zasady/", views.rulebook, name="rulebook"),
    path("budzet/<id:year>/", views.edition, name="edition"),
    path("budzet/<id:year>/projekty/", views.proposal_list, name="proposals"),
    path("budzet/<id:year>/zglos/", views.proposal_new, name="proposal-new"),
    path("budzet/<id:year>/glosuj/", views.vote, name="vote"),
    path("budzet/<id:year>/karty-papierowe/", views.paper_ballot, name="paper"),
    path("budzet/<id:year>/realizacja/", views.implementation_list, name="implementation"),
    path("budzet/<id:year>/zalacznik-budzetowy/", views.budget_annex, name="annex"),
    path("budzet/<id:year>/zalacznik-budzetowy.csv", views.budget_annex_csv, name="annex-csv"),
    path(
        "budzet/<id:year>/zalacznik-budzetowy/uchwala/",
        views.budget_resolution,
        name="budget-resolution",
    ),
]
