import Foundation

/// Reads execution histories from files and directories one execution at a time and hands each to
/// `body` as an `ExecutionSummary`; the events are not kept. A directory is read below it, its
/// `.json` files in name order (hidden entries skipped). Pages: a file whose first event is not the
/// execution's start continues the execution of the file before it in the same folder, which must
/// have ended with a `nextToken`, and its ids must follow on; a page with a `nextToken` whose next
/// page is missing is an error at that `nextToken`.
enum HistoryStream {
    static func read(_ paths: [String], _ body: (ExecutionSummary) -> Void) -> [InputError] {
        var failures: [InputError] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append(InputError("Input.NotFound", "'\(path)': no such file or directory", at: nil))
                continue
            }
            if isDirectory.boolValue {
                let (files, errors) = jsonFiles(below: path)
                failures += errors
                for (_, group) in Dictionary(grouping: files, by: { FilePaths.deletingLastComponent($0) }).sorted(by: { $0.key < $1.key }) {
                    failures += readGroup(group.sorted(), body)
                }
            } else {
                failures += readGroup([path], body)
            }
        }
        return failures
    }

    /// The pages of one folder, in order.
    private static func readGroup(_ files: [String], _ body: (ExecutionSummary) -> Void) -> [InputError] {
        var failures: [InputError] = []
        var pending: (events: [HistoryEvent], page: HistoryPage)?
        func finish() {
            guard let open = pending else { return }
            pending = nil
            if let token = open.page.nextToken {
                failures.append(InputError("History.MissingPage",
                    "this page has a nextToken but its next page is not here (the execution's history is incomplete); run get-execution-history without --no-paginate, or add the next page to this folder",
                    at: token))
                return
            }
            body(ExecutionSummary(events: open.events, source: open.page.file, location: open.page.location))
        }
        for file in files {
            let page: HistoryPage
            do { page = try HistoryPage.read(path: file) } catch { failures.append(error); continue }
            guard let first = page.events.first else { continue }
            let starts = first.type == "ExecutionStarted" || first.id == 1
            if starts {
                finish()
                pending = (page.events, page)
            } else if let open = pending, open.page.nextToken != nil, let last = open.events.last, first.id > last.id {
                pending = (open.events + page.events, page)
            } else {
                // Read again with locations, so the error points at the page's first event.
                let located = (try? HistoryPage.read(path: file, located: true))?.events.first?.location ?? first.location
                failures.append(InputError("History.MissingPage",
                    "this page continues an execution (its first event is \(first.id), not the execution's start) but no earlier page with a nextToken precedes it in this folder",
                    at: located))
            }
        }
        finish()
        return failures
    }

    /// The `.json` files below `directory`, in name order at each level (hidden entries skipped).
    static func jsonFiles(below directory: String) -> ([String], [InputError]) {
        var files: [String] = []
        var errors: [InputError] = []
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return ([], [InputError("Input.Unreadable", "'\(directory)': cannot read this directory", at: nil)])
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let (more, moreErrors) = jsonFiles(below: path)
                files += more
                errors += moreErrors
            } else if name.lowercased().hasSuffix(".json") {
                files.append(path)
            }
        }
        return (files, errors)
    }
}
