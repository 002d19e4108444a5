import Foundation

/// One event of an execution history, reduced to what calibration reads.
struct HistoryEvent: Sendable {
    var id: Int
    var previousEventId: Int?
    var type: String
    var time: Double?
    /// `stateEnteredEventDetails.name` / `stateExitedEventDetails.name`.
    var stateName: String?
    /// The `error` of a failed or timed-out attempt.
    var error: String?
    /// `mapStateStartedEventDetails.length`.
    var mapLength: Int?
    /// UTF-8 bytes of a state's input (entered) or output (exited), as the history holds it.
    var payloadBytes: Int?
    var location: SourceLocation
}

extension HistoryEvent {
    /// A whole number from Foundation's JSON parse. Foundation gives numbers and booleans both as
    /// NSNumber (and `1 is Bool` holds); a boolean's class is the CF boolean one on every platform.
    static func wholeNumber(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber, !String(describing: Swift.type(of: number)).contains("Boolean") else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return Int(double)
    }

    /// What calibration reads from an event's details: a history's `…EventDetails` block and an
    /// Express log record's `details` carry the same fields.
    mutating func read(details: [String: Any], integer: (Any?) -> Int?) {
        if type.hasSuffix("StateEntered") || type.hasSuffix("StateExited") {
            stateName = details["name"] as? String
            payloadBytes = ((details["input"] ?? details["output"]) as? String)?.utf8.count
        } else if type == "MapStateStarted" {
            mapLength = integer(details["length"])
        } else {
            error = details["error"] as? String
        }
    }
}

/// One page of `aws stepfunctions get-execution-history --output json`:
/// `{"events": [{"timestamp", "type", "id", "previousEventId", <type>EventDetails}], "nextToken"}`
/// (docs/facts.md, shapes of execution histories). The CLI joins pages by itself unless paging is
/// switched off; a page that still has a `nextToken` must be followed by the rest.
struct HistoryPage: Sendable {
    var file: String
    var events: [HistoryEvent]
    /// Where `nextToken` stands, when the page has one (more events follow on another page).
    var nextToken: SourceLocation?
    var location: SourceLocation

    /// Histories are large (10,000 executions of 1,000 events must stream), so a page is first read
    /// with Foundation's JSON parser, which keeps no locations; anything irregular (or a page with a
    /// nextToken, whose location an error may need) is read again with the located reader, which
    /// says where the problem is.
    static func read(path: String, located: Bool = false) throws(InputError) -> HistoryPage {
        if !located {
            let data = try FileReader.read(path: path, limit: SourceDocument.maximumBytes)
            if let page = quick(data, file: path) { return page }
        }
        let root = try SourceDocument.load(path: path)
        return try decode(root, file: path)
    }

    /// The page, or nil when it is not plainly a well-formed history page.
    static func quick(_ data: Data, file: String) -> HistoryPage? {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = root["events"] as? [Any] else { return nil }
        if let token = root["nextToken"], !(token is NSNull) { return nil }
        let place = SourceLocation(file: file, line: 1, column: 1)
        var events: [HistoryEvent] = []
        events.reserveCapacity(list.count)
        var lastId = -1
        // Foundation gives numbers and booleans both as NSNumber (and `1 is Bool` holds); a boolean's
        // class is the CF boolean one on every platform.
        func isBoolean(_ value: Any) -> Bool { String(describing: type(of: value)).contains("Boolean") }
        let integer = HistoryEvent.wholeNumber
        for item in list {
            guard let node = item as? [String: Any], let id = integer(node["id"]), id > lastId,
                  let type = node["type"] as? String, !type.isEmpty else { return nil }
            lastId = id
            var event = HistoryEvent(id: id, previousEventId: integer(node["previousEventId"]), type: type, time: nil, location: place)
            if let stamp = node["timestamp"] {
                if let text = stamp as? String, let seconds = HistoryTime.seconds(text) {
                    event.time = seconds
                } else if let number = integer(stamp) {
                    event.time = Double(number)
                } else if !isBoolean(stamp), let number = stamp as? NSNumber, number.doubleValue.isFinite, abs(number.doubleValue) < 1e14 {
                    event.time = number.doubleValue
                } else {
                    return nil
                }
            }
            let entersOrExits = type.hasSuffix("StateEntered") || type.hasSuffix("StateExited")
            let detailsKey = type.hasSuffix("StateEntered") ? "stateEnteredEventDetails"
                : type.hasSuffix("StateExited") ? "stateExitedEventDetails"
                : type.prefix(1).lowercased() + type.dropFirst() + "EventDetails"
            if let details = node[detailsKey] as? [String: Any] {
                event.read(details: details, integer: integer)
            } else if node[detailsKey] != nil {
                return nil
            }
            if entersOrExits, event.stateName == nil { return nil }
            events.append(event)
        }
        return HistoryPage(file: file, events: events, nextToken: nil, location: place)
    }

    static func decode(_ root: SourceNode, file: String) throws(InputError) -> HistoryPage {
        guard root.members != nil, let list = root["events"], let elements = list.elements else {
            let definition = root.members != nil && root["StartAt"] != nil && root["States"] != nil
            throw InputError("History.NotHistory",
                             "'\(file)' is not `aws stepfunctions get-execution-history --output json` output: expected an object with an \"events\" array"
                                 + (definition ? "; it looks like a state machine definition: give it as PATH, before the options" : ""),
                             at: root.location)
        }
        var events: [HistoryEvent] = []
        events.reserveCapacity(elements.count)
        var lastId: Int?
        for node in elements {
            // `aws logs filter-log-events` also writes an "events" array, of log records.
            if node["message"] != nil, node["type"] == nil {
                throw InputError("History.ExpressLogs",
                                 "'\(file)' looks like `aws logs filter-log-events` output (execution logs): give it with --express-logs, not --histories",
                                 at: node.location)
            }
            guard node.members != nil else {
                throw InputError("History.BadEvent", "an event must be an object, not \(node.kindName)", at: node.location)
            }
            guard let idNode = node["id"], let id = idNode.integer, id >= 0 else {
                throw InputError("History.BadEvent", "an event needs a whole-number \"id\"", at: node["id"]?.location ?? node.location)
            }
            guard let type = node["type"]?.string, !type.isEmpty else {
                throw InputError("History.BadEvent", "an event needs a \"type\" string", at: node["type"]?.location ?? node.location)
            }
            if let lastId, id <= lastId {
                throw InputError("History.OutOfOrder", "event ids must increase: event \(id) follows event \(lastId)", at: idNode.location)
            }
            lastId = id
            var event = HistoryEvent(id: id, previousEventId: node["previousEventId"]?.integer, type: type,
                                     time: nil, location: node.location)
            if let stamp = node["timestamp"] {
                guard let seconds = HistoryTime.seconds(stamp) else {
                    throw InputError("History.BadTimestamp", "\"timestamp\" must be an ISO 8601 time such as 2026-11-01T06:00:00.123+00:00 or seconds since 1970", at: stamp.location)
                }
                event.time = seconds
            }
            // The details block is named after the type (TaskFailed → taskFailedEventDetails), except
            // that every *StateEntered shares stateEnteredEventDetails, every *StateExited stateExitedEventDetails.
            let entersOrExits = type.hasSuffix("StateEntered") || type.hasSuffix("StateExited")
            let detailsKey = type.hasSuffix("StateEntered") ? "stateEnteredEventDetails"
                : type.hasSuffix("StateExited") ? "stateExitedEventDetails"
                : type.prefix(1).lowercased() + type.dropFirst() + "EventDetails"
            if let details = node[detailsKey] {
                if entersOrExits {
                    event.stateName = details["name"]?.string
                    event.payloadBytes = (details["input"] ?? details["output"])?.string?.utf8.count
                } else if type == "MapStateStarted" {
                    event.mapLength = details["length"]?.integer
                } else {
                    event.error = details["error"]?.string
                }
            }
            if entersOrExits, event.stateName == nil {
                throw InputError("History.BadEvent", "a \(type) event needs \(detailsKey).name", at: node.location)
            }
            events.append(event)
        }
        var token: SourceLocation?
        if let next = root["nextToken"], let text = next.string, !text.isEmpty { token = next.location }
        return HistoryPage(file: file, events: events, nextToken: token, location: root.location)
    }
}
