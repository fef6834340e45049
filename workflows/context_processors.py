from django.urls import NoReverseMatch, reverse

from .pages import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    for item in nav_items():
        if item.visible is not None and not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            # An app registered its link before its pages exist: leave the link out, not the site.
            continue
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return {"nav_items": items}
