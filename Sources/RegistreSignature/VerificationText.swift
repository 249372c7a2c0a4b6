public import Foundation

extension DocumentVerification {
  /// The French report of `registre verifier` and of the web application.
  public var text: String {
    var lines: [String] = []
    let count = signatures.count
    lines.append("\(file ?? "document") : \(count == 0 ? "aucune signature" : count == 1 ? "1 signature" : "\(count) signatures")")
    for (index, signature) in signatures.enumerated() {
      lines.append("")
      lines.append("  Signature \(index + 1)\(signature.fieldName.map { " (\($0))" } ?? "") — \(signature.level ?? signature.subFilter ?? "format inconnu") — \(signature.valid ? "VALIDE" : "NON VALIDE")")
      if let signer = signature.signer {
        lines.append("    Signataire   : \(signer.subject)")
        lines.append("    Émetteur     : \(signer.issuer)")
        lines.append("    N° de série  : \(signer.serialNumber)")
        lines.append("    Validité     : du \(Self.utc(signer.notBefore)) au \(Self.utc(signer.notAfter))")
      }
      if let name = signature.name { lines.append("    Nom          : \(name)") }
      if let reason = signature.reason { lines.append("    Motif        : \(reason)") }
      if let location = signature.location { lines.append("    Lieu         : \(location)") }
      lines.append("    Date déclarée (/M) : \(Self.utc(signature.claimedSigningTime))")
      if let timestamp = signature.timestamp {
        lines.append("    Horodatage   : \(Self.utc(timestamp.time)) — \(timestamp.valid ? "vérifié" : "NON vérifié")\(timestamp.authority.map { " (\($0))" } ?? "")")
      } else {
        lines.append("    Horodatage   : aucun")
      }
      lines.append("    Intégrité    : \(signature.intact ? "octets signés intacts" : "CONTENU MODIFIÉ")")
      lines.append("    Couverture   : \(signature.coversWholeFile ? "tout le document" : signature.coversRevision ? "sa révision (le fichier a été complété ensuite)" : "INCOMPLÈTE")")
      lines.append("    Confiance    : \(signature.trusted ? "chaîne reconnue (au \(Self.utc(signature.chainCheckedAt)))" : "NON reconnue")")
      for problem in signature.problems { lines.append("    ! \(problem)") }
      if let changes = signature.laterChanges {
        let verdict = signature.laterChangesOnlySignatures == true
          ? "signatures ou données de validation ajoutées ensuite, rien d'autre"
          : "MODIFIÉ APRÈS SIGNATURE (au-delà de l'ajout de signatures ou de données de validation)"
        lines.append("    Révisions suivantes : \(verdict) (\(changes.count) objets)")
        if signature.laterChangesOnlySignatures != true {
          for change in changes.prefix(30) { lines.append("      - \(change)") }
          if changes.count > 30 { lines.append("      - … (\(changes.count - 30) de plus)") }
        }
      }
    }
    if let appended = appendedAfterLastSignature {
      lines.append("")
      lines.append(appended.onlyValidationData
        ? "  \(appended.bytes) octets ajoutés après la dernière signature : données de validation (DSS), métadonnées :"
        : "  ! \(appended.bytes) octets ajoutés après la dernière signature, non signés :")
      for object in appended.objects.prefix(30) { lines.append("    - \(object)") }
      if appended.objects.count > 30 { lines.append("    - … (\(appended.objects.count - 30) de plus)") }
    }
    lines.append("")
    lines.append(valid ? "  Résultat : toutes les signatures sont valides et reconnues." : "  Résultat : NON VALIDE.")
    return lines.joined(separator: "\n")
  }

  /// `dd/MM/yyyy HH:mm:ss UTC` from a fixed Gregorian calendar: a `DateFormatter` would load ICU's
  /// locale data for a format that has no words in it.
  public static func utc(_ date: Date?) -> String {
    guard let date else { return "inconnue" }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func twoDigits(_ value: Int?) -> String {
      let value = value ?? 0
      return value < 10 ? "0\(value)" : "\(value)"
    }
    let year = String(parts.year ?? 1970)
    let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
    return "\(twoDigits(parts.day))/\(twoDigits(parts.month))/\(paddedYear) \(twoDigits(parts.hour)):\(twoDigits(parts.minute)):\(twoDigits(parts.second)) UTC"
  }
}
