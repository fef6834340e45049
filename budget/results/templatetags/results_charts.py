"""The results page's pictures: a bar chart per pool (SVG) and the winners on a map."""

from django import template

from budget import maps

from ..charts import pool_chart

register = template.Library()


@register.inclusion_tag("results/_pool_chart_svg.html")
def results_chart(pool, points: bool):
    """`pool`: a view's pool row (`result`, `projects`); `points`: bars by points, not votes."""

    chart = pool_chart(pool["projects"], by_points=points)
    return {"pool": pool["result"], "chart": chart, "points": points}


@register.simple_tag
def winner_points(pools) -> list[dict]:
    """Markers of the selected projects with a point, from the rows already fetched."""

    return maps.markers(
        (p.proposal_id, p.proposal.title, p.proposal.latitude, p.proposal.longitude)
        for pool in pools
        for p in pool["projects"]
        if p.selected
    )
