"""What page forms share."""

from .errors import WorkflowError


def form_refusal(form, exc: WorkflowError) -> None:
    """Show a service's refusal on the field it names, or above the form."""

    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, exc.message)
