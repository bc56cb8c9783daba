"""The desktop application: a thin PySide6 layer over jixiao's core.

PySide6 is imported here first, and its per-module source scan made cheap
(``pyside_fixes.quicker_feature_scan``) before the many modules of the window are imported.
"""

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook, patched next

from jixiao.gui.pyside_fixes import quicker_feature_scan

quicker_feature_scan()
