"""SQL for a year's key tasks (年度重点工作任务) and their measures (举措). Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import Measure, Task
from jixiao.store.connection import Database
from jixiao.store.ordering import next_position, set_order, sibling_ids
from jixiao.store.rows import MEASURE, TASK


def insert_task(db: Database, year_id: int, task: Task, position: int | None = None) -> int:
    """Insert *task* (and its measures) at the end of year *year_id*'s list; returns its id."""
    if position is None:
        position = next_position(db, "task", "year_id = ?", [year_id])
    task_id = TASK.insert(db, task, year_id=year_id, position=position)
    for m_position, measure in enumerate(task.measures):
        measure.id = insert_measure(db, task_id, measure, m_position)
    return task_id


def update_task(db: Database, task_id: int, title: str, goal_text: str, intro: str | None = None) -> bool:
    """Set a task's title and goal wording, and its intro unless *intro* is None; False when not found."""
    if intro is None:
        cursor = db.execute(
            "UPDATE task SET title = ?, goal_text = ? WHERE id = ?", [title, goal_text, task_id]
        )
    else:
        cursor = db.execute(
            "UPDATE task SET title = ?, goal_text = ?, intro = ? WHERE id = ?",
            [title, goal_text, intro, task_id],
        )
    return cursor.rowcount == 1


def delete_task(db: Database, task_id: int) -> bool:
    """Delete a task and its measures; activities keep existing without a task."""
    return TASK.delete(db, task_id)


def year_of_task(db: Database, task_id: int) -> int | None:
    row = db.execute("SELECT year_id FROM task WHERE id = ?", [task_id]).fetchone()
    return row[0] if row else None


def task_ids(db: Database, year_id: int) -> list[int]:
    return sibling_ids(db, "task", "year_id = ?", [year_id])


def reorder_tasks(db: Database, ids: list[int]) -> None:
    set_order(db, "task", ids)


def insert_measure(db: Database, task_id: int, measure: Measure, position: int | None = None) -> int:
    """Insert *measure* into task *task_id* at *position* (at the end when None); returns its id."""
    if position is None:
        position = next_position(db, "measure", "task_id = ?", [task_id])
    return MEASURE.insert(db, measure, task_id=task_id, position=position)


def update_measure(db: Database, measure_id: int, title: str, text: str) -> bool:
    cursor = db.execute("UPDATE measure SET title = ?, text = ? WHERE id = ?", [title, text, measure_id])
    return cursor.rowcount == 1


def delete_measure(db: Database, measure_id: int) -> bool:
    """Delete a measure; its activities keep their task and lose the measure."""
    return MEASURE.delete(db, measure_id)


def task_of_measure(db: Database, measure_id: int) -> int | None:
    row = db.execute("SELECT task_id FROM measure WHERE id = ?", [measure_id]).fetchone()
    return row[0] if row else None


def measure_ids(db: Database, task_id: int) -> list[int]:
    return sibling_ids(db, "measure", "task_id = ?", [task_id])


def reorder_measures(db: Database, ids: list[int]) -> None:
    set_order(db, "measure", ids)


def list_tasks(db: Database, year_id: int) -> list[Task]:
    """The year's tasks in order, each with its measures in order."""
    tasks: dict[int, Task] = {}
    for row in db.execute(
        f"SELECT id, {TASK.columns()} FROM task WHERE year_id = ? ORDER BY position, id", [year_id]
    ):
        tasks[row[0]] = TASK.build(row[1:], id=row[0])
    for row in db.execute(
        f"SELECT m.id, m.task_id, {MEASURE.columns('m.')} FROM measure m JOIN task t ON t.id = m.task_id "
        "WHERE t.year_id = ? ORDER BY m.task_id, m.position, m.id",
        [year_id],
    ):
        tasks[row[1]].measures.append(MEASURE.build(row[2:], id=row[0]))
    return list(tasks.values())
