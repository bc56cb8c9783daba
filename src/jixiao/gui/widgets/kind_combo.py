"""A combo box choosing the unit kind (工商联, 群团组织 …), shared by the welcome and unit pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox

from jixiao.core.unit_kinds import DEFAULT_KIND, KIND_LABELS


class KindCombo(QComboBox):
    """The unit kinds in ``KIND_LABELS`` order, each item's data its key."""

    def __init__(self, gettext: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("unitKind")
        for key, label in KIND_LABELS.items():
            self.addItem(gettext(label), key)
        self.set_kind(DEFAULT_KIND)
        self.setToolTip(
            gettext(
                "The kind of unit decides which activity types, count fields and indicators a new year "
                "starts with. Changing it later changes only years created afterwards."
            )
        )

    def kind(self) -> str:
        return self.currentData()

    def set_kind(self, key: str) -> None:
        index = self.findData(key)
        self.setCurrentIndex(index if index >= 0 else self.findData(DEFAULT_KIND))
