from django.utils.functional import SimpleLazyObject

from collabtrack.access import resolve_membership


class CurrentSchoolMiddleware:
    """Sets request.membership (the user's role in the school they act in, or None) and request.school.

    The membership is looked up lazily, so pages that never ask for it cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: resolve_membership(request))
        return self.get_response(request)
