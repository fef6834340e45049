"""No PESEL anywhere: not in the database, not in logs, not in responses."""

import logging

import pytest
from django.db import connection

from .pesel import adult, aged
from .test_voting import cast, picks, who

pytestmark = pytest.mark.django_db


def every_stored_value() -> str:
    """Every column of every table, as text."""

    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_no_pesel_in_database_logs_or_responses(api, api_as, staff, voting, caplog):
    edition, city, _, cp, _ = voting
    numbers = [adult(7001), adult(7002), aged(15, 7003)]
    bad_checksum = numbers[0][:-1] + str((int(numbers[0][-1]) + 1) % 10)
    caplog.set_level(logging.DEBUG)
    bodies = [
        cast(api, edition, picks(city, cp[0]), identification=who(numbers[0])),  # 201
        cast(api, edition, picks(city, cp[1]), identification=who(numbers[0])),  # 409
        cast(api, edition, picks(city, cp[0]), identification=who(numbers[2])),  # 403
        cast(api, edition, picks(city, *cp), identification=who(numbers[1])),  # 400 rule
        cast(api, edition, picks(city, cp[0]), identification=who(bad_checksum)),  # 400
        api_as(staff).post(
            f"/api/v1/budget/editions/{edition.pk}/paper-ballots/",
            {
                "paper_number": "P-1",
                "identification": who(numbers[1]),
                "pools": [picks(city, cp[2])],
            },
            format="json",
        ),  # 201
    ]
    assert [b.status_code for b in bodies] == [201, 409, 403, 400, 400, 201]
    stored = every_stored_value()
    logged = caplog.text + "".join(repr(r.args) for r in caplog.records)
    for number in [*numbers, bad_checksum]:
        assert number not in stored
        assert number not in logged
        assert all(number not in b.content.decode() for b in bodies)
    assert "Oddano już głos" in bodies[1].content.decode()  # the scan did see the responses
