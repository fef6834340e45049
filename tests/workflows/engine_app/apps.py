from django.apps import AppConfig


class EngineAppConfig(AppConfig):
    name = "tests.workflows.engine_app"
    label = "engine_app"

    def ready(self):
        from workflows.registry import WorkflowKind, register

        from .models import Petition

        register(
            WorkflowKind(
                name="petition",
                model=Petition,
                can_view=lambda user, obj: (
                    obj.is_public or obj.owner_id == getattr(user, "pk", None)
                ),
                label="Petycja (test)",
            )
        )
