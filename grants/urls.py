from django.urls import path

from . import agreement_views, initiative_views, report_views, small_views, views

app_name = "grants"
urlpatterns = [
    path("konkursy/", views.competition_list, name="list"),
    path("konkursy/nowy/", views.competition_new, name="new"),
    path("konkursy/statystyki/", views.statistics_page, name="statistics"),
    path("konkursy/statystyki.csv", views.statistics_csv, name="statistics-csv"),
    path("konkursy/<id:pk>/", views.competition_detail, name="detail"),
    path("konkursy/<id:pk>/oferta/", views.offer_new, name="offer-new"),
    path("konkursy/<id:pk>/oferta/z-wczesniejszej/", views.offer_copy, name="offer-copy"),
    path("konkursy/<id:pk>/wyniki/", views.results, name="results"),
    path("konkursy/<id:pk>/ocena/", views.scoring, name="scoring"),
    path("konkursy/<id:pk>/komisja/", views.appoint_member, name="appoint-member"),
    path("konkursy/<id:pk>/opinie/", views.competition_opinions, name="opinions"),
    path("konkursy/oferty/<id:pk>/", views.offer_edit, name="offer"),
    path("male-granty/", small_views.small_list, name="small-list"),
    path("male-granty/nowa/", small_views.small_new, name="small-new"),
    path("male-granty/<id:pk>/", small_views.small_detail, name="small"),
    path("inicjatywa-lokalna/", initiative_views.initiative_list, name="initiatives"),
    path("inicjatywa-lokalna/nowy/", initiative_views.initiative_new, name="initiative-new"),
    path("inicjatywa-lokalna/<id:pk>/", initiative_views.initiative_detail, name="initiative"),
    path("sprawozdania-z-programu/", report_views.report_list, name="reports"),
    path(
        "programy-operacyjne/",
        report_views.operational_programmes,
        name="operational-programmes",
    ),
    path("sprawozdania-z-programu/<id:year>/", report_views.report_detail, name="report"),
    path(
        "sprawozdania-z-programu/<id:year>/komentarz/<slug:section>/",
        report_views.report_comment,
        name="report-comment",
    ),
    path("sprawozdania-z-programu/<id:year>.pdf", report_views.report_pdf, name="report-pdf"),
    path("sprawozdania-z-programu/<id:year>.csv", report_views.report_csv, name="report-csv"),
    path("sprawozdania-z-programu/<id:year>.json", report_views.report_json, name="report-json"),
]
urlpatterns += [
    path("umowy/", agreement_views.agreement_list, name="agreements"),
    path(
        "konkursy/oferty/<id:offer_pk>/umowa/",
        agreement_views.agreement_new,
        name="agreement-new",
    ),
    path("umowy/<id:pk>/", agreement_views.agreement_detail, name="agreement"),
    path("umowy/<id:pk>/transze/", agreement_views.agreement_tranches, name="agreement-tranches"),
    path("umowy/<id:pk>/przelew/", agreement_views.agreement_transfer, name="agreement-transfer"),
    path("umowy/<id:pk>/zwrot/", agreement_views.agreement_return, name="agreement-return"),
    path("umowy/<id:pk>/kosztorys/", agreement_views.agreement_estimate, name="agreement-estimate"),
    path("umowy/<id:pk>/zmiana/", agreement_views.agreement_change, name="agreement-change"),
    path("umowy/<id:pk>/sprawozdanie/", agreement_views.report_new, name="task-report-new"),
    path("umowy/sprawozdania/<id:pk>/", agreement_views.report_detail, name="task-report"),
]
