from decimal import Decimal

import pytest

from jixiao.core.errors import ValidationError
from jixiao.core.model import Metric
from jixiao.services import metrics as svc


def test_metrics(book, year_id):
    members = svc.add_metric(book, year_id, Metric("会员人数", Decimal("3782"), "人"))
    area = svc.add_metric(book, year_id, Metric("服务面积", Decimal("120.5"), "平方米"))
    with pytest.raises(ValidationError):
        svc.add_metric(book, year_id, Metric("会员人数", Decimal(1)))
    with pytest.raises(ValidationError):
        svc.add_metric(book, year_id, Metric("x", Decimal("NaN")))
    svc.update_metric(book, Metric("会员总数", Decimal("3800"), "人", id=members))
    svc.reorder_metrics(book, year_id, [area, members])
    rows = book.db.execute(
        "SELECT name, value FROM metric WHERE year_id = ? ORDER BY position", [year_id]
    ).fetchall()
    assert rows == [("服务面积", "120.5"), ("会员总数", "3800")]
    svc.delete_metric(book, area)
    assert book.db.execute("SELECT count(*) FROM metric").fetchone() == (1,)
