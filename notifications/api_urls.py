from django.urls import path

from . import api

urlpatterns = [
    path("notifications/", api.NoticeListView.as_view(), name="notice-list"),
    path("notifications/read/", api.AllReadView.as_view(), name="notices-read"),
    path("notifications/<id:pk>/read/", api.NoticeReadView.as_view(), name="notice-read"),
    path("notifications/settings/", api.SettingsView.as_view(), name="notice-settings"),
    path("notifications/follows/", api.FollowListView.as_view(), name="follow-list"),
    path(
        "notifications/follows/<slug:target>/<id:pk>/",
        api.FollowView.as_view(),
        name="follow-detail",
    ),
]
