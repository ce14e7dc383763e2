"""The data migration from free-text districts and per-school coordinator memberships to District rows.

Kept out of the migration file so a test can run it on the old shape (tests/collabtrack/
test_district_migration.py). It works on the historical models the migration hands it (`apps`).

- Each distinct `School.district_name` becomes a District; its default months are the months most of its
  schools use (ties: the earliest first month), and a school whose months equal them inherits them
  (its own months become blank); the others keep theirs as an override.
- A school with no district name but a coordinator gets a district of its own ("<school> district"), so
  no coordinator reaches a school they could not see before only because two names were blank.
- Each membership with the role "district" becomes a DistrictMembership of that school's district and is
  removed. A coordinator of some schools of a district now reaches all of them: the district model says
  a coordinator reaches every school of their district.
"""

from collections import Counter

DISTRICT_ROLE = "district"


def schools_to_districts(apps, schema_editor=None) -> None:
    School = apps.get_model("collabtrack", "School")
    District = apps.get_model("collabtrack", "District")
    DistrictMembership = apps.get_model("collabtrack", "DistrictMembership")
    Membership = apps.get_model("collabtrack", "Membership")

    coordinated = set(Membership.objects.filter(role=DISTRICT_ROLE).values_list("school_id", flat=True))
    by_name: dict[str, list] = {}
    for school in School.objects.order_by("pk"):
        name = school.district_name.strip()
        if not name and school.pk in coordinated:
            name = f"{school.name} district"
        if name:
            by_name.setdefault(name, []).append(school)
    for name, schools in by_name.items():
        months = Counter((school.first_month, school.last_month) for school in schools)
        first, last = max(months, key=lambda pair: (months[pair], -pair[0]))
        district, _ = District.objects.get_or_create(
            name=name[:200], defaults={"first_month": first, "last_month": last}
        )
        for school in schools:
            school.district = district
            if (school.first_month, school.last_month) == (district.first_month, district.last_month):
                school.first_month = school.last_month = None
            school.save(update_fields=["district", "first_month", "last_month"])

    for membership in Membership.objects.filter(role=DISTRICT_ROLE).select_related("school"):
        DistrictMembership.objects.get_or_create(
            user_id=membership.user_id, district_id=membership.school.district_id
        )
        membership.delete()


def districts_to_schools(apps, schema_editor=None) -> None:
    """Backwards: district names and months go back on each school, coordinators back to each school."""
    School = apps.get_model("collabtrack", "School")
    DistrictMembership = apps.get_model("collabtrack", "DistrictMembership")
    Membership = apps.get_model("collabtrack", "Membership")
    for school in School.objects.select_related("district"):
        if school.district_id:
            school.district_name = school.district.name
            school.first_month = school.first_month or school.district.first_month
            school.last_month = school.last_month or school.district.last_month
        school.first_month, school.last_month = school.first_month or 9, school.last_month or 6
        school.save(update_fields=["district_name", "first_month", "last_month"])
    for coordinator in DistrictMembership.objects.all():
        for school in School.objects.filter(district_id=coordinator.district_id):
            Membership.objects.get_or_create(
                user_id=coordinator.user_id, school=school, defaults={"role": DISTRICT_ROLE}
            )
