import Foundation

/// Checks raw JSON against the rules of `formats/plan-document.schema.json` (format
/// `whatmatters.plan/1`), written out by hand: required members, no unknown members,
/// enumerations, the format constant, string lengths (in Unicode code points), integer
/// ranges, JSON types and dates written `YYYY-MM-DD`. It returns every problem, each with
/// the JSON pointer of the value concerned, in document order.
public enum PlanDocumentValidator {
    /// Every problem in `data`; empty when it is a valid plan document.
    public static func validate(_ data: Data) -> [PlanDocumentProblem] {
        guard String(data: data, encoding: .utf8) != nil else {
            return [PlanDocumentProblem(pointer: "", reason: "is not valid UTF-8 text")]
        }
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch {
            return [PlanDocumentProblem(pointer: "", reason: "is not valid JSON: \(error)")]
        }
        var problems: [PlanDocumentProblem] = []
        check(value, against: Schema.document, at: "", into: &problems)
        return problems
    }

    // MARK: - The schema, as data

    indirect enum Rule {
        case object(required: [String], properties: [(String, Rule)])
        case array(of: Rule)
        case string(minLength: Int?, maxLength: Int?, date: Bool)
        case integer(minimum: Int, maximum: Int)
        case boolean
        case oneOf([String])
        case constant(String)
    }

    enum Schema {
        static let date = Rule.string(minLength: nil, maxLength: nil, date: true)
        static let text = Rule.string(minLength: nil, maxLength: nil, date: false)
        static let nonEmpty = Rule.string(minLength: 1, maxLength: nil, date: false)

        static let document = Rule.object(required: ["format", "id", "service", "language"], properties: [
            ("format", .constant(PlanDocument.formatCode)),
            ("id", .string(minLength: 1, maxLength: 200, date: false)),
            ("service", .oneOf(Service.codes)),
            ("language", .oneOf(Locale2.codes)),
            ("person", .object(required: [], properties: [
                ("ageYears", .integer(minimum: 0, maximum: 130)),
                ("preferredLanguage", .oneOf(Locale2.codes)),
                ("communication", .oneOf(Communication.codes)),
            ])),
            ("conversations", .array(of: .object(required: ["kind", "notes"], properties: [
                ("date", date),
                ("kind", .oneOf(ConversationKind.codes)),
                ("with", .array(of: .oneOf(Participant.codes))),
                ("notes", text),
            ]))),
            ("whatMatters", text),
            ("personalOutcomes", .array(of: .object(required: ["id", "statement"], properties: [
                ("id", nonEmpty),
                ("statement", nonEmpty),
                ("whose", .oneOf(Whose.codes)),
                ("importance", .oneOf(Importance.codes)),
                ("nationalOutcomes", .array(of: .oneOf(NationalOutcome.codes))),
            ]))),
            ("strengths", .array(of: .object(required: ["description"], properties: [
                ("description", nonEmpty),
                ("source", .oneOf(StrengthSource.codes)),
            ]))),
            ("importantPeople", .array(of: .object(required: ["name"], properties: [
                ("name", text),
                ("relationship", text),
                ("connection", .oneOf(Connection.codes)),
                ("gives", .array(of: .oneOf(Support.codes))),
            ]))),
            ("concerns", .array(of: .object(required: ["description"], properties: [
                ("description", nonEmpty),
                ("raisedBy", .oneOf(ConcernRaisedBy.codes)),
            ]))),
            ("views", .object(required: [], properties: [
                ("person", text),
                ("family", text),
            ])),
            ("analysis", text),
            ("actions", .array(of: .object(required: ["description"], properties: [
                ("description", nonEmpty),
                ("by", .oneOf(ActionBy.codes)),
                ("isService", .boolean),
                ("outcomes", .array(of: text)),
            ]))),
            ("scores", .array(of: .object(required: ["outcome", "score", "kind"], properties: [
                ("outcome", text),
                ("date", date),
                ("kind", .oneOf(ScoreKind.codes)),
                ("score", .integer(minimum: 1, maximum: 10)),
                ("scoredBy", .oneOf(ScoredBy.codes)),
            ]))),
        ])
    }

    // MARK: - Checking

    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func check(_ value: JSONValue, against rule: Rule, at pointer: String, into problems: inout [PlanDocumentProblem]) {
        func problem(_ reason: String) { problems.append(PlanDocumentProblem(pointer: pointer, reason: reason)) }
        switch rule {
        case let .object(required, properties):
            guard case let .object(members) = value else { return problem("must be an object, not \(value.typeName)") }
            var seen = Set<String>()
            for member in members {
                let childPointer = pointer + "/" + escape(member.key)
                if !seen.insert(member.key).inserted {
                    problems.append(PlanDocumentProblem(pointer: childPointer, reason: "appears more than once"))
                    continue
                }
                if let childRule = properties.first(where: { $0.0 == member.key })?.1 {
                    check(member.value, against: childRule, at: childPointer, into: &problems)
                } else {
                    let known = properties.map(\.0).joined(separator: ", ")
                    problems.append(PlanDocumentProblem(pointer: childPointer,
                                                        reason: "is not allowed here (the properties allowed are \(known))"))
                }
            }
            for name in required where !seen.contains(name) {
                problems.append(PlanDocumentProblem(pointer: pointer + "/" + escape(name), reason: "is required"))
            }
        case let .array(itemRule):
            guard case let .array(items) = value else { return problem("must be an array, not \(value.typeName)") }
            for (index, item) in items.enumerated() {
                check(item, against: itemRule, at: pointer + "/\(index)", into: &problems)
            }
        case let .string(minLength, maxLength, isDate):
            guard case let .string(text) = value else { return problem("must be a string, not \(value.typeName)") }
            let length = text.unicodeScalars.count
            if let minLength, length < minLength {
                problem(minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters long")
            }
            if let maxLength, length > maxLength { problem("must be at most \(maxLength) characters long (it is \(length))") }
            if isDate && !isValidDate(text) { problem("must be a date written YYYY-MM-DD, not \"\(text)\"") }
        case let .integer(minimum, maximum):
            guard case let .number(number, text) = value else { return problem("must be an integer, not \(value.typeName)") }
            guard number.isFinite, number.rounded() == number else { return problem("must be a whole number, not \(text)") }
            if number < Double(minimum) || number > Double(maximum) { problem("must be between \(minimum) and \(maximum), not \(text)") }
        case .boolean:
            guard case .bool = value else { return problem("must be true or false, not \(value.typeName)") }
        case let .oneOf(codes):
            guard case let .string(text) = value, codes.contains(text) else {
                return problem("must be one of \(codes.joined(separator: ", "))\(describeGot(value))")
            }
        case let .constant(code):
            guard case let .string(text) = value, text == code else {
                return problem("must be \"\(code)\"\(describeGot(value))")
            }
        }
    }

    static func describeGot(_ value: JSONValue) -> String {
        if case let .string(text) = value { return ", not \"\(text)\"" }
        return ", not \(value.typeName)"
    }

    /// RFC 3339 full-date: exactly four, two and two ASCII digits, and a real calendar day.
    static func isValidDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        for (i, c) in b.enumerated() where i != 4 && i != 7 {
            guard c >= 0x30 && c <= 0x39 else { return false }
        }
        return Day(text) != nil
    }
}
