from taxonomy.lms_levels import TAXONOMY_CARD_LEVELS, TAXONOMY_LEVELS, next_level
from units.levels import PartnershipLevel


def test_ten_levels_numbered_in_order():
    assert [level.number for level in TAXONOMY_LEVELS] == list(range(1, 11))


def test_partnership_categories_follow_domain_md():
    categories = {level.number: level.category for level in TAXONOMY_LEVELS}
    assert categories[1] is None and categories[2] is None
    assert {categories[n] for n in (3, 4, 5)} == {PartnershipLevel.COOPERATION}
    assert {categories[n] for n in (6, 7)} == {PartnershipLevel.COORDINATION}
    assert {categories[n] for n in (8, 9, 10)} == {PartnershipLevel.COLLABORATION}


def test_next_level_stops_at_the_top():
    assert next_level(7).number == 8
    assert next_level(10) is None


def test_widget_cards_name_the_category():
    assert TAXONOMY_CARD_LEVELS[5].summary.startswith("Coordination.")
    assert TAXONOMY_CARD_LEVELS[0].summary.startswith("No partnership yet.")
