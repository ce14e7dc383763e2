"""factory-boy factories shared by every test module."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from collabtrack.models import District, Membership, Role, School, StaffMember
from reports.models import MonthlyStatistics
from units.models import TestDataGap, Unit

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    principal_name = "Pat Principal"
    librarian_name = "Lee Librarian"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"District {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    school = factory.SubFactory(SchoolFactory)
    name = factory.Faker("name")
    title = "Classroom teacher"
    department = "Science"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Unit {n}")
    start_date = dt.date(2025, 10, 15)
    level = 2


class TestDataGapFactory(factory.django.DjangoModelFactory):
    __test__ = False  # a factory, not a pytest test class

    class Meta:
        model = TestDataGap

    unit = factory.SubFactory(UnitFactory)
    content_area = "Reading"
    performance_indicator = "Cites textual evidence"


class MonthlyStatisticsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyStatistics

    school = factory.SubFactory(SchoolFactory)
    year = 2025
    month = 10
    days_open = 20
    circulation = 1500
    classes_served = 60


# --- Reflections (taxonomy) ------------------------------------------------------------------------------
class TaxonomyReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taxonomy.TaxonomyReflection"

    school = factory.SubFactory(SchoolFactory)
    author = factory.SubFactory(UserFactory)
    reflected_on = dt.date(2025, 11, 10)
    level = 5
    working_well = "Teachers book the library and we agree on materials."
    greatest_success = "The grade 6 science team planned a unit with me."
    next_level_needs = "Regular planning time with one team."


class BenefitsReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taxonomy.BenefitsReflection"

    school = factory.SubFactory(SchoolFactory)
    author = factory.SubFactory(UserFactory)
    reflected_on = dt.date(2025, 11, 12)
    teachers = "A second teacher in the room."
    benefits_seen = factory.LazyFunction(lambda: ["teachers-1", "students-4"])


class RoadblocksReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taxonomy.RoadblocksReflection"

    school = factory.SubFactory(SchoolFactory)
    author = factory.SubFactory(UserFactory)
    reflected_on = dt.date(2025, 11, 14)


class RoadblockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taxonomy.Roadblock"

    reflection = factory.SubFactory(RoadblocksReflectionFactory)
    position = 1
    category = "scheduling"
    explanation = "No common planning time with grade 8."
    potential_solution = "Ask for a rotating substitute day."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "taxonomy.ActionItem"

    reflection = factory.SubFactory(RoadblocksReflectionFactory)
    category = "scheduling"
    strategy = "scheduling-4"
    text = "Set aside one planning day a week"
    due_on = dt.date(2025, 12, 1)


# --- Unit plans (units) ----------------------------------------------------------------------------------
class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "units.Duty"

    unit = factory.SubFactory(UnitFactory)
    owner = "librarian"
    description = "Teach note-taking with a two-column organizer"
    addresses_gap = False


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "units.Resource"

    unit = factory.SubFactory(UnitFactory)
    kind = "print"
    citation = "Lowry, Lois. The Giver. Houghton Mifflin, 1993."
    url = ""
