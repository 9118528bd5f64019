import ArgumentParser
import Features
import Synthesis

extension FeatureKind: ExpressibleByArgument {}
extension GenerationFamily: ExpressibleByArgument {}
extension MixingActivation: ExpressibleByArgument {}
extension SpectralMixing: ExpressibleByArgument {}
