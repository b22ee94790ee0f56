import ArgumentParser
import Review

/// `--format table|json|csv` on every listing command.
extension OutputFormat: ExpressibleByArgument {}
