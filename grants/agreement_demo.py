"""Demo agreements, one in each stage: the decided 2027 competition's grant (lower than
requested) waits for the organisation's updated estimate; a 2026 competition (several offers
per organisation allowed) gives agreements signed (multi-year, an annex and a pending change
request), with the final report submitted (late), returned, accepted (the unused grant to
return), settled, and one terminated. Through the real services and the engine; idempotent
(found by the competition's title)."""

from datetime import date, datetime

from django.utils import timezone

from workflows.services import advance

from . import agreement_services, demo
from .models import Competition, Offer

AFTER = "Przeciwdziałanie wykluczeniu cyfrowemu seniorów w 2026 roku"
PERIOD = (date(2026, 2, 1), date(2026, 10, 31))
# The offers of the 2026 competition: (title, the stage its agreement is left in).
TASKS = [
    ("Cyfrowy senior w Podgórzu", "signed"),
    ("Tablet bez tajemnic", "report_submitted"),
    ("Bezpieczny senior w sieci", "report_returned"),
    ("E-urząd dla seniorów", "report_accepted"),
    ("Kafejka seniora", "settled"),
    ("Seniorzy w mediach społecznościowych", "terminated"),
]


def _report(agreement, rep, spent: str):
    line = agreement.cost_lines.get()
    report = agreement_services.write_report(
        by=rep,
        agreement=agreement,
        final=True,
        achieved="Zajęcia komputerowe w trzech klubach seniora, 24 spotkania.",
        beneficiaries=90,
        lines=[{"cost_line": line.pk, "spent_grant": spent, "spent_own": line.from_own}],
    )
    advance(report, "submit", by=rep)
    return report


def _carry_out(staff, offer, number: int, stage: str) -> None:
    rep = offer.organisation.representatives.order_by("pk").first()
    multi_year = stage == "signed"
    agreement = agreement_services.draft_agreement(
        by=staff,
        offer=offer,
        number=f"WS-DS/{number}/2026",
        starts_on=date(2026, 6, 1) if multi_year else None,
        ends_on=date(2027, 5, 31) if multi_year else None,
        tranches=[{"year": 2026, "amount": "12000"}, {"year": 2027, "amount": "8000"}]
        if multi_year
        else None,
        # Agreed otherwise than 30 days (art. 18 ust. 1) for all but the late report.
        report_due=None if stage == "report_submitted" else date(2026, 12, 20),
    )
    if stage == "terminated":
        advance(agreement, "terminate", by=staff, reason="Organizacja zrezygnowała z zadania.")
        return
    advance(agreement, "sign", by=staff, signed_on=date(2026, 1, 20 + number))
    tranche = agreement.tranches.order_by("year").first()
    agreement_services.record_transfer(
        by=staff, agreement=agreement, tranche=tranche.pk, transferred_on=date(2026, 2, 1)
    )
    if stage == "signed":
        change = agreement_services.request_change(
            by=rep,
            agreement=agreement,
            justification="Zajęcia w wakacje przeniesione na wrzesień.",
            new_schedule="czerwiec–lipiec i wrzesień 2026 – maj 2027: zajęcia w klubach.",
        )
        advance(change, "approve", by=staff)
        agreement_services.request_change(
            by=rep,
            agreement=agreement,
            justification="Choroba prowadzącego: zajęcia potrwają do końca czerwca.",
            new_ends_on=date(2027, 6, 30),
        )
        return
    report = _report(agreement, rep, "19500.00")
    if stage == "report_submitted":
        return
    if stage == "report_returned":
        advance(report, "send_back", by=staff, reason="Brak list obecności uczestników.")
        return
    advance(report, "accept", by=staff)
    if stage == "settled":
        agreement_services.record_return(
            by=staff, agreement=agreement, amount="500.00", returned_on=date(2026, 11, 10)
        )
        advance(agreement, "settle", by=staff)


def load(staff, organisations, areas) -> None:
    if Competition.objects.filter(title=AFTER).exists():
        return
    decided = Offer.objects.filter(competition__title=demo.DECIDED, state="granted").first()
    if decided is not None and not hasattr(decided, "agreement"):
        # 25 000 zł of the 30 000 zł requested: the organisation updates its estimate next.
        agreement_services.draft_agreement(by=staff, offer=decided, number="WS-DS/1/2027")
    competition = demo._draft(staff, AFTER, areas[0], "200000", period=PERIOD, several=True)
    advance(competition, "publish", by=staff)
    offers = [
        demo._offer(competition, organisations[i % 2], title, "20000", "3000", PERIOD)
        for i, (title, _stage) in enumerate(TASKS)
    ]
    members = demo.User.objects.filter(username__in=["koordynator", "mieszkaniec2", "czlonek"])
    sheets = {index: [8, 4, 4] for index in range(len(offers))}
    demo._close_and_score(staff, competition, offers, list(members), sheets)
    for offer in offers:
        advance(offer, "grant", by=staff, amount="20000")
    advance(competition, "publish_results", by=staff)
    # The history as data: announced in November 2025, results in January 2026.
    Competition.objects.filter(pk=competition.pk).update(
        published_at=timezone.make_aware(datetime(2025, 11, 14, 12)),
        offers_deadline=timezone.make_aware(datetime(2025, 12, 10, 16)),
        results_published_at=timezone.make_aware(datetime(2026, 1, 15, 12)),
    )
    for number, (offer, (_title, stage)) in enumerate(zip(offers, TASKS, strict=True), start=2):
        _carry_out(staff, offer, number, stage)
