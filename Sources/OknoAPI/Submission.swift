import Foundation
import OknoDomain
import OknoJSON

/// A message as the portal widget posts it, every field checked (CONTRACT.md, POST /api/v1/messages).
struct Submission: Sendable, Equatable {
    struct Applicant: Sendable, Equatable {
        var kind: ApplicantKind
        var name: String
        var email: String?
        var phone: String?
        var inn: String?
    }

    var topic: String
    var region: String
    var text: String
    var applicant: Applicant
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var channel: Channel
    var sourceURL: String?
    /// Given only by integration or registrar tokens; nil means "now".
    var registeredAt: Date?

    static let maxNameLength = 500
    static let maxAddressLength = 1_000
    static let maxURLLength = 2_048

    /// Checks every field at once; the errors name each bad field.
    ///
    /// - Parameters:
    ///   - mayBackdate: whether the caller's role may give `registered_at`.
    ///   - now: the instant `registered_at` must not be after.
    static func validate(
        _ body: JSONObject, directory: Directory, mayBackdate: Bool, now: Date
    ) -> Result<Submission, ValidationErrors> {
        var reader = FieldReader(body)
        let topic = reader.requiredString("topic")
        if let topic, directory.topic(topic) == nil { reader.fail("topic", "unknown", "Unknown topic code.") }
        let region = reader.requiredString("region")
        if let region, directory.region(region) == nil { reader.fail("region", "unknown", "Unknown region code.") }

        var text: String?
        if let raw = reader.requiredString("text", allowEmpty: true) {
            do {
                text = try MessageText(raw).value
            } catch .empty {
                reader.fail("text", "required", "The text is empty after trimming.")
            } catch {
                reader.fail(
                    "text", "too_long", "The text is longer than \(MessageText.lengthLimit.upperBound) characters.")
            }
        }

        let applicant = readApplicant(&reader)

        let address = reader.optionalString("address", maxLength: maxAddressLength)
        var latitude: Double?
        var longitude: Double?
        if let location = reader.optionalObject("location") {
            var nested = FieldReader(location, prefix: "location.")
            latitude = nested.requiredNumber("lat", in: -90...90)
            longitude = nested.requiredNumber("lon", in: -180...180)
            reader.errors += nested.errors
        }

        var channel = Channel.portal
        if let raw = reader.optionalString("channel") {
            if let parsed = Channel(rawValue: raw) {
                channel = parsed
            } else {
                reader.fail(
                    "channel", "invalid",
                    "Channel is one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        let sourceURL = reader.optionalString("source_url", maxLength: maxURLLength)
        if let sourceURL, !isHTTPURL(sourceURL) {
            reader.fail("source_url", "invalid", "source_url must be an http or https URL.")
        }
        if channel == .social, sourceURL == nil, !reader.hasError("source_url") {
            reader.fail("source_url", "required", "Messages from the social channel need source_url.")
        }

        var registeredAt: Date?
        if let raw = reader.optionalString("registered_at") {
            if !mayBackdate {
                reader.fail(
                    "registered_at", "forbidden", "Only integration and registrar tokens may give registered_at.")
            } else if let instant = Timestamp.parse(raw) {
                if instant > now {
                    reader.fail("registered_at", "in_future", "registered_at must not be in the future.")
                } else {
                    registeredAt = instant
                }
            } else {
                reader.fail("registered_at", "invalid", "registered_at must be an RFC 3339 instant.")
            }
        }

        guard reader.errors.isEmpty, let topic, let region, let text, let applicant else {
            return .failure(ValidationErrors(errors: reader.errors))
        }
        return .success(
            Submission(
                topic: topic, region: region, text: text, applicant: applicant, address: address, latitude: latitude,
                longitude: longitude, channel: channel, sourceURL: sourceURL, registeredAt: registeredAt))
    }

    private static func readApplicant(_ reader: inout FieldReader) -> Applicant? {
        guard let object = reader.requiredObject("applicant") else { return nil }
        var nested = FieldReader(object, prefix: "applicant.")
        defer { reader.errors += nested.errors }
        var kind: ApplicantKind?
        if let raw = nested.requiredString("kind") {
            kind = ApplicantKind(rawValue: raw)
            if kind == nil { nested.fail("kind", "invalid", "Applicant kind is citizen or organization.") }
        }
        let name = nested.requiredString("name").map { MessageText.trimmed($0) }
        // Characters are counted only when the bytes could exceed the limit (each takes at least one).
        if let name, name.utf8.count > maxNameLength, name.count > maxNameLength {
            nested.fail("name", "too_long", "The name is longer than \(maxNameLength) characters.")
        }
        let email = nested.optionalString("email")
        if let email, !Email.isPlausible(email) { nested.fail("email", "invalid", "The e-mail address is malformed.") }
        let phone = nested.optionalString("phone")
        if let phone, !Phone.isValid(phone) {
            nested.fail("phone", "invalid", "The phone is + followed by 11 to 15 digits.")
        }
        if email == nil, phone == nil, !nested.hasError("email"), !nested.hasError("phone") {
            nested.fail("email", "required", "Give applicant.email or applicant.phone.")
        }
        let inn = nested.optionalString("inn")
        if kind == .organization {
            if let inn {
                if !INN.isValidLegalEntity(inn) {
                    nested.fail("inn", "invalid", "The INN is not 10 digits with a valid check digit.")
                }
            } else if !nested.hasError("inn") {
                nested.fail("inn", "required", "An organization gives its INN.")
            }
        } else if let inn, !INN.isValid(inn) {
            nested.fail("inn", "invalid", "The INN has an invalid check digit.")
        }
        guard let kind, let name else { return nil }
        return Applicant(kind: kind, name: name, email: email, phone: phone, inn: inn)
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else {
            return false
        }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }
}

/// The invalid fields of a request.
public struct ValidationErrors: Error, Sendable {
    public var errors: [FieldError]
}
