import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import WarehouseCore
import WarehouseValidation

/// `POST /api/v1/valideur`: a producer uploads a file (or a structures file
/// and a services file) as multipart/form-data and reads every broken rule as
/// JSON, the answer `warehouse validate --format json` prints. Public, as
/// data·inclusion's valideur is: it reads no data of the warehouse and writes
/// nothing. Since it costs CPU, anonymous callers share one token bucket and
/// at most two files are checked at once; a body over the limit is a 413.
struct ValideurEndpoint: Sendable {
    /// Parts named `structures` and `services` say what they hold; a part
    /// named `file` (or `fichier`) is guessed from its columns or file name.
    /// Text parts (or query parameters) `schema` (v1, v0) and `entity`.
    static let fileFields = ["structures", "services", "file", "fichier"]

    let validators: [SchemaVersion: FileValidator]
    let unavailable: String?
    let limits: ValidationLimits
    let throttle: ValideurThrottle

    /// Two files at the upload limit, and the multipart framing around them.
    var maxBodyBytes: Int { 2 * limits.maxBytes + 65_536 }

    init(layout: ProjectLayout?, limits: ValidationLimits = .upload, throttle: ValideurThrottle = ValideurThrottle()) {
        self.limits = limits
        self.throttle = throttle
        var validators: [SchemaVersion: FileValidator] = [:]
        var unavailable: String?
        do {
            guard let layout else { throw WarehouseError.invalidArgument("the project folder (seeds, schemas) was not found") }
            for schema in SchemaVersion.allCases { validators[schema] = try FileValidator(layout: layout, schema: schema, limits: limits) }
        } catch {
            unavailable = "Le valideur ne peut pas démarrer : \(error)"
        }
        self.validators = validators
        self.unavailable = unavailable
    }

    /// The routes: the endpoint, and the page at /valideur/ that calls it.
    static func register(on router: Router<BasicRequestContext>, endpoint: ValideurEndpoint = ValideurEndpoint(layout: try? ProjectLayout.locate())) {
        router.post("api/v1/valideur") { request, _ in await endpoint.answer(request) }
        router.get("valideur") { request, _ in ValideurPage.response(for: request, limits: endpoint.limits) }
    }

    func answer(_ request: Request) async -> Response {
        let outcome = await validate(request)
        return outcome.response(for: request)
    }

    private func validate(_ request: Request) async -> APIOutcome {
        if let unavailable { return .failure(.serviceUnavailable, unavailable) }
        if let wait = await throttle.admit() {
            let seconds = Int(wait.rounded(.up))
            var outcome = APIOutcome.failure(.tooManyRequests, "Trop de validations en cours : réessayez dans \(seconds) s.")
            outcome.headers.append((.retryAfter, String(seconds)))
            return outcome
        }
        let outcome = await validateAdmitted(request)
        await throttle.finished()
        return outcome
    }

    private func validateAdmitted(_ request: Request) async -> APIOutcome {
        let tooLarge = APIOutcome.failure(.contentTooLarge,
            "L'envoi dépasse \(ValidationLimits.megabytes(maxBodyBytes)) : chaque fichier peut faire au plus \(ValidationLimits.megabytes(limits.maxBytes)) (découpez-le, ou utilisez `warehouse validate` pour un gros fichier).")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes { return tooLarge }
        guard let boundary = MultipartForm.boundary(of: request.headers[.contentType]) else {
            return .failure(.badRequest, "Envoyez le fichier en multipart/form-data, dans un champ nommé structures, services ou file.")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return tooLarge
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(body: body, boundary: boundary)
        } catch let failure as MultipartForm.Failure {
            return .failure(.badRequest, failure.message)
        } catch {
            return .failure(.badRequest, "Le corps multipart/form-data est illisible.")
        }
        let query = Dictionary(request.queryPairs.map { ($0.0, $0.1) }, uniquingKeysWith: { _, last in last })
        let schemaName = form.text("schema") ?? query["schema"] ?? "v1"
        guard let schema = SchemaVersion(rawValue: schemaName), let validator = validators[schema] else {
            return .failure(.unprocessableContent, "Le schéma doit être v1 ou v0, pas « \(schemaName) ».")
        }
        let entityName = form.text("entity") ?? query["entity"]
        let entity = entityName.flatMap(ValidationIssue.Entity.init(rawValue:))
        if let entityName, !entityName.isEmpty, entity == nil {
            return .failure(.unprocessableContent, "L'entité doit être structures ou services, pas « \(entityName) ».")
        }
        let files = form.parts.filter { Self.fileFields.contains($0.name) && !$0.data.isEmpty }
        guard (1...2).contains(files.count) else {
            return .failure(.unprocessableContent,
                            files.isEmpty ? "Aucun fichier : envoyez-en un dans un champ nommé structures, services ou file."
                                          : "Deux fichiers au plus : un fichier de structures et un fichier de services.")
        }
        let inputs = files.map { part in
            ValidationInput(name: part.fileName.map { URL(fileURLWithPath: $0).lastPathComponent } ?? part.name, data: part.data,
                            entity: ValidationIssue.Entity(rawValue: part.name) ?? (files.count == 1 ? entity : nil))
        }
        let report = validator.validate(inputs)
        return APIOutcome(json: report.json)
    }
}

/// One bucket for every anonymous caller of the valideur (the server does
/// not see client addresses behind a proxy), and a cap on validations
/// running at once, since each one holds a core.
actor ValideurThrottle {
    private let perSecond: Double
    private let burst: Double
    private let concurrent: Int
    private var tokens: Double
    private var updatedAt = Date()
    private var running = 0

    init(perSecond: Double = 2, burst: Double = 20, concurrent: Int = 2) {
        self.perSecond = perSecond
        self.burst = burst
        self.concurrent = concurrent
        tokens = burst
    }

    /// nil when the validation may run (and then `finished()` must follow); else the seconds to wait.
    func admit(now: Date = Date()) -> Double? {
        tokens = min(burst, tokens + now.timeIntervalSince(updatedAt) * perSecond)
        updatedAt = now
        guard running < concurrent else { return 1 }
        guard tokens >= 1 else { return (1 - tokens) / perSecond }
        tokens -= 1
        running += 1
        return nil
    }

    func finished() { running -= 1 }
}
