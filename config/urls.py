from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from workflows.script_catalogue import script_catalogue

api_v1 = [
    # First: casting a ballot is the busiest URL, and each pattern tried before it costs.
    path("", include("budget.api_urls")),
    path("", include("workflows.urls")),
    path("", include("workflows.accounts.api_urls")),
    path("", include("districts.api_urls")),
    path("", include("consultations.api_urls")),
    path("", include("consultations.meetings.api_urls")),
    path("", include("budget.results.api_urls")),
    path("", include("bodies.api_urls")),
    path("", include("grants.api_urls")),
    path("", include("notifications.api_urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="schema"), name="api-docs"),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The pages' scripts' strings (djangojs, from LOCALE_PATHS, always included); naming one
    # app without a locale folder leaves out the contrib apps' catalogues (the admin's).
    path(
        "jsi18n/",
        script_catalogue(packages=["workflows"]),
        name="javascript-catalog",
    ),
    path("", include("workflows.accounts.urls")),
    path("", include("workflows.page_urls")),
    path("", include("districts.urls")),
    path("", include("consultations.urls")),
    path("", include("consultations.meetings.urls")),
    path("", include("budget.urls")),
    path("", include("budget.results.urls")),
    path("", include("bodies.urls")),
    path("", include("notifications.urls")),
    path("", include("notifications.bip.urls")),
    path("", include("grants.urls")),
]
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "workflows.api_errors.not_found"
handler400 = "workflows.api_errors.bad_request"
