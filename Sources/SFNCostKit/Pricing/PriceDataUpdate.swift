import Foundation

/// Merges an import into existing price data and writes the result: what `sfncost pricing import` does.
///
/// Imported rows replace a region's rows and are `verified`, dated by AWS's `effectiveDate`; regions
/// the files do not mention are kept as they were. A region whose file lacks a usage type keeps that
/// row from the existing data (with a note), or is left out when there is nothing to keep.
public enum PriceDataUpdate {
    /// The file written in the output directory; `--pricing DIR` reads it back.
    public static let fileName = "step-functions.json"

    public struct Summary: Sendable {
        public var written: String
        /// Regions whose prices came from the files, sorted.
        public var imported: [String]
        /// Regions kept as they were in the base data.
        public var kept: [String]
        /// Regions the files did not price fully and that had nothing to complete them.
        public var warnings: [Diagnostic]
        /// Where the data merged into came from: the existing file, or the built-in data.
        public var base: String
    }

    /// Merges `imported` into `base`.
    public static func merge(_ imported: PriceListImport, into base: PriceTable) -> (PriceTable, [String], [Diagnostic]) {
        var table = base
        var merged: [String] = []
        var warnings: [Diagnostic] = []
        for (code, region) in imported.regions.sorted(by: { $0.key < $1.key }) {
            let old = base.regions[code]
            var notes: [String] = []
            if !region.isComplete {
                guard let old, old.currency == region.currency else {
                    warnings.append(Diagnostic(.warning, "PriceList.Incomplete",
                        "\(code) left out: the files have no \(region.missingKinds.joined(separator: " or ")) price for it, and the existing data has none in \(region.currency) to keep",
                        at: region.declaredAt))
                    continue
                }
                notes.append("Only some rows come from the AWS Price List; \(region.missingKinds.joined(separator: " and ")) kept from \(old.source) (confidence as marked).")
            }
            let free: Int
            if let old {
                free = old.freeTransitionsPerMonth
            } else {
                free = PriceListImporter.defaultFreeTransitionsPerMonth
                notes.append("The Standard free tier (\(free) transitions a month) is the pricing page's; the Price List does not carry it.")
            }
            guard let transition = region.stateTransition ?? old?.stateTransition,
                  let request = region.expressRequest ?? old?.expressRequest,
                  let tiers = region.expressDuration ?? old?.expressDuration else { continue }
            table.regions[code] = RegionPrices(
                region: code, location: region.location, currency: region.currency,
                date: region.effectiveDate, dateKind: .effective, source: region.source,
                note: notes.isEmpty ? nil : notes.joined(separator: " "),
                stateTransition: transition, freeTransitionsPerMonth: free, expressRequest: request, expressDuration: tiers)
            table.regionsWithoutPrices[code] = nil
            merged.append(code)
        }
        return (table, merged, warnings)
    }

    /// Reads `paths`, merges them into `directory`'s `step-functions.json` (or into the built-in data
    /// when the directory has none) and writes that file. Input files are never written: naming the
    /// output file as an input is an error.
    public static func run(paths: [String], directory: String, today: String) throws(InputError) -> Summary {
        let target = (directory as NSString).appendingPathComponent(fileName)
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
        for path in paths where URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() == targetURL {
            throw InputError("PriceList.WouldOverwriteInput",
                             "'\(path)' is the file the import would write; write to another --output directory",
                             at: SourceLocation(file: path, line: 1, column: 1))
        }
        let imported = try PriceListImporter.read(paths: paths)
        let base: PriceTable
        if FileManager.default.fileExists(atPath: target) {
            base = try PriceTable.decode(try SourceDocument.load(path: target), origin: target)
        } else {
            base = PriceTable.embedded()
        }
        let (table, merged, warnings) = merge(imported, into: base)
        let text = PriceDataWriter.render(table, compiled: today)
        // What is written must read back as the same data; checked before touching the disk.
        do {
            _ = try PriceTable.decode(try SourceDocument.parse(text, file: target), origin: target)
        } catch {
            throw InputError("PriceList.Internal", "the merged data does not read back: \(error)", at: nil)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw InputError("PriceList.Unwritable", "cannot write '\(target)': \(error.localizedDescription)",
                             at: SourceLocation(file: target, line: 1, column: 1))
        }
        return Summary(written: target, imported: merged,
                       kept: table.regions.keys.filter { !merged.contains($0) }.sorted(), warnings: warnings,
                       base: base.origin)
    }
}
