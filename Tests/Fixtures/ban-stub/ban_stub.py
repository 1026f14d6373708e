"""A local stand-in for the Base Adresse Nationale's CSV batch geocoder.

POST /search/csv/ takes the same multipart form as the real service (a `data`
CSV file, `columns` and `citycode` fields) and answers the CSV with the
result columns appended. Answers are deterministic so tests can assert on
them: an address containing "introuvable" gets no result, one containing
"approximative" a score of 0.42, any other 0.93; coordinates are the point of
the commune (from the communes CSV given as argument) moved 0.001° north, so
a test can tell a geocoder's answer from a commune point. GET /stats returns
how many requests and rows were received.

Usage: python3 ban_stub.py COMMUNES_CSV [PORT_FILE]
(prints the port it listens on, and writes it to PORT_FILE when given)
"""
import csv
import email.parser
import email.policy
import io
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESULT_COLUMNS = ["latitude", "longitude", "result_label", "result_score", "result_type",
                  "result_postcode", "result_citycode", "result_city"]


def load_communes(path):
    by_code, by_postcode = {}, {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["latitude"]:
                continue
            point = (float(row["latitude"]), float(row["longitude"]), row["nom"], row["code_insee"])
            by_code[row["code_insee"]] = point
            # arrondissements carry the postal codes of Paris, Lyon and Marseille
            if row["type"] in ("COM", "ARM"):
                for postcode in row["codes_postaux"].split("|"):
                    by_postcode.setdefault(postcode, point)
    return by_code, by_postcode


class Handler(BaseHTTPRequestHandler):
    stats = {"requests": 0, "rows": 0}

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.rstrip("/") != "/stats":
            self.send_error(404)
            return
        self.reply(200, "application/json", json.dumps(self.stats).encode())

    def do_POST(self):
        if self.path.rstrip("/") != "/search/csv":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body)
        fields = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields.setdefault(name, []).append(part.get_payload(decode=True))
        if b"code_insee" not in fields.get("citycode", []) or b"adresse" not in fields.get("columns", []):
            self.reply(400, "text/plain", b"expected columns=adresse and citycode=code_insee")
            return
        rows = list(csv.DictReader(io.StringIO(fields["data"][0].decode("utf-8"))))
        Handler.stats["requests"] += 1
        Handler.stats["rows"] += len(rows)
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=list(rows[0].keys()) + RESULT_COLUMNS if rows else RESULT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, **self.answer(row)})
        self.reply(200, "text/csv; charset=utf-8", output.getvalue().encode())

    def answer(self, row):
        address = row.get("adresse", "").lower()
        point = self.server.by_code.get(row.get("code_insee", "")) or self.server.by_postcode.get(row.get("code_postal", ""))
        if "introuvable" in address or point is None:
            return {}
        latitude, longitude, city, citycode = point
        return {"latitude": f"{latitude + 0.001:.6f}", "longitude": f"{longitude:.6f}",
                "result_label": f"{row.get('adresse', '')} {city}", "result_type": "housenumber",
                "result_score": "0.42" if "approximative" in address else "0.93",
                "result_postcode": row.get("code_postal", ""), "result_citycode": citycode, "result_city": city}

    def reply(self, status, content_type, payload):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def main():
    # a parent that ignores SIGTERM (a server under test) passes that on: undo it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.by_code, server.by_postcode = load_communes(sys.argv[1])
    port = server.server_address[1]
    if len(sys.argv) > 2:
        with open(sys.argv[2] + ".tmp", "w") as handle:
            handle.write(str(port))
        os.replace(sys.argv[2] + ".tmp", sys.argv[2])
    print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
