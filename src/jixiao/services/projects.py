"""The write path for projects (一级/二级) and their payments: each function is one transaction.

The rules (what a project or payment must be, where a 二级 project may go) are ``core.projects``.
"""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.model import Payment, Project
from jixiao.core.projects import normalise_project, parent_problems, validate_payment, validate_project
from jixiao.services._checks import check_order, found, raise_if, saved_id
from jixiao.store import projects as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def add_project(book: Book, year_id: int, project: Project, parent_id: int | None = None) -> int:
    """Append a 一级 project (*parent_id* None) or a 二级 one under *parent_id*; returns its id."""
    normalise_project(project)
    raise_if(validate_project(project))
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        if parent_id is not None:
            place = found(store.project_place(book.db, parent_id), N_("The project"))
            raise_if(parent_problems(year_id, place, store.payment_count(book.db, parent_id)))
        project.id = store.insert_project(book.db, year_id, project, parent_id)
        return project.id


def update_project(book: Book, project: Project) -> None:
    """Save a project's fields (name, source, implementer, budget, key flag, texts)."""
    normalise_project(project)
    raise_if(validate_project(project))
    with book.atomic():
        found(store.update_project(book.db, project), N_("The project"))


def delete_project(book: Book, project_id: int) -> None:
    """Delete a project with its sub-projects, payments and indicators."""
    with book.atomic():
        found(store.delete_project(book.db, project_id), N_("The project"))


def reorder_projects(book: Book, year_id: int, parent_id: int | None, project_ids: list[int]) -> None:
    """Order the 一级 projects (*parent_id* None) or the children of *parent_id*."""
    with book.atomic():
        check_order(store.sibling_project_ids(book.db, year_id, parent_id), project_ids)
        store.reorder_projects(book.db, project_ids)


def _validate_payment(book: Book, project_id: int, payment: Payment) -> None:
    place = found(store.project_place(book.db, project_id), N_("The project"))
    year = found(years_store.year_number(book.db, place[0]), N_("The fiscal year"))
    raise_if(validate_payment(payment, year, store.child_count(book.db, project_id)))


def add_payment(book: Book, project_id: int, payment: Payment) -> int:
    """Record a payment (a negative amount is a refund); returns its id."""
    with book.atomic():
        _validate_payment(book, project_id, payment)
        payment.id = store.insert_payment(book.db, project_id, payment)
        return payment.id


def update_payment(book: Book, payment: Payment) -> None:
    with book.atomic():
        project_id = found(
            store.project_of_payment(book.db, saved_id(payment, N_("The payment"))), N_("The payment")
        )
        _validate_payment(book, project_id, payment)
        store.update_payment(book.db, payment)


def delete_payment(book: Book, payment_id: int) -> None:
    with book.atomic():
        found(store.delete_payment(book.db, payment_id), N_("The payment"))
