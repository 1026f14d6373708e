#!/usr/bin/env python3
"""Splink's deduplication of the published structures, and the pairwise metric
that judges it and the warehouse alike.

Used by scripts/bench/dedup-vs-splink; also runs on its own:

    python3 scripts/bench/splink_link.py --structures structures.csv --truth truth.csv

where structures.csv is `warehouse export structures --format csv --with-internal`
(its cluster_id column is the warehouse's answer) and truth.csv is the truth
file of `warehouse generate` (source,native_id,entity).

Measured with splink 4.0.17, duckdb 2.0.1, pandas 3.1.1, numpy 2.4.6 on
Python 3.11 (pip install 'splink>=4,<5' duckdb pandas).

The Splink model, set up as a careful user would from Splink's documentation,
trained without labels (no parameter is fitted to the truth file; docs/dedup.md,
"Benchmark against Splink", tells the one structural change made after a first
run, and why):

- inputs normalised in Python before loading: names lower-cased, unaccented,
  punctuation removed, legal-form words (association, SARL, SAS…) and French
  stop words dropped, "st"/"ste" spelt out; their tokens as an array; SIRET
  digits (14 or nothing) and its SIREN; phone digits only; e-mail lower-cased;
  website reduced to its host without "www."; address lower-cased, unaccented,
  with the usual street-type abbreviations spelt out (r. → rue, av. → avenue…);
  postal code; commune INSEE code; latitude/longitude only where the point is
  an address (a commune's centre says nothing about two structures being one).
- comparisons (levels from most to least similar, then "else"):
  name: exact (term-frequency adjusted) / Jaro-Winkler ≥ 0.92 / token Jaccard
  ≥ 0.6 / Jaro-Winkler ≥ 0.8 / token Jaccard ≥ 0.3;
  SIRET: exact (TF) / same SIREN; phone: exact (TF); e-mail: exact (TF) /
  Jaro-Winkler ≥ 0.88; website host: exact (TF); location, one comparison
  because address, point and commune are not independent: same commune and
  address (TF) / ≤ 50 m / same commune and address Jaro-Winkler ≥ 0.9 / ≤ 200 m
  / same commune / ≤ 5 km / same département.
- blocking rules for prediction (their union): same SIRET; same phone; same
  e-mail; same postal code and first 4 letters of the name; same commune and a
  shared name token; same commune and address; same commune and website host;
  same point rounded to 0.001° (about 100 m).
- training: λ (probability that two random records match) from deterministic
  rules (same SIRET and name, same phone and name, same commune and name) at an
  assumed recall of 0.7; u by random sampling of 2 million pairs (seed 1:
  reproducible; ten million, which Splink calls often adequate, took 90 s of
  the 2-core machine for any input size);
  m by expectation maximisation on three blocking rules (same commune and name;
  same phone; same postal code and address), each leaving different comparisons
  free to be estimated.
- prediction at match probability ≥ 0.9, then connected components at the same
  threshold (cluster_pairwise_predictions_at_threshold).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter

MATCH_THRESHOLD = 0.9
U_SAMPLE_PAIRS = 2e6
ASSUMED_DETERMINISTIC_RECALL = 0.7

LEGAL_FORM_WORDS = {
    "association", "asso", "assoc", "loi", "1901", "sarl", "sas", "sasu", "sa",
    "eurl", "eirl", "scop", "scic", "sci", "gie", "gip", "sem", "spl", "scp",
}
STOP_WORDS = {
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en",
    "pour", "sur", "par",
}
NAME_SPELLINGS = {"st": "saint", "ste": "sainte"}
STREET_SPELLINGS = {
    "r": "rue", "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard",
    "boul": "boulevard", "pl": "place", "ch": "chemin", "chem": "chemin", "imp": "impasse",
    "rte": "route", "all": "allee", "fg": "faubourg", "fbg": "faubourg", "sq": "square",
    "crs": "cours", "qu": "quai", "res": "residence", "st": "saint", "ste": "sainte",
    "gal": "general", "gen": "general", "mal": "marechal", "pdt": "president",
}


def _plain(text: str) -> str:
    """Lower-case, unaccented, punctuation replaced by spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    unaccented = "".join(c for c in decomposed if not unicodedata.combining(c))
    unaccented = unaccented.replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", " ", unaccented).strip()


def normalise_name(name: str) -> str:
    words = [NAME_SPELLINGS.get(w, w) for w in _plain(name).split()]
    return " ".join(w for w in words if w not in LEGAL_FORM_WORDS and w not in STOP_WORDS)


def normalise_address(address: str) -> str:
    return " ".join(STREET_SPELLINGS.get(w, w) for w in _plain(address).split())


def normalise_website_host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    return host[4:] if host.startswith("www.") else host


def prepare_records(structures):
    """The Splink input table (a pandas DataFrame) from the exported structures."""
    import pandas as pd

    def cleaned(values, function):
        return [function(v) if v else None for v in values]

    def or_none(text):
        return text or None

    siret_digits = [re.sub(r"\D", "", v) for v in structures["siret"]]
    address_point = structures["_geocoding_precision"].eq("address")
    records = pd.DataFrame({
        "id": structures["id"],
        "name_norm": [or_none(v) for v in cleaned(structures["nom"], normalise_name)],
        "siret": [v if len(v) == 14 else None for v in siret_digits],
        "siren": [v[:9] if len(v) == 14 else None for v in siret_digits],
        "telephone": [or_none(v) for v in cleaned(structures["telephone"], lambda v: re.sub(r"\D", "", v))],
        "courriel": [or_none(v) for v in cleaned(structures["courriel"], lambda v: v.strip().lower())],
        "website_host": [or_none(v) for v in cleaned(structures["site_web"], normalise_website_host)],
        "address_norm": [or_none(v) for v in cleaned(structures["adresse"], normalise_address)],
        "code_postal": [or_none(v.strip()) for v in structures["code_postal"]],
        "code_insee": [or_none(v.strip()) for v in structures["code_insee"]],
        "latitude": pd.to_numeric(structures["latitude"].where(address_point, ""), errors="coerce"),
        "longitude": pd.to_numeric(structures["longitude"].where(address_point, ""), errors="coerce"),
    })
    return records


def splink_settings():
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    def token_jaccard_at_least(share):
        return cll.CustomLevel(
            f"len(list_intersect(name_tokens_l, name_tokens_r))::double"
            f" / len(list_distinct(list_concat(name_tokens_l, name_tokens_r))) >= {share}",
            label_for_charts=f"name tokens Jaccard >= {share}",
        )

    name = cl.CustomComparison(
        output_column_name="name_norm",
        comparison_levels=[
            cll.NullLevel("name_norm"),
            cll.ExactMatchLevel("name_norm", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("name_norm", 0.92),
            token_jaccard_at_least(0.6),
            cll.JaroWinklerLevel("name_norm", 0.8),
            token_jaccard_at_least(0.3),
            cll.ElseLevel(),
        ],
    )
    siret = cl.CustomComparison(
        output_column_name="siret",
        comparison_levels=[
            cll.NullLevel("siret"),
            cll.ExactMatchLevel("siret", term_frequency_adjustments=True),
            cll.ExactMatchLevel("siren"),
            cll.ElseLevel(),
        ],
    )
    courriel = cl.CustomComparison(
        output_column_name="courriel",
        comparison_levels=[
            cll.NullLevel("courriel"),
            cll.ExactMatchLevel("courriel", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("courriel", 0.88),
            cll.ElseLevel(),
        ],
    )
    # address, point and commune say one thing: where the structure is. As
    # separate comparisons their weights would add up although they are not
    # independent given a match (a town hall and the CCAS it houses share all
    # three), so they form one comparison whose levels go from the same
    # address to the same département.
    same_commune = "code_insee_l = code_insee_r"
    location = cl.CustomComparison(
        output_column_name="location",
        comparison_levels=[
            cll.And(
                cll.Or(cll.NullLevel("address_norm"), cll.NullLevel("code_insee")),
                cll.Or(cll.NullLevel("latitude"), cll.NullLevel("longitude")),
            ),
            cll.CustomLevel(f"{same_commune} and address_norm_l = address_norm_r", "same address").configure(
                tf_adjustment_column="address_norm", tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            ),
            cll.DistanceInKMLevel("latitude", "longitude", 0.05),
            cll.And(cll.CustomLevel(same_commune), cll.JaroWinklerLevel("address_norm", 0.9)),
            cll.DistanceInKMLevel("latitude", "longitude", 0.2),
            cll.CustomLevel(same_commune, "same commune"),
            cll.DistanceInKMLevel("latitude", "longitude", 5),
            cll.CustomLevel("substr(code_insee_l, 1, 2) = substr(code_insee_r, 1, 2)", "same département"),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="id",
        comparisons=[
            name,
            siret,
            cl.ExactMatch("telephone").configure(term_frequency_adjustments=True),
            courriel,
            cl.ExactMatch("website_host").configure(term_frequency_adjustments=True),
            location,
        ],
        blocking_rules_to_generate_predictions=[
            block_on("siret"),
            block_on("telephone"),
            block_on("courriel"),
            block_on("code_postal", "substr(name_norm, 1, 4)"),
            block_on("code_insee", "name_tokens", arrays_to_explode=["name_tokens"]),
            block_on("code_insee", "address_norm"),
            block_on("code_insee", "website_host"),
            block_on("round(latitude, 3)", "round(longitude, 3)"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def link_with_splink(records):
    """Cluster the prepared records with Splink; returns ({id: cluster}, seconds per phase,
    predicted pairs above the threshold)."""
    import duckdb
    from splink import DuckDBAPI, Linker, block_on

    seconds = {}
    started = time.perf_counter()
    connection = duckdb.connect()
    connection.register("prepared", records)
    # the token array is built in DuckDB, as a LIST column that blocking can explode
    # (name_norm holds words joined by single spaces)
    connection.execute("create table structures as select *, string_split(name_norm, ' ') as name_tokens from prepared")
    connection.unregister("prepared")
    linker = Linker("structures", splink_settings(), DuckDBAPI(connection=connection), set_up_basic_logging=False)
    seconds["load"] = time.perf_counter() - started

    phase = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [
            block_on("siret", "name_norm"),
            block_on("telephone", "name_norm"),
            block_on("code_insee", "name_norm"),
        ],
        recall=ASSUMED_DETERMINISTIC_RECALL,
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=1)
    for rule in (
        block_on("code_insee", "name_norm"),
        block_on("telephone"),
        block_on("code_postal", "address_norm"),
    ):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    seconds["train"] = time.perf_counter() - phase

    phase = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=MATCH_THRESHOLD)
    seconds["predict"] = time.perf_counter() - phase

    phase = time.perf_counter()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=MATCH_THRESHOLD
    )
    assignment = dict(
        connection.execute(f"select id, cluster_id from {clusters.physical_name}").fetchall()
    )
    seconds["cluster"] = time.perf_counter() - phase
    seconds["total"] = time.perf_counter() - started
    pairs = connection.execute(f"select count(*) from {predictions.physical_name}").fetchone()[0]
    return assignment, seconds, pairs


def pairwise_scores(clusters: dict, truth: dict) -> dict:
    """Pairwise precision, recall and F1 of a clustering against the truth.

    clusters maps record id → cluster; truth maps record id → entity. Only ids
    present in both count (as `warehouse dedup evaluate` counts only truth rows
    found in marts.structures). A record without a cluster is alone. Pairs are
    counted from group sizes: predicted = pairs in one cluster, true = pairs of
    one entity, correct = pairs in one cluster and one entity.
    """
    ids = [i for i in truth if i in clusters]

    def pairs_within(groups):
        return sum(n * (n - 1) // 2 for n in Counter(groups).values())

    predicted = pairs_within(clusters[i] if clusters[i] not in (None, "") else ("alone", i) for i in ids)
    true = pairs_within(truth[i] for i in ids)
    correct = pairs_within(
        (clusters[i] if clusters[i] not in (None, "") else ("alone", i), truth[i]) for i in ids
    )
    precision = correct / predicted if predicted else 1.0
    recall = correct / true if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "records": len(ids), "predicted_pairs": predicted, "true_pairs": true,
        "correct_pairs": correct, "precision": precision, "recall": recall, "f1": f1,
    }


def read_truth(path) -> dict:
    import csv

    with open(path, newline="", encoding="utf-8") as file:
        return {f"{row['source']}--{row['native_id']}": row["entity"] for row in csv.DictReader(file)}


def read_structures(path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def run(structures_path, truth_path) -> dict:
    """Score the warehouse's clusters of the export, then link the same records with
    Splink and score its clusters, with the one metric."""
    logging.getLogger("splink").setLevel(logging.WARNING)
    structures = read_structures(structures_path)
    truth = read_truth(truth_path)
    warehouse = pairwise_scores(dict(zip(structures["id"], structures["cluster_id"])), truth)

    started = time.perf_counter()
    records = prepare_records(structures)
    prepare_seconds = time.perf_counter() - started
    assignment, seconds, pairs = link_with_splink(records)
    seconds = {"prepare": prepare_seconds, **seconds}
    seconds["total"] += prepare_seconds
    missing = set(structures["id"]) - set(assignment)
    if missing:
        raise SystemExit(f"Splink left {len(missing)} records without a cluster")
    import duckdb
    import splink

    return {
        "records": len(structures),
        "warehouse": warehouse,
        "splink": pairwise_scores(assignment, truth),
        "splink_seconds": seconds,
        "splink_pairs_above_threshold": pairs,
        "versions": {"splink": splink.__version__, "duckdb": duckdb.__version__},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--structures", required=True, help="export structures CSV with --with-internal")
    parser.add_argument("--truth", required=True, help="truth.csv of warehouse generate")
    parser.add_argument("--json", help="also write the results to this file")
    options = parser.parse_args(argv)
    results = run(options.structures, options.truth)
    text = json.dumps(results, indent=2)
    if options.json:
        with open(options.json, "w", encoding="utf-8") as file:
            file.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
