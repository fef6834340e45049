from django import template

from workflows.templatetags.formatting import NBSP, format_number

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share (0..1) as a whole percentage in the active language's number style."""

    return f"{format_number(share * 100, 0)}{NBSP}%"
