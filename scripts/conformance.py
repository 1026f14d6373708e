#!/usr/bin/env python3
"""Validates exported marts rows against the official data·inclusion v1 JSON Schemas.

Every row whose `_is_valid` is true must validate; rows marked invalid are
counted but not checked (the marts keep them on purpose). Internal columns
(underscore fields, cluster_id) are removed before validation, as a consumer
of the open data would never see them.
"""
import argparse
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

INTERNAL = {"cluster_id"}


def check(schema_path: Path, rows_path: Path, label: str) -> tuple[int, int, int]:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    passed = failed = invalid = 0
    for line_number, line in enumerate(rows_path.read_text(encoding="utf-8").splitlines(), start=1):
        row = json.loads(line)
        if "_is_valid" not in row:
            sys.exit(f"{rows_path}:{line_number}: no _is_valid column (export with --with-internal)")
        if not row["_is_valid"]:
            invalid += 1
            continue
        record = {k: v for k, v in row.items() if not k.startswith("_") and k not in INTERNAL}
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        if errors:
            failed += 1
            for error in errors:
                field = ".".join(str(p) for p in error.path) or "(record)"
                print(f"FAIL {label} {record.get('id')}: {field}: {error.message}")
        else:
            passed += 1
    print(f"{label}: {passed} valid rows conform, {failed} do not, {invalid} marked invalid (not checked)")
    return passed, failed, invalid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schemas", type=Path, required=True, help="folder holding structure.schema.json and service.schema.json")
    parser.add_argument("--structures", type=Path, required=True)
    parser.add_argument("--services", type=Path, required=True)
    args = parser.parse_args()
    total_passed = total_failed = 0
    for label, rows in (("structure", args.structures), ("service", args.services)):
        passed, failed, _ = check(args.schemas / f"{label}.schema.json", rows, label)
        total_passed += passed
        total_failed += failed
    print(f"conformance: {total_passed} passed, {total_failed} failed")
    if total_failed or total_passed == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
