"""Form widgets with the design system's classes: `{% load design %}{{ field|govuk_widget }}`.

Django renders a widget without classes; the design system styles inputs by class, and an
input in error gets its error modifier and `aria-describedby` pointing at the message.
"""

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, Textarea

register = template.Library()

_BY_WIDGET = (
    (CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (RadioSelect, "govuk-radios__input"),
    (CheckboxInput, "govuk-checkboxes__input"),
    (Select, "govuk-select"),
    (Textarea, "govuk-textarea"),
)


@register.filter
def govuk_widget(field):
    widget = field.field.widget
    css = next((c for cls, c in _BY_WIDGET if isinstance(widget, cls)), "govuk-input")
    if field.errors and css in ("govuk-input", "govuk-select", "govuk-textarea"):
        css += f" {css}--error"
    existing = widget.attrs.get("class", "")
    attrs = {"class": f"{existing} {css}".strip()}
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    described += [f"{field.auto_id}_error"] if field.errors else []
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def lookup(mapping, key):
    """`{{ kept.ranks|lookup:p.pk }}`: a value from a dict keyed by the id as text."""

    return mapping.get(str(key), "") if mapping else ""
