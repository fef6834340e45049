import pytest
from django.core.management import CommandError, call_command

from districts.models import District, DistrictCouncil

pytestmark = pytest.mark.django_db


def test_krakow_ships_with_its_18_districts():
    districts = District.objects.filter(city__slug="krakow").order_by("number")
    assert districts.count() == 18
    assert str(districts.first()) == "I Stare Miasto"
    assert str(districts.last()) == "XVIII Nowa Huta"
    assert DistrictCouncil.objects.get(district__number=9).name == (
        "Rada Dzielnicy IX Łagiewniki-Borek Fałęcki"
    )


def test_district_api_lists_them_in_constant_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        body = api.get("/api/v1/districts/").json()
    assert [d["number"] for d in body] == list(range(1, 19))
    assert body[12] == {
        "id": body[12]["id"],
        "number": 13,
        "roman": "XIII",
        "name": "Podgórze",
        "city": "Kraków",
        "council": "Rada Dzielnicy XIII Podgórze",
        "population": 38000,
    }


def test_a_second_city_loads_from_a_file_and_reloading_adds_nothing(tmp_path, capsys):
    csv = tmp_path / "gdansk.csv"
    csv.write_text("\ufeffnumber,name\n1,Aniołki\n2,Brętowo\n", encoding="utf-8")
    call_command("load_districts", str(csv), "--city", "Gdańsk")
    call_command("load_districts", str(csv), "--city", "Gdańsk")
    assert list(District.objects.filter(city__slug="gdansk").values_list("name", flat=True)) == [
        "Aniołki",
        "Brętowo",
    ]
    assert "2 districts (0 new)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nr,nazwa\n1,A\n", "Brak kolumn: name, number"),
        ("number,name\nx,A\n", "Wiersz 2"),
        ("number,name\n1,A\n1,B\n", "Wiersz 3: numer 1 powtarza się"),
    ],
)
def test_a_bad_file_is_refused_naming_the_line(tmp_path, content, message):
    csv = tmp_path / "bad.csv"
    csv.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_districts", str(csv), "--city", "Gdynia")
    assert not District.objects.filter(city__slug="gdynia").exists()
