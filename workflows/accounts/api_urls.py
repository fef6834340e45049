from django.urls import path

from . import api
from . import organisation_api as org

urlpatterns = [
    path("me/", api.MeView.as_view(), name="me"),
    path("auth/token/", api.TokenView.as_view(), name="auth-token"),
    path("people/", api.PeopleView.as_view(), name="people"),
    path("people/<id:pk>/roles/", api.PersonRolesView.as_view(), name="person-roles"),
    path("organisations/", org.OrganisationListView.as_view(), name="organisations"),
    path("organisations/<id:pk>/claims/", org.OrganisationClaimView.as_view()),
    path("representation-claims/<id:pk>/confirm/", org.ClaimConfirmView.as_view()),
]
