from django.db import transaction

from collabtrack.models import StaffMember


@transaction.atomic
def staff_member_save(*, form) -> StaffMember:
    staff_member = form.save(commit=False)
    staff_member.full_clean()
    staff_member.save()
    form.save_m2m()
    return staff_member
