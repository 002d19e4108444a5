import ArgumentParser
import SFNCostKit

struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Print a starting usage profile for the machines found, with every key that matters.",
        discussion: """
        Each machine gets its executions, type and payload; each Task, Choice, Map and
        run-time Wait its keys, commented out with the default that applies until you
        set it; each loop without a bound a max_visits line to fill in. Nothing is
        written: redirect the output.

        Example:
          sfncost profile statemachines/ > usage.yml
        """)

    @Argument(help: ArgumentHelp("Definition files, templates or directories.", valueName: "path"))
    var paths: [String]

    @Option(help: "The region to write into the profile.")
    var region = Estimator.defaultRegion

    func run() throws {
        var collected = InputCollector.collect(paths)
        // The names `estimate` reports, so each entry's key is one `estimate` recognises.
        collected.machines = MachineNames.disambiguate(collected.machines).0
        Console.print(collected.diagnostics)
        for failure in collected.failures { Console.print(failure.diagnostics, minimum: .note) }
        if collected.machines.isEmpty && collected.failures.isEmpty {
            Console.nothingFound(paths: paths, passedOver: collected.passedOver)
            throw ExitStatus.badInput
        }
        // The machines that loaded still get their entries; the exit code says something did not.
        if !collected.machines.isEmpty { Console.out(ProfileSkeleton.render(collected.machines, region: region)) }
        if !collected.failures.isEmpty { throw ExitStatus.badInput }
    }
}
