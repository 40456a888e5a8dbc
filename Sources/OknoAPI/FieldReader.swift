import OknoJSON

/// Reads typed fields from a JSON object, collecting an error for every bad one.
struct FieldReader {
    let object: JSONObject
    let prefix: String
    var errors: [FieldError] = []

    init(_ object: JSONObject, prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    mutating func fail(_ field: String, _ code: String, _ message: String) {
        errors.append(FieldError(prefix + field, code, message))
    }

    func hasError(_ field: String) -> Bool {
        errors.contains { $0.field == prefix + field }
    }

    /// A present, non-null string; empty strings count as missing unless `allowEmpty`.
    mutating func requiredString(_ field: String, allowEmpty: Bool = false) -> String? {
        guard let value = object[field], !value.isNull else {
            fail(field, "required", "\(prefix + field) is required.")
            return nil
        }
        guard let string = value.stringValue else {
            fail(field, "invalid_type", "\(prefix + field) must be a string.")
            return nil
        }
        if !allowEmpty && string.allSatisfy(\.isWhitespace) {
            fail(field, "required", "\(prefix + field) must not be empty.")
            return nil
        }
        return string
    }

    /// A string when present and not null; absent, null and empty strings read as nil.
    mutating func optionalString(_ field: String, maxLength: Int? = nil) -> String? {
        guard let value = object[field], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            fail(field, "invalid_type", "\(prefix + field) must be a string or null.")
            return nil
        }
        // A character takes at least one byte: characters are counted only when the bytes exceed the limit.
        if let maxLength, string.utf8.count > maxLength, string.count > maxLength {
            fail(field, "too_long", "\(prefix + field) is longer than \(maxLength) characters.")
            return nil
        }
        return string.isEmpty ? nil : string
    }

    mutating func requiredObject(_ field: String) -> JSONObject? {
        guard let value = object[field], !value.isNull else {
            fail(field, "required", "\(prefix + field) is required.")
            return nil
        }
        guard let nested = value.objectValue else {
            fail(field, "invalid_type", "\(prefix + field) must be an object.")
            return nil
        }
        return nested
    }

    mutating func optionalObject(_ field: String) -> JSONObject? {
        guard let value = object[field], !value.isNull else { return nil }
        guard let nested = value.objectValue else {
            fail(field, "invalid_type", "\(prefix + field) must be an object or null.")
            return nil
        }
        return nested
    }

    mutating func requiredNumber(_ field: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = object[field], !value.isNull else {
            fail(field, "required", "\(prefix + field) is required.")
            return nil
        }
        guard let number = value.doubleValue, number.isFinite else {
            fail(field, "invalid_type", "\(prefix + field) must be a number.")
            return nil
        }
        guard range.contains(number) else {
            fail(field, "out_of_range", "\(prefix + field) must be within \(range.lowerBound)…\(range.upperBound).")
            return nil
        }
        return number
    }
}
