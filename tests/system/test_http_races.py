"""Duplicate ballots raced over real HTTP against two uvicorn workers (two processes, two
database connection sets), not only threads in one process as in tests/budget."""

import threading

import pytest
import requests

from tests.system import support
from tests.system.conftest import FAULTS_DB
from tests.system.voting import ballot_body

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


# Forty refusals from one address in a second: the address throttle (which this test is not
# about) would answer some of them 429 once one worker has taken more than its share.
@pytest.mark.parametrize(
    "served",
    [{"workers": 2, "env": {"BALLOT_REFUSALS_PER_MINUTE": "1000"}}],
    ids=["two-workers"],
    indirect=True,
)
def test_fifty_parallel_duplicates_over_http_store_one_ballot_per_voter(served):
    box, base, process, _ = served
    # 50 requests at once: ten voters, each five times.
    bodies = [ballot_body(box, 1 + n % 10) for n in range(50)]
    barrier = threading.Barrier(len(bodies))
    outcomes: list[tuple[int, str]] = [(0, "")] * len(bodies)

    def cast(i):
        session = requests.Session()
        barrier.wait()
        response = session.post(base + box.cast_url, json=bodies[i], timeout=60)
        body = response.json()
        outcomes[i] = (response.status_code, body.get("error", {}).get("details", {}).get("code"))

    threads = [threading.Thread(target=cast, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)

    assert process.poll() is None
    others = [o for o in outcomes if o not in ((201, None), (409, "already_voted"))]
    assert not others, others
    assert outcomes.count((201, None)) == 10, outcomes
    assert outcomes.count((409, "already_voted")) == 40, outcomes
    stored = support.query(
        FAULTS_DB, "SELECT count(*), count(DISTINCT voter_key) FROM budget_ballot"
    )
    assert stored[0] == (10, 10)
    choices = support.query(FAULTS_DB, "SELECT count(*) FROM budget_ballotchoice")
    assert choices[0] == (10,)
