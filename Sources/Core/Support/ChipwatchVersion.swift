/// Versions recorded beside what each stage produces.
public enum ChipwatchVersion {
    public static let current = "0.1.0"
}
