from django.urls import path, re_path

from . import agreement_api, api, initiative_api, report_api, small_api

urlpatterns = [
    path("grants/competitions/", api.CompetitionListView.as_view(), name="competition-list"),
    path(
        "grants/competitions/<id:pk>/",
        api.CompetitionDetailView.as_view(),
        name="competition-detail",
    ),
    path(
        "grants/competitions/<id:pk>/commission/",
        api.CommissionView.as_view(),
        name="competition-commission",
    ),
    path(
        "grants/competitions/<id:pk>/declaration/",
        api.DeclarationView.as_view(),
        name="competition-declaration",
    ),
    path("grants/competitions/<id:pk>/offers/", api.OfferListView.as_view(), name="offer-list"),
    path(
        "grants/competitions/<id:pk>/offers/copy/", api.OfferCopyView.as_view(), name="offer-copy"
    ),
    path("grants/offers/<id:pk>/", api.OfferDetailView.as_view(), name="offer-detail"),
    path("grants/offers/<id:pk>/scores/", api.ScoreView.as_view(), name="offer-scores"),
    path("grants/statistics/", api.StatisticsView.as_view(), name="grants-statistics"),
    path("grants/small/", small_api.SmallGrantListView.as_view(), name="small-grant-list"),
    path(
        "grants/small/<id:pk>/", small_api.SmallGrantDetailView.as_view(), name="small-grant-detail"
    ),
    path(
        "grants/small/<id:pk>/comments/",
        small_api.CommentView.as_view(),
        name="small-grant-comments",
    ),
    path(
        "grants/initiatives/",
        initiative_api.InitiativeListView.as_view(),
        name="local-initiative-list",
    ),
    path(
        "grants/initiatives/<id:pk>/",
        initiative_api.InitiativeDetailView.as_view(),
        name="local-initiative-detail",
    ),
    path(
        "grants/initiatives/<id:pk>/assessment/",
        initiative_api.AssessmentView.as_view(),
        name="local-initiative-assessment",
    ),
    path("grants/reports/", report_api.ReportListView.as_view(), name="cooperation-report-list"),
    path(
        "grants/operational-programmes/",
        report_api.OperationalProgrammeListView.as_view(),
        name="operational-programme-list",
    ),
    re_path(
        r"^grants/reports/(?P<year>[0-9]{4})/$",
        report_api.ReportDetailView.as_view(),
        name="cooperation-report-detail",
    ),
    re_path(
        r"^grants/reports/(?P<year>[0-9]{4})/commentary/$",
        report_api.CommentaryView.as_view(),
        name="cooperation-report-commentary",
    ),
    re_path(
        r"^grants/register/(?P<year>[0-9]{4})\.(?P<fmt>csv|json)$",
        api.RegisterView.as_view(),
        name="grants-register",
    ),
]
urlpatterns += [
    path("grants/agreements/", agreement_api.AgreementListView.as_view(), name="agreement-list"),
    path(
        "grants/agreements/<id:pk>/",
        agreement_api.AgreementDetailView.as_view(),
        name="agreement-detail",
    ),
    path(
        "grants/agreements/<id:pk>/estimate/",
        agreement_api.EstimateView.as_view(),
        name="agreement-estimate",
    ),
    path(
        "grants/agreements/<id:pk>/tranches/",
        agreement_api.TranchesView.as_view(),
        name="agreement-tranches",
    ),
    path(
        "grants/agreements/<id:pk>/transfers/",
        agreement_api.TransferView.as_view(),
        name="agreement-transfers",
    ),
    path(
        "grants/agreements/<id:pk>/returns/",
        agreement_api.ReturnView.as_view(),
        name="agreement-returns",
    ),
    path(
        "grants/agreements/<id:pk>/changes/",
        agreement_api.ChangeListView.as_view(),
        name="agreement-changes",
    ),
    path(
        "grants/agreements/<id:pk>/reports/",
        agreement_api.ReportListView.as_view(),
        name="agreement-reports",
    ),
    path(
        "grants/task-reports/<id:pk>/",
        agreement_api.ReportDetailView.as_view(),
        name="task-report-detail",
    ),
    re_path(
        r"^grants/agreement-register/(?P<year>[0-9]{4})\.(?P<fmt>csv|json)$",
        agreement_api.RegisterView.as_view(),
        name="agreement-register",
    ),
]
