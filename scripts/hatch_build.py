"""Hatch build hook: compile the gettext catalogs in ``i18n/`` to ``.mo`` before building.

Runs for wheels and editable installs, so compiled catalogs never need to be committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        sys.path.insert(0, str(Path(self.root) / "scripts"))
        from compile_catalogs import compile_all

        compile_all(Path(self.root) / "i18n")
