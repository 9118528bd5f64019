import ArgumentParser
import Report

@main
struct Nica: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nica",
        abstract: "Nonlinear ICA of multichannel time series: how many independent sources, and their traces.",
        version: NicaVersion.string,
        subcommands: [Analyze.self, Generate.self, GenerateSuite.self, Evaluate.self, Encode.self, Info.self, Score.self,
                      Bench.self],
        defaultSubcommand: nil)
}
