"""Suite-wide settings: headless Qt before any QApplication exists; Hypothesis profile; shared test data.

Shared test data modules are importable by name: ``yeardata`` (tests/core, whole years as
dataclasses), ``tablerows`` (tests/fixtures, a small year as table rows), ``seed_text`` (tests/report).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "JIXIAO_CACHE_DIR" not in os.environ:  # the parsed-font cache: not the tester's own cache folder
    import atexit
    import shutil
    import tempfile

    os.environ["JIXIAO_CACHE_DIR"] = tempfile.mkdtemp(prefix="jixiao-test-cache-")
    atexit.register(shutil.rmtree, os.environ["JIXIAO_CACHE_DIR"], ignore_errors=True)

_TESTS = Path(__file__).resolve().parent
for folder in ("core", "fixtures", "report"):
    if str(_TESTS / folder) not in sys.path:
        sys.path.insert(0, str(_TESTS / folder))

from hypothesis import HealthCheck, settings  # noqa: E402

from jixiao.gui.pyside_fixes import pin_immortals  # noqa: E402

pin_immortals()  # PySide6 6.12.0 on Python 3.11 drops references to True and None (see there)

settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")
