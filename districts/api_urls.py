from django.urls import path

from .api import CouncilView, DistrictImportView, DistrictListView

urlpatterns = [
    path("districts/", DistrictListView.as_view(), name="district-list"),
    path("districts/import/", DistrictImportView.as_view(), name="district-import"),
    path("districts/<id:pk>/council/", CouncilView.as_view(), name="district-council"),
]
