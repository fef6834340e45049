from django.urls import path

from . import api
from .registry import kinds
from .transition_input import input_for
from .transitions import names


def typed_transitions() -> list:
    """Each transition that takes data at its own path, before the generic pattern: the same
    view, documented with the transition's input schema."""

    return [
        path(
            f"workflows/{kind.name}/<id:pk>/transitions/{name}/",
            api.typed_transition_view(kind, name, schema),
            {"kind": kind.name, "name": name},
        )
        for kind in sorted(kinds().values(), key=lambda kind: kind.name)
        for name in names(kind)
        if (schema := input_for(kind, name))
    ]


urlpatterns = [
    path("workflows/", api.WorkflowKindsView.as_view(), name="workflow-kinds"),
    path("workflows/<str:kind>/graph/", api.WorkflowGraphView.as_view(), name="workflow-graph"),
    path("workflows/<str:kind>/<id:pk>/", api.WorkflowDetailView.as_view(), name="workflow-detail"),
    *typed_transitions(),
    path(
        "workflows/<str:kind>/<id:pk>/transitions/<str:name>/",
        api.TransitionView.as_view(),
        name="workflow-transition",
    ),
]
