import Testing
@testable import WarehouseCore

@Suite struct SQLStatementSplitterTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndBodies() {
        let script = """
            -- a comment; not a statement
            create table a (x text default 'a;b');
            create function f() returns int as $body$ begin return 1; end $body$ language plpgsql;
            /* block; comment */ select "odd;name" from a;
            select 'it''s; fine'
            """
        let statements = SQLStatementSplitter.split(script)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("default 'a;b')"))
        #expect(statements[1].contains("return 1; end $body$"))
        #expect(statements[2].contains("\"odd;name\""))
        #expect(statements[3] == "select 'it''s; fine'")
    }

    @Test func aScriptOfOnlyCommentsHasNoStatement() {
        #expect(SQLStatementSplitter.split("-- nothing here;\n\n-- still nothing").isEmpty)
    }

    @Test func positionalParametersAreNotDollarQuotes() {
        #expect(SQLStatementSplitter.split("select $1; select 2") == ["select $1", "select 2"])
    }
}
