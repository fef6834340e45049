from django.urls import reverse

from .pages import nav_items


def navigation(request):
    return {"nav_items": [{"url": reverse(i.url_name), "label": i.label} for i in nav_items()]}
