"""The schema jixiao's migrations make (``store.integrity``): written by
scripts/update_expected_schema.py from the migrations; do not edit."""

MIGRATIONS = (
    "0001_initial",
    "0002_final_report",
    "0003_unit_kinds_and_blank_counts",
    "0004_year_report",
    "0005_listed_activities_index",
)
SCHEMA = (
    (
        "index",
        "activity_listed",
        "CREATE INDEX activity_listed ON activity(year_id, date) WHERE deleted_at IS NULL",
    ),
    ("index", "activity_measure_idx", "CREATE INDEX activity_measure_idx ON activity(measure_id)"),
    ("index", "activity_task_idx", "CREATE INDEX activity_task_idx ON activity(task_id)"),
    ("index", "activity_type_idx", "CREATE INDEX activity_type_idx ON activity(type_id)"),
    ("index", "activity_year_date", "CREATE INDEX activity_year_date ON activity(year_id, date)"),
    ("index", "attachment_activity_idx", "CREATE INDEX attachment_activity_idx ON attachment(activity_id)"),
    (
        "index",
        "final_report_year_idx",
        "CREATE INDEX final_report_year_idx ON final_report(year_id, created_at)",
    ),
    (
        "index",
        "idx__sqlite_migrations_migration_set_name",
        'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations" ("migration_set", "name")',
    ),
    ("index", "indicator_owner_idx", "CREATE INDEX indicator_owner_idx ON indicator(year_id, project_id)"),
    ("index", "payment_project_idx", "CREATE INDEX payment_project_idx ON payment(project_id)"),
    ("index", "project_year_idx", "CREATE INDEX project_year_idx ON project(year_id, parent_id)"),
    (
        "table",
        "_sqlite_migrations",
        'CREATE TABLE "_sqlite_migrations" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT, "applied_at" TEXT )',
    ),
    (
        "table",
        "activity",
        "CREATE TABLE \"activity\" ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, date TEXT NOT NULL CHECK (date = strftime('%Y-%m-%d', date)), task_id INTEGER REFERENCES task(id) ON DELETE SET NULL, measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL, type_id INTEGER NOT NULL REFERENCES activity_type(id) ON DELETE RESTRICT, title TEXT NOT NULL CHECK (length(trim(title)) > 0), notes TEXT NOT NULL DEFAULT '', place TEXT NOT NULL DEFAULT '', sessions INTEGER NOT NULL DEFAULT 1 CHECK (sessions >= 0), participants INTEGER CHECK (participants >= 0), enterprises INTEGER CHECK (enterprises >= 0), items INTEGER CHECK (items >= 0), amount_fen INTEGER CHECK (amount_fen >= 0), created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), deleted_at TEXT ) STRICT",
    ),
    (
        "table",
        "activity_type",
        'CREATE TABLE activity_type ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL CHECK (length(trim(name)) > 0), measure_word TEXT NOT NULL DEFAULT \'次\', counts TEXT NOT NULL DEFAULT \'["participants", "enterprises", "items", "amount_fen"]\' CHECK (json_valid(counts)), UNIQUE (year_id, name) ) STRICT',
    ),
    (
        "table",
        "attachment",
        "CREATE TABLE \"attachment\" ( id INTEGER PRIMARY KEY, activity_id INTEGER NOT NULL REFERENCES \"activity\"(id) ON DELETE CASCADE, position INTEGER NOT NULL DEFAULT 0, filename TEXT NOT NULL CHECK (length(trim(filename)) > 0), media_type TEXT NOT NULL DEFAULT 'application/octet-stream', size INTEGER NOT NULL CHECK (size >= 0), sha256 TEXT NOT NULL, data BLOB NOT NULL, added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ) STRICT",
    ),
    (
        "table",
        "budget_line",
        "CREATE TABLE budget_line ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, line TEXT NOT NULL CHECK (line IN ('total', 'fiscal', 'fiscal_general', 'fiscal_fund', 'fiscal_state_capital', 'other', 'basic', 'project')), initial_fen INTEGER NOT NULL DEFAULT 0, adjusted_fen INTEGER NOT NULL DEFAULT 0, executed_fen INTEGER NOT NULL DEFAULT 0, UNIQUE (year_id, line) ) STRICT",
    ),
    (
        "table",
        "final_report",
        "CREATE TABLE final_report ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, created_at TEXT NOT NULL CHECK (length(created_at) >= 20), package_json TEXT NOT NULL CHECK (json_valid(package_json)), pdf BLOB NOT NULL CHECK (length(pdf) > 0), inputs_sha256 TEXT NOT NULL CHECK (length(inputs_sha256) = 64) ) STRICT",
    ),
    (
        "table",
        "fiscal_year",
        "CREATE TABLE fiscal_year ( id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE, year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200), budget_income_fen INTEGER NOT NULL DEFAULT 0, final_income_fen INTEGER NOT NULL DEFAULT 0, score_rule TEXT NOT NULL DEFAULT 'standard' CHECK (score_rule IN ('standard', 'rate_as_score')), rule_options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(rule_options)), layout_profile TEXT NOT NULL DEFAULT 'gbt9704' CHECK (layout_profile IN ('gbt9704', 'word')), UNIQUE (unit_id, year) ) STRICT",
    ),
    (
        "table",
        "indicator",
        "CREATE TABLE indicator ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, project_id INTEGER REFERENCES project(id) ON DELETE CASCADE, position INTEGER NOT NULL, level1 TEXT NOT NULL, level2 TEXT NOT NULL, level3 TEXT NOT NULL CHECK (length(trim(level3)) > 0), kind TEXT NOT NULL CHECK (kind IN ('>=', '<=', '=', 'qual')), target TEXT NOT NULL DEFAULT '', unit TEXT NOT NULL DEFAULT '', actual TEXT, actual_source TEXT CHECK (actual_source IS NULL OR json_valid(actual_source)), points TEXT NOT NULL, score_override TEXT, override_note TEXT NOT NULL DEFAULT '', qual_band TEXT CHECK (qual_band IS NULL OR qual_band IN ('achieved', 'partial', 'poor')), applicable INTEGER NOT NULL DEFAULT 1 CHECK (applicable IN (0, 1)), deviation_reason TEXT NOT NULL DEFAULT '' ) STRICT",
    ),
    (
        "table",
        "measure",
        "CREATE TABLE measure ( id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE, position INTEGER NOT NULL, title TEXT NOT NULL CHECK (length(trim(title)) > 0), text TEXT NOT NULL DEFAULT '' ) STRICT",
    ),
    (
        "table",
        "metric",
        "CREATE TABLE metric ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL CHECK (length(trim(name)) > 0), value TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', UNIQUE (year_id, name) ) STRICT",
    ),
    (
        "table",
        "payment",
        "CREATE TABLE payment ( id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE, date TEXT NOT NULL CHECK (date = strftime('%Y-%m-%d', date)), amount_fen INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '' ) STRICT",
    ),
    (
        "table",
        "project",
        "CREATE TABLE project ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, parent_id INTEGER REFERENCES project(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL CHECK (length(trim(name)) > 0), funding_source TEXT NOT NULL DEFAULT 'fiscal_general', implementer TEXT NOT NULL DEFAULT '', initial_fen INTEGER NOT NULL DEFAULT 0, adjusted_fen INTEGER NOT NULL DEFAULT 0, is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)), expected_goal TEXT NOT NULL DEFAULT '', actual_result TEXT NOT NULL DEFAULT '', performance_text TEXT NOT NULL DEFAULT '' ) STRICT",
    ),
    (
        "table",
        "task",
        "CREATE TABLE task ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, position INTEGER NOT NULL, title TEXT NOT NULL CHECK (length(trim(title)) > 0), goal_text TEXT NOT NULL DEFAULT '', intro TEXT NOT NULL DEFAULT '' ) STRICT",
    ),
    (
        "table",
        "unit",
        "CREATE TABLE unit ( id INTEGER PRIMARY KEY, full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0), short_name TEXT NOT NULL DEFAULT '', self_name TEXT NOT NULL DEFAULT '本部门', supervisor TEXT NOT NULL DEFAULT '', staffing TEXT NOT NULL DEFAULT '', contact_person TEXT NOT NULL DEFAULT '', contact_phone TEXT NOT NULL DEFAULT '' , kind TEXT NOT NULL DEFAULT 'administration' CHECK (kind IN ('federation', 'mass_org', 'congress', 'administration', 'institution'))) STRICT",
    ),
    (
        "table",
        "unit_department",
        "CREATE TABLE unit_department ( id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL ) STRICT",
    ),
    (
        "table",
        "unit_duty",
        "CREATE TABLE unit_duty ( id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE, position INTEGER NOT NULL, text TEXT NOT NULL ) STRICT",
    ),
    (
        "table",
        "year_list_item",
        "CREATE TABLE year_list_item ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('goal', 'problem', 'improvement')), position INTEGER NOT NULL, text TEXT NOT NULL ) STRICT",
    ),
    (
        "table",
        "year_report",
        "CREATE TABLE year_report ( year_id INTEGER PRIMARY KEY REFERENCES fiscal_year(id) ON DELETE CASCADE, outline_key TEXT NOT NULL DEFAULT '', outline TEXT CHECK (outline IS NULL OR (json_valid(outline) AND json_type(outline) = 'object')), opening TEXT NOT NULL DEFAULT '', closing TEXT NOT NULL DEFAULT '', expenditure_fen INTEGER CHECK (expenditure_fen >= 0), personnel_fen INTEGER CHECK (personnel_fen >= 0), public_fen INTEGER CHECK (public_fen >= 0), fiscal_income_fen INTEGER CHECK (fiscal_income_fen >= 0), staff_authorized INTEGER CHECK (staff_authorized >= 0), staff_active INTEGER CHECK (staff_active >= 0), staff_retired INTEGER CHECK (staff_retired >= 0), previous TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(previous) AND json_type(previous) = 'object') ) STRICT",
    ),
    (
        "table",
        "year_text",
        "CREATE TABLE year_text ( id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE, key TEXT NOT NULL CHECK (key IN ('work_overview', 'performance_management', 'evaluation_summary', 'goals_completion', 'goals_shortfall', 'task_analysis_intro')), text TEXT NOT NULL DEFAULT '', UNIQUE (year_id, key) ) STRICT",
    ),
)
