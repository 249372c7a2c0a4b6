public import Foundation
public import RegistreFormats
public import RegistreModel

/// Loading the register every job starts from.
public enum RegisterInput {
  /// Loads a register folder or canonical XML file; a register with any diagnostic is refused.
  public static func load(_ path: String) throws(WorkflowError) -> RegistreCharge {
    do {
      return try ChargementRegistre.charger(URL(fileURLWithPath: path))
    } catch {
      throw .invalidRegister(error.diagnostics)
    }
  }

  /// The register's canonical XML, which the templates read and the register PDF embeds.
  public static func canonicalXML(_ registre: Registre) throws(WorkflowError) -> Data {
    do {
      return try XMLRegistre.donnees(registre)
    } catch {
      throw WorkflowError(.failed, "Impossible de produire le XML canonique du registre : \(error).")
    }
  }

  /// Today in the machine's time zone: front ends may read the clock, the rules never do.
  public static func today() -> Jour? {
    let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
    guard let year = c.year, let month = c.month, let day = c.day else { return nil }
    return Jour(annee: year, mois: month, jour: day)
  }

  /// `date` as `AAAA-MM-JJ`, or today when `nil`.
  public static func day(_ date: String?) throws(WorkflowError) -> Jour {
    if let date {
      guard let day = Jour(iso: date) else {
        throw WorkflowError(.failed, "Erreur : date « \(date) » invalide (attendu : AAAA-MM-JJ).")
      }
      return day
    }
    guard let day = today() else {
      throw WorkflowError(.failed, "Erreur : date du jour illisible ; indiquer --date AAAA-MM-JJ.")
    }
    return day
  }
}
