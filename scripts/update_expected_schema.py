"""Write src/jixiao/store/expected_schema.py: the schema jixiao's migrations make, so that opening a
data file compares with it instead of running every migration in memory first (~5 ms of the
window's start). Run after adding a migration; tests/store/test_expected_schema.py fails until then.

    .venv/bin/python scripts/update_expected_schema.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jixiao.store.integrity import expected_schema_source  # noqa: E402

TARGET = ROOT / "src" / "jixiao" / "store" / "expected_schema.py"


def main() -> int:
    TARGET.write_text(expected_schema_source(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(TARGET)], check=False)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
