"""Named errors of the core. Each carries an untranslated message id and its parameters.

The layer that talks to the user (CLI, GUI) translates ``message`` with its Translator and formats it
with ``params``; the core never formats user text in a language itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from jixiao.core.i18n import N_

ERROR = "error"  # a problem that stops the report from being marked final or exported
WARNING = "warning"  # worth a look; the report can still be made


class Message:
    """A translatable message id with its parameters, to be translated where it is shown."""

    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params

    def translated(self, gettext) -> str:
        params = {k: (v.translated(gettext) if isinstance(v, Message) else v) for k, v in self.params.items()}
        text = gettext(self.message)
        return text.format(**params) if params else text

    def __str__(self) -> str:
        return self.translated(lambda m: m)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.message, self.params) == (other.message, other.params)

    def __repr__(self) -> str:
        return f"Message({self.message!r}, **{self.params!r})"


@dataclass(frozen=True)
class Problem:
    """One thing to fix, as the GUI and the CLI show it (readiness rules, ``jixiao check``).

    ``code`` names the rule ("actual_missing", "live_figure" …; "" for the data file itself),
    ``message`` is the msgid with its parameters, ``where`` says where to fix it (``("project",
    12)``, ``("text", "work_overview")`` …; None: nowhere on a page), ``severity`` is ``ERROR`` or
    ``WARNING``, and ``year`` the fiscal year it belongs to (None: of the file, or of the year on screen).
    """

    code: str
    message: Message
    where: tuple[str, object] | None = None
    severity: str = ERROR
    year: int | None = None

    @classmethod
    def of(cls, code: str, where: tuple[str, object], severity: str, msgid: str, **params: object) -> Problem:
        """A problem of rule *code* at *where*, its message *msgid* filled with *params*."""
        return cls(code, Message(msgid, **params), where, severity)

    def translated(self, gettext) -> str:
        """The message in the language of *gettext*, after "{year}: " when it names a year."""
        text = self.message.translated(gettext)
        if self.year is None:
            return text
        return Message(N_("{year}: {problem}"), year=self.year, problem=text).translated(gettext)


class FieldProblem(NamedTuple):
    """Why a save or an import is refused, for one field: *field* (``name``, or a year package's JSON
    path ``activities[12].date``), msgid *message*, *params*.

    What ``ValidationError.problems`` lists (plain ``(field, message, params)`` tuples are the same
    thing); forms show each beside its field. The findings of readiness, ``jixiao check``, live figures
    and the spreadsheet import are ``Problem``s.
    """

    field: str
    message: str
    params: dict

    def translated(self, gettext) -> str:
        """``field: message`` in the language of *gettext* (the message alone when *field* is "")."""
        text = Message(self.message, **self.params).translated(gettext)
        return f"{self.field}: {text}" if self.field else text


class JixiaoError(Exception):
    """Base of every error the user may see; ``message`` is a gettext msgid with ``{name}`` fields."""

    message = N_("Something went wrong.")

    def __init__(self, message: str | None = None, **params: object) -> None:
        if message is not None:
            self.message = message
        self.params = params
        super().__init__(str(Message(self.message, **params)))

    def translated(self, gettext) -> str:
        """The message in the language of *gettext* (a ``str -> str`` function)."""
        return Message(self.message, **self.params).translated(gettext)


class StorageError(JixiaoError):
    """The data file cannot be used as it is (locked, damaged, too new …)."""


class FileLockedError(StorageError):
    message = N_(
        "The data file {path} is open in another jixiao window (process {pid}). Close it there first."
    )


class FileTooNewError(StorageError):
    message = N_(
        "The data file {path} was written by a newer version of jixiao (schema {found}, this version "
        "knows up to {known}). Please update jixiao; the file was not changed."
    )


class DamagedFileError(StorageError):
    message = N_("The data file {path} is damaged or is not a jixiao file ({detail}). {advice}")


class NotFoundError(JixiaoError):
    message = N_("{what} was not found.")


class ValidationError(JixiaoError):
    """Bad input from the user; ``problems`` lists a ``FieldProblem`` (or its plain tuple) for every field."""

    message = N_("The input has {count} problem(s).")

    def __init__(
        self, problems: Sequence[tuple[str, str, dict]] | None = None, message: str | None = None, **params
    ):
        self.problems = list(problems or [])
        if message is None and "count" not in params:
            params["count"] = len(self.problems)
        super().__init__(message, **params)

    def translated_problems(self, gettext) -> list[str]:
        """Each problem as ``path: message`` in the language of *gettext*."""
        return [FieldProblem(*problem).translated(gettext) for problem in self.problems]
