import Foundation
import Testing
import WarehouseDatabase
import WarehouseTestSupport

/// data·inclusion's quality score on the demo data: criteria as the schema
/// README defines them, the score as the mean of those that apply.
@Suite struct QualityScoreTests {
    @Test func aDoraServiceScoresEachCriterionAsDefined() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            let row = try #require(try await database.rows("""
                select adresse_bien_definie::float8, modes_mobilisation_bien_definis::float8, au_moins_un_public::float8,
                       au_moins_une_thematique::float8, au_moins_un_moyen_de_contact::float8, courriel_bien_defini::float8,
                       telephone_bien_defini::float8, date_maj_recente::float8, frais_bien_definis::float8,
                       description_bien_definie::float8, score_qualite
                from intermediate.int__services_score_qualite where id = 'dora--5c1e2f3a-0000-4000-8000-000000000001'
                """).first)
            let criteria = try row.decode((Double?, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Double?, Double).self)
            // in person with an address, both mobilisation lists, a public, a thematique, contacts given
            #expect(criteria.0 == 1 && criteria.1 == 1 && criteria.2 == 1 && criteria.3 == 1 && criteria.4 == 1)
            #expect(criteria.5 == 1 && criteria.6 == 1)   // e-mail and phone modes, both given
            #expect(criteria.8 == 1)                        // gratuit
            #expect(criteria.9 == 0.5)                      // a description of 50 to 199 characters
            let applicable = [criteria.0, criteria.1, criteria.2, criteria.3, criteria.4, criteria.5, criteria.6,
                              criteria.7, criteria.8, criteria.9].compactMap { $0 }
            let mean = applicable.reduce(0, +) / Double(applicable.count)
            #expect(abs(criteria.10 - (mean * 100).rounded() / 100) < 0.0001)
        }
    }

    @Test func agefiphAndFranceTravailAreNotJudgedOnFreshness() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            let judged = try await database.scalarInt("""
                select count(*) from intermediate.int__services_score_qualite q
                join marts.services s on s.id = q.id
                where s.source in ('agefiph', 'france-travail') and q.date_maj_recente is not null
                """)
            #expect(judged == 0)
            #expect(try await database.scalarInt("select count(*) from marts.services where score_qualite is null or score_qualite not between 0 and 1") == 0)
            let structureMeans = try await database.scalarInt("""
                select count(*) from marts.structures t
                where t.score_qualite <> coalesce((select round(avg(s.score_qualite)::numeric, 2) from marts.services s where s.structure_id = t.id and s._is_valid), 0)
                """)
            #expect(structureMeans == 0)
        }
    }
}
