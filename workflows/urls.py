from django.urls import path

from . import api

urlpatterns = [
    path("workflows/", api.WorkflowKindsView.as_view(), name="workflow-kinds"),
    path("workflows/<str:kind>/graph/", api.WorkflowGraphView.as_view(), name="workflow-graph"),
    path("workflows/<str:kind>/<id:pk>/", api.WorkflowDetailView.as_view(), name="workflow-detail"),
    path(
        "workflows/<str:kind>/<id:pk>/transitions/<str:name>/",
        api.TransitionView.as_view(),
        name="workflow-transition",
    ),
]
