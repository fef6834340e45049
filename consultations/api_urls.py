from django.urls import path

from .api import views

p = "consultations/"
urlpatterns = [
    path(f"{p}programmes/", views.ProgrammeListView.as_view(), name="consultations-programmes"),
    path(
        f"{p}programmes/<id:pk>/",
        views.ProgrammeDetailView.as_view(),
        name="consultations-programme",
    ),
    path(
        f"{p}programmes/<id:pk>/chapters/",
        views.ChapterListView.as_view(),
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
    path(f"{p}comments/<id:pk>/answer/", views.AnswerView.as_view(), name="consultations-answer"),
]
