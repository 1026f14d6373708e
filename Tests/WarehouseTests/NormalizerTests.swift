import Foundation
import Testing
import WarehouseDatabase
import WarehouseTestSupport

/// The SQL normalizers of sql/migrations/0007 on real-world shapes.
@Suite struct NormalizerTests {
    func evaluate(_ database: Database, _ function: String, _ input: String) async throws -> String? {
        let literal = "'" + input.replacingOccurrences(of: "'", with: "''") + "'"
        return try await database.rows("select \(function)(\(literal))::text").first?.decode(String?.self)
    }

    @Test func phonesBecomeE164WithOverseasPrefixesAndShortNumbersKept() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            let cases: [(String, String?)] = [
                ("01 23 45 67 89", "+33123456789"), ("01.23.45.67.89", "+33123456789"),
                ("+33 (0)1 23 45 67 89", "+33123456789"), ("0033 1 23 45 67 89", "+33123456789"),
                ("0262 12 34 56", "+262262123456"), ("0692 12 34 56", "+262692123456"),   // Réunion
                ("0269 61 00 00", "+262269610000"),                                       // Mayotte
                ("0590 12 34 56", "+590590123456"), ("0594 12 34 56", "+594594123456"),
                ("0696 11 22 33", "+596696112233"), ("0508 41 23 45", "+508412345"),
                ("3949", "3949"), ("115", "115"), ("+44 20 7946 0958", "+442079460958"),
                ("01.23.45.67.8", nil), ("0262 00 00", nil), ("pas de numéro", nil),
            ]
            for (input, expected) in cases {
                #expect(try await evaluate(database, "phone_e164", input) == expected, "\(input)")
            }
        }
    }

    @Test func emailsAreLowerCasedTrimmedAndChecked() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            #expect(try await evaluate(database, "email_normalized", "  Jean.Dupont@Mairie-Rennes.FR ") == "jean.dupont@mairie-rennes.fr")
            #expect(try await evaluate(database, "email_normalized", "contact@exemple") == nil)
            #expect(try await evaluate(database, "email_normalized", "deux@@exemple.fr") == nil)
        }
    }

    @Test func siretsNeedTheirLuhnKeyAndLaPosteItsOwnRule() async throws {
        try await TestDatabase.withFreshDatabase { database, _ throws in
            #expect(try await evaluate(database, "siret_is_valid", "73282932000074") == "true")
            #expect(try await evaluate(database, "siret_is_valid", "73282932000075") == "false")
            #expect(try await evaluate(database, "siret_is_valid", "35600000000010") == "true")   // La Poste: digit sum 15
            #expect(try await evaluate(database, "siret_is_valid", "35600000000048") == "false")
            #expect(try await evaluate(database, "siret_is_valid", "7328293200007") == "false")
        }
    }
}
