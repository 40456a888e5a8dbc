import Foundation
import OknoAPI
import OknoDomain
import OknoJSON

/// The rule-set file of `okno routing export` / `import`: `{"version", "rules": [rule, …]}` with
/// rules as the API shows them; ids and times are ignored on import.
enum RuleFile {
    static func export(_ ruleSet: RuleSet) -> String {
        let value: JSONValue = [
            "version": .number(JSONNumber(ruleSet.version)),
            "rules": .array(ruleSet.rules.map(RuleJSON.encode)),
        ]
        return value.serializedString()
    }

    static func drafts(path: String) throws -> [RuleDraft] {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
        let document = try JSONParser.parse([UInt8](data))
        guard let rules = document["rules"]?.arrayValue else { throw UsageError("\(path) has no \"rules\" array") }
        var drafts: [RuleDraft] = []
        var problems: [String] = []
        for (index, rule) in rules.enumerated() {
            switch RuleJSON.draft(rule) {
            case .success(let draft): drafts.append(draft)
            case .failure(let errors): problems += errors.errors.map { "rules[\(index)].\($0.field): \($0.message)" }
            }
        }
        guard problems.isEmpty else { throw UsageError("invalid rule file:\n" + problems.joined(separator: "\n")) }
        return drafts
    }
}
