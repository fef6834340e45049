from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("budzet/", views.home, name="home"),
    path("budzet/weryfikacja/", views.verification_queue, name="queue"),
    path("budzet/odwolania/", views.appeals, name="appeals"),
    path("budzet/projekty/<id:pk>/", views.proposal_detail, name="proposal"),
    path("budzet/projekty/<id:pk>/edycja/<slug:step>/", views.proposal_edit, name="proposal-edit"),
    path(
        "budzet/projekty/<id:pk>/decyzja/<slug:name>/",
        views.proposal_decide,
        name="proposal-decide",
    ),
    path("budzet/projekty/<id:pk>/ocena/", views.proposal_assess, name="proposal-assess"),
    path("budzet/projekty/<id:pk>/poparcie/", views.proposal_support, name="proposal-support"),
    path("budzet/<id:year>/", views.edition, name="edition"),
    path("budzet/<id:year>/projekty/", views.proposal_list, name="proposals"),
    path("budzet/<id:year>/zglos/", views.proposal_new, name="proposal-new"),
    path("budzet/<id:year>/glosuj/", views.vote, name="vote"),
    path("budzet/<id:year>/karty-papierowe/", views.paper_ballot, name="paper"),
    path("budzet/<id:year>/realizacja/", views.implementation_list, name="implementation"),
]
