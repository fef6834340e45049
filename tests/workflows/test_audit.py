"""The audit chain: appends link up, and verify_audit catches edits, deletions, truncation."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from workflows.audit import verify
from workflows.models import AppendOnlyError, AuditEntry
from workflows.services import SYSTEM, advance, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(petition, owner):
    advance(petition, "submit", by=owner)
    record(petition, "note_added", by=owner, reason="uzupełnienie", payload={"pages": 3})
    advance(petition, "close", by=SYSTEM, reason="termin")
    return list(AuditEntry.objects.order_by("id"))


def test_rows_link_to_their_predecessor(chain):
    assert chain[0].prev_hash == "0" * 64
    assert [row.prev_hash for row in chain[1:]] == [row.hash for row in chain[:-1]]
    assert verify() == []


def test_verify_command_reports_an_intact_chain(chain, capsys):
    call_command("verify_audit")
    assert "3 entries, chain intact" in capsys.readouterr().out


def test_an_edited_row_is_detected(chain):
    AuditEntry.objects.filter(pk=chain[1].pk).update(reason="inna treść")
    problems = verify()
    assert [(p.row_id, "edited" in p.message) for p in problems] == [(chain[1].pk, True)]
    with pytest.raises(CommandError):
        call_command("verify_audit")


def test_an_edited_state_is_detected(chain):
    AuditEntry.objects.filter(pk=chain[0].pk).update(to_state="accepted")
    assert [p.row_id for p in verify()] == [chain[0].pk]


def test_a_deleted_row_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [chain[1].pk])
    problems = verify()
    assert any(p.row_id == chain[2].pk and "link broken" in p.message for p in problems)


def test_a_deleted_last_row_is_detected(chain):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [chain[2].pk])
    assert [p.row_id for p in verify()] == [None]


def test_rows_cannot_be_changed_or_deleted_through_the_orm(chain):
    with pytest.raises(AppendOnlyError):
        chain[0].save()
    with pytest.raises(AppendOnlyError):
        chain[0].delete()


def test_payload_with_decimals_verifies(petition, owner):
    from decimal import Decimal

    record(petition, "cost_changed", by=owner, payload={"cost": Decimal("1234.50")})
    assert verify() == []
    assert AuditEntry.objects.get().payload == {"cost": "1234.50"}
