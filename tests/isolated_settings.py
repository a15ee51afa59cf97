"""The test settings without some feature apps: ``GK_DROP_APPS`` lists them,
comma-separated (``GK_DROP_APPS=wagtail_gk_catalog,wagtail_gk_foia``).

``tests/core/test_app_isolation.py`` runs each feature app's tests with every
other feature app dropped, to prove that the apps meet only through core.
"""

import os

from tests.settings import *  # noqa: F403

DROPPED_APPS = {name.strip() for name in os.environ.get("GK_DROP_APPS", "").split(",") if name.strip()}

INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in DROPPED_APPS]  # noqa: F405
MIDDLEWARE = [entry for entry in MIDDLEWARE if entry.split(".")[0] not in DROPPED_APPS]  # noqa: F405
