#!/usr/bin/env python3
"""Regenerate the v0 vocabulary seeds (v0_*.csv) from the bundled v0 schema copy.

The v0 shapes (marts_v0, /api/v0) check their values and the v0 API's
parameters against these seeds; the mapping seeds map_v1_to_v0__*.csv may only
name values they hold (a test checks it). Run only when data/schema/v0 changes:

    python3 dbt-like-models/seeds/generate_v0_vocabularies.py

Output: one CSV per vocabulary next to this script, UTF-8, RFC 4180, LF,
columns value,label,description sorted by value (an empty cell for a null
description). v0_thematiques also has `parent`: the part before `--`, empty
for a top-level thematique.
"""

import csv
import json
import pathlib

SEEDS_DIR = pathlib.Path(__file__).resolve().parent
SCHEMA_DIR = SEEDS_DIR.parent.parent / "data" / "schema" / "v0"

VOCABULARIES = {
    "v0_thematiques": "thematiques.json",
    "v0_typologies_de_structures": "typologies-de-structures.json",
    "v0_labels_nationaux": "labels-nationaux.json",
    "v0_typologies_de_services": "typologies-de-services.json",
    "v0_frais": "frais.json",
    "v0_profils": "profils.json",
    "v0_modes_accueil": "modes-accueil.json",
    "v0_modes_orientation_accompagnateur": "modes-orientation-accompagnateur.json",
    "v0_modes_orientation_beneficiaire": "modes-orientation-beneficiaire.json",
    "v0_zones_de_diffusion_types": "zones-de-diffusion-types.json",
}


def main() -> None:
    for seed, file in VOCABULARIES.items():
        entries = sorted(json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8")), key=lambda e: e["value"])
        columns = ["value", "label", "description"] + (["parent"] if seed == "v0_thematiques" else [])
        with open(SEEDS_DIR / f"{seed}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for entry in entries:
                row = [entry["value"], entry["label"], entry.get("description") or ""]
                if seed == "v0_thematiques":
                    row.append(entry["value"].split("--")[0] if "--" in entry["value"] else "")
                writer.writerow(row)
        print(f"{seed}.csv: {len(entries)} values")


if __name__ == "__main__":
    main()
