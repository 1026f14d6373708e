import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WarehouseValidation

/// The page at `/valideur/`: a producer picks a structures file and/or a
/// services file, the page posts them to `/api/v1/valideur` and shows the
/// summary and every error in a table. Self-contained (no external script,
/// style or font), every value written as text, never as HTML.
enum ValideurPage {
    static func response(for request: Request, limits: ValidationLimits) -> Response {
        // relative links (the API call) resolve from the folder: /valideur → /valideur/
        guard request.uri.path.hasSuffix("/") else {
            return Response(status: .movedPermanently, headers: [.location: request.uri.path + "/"])
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; form-action 'self'; base-uri 'none'"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html(limits: limits))))
    }

    static func html(limits: ValidationLimits) -> String {
        """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>Valideur de fichiers data·inclusion</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1e1e1e; }
        fieldset { border: 1px solid #ccc; padding: 1rem; margin-bottom: 1rem; }
        label { display: block; margin: .5rem 0 .2rem; font-weight: 600; }
        button { margin-top: 1rem; padding: .5rem 1.5rem; font-size: 1rem; }
        #resume { padding: .75rem; margin: 1rem 0; font-weight: 600; }
        #resume.valide { background: #e3f4e6; } #resume.invalide { background: #fde8e8; } #resume:empty { display: none; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } td.valeur { font-family: monospace; word-break: break-all; }
        .aide { color: #555; font-size: .9rem; }
        </style></head>
        <body data-etat="pret"><main>
        <h1>Valider un fichier avant de le publier</h1>
        <p class="aide">Déposez le fichier de vos structures, de vos services, ou les deux (les <code>structure_id</code> des services
        sont alors contrôlés). Formats : CSV (séparateur virgule ou point-virgule, UTF-8 ou Latin-1 ; listes écrites « a,b »),
        XLSX (première feuille, première ligne = noms des champs) ou JSON (tableau ou une ligne par enregistrement).
        \(ValidationLimits.megabytes(limits.maxBytes)) et \(limits.maxRows) lignes au plus par fichier. Rien n'est enregistré.</p>
        <form id="formulaire">
        <fieldset>
        <label for="structures">Fichier des structures</label>
        <input type="file" id="structures" name="structures" accept=".csv,.xlsx,.json,.jsonl,.ndjson,.txt">
        <label for="services">Fichier des services</label>
        <input type="file" id="services" name="services" accept=".csv,.xlsx,.json,.jsonl,.ndjson,.txt">
        <label for="schema">Schéma</label>
        <select id="schema" name="schema"><option value="v1" selected>v1 (actuel)</option><option value="v0">v0 (retiré)</option></select>
        </fieldset>
        <button type="submit" id="valider">Valider</button>
        </form>
        <p id="statut" role="status"></p>
        <div id="resume"></div>
        <ul id="fichiers"></ul>
        <ul id="problemes"></ul>
        <ul id="notes"></ul>
        <table id="erreurs" hidden>
        <caption class="aide">Ligne 1 = première ligne sous l'en-tête.</caption>
        <thead><tr><th>Fichier</th><th>Ligne</th><th>Identifiant</th><th>Champ</th><th>Valeur</th><th>Règle</th><th>Message</th></tr></thead>
        <tbody></tbody>
        </table>
        </main>
        <script>
        \(script)
        </script>
        </body></html>

        """
    }

    static let script = """
        "use strict";
        const element = (id) => document.getElementById(id);
        function item(list, text) {
          const entry = document.createElement("li");
          entry.textContent = text;
          element(list).appendChild(entry);
        }
        function clear() {
          for (const id of ["fichiers", "problemes", "notes"]) element(id).replaceChildren();
          element("erreurs").querySelector("tbody").replaceChildren();
          element("erreurs").hidden = true;
          element("resume").textContent = "";
          element("resume").className = "";
        }
        function render(report) {
          for (const file of report.files) {
            const format = [file.format.toUpperCase(), file.encoding, file.delimiter ? "séparateur « " + file.delimiter + " »" : null].filter(Boolean).join(", ");
            let text = file.file + " — " + file.entity + " (" + format + ") : " + file.rows + " ligne(s), " + file.errors + " erreur(s)";
            if (file.ignored_columns.length) text += " ; colonnes ignorées : " + file.ignored_columns.join(", ");
            item("fichiers", text);
          }
          for (const problem of report.problems) item("problemes", problem.file + " : " + problem.message);
          for (const note of report.notes) item("notes", note);
          const body = element("erreurs").querySelector("tbody");
          for (const error of report.errors) {
            const row = document.createElement("tr");
            const cells = [error.file, error.row ?? "", error.id ?? "", error.field, error.value ?? "", error.rule, error.message];
            cells.forEach((value, index) => {
              const cell = document.createElement("td");
              cell.textContent = String(value);
              if (index === 4) cell.className = "valeur";
              row.appendChild(cell);
            });
            body.appendChild(row);
          }
          element("erreurs").hidden = report.errors.length === 0;
          element("resume").textContent = (report.valid ? "Valide. " : "Non valide. ") + report.summary.message;
          element("resume").className = report.valid ? "valide" : "invalide";
        }
        element("formulaire").addEventListener("submit", async (event) => {
          event.preventDefault();
          clear();
          const data = new FormData();
          let count = 0;
          for (const name of ["structures", "services"]) {
            const file = element(name).files[0];
            if (file) { data.append(name, file, file.name); count += 1; }
          }
          if (count === 0) { element("statut").textContent = "Choisissez au moins un fichier."; return; }
          data.append("schema", element("schema").value);
          element("statut").textContent = "Validation en cours…";
          document.body.dataset.etat = "envoi";
          try {
            const answer = await fetch("../api/v1/valideur", { method: "POST", body: data });
            const report = await answer.json();
            if (!answer.ok) {
              element("statut").textContent = report.detail || ("Erreur " + answer.status);
            } else {
              element("statut").textContent = "";
              render(report);
            }
          } catch (error) {
            element("statut").textContent = "Le serveur n'a pas répondu : " + error.message;
          }
          document.body.dataset.etat = "fini";
        });
        """
}
