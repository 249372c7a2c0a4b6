import CRegistreLimits

/// Process-wide protections for secrets in memory.
public enum ProcessHardening {
  /// Turns core dumps off for the rest of the process (`RLIMIT_CORE` 0 and, on
  /// Linux, `PR_SET_DUMPABLE` 0, which also closes `/proc/PID/mem` and ptrace to
  /// other processes of the same user). Called before a private key or a
  /// password is loaded, so that a crash cannot write them into a core file.
  /// Idempotent; returns whether both settings took effect.
  @discardableResult
  public static func disableCoreDumps() -> Bool {
    registre_disable_core_dumps() == 0
  }

  /// The process's dumpable flag (`PR_GET_DUMPABLE`): 0 once dumps are off; -1 where unknown.
  public static var dumpable: Int32 { registre_dumpable() }
}
