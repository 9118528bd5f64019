import ArgumentParser
import Features
import Model
import SignalIO
import Synthesis

extension FeatureKind: ExpressibleByArgument {}
extension GenerationFamily: ExpressibleByArgument {}
extension MixingActivation: ExpressibleByArgument {}
extension SpectralMixing: ExpressibleByArgument {}
extension AudioEncoding: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension SourceDistribution: ExpressibleByArgument {}
extension HiddenActivation: ExpressibleByArgument {}
