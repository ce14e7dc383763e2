"""Who may see a reflection (issue 5, "Privacy").

A reflection is its author's: the librarian who wrote it reads and edits it in the school it was written
for. A principal of that school reads it once it is shared. Everybody else (teachers, district
coordinators, other librarians, other schools, and a principal asking for an unshared one) gets a 404,
so the existence of a private reflection is not even revealed.
"""

from django.http import Http404

from collabtrack.models import Role


def reflections_visible_to(membership, model):
    """The reflections of `model` that the acting membership may read, in its school."""
    queryset = model.objects.filter(school=membership.school)
    if membership.role == Role.LIBRARIAN:
        return queryset.filter(author_id=membership.user_id)
    if membership.role == Role.PRINCIPAL:
        return queryset.filter(shared_with_principal=True)
    return queryset.none()


def get_reflection_for_user(request, model, pk: int):
    """(reflection, may_edit): the author may edit; a principal may read a shared one; all others 404."""
    membership = request.membership
    reflection = (
        reflections_visible_to(membership, model).filter(pk=pk).select_related("author", "school").first()
    )
    if reflection is None:
        raise Http404("No such reflection.")
    return reflection, reflection.author_id == request.user.pk
