import Foundation

/// Ties a stage child's life to the `chipwatch run` that started it: if the run is killed
/// (SIGKILL from an operator, the OOM killer, a timer's stop), its stages end too, so a new
/// run never overlaps an orphaned stage of the old one. (prctl(PR_SET_PDEATHSIG) would do
/// it in the kernel, but Swift cannot call the variadic prctl, and C stays in the two
/// wrapper modules.) Ending mid-transaction is safe: each stage commits atomically.
enum StageGuard {
    /// The environment variable `run` sets to its own pid for its children.
    static let variable = "CHIPWATCH_RUN_PID"

    static func dieWithParentRun() {
        guard let text = ProcessInfo.processInfo.environment[variable], let runPID = Int32(text) else { return }
        Thread.detachNewThread {
            // Orphaned children are re-parented (to init or a subreaper): the pid changes.
            while getppid() == runPID { usleep(100_000) }
            _exit(ExitStatus.tempFail)
        }
    }
}
