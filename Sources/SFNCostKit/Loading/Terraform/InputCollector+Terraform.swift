/// Folds what the Terraform readers found into the collector's result, so that the hook in
/// `InputCollector.load` stays a few lines.
extension InputCollector.Result {
    mutating func add(_ extraction: TerraformExtractor.Extraction) {
        machines += extraction.machines
        diagnostics += extraction.diagnostics
        failures += extraction.failures
    }
}
