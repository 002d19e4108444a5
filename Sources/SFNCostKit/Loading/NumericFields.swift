/// The numeric fields of the Amazon States Language and the values AWS accepts in each, with where
/// each range is written. A value outside its range, or a string where a JSONPath state needs a
/// number, is an error: AWS rejects such a definition when the machine is created.
///
/// Sources:
/// - [ASL] the Amazon States Language specification, https://states-language.net/spec.html
/// - [Errors] https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
/// - [Wait] https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
/// - [Task] https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
/// - [Batcher] https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
/// - [JSONata] https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
struct NumericField: Sendable {
    /// The field's name, as written in the definition.
    let name: String
    let minimum: Double
    /// Nil where neither the specification nor AWS's documentation states a maximum; a whole number
    /// must then still fit a 64-bit integer.
    let maximum: Double?
    let wholeNumber: Bool
    /// Whether a JSONata state may give the value as a `{% … %}` expression, evaluated at run time.
    let acceptsExpression: Bool

    /// Wait `Seconds`: "a positive, integer value from 0 up to 99999999" [Wait]; JSONata states may
    /// use an expression that evaluates to one [Wait].
    static let waitSeconds = NumericField(name: "Seconds", minimum: 0, maximum: 99_999_999,
                                          wholeNumber: true, acceptsExpression: true)
    /// Task `TimeoutSeconds`: "a positive, non-zero integer" [Task]; no maximum is documented (the
    /// default, 99999999, is not stated as a limit). JSONata expression allowed [JSONata].
    static let taskTimeoutSeconds = NumericField(name: "TimeoutSeconds", minimum: 1, maximum: nil,
                                                 wholeNumber: true, acceptsExpression: true)
    /// Task `HeartbeatSeconds`: "a positive, non-zero integer" [Task]; no maximum documented (being
    /// under TimeoutSeconds is rule SFN-side advice, not decoding). JSONata expression allowed [JSONata].
    static let heartbeatSeconds = NumericField(name: "HeartbeatSeconds", minimum: 1, maximum: nil,
                                               wholeNumber: true, acceptsExpression: true)
    /// The machine's `TimeoutSeconds`: "MUST be a positive integer" [ASL]; no maximum documented.
    /// It is read before any state input exists, so it has no JSONata form.
    static let machineTimeoutSeconds = NumericField(name: "TimeoutSeconds", minimum: 1, maximum: nil,
                                                    wholeNumber: true, acceptsExpression: false)
    /// Map `MaxConcurrency`: "MUST be a non-negative integer" [ASL]; no maximum documented for the
    /// field itself (a Distributed Map's 10,000 parallel children is a service limit, checked as a
    /// finding). JSONata expression allowed [JSONata].
    static let maxConcurrency = NumericField(name: "MaxConcurrency", minimum: 0, maximum: nil,
                                             wholeNumber: true, acceptsExpression: true)
    /// Map `ToleratedFailurePercentage`: "a number between zero and 100" [ASL]. JSONata allowed [JSONata].
    static let toleratedFailurePercentage = NumericField(name: "ToleratedFailurePercentage", minimum: 0, maximum: 100,
                                                         wholeNumber: false, acceptsExpression: true)
    /// Map `ToleratedFailureCount`: "MUST be a non-negative integer" [ASL]; no maximum documented.
    static let toleratedFailureCount = NumericField(name: "ToleratedFailureCount", minimum: 0, maximum: nil,
                                                    wholeNumber: true, acceptsExpression: true)
    /// ItemBatcher `MaxItemsPerBatch`: "MUST be a positive integer" [ASL]; no maximum documented
    /// (the batch's size in bytes is what AWS bounds).
    /// ItemReader `ReaderConfig.MaxItems`: a non-negative integer, "up to 100,000,000" (AWS's
    /// ItemReader documentation, input-output-itemreader.html); JSONata expression allowed.
    static let readerMaxItems = NumericField(name: "MaxItems", minimum: 0, maximum: 100_000_000,
                                             wholeNumber: true, acceptsExpression: true)
    static let maxItemsPerBatch = NumericField(name: "MaxItemsPerBatch", minimum: 1, maximum: nil,
                                               wholeNumber: true, acceptsExpression: true)
    /// ItemBatcher `MaxInputBytesPerBatch`: "MUST be a positive integer" [ASL], at most 256 KiB
    /// (262,144 bytes), the payload limit of a child execution's input [Batcher]; the AWS CDK's
    /// ItemBatcherProps docs ("under the 256KB limit") and asl-validator's map.json schema
    /// (`"maximum": 262144`) state the same bound.
    static let maxInputBytesPerBatch = NumericField(name: "MaxInputBytesPerBatch", minimum: 1, maximum: 262_144,
                                                    wholeNumber: true, acceptsExpression: true)
    /// Retrier `IntervalSeconds`: a positive integer, "has a maximum value of 99999999" [Errors].
    /// Retriers have no JSONata form.
    static let intervalSeconds = NumericField(name: "IntervalSeconds", minimum: 1, maximum: 99_999_999,
                                              wholeNumber: true, acceptsExpression: false)
    /// Retrier `MaxAttempts`: 0 or more, "has a maximum value of 99999999" [Errors].
    static let maxAttempts = NumericField(name: "MaxAttempts", minimum: 0, maximum: 99_999_999,
                                          wholeNumber: true, acceptsExpression: false)
    /// Retrier `MaxDelaySeconds`: "greater than 0 and less than 31622401" [Errors].
    static let maxDelaySeconds = NumericField(name: "MaxDelaySeconds", minimum: 1, maximum: 31_622_400,
                                              wholeNumber: true, acceptsExpression: false)
    /// Retrier `BackoffRate`: "MUST be greater than or equal to 1.0" [ASL]; no maximum documented,
    /// but it must be a finite number (1e400 is not one).
    static let backoffRate = NumericField(name: "BackoffRate", minimum: 1, maximum: nil,
                                          wholeNumber: false, acceptsExpression: false)

    /// "from 0 to 99999999", "of at least 1", for messages.
    var rangeText: String {
        let kind = wholeNumber ? "a whole number" : "a number"
        func text(_ value: Double) -> String {
            value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
        if let maximum { return "\(kind) from \(text(minimum)) to \(text(maximum))" }
        return "\(kind) of at least \(text(minimum))"
    }
}

/// What a numeric field of a definition holds once read.
enum NumericValue<Number: Sendable>: Sendable {
    /// A number in range.
    case value(Number)
    /// A JSONata `{% … %}` expression: the value is known only at run time.
    case expression
    /// A template placeholder (`${Name}`) filled in at deployment: the value is unknown here.
    case placeholder
    /// Not acceptable; an error has been reported.
    case invalid

    var value: Number? {
        if case .value(let number) = self { return number }
        return nil
    }
}

extension SourceNode {
    /// True for a string that is exactly one `${…}` substitution: CloudFormation's
    /// `DefinitionSubstitutions`, SAM, or a Terraform template fill it in before AWS sees the text.
    var isTemplatePlaceholder: Bool {
        guard let text = string, text.hasPrefix("${"), text.hasSuffix("}"), text.count > 3 else { return false }
        // One placeholder, not "${A}-${B}": no other "${" and no "}" before the end.
        return !text.dropFirst(2).contains("${") && text.dropLast().firstIndex(of: "}") == nil
    }

    /// True for a CloudFormation intrinsic function in a template's `Definition`: a YAML tag
    /// (`!Ref Timeout`, `!FindInMap […]`) or its JSON form (`{"Ref": "Timeout"}`, `{"Fn::…": …}`).
    /// CloudFormation resolves it before AWS sees the definition.
    var isCloudFormationIntrinsic: Bool {
        if tag != nil { return true }
        guard let members, members.count == 1, let key = members.first?.key else { return false }
        return key == "Ref" || key.hasPrefix("Fn::")
    }

    /// True for a JSONata expression string, `{% … %}`.
    var isJSONataExpression: Bool {
        guard let text = string else { return false }
        return text.count >= 4 && text.hasPrefix("{%") && text.hasSuffix("%}")
    }
}

extension DefinitionDecoder {
    /// Reads a whole-number field, reporting at the value's location what AWS would reject.
    mutating func wholeNumber(_ node: SourceNode, _ field: NumericField,
                              language: QueryLanguage) -> NumericValue<Int> {
        switch classify(node, field, language: language) {
        case .expression: return .expression
        case .placeholder: return .placeholder
        case .invalid: return .invalid
        case .value(let real):
            // `integer` is nil for 1.5 and for values past Int's range; the range check comes first
            // so that 1e30 is reported as over the maximum where there is one.
            guard let whole = node.integer, real >= field.minimum, field.maximum.map({ real <= $0 }) ?? true else {
                outOfRange(node, field)
                return .invalid
            }
            return .value(whole)
        }
    }

    /// Reads a field that may hold a fraction (BackoffRate, ToleratedFailurePercentage).
    mutating func realNumber(_ node: SourceNode, _ field: NumericField,
                             language: QueryLanguage) -> NumericValue<Double> {
        switch classify(node, field, language: language) {
        case .expression: return .expression
        case .placeholder: return .placeholder
        case .invalid: return .invalid
        case .value(let real):
            guard real >= field.minimum, field.maximum.map({ real <= $0 }) ?? true else {
                outOfRange(node, field)
                return .invalid
            }
            return .value(real)
        }
    }

    /// The number written, or what stands in its place. Non-finite numbers (`1e400` overflows a
    /// Double) are invalid: AWS reads them as no number either.
    private mutating func classify(_ node: SourceNode, _ field: NumericField,
                                   language: QueryLanguage) -> NumericValue<Double> {
        if let real = node.double {
            guard real.isFinite else {
                outOfRange(node, field)
                return .invalid
            }
            return .value(real)
        }
        if node.isTemplatePlaceholder || node.isCloudFormationIntrinsic {
            let what = node.tag ?? node.members?.first?.key ?? quotedForMessage(node.string ?? "")
            diagnostics.append(Diagnostic(.note, "ASL.UnresolvedValue",
                "'\(field.name)' is \(what), a placeholder filled in at deployment: its value is unknown here, so the estimate does not use it",
                at: node.location))
            return .placeholder
        }
        if node.string != nil, field.acceptsExpression, language == .jsonata, node.isJSONataExpression {
            return .expression
        }
        let found = node.string.map { "the string \(quotedForMessage($0))" } ?? node.kindName
        let message: String
        if node.string != nil, field.acceptsExpression, language == .jsonPath {
            message = "'\(field.name)' must be a number, found \(found); only a JSONata state (QueryLanguage: JSONata) may give it as a {% … %} expression"
        } else if field.acceptsExpression, language == .jsonata {
            message = "'\(field.name)' must be a number or a JSONata expression {% … %}, found \(found)"
        } else {
            message = "'\(field.name)' must be a number, found \(found)"
        }
        diagnostics.append(Diagnostic(.error, "ASL.WrongType", message, at: node.location))
        return .invalid
    }

    private mutating func outOfRange(_ node: SourceNode, _ field: NumericField) {
        let written: String
        if case .number(let text) = node.value { written = text.count > 40 ? String(text.prefix(40)) + "…" : text } else { written = node.kindName }
        diagnostics.append(Diagnostic(.error, "ASL.WrongValue",
                                      "'\(field.name)' must be \(field.rangeText), found \(written)", at: node.location))
    }

    /// A value quoted for a message, shortened: a hostile definition can hold a megabyte here.
    func quotedForMessage(_ text: String) -> String {
        text.count > 60 ? "'\(text.prefix(60))…'" : "'\(text)'"
    }
}
