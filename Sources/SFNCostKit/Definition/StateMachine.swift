/// A state machine (or a Parallel branch, or a Map's item processor): a start state and its states.
///
/// Reference: Amazon States Language, https://states-language.net/spec.html
public struct StateMachine: Sendable {
    public var startAt: String
    /// The states in file order.
    public var states: [State]
    /// Where the machine's object starts (for a branch, the branch object).
    public var location: SourceLocation
    /// The machine-level `TimeoutSeconds`, if any.
    public var timeoutSeconds: Int?
    public var queryLanguage: QueryLanguage

    /// Keyed by the name's UTF-8 bytes: JSON keys `é` and `e` + U+0301 are two states, which Swift's
    /// String equality (canonical equivalence) would merge.
    private var indexByName: [UTF8Key: Int]

    public init(startAt: String, states: [State], location: SourceLocation,
                timeoutSeconds: Int? = nil, queryLanguage: QueryLanguage = .jsonPath) {
        self.startAt = startAt
        self.states = states
        self.location = location
        self.timeoutSeconds = timeoutSeconds
        self.queryLanguage = queryLanguage
        var index: [UTF8Key: Int] = [:]
        index.reserveCapacity(states.count)
        for (position, state) in states.enumerated() {
            // The first state of a name wins (a duplicate name is reported elsewhere).
            let key = UTF8Key(state.name)
            if index[key] == nil { index[key] = position }
        }
        self.indexByName = index
    }

    public func index(of name: String) -> Int? { indexByName[UTF8Key(name)] }

    public func state(named name: String) -> State? {
        indexByName[UTF8Key(name)].map { states[$0] }
    }

    /// Every state here and in nested branches and item processors, depth first.
    public func allStates() -> [State] { Array(everyState) }

    /// `allStates()` walked as it is read, without a copy of every state (a list of 100,000 states
    /// is 17 MB): for the passes over all states that each analysis and check makes.
    public var everyState: EveryState { EveryState(machine: self) }

    public struct EveryState: Sequence {
        let machine: StateMachine

        public func makeIterator() -> Iterator { Iterator(stack: [(machine.states, 0)]) }

        public struct Iterator: IteratorProtocol {
            /// The scopes being walked, innermost last, each with the index of its next state.
            var stack: [(states: [State], next: Int)]

            public mutating func next() -> State? {
                while let top = stack.last {
                    guard top.next < top.states.count else {
                        stack.removeLast()
                        continue
                    }
                    stack[stack.count - 1].next += 1
                    let state = top.states[top.next]
                    // The state's branches or item processor come right after it, the first one first.
                    for child in state.kind.childMachines.reversed() { stack.append((child.states, 0)) }
                    return state
                }
                return nil
            }
        }
    }
}

/// `QueryLanguage` at the top level or on a state.
public enum QueryLanguage: String, Sendable, Codable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}

