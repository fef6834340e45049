"""The consultation report and the adopted programme as documents: CSV, HTML and PDF.

Everything is rendered from the data, so the same data always gives the same document.
"""

import csv
import io

from django.template.loader import render_to_string
from django.utils.text import slugify

from . import selectors
from .models import Programme

CSV_HEADER = [
    "nr",
    "autor",
    "KRS",
    "czego dotyczy",
    "rozdział",
    "akapit",
    "komentowany zapis",
    "rodzaj uwagi",
    "proponowane brzmienie",
    "uzasadnienie",
    "rozstrzygnięcie",
    "uzasadnienie odpowiedzi",
]


def filename(programme: Programme) -> str:
    return f"raport-z-konsultacji-{slugify(programme.period_label)}-{programme.pk}"


def csv_rows(programme: Programme):
    yield CSV_HEADER
    for number, comment in enumerate(selectors.comments(programme), start=1):
        answer = comment.answer_or_none
        yield [
            number,
            comment.author_label,
            comment.author_krs,
            comment.get_target_display(),
            comment.chapter.title if comment.chapter_id else "",
            comment.anchor,
            comment.quoted_text,
            comment.get_kind_display(),
            comment.proposed_wording,
            comment.justification,
            answer.get_decision_display() if answer else "bez odpowiedzi",
            answer.reason if answer else "",
        ]


def _cell(value) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_text(rows) -> str:
    """Rows as CSV a spreadsheet opens right (also the budget's annex, budget/annex.py)."""

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()  # BOM: spreadsheets then read Polish letters right


def as_csv(programme: Programme) -> str:
    return csv_text(csv_rows(programme))


def pdf(template: str, context: dict) -> bytes:
    return pdf_from_html(render_to_string(template, context))


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML  # imported late: loading pango costs time at startup

    return HTML(string=html).write_pdf()


REPORT_PRINT = "consultations/report_print.html"
PROGRAMME_PRINT = "consultations/programme_print.html"


def report_print_context(programme: Programme) -> dict:
    return {"report": selectors.report(programme)}


def document_context(programme: Programme) -> dict:
    from .documents import creation_section

    return {
        "programme": programme,
        "chapters": selectors.published_chapters(programme),
        "task_areas": list(programme.priority_task_areas.all()),
        "strategy_goals": list(programme.strategy_goals.all()),
        "creation": creation_section(programme),
    }
