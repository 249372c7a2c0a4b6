import Foundation

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own `main` is never
// pulled in: each harness hands control to libFuzzer's driver, which parses the command line
// and calls the harness for each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The one entry point of every fuzzing harness (`Fuzz/Fuzz*/main.swift`).
public enum FuzzDriver {
  /// Runs libFuzzer with this process's command line and `harness`, then exits with its status.
  public static func run(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, harness))
  }
}
