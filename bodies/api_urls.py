from django.urls import path

from . import consultations_api as district
from .api import BodyDetailView, BodyListView, OpinionListView

urlpatterns = [
    path("bodies/", BodyListView.as_view(), name="body-list"),
    path("bodies/<id:pk>/", BodyDetailView.as_view(), name="body-detail"),
    path("bodies/opinions/", OpinionListView.as_view(), name="opinion-list"),
    path(
        "bodies/consultations/",
        district.DistrictConsultationListView.as_view(),
        name="district-consultation-list",
    ),
    path(
        "bodies/consultations/<id:pk>/",
        district.DistrictConsultationDetailView.as_view(),
        name="district-consultation-detail",
    ),
    path(
        "bodies/consultations/<id:pk>/comments/",
        district.DistrictCommentView.as_view(),
        name="district-consultation-comments",
    ),
]
