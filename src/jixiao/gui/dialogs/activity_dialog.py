"""The activity form: entry and edit in fields (never grid cells, for the Chinese IME).

Date within the year, task → measure, type (its measure word shown), title, notes, place, counts,
amount in 元 or 万元, attachments by file dialog or drag and drop with thumbnails. Problems are
shown next to their field; unusually large values ask for confirmation. "Save and new" keeps date,
task, measure and type for a series of similar events.

Double-clicking an attachment shows an image here and opens documents of a few known kinds (PDF,
pictures, text, Office files without macros) in the system's viewer, from a private temporary copy
that is deleted when jixiao exits (or, if a viewer still held it, at the next start). Any other kind
— programs, scripts, macro documents, web pages — could run code, so it is never opened: the clerk
is warned and may save it somewhere instead.
"""

from __future__ import annotations

import atexit
import datetime as dt
import mimetypes
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileIconProvider,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.activities import COUNT_FIELDS, read_amount, unusual_values
from jixiao.core.errors import N_, Message, ValidationError
from jixiao.core.model import OPTIONAL_COUNTS, Activity, Attachment
from jixiao.core.money import fen_to_wan, fen_to_yuan
from jixiao.core.unit_kinds import get_kind
from jixiao.gui.ask import show_error
from jixiao.gui.session import Session
from jixiao.gui.widgets.fields import ErrorLabel, VerticalScrollArea, with_error
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.layout import row_widget
from jixiao.services import activities as activity_service

COUNT_LABELS = {
    "sessions": N_("Number"),
    "participants": N_("Participants (person-times)"),
    "enterprises": N_("Enterprises"),
    "items": N_("Items (cases, articles …)"),
    "amount_fen": N_("Amount"),
}
_BLANK_IS_NOT_0 = N_("Leave blank when not known or not applicable; blank is not 0.")
ACTIVITY_FORM = FormSpec(
    Activity,
    [
        Field("date", N_("Date"), "date"),
        Field("task_id", N_("Key task"), "combo", object_name="task"),
        Field("measure_id", N_("Measure"), "combo", object_name="measure"),
        Field("type_id", N_("Type"), "combo", object_name="type"),
        Field("title", N_("Title")),
        Field("place", N_("Place")),
        Field("notes", N_("Notes"), "text", lines=4),
        *(
            Field(name, COUNT_LABELS[name], "count", tooltip=_BLANK_IS_NOT_0, optional=True)
            for name in COUNT_FIELDS
        ),
    ],
)
THUMB = 64
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole
# The only kinds handed to the system's viewer: none of them runs code when opened.
VIEWABLE_SUFFIXES = frozenset(
    ".pdf .ofd .png .jpg .jpeg .gif .bmp .tif .tiff .webp .txt .docx .xlsx .pptx".split()
)
TEMP_PREFIX = "jixiao-open-"
_temp_root: Path | None = None


def is_viewable(filename: str) -> bool:
    """True when a file of this name may be opened in the system's viewer (see the module docstring)."""
    name = Path(filename.replace("\\", "/")).name
    return name == name.rstrip(". ") and Path(name).suffix.lower() in VIEWABLE_SUFFIXES


def temp_copy(attachment: Attachment) -> Path:
    """Write *attachment* to a fresh private folder under this session's temporary folder."""
    global _temp_root
    if _temp_root is None or not _temp_root.is_dir():
        remove_stale_temp_copies()
        _temp_root = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX))
        atexit.register(shutil.rmtree, _temp_root, True)
    folder = Path(tempfile.mkdtemp(dir=_temp_root))
    target = folder / Path(attachment.filename.replace("\\", "/")).name
    target.write_bytes(attachment.data)
    return target


def remove_stale_temp_copies(older_than: float = 24 * 3600) -> int:
    """Delete temporary copies left by earlier sessions (a viewer held them at exit); returns how many."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*"):
        try:
            if (
                folder.is_dir()
                and not folder.is_symlink()
                and time.time() - folder.stat().st_mtime > older_than
            ):
                shutil.rmtree(folder)
                removed += 1
        except OSError:
            continue
    return removed


class _DropList(QListWidget):
    filesDropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 56, THUMB + 40))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setWordWrap(True)
        self.setMinimumHeight(THUMB + 48)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            super().dropEvent(event)


class ActivityDialog(QDialog):
    """Add (``activity`` None) or edit an activity. Emits ``saved(activity_id)`` after each save."""

    saved = Signal(int)

    def __init__(
        self,
        session: Session,
        asker,
        gettext,
        activity: Activity | None = None,
        parent=None,
        defaults: Activity | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.asker = asker
        self._ = _ = gettext
        self.outline = session.outline()
        self.year = self.outline.year
        self.activity = activity
        self.setObjectName("activityDialog")
        self.setWindowTitle(_("Edit activity") if activity else _("New activity"))
        self.setAcceptDrops(True)
        self._removed_attachment_ids: list[int] = []

        form = self._fields()
        form.addRow(_("Evidence files"), self._files())
        inner = QWidget()
        inner.setLayout(form)
        scroll = VerticalScrollArea(inner)
        self.form_error = ErrorLabel()  # a problem about no field
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(self._buttons())
        self._fit_to_screen()
        self._load(activity or defaults)

    def _fields(self) -> QFormLayout:
        """The activity's fields (bound from ``ACTIVITY_FORM``) and the amount with its unit."""
        _ = self._
        self.form = FormBinding(ACTIVITY_FORM, _)
        self.date, self.task, self.measure, self.type = (
            self.form[key] for key in ("date", "task_id", "measure_id", "type_id")
        )
        self.title, self.place, self.notes = (self.form[key] for key in ("title", "place", "notes"))
        self.counts = {name: self.form[name] for name in COUNT_FIELDS}
        self.form.set_choices(
            "task_id", [(None, _("(no key task)")), *((task.id, task.title) for task in self.outline.tasks)]
        )
        self.task.currentIndexChanged.connect(self._fill_measures)
        self.form.set_choices("type_id", ((t.id, t.name) for t in self.outline.activity_types))
        for combo in (self.task, self.measure, self.type):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        self.measure_word = QLabel()
        self.measure_word.setObjectName("measureWord")
        self.type.currentIndexChanged.connect(self._show_measure_word)
        self.title.setPlaceholderText(
            _("What happened, e.g. {example}").format(example=self._unit_kind().title_placeholder)
        )
        self.count_labels: dict[str, QLabel] = {name: self.form.label(name) for name in COUNT_FIELDS}
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.textEdited.connect(lambda _text: self.errors["amount_fen"].show_message(""))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_unit = QComboBox()
        self.amount_unit.setObjectName("amountUnit")
        self.amount_unit.addItem(_("yuan"), False)
        self.amount_unit.addItem(_("10k yuan"), True)

        self.errors: dict[str, ErrorLabel] = dict(self.form.errors)
        for name in ("amount_fen", "attachments"):
            self.errors[name] = ErrorLabel()
            self.errors[name].setObjectName(f"error_{name}")

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        date_box = row_widget(self.date, stretch_end=True)  # a date needs no more width than its text
        form.addRow(self.form.label("date"), with_error(date_box, self.errors["date"]))
        self.form.add_rows(form, ("task_id", "measure_id"))
        type_box = row_widget((self.type, 1), self.measure_word)
        form.addRow(self.form.label("type_id"), with_error(type_box, self.errors["type_id"]))
        self.form.add_rows(form, ("title", "place", "notes"))
        counts = QGridLayout()
        for i, name in enumerate(COUNT_FIELDS):
            counts.addWidget(self.count_labels[name], (i // 2) * 2, (i % 2) * 2)
            counts.addWidget(self.counts[name], (i // 2) * 2, (i % 2) * 2 + 1)
            counts.addWidget(self.errors[name], (i // 2) * 2 + 1, (i % 2) * 2 + 1)
        form.addRow(_("Figures"), counts)
        amount_box = row_widget((self.amount, 1), self.amount_unit)
        self.amount_label = QLabel(_("Amount"))
        self.amount_box = with_error(amount_box, self.errors["amount_fen"])
        form.addRow(self.amount_label, self.amount_box)
        return form

    def _files(self) -> QVBoxLayout:
        """The evidence files: thumbnails, adding, removing, dropping."""
        _ = self._
        self.attachments = _DropList()
        self.attachments.setObjectName("attachments")
        self.attachments.filesDropped.connect(self.add_files)
        self.attachments.itemDoubleClicked.connect(self.preview)
        add_files = QPushButton(_("Add files…"))
        add_files.setObjectName("addFiles")
        add_files.clicked.connect(self.choose_files)
        remove_file = QPushButton(_("Remove file"))
        remove_file.clicked.connect(self.remove_selected_file)
        files_buttons = QHBoxLayout()
        files_buttons.addWidget(add_files)
        files_buttons.addWidget(remove_file)
        files_buttons.addWidget(QLabel(_("or drop files here; double-click to preview")), 1)
        files = QVBoxLayout()
        files.addWidget(self.attachments)
        files.addLayout(files_buttons)
        files.addWidget(self.errors["attachments"])
        return files

    def _buttons(self) -> QHBoxLayout:
        """Save, save and new, cancel (with their shortcuts)."""
        _ = self._
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Ctrl+Enter")
        self.save_new_button = QPushButton(_("Save and new"))
        self.save_new_button.setObjectName("saveAndNew")
        self.save_new_button.setToolTip("Ctrl+Shift+Enter")
        cancel = QPushButton(_("Cancel"))
        self.save_button.clicked.connect(lambda: self.save(close=True))
        self.save_new_button.clicked.connect(lambda: self.save(close=False))
        cancel.clicked.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=lambda: self.save(close=True))
        for sequence in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=lambda: self.save(close=False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_new_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        return buttons

    def _fit_to_screen(self) -> None:
        """Open about 60 × 50 characters large, never larger than 90 % of the screen it shows on."""
        em = self.fontMetrics().horizontalAdvance("中")
        width, height = 60 * em, 50 * self.fontMetrics().height()
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, int(room.width() * 0.9)), min(height, int(room.height() * 0.9))
        self.resize(max(width, self.minimumSizeHint().width()), height)

    # -- filling ----------------------------------------------------------------------------------
    def default_date(self) -> dt.date:
        """Today when it lies in the year, else the nearest day of the year."""
        today = self.session.today()
        return min(max(today, dt.date(self.year, 1, 1)), dt.date(self.year, 12, 31))

    def _load(self, activity: Activity | None) -> None:
        """Show *activity*; *defaults* (another activity) give only its date, task, measure and type."""
        self.form.set("date", activity.date if activity else self.default_date())
        self.form.set("task_id", activity.task_id if activity else None)
        self._fill_measures()
        if activity and activity.measure_id is not None:
            self.form.set("measure_id", activity.measure_id)
        if activity:
            self.form.set("type_id", activity.type_id)
        self._show_measure_word()
        if activity is not None and activity is self.activity:
            self.form.load(activity, ("title", "place", "notes", *COUNT_FIELDS))
            if activity.amount_fen is not None:
                in_wan = activity.amount_fen % 100 == 0 and activity.amount_fen >= 1_000_000
                self.amount_unit.setCurrentIndex(1 if in_wan else 0)
                amount = fen_to_wan(activity.amount_fen) if in_wan else fen_to_yuan(activity.amount_fen)
                self.amount.setText(f"{amount:f}")
            for attachment in activity.attachments:
                self._add_item(attachment)
        else:
            self.counts["sessions"].setText("1")

    def _fill_measures(self) -> None:
        task_id = self.task.currentData()
        self.measure.clear()
        self.measure.addItem(self._("(no measure)"), None)
        for task in self.outline.tasks:
            if task.id == task_id:
                for measure in task.measures:
                    self.measure.addItem(measure.title, measure.id)
        self.measure.setEnabled(task_id is not None)

    def _unit_kind(self):
        unit = self.session.unit() if hasattr(self.session, "unit") else None
        return get_kind(unit.kind if unit is not None else None)

    def _current_type(self):
        type_id = self.type.currentData()
        return next((t for t in self.outline.activity_types if t.id == type_id), None)

    def applicable_counts(self) -> set[str]:
        """The count fields the chosen type records (``sessions`` always; the rest per type)."""
        current = self._current_type()
        return {"sessions", *(current.counts if current is not None else OPTIONAL_COUNTS)}

    def _show_measure_word(self) -> None:
        current = self._current_type()
        word = current.measure_word if current is not None else ""
        self.measure_word.setText(self._("counted in: {word}").format(word=word) if word else "")
        self.count_labels["sessions"].setText(
            self._("Number ({word})").format(word=word) if word else self._("Number")
        )
        applicable = self.applicable_counts()
        for name in COUNT_FIELDS:
            shown = name in applicable
            for widget in (self.count_labels[name], self.counts[name], self.errors[name]):
                widget.setVisible(shown and (widget is not self.errors[name] or bool(widget.text())))
        for widget in (self.amount_label, self.amount_box):
            widget.setVisible("amount_fen" in applicable)

    # -- attachments ------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = self.asker.open_files(self._("Add evidence files"), self._("All files (*)"))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Read each file into a new attachment (kept in the data file when the activity is saved)."""
        problems = []
        for text in paths:
            path = Path(text)
            try:
                if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                    problems.append(self._("{name} is larger than 50 MB.").format(name=path.name))
                    continue
                data = path.read_bytes()
            except OSError as error:
                problems.append(f"{path.name}: {error.strerror or error}")
                continue
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._add_item(Attachment(filename=path.name, data=data, media_type=media_type))
        self.errors["attachments"].show_message("\n".join(problems))

    def _add_item(self, attachment: Attachment) -> None:
        item = QListWidgetItem(self._icon_for(attachment), attachment.filename)
        item.setData(ATTACHMENT_ROLE, attachment)
        item.setToolTip(f"{attachment.filename} · {attachment.size // 1024 + 1} KB")
        self.attachments.addItem(item)

    def _icon_for(self, attachment: Attachment) -> QIcon:
        if attachment.media_type.startswith("image/"):
            pixmap = QPixmap()
            if pixmap.loadFromData(attachment.data):
                return QIcon(
                    pixmap.scaled(
                        THUMB,
                        THUMB,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
        return QFileIconProvider().icon(QFileIconProvider.IconType.File)

    def attachment_items(self) -> list[Attachment]:
        return [self.attachments.item(i).data(ATTACHMENT_ROLE) for i in range(self.attachments.count())]

    def remove_selected_file(self) -> None:
        row = self.attachments.currentRow()
        if row < 0:
            return
        attachment = self.attachments.item(row).data(ATTACHMENT_ROLE)
        if attachment.id is not None:
            self._removed_attachment_ids.append(attachment.id)
        self.attachments.takeItem(row)

    def preview(self, item: QListWidgetItem) -> None:
        """Show an image in a window; other files open in the system's viewer."""
        attachment: Attachment = item.data(ATTACHMENT_ROLE)
        if not attachment.data and attachment.id is not None and self.activity is not None:
            full = activity_service.get_activity(self.session.book, self.activity.id)
            attachment = next((a for a in full.attachments if a.id == attachment.id), attachment)
        pixmap = QPixmap()
        if attachment.media_type.startswith("image/") and pixmap.loadFromData(attachment.data):
            viewer = QDialog(self)
            viewer.setWindowTitle(attachment.filename)
            label = QLabel()
            label.setPixmap(
                pixmap.scaled(
                    900, 700, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            QVBoxLayout(viewer).addWidget(label)
            viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            viewer.open()
            self.preview_dialog = viewer
            return
        if not is_viewable(attachment.filename):
            self.save_attachment_as(attachment)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(temp_copy(attachment))))

    def save_attachment_as(self, attachment: Attachment) -> Path | None:
        """Warn that this kind of file could run code, then offer to save it (never open it)."""
        from jixiao.services.files import write_atomically

        _ = self._
        name = Path(attachment.filename.replace("\\", "/")).name
        self.asker.inform(
            _("This file is not opened"),
            _(
                "{name} is a kind of file that can run programs or macros, so jixiao does not open it. "
                "You can save it and open it yourself if you trust where it came from."
            ).format(name=name),
        )
        path = self.asker.save_file(_("Save the attachment as"), _("All files (*)"), name)
        if not path:
            return None
        try:
            return write_atomically(Path(path), attachment.data)
        except OSError as error:
            show_error(self.asker, error, _)
            return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- saving -----------------------------------------------------------------------------------
    def _show_problems(self, problems: list[tuple[str, str, dict]]) -> None:
        for field, message, params in self.form.show_problems(problems):
            label = self.errors.get(field, self.form_error)
            label.show_message(Message(message, **params).translated(self._))

    def read_form(self) -> tuple[Activity | None, list]:
        """The activity the fields describe, or the problems that keep it from being one: numbers
        are read by the core's ``read_count``/``read_amount``, the record is checked by the core's
        rules (``activity_service.check_activity``)."""
        applicable = self.applicable_counts()
        kept = self.activity  # a field the type does not record keeps what was saved (None for new)
        values, unreadable = self.form.read(
            key for key in self.form.widgets if key not in COUNT_FIELDS or key in applicable
        )
        for name in COUNT_FIELDS:
            if name not in applicable:
                values[name] = getattr(kept, name) if kept is not None else None
            values.setdefault(name, None)  # not readable: its problem is shown
        amount = kept.amount_fen if kept is not None else None
        if "amount_fen" in applicable:
            try:
                amount = read_amount(self.amount.text(), "wan" if self.amount_unit.currentData() else "yuan")
            except ValueError:
                amount = None
                unreadable.append(("amount_fen", N_("Enter an amount of money."), {}))
        activity = Activity(**values, amount_fen=amount)
        fields = {field for field, _m, _p in unreadable}
        problems = unreadable + [
            problem
            for problem in activity_service.check_activity(self.session.book, self.year_id, activity)
            if problem[0] not in fields
        ]
        return (None, problems) if problems else (activity, [])

    def save(self, close: bool = True) -> int | None:
        """Validate, confirm unusual values, save (one transaction), then close or clear for the next."""
        for label in self.errors.values():
            label.show_message("")
        self.form_error.show_message("")
        activity, problems = self.read_form()
        if problems:
            self._show_problems(problems)
            return None
        warnings = unusual_values(activity)
        if warnings:
            lines = [f"{self._field_name(f)}: {Message(m, **p).translated(self._)}" for f, m, p in warnings]
            if not self.asker.confirm(self._("Please confirm"), "\n".join(lines)):
                self._show_problems(warnings)
                return None
        try:
            files = self.attachment_items()
            if self.activity is None:
                activity.attachments = files
                activity_id = self.session.call(activity_service.save_activity, activity, self.year_id)
            else:
                activity.id = self.activity.id
                activity_id = self.session.call(
                    activity_service.save_activity,
                    activity,
                    add_files=[a for a in files if a.id is None],
                    remove_attachment_ids=list(self._removed_attachment_ids),
                )
        except ValidationError as error:
            self._show_problems(error.problems)
            return None
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self._)
            return None
        self.saved.emit(activity_id)
        if close:
            self.accept()
        else:
            self._start_next(activity)
        return activity_id

    @property
    def year_id(self) -> int:
        return self.outline.year_id

    def _start_next(self, previous: Activity) -> None:
        """After "save and new": a fresh form keeping date, task, measure and type."""
        self.activity = None
        self._removed_attachment_ids = []
        self.setWindowTitle(self._("New activity"))
        self.title.clear()
        self.notes.clear()
        self.place.clear()
        for name in COUNT_FIELDS:
            self.counts[name].clear()
        self.counts["sessions"].setText("1")
        self.amount.clear()
        self.attachments.clear()
        self.title.setFocus()

    def _field_name(self, field: str) -> str:
        names = {
            "sessions": self._("Number"),
            "participants": self._("Participants"),
            "enterprises": self._("Enterprises"),
            "items": self._("Items"),
            "amount_fen": self._("Amount"),
        }
        return names.get(field, field)
