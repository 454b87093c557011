import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from irohub.project.proxy import trusted_proxy_app

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "irohub.project.settings")

# Proxy headers are believed only from IROHUB_TRUSTED_PROXIES (irohub/project/proxy.py).
application = trusted_proxy_app(get_wsgi_application(), settings.IROHUB_TRUSTED_PROXIES)
