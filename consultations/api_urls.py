from django.urls import path

from .api import setup, suggestions, views

p = "consultations/"
urlpatterns = [
    path(f"{p}programmes/", views.ProgrammeListView.as_view(), name="consultations-programmes"),
    path(
        f"{p}programmes/<id:pk>/",
        setup.ProgrammeUpdateView.as_view(),
        name="consultations-programme",
    ),
    path(
        f"{p}programmes/<id:pk>/chapters/",
        setup.ChapterCreateView.as_view(),
        name="consultations-chapters",
    ),
    path(
        f"{p}programmes/<id:pk>/comments/",
        views.CommentListView.as_view(),
        name="consultations-comments",
    ),
    path(
        f"{p}programmes/<id:pk>/schedule/",
        views.ScheduleView.as_view(),
        name="consultations-schedule",
    ),
    path(f"{p}programmes/<id:pk>/coordinating-team/", setup.CoordinatingTeamView.as_view()),
    path(f"{p}programmes/<id:pk>/checklist/", setup.ChecklistView.as_view()),
    path(f"{p}sector-teams/", setup.SectorTeamListView.as_view()),
    path(f"{p}sector-teams/<id:pk>/", setup.SectorTeamDetailView.as_view()),
    path(f"{p}programmes/<id:pk>/report/", views.ReportView.as_view(), name="consultations-report"),
    path(
        f"{p}programmes/<id:pk>/report.csv",
        views.ReportCsvView.as_view(),
        name="consultations-report-csv",
    ),
    path(
        f"{p}programmes/<id:pk>/council-opinion/",
        views.CouncilOpinionView.as_view(),
        name="consultations-opinion",
    ),
    path(
        f"{p}chapters/<id:pk>/versions/",
        views.VersionListView.as_view(),
        name="consultations-versions",
    ),
    path(
        f"{p}chapters/<id:pk>/versions/<id:number>/",
        views.VersionDetailView.as_view(),
        name="consultations-version",
    ),
    path(
        f"{p}chapters/<id:pk>/versions/<id:number>/publish/",
        views.VersionPublishView.as_view(),
        name="consultations-version-publish",
    ),
    path(f"{p}chapters/<id:pk>/diff/", views.DiffView.as_view(), name="consultations-diff"),
    path(
        f"{p}chapters/<id:pk>/suggestions/",
        suggestions.ChapterSuggestionListView.as_view(),
        name="consultations-suggestions",
    ),
    path(
        f"{p}suggestions/<id:pk>/accept/",
        suggestions.SuggestionAcceptView.as_view(),
        name="consultations-suggestion-accept",
    ),
    path(
        f"{p}suggestions/<id:pk>/reject/",
        suggestions.SuggestionRejectView.as_view(),
        name="consultations-suggestion-reject",
    ),
    path(f"{p}comments/<id:pk>/answer/", views.AnswerView.as_view(), name="consultations-answer"),
]
