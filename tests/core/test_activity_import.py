"""Reading activity spreadsheets: encodings, xlsx, the column guess, conversions and every problem."""

from __future__ import annotations

import datetime as dt

import pytest

from jixiao.core import activity_import as imp
from jixiao.core.activity_import import ImportContext, ImportFileError, TaskChoice

CONTEXT = ImportContext(
    year=2022,
    types={"宣讲会": 1, "座谈会": 2, "培训": 3},
    tasks=(
        TaskChoice(10, "加强思想政治引领", ((100, "组织理论学习"), (101, "开展党史学习教育宣讲"))),
        TaskChoice(20, "深化企业法律服务", ((200, "开展普法宣传"), (201, "组织理论学习"))),
    ),
)
HEADER = "日期,活动名称,活动类型,重点工作任务,举措,地点,参加人次,企业数,金额（元）,备注"
GOOD_ROWS = [
    '2022-3-5,民营企业家座谈会,座谈会,1,2,区会议室,35,12,"1,200.50",第一场',
    "2022/4/18,法律服务进园区,宣讲会,深化企业法律服务,开展普法宣传,产业园,120人,40家,800元,",
    "2022年5月20日,青年企业家培训,培训,,,,60,,,",
]


def _csv(rows, header=HEADER, encoding="utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def _sheet(rows, header=HEADER, encoding="utf-8"):
    return imp.read_csv(_csv(rows, header, encoding), "活动.csv")


def _convert(rows, header=HEADER, mapping=None):
    sheet = _sheet(rows, header)
    return imp.convert(sheet, mapping if mapping is not None else imp.guess_mapping(sheet.headers), CONTEXT)


def _problems(result):
    return [(p.row, p.column, p.field, p.message.message) for p in result.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_csv_in_every_encoding_excel_writes(encoding):
    sheet = imp.read_csv(_csv(GOOD_ROWS, encoding=encoding), "活动.csv")
    assert sheet.encoding == ("gbk" if encoding == "gbk" else encoding)
    assert sheet.headers[:3] == ["日期", "活动名称", "活动类型"]
    assert sheet.row_numbers == [2, 3, 4]
    assert sheet.rows[1][1] == "法律服务进园区"
    result = imp.convert(sheet, imp.guess_mapping(sheet.headers), CONTEXT)
    assert result.ok, _problems(result)
    assert [a.title for _n, a in result.activities] == [
        "民营企业家座谈会",
        "法律服务进园区",
        "青年企业家培训",
    ]


def test_tab_separated_text_and_semicolons_and_blank_rows():
    tabbed = "日期\t标题\t类型\n\n2022-01-02\t走访\t培训\n\t\t\n".encode("utf-16")
    sheet = imp.read_csv(tabbed)
    assert sheet.headers == ["日期", "标题", "类型"] and sheet.rows == [["2022-01-02", "走访", "培训"]]
    assert sheet.row_numbers == [3]  # the blank line 2 still counts as a row of the sheet
    semi = imp.read_csv("date;title;type\n2022-01-02;visit;培训\n".encode())
    assert semi.rows == [["2022-01-02", "visit", "培训"]]


def test_conversion_of_each_field():
    result = _convert(GOOD_ROWS)
    (row2, first), (row3, second), (row4, third) = result.activities
    assert (row2, row3, row4) == (2, 3, 4)
    assert first.date == dt.date(2022, 3, 5) and first.type_id == 2
    assert (first.task_id, first.measure_id) == (10, 101)  # task 1, its measure 2
    assert (first.place, first.participants, first.enterprises, first.amount_fen, first.notes) == (
        "区会议室",
        35,
        12,
        120050,
        "第一场",
    )
    assert first.sessions == 1  # no column: the default
    assert (second.task_id, second.measure_id, second.participants, second.enterprises) == (20, 200, 120, 40)
    assert second.amount_fen == 80000
    assert (third.date, third.task_id, third.measure_id, third.amount_fen) == (
        dt.date(2022, 5, 20),
        None,
        None,
        0,
    )


def test_xlsx_with_real_dates_serial_numbers_and_float_money(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "活动"
    sheet.append(["Date", "Title", "Type", "Task", "Measure", "Participants", "Amount (10,000 yuan)"])
    sheet.append([dt.datetime(2022, 3, 5), "座谈会", "座谈会", "（二）", "1", 35, 1.5])
    sheet.append([44_700, "培训会", "培训", None, "组织理论学习", 20.0, 0.05])  # ambiguous measure
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["2022-06-01", "宣讲", "宣讲会", 1, None, "", "2.34万元"])
    path = tmp_path / "活动.xlsx"
    workbook.save(path)
    read = imp.read_table(path)
    assert read.sheet_name == "活动" and read.row_numbers == [2, 3, 5]
    mapping = imp.guess_mapping(read.headers)
    assert mapping == {
        "date": 0,
        "title": 1,
        "type": 2,
        "task": 3,
        "measure": 4,
        "participants": 5,
        "amount_wan": 6,
    }
    result = imp.convert(read, mapping, CONTEXT)
    assert [(p.row, p.field, p.message.message) for p in result.problems] == [
        (3, "measure", "Several key tasks have a measure “{value}”; fill in the key task too.")
    ]
    by_row = dict(result.activities)
    assert by_row[2].date == dt.date(2022, 3, 5) and (by_row[2].task_id, by_row[2].measure_id) == (20, 200)
    assert by_row[2].amount_fen == 1_500_000_00 // 100  # 1.5 万元 = 15,000 元
    assert by_row[5].amount_fen == 2_340_000 and by_row[5].task_id == 10
    assert imp.parse_date(44_700) == dt.date(2022, 5, 19)


def test_excel_serial_dates():
    assert imp.parse_date(44625) == dt.date(2022, 3, 5)
    assert imp.parse_date("44625") == dt.date(2022, 3, 5)
    assert imp.parse_date(44625.75) == dt.date(2022, 3, 5)
    assert imp.parse_date("20220305") == dt.date(2022, 3, 5)
    assert imp.parse_date("２０２２－３－５") == dt.date(2022, 3, 5)  # full-width
    assert imp.parse_date("2022-03-05 00:00:00") == dt.date(2022, 3, 5)
    assert imp.parse_date("2022.3.5") == dt.date(2022, 3, 5)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            [
                "活动日期",
                "活动主题",
                "活动形式",
                "所属任务",
                "具体举措",
                "活动地点",
                "参会人数",
                "服务企业数",
                "件数",
                "经费（万元）",
                "情况说明",
                "场次",
            ],
            {
                "date": 0,
                "title": 1,
                "type": 2,
                "task": 3,
                "measure": 4,
                "place": 5,
                "participants": 6,
                "enterprises": 7,
                "items": 8,
                "amount_wan": 9,
                "notes": 10,
                "sessions": 11,
            },
        ),
        (
            ["date", "Title", "TYPE", "Key task", "measure", "Location", "attendees", "Companies", "Amount"],
            {
                "date": 0,
                "title": 1,
                "type": 2,
                "task": 3,
                "measure": 4,
                "place": 5,
                "participants": 6,
                "enterprises": 7,
                "amount_yuan": 8,
            },
        ),
        (
            ["序号", "活动类型", "活动名称 ", "开展时间", "金额(元)"],
            {"type": 1, "title": 2, "date": 3, "amount_yuan": 4},
        ),
        (["编号", "说明文字"], {"notes": 1}),
    ],
)
def test_mapping_guess(headers, expected):
    assert imp.guess_mapping(headers) == expected


def test_every_row_problem_is_named_with_its_row_and_column():
    rows = [
        "2022-2-30,日期不存在,座谈会,,,,,,,",  # row 2
        "明天,日期不是日期,座谈会,,,,,,,",  # row 3
        "2021-12-31,去年的,座谈会,,,,,,,",  # row 4
        ",没有日期,座谈会,,,,,,,",  # row 5
        "2022-3-1,,座谈会,,,,,,,",  # row 6: no title
        "2022-3-1,类型不对,茶话会,,,,,,,",  # row 7
        "2022-3-1,没有类型,,,,,,,,",  # row 8
        "2022-3-1,任务不对,座谈会,第九项,,,,,,",  # row 9
        "2022-3-1,举措不对,座谈会,1,不存在的举措,,,,,",  # row 10
        "2022-3-1,举措无任务,座谈会,,2,,,,,",  # row 11
        "2022-3-1,人数不对,座谈会,,,,很多,,,",  # row 12
        "2022-3-1,人数小数,座谈会,,,,3.5,,,",  # row 13
        "2022-3-1,人数负数,座谈会,,,,-3,,,",  # row 14
        "2022-3-1,金额不对,座谈会,,,,,,一百元,",  # row 15
        "2022-3-1,金额负数,座谈会,,,,,,-5,",  # row 16
        "2022-3-1,举措属于别的任务,座谈会,1,2.1,,,,,",  # row 17
        "12345678,序号当日期,座谈会,,,,,,,",  # row 18
        "2022-3-1,好的一行,座谈会,,,,,,,",  # row 19
    ]
    result = _convert(rows)
    found = _problems(result)
    assert found == [
        (2, "日期", "date", "{value} is not a day of the calendar."),
        (3, "日期", "date", "“{value}” is not a date; write it like 2022-3-5."),
        (4, "日期", "date", "The date {date} is outside the year {year}."),
        (5, "日期", "date", "Enter a date."),
        (6, "活动名称", "title", "Enter a title."),
        (7, "活动类型", "type", "There is no activity type “{value}” in FY {year}."),
        (8, "活动类型", "type", "Choose an activity type."),
        (9, "重点工作任务", "task", "There is no key task “{value}” in FY {year}."),
        (10, "举措", "measure", "The key task “{task}” has no measure “{value}”."),
        (11, "举措", "measure", "Fill in the key task of measure “{value}” too."),
        (12, "参加人次", "participants", "“{value}” is not a whole number."),
        (13, "参加人次", "participants", "“{value}” is not a whole number."),
        (14, "参加人次", "participants", "The number cannot be negative."),
        (15, "金额（元）", "amount_yuan", "“{value}” is not an amount of money."),
        (16, "金额（元）", "amount_yuan", "The amount cannot be negative."),
        (17, "举措", "measure", "The measure “{value}” belongs to another key task."),
        (18, "日期", "date", "“{value}” is not a date; write it like 2022-3-5."),
    ]
    assert result.bad_rows == list(range(2, 19))
    assert [row for row, _a in result.activities] == [19]
    texts = [p.translated(lambda m: m) for p in result.problems]
    assert texts[0] == "2022-2-30 is not a day of the calendar."
    assert texts[5] == "There is no activity type “茶话会” in FY 2022."
    assert texts[8] == "The key task “加强思想政治引领” has no measure “不存在的举措”."


def test_a_row_with_several_bad_cells_names_each():
    result = _convert(["明天,,茶话会,,,,很多,,一百元,"])
    assert [(p.row, p.field) for p in result.problems] == [
        (2, "date"),
        (2, "type"),
        (2, "participants"),
        (2, "amount_yuan"),
        (2, "title"),
    ]


def test_mapping_problems():
    sheet = _sheet(GOOD_ROWS)
    missing = imp.convert(sheet, {"title": 1}, CONTEXT)
    assert [(p.row, p.field, p.message.message) for p in missing.problems] == [
        (None, "date", "Choose the column that holds “{field}”."),
        (None, "type", "Choose the column that holds “{field}”."),
    ]
    assert missing.problems[0].translated(lambda m: m) == "Choose the column that holds “Date”."
    both = imp.check_mapping(
        {"date": 0, "title": 1, "type": 2, "amount_yuan": 8, "amount_wan": 9}, sheet.headers
    )
    assert [p.message.message for p in both] == ["Choose one amount column only, in yuan or in 10,000 yuan."]
    twice = imp.check_mapping({"date": 0, "title": 1, "type": 1}, sheet.headers)
    assert (
        twice[0].translated(lambda m: m)
        == "The column “活动名称” is chosen for both “Title” and “Activity type”."
    )
    assert imp.check_mapping({"date": 0, "title": 1, "type": 99}, sheet.headers)[0].message.message == (
        "The chosen column does not exist."
    )
    empty = imp.convert(_sheet([]), imp.guess_mapping(sheet.headers), CONTEXT)
    assert [p.message.message for p in empty.problems] == ["The file has no rows below its header."]


def test_task_and_measure_numbers():
    tasks = CONTEXT
    for text in ("1", "1.", "1、", "（一）", "(1)", "一", "任务一", "第一项", "第1项", " 加强思想政治引领 "):
        assert imp.resolve_task(text, tasks).id == 10, text
    assert imp.resolve_task("二", tasks).id == 20 and imp.resolve_task(2, tasks).id == 20
    assert imp.resolve_measure("2.1", None, tasks) == (tasks.tasks[1], 200)
    assert imp.resolve_measure("1-2", None, tasks) == (tasks.tasks[0], 101)
    assert imp.resolve_measure("开展普法宣传", None, tasks) == (tasks.tasks[1], 200)
    assert imp.resolve_measure("（二）", tasks.tasks[1], tasks) == (tasks.tasks[1], 201)
    assert imp._number("十二") == 12 and imp._number("二十") == 20 and imp._number("abc") is None


def test_counts_and_money():
    assert imp.parse_count("1,200", 0) == 1200 and imp.parse_count("35人次", 0) == 35
    assert imp.parse_count(12.0, 0) == 12 and imp.parse_count("", 1) == 1 and imp.parse_count(None, 1) == 1
    assert imp.parse_money("￥1,234.56", "yuan") == 123456
    assert imp.parse_money(616.04, "wan") == 6_160_400_00
    assert imp.parse_money("0.005", "yuan") == 1  # half up
    assert imp.parse_money("1.5万", "yuan") == 15_000_00
    assert imp.parse_money("", "wan") == 0
    for bad in ("abc", "1.2.3", True):
        with pytest.raises(imp._Bad):
            imp.parse_money(bad, "yuan")


def test_files_that_cannot_be_read(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError) as caught:
        imp.read_table(old)
    assert ".xlsx" in str(caught.value)
    with pytest.raises(ImportFileError):
        imp.read_table(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n,,\r\n")
    with pytest.raises(ImportFileError, match="empty"):
        imp.read_table(empty)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="not a readable Excel workbook"):
        imp.read_table(broken)
    with pytest.raises(ImportFileError, match="encoding"):
        imp.decode_text(b"\xff\xff\xff\x80\x81")
