from django.urls import path

from . import views

app_name = "consultations"
p = "konsultacje/"
urlpatterns = [
    path(p, views.programme_list, name="list"),
    path(f"{p}nowy/", views.programme_new, name="programme-new"),
    path(f"{p}rozdzialy/<id:pk>/szkic/", views.chapter_edit, name="chapter-edit"),
    path(f"{p}rozdzialy/<id:pk>/publikacja/", views.chapter_publish, name="chapter-publish"),
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
