import ArgumentParser
import Foundation
import RegistreSignature
import RegistreSupport
import RegistreWorkflows

#if canImport(Glibc)
  import Glibc
#endif

/// Signing options shared by every command that produces a PDF (`signer`, `document`, `notices`, `audit`,
/// the yearly export): include them with `@OptionGroup var signature: CLISigningOptions`.
struct CLISigningOptions: ParsableArguments {
  @Option(name: .customLong("p12"), help: ArgumentHelp(Typography.french("Certificat et clé au format PKCS#12 (.p12, .pfx)."), valueName: "fichier"))
  var p12: String?

  @Option(name: [.customLong("cle"), .customLong("clé")], help: ArgumentHelp(Typography.french("Clé privée PEM (avec --certificat)."), valueName: "fichier"))
  var cle: String?

  @Option(name: .customLong("certificat"), help: ArgumentHelp(Typography.french("Certificat PEM du signataire (avec --cle)."), valueName: "fichier"))
  var certificat: String?

  @Option(name: [.customLong("chaine"), .customLong("chaîne")], help: ArgumentHelp(Typography.french("Certificats intermédiaires PEM à joindre à la signature."), valueName: "fichier"))
  var chaine: String?

  @Option(
    name: .customLong("mot-de-passe-fichier"),
    help: ArgumentHelp(Typography.french("Fichier dont la première ligne est le mot de passe. À défaut : variable REGISTRE_MOT_DE_PASSE, puis saisie masquée."),
      valueName: "fichier"))
  var motDePasseFichier: String?

  @Option(name: .customLong("nom"), help: ArgumentHelp(Typography.french("Nom du signataire inscrit dans la signature.")))
  var nom: String?

  @Option(name: .customLong("raison"), help: ArgumentHelp(Typography.french("Motif de la signature (ex. « Registre des activités de traitement 2026 »).")))
  var raison: String?

  @Option(name: .customLong("lieu"), help: ArgumentHelp(Typography.french("Lieu de signature.")))
  var lieu: String?

  @Option(name: .customLong("contact"), help: ArgumentHelp(Typography.french("Moyen de contacter le signataire.")))
  var contact: String?

  @Option(
    name: .customLong("horodatage"),
    help: ArgumentHelp(Typography.french("Adresse http:// ou https:// d'une autorité d'horodatage RFC 3161 (signature PAdES B-T)."), valueName: "url"))
  var horodatage: String?

  @Flag(name: .customLong("forcer"), help: ArgumentHelp(Typography.french("Signer même avec un certificat expiré ou pas encore valide.")))
  var forcer = false

  /// True when credentials were given, i.e. the output must be signed.
  var demandee: Bool { p12 != nil || cle != nil || certificat != nil }

  func validate() throws {
    if p12 != nil && (cle != nil || certificat != nil) {
      throw ValidationError("--p12 et --cle/--certificat s'excluent.")
    }
    if (cle == nil) != (certificat == nil) {
      throw ValidationError("--cle et --certificat vont ensemble.")
    }
    if chaine != nil && cle == nil {
      throw ValidationError("--chaine s'utilise avec --cle et --certificat.")
    }
    if let horodatage, !["http", "https"].contains(URL(string: horodatage)?.scheme?.lowercased() ?? "") {
      throw ValidationError("--horodatage attend une adresse http:// ou https://")
    }
  }

  /// The signature dictionary's options.
  var options: SignatureOptions {
    SignatureOptions(
      name: nom, reason: raison, location: lieu, contactInfo: contact,
      timestampURL: horodatage.flatMap(URL.init(string:)), allowInvalidCertificate: forcer)
  }

  /// Where the credentials come from; `nil` when none were given.
  var source: SigningSource? {
    if let p12 { return .pkcs12(file: URL(fileURLWithPath: p12)) }
    guard let cle, let certificat else { return nil }
    return .pem(
      key: URL(fileURLWithPath: cle), certificate: URL(fileURLWithPath: certificat),
      chain: chaine.map { URL(fileURLWithPath: $0) })
  }

  /// Loads the signing identity (`nil` when no credentials were given); with `demonstration`,
  /// a throw-away demonstration certificate for `organisation`. The password is asked for only
  /// when needed and wiped after use. Thrown errors describe themselves in French.
  func identity(demonstration: Bool = false, organisation: String = "Registre") throws(SigningSetupError)
    -> SigningIdentity?
  {
    let origine: SigningSource
    if demonstration {
      origine = .demonstration(organization: organisation)
    } else if let source {
      origine = source
    } else {
      return nil
    }
    return try SigningIdentity.load(origine, options: options) { try password(obligatoire: true) }
  }

  private func password(obligatoire: Bool) throws -> SecretPassword? {
    if let motDePasseFichier {
      do {
        return try SecretPassword(contentsOf: URL(fileURLWithPath: motDePasseFichier))
      } catch let erreur as BoundedReadError {
        throw CLISigningError("fichier de mot de passe illisible : \(erreur.message)")
      } catch {
        throw CLISigningError("fichier de mot de passe illisible : \(motDePasseFichier)")
      }
    }
    if let variable = getenv("REGISTRE_MOT_DE_PASSE") {
      var bytes = Array(UnsafeBufferPointer(start: variable, count: strlen(variable)).map { UInt8(bitPattern: $0) })
      return SecretPassword(bytes: &bytes)
    }
    if let saisi = MaskedInput.readInput(invite: "Mot de passe : ") { return saisi }
    if obligatoire { throw CLISigningError("mot de passe requis (--mot-de-passe-fichier, REGISTRE_MOT_DE_PASSE ou saisie)") }
    return nil
  }
}

/// A French message for a signing failure.
struct CLISigningError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Reads a password from the terminal without echoing it.
enum MaskedInput {
  /// The same, as text (an account's password, which bcrypt reads as a string).
  static func readText(invite: String) -> String? {
    guard var bytes = readBytes(invite: invite) else { return nil }
    defer { for index in bytes.indices { bytes[index] = 0 } }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func readInput(invite: String) -> SecretPassword? {
    guard var bytes = readBytes(invite: invite) else { return nil }
    return SecretPassword(bytes: &bytes)
  }

  private static func readBytes(invite: String) -> [UInt8]? {
    let terminal = open("/dev/tty", O_RDWR | O_NOCTTY)
    guard terminal >= 0 else { return nil }
    defer { close(terminal) }
    var original = termios()
    guard tcgetattr(terminal, &original) == 0 else { return nil }
    var silent = original
    silent.c_lflag &= ~tcflag_t(ECHO)
    _ = invite.withCString { write(terminal, $0, strlen($0)) }
    tcsetattr(terminal, TCSAFLUSH, &silent)
    defer {
      tcsetattr(terminal, TCSAFLUSH, &original)
      _ = write(terminal, "\n", 1)
    }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while read(terminal, &byte, 1) == 1, byte != 0x0A, byte != 0x0D, bytes.count < 4096 {
      bytes.append(byte)
    }
    byte = 0
    return bytes
  }
}

extension RegistreCommand {
  /// `registre signer IN.pdf --sortie OUT.pdf …`
  struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "signer",
      abstract: Typography.french("Signe un PDF : signature électronique PAdES (B-B, ou B-T avec --horodatage)."),
      discussion: Typography.french("""
        Le PDF d'origine est conservé octet pour octet ; la signature est ajoutée en mise à jour \
        incrémentale, invisible. Le mot de passe n'est jamais lu sur la ligne de commande : \
        --mot-de-passe-fichier, variable REGISTRE_MOT_DE_PASSE, ou saisie masquée.
        Exemple : registre signer registre.pdf --sortie registre-signe.pdf --p12 agent.p12 \
        --raison "Registre des activités de traitement 2026"
        """))

    @Argument(help: ArgumentHelp(Typography.french("PDF à signer."), valueName: "entree.pdf"))
    var entree: String

    @Option(name: .customLong("sortie"), help: ArgumentHelp(Typography.french("PDF signé à créer (ne doit pas déjà exister)."), valueName: "sortie.pdf"))
    var sortie: String

    @OptionGroup var signature: CLISigningOptions

    func validate() throws {
      guard signature.demandee else { throw ValidationError("Indiquez --p12, ou --cle et --certificat.") }
    }

    func run() throws {
      let signed = try WorkflowExit.run {
        () throws(WorkflowError) in
        try SigningWorkflow.signFile(entree, to: sortie) { () throws(SigningSetupError) in
          guard let identity = try signature.identity() else {
            throw SigningSetupError("Indiquez --p12, ou --cle et --certificat.")
          }
          return identity
        }
      }
      Console.printOutput("\(sortie) : signé (\(signed.level)) par \(signed.signer).")
    }
  }
}
