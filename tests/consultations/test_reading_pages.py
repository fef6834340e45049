"""A programme reads as a document: contents, a SWOT table, goals with their actions, counts."""

from django.urls import reverse

from consultations.models import Comment


def _page(client, programme) -> str:
    return client.get(reverse("consultations:programme", args=[programme.pk])).content.decode()


def test_blocks_are_shown_as_what_they_are_not_as_prefixes(client, open_programme, chapter):
    body = _page(client, open_programme)
    assert 'class="swot"' in body and "Mocne strony" in body and "Słabe strony" in body
    assert "mocna strona:" not in body and "akapit:" not in body
    goal = body.index("Wzmocnienie sektora pozarządowego.")
    action = body.index("Małe granty dla młodych organizacji.")
    assert goal < action  # the action stands under its goal
    assert "50\u00a0000,00\u00a0zł" in body and "Wydział Polityki Społecznej" in body


def test_each_chapter_has_a_table_of_contents(client, open_programme, chapter):
    body = _page(client, open_programme)
    assert f'href="#rozdzial-{chapter.pk}"' in body
    assert f'href="#rozdzial-{chapter.pk}-swot"' in body
    assert f'href="#rozdzial-{chapter.pk}-cele"' in body


def test_block_shows_its_comment_count(client, resident, open_programme, chapter):
    goal = chapter.versions.get().blocks.get(kind="goal")
    for _ in range(2):
        Comment.objects.create(
            programme=open_programme,
            chapter=chapter,
            anchor=goal.anchor,
            target="paragraph",
            kind="general",
            justification="x",
            author=resident,
        )
    body = _page(client, open_programme)
    block = body.split(f'id="{goal.anchor}"')[1].split("</div>\n")[1]
    assert "2 uwag" in block


def test_reading_costs_a_constant_number_of_queries(client, db, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.consultations.factories import ProgrammeFactory, force_state, published_chapter

    small, large = ProgrammeFactory(), ProgrammeFactory()
    published_chapter(small)
    for _ in range(3):
        published_chapter(large)
    force_state(small, "comments_open")
    force_state(large, "comments_open")
    with CaptureQueriesContext(connection) as one:
        _page(client, small)
    with django_assert_max_num_queries(len(one.captured_queries)):
        _page(client, large)
