import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The credentials of the process: read from the environment variables that
/// config/sources.yml names, never from a file, and never printed.
public struct Credentials: Sendable {
    let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    func value(_ variable: String, source: String) throws -> String {
        guard let value = environment[variable], !value.isEmpty else {
            throw FetchError.missingCredential(source: source, variable: variable)
        }
        return value
    }

    /// Names of the variables a configuration needs that are not set.
    public func missing(for source: SourceFetchConfiguration) -> [String] {
        source.streams.flatMap { $0.auth?.environmentVariables ?? [] }.filter { (environment[$0] ?? "").isEmpty }
    }
}

/// How a stream's requests are authenticated.
struct Authorization: Sendable {
    let authorize: SourceHTTPClient.Authorizer?
    let reauthorize: (@Sendable () async throws -> Void)?

    static let none = Authorization(authorize: nil, reauthorize: nil)

    /// Checks that the credential is set before the first request, so that a
    /// missing variable fails the source at once with its name.
    static func make(_ auth: AuthConfiguration?, source: String, credentials: Credentials,
                     client: SourceHTTPClient, tokens: OAuth2TokenStore?) throws -> Authorization {
        guard let auth else { return .none }
        switch auth.scheme {
        case "token", "jwt", "bearer":
            guard let variable = auth.tokenEnv else {
                throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source): auth \(auth.scheme) needs token_env")
            }
            let token = try credentials.value(variable, source: source)
            let prefix = ["token": "Token", "jwt": "JWT", "bearer": "Bearer"][auth.scheme]!
            return Authorization(authorize: { request in request.setValue("\(prefix) \(token)", forHTTPHeaderField: "Authorization") },
                                 reauthorize: nil)
        case "api-key":
            guard let variable = auth.tokenEnv else {
                throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source): auth api-key needs token_env")
            }
            let key = try credentials.value(variable, source: source)
            let header = auth.header ?? "x-api-key"
            return Authorization(authorize: { request in request.setValue(key, forHTTPHeaderField: header) }, reauthorize: nil)
        case "oauth2":
            guard let tokens else {
                throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source): oauth2 needs token_url, client_id_env and client_secret_env")
            }
            return Authorization(
                authorize: { request in
                    let token = try await tokens.token()
                    request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
                },
                reauthorize: { await tokens.invalidate() })
        default:
            throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source): unknown auth scheme '\(auth.scheme)' (token, jwt, bearer, api-key, oauth2)")
        }
    }
}
