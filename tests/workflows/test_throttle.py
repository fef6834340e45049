import pytest
from django.test import RequestFactory

from workflows.throttle import over_limit


def test_a_check_without_counting_is_by_address_only():
    # The check reads the marker that counting by address leaves; for other keys there is none.
    request = RequestFactory().post("/", {"username": "anna"})
    with pytest.raises(ValueError, match="by address only"):
        over_limit(request, group="login", rate="5/m", key="post:username", count=False)
