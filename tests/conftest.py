"""Suite-wide settings: headless Qt before any QApplication exists; Hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")
