"""The objects the authorization matrix's URLs point at, created lazily in the persona school."""

from functools import cached_property

from tests.factories import StaffMemberFactory


class Objects:
    """Objects of the acting school (`school`), created on first use."""

    def __init__(self, request):
        self._request = request
        self.school = request.getfixturevalue("school")

    @cached_property
    def staff_member(self):
        return StaffMemberFactory(school=self.school, name="Rosa Reader")

    @cached_property
    def teacher(self):
        return self._request.getfixturevalue("teacher")

    @cached_property
    def unit(self):
        """A unit the `teacher` persona partners on."""
        from tests.factories import UnitFactory

        unit = UnitFactory(school=self.school, title="Matrix unit")
        unit.teachers.add(self.teacher.staff_entries.get())
        return unit

    @cached_property
    def unsubscribe_token(self):
        from collabtrack.mail import unsubscribe_token

        return unsubscribe_token(self._request.getfixturevalue("librarian"), "monthly_report")

    @cached_property
    def deleted_unit(self):
        from django.utils import timezone

        from tests.factories import UnitFactory

        return UnitFactory(school=self.school, title="Deleted matrix unit", deleted_at=timezone.now())

    @cached_property
    def attachment(self):
        from django.core.files.base import ContentFile

        from units.models import Attachment

        self._request.getfixturevalue("settings").MEDIA_ROOT = self._request.getfixturevalue("tmp_path")
        return Attachment.objects.create(
            unit=self.unit, file=ContentFile(b"notes", name="notes.txt"), original_name="notes.txt", size=5
        )

    @cached_property
    def reflection(self):
        """The librarian persona's own taxonomy self-assessment, NOT shared: the principal must get 404."""
        from tests.factories import TaxonomyReflectionFactory

        return TaxonomyReflectionFactory(
            school=self.school, author=self._request.getfixturevalue("librarian")
        )

    @cached_property
    def roadblocks_reflection(self):
        from tests.factories import RoadblockFactory, RoadblocksReflectionFactory

        reflection = RoadblocksReflectionFactory(
            school=self.school, author=self._request.getfixturevalue("librarian")
        )
        RoadblockFactory(reflection=reflection)
        return reflection

    @cached_property
    def action_item(self):
        from tests.factories import ActionItemFactory

        return ActionItemFactory(reflection=self.roadblocks_reflection)

    @cached_property
    def job(self):
        """The librarian persona's board PDF job, done, with its kept file on disk."""
        from tests.job_helpers import finished_board_pdf_job

        self._request.getfixturevalue("settings").MEDIA_ROOT = self._request.getfixturevalue("tmp_path")
        return finished_board_pdf_job(self.school, self._request.getfixturevalue("librarian"))

    @cached_property
    def invitation(self):
        """A pending invitation of a teacher to the school, sent by the librarian persona."""
        from collabtrack.models import Invitation, Role

        librarian = self._request.getfixturevalue("librarian")
        return Invitation.objects.create(
            school=self.school, email="invited@example.org", role=Role.TEACHER, invited_by=librarian
        )

    @cached_property
    def teacher_membership(self):
        return self.teacher.memberships.get(school=self.school)
