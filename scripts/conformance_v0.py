#!/usr/bin/env python3
"""Validates the v0 shapes against the v0 JSON Schemas of the data·inclusion schema.

Two kinds of input, each a JSON Lines file:
  --structures / --services: rows of the views marts_v0.structures and
      marts_v0.services (`select row_to_json(v) from marts_v0.<view> as v`).
      Rows whose `_is_valid` is false are counted, not checked, as the v1
      check does; the columns the views add for filtering (underscore ones,
      score_qualite, cluster_id, code_departement, code_region) are removed.
  --api-structures / --api-services / --api-search: whole answers of
      /api/v0/structures, /api/v0/services and /api/v0/search/services, one
      per line. The envelope must be exactly items/total/page/size/pages;
      every item is validated as it is served (the API's extra fields
      score_qualite and doublons are allowed: the schemas do not forbid
      other properties), a search item's `service` and its `structure` too.
The validator is Python's jsonschema (Draft 2020-12, formats checked), not
the warehouse's code.
"""
import argparse
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

VIEW_EXTRA = {"score_qualite", "cluster_id", "code_departement", "code_region"}
ENVELOPE = {"items", "total", "page", "size", "pages"}


class Checker:
    def __init__(self, schemas: Path):
        def load(name: str) -> Draft202012Validator:
            schema = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
            return Draft202012Validator(schema, format_checker=FormatChecker())
        self.validators = {"structure": load("structure"), "service": load("service")}
        self.passed = self.failed = 0

    def record(self, kind: str, record: dict, where: str) -> None:
        errors = sorted(self.validators[kind].iter_errors(record), key=lambda e: list(e.path))
        if errors:
            self.failed += 1
            for error in errors:
                field = ".".join(str(p) for p in error.path) or "(record)"
                print(f"FAIL {where} {kind} {record.get('id')}: {field}: {error.message}")
        else:
            self.passed += 1

    def fail(self, message: str) -> None:
        self.failed += 1
        print(f"FAIL {message}")

    def view(self, kind: str, path: Path) -> None:
        before, invalid = self.passed + self.failed, 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            row = json.loads(line)
            if "_is_valid" not in row:
                sys.exit(f"{path}:{number}: no _is_valid column")
            if not row["_is_valid"]:
                invalid += 1
                continue
            record = {k: v for k, v in row.items() if not k.startswith("_") and k not in VIEW_EXTRA}
            self.record(kind, record, f"{path.name}:{number}")
        print(f"marts_v0 {kind}s: {self.passed + self.failed - before} valid rows checked, {invalid} marked invalid (not checked)")

    def answers(self, kind: str, path: Path, search: bool = False) -> None:
        before = self.passed + self.failed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path.name}:{number}"
            answer = json.loads(line)
            if set(answer) != ENVELOPE:
                self.fail(f"{where}: envelope keys {sorted(answer)} are not {sorted(ENVELOPE)}")
                continue
            if answer["size"] != len(answer["items"]):
                self.fail(f"{where}: size {answer['size']} but {len(answer['items'])} items")
            for item in answer["items"]:
                if not search:
                    self.record(kind, item, where)
                elif set(item) != {"service", "distance"}:
                    self.fail(f"{where}: search item keys {sorted(item)} are not distance, service")
                else:
                    self.record("service", item["service"], where)
                    self.record("structure", item["service"].get("structure") or {}, where)
        print(f"/api/v0 answers in {path.name}: {self.passed + self.failed - before} objects checked")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schemas", type=Path, required=True, help="folder holding the v0 structure.schema.json and service.schema.json")
    for name in ("structures", "services", "api-structures", "api-services", "api-search"):
        parser.add_argument(f"--{name}", type=Path)
    args = parser.parse_args()
    checker = Checker(args.schemas)
    if args.structures:
        checker.view("structure", args.structures)
    if args.services:
        checker.view("service", args.services)
    if args.api_structures:
        checker.answers("structure", args.api_structures)
    if args.api_services:
        checker.answers("service", args.api_services)
    if args.api_search:
        checker.answers("service", args.api_search, search=True)
    print(f"v0 conformance: {checker.passed} passed, {checker.failed} failed")
    if checker.failed or checker.passed == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
