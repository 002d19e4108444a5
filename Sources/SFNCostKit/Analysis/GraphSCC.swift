/// Strongly connected components of a directed graph, by Tarjan's algorithm written without
/// recursion so that a 5,000-state chain cannot overflow the stack.
///
/// The components come out in reverse topological order: every component appears before the
/// components that can reach it. Worst-case analysis walks them in this order (sinks first);
/// expected-visit analysis walks them reversed (sources first).
enum GraphSCC {
    static func components(nodeCount: Int, successors: (Int) -> [Int], roots: [Int]) -> [[Int]] {
        var index = [Int].filled(-1, count: nodeCount)
        var lowLink = [Int].filled(0, count: nodeCount)
        var onStack = [Bool].filled(false, count: nodeCount)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        var cachedSuccessors = [[Int]?].filled(nil, count: nodeCount)

        for root in roots where index[root] < 0 {
            // Each frame: node and the position of the next successor to look at.
            var frames: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if cachedSuccessors[node] == nil { cachedSuccessors[node] = successors(node) }
                let next = cachedSuccessors[node]!
                if frame.next < next.count {
                    frames[frames.count - 1].next += 1
                    let target = next[frame.next]
                    if index[target] < 0 {
                        index[target] = counter; lowLink[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        frames.append((target, 0))
                    } else if onStack[target] {
                        lowLink[node] = min(lowLink[node], index[target])
                    }
                } else {
                    frames.removeLast()
                    if let parent = frames.last?.node {
                        lowLink[parent] = min(lowLink[parent], lowLink[node])
                    }
                    if lowLink[node] == index[node] {
                        var component: [Int] = []
                        while let member = stack.popLast() {
                            onStack[member] = false
                            component.append(member)
                            if member == node { break }
                        }
                        result.append(component)
                    }
                }
            }
        }
        return result
    }
}
