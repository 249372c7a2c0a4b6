import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension JournalActor {
  /// A `registre` command run without an account (team mode, issue 18): the system user's name as the system
  /// gives it (the password database, else `USER` / `LOGNAME`), nil when none is known.
  public static func commandLine() -> JournalActor {
    JournalActor(account: nil, role: nil, channel: .commandLine, systemUser: systemUserName())
  }

  static func systemUserName() -> String? {
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      let text = String(cString: name)
      if !text.isEmpty { return text }
    }
    let environment = ProcessInfo.processInfo.environment
    return [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
  }
}
