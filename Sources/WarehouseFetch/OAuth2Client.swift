import Foundation

/// OAuth2 client credentials (France Travail's francetravail.io): a token
/// asked once, reused until it expires or a request answers 401, then asked again.
actor OAuth2TokenStore {
    private let tokenURL: URL
    private let form: Data
    private let client: SourceHTTPClient
    private var current: (value: String, expires: Date)?
    /// Tokens obtained in this run, for the log and the tests.
    private(set) var issued = 0

    init(auth: AuthConfiguration, source: String, credentials: Credentials, client: SourceHTTPClient) throws {
        guard let tokenURLText = auth.tokenURL, let tokenURL = URL(string: tokenURLText),
              let idVariable = auth.clientIDEnv, let secretVariable = auth.clientSecretEnv else {
            throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source): oauth2 needs token_url, client_id_env and client_secret_env")
        }
        let fields = [("grant_type", "client_credentials"),
                      ("client_id", try credentials.value(idVariable, source: source)),
                      ("client_secret", try credentials.value(secretVariable, source: source))]
            + (auth.scope.map { [("scope", $0)] } ?? [])
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        self.tokenURL = tokenURL
        self.form = Data(body.utf8)
        self.client = client
    }

    func token() async throws -> String {
        if let current, current.expires > Date() { return current.value }
        let response = try await client.send(tokenURL, method: "POST", body: form,
                                             headers: ["Content-Type": "application/x-www-form-urlencoded"], expect: .json,
                                             countsAsPage: false)
        guard let object = try? JSONSerialization.jsonObject(with: response.data) as? [String: Any],
              let token = object["access_token"] as? String else {
            throw FetchError.protocolViolation(url: tokenURL.absoluteString, reason: "the token answer has no access_token")
        }
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? 300
        // a margin, so that a token is not sent in its last seconds
        current = (token, Date().addingTimeInterval(max(0, lifetime - 30)))
        issued += 1
        return token
    }

    func invalidate() { current = nil }
}
