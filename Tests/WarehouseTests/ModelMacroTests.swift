import Foundation
import Testing
import WarehouseCore
@testable import WarehouseModels

/// The model macros expand to the SQL they stand for (docs/models.md).
@Suite struct ModelMacroTests {
    func expand(_ sql: String) throws -> String { try ModelMacros.expand(sql, file: "model.sql") }

    @Test func textReadsAKeyOfTheRawRecordTrimmedWithEmptyAsNull() throws {
        #expect(try expand("select {{ text('nom') }} as nom") == #"select nullif(btrim(data ->> 'nom', E' \t\r\n'), '') as nom"#)
    }

    @Test func textReadsAnotherJsonbExpressionAndPaths() throws {
        #expect(try expand("{{ text('ville', 'adresse.value') }}") == #"nullif(btrim(adresse.value ->> 'ville', E' \t\r\n'), '')"#)
        #expect(try expand("{{text( '{adresse,code_postal}' )}}") == #"nullif(btrim(data #>> '{adresse,code_postal}', E' \t\r\n'), '')"#)
        #expect(try expand("{{ text('l''âge') }}") == #"nullif(btrim(data ->> 'l''âge', E' \t\r\n'), '')"#)
    }

    @Test func textArrayKeepsTrimmedNonEmptyItemsInOrder() throws {
        let sql = try expand("{{ text_array('labels') }}")
        #expect(sql.contains("case jsonb_typeof(data -> 'labels')"))
        #expect(sql.contains("when 'string' then jsonb_build_array(data -> 'labels')"))
        #expect(sql.contains("order by item.position"))
        #expect(try expand("{{ text_array('{publics,other}', 'places.data') }}").contains("places.data #> '{publics,other}'"))
    }

    @Test func lowerTextArrayLowerCasesEachItem() throws {
        let sql = try expand("{{ lower_text_array('categories') }}")
        #expect(sql.contains(#"select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)"#))
        #expect(sql.contains("case jsonb_typeof(data -> 'categories')"))
        #expect(!(try expand("{{ text_array('categories') }}")).contains("lower("))
    }

    @Test func textListSplitsACommaSeparatedText() throws {
        let sql = try expand("{{ text_list('typed.publics_text') }}")
        #expect(sql.contains("from string_to_table(typed.publics_text, ',') with ordinality as item (value, position)"))
        #expect(sql.contains(#"where btrim(item.value, E' \t\r\n') <> ''"#))
        #expect(throws: WarehouseError.self) { try expand("{{ text_list('a', 'b') }}") }
    }

    @Test func numberAndDateAreTolerant() throws {
        #expect(try expand("{{ number('position.coordinates[0]') }}")
                == "jsonb_path_query_first(data, '$.position.coordinates[0].double()', '{}', true)::double precision")
        let date = try expand("{{ date('date_maj') }}")
        #expect(date.contains(#"when btrim(data ->> 'date_maj') ~ '^\d{4}-\d{2}-\d{2}'"#))
        #expect(date.contains(#"'$.datetime("YYYY-MM-DD")', '{}', true"#))
    }

    @Test func parseDateReadsATextExpressionInTheFormatGiven() throws {
        #expect(try expand("{{ parse_date('left(t.d, 10)', 'DD/MM/YYYY') }}")
                == #"(jsonb_path_query_first(to_jsonb(left(t.d, 10)), '$.datetime("DD/MM/YYYY")', '{}', true) #>> '{}')::date"#)
        #expect(try expand("{{ parse_date('btrim(data ->> ''d'')', 'YYYYMMDD') }}").contains("to_jsonb(btrim(data ->> 'd'))"))
        #expect(throws: WarehouseError.self) { try expand("{{ parse_date('t.d') }}") }
    }

    @Test func sourceHeaderNamesTheColumnsKeptFromTheRawRow() throws {
        #expect(try expand("select {{ source_header() }}, data") == "select run_id, record_number, data")
        #expect(try expand("{{ source_header('raw') }}") == "raw.run_id, raw.record_number")
    }

    @Test func sortedDistinctListsEachItemOnceInBytewiseOrder() throws {
        let sql = try expand("{{ sorted_distinct('catalogue.publics') }} as publics")
        #expect(sql.contains(#"select array_agg(item.value order by item.value collate "C")"#))
        #expect(sql.contains("from (select distinct unnest(catalogue.publics) as value) as item"))
        #expect(sql.hasSuffix(") as publics"))
        #expect(throws: WarehouseError.self) { try expand("{{ sorted_distinct('a', 'b') }}") }
    }

    @Test func keptAddressGivesTheSevenColumnsUnderTheCondition() throws {
        let lines = try expand("{{ kept_address('s', 'address.is_kept') }}").components(separatedBy: ",\n")
        #expect(lines.count == 7)
        #expect(lines.first == "case when address.is_kept then s.commune end as commune")
        #expect(lines.last == "case when address.is_kept then s.latitude end as latitude")
    }

    @Test func keptAddressGivesTypedNullsForTheColumnsASourceLacks() throws {
        let lines = try expand("{{ kept_address('s', 'ok', 'code_insee', 'longitude') }}").components(separatedBy: ",\n")
        #expect(lines[2] == "null::text as code_insee")
        #expect(lines[3] == "case when ok then s.adresse end as adresse")
        #expect(lines[5] == "null::double precision as longitude")
        #expect(throws: WarehouseError.self) { try expand("{{ kept_address('s', 'ok', 'ville') }}") }
        #expect(throws: WarehouseError.self) { try expand("{{ kept_address('s') }}") }
    }

    @Test func contactModesFollowTheContactsGiven() throws {
        #expect(try expand("{{ contact_modes('s.courriel', 's.telephone') }}")
                == "nullif(array_remove(array[case when s.courriel is not null then 'envoyer-un-courriel' end, "
                + "case when s.telephone is not null then 'telephoner' end], null), '{}')")
        #expect(try expand("{{ contact_modes('a', 'coalesce(b, c)', 'l') }}")
                .contains("case when coalesce(b, c) is not null then 'telephoner' end, case when l is not null then 'utiliser-lien-mobilisation' end]"))
        #expect(throws: WarehouseError.self) { try expand("{{ contact_modes('a') }}") }
    }

    @Test func misusedMacrosAreReportedWithTheFile() throws {
        #expect(throws: WarehouseError.self) { try expand("{{ text() }}") }
        #expect(throws: WarehouseError.self) { try expand("{{ text(nom) }}") }
        #expect(throws: WarehouseError.self) { try expand("{{ source_header('a', 'b') }}") }
    }

    @Test func otherCallsAreLeftForTheRenderer() throws {
        let sql = "select * from {{ ref('a') }} union all select * from {{ source('dora', 'structures') }}"
        #expect(try expand(sql) == sql)
    }

    @Test func unionByNameMatchesColumnsByNameAndFillsTypedNulls() throws {
        let sql = "{{ union_by_name(['a', 'b']) }}"
        #expect(UnionByName.models(in: sql) == ["a", "b"])
        #expect(ModelTemplate.references(in: "select 1 from (\(sql)) as u") == ["a", "b"])
        let columns: [String: [UnionByName.Column]] = [
            "a": [.init(name: "id", type: "text"), .init(name: "nom", type: "text")],
            "b": [.init(name: "nom", type: "text"), .init(name: "id", type: "text"), .init(name: "rank", type: "integer")],
        ]
        #expect(try UnionByName.expand(sql, columns: columns, file: "m.sql") == """
            select "id", "nom", null::integer as "rank" from {{ ref('a') }}
            union all
            select "id", "nom", "rank" from {{ ref('b') }}
            """)
        #expect(throws: WarehouseError.self) { try UnionByName.expand(sql, columns: ["a": columns["a"]!], file: "m.sql") }
    }

    @Test func aSourceTemplateStandsForTheModelOfEverySourceThatHasOne() throws {
        let sql = "{{ union_by_name(['int_{source}__services_v1', 'extra']) }}"
        let models: Set<String> = ["int_dora__services_v1", "int_mes_aides__services_v1", "extra"]
        #expect(UnionByName.expandSourceTemplates(sql, models: models)
                == "{{ union_by_name(['int_dora__services_v1', 'int_mes_aides__services_v1', 'extra']) }}")
    }
}
