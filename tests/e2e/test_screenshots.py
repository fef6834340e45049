"""Full-page screenshots of the main pages at 1280 px and 360 px, for people to look at.

Saved as test-artifacts/screenshots/<page>-<width>.png (the folder is gitignored; CI keeps it
as an artifact). Each page must answer as expected and fit its width without sideways scroll.
"""

import re
from pathlib import Path

import pytest

from tests.e2e.test_accessibility import PAGES, demo, resolve, sign_in  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(serialized_rollback=True)]

FOLDER = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (1280, 360)
# The pages a person meets (staff back-office lists are covered by the accessibility test).
MAIN = [p for p in PAGES if p.name not in {"results (voting open)", "paper ballots", "appeals"}]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@pytest.mark.parametrize("spec", MAIN, ids=[p.name for p in MAIN])
def test_main_page_is_photographed_at_desktop_and_phone_widths(spec, demo, read_only_site, page):  # noqa: F811
    path = resolve(spec, demo)
    if spec.user:
        sign_in(page, read_only_site, spec.user)
    FOLDER.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(f"{read_only_site}{path}")
        assert response.status in spec.statuses, f"{path} answered {response.status}"
        target = FOLDER / f"{_slug(spec.name)}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
