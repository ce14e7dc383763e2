"""The standards catalogues: the 2007 indicators the data migration loads, and 2018 codes."""

import pytest
from django.core.exceptions import ValidationError

from units.standards import INDICATOR_2007_COUNTS, Indicator2007, Standard2018

pytestmark = pytest.mark.django_db


def test_all_83_indicators_of_2007_are_loaded_in_order():
    numbers = list(Indicator2007.objects.values_list("number", flat=True))
    assert len(numbers) == 83 == sum(INDICATOR_2007_COUNTS.values())
    assert numbers[0] == "1.1.1"
    assert numbers[8] == "1.1.9"
    assert numbers[9] == "1.2.1"
    assert numbers[-1] == "4.4.6"
    assert "1.1.10" not in numbers and "3.3.8" not in numbers


def test_indicators_carry_standard_and_strand_headings():
    indicator = Indicator2007.objects.get(number="3.2.1")
    assert indicator.standard_heading.startswith("Share knowledge")
    assert indicator.strand_heading == "Dispositions in action"
    assert Indicator2007.objects.get(number="4.4.6").strand_heading == "Self-assessment strategies"


def test_an_indicator_number_must_match_its_standard_and_strand():
    indicator = Indicator2007(number="1.2.3", standard=1, strand=1, indicator=3)
    with pytest.raises(ValidationError) as caught:
        indicator.full_clean(validate_unique=False)
    assert "number" in caught.value.message_dict


@pytest.mark.parametrize("code", ["I.A.1", "III.D.2", "VI.C.12"])
def test_valid_2018_codes_fill_foundation_and_domain(code):
    entry = Standard2018(set="learner", code=code)
    entry.full_clean()
    entry.save()
    foundation, domain, number = code.split(".")
    assert (entry.foundation, entry.domain, entry.number) == (foundation, domain, int(number))


@pytest.mark.parametrize("code", ["VII.A.1", "I.E.1", "I.A", "i.a.1", "I.A.0", "1.1.1", "I.A.1 "])
def test_invalid_2018_codes_are_refused(code):
    with pytest.raises(ValidationError) as caught:
        Standard2018(set="learner", code=code).full_clean()
    assert "code" in caught.value.message_dict


def test_the_same_2018_code_may_exist_once_per_set():
    Standard2018.objects.create(set="learner", code="I.A.1")
    Standard2018.objects.create(set="librarian", code="I.A.1")
    with pytest.raises(ValidationError):
        Standard2018(set="learner", code="I.A.1").full_clean()


def test_2018_entries_sort_by_foundation_then_domain_then_number():
    for code in ["II.A.1", "I.B.2", "I.A.10", "I.A.2", "VI.A.1", "IV.A.1", "V.A.1", "III.A.1"]:
        Standard2018.objects.create(set="learner", code=code)
    assert list(Standard2018.objects.values_list("code", flat=True)) == [
        "I.A.2", "I.A.10", "I.B.2", "II.A.1", "III.A.1", "IV.A.1", "V.A.1", "VI.A.1",
    ]  # fmt: skip


def test_2018_entries_can_be_added_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/units/standard2018/add/", {"set": "library", "code": "IV.B.3", "heading": "Curate: create"}
    )
    assert response.status_code == 302
    assert Standard2018.objects.get(set="library", code="IV.B.3").foundation == "IV"
    response = admin_client.post("/admin/units/standard2018/add/", {"set": "library", "code": "IV.3"})
    assert response.status_code == 200 and not Standard2018.objects.filter(code="IV.3").exists()
