import Foundation
import RegistreTestSupport
import Testing

/// The end-to-end scenarios and the axe-core scan of `Tests/Navigateur`, run by pytest in a real
/// headless Chromium against the built `registre serveur`. Part of `swift test` (and so of
/// `make test`): a missing browser, driver or Python package skips with the reason, or fails under
/// `REGISTRE_REQUIRE_CHECKERS=1`; it never passes silently.
@Suite("registre serveur : navigateur réel (Selenium, Chromium, axe-core)")
struct BrowserTests {
  @Test("les parcours et l'examen d'accessibilité de Tests/Navigateur passent dans Chromium")
  func browserScenarios() async throws {
    _ = try Checkers.require("chromium", "chromium-browser", package: "chromium")
    _ = try Checkers.require("chromedriver", package: "chromium-driver")
    let python = try Checkers.require("python3", package: "python3")
    let modules = try ProcessRunner.run([python, "-c", "import pytest, selenium, axe_core_python"])
    if modules.status != 0 {
      let reason = "modules Python absents (pytest, selenium, axe-core-python : scripts/dependances.sh test)"
      if Checkers.required { throw FixtureError(description: "\(reason) ; REGISTRE_REQUIRE_CHECKERS=1 l'exige") }
      try Test.cancel(Comment(rawValue: reason))
    }
    let run = try await onOwnThread {
      try ProcessRunner.run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/Navigateur"], in: RegistreCLI.repository,
        environment: ["REGISTRE": RegistreCLI.executable.path, "PYTHONDONTWRITEBYTECODE": "1"])
    }
    #expect(run.status == 0, "pytest :\n\(run.output)")
    // Every scenario ran: none skipped, none deselected.
    let summary = run.output.split(separator: "\n").last.map(String.init) ?? ""
    #expect(summary.contains(" passed"), "\(summary)")
    #expect(!summary.contains("skipped") && !summary.contains("failed") && !summary.contains("error"), "\(summary)")
  }
}
