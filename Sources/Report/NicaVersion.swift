/// The version of nica itself, printed in every report.
public enum NicaVersion {
    public static let string = "0.1.0"
}
