import Config
import Testing

/// Where the state lives when `--state-dir` is not given (issue 15: `$HOME` must be honoured;
/// Foundation's `NSHomeDirectory()` reads the password database on Linux instead).
@Suite("State directory")
struct StateDirectoryTests {
    @Test("the default state directory", arguments: [
        (["STATE_DIRECTORY": "/var/lib/chipwatch", "XDG_STATE_HOME": "/x", "HOME": "/h"], "/var/lib/chipwatch"),
        (["STATE_DIRECTORY": "/var/lib/chipwatch:/var/lib/other"], "/var/lib/chipwatch"),
        (["XDG_STATE_HOME": "/srv/state", "HOME": "/h"], "/srv/state/chipwatch"),
        (["HOME": "/home/analyst"], "/home/analyst/.local/state/chipwatch"),
        (["STATE_DIRECTORY": "", "XDG_STATE_HOME": "", "HOME": "/tmp/cron-home"], "/tmp/cron-home/.local/state/chipwatch"),
    ])
    func stateDirectory(_ environment: [String: String], _ expected: String) {
        #expect(ChipwatchConfig.defaultStateDirectory(environment: environment) == expected)
    }
}
