"""The page comparing two versions of a chapter: blocks added, removed and changed, with
word-level marks, people's text escaped, and only versions of this chapter the reader may see."""

import pytest

from consultations.diffing import words_diff
from consultations.services.chapters import create_version, publish_version
from tests.consultations.factories import BLOCKS, force_state, published_chapter, setup_staff

pytestmark = pytest.mark.django_db


def url(chapter, query=""):
    return f"/konsultacje/rozdzialy/{chapter.pk}/wersje/{query}"


def blocks_of(version):
    return [
        {
            "anchor": b.anchor,
            "kind": b.kind,
            "text": b.text,
            "responsible_unit": b.responsible_unit,
            "indicator": b.indicator,
            "budget_estimate": b.budget_estimate and str(b.budget_estimate),
        }
        for b in version.blocks.all()
    ]


@pytest.fixture
def second(chapter):
    """Version 2: the intro reworded, a weakness removed, a threat with markup added, the
    action's indicator changed."""

    staff = setup_staff()
    blocks = blocks_of(chapter.versions.get(number=1))
    blocks[0]["text"] = "Nowy wstęp do rozdziału."
    del blocks[2]
    blocks.insert(2, {"kind": "threat", "text": "<script>alert('x')</script> Spadek dotacji."})
    blocks[-1]["indicator"] = "liczba udzielonych grantów i ich beneficjentów"
    version = create_version(by=staff, chapter=chapter, blocks=blocks, note="Po spotkaniu.")
    publish_version(by=staff, version=version)
    return force_state(chapter.programme, "comments_open")


def test_diff_page_marks_added_removed_and_changed_blocks(client, chapter, second):
    response = client.get(url(chapter))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zmiany od wersji 1 do wersji 2" in page
    assert "Bloki dodane: 1, usunięte: 1, zmienione: 2." in page
    assert "<del>Wstęp</del><ins>Nowy wstęp</ins> do rozdziału." in page
    assert "<del>Niestabilne finansowanie.</del>" in page
    assert "liczba udzielonych grantów<ins> i ich beneficjentów</ins>" in page
    assert "Po spotkaniu." in page


def test_text_with_markup_is_escaped(client, chapter, second):
    page = client.get(url(chapter)).content.decode()
    assert "<script>alert" not in page
    assert "<ins>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Spadek dotacji.</ins>" in page


def test_words_diff_escapes_every_piece():
    marked = words_diff("a <b>", "a <i> & c")
    assert "<b>" not in marked and "<i>" not in marked
    assert marked == "a &lt;<del>b</del><ins>i</ins>&gt;<ins> &amp; c</ins>"


def test_versions_are_chosen_on_the_page_either_way(client, chapter, second):
    page = client.get(url(chapter, "?od=2&do=1")).content.decode()
    assert "Zmiany od wersji 2 do wersji 1" in page
    assert "<del>Nowy wstęp</del><ins>Wstęp</ins>" in page
    assert '<label class="govuk-label govuk-label--s" for="id_od">' in page


def test_a_version_of_another_chapter_is_404(client, chapter, second):
    force_state(chapter.programme, "drafting")
    other = published_chapter(chapter.programme)
    staff = setup_staff()
    for _ in range(2):
        version = create_version(by=staff, chapter=other)
        publish_version(by=staff, version=version)
    force_state(chapter.programme, "comments_open")
    assert other.versions.filter(number=3).exists()
    assert client.get(url(chapter, "?od=1&do=3")).status_code == 404
    assert client.get(url(other, "?od=1&do=3")).status_code == 200


def test_drafts_are_compared_by_the_authors_only(client, coordinator, chapter, second):
    force_state(chapter.programme, "answering")
    create_version(by=coordinator, chapter=chapter)  # version 3, the final text's draft
    assert client.get(url(chapter, "?od=2&do=3")).status_code == 404
    client.force_login(coordinator)
    assert client.get(url(chapter, "?od=2&do=3")).status_code == 200


def test_bad_version_number_is_400(client, chapter, second):
    assert client.get(url(chapter, "?od=abc&do=2")).status_code == 400


def test_a_chapter_with_one_version_has_nothing_to_compare(client, programme, chapter):
    force_state(programme, "comments_open")
    assert client.get(url(chapter)).status_code == 404


def test_programme_page_links_to_the_comparison(client, chapter, second):
    page = client.get(f"/konsultacje/{chapter.programme_id}/").content.decode()
    assert f'href="{url(chapter)}"' in page


def test_diff_page_queries_do_not_grow_with_blocks(
    client, chapter, second, django_assert_max_num_queries
):
    force_state(chapter.programme, "drafting")
    many = published_chapter(chapter.programme, blocks=BLOCKS * 8)
    version = create_version(by=setup_staff(), chapter=many)
    publish_version(by=setup_staff(), version=version)
    force_state(chapter.programme, "comments_open")
    client.get(url(chapter))
    with django_assert_max_num_queries(12):
        assert client.get(url(many)).status_code == 200
