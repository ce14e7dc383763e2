"""The demo schools and people (`manage.py seed_demo`). Deterministic, so running it again changes nothing."""

import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from collabtrack.models import District, DistrictMembership, Grade, Membership, Role, School, StaffMember

DEMO_PASSWORD = "collabtrack-demo"  # noqa: S105 - documented demo password, refused when DEBUG is off

# (username, first, last, email, school key, role)
DEMO_LOGINS = [
    ("librarian", "Maya", "Okafor", "librarian@riverbend.example", "riverbend", Role.LIBRARIAN),
    ("principal", "Daniel", "Reyes", "principal@riverbend.example", "riverbend", Role.PRINCIPAL),
    ("teacher", "Priya", "Shah", "pshah@riverbend.example", "riverbend", Role.TEACHER),
    ("district", "Helen", "Brooks", "hbrooks@cedarvalley.example", "district", Role.DISTRICT),
    ("other-librarian", "Tom", "Lindqvist", "librarian@hillcrest.example", "hillcrest", Role.LIBRARIAN),
]

# (name, title, department, grades); the first is the `teacher` login.
RIVERBEND_STAFF = [
    ("Priya Shah", "Grade 7 science teacher", "Science", [7]),
    ("Marcus Bell", "Grade 6 English language arts teacher", "English language arts", [6]),
    ("Elena Petrova", "Grade 8 English language arts teacher", "English language arts", [8]),
    ("James O'Connor", "Grade 7 social studies teacher", "Social studies", [7]),
    ("Aisha Rahman", "Grade 6 mathematics teacher", "Mathematics", [6]),
    ("Luis Hernández", "Grade 8 science teacher", "Science", [8]),
    ("Grace Kim", "Grade 8 mathematics teacher", "Mathematics", [8]),
    ("Robert Nguyen", "Grade 6 social studies teacher", "Social studies", [6]),
    ("Sarah Whitfield", "Art teacher", "Visual arts", [6, 7, 8]),
    ("David Mensah", "Music teacher", "Music", [6, 7, 8]),
    ("Fatima Zahra", "English learner specialist", "English as a new language", [6, 7, 8]),
    ("Olivia Grant", "Special education teacher", "Special education", [6, 7]),
    ("Noah Fischer", "Grade 7 English language arts teacher", "English language arts", [7]),
    ("Chloe Martin", "Health and physical education teacher", "Health and PE", [6, 7, 8]),
]

DISTRICT_NAME = "Cedar Valley Unified School District"
# The district's other schools (no demo login of their own): (key, name, own months or None, staff).
OTHER_SCHOOLS = [
    (
        "high",
        "Cedar Valley High School",
        None,
        [
            ("Hannah Lee", "English 10 teacher", "English language arts", [10]),
            ("Victor Alvarez", "Chemistry teacher", "Science", [11]),
            ("Meera Patel", "World history teacher", "Social studies", [9]),
            ("Jonas Berg", "Statistics teacher", "Mathematics", [12]),
            ("Claire Dubois", "French teacher", "World languages", [9, 10, 11, 12]),
            ("Samuel Owusu", "Biology teacher", "Science", [9, 10]),
        ],
    ),
    (
        "lakeside",
        "Lakeside Elementary School",
        (8, 5),  # a year-round calendar: August to May
        [
            ("Rosa Delgado", "Grade 1 teacher", "Elementary", [1]),
            ("Ken Watanabe", "Grade 4 teacher", "Elementary", [4]),
        ],
    ),
]

HILLCREST_STAFF = [
    ("Ben Carter", "Grade 3 teacher", "Elementary", [3]),
    ("Lucy Adams", "Kindergarten teacher", "Elementary", [0]),
    ("Omar Said", "Grade 5 teacher", "Elementary", [5]),
]


@dataclass
class DemoSchools:
    riverbend: School
    hillcrest: School
    district: District | None = None
    others: dict = field(default_factory=dict)  # key -> School: the district's schools without a login
    users: dict = field(default_factory=dict)
    staff: dict = field(default_factory=dict)  # school key -> list[StaffMember]


def seed_people() -> DemoSchools:
    district, _ = District.objects.get_or_create(name=DISTRICT_NAME)
    riverbend, _ = School.objects.update_or_create(
        name="Riverbend Middle School",
        defaults={
            "district": district,
            "first_month": None,  # as the district: September to June
            "last_month": None,
            "principal_name": "Daniel Reyes",
            "librarian_name": "Maya Okafor",
        },
    )
    hillcrest, _ = School.objects.update_or_create(
        name="Hillcrest Elementary School",
        defaults={
            "district": district,
            "first_month": None,
            "last_month": None,
            "principal_name": "Anne Porter",
            "librarian_name": "Tom Lindqvist",
        },
    )
    demo = DemoSchools(riverbend=riverbend, hillcrest=hillcrest, district=district)
    for key, name, months, staff in OTHER_SCHOOLS:
        first, last = months or (None, None)
        demo.others[key], _ = School.objects.update_or_create(
            name=name, defaults={"district": district, "first_month": first, "last_month": last}
        )
        demo.staff[key] = _seed_staff(demo.others[key], staff, first_login=None)
    schools = {"riverbend": [riverbend], "hillcrest": [hillcrest], "district": []}
    User = get_user_model()
    for username, first, last, email, school_key, role in DEMO_LOGINS:
        user, _ = User.objects.update_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": email}
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        demo.users[username] = user
        for school in schools[school_key]:
            Membership.objects.update_or_create(user=user, school=school, defaults={"role": role})
        if school_key == "district":
            # The coordinator belongs to the district (every school of it), not to each school.
            DistrictMembership.objects.get_or_create(user=user, district=district)
            Membership.objects.filter(user=user, role=Role.DISTRICT).delete()
    demo.staff["riverbend"] = _seed_staff(riverbend, RIVERBEND_STAFF, first_login=demo.users["teacher"])
    demo.staff["hillcrest"] = _seed_staff(hillcrest, HILLCREST_STAFF, first_login=None)
    return demo


def _seed_staff(school, rows, first_login) -> list[StaffMember]:
    staff = []
    for index, (name, title, department, grades) in enumerate(rows):
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        email = ascii_name.lower().replace(" ", ".").replace("'", "") + "@example.org"
        member, _ = StaffMember.objects.update_or_create(
            school=school,
            name=name,
            defaults={
                "title": title,
                "department": department,
                "email": email,
                "user": first_login if index == 0 else None,
            },
        )
        member.grades.set(Grade.objects.filter(order__in=grades))
        staff.append(member)
    return staff


def upsert(manager, *, defaults: dict, **lookup):
    """Like update_or_create, but saves only when a value differs: running the demo again (every
    `make run` does) then writes no history entry for data that is already there."""
    obj = manager.filter(**lookup).first()
    if obj is None:
        return manager.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, defaults[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, False
