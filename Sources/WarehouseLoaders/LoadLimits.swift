/// The bounds every record is held to. A record beyond them is rejected with
/// the limit in words, so that one absurd value (a base64 blob, a runaway
/// export, a hostile file) cannot weigh on every later step: staging trims
/// and converts each text, the API serves each record whole.
enum LoadLimits {
    /// Levels of nesting: the arrays and objects of a JSON record (the record
    /// itself is level 1), the elements of an XML document. The deepest
    /// real record (LHEO) has 9; PostgreSQL's parser gives up near 10,000.
    static let nesting = 128

    /// Bytes of one text value: a JSON string as written, a CSV or FINESS
    /// cell, the text of an XML element. v1 keeps at most 10,000 characters
    /// of a description; the longest texts of the sources are a few
    /// kilobytes of HTML.
    static let textBytes = 1 << 20

    static var textBytesInWords: String { "the limit is 1 MiB (\(textBytes) bytes) for one text value" }
    static var nestingInWords: String { "the limit is \(nesting) levels" }
}
