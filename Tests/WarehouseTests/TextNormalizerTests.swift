import Foundation
import PostgresNIO
import Testing
import WarehouseDatabase
import WarehouseTestSupport

/// The SQL normalizers of sql/migrations/0011 (URLs, opening hours, personal
/// e-mails by first name) on the shapes the sources write.
@Suite struct TextNormalizerTests {
    func text(_ database: Database, _ query: PostgresQuery) async throws -> String? {
        try await database.query(query).first?.decode(String?.self)
    }

    func flag(_ database: Database, _ query: PostgresQuery) async throws -> Bool? {
        try await database.query(query).first?.decode(Bool?.self)
    }

    @Test func urlsGetASchemeLoseTheirSpacesAndKeepTheirPath() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let cases: [(String, String)] = [
                ("https://www.exemple.fr/page", "https://www.exemple.fr/page"),
                ("http://exemple.fr", "http://exemple.fr"),
                ("www.exemple.fr/Une-Page?x=1", "https://www.exemple.fr/Une-Page?x=1"),
                ("exemple.fr", "https://exemple.fr"),
                ("  HTTPS://WWW.Exemple.FR/Chemin/Page  ", "https://www.exemple.fr/Chemin/Page"),
                ("https://www.exemple.fr/ma page", "https://www.exemple.fr/mapage"),
                ("https://www.exemple.fr/une\nlongue/adresse", "https://www.exemple.fr/unelongue/adresse"),
                ("https:// www.exemple.fr", "https://www.exemple.fr"),
                ("//www.exemple.fr/x", "https://www.exemple.fr/x"),
                ("http:/www.exemple.fr", "http://www.exemple.fr"),
                ("https:www.exemple.fr", "https://www.exemple.fr"),
                ("www.exemple.fr:8080/x", "https://www.exemple.fr:8080/x"),
                ("http://localhost:8080/x", "http://localhost:8080/x"),
                ("https://192.168.1.10/", "https://192.168.1.10/"),
                ("https://user@www.exemple.fr/", "https://user@www.exemple.fr/"),
                ("https://www.exemple.fr.", "https://www.exemple.fr"),
                ("https://www.mairie-saint-étienne.fr", "https://www.mairie-saint-étienne.fr"),
                ("https://coordination-exemple.invalid", "https://coordination-exemple.invalid"),
                ("\u{00A0}https://www.exemple.fr\u{00A0}", "https://www.exemple.fr"),
            ]
            for (input, expected) in cases {
                #expect(try await text(database, "select url_normalized(\(input))") == expected, "\(input)")
                #expect(try await text(database, "select url_problem(\(input))") == nil, "\(input)")
            }
        }
    }

    @Test func invalidUrlsAreNullWithTheirReason() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let cases: [(String, String)] = [
                ("mailto:contact@exemple.fr", "scheme 'mailto' is not http(s)"),
                ("javascript:void(0)", "scheme 'javascript' is not http(s)"),
                ("ftp://ftp.exemple.fr", "scheme 'ftp' is not http(s)"),
                ("tel:0123456789", "scheme 'tel' is not http(s)"),
                ("not a url", "spaces in the host part 'not a url'"),
                ("Voir le site www.exemple.fr", "spaces in the host part 'Voir le site www.exemple.fr'"),
                ("http://", "no host"),
                ("https://intranet/page", "host 'intranet' has no dot"),
                ("contact@exemple.fr", "an e-mail address, not a URL"),
                ("https://www.exemple.fr:99999/", "port 99999 out of range"),
                ("https://www.exemple.fr:abc/", "invalid port 'abc'"),
                ("https://999.1.1.1/", "IP address 999.1.1.1 out of range"),
                ("https://exa_mple.fr", "invalid host 'exa_mple.fr'"),
                ("https://www.exemple.123/", "invalid host 'www.exemple.123'"),
                ("https://-exemple.fr", "invalid host '-exemple.fr'"),
                ("https://" + String(repeating: "a", count: 2100) + ".fr", "longer than 2083 characters"),
            ]
            for (input, reason) in cases {
                #expect(try await text(database, "select url_normalized(\(input))") == nil, "\(input)")
                #expect(try await text(database, "select url_problem(\(input))") == reason, "\(input)")
            }
            for blank in ["", "   "] {
                #expect(try await text(database, "select url_normalized(\(blank))") == nil)
                #expect(try await text(database, "select url_problem(\(blank))") == nil)
            }
        }
    }

    @Test func openingHoursTheSourcesWriteAreValid() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let valid = [
                "Mo-Fr 09:00-12:30,13:30-17:00", "Tu,Th 09:00-12:00", "24/7", "off", "PH off", "Su,PH off",
                // france-travail
                "Mo-Th 08:30-12:30,13:30-16:30 open \"Sans rendez-vous\"; Fr 08:30-12:30 open \"Sans rendez-vous\"; PH off",
                // monenfant: additional rules with ", ", months, a date range across the year
                "Mo 07:45-18:15 open, Tu 07:45-18:15 open, We open, Sa open, Su open; Jul closed",
                "Mo-Fr 07:30-18:30 open; Aug closed; Dec 25-Jan 1 closed", "Jul-Aug off", "Mar 01-15 off",
                // reseau-alpha, soliguide
                "Mo,Th-Fr 19:30-21:00 open", "Tu open",
                "Mo 11:30-14:00 open, Tu 11:30-14:00 open, Sa closed, Su closed; PH closed",
                "closed \"fermeture temporaire\"",
                // open end, past midnight (night shelters), a fallback rule, odd spacing
                "Mo 10:00+", "Mo-Su 20:00-08:00", "Mo 00:00-24:00",
                "Mo-Fr 10:00-12:00 || \"sur rendez-vous\"", "Mo - Fr  08:00 - 12:00",
            ]
            for hours in valid {
                #expect(try await text(database, "select opening_hours_problem(\(hours))") == nil, "\(hours)")
            }
        }
    }

    @Test func invalidOpeningHoursGiveTheFirstProblem() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let cases: [(String, String)] = [
                ("Lu 08:00-12:00", "unknown day 'Lu'"),
                ("Mardi 14h-17h", "unknown day 'Mardi'"),
                ("mo-fr 08:00-12:00", "unknown day 'mo'"),
                ("Juillet closed", "unknown month 'Juillet'"),
                ("Du lundi au vendredi de 9h à 18h", "unparsable near 'Du lundi au vendredi de 9h à 1…'"),
                ("Sur rendez-vous", "unparsable near 'Sur rendez-vous'"),
                ("Mo-Fr 08:00-12:00; Accueil sur rendez-vous", "unparsable near 'Accueil sur rendez-vous'"),
                ("Mo-Fr 08:00-12:00 Sa", "unparsable near 'Sa'"),
                ("Mo 08:00–12:00", "unparsable near '–12:00'"),
                ("week 1-53 Mo 10:00-12:00", "unparsable near 'week 1-53 Mo 10:00-12:00'"),
                ("Mo 25:00-26:00", "time 25:00 out of range"),
                ("Mo 08:60-09:00", "time 08:60 out of range"),
                ("Mo 24:00-24:30", "time 24:30 out of range"),
                ("Mo 8:00-12:00", "time '8:00' is not HH:MM"),
                ("Mo 08:00-08:00", "empty time range 08:00-08:00"),
                ("Feb 30 closed", "day 30 out of range for Feb"),
                ("Mo-Fr 08:00-12:00;", "empty rule after the last ';'"),
                ("Mo 08:00-", "incomplete at the end"),
                ("\"unterminated", "unterminated comment"),
            ]
            for (hours, reason) in cases {
                #expect(try await text(database, "select opening_hours_problem(\(hours))") == reason, "\(hours)")
            }
            #expect(try await text(database, "select opening_hours_problem(\("  "))") == nil)
        }
    }

    /// The quick check must never accept what the parser rejects: values it
    /// declines are parsed, so it may only be narrower.
    @Test func theQuickCheckOfUsualSpellingsIsNarrowerThanTheParser() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let usual = [
                "Mo-Fr 09:00-12:30,13:30-17:00", "Tu open", "PH off", "Mo-Fr 07:30-18:30 open; Aug closed",
                "Mo-Th 08:30-12:30 open \"Sans rendez-vous\"; Fr 08:30-12:30 open \"Sans rendez-vous\"; PH off",
            ]
            for hours in usual {
                #expect(try await flag(database, "select opening_hours_usual_spelling(\(hours))") == true, "\(hours)")
            }
            let declined = [
                "Mo 08:00-08:00", "Mo 24:00-24:30", "Mo 25:00-26:00", "Dec 25-Jan 1 closed", "Mo - Fr 08:00-12:00",
                "Mo-Fr 08:00-12:00;", "Lu 08:00-12:00", "T-T", "Mo # 08:00-12:00", "\"unterminated",
            ]
            for hours in declined {
                #expect(try await flag(database, "select opening_hours_usual_spelling(\(hours))") == false, "\(hours)")
            }
        }
    }

    @Test func personalEmailsStartWithAFirstNameAtAWebmail() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let cases: [(String, Bool)] = [
                ("marie.dupont@gmail.com", true), ("Marie-Claire.Martin@Orange.fr", true),
                ("paul_durand75@hotmail.fr", true), ("kevin-martin@yahoo.fr", true),
                ("mohamed.benali@outlook.com", true), ("  Sophie.Bernard@Free.fr ", true),
                ("camille.leroy@yahoo.co.uk", true),
                ("dupont.marie@wanadoo.fr", true),         // surname then first name
                ("j.dupont@gmail.com", true),              // initial and surname
                ("jean-pierre@gmail.com", true),           // a compound first name
                ("jdupont@gmail.com", false),              // initial glued to the surname: not told from acronyms
                ("marie75@gmail.com", false),              // a lone first name
                ("contact@mairie-x.fr", false), ("jean.dupont@mairie-rennes.fr", false),   // not a webmail
                ("accueil.ccas@orange.fr", false), ("contact@gmail.com", false),
                ("mairie.saint.jean@wanadoo.fr", false), ("france.services.rennes@orange.fr", false),
                ("ecole.jules.ferry@orange.fr", false), ("restos.du.coeur@gmail.com", false),
                ("secours.populaire.35@laposte.net", false), ("pas un courriel", false),
            ]
            for (email, personal) in cases {
                #expect(try await flag(database, "select email_is_personal(\(email))") == personal, "\(email)")
            }
            #expect(try await flag(database, "select email_is_personal(null)") == false)
        }
    }

    /// ref.first_names is built from the seed ref_first_names at every refresh, indexed.
    @Test func theFirstNamesListIsLoadedWithoutTheWordsLeftOut() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            #expect(try await database.scalarInt("select count(*) from ref.first_names") > 4000)
            #expect(try await database.scalarInt(
                "select count(*) from ref.first_names where prenom in ('marie', 'jean', 'camille', 'mohamed')") == 4)
            #expect(try await database.scalarInt(
                "select count(*) from ref.first_names where prenom in ('france', 'saint', 'esperance') or prenom !~ '^[a-z]{2,}$'") == 0)
            #expect(try await database.scalarInt(
                "select count(*) from pg_indexes where schemaname = 'ref' and tablename = 'first_names' and indexdef like '%(prenom)%'") == 1)
            // reading a table, the function must not claim to be immutable
            #expect(try await text(database, "select provolatile::text from pg_proc where proname = 'email_is_personal'") == "s")
        }
    }
}
