import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.models import Ballot, Edition, Proposal
from budget.results.models import TallyRun
from budget.results.services import count_edition
from budget.tally import cheaper_first_then_draw, read_pb, tally
from workflows.models import AuditEntry
from workflows.services import SYSTEM

from .conftest import SMALL_PB, cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(closed):
    edition, city, district, cp, dp = closed(tally_rule="mes")
    # No ties, so pabutools' own tie-breaking cannot differ from the edition's draw.
    for _ in range(3):
        cast(edition, city, cp[0])
    cast(edition, city, cp[1], cp[2])
    cast(edition, city, cp[2], cp[3])
    cast(edition, district, dp[1])
    count_edition(edition, by=SYSTEM, seed=5)
    return edition, city, district, cp, dp


def winners(edition, pool):
    return sorted(str(p.pk) for p in Proposal.objects.filter(pool=pool, state="selected"))


def test_export_reread_gives_identical_winners(counted, tmp_path):
    edition, city, district, *_ = counted
    call_command("export_edition_pb", str(edition.pk), str(tmp_path))
    files = sorted(tmp_path.glob("*.pb"))
    assert len(files) == 2
    for path in files:
        election = read_pb(path)
        pool = city if election.meta["district"] == city.name else district
        assert election.meta["country"] == "Poland" and election.meta["rule"] == "mes"
        assert election.meta["instance"] == str(edition.year)
        assert election.meta["num_votes"] == str(len(election.voters))
        # Anyone redoes the edition's tie-break from the published seed.
        order = cheaper_first_then_draw(election, TallyRun.objects.get().seed)
        assert sorted(tally(election, "mes", tie_break=order).selected) == winners(edition, pool)
        selected = sorted(pid for pid, p in election.projects.items() if p.extra["selected"] == "1")
        assert selected == winners(edition, pool)
    text = (tmp_path / files[0].name).read_text()
    assert "age_band" not in text and "key-" not in text


def test_export_matches_pabutools(counted, tmp_path):
    pytest.importorskip("pabutools")
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    edition, city, *_ = counted
    call_command("export_edition_pb", str(edition.pk), str(tmp_path))
    path = next(p for p in tmp_path.glob("*.pb") if read_pb(p).meta["district"] == city.name)
    instance, profile = parse_pabulib(str(path))
    mes = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    assert sorted(p.name for p in mes) == winners(edition, city)
    greedy = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    assert sorted(p.name for p in greedy) == sorted(tally(read_pb(path), "greedy").selected)


def test_export_refused_while_voting(closed, tmp_path):
    edition, *_ = closed(state="voting")
    with pytest.raises(CommandError):
        call_command("export_edition_pb", str(edition.pk), str(tmp_path))
    assert not list(tmp_path.glob("*.pb"))


@pytest.mark.parametrize(
    "name", ["Poland_Warszawa_2025_Rembertow.pb", "Poland_Krakow_2024_Podgorze.pb"]
)
def test_import_real_file_and_count_reproduces_official_winners(shared_data, name):
    path = shared_data / "pabulib" / name
    election = read_pb(path)
    assert election.meta["rule"] == "greedy"
    call_command("import_pb_edition", str(path))
    edition = Edition.objects.get()
    assert edition.state == "voting_closed"
    assert Ballot.objects.filter(edition=edition).count() == len(election.voters)
    count_edition(edition, by=SYSTEM, seed=1)
    # Proposals were created in file order, so the n-th proposal is the file's n-th project.
    proposals = Proposal.objects.filter(edition=edition).order_by("pk")
    ids = dict(zip(election.projects, proposals, strict=True))
    official = {pid for pid, p in election.projects.items() if p.extra["selected"] == "1"}
    ours = {pid for pid, proposal in ids.items() if proposal.state == "selected"}
    assert ours == official


def test_malformed_file_exits_2_and_imports_nothing(tmp_path, capsys):
    path = tmp_path / "bad.pb"
    path.write_text(
        "META\nkey;value\nbudget;1000\nvote_type;approval\nunit;Gdzieś\ninstance;2024\n"
        "PROJECTS\nproject_id;cost;name\n1;500;A\n2;-3;B\n"
        "VOTES\nvoter_id;vote\n1;1\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_pb_edition", str(path))
    assert exit_info.value.code == 2
    assert "line 10" in capsys.readouterr().err
    assert not Edition.objects.exists() and not Ballot.objects.exists()
    assert not TallyRun.objects.exists()


def test_unknown_project_in_a_vote_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.pb"
    path.write_text(
        "META\nkey;value\nbudget;1000\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost;name\n1;500;A\n"
        "VOTES\nvoter_id;vote\n1;1\n2;9\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_pb_edition", str(path))
    assert exit_info.value.code == 2 and "line 11" in capsys.readouterr().err
    assert not Edition.objects.exists()


def test_an_imported_edition_chains_its_box_so_a_deleted_ballot_is_reported(tmp_path, capsys):
    path = tmp_path / "Poland_Test_2031.pb"
    path.write_text(SMALL_PB.format(rule="greedy", threshold=""))
    call_command("import_pb_edition", str(path))
    edition = Edition.objects.get()
    assert edition.state == "voting_closed"
    entry = AuditEntry.objects.get(kind="edition", action="close_voting")
    assert entry.object_id == str(edition.pk)
    assert entry.payload["effect"]["ballot_box"]["ballots"] == 2
    call_command("verify_audit")
    assert "chain intact" in capsys.readouterr().out
    Ballot.objects.filter(pk=Ballot.objects.filter(edition=edition).latest("pk").pk).delete()
    with pytest.raises(CommandError, match="FAILED"):
        call_command("verify_audit")
    assert "2 ballots when it closed, 1 now" in capsys.readouterr().err
