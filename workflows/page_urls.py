from django.urls import path

from . import dashboard, views

urlpatterns = [
    path("", views.home, name="home"),
    path("zmiany/", views.changes, name="changes"),
    path("panel/", dashboard.dashboard, name="staff-dashboard"),
    path("panel/<str:kind>/", dashboard.dashboard_kind, name="staff-dashboard-kind"),
    path("proces/<str:kind>/<id:pk>/", views.workflow_object, name="workflow-object"),
    path("proces/<str:kind>/<id:pk>/<str:name>/", views.take_transition, name="workflow-take"),
]
