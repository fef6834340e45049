"""axe-core on every main page (0 serious or critical violations) and 360 px phone widths.

The pages are visited over the demo city (`manage.py load_demo`, loaded once for the module:
these tests only read), each as the role that uses it. A page whose URL the apps do not
provide (yet) is skipped with the missing URL name in the reason; a page whose URL exists
must pass.
"""

from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, reverse

from tests.e2e.conftest import DEMO_PASSWORD, describe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(serialized_rollback=True)]


@dataclass(frozen=True)
class Page:
    name: str
    url_names: tuple[str, ...]  # the first that resolves is used
    args: str = ""  # which demo object gives the URL argument: programme, meeting, edition, ...
    user: str = ""  # demo account to sign in as
    # Results answer 409 with an explanation until votes are counted and published.
    statuses: tuple[int, ...] = (200,)


PAGES = [
    Page("home", ("home",)),
    Page("login", ("login",)),
    Page("signup", ("signup",)),
    Page("password reset", ("password-reset",)),
    Page("password reset sent", ("password-reset-done",)),
    Page("e-mail confirmation", ("email-confirmation",), "", "mieszkaniec"),
    Page("programme list", ("consultations:list",)),
    Page("programme", ("consultations:programme",), "programme"),
    Page("programme text", ("consultations:document",), "programme"),
    Page("comment form", ("consultations:comment",), "programme", "mieszkaniec"),
    Page("answering queue", ("consultations:queue",), "programme", "koordynator"),
    Page("30 November timeline", ("consultations:timeline",), "programme", "urzednik"),
    Page("consultation report", ("consultations:report",), "programme"),
    Page("new programme", ("consultations:programme-new",), "", "urzednik"),
    Page("chapter draft", ("consultations:chapter-edit",), "draft_chapter", "moderator"),
    Page("chapter versions", ("consultations:chapter-diff",), "revised_chapter"),
    Page("meeting list", ("meeting-list",)),
    Page("meeting room", ("meeting-room",), "meeting", "moderator"),
    Page("meeting plan", ("meeting-new",), "", "moderator"),
    Page("budget", ("budget:home",)),
    Page("edition", ("budget:edition",), "edition"),
    Page("proposal list", ("budget:proposals",), "edition"),
    Page("proposal detail", ("budget:proposal",), "proposal"),
    Page("proposal form", ("budget:proposal-new",), "edition", "mieszkaniec"),
    Page("voting", ("budget:vote",), "edition", "mieszkaniec"),
    Page("results", ("results:edition",), "past_edition", statuses=(200, 409)),
    Page("results (voting open)", ("results:edition",), "edition", statuses=(409,)),
    Page("implementation", ("budget:implementation",), "edition"),
    Page("budget annex", ("budget:annex",), "past_edition"),
    Page("results, staff amending", ("results:edition",), "past_edition", "urzednik"),
    Page("verification queue", ("budget:queue",), "", "weryfikator"),
    Page("appeals", ("budget:appeals",), "", "urzednik"),
    Page("paper ballots", ("budget:paper",), "edition", "urzednik"),
    Page("staff dashboard", ("staff-dashboard",), "", "urzednik"),
    Page("workflow object", ("workflow-object",), "programme_object", "urzednik"),
    Page("grant competitions", ("grants:list",), "", "urzednik"),
    Page("small grants", ("grants:small-list",)),
    Page("small grant form", ("grants:small-new",), "", "organizacja"),
    Page("local initiatives", ("grants:initiatives",)),
    Page("local initiative form", ("grants:initiative-new",), "", "mieszkaniec"),
    Page("cooperation reports", ("grants:reports",), "", "urzednik"),
]


def demo_objects() -> dict:
    """The demo object of each kind that a page's URL takes, by what the URL expects."""

    from workflows.registry import get_kind

    found = {}
    # The demo has a programme and an edition at every stage: the pages are visited over
    # the programme out for comments and the edition in voting.
    current = {"programme": {"state": "comments_open"}, "edition": {"state": "voting"}}
    for name in ("programme", "meeting", "proposal"):
        kind = get_kind(name)
        if kind is None:
            continue
        objects = kind.queryset().order_by("pk")
        obj = objects.filter(**current.get(name, {})).first() or objects.first()
        if obj is not None:
            found[name] = [obj.pk]
    if "programme" in found:
        found["programme_object"] = ["programme", *found["programme"]]
        from consultations.models import Chapter

        # The demo's chapters published twice: their versions are compared.
        revised = Chapter.objects.filter(programme=found["programme"][0], versions__number=2)
        if revised.exists():
            found["revised_chapter"] = [revised.first().pk]
    edition = get_kind("edition")
    newest = None
    if edition is not None:
        # Budget pages are addressed by the year of the edition in voting (else the newest).
        editions = edition.queryset()
        newest = editions.filter(**current["edition"]).first()
        newest = newest or editions.order_by("-year").first()
    if newest is not None:
        found["edition"] = [newest.year]
    # The demo's previous edition has its results published.
    oldest = edition.queryset().order_by("year").first() if edition else None
    if oldest is not None and oldest != newest:
        found["past_edition"] = [oldest.year]
    return found


def draft_chapter() -> dict:
    """A chapter its sector team may still edit (the demo's programme is out for comments)."""

    from consultations.models import SectorTeam
    from consultations.services import chapters, programmes
    from workflows.accounts.models import User
    from workflows.services import advance

    team = SectorTeam.objects.order_by("pk").first()
    if team is None:
        return {}
    staff = User.objects.get(username="urzednik")
    programme = programmes.create_programme(by=staff, title="Program na 2028 rok", year_from=2028)
    advance(programme, "start_drafting", by=staff)
    chapter = programmes.add_chapter(by=staff, programme=programme, sector_team=team)
    blocks = [{"kind": "strength", "text": "Aktywne organizacje."}, {"kind": "goal", "text": "Cel"}]
    chapters.create_version(by=staff, chapter=chapter, blocks=blocks)
    return {"draft_chapter": [chapter.pk]}


@pytest.fixture(scope="module")
def demo(read_only_site, django_db_blocker):
    with django_db_blocker.unblock():
        return {**demo_objects(), **draft_chapter()}


def resolve(page: Page, objects: dict) -> str:
    if page.args and page.args not in objects:
        pytest.skip(f"{page.name}: the demo city has no {page.args} (no demo data from its app)")
    args = objects[page.args] if page.args else []
    for url_name in page.url_names:
        try:
            return reverse(url_name, args=args)
        except NoReverseMatch:
            continue
    pytest.skip(f"{page.name}: no URL named {' or '.join(page.url_names)} yet")


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/logowanie/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "/logowanie/" not in page.url, f"demo login {username} failed"


@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_page_has_no_serious_accessibility_violations(spec, demo, read_only_site, page, axe_check):
    path = resolve(spec, demo)
    if spec.user:
        sign_in(page, read_only_site, spec.user)
    response = page.goto(f"{read_only_site}{path}")
    assert response.status in spec.statuses, f"{path} answered {response.status}"
    violations = axe_check(page)
    assert not violations, f"{path}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_page_fits_a_360_px_phone(spec, demo, read_only_site, page):
    path = resolve(spec, demo)
    if spec.user:
        sign_in(page, read_only_site, spec.user)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{read_only_site}{path}")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} scrolls sideways at 360 px: {widths}"


# Every main page in English too (the staff back-office lists are checked in Polish).
ENGLISH = [p for p in PAGES if p.name not in {"paper ballots", "appeals", "verification queue"}]


@pytest.mark.parametrize("spec", ENGLISH, ids=[p.name for p in ENGLISH])
def test_english_page_has_no_serious_violations(spec, demo, read_only_site, page, axe_check):
    path = resolve(spec, demo)
    if spec.user:
        sign_in(page, read_only_site, spec.user)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": read_only_site}])
    response = page.goto(f"{read_only_site}{path}")
    assert response.status in spec.statuses, f"{path} answered {response.status}"
    assert page.locator("html").get_attribute("lang") == "en"
    violations = axe_check(page)
    assert not violations, f"{path} (English):\n{describe_violations(violations)}"
