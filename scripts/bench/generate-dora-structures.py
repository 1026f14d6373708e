#!/usr/bin/env python3
"""Writes N dora structures (a JSON array, as the DORA API dump is) built from
the demo records with fresh ids and varied names, plus an empty services file,
as a snapshot folder: OUT/dora/structures.json, OUT/dora/services.json.
Also writes OUT/dora-structures.jsonl (one record a line) for the psql baseline."""
import json
import sys
import uuid
from pathlib import Path

count, out = int(sys.argv[1]), Path(sys.argv[2])
demo = json.loads((Path(__file__).resolve().parents[2] / "data/demo-snapshots/dora/structures.json").read_text())
(out / "dora").mkdir(parents=True, exist_ok=True)
records = []
for index in range(count):
    record = dict(demo[index % len(demo)])
    record["id"] = str(uuid.UUID(int=index + 1))
    record["nom"] = f"{record['nom'].strip()} {index}"
    records.append(record)
(out / "dora" / "structures.json").write_text(json.dumps(records, ensure_ascii=False, indent=2))
(out / "dora" / "services.json").write_text("[]")
(out / "dora-structures.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
