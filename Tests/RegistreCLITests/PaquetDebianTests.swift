import Foundation
import Testing
import RegistreTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The Debian package (issue 23): `scripts/paquet.sh` builds it from the release binary that `make test` built
/// before the suite, lintian finds nothing to say, `dpkg -i` installs it, and the installed `registre demo` works
/// in a scratch folder with no build folder on PATH and the build tree's resource bundles hidden (a mount
/// namespace puts an empty tmpfs over each folder the binary could fall back to). The package is purged afterwards,
/// whatever happened. It needs root (it installs into the system): without it the test is skipped, or fails under
/// `REGISTRE_REQUIRE_CHECKERS=1`.
@Suite struct PaquetDebian {
  static let release = RegistreCLI.repository.appendingPathComponent(".build/release/registre")

  /// Skips the test with `reason`, or fails it when every precondition is required.
  func precondition(_ holds: Bool, _ reason: String) throws {
    guard !holds else { return }
    if Checkers.required {
      throw FixtureError(description: "paquet Debian non testé : \(reason) ; REGISTRE_REQUIRE_CHECKERS=1 l'exige")
    }
    try Test.cancel(Comment(rawValue: "paquet Debian non testé : \(reason)"))
  }

  @Test func thePackageInstallsAndItsDemoWorksFromAnyFolderThenIsRemoved() throws {
    try precondition(getuid() == 0, "il faut être root pour installer le paquet (dpkg -i)")
    for (outil, paquet) in [
      ("dpkg-deb", "dpkg"), ("dpkg-shlibdeps", "dpkg-dev"), ("lintian", "lintian"), ("unshare", "util-linux"),
    ] {
      try precondition(ProcessRunner.find(outil) != nil, "\(outil) absent (paquet \(paquet))")
    }
    try precondition(
      FileManager.default.isExecutableFile(atPath: Self.release.path),
      "\(Self.release.path) absent (make test le construit avant la suite)")
    let deja = try ProcessRunner.run(["dpkg-query", "-W", "-f=${Status}", "registre"], mergeErrors: false)
    try precondition(
      !deja.output.contains("installed"), "un paquet registre est déjà installé sur cette machine ; le test ne le remplace pas")

    let dossier = try TemporaryFolder.make("registre-paquet")
    defer { try? FileManager.default.removeItem(at: dossier) }

    // Build.
    let construction = try ProcessRunner.run(
      [RegistreCLI.repository.appendingPathComponent("scripts/paquet.sh").path, dossier.path], mergeErrors: false)
    try #require(construction.status == 0, "\(construction.output)\(construction.errors)")
    let deb = try #require(construction.output.split(separator: "\n").last.map(String.init))
    #expect(deb.hasSuffix(".deb") && FileManager.default.fileExists(atPath: deb), "\(deb)")
    let version = try ProcessRunner.run([Self.release.path, "--version"], mergeErrors: false).output
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(URL(fileURLWithPath: deb).lastPathComponent == "registre_\(version)_amd64.deb")

    // What it holds and needs.
    let contenu = try ProcessRunner.run(["dpkg-deb", "--contents", deb]).output
    for chemin in [
      "./usr/bin/registre -> ../lib/registre/registre", "./usr/lib/registre/registre",
      "./usr/lib/registre/Registre_RegistreCatalogue.resources/demo/",
      "./usr/lib/registre/Registre_RegistreDocuments.resources/Templates/fop/fop.xconf",
      "./usr/lib/registre/Registre_RegistreServer.resources/", "./usr/share/man/man1/registre.1.gz",
      "./usr/share/bash-completion/completions/registre", "./usr/share/zsh/vendor-completions/_registre",
      "./usr/share/doc/registre/copyright", "./usr/share/doc/registre/changelog.gz",
      "./usr/share/registre/schemas/registre.xsd",
    ] {
      #expect(contenu.contains(chemin), "\(chemin) manque dans le paquet")
    }
    #expect(!contenu.contains("Tests"), "une ressource des tests est dans le paquet")
    let dependances = try ProcessRunner.run(["dpkg-deb", "--field", deb, "Depends"]).output
    for paquet in ["libxml2", "libxslt1.1", "libssl3", "zlib1g", "libc6", "fop", "default-jre-headless", "fonts-dejavu-core", "fonts-dejavu-extra"] {
      #expect(dependances.contains(paquet), "Depends sans \(paquet) : \(dependances)")
    }

    // Debian's own checker: no error, no warning (docs/paquet.md explains each tag left, if any).
    let lintian = try ProcessRunner.run(["lintian", "--fail-on", "error,warning", deb])
    #expect(lintian.status == 0, "\(lintian.output)")
    #expect(!lintian.output.split(separator: "\n").contains { $0.hasPrefix("E:") || $0.hasPrefix("W:") }, "\(lintian.output)")

    // Install; from here on the package is purged whatever happens.
    let installation = try ProcessRunner.run(["dpkg", "-i", deb], environment: ["DEBIAN_FRONTEND": "noninteractive"])
    defer {
      _ = try? ProcessRunner.run(["dpkg", "--purge", "registre"])
    }
    try #require(installation.status == 0, "\(installation.output)")
    #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/registre"))

    // The demo, as a school would run it: the installed command, in an empty folder, PATH without any build
    // folder, and every build-tree bundle path the binary holds hidden behind an empty tmpfs.
    let travail = dossier.appendingPathComponent("ecole")
    try FileManager.default.createDirectory(at: travail, withIntermediateDirectories: true)
    // The Swift toolchain is hidden too (`/opt/swift` when `swift` is `/opt/swift/usr/bin/swift`): the installed
    // program must not need it, as on a school's machine without Swift.
    let chaine = ProcessRunner.find("swift").map {
      URL(fileURLWithPath: $0).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    }
    let aCacher = chaine.map { $0 == "/" || $0 == "/usr" ? [] : [$0] } ?? []
    let script = """
      set -e
      for chemin in "$@" $(grep -a -o -E '/[A-Za-z0-9_./+-]+[.]resources' /usr/lib/registre/registre | xargs -r -n1 dirname | sort -u); do
        if [ -d "$chemin" ]; then
          mount -t tmpfs tmpfs "$chemin"
          echo "caché : $chemin"
        fi
      done
      command -v registre
      exec registre demo
      """
    let demo = try ProcessRunner.run(
      ["unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh"] + aCacher, in: travail,
      environment: ["PATH": "/usr/bin:/bin", "HOME": travail.path])
    #expect(demo.status == 0, "\(demo.output)")
    #expect(demo.output.contains("/usr/bin/registre"), "\(demo.output)")
    #expect(demo.output.contains("caché : "), "aucun dossier de construction caché : \(demo.output)")
    for dossierCache in aCacher {
      #expect(demo.output.contains("caché : \(dossierCache)\n"), "\(demo.output)")
    }
    #expect(demo.output.contains("Terminé : demo/"), "\(demo.output)")
    #expect(demo.output.contains("registre.pdf : signature valide et de confiance, document intact"), "\(demo.output)")
    for fichier in ["registre/etablissement.yaml", "audit.txt", "registre.pdf", "notice-familles.pdf", "rapport-audit.pdf"] {
      #expect(
        FileManager.default.fileExists(atPath: travail.appendingPathComponent("demo/\(fichier)").path), "\(fichier)")
    }

    // The bash completion loads and completes the commands.
    let completion = try ProcessRunner.run([
      "bash", "-c",
      "source /usr/share/bash-completion/completions/registre && complete -p registre",
    ])
    #expect(completion.status == 0 && completion.output.contains("registre"), "\(completion.output)")

    // Removal leaves nothing.
    let purge = try ProcessRunner.run(["dpkg", "--purge", "registre"])
    #expect(purge.status == 0, "\(purge.output)")
    #expect(!FileManager.default.fileExists(atPath: "/usr/bin/registre"))
    #expect(!FileManager.default.fileExists(atPath: "/usr/lib/registre"))
  }
}
