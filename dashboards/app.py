"""Entry for `panel serve dashboards/app.py`; FRAMESCOPE_DATA names the build to show."""

import os

from framescope.dashboard.app import create_app

create_app(os.environ.get("FRAMESCOPE_DATA")).servable()
