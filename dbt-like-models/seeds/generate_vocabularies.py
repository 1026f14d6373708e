#!/usr/bin/env python3
"""Regenerate the v1 vocabulary seeds (v1_*.csv) from the data·inclusion schema.

The CSV files are committed so the project runs without the schema folder;
run this script only when the reference copy of the schema changes:

    python3 dbt-like-models/seeds/generate_vocabularies.py [--schema-dir DIR]

DIR defaults to ../shared/schema/v1 relative to the repository root (the
folder that holds dbt-like-models/). Output: one CSV per vocabulary next to
this script, UTF-8, comma separated, RFC 4180 quoting, LF line endings,
columns value,label,description (plus categorie for thematiques), sorted by
value. A null description becomes an empty cell (NULL once seeded).
"""

import argparse
import csv
import json
import pathlib
import sys

SEEDS_DIR = pathlib.Path(__file__).resolve().parent
REPO_ROOT = SEEDS_DIR.parent.parent
DEFAULT_SCHEMA_DIR = REPO_ROOT.parent / "shared" / "schema" / "v1"

# seed name -> vocabulary file of the schema
VOCABULARIES = {
    "v1_thematiques": "thematiques.json",
    "v1_thematiques_categories": "thematiques-categories.json",
    "v1_publics": "publics.json",
    "v1_reseaux_porteurs": "reseaux-porteurs.json",
    "v1_types_de_services": "types-de-services.json",
    "v1_frais": "frais.json",
    "v1_modes_accueil": "modes-accueil.json",
    "v1_modes_mobilisation": "modes-mobilisation.json",
    "v1_personnes_mobilisatrices": "personnes-mobilisatrices.json",
}


def load(schema_dir: pathlib.Path, name: str) -> list:
    with open(schema_dir / name, encoding="utf-8") as handle:
        return json.load(handle)


def categories_by_thematique(schema_dir: pathlib.Path) -> dict:
    """Map each thematique to its category, from the derived hierarchy file."""
    mapping = {}
    for category in load(schema_dir, "thematiques-hierarchie.json"):
        for thematique in category["thematiques"]:
            mapping[thematique["value"]] = category["value"]
    return mapping


def write_seed(path: pathlib.Path, header: list, rows: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema-dir", type=pathlib.Path, default=DEFAULT_SCHEMA_DIR,
                        help="folder holding the v1 vocabulary JSON files")
    args = parser.parse_args()

    categories = categories_by_thematique(args.schema_dir)
    for seed, file_name in VOCABULARIES.items():
        entries = sorted(load(args.schema_dir, file_name), key=lambda entry: entry["value"])
        header = ["value", "label", "description"]
        rows = [[e["value"], e["label"], e.get("description") or ""] for e in entries]
        if seed == "v1_thematiques":
            missing = [e["value"] for e in entries if e["value"] not in categories]
            if missing:
                print(f"thematiques without a category: {missing}", file=sys.stderr)
                return 1
            header.append("categorie")
            rows = [row + [categories[row[0]]] for row in rows]
        write_seed(SEEDS_DIR / f"{seed}.csv", header, rows)
        print(f"{seed}.csv: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
