"""WSGI entry point: `gunicorn collabtrack.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collabtrack.settings")

application = get_wsgi_application()
