"""The BIP pages (the list of bundles and a bundle's index with its metryczka) pass axe and
fit a phone."""

import pytest

from notifications.bip.services import publish_bundle
from tests.consultations.factories import ProgrammeFactory, force_state, published_chapter
from tests.e2e.conftest import describe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def bundle(live_url):
    programme = ProgrammeFactory()
    published_chapter(programme)
    force_state(programme, "comments_open")
    assert publish_bundle(subject="programme", subject_id=programme.pk, published_by="Ewa Nowak")
    return programme


@pytest.mark.parametrize("width", [1280, 360])
def test_bip_pages_pass_axe_and_fit_the_screen(bundle, live_url, page, axe_check, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/bip/", f"/bip/programy/{bundle.pk}/"):
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200
        violations = axe_check(page)
        assert not violations, f"{path}:\n{describe_violations(violations)}"
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{path} scrolls sideways at {width} px: {widths}"
    assert page.get_by_text("Wytworzył").is_visible()
