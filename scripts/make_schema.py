"""Write what is made from the TypedDicts: src/gapcli/contract.schema.json (the JSON contract, from
records.py) and src/gapcli/fields.py (every record's and CSV row's fields in order, from records.py
and rows.py, for the views' header rows without building a TypedDict at start-up).

.venv/bin/python scripts/make_schema.py   # after changing a record or row; tests check both are current
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gapcli.contract import FIELDS_FILE, SCHEMA_FILE, fields_module, schema


def main() -> None:
    SCHEMA_FILE.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    FIELDS_FILE.write_text(fields_module(), "utf-8")
    print(f"wrote {SCHEMA_FILE} and {FIELDS_FILE}")


if __name__ == "__main__":
    main()
