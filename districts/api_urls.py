from django.urls import path

from .api import DistrictListView

urlpatterns = [path("districts/", DistrictListView.as_view(), name="district-list")]
