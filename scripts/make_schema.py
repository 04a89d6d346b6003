"""Write src/gapcli/contract.schema.json from the TypedDicts of src/gapcli/records.py.

.venv/bin/python scripts/make_schema.py   # after changing a record; tests/test_contract_schema.py checks it
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gapcli.contract import SCHEMA_FILE, schema


def main() -> None:
    SCHEMA_FILE.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
