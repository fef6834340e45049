"""The 31 May report as documents: PDF for the council, CSV and JSON as open data.

Rendered from the report's snapshot, so the same report always gives the same document.
"""

import csv
import io

from consultations.report import _cell, pdf

from . import report_selectors
from .cooperation_report import CooperationReport, deadline_status

CSV_HEADER = ["sekcja", "obszar", "nazwa obszaru", "wskaźnik", "wartość"]


def filename(report: CooperationReport) -> str:
    suffix = (
        f"-program-{report.operational_programme_id}" if report.operational_programme_id else ""
    )
    return f"sprawozdanie-z-programu-wspolpracy-{report.year}{suffix}"


def as_data(report: CooperationReport) -> dict:
    """The open-data form: the figures, the commentary and where the report stands."""

    return {
        "id": f"cooperation-report-{report.year}"
        + (f"-op-{report.operational_programme_id}" if report.operational_programme_id else ""),
        "year": report.year,
        "operational_programme": report.operational_programme_id,
        "state": report.state,
        "statutory_deadline": report.statutory_deadline.isoformat(),
        "submitted_on": report.submitted_on.isoformat() if report.submitted_on else None,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "generated_at": report.generated_at.isoformat(),
        "figures": report.figures,
        "commentary": {s["key"]: s["commentary"] for s in report_selectors.sections(report)},
    }


def csv_rows(report: CooperationReport):
    """One row per figure: the section, the task area where it is per area, the measure."""

    figures = report.figures or {}
    yield CSV_HEADER
    competitions = figures.get("competitions") or {}
    for area in competitions.get("areas", []):
        for key, value in area.items():
            if key not in ("number", "name"):
                yield ["competitions", area["number"], area["name"], key, value]
    for key, value in (competitions.get("totals") or {}).items():
        yield ["competitions", "", "razem", key, value]
    for section in ("agreements", "small_grants", "local_initiatives", "cooperation"):
        for key, value in (figures.get(section) or {}).items():
            yield [section, "", "", key, value]
    for key in ("planned_funds", "granted_total"):
        yield ["summary", "", "", key, figures.get(key) or ""]


def as_csv(report: CooperationReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv_rows(report):
        writer.writerow([_cell(v) for v in row])
    return "\ufeff" + out.getvalue()  # BOM: spreadsheets then read Polish letters right


def as_pdf(report: CooperationReport) -> bytes:
    return pdf(
        "grants/report_print.html",
        {
            "report": report,
            "sections": report_selectors.sections(report),
            "status": deadline_status(report),
        },
    )
