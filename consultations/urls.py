from django.urls import path

from . import diff_views, setup_views, suggestion_views, views

app_name = "consultations"
p = "konsultacje/"
urlpatterns = [
    path(p, views.programme_list, name="list"),
    path(f"{p}nowy/", views.programme_new, name="programme-new"),
    path(f"{p}zespoly/", setup_views.teams, name="teams"),
    path(f"{p}zespoly/<id:pk>/", setup_views.teams, name="team"),
    path(f"{p}<id:pk>/tresc/", setup_views.sections, name="sections"),
    path(f"{p}<id:pk>/rozdzialy/", setup_views.chapters, name="chapters"),
    path(f"{p}<id:pk>/zespol-koordynujacy/", setup_views.coordinating_team, name="coordinating"),
    path(f"{p}<id:pk>/lista-kontrolna/", setup_views.checklist_page, name="checklist"),
    path(f"{p}<id:pk>/opinia-rdpp/", setup_views.rdpp_opinion, name="rdpp-opinion"),
    path(f"{p}rozdzialy/<id:pk>/szkic/", views.chapter_edit, name="chapter-edit"),
    path(f"{p}rozdzialy/<id:pk>/wersje/", diff_views.chapter_diff, name="chapter-diff"),
    path(f"{p}rozdzialy/<id:pk>/publikacja/", views.chapter_publish, name="chapter-publish"),
    path(
        f"{p}propozycje/<id:pk>/przyjecie/",
        suggestion_views.suggestion_accept,
        name="suggestion-accept",
    ),
    path(
        f"{p}propozycje/<id:pk>/odrzucenie/",
        suggestion_views.suggestion_reject,
        name="suggestion-reject",
    ),
    path(f"{p}<id:pk>/", views.programme_page, name="programme"),
    path(f"{p}<id:pk>/uwagi/nowa/", views.comment_form, name="comment"),
    path(f"{p}<id:pk>/uwagi/", views.answer_queue, name="queue"),
    path(f"{p}uwagi/<id:pk>/odpowiedz/", views.answer_form, name="answer"),
    path(f"{p}<id:pk>/harmonogram/", views.timeline, name="timeline"),
    path(f"{p}<id:pk>/raport/", views.report_page, name="report"),
    path(f"{p}<id:pk>/raport.csv", views.report_csv, name="report-csv"),
    path(f"{p}<id:pk>/raport.pdf", views.report_pdf, name="report-pdf"),
    path(f"{p}<id:pk>/program/", views.document_page, name="document"),
    path(f"{p}<id:pk>/program.pdf", views.document_pdf, name="document-pdf"),
]
