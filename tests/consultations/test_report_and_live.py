"""The consultation report against a fixture, live events, and constant query counts."""

import csv
import io

import pytest
from channels.testing import WebsocketCommunicator
from django_tasks_db.models import DBTaskResult

from config.asgi import application
from consultations.models import Answer, Comment
from consultations.report import as_csv
from consultations.services.comments import submit_comment
from notifications.bip.models import Print
from notifications.bip.tasks import render_print
from tests.consultations.factories import OrganisationFactory, force_state

EXPECTED_CSV = [
    [
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
    ],
    [
        "1",
        "Fundacja Wspólny Kraków",
        "{krs}",
        "działanie",
        "{chapter}",
        "{anchor}",
        "Małe granty dla młodych organizacji.",
        "zmiana zapisu",
        "Granty do 20 000 zł.",
        "Obecny limit jest za niski.",
        "uwzględniona częściowo",
        "Podniesiono limit do 15 000 zł.",
    ],
    [
        "2",
        "mieszkaniec",
        "",
        "program",
        "",
        "",
        "",
        "uwaga ogólna",
        "",
        "'=Więcej informacji w dzielnicach.",
        "nieuwzględniona",
        "Poza zakresem programu.",
    ],
]


@pytest.fixture
def answered(open_programme, chapter, representative, organisation, resident, coordinator):
    action = chapter.versions.get().blocks.get(kind="action")
    first = submit_comment(
        by=representative,
        programme=open_programme,
        kind="change",
        proposed_wording="Granty do 20 000 zł.",
        justification="Obecny limit jest za niski.",
        chapter=chapter,
        anchor=action.anchor,
        organisation=organisation,
    )
    second = submit_comment(
        by=resident,
        programme=open_programme,
        kind="general",
        justification="=Więcej informacji w dzielnicach.",
    )
    Answer.objects.create(
        comment=first,
        decision="partly",
        reason="Podniesiono limit do 15 000 zł.",
        answered_by=coordinator,
    )
    Answer.objects.create(
        comment=second,
        decision="rejected",
        reason="Poza zakresem programu.",
        answered_by=coordinator,
    )
    return force_state(open_programme, "report_published")


@pytest.mark.django_db
def test_report_csv_matches_the_fixture_and_is_reproducible(answered, chapter, organisation):
    action = chapter.versions.get().blocks.get(kind="action")
    text = as_csv(answered)
    assert text == as_csv(answered)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    expected = [
        [c.format(chapter=chapter.title, anchor=action.anchor, krs=organisation.krs) for c in r]
        for r in EXPECTED_CSV
    ]
    assert rows == expected


@pytest.mark.django_db
def test_report_counts_by_kind_and_answer(api, answered):
    body = api.get(f"/api/v1/consultations/programmes/{answered.pk}/report/").json()
    assert body["total"] == 2 and body["organisations"] == 1
    assert body["by_kind"] == {"change": 1, "addition": 0, "deletion": 0, "general": 1}
    assert body["by_decision"] == {
        "accepted": 0,
        "partly": 1,
        "rejected": 1,
        "not_applicable": 0,
        "unanswered": 0,
    }


@pytest.mark.django_db
def test_report_page_and_pdf(client, work, answered):
    page = client.get(f"/konsultacje/{answered.pk}/raport/").content.decode()
    assert "Fundacja Wspólny Kraków" in page and "Podniesiono limit do 15 000 zł." in page
    assert "mieszkaniec" in page
    assert client.get(f"/konsultacje/{answered.pk}/raport.pdf").status_code == 202
    work()  # the worker renders it
    pdf = client.get(f"/konsultacje/{answered.pk}/raport.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    csv_response = client.get(f"/konsultacje/{answered.pk}/raport.csv")
    assert "attachment" in csv_response["Content-Disposition"]


@pytest.mark.django_db
def test_programme_document_has_the_generated_creation_section(client, work, answered):
    page = client.get(f"/konsultacje/{answered.pk}/program/").content.decode()
    assert "Informacja o sposobie tworzenia programu" in page
    assert "Zgłoszono 2 uwag, w tym od 1 organizacji" in page
    assert client.get(f"/konsultacje/{answered.pk}/program.pdf").status_code == 202
    work()
    assert client.get(f"/konsultacje/{answered.pk}/program.pdf").content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_programme_pdf_is_prepared_by_the_worker_never_in_the_request(client, work, answered):
    url = f"/konsultacje/{answered.pk}/program.pdf"
    first = client.get(url)
    assert first.status_code == 202 and first["Retry-After"]
    assert "Plik jest przygotowywany" in first.content.decode()
    assert client.get(url).status_code == 202  # asked again before the worker ran
    queued = DBTaskResult.objects.filter(task_path=render_print.module_path)
    assert queued.count() == 1  # one render for one content, however often it is asked
    work()
    ready = client.get(url)
    assert ready.status_code == 200 and ready.content.startswith(b"%PDF")
    assert client.get(url).content == ready.content and Print.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_programme_is_never_served_from_the_old_pdf(client, work, answered):
    url = f"/konsultacje/{answered.pk}/program.pdf"
    client.get(url)
    work()
    old = client.get(url).content
    type(answered).objects.filter(pk=answered.pk).update(title="Program po zmianie")
    assert client.get(url).status_code == 202
    work()
    new = client.get(url)
    assert new.status_code == 200 and new.content != old
    assert Print.objects.count() == 2


@pytest.mark.django_db
def test_a_programme_one_may_not_read_gets_no_pdf_and_no_render(client, programme):
    assert client.get(f"/konsultacje/{programme.pk}/program.pdf").status_code == 404
    assert not DBTaskResult.objects.filter(task_path=render_print.module_path).exists()


def many_comments(programme, author, n):
    orgs = [OrganisationFactory() for _ in range(3)]
    comments = Comment.objects.bulk_create(
        Comment(
            programme=programme,
            target="programme",
            kind="general",
            justification=f"uwaga {i}",
            author=author,
            organisation=orgs[i % 3],
        )
        for i in range(n)
    )
    Answer.objects.bulk_create(
        Answer(comment=c, decision="accepted", reason="ok", answered_by=author)
        for c in comments[::2]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 40])
def test_comment_list_api_query_count_is_constant(
    api, open_programme, resident, n, django_assert_max_num_queries
):
    many_comments(open_programme, resident, n)
    with django_assert_max_num_queries(4):
        response = api.get(f"/api/v1/consultations/programmes/{open_programme.pk}/comments/")
    assert response.json()["count"] == n


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 40])
def test_programme_page_query_count_is_constant(
    client, open_programme, resident, n, django_assert_max_num_queries
):
    many_comments(open_programme, resident, n)
    with django_assert_max_num_queries(14):
        page = client.get(f"/konsultacje/{open_programme.pk}/")
    assert page.content.decode().count('class="comment"') == n


@pytest.mark.django_db
def test_programme_page_pages_its_comments(client, open_programme, resident):
    many_comments(open_programme, resident, 150)
    first = client.get(f"/konsultacje/{open_programme.pk}/").content.decode()
    assert first.count('class="comment"') == 100
    assert "Uwagi 1–100 z 150" in first and "?uwagi=2" in first
    second = client.get(f"/konsultacje/{open_programme.pk}/?uwagi=2").content.decode()
    assert second.count('class="comment"') == 50 and 'start="101"' in second


@pytest.mark.django_db
@pytest.mark.parametrize("n", [3, 40])
def test_answer_queue_query_count_is_constant(
    client, coordinator, open_programme, resident, n, django_assert_max_num_queries
):
    many_comments(open_programme, resident, n)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        page = client.get(f"/konsultacje/{open_programme.pk}/uwagi/")
    assert page.status_code == 200


@pytest.mark.django_db(transaction=True)
async def test_new_comment_and_state_change_reach_subscribers(open_programme, resident, staff):
    from asgiref.sync import sync_to_async

    from workflows.services import advance

    communicator = WebsocketCommunicator(
        application, "/ws/", headers=[(b"origin", b"http://testserver")]
    )
    connected, _ = await communicator.connect()
    assert connected
    stream = f"consultation.{open_programme.pk}"
    await communicator.send_json_to({"action": "subscribe", "stream": stream})
    assert (await communicator.receive_json_from())["type"] == "subscribed"
    snapshot = await communicator.receive_json_from()
    assert snapshot["type"] == "snapshot"
    assert snapshot["data"]["state"] == "comments_open"
    assert snapshot["data"]["counts"] == {"total": 0, "answered": 0, "unanswered": 0}

    await sync_to_async(submit_comment)(
        by=resident, programme=open_programme, kind="general", justification="<b>Uwaga</b>"
    )
    event = await communicator.receive_json_from(timeout=5)
    assert event["type"] == "comment.created" and event["stream"] == stream
    assert event["data"]["comment"]["author"] == "mieszkaniec"
    assert event["data"]["comment"]["justification"] == "<b>Uwaga</b>"
    assert event["data"]["counts"]["unanswered"] == 1

    from django.utils import timezone

    from consultations.models import Programme

    await sync_to_async(Programme.objects.filter(pk=open_programme.pk).update)(
        comments_close_at=timezone.now()
    )
    await sync_to_async(advance)(open_programme, "close_comments", by=staff)
    event = await communicator.receive_json_from(timeout=5)
    assert (event["type"], event["data"]["to"], event["data"]["state_label"]) == (
        "transition",
        "comments_closed",
        "zbieranie uwag zakończone",
    )
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
async def test_unpublished_programme_stream_is_refused(programme):
    communicator = WebsocketCommunicator(
        application, "/ws/", headers=[(b"origin", b"http://testserver")]
    )
    await communicator.connect()
    await communicator.send_json_to(
        {"action": "subscribe", "stream": f"consultation.{programme.pk}"}
    )
    reply = await communicator.receive_json_from()
    assert (reply["type"], reply["code"]) == ("error", "forbidden")
    await communicator.disconnect()
