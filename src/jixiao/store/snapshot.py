"""Reading a year from a data file that another process (the window) has open, without writing to it.

The report preview's child process loads the year it typesets itself, so the window's GUI thread
neither loads nor pickles a large year. The connection is read-only (URI ``mode=ro``): it cannot
write, migrate or checkpoint the file, and it sees the last committed state (WAL readers do not
block the writer). No lock is taken: the window holds the file's lock.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from jixiao.core.errors import N_, StorageError
from jixiao.core.model import FiscalYear
from jixiao.store.connection import Database
from jixiao.store.repos import load_year


def load_year_read_only(path: str | Path, year_id: int) -> FiscalYear:
    """The whole year *year_id* of the data file *path*, read through a read-only connection.

    :raises StorageError: the file cannot be read.
    :raises NotFoundError: no such year.
    """
    uri = "file:" + quote(str(Path(path).resolve())) + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise StorageError(N_("The data file could not be read ({detail})."), detail=str(error)) from error
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        return load_year(Database(conn, recursive_triggers=False), year_id)
    except sqlite3.Error as error:
        raise StorageError(N_("The data file could not be read ({detail})."), detail=str(error)) from error
    finally:
        conn.close()
