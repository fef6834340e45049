"""{% proposal_map %}: a Leaflet map of proposals (static/js/budget-map.js draws it)."""

from django import template

from budget import maps

register = template.Library()


@register.inclusion_tag("budget/_map.html")
def proposal_map(points, name: str, label: str, pick: bool = False):
    """`points`: budget.maps markers, given to the script as JSON (json_script);
    `name`: the map's element id; `pick`: clicking the map fills the form's
    latitude and longitude inputs."""

    return {
        "points": points,
        "points_id": f"{name}-points",
        "name": name,
        "label": label,
        "pick": pick,
        **maps.config(),
    }
