/// The SARIF log written straight as JSON text (`JSONTextWriter`): the bytes that
/// `SARIFRenderer.document` gives through `JSONSerialization` (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) and `DisplayText.jsonSafe`.
///
/// Why: the dictionary of `Any` values, bridged to `NSDictionary` and serialized with a dynamic cast
/// per value and a locale-aware sort of every object's keys, cost more than the whole analysis of
/// the corpus (about 600 M instructions for its 210 results and 30 rules). Here each object's members
/// are written in the order that sort gives them (`JSONSerialization` compares keys numerically and
/// without case: `endColumn` before `endLine`, `ruleId` before `ruleIndex`, `uri` before
/// `uriBaseId`). `document` stays the reference: `SARIFTextTests` compares the two on the corpus and
/// on hostile names, suppressed findings and every optional member.
enum SARIFText {
    static func bytes(_ report: Report, options: SARIFOptions) -> [UInt8] {
        let paths = SARIFPathCache(options)
        let spans = SARIFKeySpans(paths: paths)
        let rules = RuleCatalog.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var json = JSONTextWriter()
        json.openObject()
        json.member("$schema", SARIFRenderer.schema)
        json.key("runs")
        json.openArray()
        json.beginItem()
        json.openObject()
        json.member("columnKind", "unicodeCodePoints")
        json.key("invocations")
        json.openArray()
        json.beginItem()
        json.openObject()
        json.member("executionSuccessful", !report.diagnostics.contains { $0.severity == .error })
        json.key("toolExecutionNotifications")
        json.openArray()
        for diagnostic in report.diagnostics where diagnostic.severity >= .warning {
            json.beginItem()
            notification(diagnostic, paths: paths, to: &json)
        }
        json.closeArray()
        json.closeObject()
        json.closeArray()
        if let uri = options.rootURI {
            json.key("originalUriBaseIds")
            json.openObject()
            json.key(escaping: SARIFOptions.baseId)
            json.openObject()
            json.member("uri", uri)
            json.closeObject()
            json.closeObject()
        }
        json.key("results")
        json.openArray()
        for machine in report.stateMachines {
            for finding in machine.findings {
                json.beginItem()
                result(finding, machineID: machine.id, index: index, suppressed: false, paths: paths, spans: spans, to: &json)
            }
            for finding in machine.suppressedFindings {
                json.beginItem()
                result(finding, machineID: machine.id, index: index, suppressed: true, paths: paths, spans: spans, to: &json)
            }
        }
        json.closeArray()
        json.key("tool")
        json.openObject()
        json.key("driver")
        json.openObject()
        json.member("informationUri", SARIFRenderer.informationUri)
        json.member("name", report.tool.name)
        json.key("rules")
        json.openArray()
        for rule in rules {
            json.beginItem()
            descriptor(rule, to: &json)
        }
        json.closeArray()
        json.member("semanticVersion", report.tool.version)
        json.member("version", report.tool.version)
        json.closeObject()
        json.closeObject()
        json.closeObject()
        json.closeArray()
        json.member("version", "2.1.0")
        json.closeObject()
        json.bytes.append(0x0A)
        return json.bytes
    }

    private static func notification(_ diagnostic: Diagnostic, paths: SARIFPathCache, to json: inout JSONTextWriter) {
        json.openObject()
        json.key("descriptor")
        json.openObject()
        json.member("id", diagnostic.code)
        json.closeObject()
        json.member("level", SARIFRenderer.level(diagnostic.severity))
        if let location = diagnostic.location {
            json.key("locations")
            json.openArray()
            json.beginItem()
            json.openObject()
            json.key("physicalLocation")
            physicalLocation(file: location.file, line: location.line, column: location.column, endColumn: nil, paths: paths, to: &json)
            json.closeObject()
            json.closeArray()
        }
        message(DisplayText.text(diagnostic.message), to: &json)
        json.closeObject()
    }

    private static func result(_ finding: Finding, machineID: String?, index: [String: Int], suppressed: Bool,
                               paths: SARIFPathCache, spans: SARIFKeySpans, to json: inout JSONTextWriter) {
        let name = finding.state ?? finding.machine
        let end = spans.endColumn(file: finding.file, line: finding.line, column: finding.column, name: name)
        json.openObject()
        json.member("level", SARIFRenderer.level(finding.severity))
        json.key("locations")
        json.openArray()
        json.beginItem()
        json.openObject()
        json.key("logicalLocations")
        json.openArray()
        json.beginItem()
        json.openObject()
        json.member("fullyQualifiedName", finding.state.map { "\(finding.machine)/\($0)" } ?? finding.machine)
        json.member("name", name)
        json.closeObject()
        json.closeArray()
        json.key("physicalLocation")
        physicalLocation(file: finding.file, line: finding.line, column: finding.column, endColumn: end, paths: paths, to: &json)
        json.closeObject()
        json.closeArray()
        message(DisplayText.text(finding.message), to: &json)
        json.key("partialFingerprints")
        json.openObject()
        json.key(escaping: SARIFFingerprint.key)
        json.string(SARIFFingerprint.of(finding, machineID: machineID))
        json.closeObject()
        if !suppressed, let note = finding.suppression {
            json.key("properties")
            json.openObject()
            json.member("sfncostSuppression", DisplayText.text(note))
            json.closeObject()
        }
        json.member("ruleId", finding.rule)
        if let position = index[finding.rule] { json.member("ruleIndex", position) }
        if suppressed {
            json.key("suppressions")
            json.openArray()
            json.beginItem()
            json.openObject()
            json.member("justification", DisplayText.text(finding.suppression ?? "switched off by the profile's rules"))
            json.member("kind", "external")
            json.member("status", "accepted")
            json.closeObject()
            json.closeArray()
        }
        json.closeObject()
    }

    /// `{"artifactLocation": …, "region": …}`, the region as `SARIFRenderer.region` makes it.
    private static func physicalLocation(file: String, line: Int, column: Int, endColumn: Int?, paths: SARIFPathCache,
                                         to json: inout JSONTextWriter) {
        let (uri, baseId) = paths.artifactURI(file)
        let start = max(1, line)
        json.openObject()
        json.key("artifactLocation")
        json.openObject()
        json.member("uri", uri)
        if let baseId { json.member("uriBaseId", baseId) }
        json.closeObject()
        json.key("region")
        json.openObject()
        if let endColumn { json.member("endColumn", endColumn) }
        json.member("endLine", start)
        json.member("startColumn", max(1, column))
        json.member("startLine", start)
        json.closeObject()
        json.closeObject()
    }

    /// `"message" : {"text" : …}`.
    private static func message(_ text: String, to json: inout JSONTextWriter) {
        json.key("message")
        textObject(text, to: &json)
    }

    private static func textObject(_ text: String, to json: inout JSONTextWriter) {
        json.openObject()
        json.member("text", text)
        json.closeObject()
    }

    private static func descriptor(_ rule: Rule, to json: inout JSONTextWriter) {
        let (tags, precision) = SARIFRuleProperties.values(rule)
        json.openObject()
        json.key("defaultConfiguration")
        json.openObject()
        json.member("level", SARIFRenderer.level(rule.defaultSeverity))
        json.closeObject()
        json.key("fullDescription")
        textObject(rule.explanation, to: &json)
        json.key("help")
        json.openObject()
        json.member("markdown", "\(rule.explanation)\n\n**Fix:** \(rule.fix)\n\n**Source:** \(rule.source)")
        json.member("text", "\(rule.explanation)\n\nFix: \(rule.fix)\nSource: \(rule.source)")
        json.closeObject()
        json.member("helpUri", rule.source.hasPrefix("http") ? rule.source : SARIFRenderer.informationUri)
        json.member("id", rule.id)
        json.member("name", rule.name)
        json.key("properties")
        json.openObject()
        json.member("precision", precision)
        json.member("tags", tags)
        json.closeObject()
        json.key("shortDescription")
        textObject(rule.summary, to: &json)
        json.closeObject()
    }
}
