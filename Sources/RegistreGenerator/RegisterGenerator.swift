public import Foundation
public import RegistreModel
import RegistreCatalogue
import RegistreFormats
import RegistreRules
public import RegistreSupport

/// How the generated registers are written: one canonical XML file or one YAML folder per school.
public enum BatchFormat: String, Sendable, CaseIterable {
  case xml, dossier
}

/// What to generate: how many schools, treatments, which seed, how many defects.
public struct GenerationParameters: Sendable, Hashable {
  /// Number of schools (1…19 999: the fictional UAI range).
  public var etablissements: Int
  /// Treatments per school (1…500).
  public var traitements: Int
  public var graine: UInt64
  /// Share (0…1) of treatments and processors that receive one defect the audit finds.
  public var partDefauts: Double
  /// Number of schools written unreadable (malformed file or invalid UAI).
  public var illisibles: Int
  public var format: BatchFormat

  public init(
    etablissements: Int, traitements: Int = 50, graine: UInt64 = 2026, partDefauts: Double = 0.1,
    illisibles: Int = 0, format: BatchFormat = .xml
  ) {
    self.etablissements = etablissements
    self.traitements = traitements
    self.graine = graine
    self.partDefauts = partDefauts
    self.illisibles = illisibles
    self.format = format
  }

  public static let maximumEtablissements = 19_999
  public static let maximumTraitements = 500
}

/// Why generation stopped.
public enum GenerationError: Error, Sendable, Equatable {
  case parametre(String)
  case catalogue(String)
  case destination(String)
  case ecriture(chemin: String, detail: String)

  /// French message for the CLI.
  public var message: String {
    switch self {
    case .parametre(let detail): return detail
    case .catalogue(let detail): return "catalogue illisible : \(detail)"
    case .destination(let detail): return detail
    case .ecriture(let chemin, let detail): return "écriture impossible de « \(chemin) » : \(detail)"
    }
  }
}

/// What was written.
public struct GenerationSummary: Sendable, Hashable {
  public var etablissements: Int
  public var traitements: Int
  public var illisibles: [String]
  public var octets: Int
}

/// Writes realistic, fictional school registers built from the bundled catalogue, at any
/// scale, identical for a given seed on every machine (own PRNG, no clock, no locale).
///
/// Each school draws its own stream from the seed and its index, so school *i* is the same
/// whatever the number of schools, and schools can be generated in parallel.
public struct RegisterGenerator: Sendable {
  public let parametres: GenerationParameters
  /// Catalogue treatments with every placeholder filled, by id.
  let modeles: [Treatment]
  /// Catalogue processors with every placeholder filled, by id.
  let sousTraitants: [String: Processor]
  /// Indexes of the schools written unreadable.
  public let indexIllisibles: Set<Int>

  public init(_ parametres: GenerationParameters) throws(GenerationError) {
    guard (1...GenerationParameters.maximumEtablissements).contains(parametres.etablissements) else {
      throw .parametre(
        "nombre d'établissements hors limites (1 à \(GenerationParameters.maximumEtablissements))")
    }
    guard (1...GenerationParameters.maximumTraitements).contains(parametres.traitements) else {
      throw .parametre("nombre de traitements hors limites (1 à \(GenerationParameters.maximumTraitements))")
    }
    guard parametres.partDefauts >= 0, parametres.partDefauts <= 1 else {
      throw .parametre("part de défauts hors limites (0 à 1)")
    }
    guard (0...parametres.etablissements).contains(parametres.illisibles) else {
      throw .parametre("nombre de registres illisibles hors limites (0 à \(parametres.etablissements))")
    }
    self.parametres = parametres
    do {
      modeles = try Catalogue.allEntries().map { try Completion.treatment($0.traitement) }
      var table: [String: Processor] = [:]
      for modele in try Catalogue.processors() {
        table[modele.id] = try Completion.processor(modele.sousTraitant)
      }
      sousTraitants = table
    } catch let erreur as CatalogueError {
      throw .catalogue(erreur.description)
    } catch {
      throw .catalogue("\(error)")
    }
    // Floyd's sampling: exactly `illisibles` distinct indexes, from the seed alone.
    var tirage = SplitMix64(graine: SplitMix64.mix(parametres.graine, 0x1111))
    var choisis = Set<Int>()
    let n = parametres.etablissements
    for j in (n - parametres.illisibles)..<n {
      let t = tirage.uniform(j + 1)
      choisis.insert(choisis.contains(t) ? j : t)
    }
    indexIllisibles = choisis
  }

  // MARK: Identity

  /// Fictional but well-formed UAI: département « 098 »/« 099 » (none exists), seven digits
  /// and the check letter computed as for real UAI (number modulo 23).
  public static func uai(_ index: Int) -> String {
    let numero = 980_000 + index
    let lettres = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
    let chiffres = String(numero)
    return String(repeating: "0", count: max(0, 7 - chiffres.count)) + chiffres
      + String(lettres[numero % 23])
  }

  /// File or folder name of school `index` inside the lot.
  public func fileName(_ index: Int) -> String {
    let uai = Self.uai(index)
    return parametres.format == .xml ? "\(uai).xml" : uai
  }

  // MARK: One register

  /// The register of school `index` (0-based), in memory.
  public func register(_ index: Int) -> Register {
    var g = SplitMix64(graine: SplitMix64.mix(parametres.graine, UInt64(index) &+ 1))
    let p = parametres.partDefauts
    let genre = Self.schoolCategory(&g)
    let patron = g.element(Names.patrons)
    let ville = g.element(Names.villes)
    let academie = index / 700 + 1
    let uai = Self.uai(index)
    let chef = "\(g.element(Names.prenoms)) \(g.element(Names.noms)) (fictif)"
    var etablissement = School(
      nom: "\(genre.libelle) \(patron), \(ville) (fictif)", uai: uai, type: genre.type,
      adresse: "\(1 + g.uniform(120)) \(g.element(Names.voies)), 00\(100 + g.uniform(900)) \(ville)",
      academie: "Académie fictive n° \(academie)",
      responsableTraitement: Contact(
        nom: chef, fonction: genre.type == .college ? "Principal(e)" : "Proviseur(e)",
        courriel: "ce.\(uai.lowercased())@ac-fictive-\(academie).example"),
      dpd: Contact(
        nom: "Délégué(e) à la protection des données de l'académie fictive n° \(academie)",
        organisme: "Rectorat de l'académie fictive n° \(academie)",
        courriel: "dpd@ac-fictive-\(academie).example"))
    if g.draw(p / 4) { etablissement.dpd = nil }

    var traitements: [Treatment] = []
    for (rang, modele) in chooseTemplates(&g, genre: genre.type).enumerated() {
      var t = modele.traitement
      if modele.variante > 0 {
        let libelle = g.element(Names.variantes)
        t.id = "\(t.id)-\(modele.variante + 1)"
        t.nom = "\(t.nom) — \(libelle)"
      }
      Self.assignDates(&t, &g, rang: rang)
      Self.volumes(&t, &g)
      Self.dpia(&t, &g)
      if g.draw(p) { Self.plantDefect(&t, &g) }
      traitements.append(t)
    }

    var ids: [String] = []
    for t in traitements { for id in t.sousTraitants where !ids.contains(id) { ids.append(id) } }
    let sousTraitants = ids.compactMap { id -> Processor? in
      guard var s = self.sousTraitants[id] else { return nil }
      s.nom = "\(g.element(Names.societes)) (fictif)"
      s.contrat = Article28Contract(
        signe: true, date: Day(annee: 2022 + g.uniform(3), mois: 1 + g.uniform(12), jour: 1 + g.uniform(28)),
        reference: "Contrat de sous-traitance n° \(1000 + g.uniform(9000))")
      if g.draw(p) { s.contrat = g.draw(0.5) ? nil : Article28Contract(signe: false) }
      return s
    }
    // Keep only references to processors that exist (all do, unless the catalogue changes).
    let connus = Set(sousTraitants.map(\.id))
    for i in traitements.indices { traitements[i].sousTraitants.removeAll { !connus.contains($0) } }

    var violations: [Breach] = []
    if g.draw(0.08), let concerne = traitements.first(where: { $0.concerneDesEleves }),
      let decouverte = Day(annee: 2025, mois: 1 + g.uniform(12), jour: 1 + g.uniform(28))
    {
      let tardive = g.draw(p)
      violations.append(
        Breach(
          id: "courriel-mauvais-destinataire", dateDecouverte: decouverte,
          types: [.confidentialite],
          description: "Envoi d'un bulletin à une famille qui n'était pas destinataire (fait fictif).",
          traitements: [concerne.id], personnesConcernees: [DataSubjects(categorie: .elevesMineurs)],
          categoriesDonnees: [.scolarite], volumeEnregistrements: 1, donneesChiffrees: false,
          consequences: "Divulgation limitée de résultats scolaires", risque: tardive ? .risque : .aucun,
          notificationCNIL: Notification(
            faite: false, justification: "Risque jugé faible par le DPD (fiche fictive)"),
          mesures: "Demande d'effacement au destinataire ; rappel de la procédure d'envoi",
          dpdInformeLe: decouverte))
    }
    return Register(
      etablissement: etablissement, traitements: traitements, sousTraitants: sousTraitants,
      violations: violations)
  }

  struct SchoolCategory {
    var type: SchoolKind
    var libelle: String
  }

  static func schoolCategory(_ g: inout SplitMix64) -> SchoolCategory {
    switch g.uniform(100) {
    case 0..<60: return SchoolCategory(type: .college, libelle: "Collège")
    case 60..<85: return SchoolCategory(type: .lycee, libelle: "Lycée")
    case 85..<95: return SchoolCategory(type: .lyceeProfessionnel, libelle: "Lycée professionnel")
    case 95..<99: return SchoolCategory(type: .citeScolaire, libelle: "Cité scolaire")
    default: return SchoolCategory(type: .erea, libelle: "EREA")
    }
  }

  /// The common set first (what almost every school runs), then other catalogue entries,
  /// then variants of the entries a school keeps several of (apps, projects, trips).
  func chooseTemplates(
    _ g: inout SplitMix64, genre: SchoolKind
  ) -> [(traitement: Treatment, variante: Int)] {
    let n = parametres.traitements
    let parId = Dictionary(modeles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var communs = Catalogue.ensembleCommun.compactMap { parId[$0] }
    g.shuffle(&communs)
    var autres = modeles.filter { !Catalogue.ensembleCommun.contains($0.id) }
    if genre == .college { autres.removeAll { $0.id == "parcoursup" } }
    g.shuffle(&autres)
    var choix = (communs + autres.prefix(max(0, min(autres.count, n - communs.count) - g.uniform(4))))
      .prefix(n).map { ($0, 0) }
    let repetables = ["applications-hors-gar", "projets-medias", "sorties-voyages", "ia-generative"]
      .compactMap { parId[$0] }
    var compteurs: [String: Int] = [:]
    while choix.count < n, !repetables.isEmpty {
      let modele = g.element(repetables)
      let k = compteurs[modele.id, default: 0] + 1
      compteurs[modele.id] = k
      choix.append((modele, k))
    }
    while choix.count < n {  // Only if the catalogue lost its repeatable entries.
      let modele = g.element(modeles)
      let k = compteurs[modele.id, default: 0] + 1
      compteurs[modele.id] = k
      choix.append((modele, k))
    }
    return choix.map { (traitement: $0.0, variante: $0.1) }
  }

  static func assignDates(_ t: inout Treatment, _ g: inout SplitMix64, rang: Int) {
    let creation = Day(annee: 2019 + g.uniform(5), mois: 1 + g.uniform(12), jour: 1 + g.uniform(28))
    let miseAJour = Day(annee: 2024 + g.uniform(2), mois: 1 + g.uniform(12), jour: 1 + g.uniform(28))
    t.statut = .valide
    t.dateCreation = creation
    t.derniereMiseAJour = miseAJour
    if var info = t.information {
      info.noticeExistante = true
      info.date = miseAJour
      if info.moyen == nil { info.moyen = "Notice publiée sur l'ENT et remise aux familles" }
      t.information = info
    } else if t.responsable.type != .ministere {
      t.information = Information(
        noticeExistante: true, date: miseAJour, moyen: "Notice publiée sur l'ENT et remise aux familles")
    }
  }

  static func volumes(_ t: inout Treatment, _ g: inout SplitMix64) {
    for i in t.personnesConcernees.indices where t.personnesConcernees[i].volume == nil {
      switch t.personnesConcernees[i].categorie {
      case .elevesMineurs, .responsablesLegaux: t.personnesConcernees[i].volume = 300 + g.uniform(1200)
      case .elevesMajeurs: t.personnesConcernees[i].volume = 20 + g.uniform(400)
      case .personnels: t.personnesConcernees[i].volume = 30 + g.uniform(150)
      default: break
      }
    }
  }

  /// A school that keeps its register does the DPIAs the screening asks for.
  static func dpia(_ t: inout Treatment, _ g: inout SplitMix64) {
    guard t.responsable.type != .ministere, DPIAScreening.screen(t).required else { return }
    switch t.aipd?.statut {
    case .realisee:
      t.aipd?.date = t.derniereMiseAJour
    case .enCours: return
    default:
      // Made (or reviewed) after the treatment's last change, as the rules expect.
      t.aipd = DPIA(
        statut: .realisee, date: t.derniereMiseAJour,
        conclusion: "Risques résiduels jugés acceptables après mesures (AIPD fictive)")
    }
  }

  /// One defect the audit is expected to find, of a kind a real register has.
  static func plantDefect(_ t: inout Treatment, _ g: inout SplitMix64) {
    let cible = t.logiciel ?? t.nom
    switch g.uniform(8) {
    case 0: t.baseLegale = nil
    case 7:
      if t.aipd?.statut == .realisee { t.aipd = nil } else { t.baseLegale = nil }
    case 1:
      if t.donnees.isEmpty { t.baseLegale = nil } else { t.donnees[g.uniform(t.donnees.count)].conservation = nil }
    case 2:
      t.information = nil
      t.responsable.noticeOfficielle = nil
    case 3:
      t.flux.append(
        Flow(
          de: "Poste du secrétariat", vers: cible, canal: .http, chiffrementTransit: false,
          donnees: t.donnees.prefix(1).map(\.categorie)))
    case 4:
      t.flux.append(
        Flow(
          de: "Poste d'administration", vers: cible, canal: .https, versionsTLS: [.tls12],
          chiffrementTransit: true, mfa: false, accesAdministrateur: true))
    case 5:
      t.transferts.append(
        Transfer(destinataire: "Support technique de l'éditeur (fictif)", pays: "US", garantie: .aucune))
    default:
      t.flux.append(
        Flow(
          de: "Établissement", vers: cible, canal: .https, versionsTLS: [.tls10, .tls12],
          chiffrementTransit: true))
    }
  }

  // MARK: Writing a lot

  /// Writes every school into `dossier` (created if missing; refused if it holds anything),
  /// in parallel on all cores.
  @discardableResult
  public func write(dans dossier: URL, progress: ProgressReport? = nil) throws(GenerationError) -> GenerationSummary {
    let gestionnaire = FileManager.default
    var estDossier: ObjCBool = false
    if gestionnaire.fileExists(atPath: dossier.path, isDirectory: &estDossier) {
      guard estDossier.boolValue else { throw .destination("« \(dossier.path) » existe et n'est pas un dossier") }
      let contenu = (try? gestionnaire.contentsOfDirectory(atPath: dossier.path)) ?? []
      guard contenu.isEmpty else {
        throw .destination("le dossier « \(dossier.path) » n'est pas vide : choisir un dossier neuf")
      }
    } else {
      do {
        try gestionnaire.createDirectory(at: dossier, withIntermediateDirectories: true)
      } catch {
        throw .ecriture(chemin: dossier.path, detail: "création du dossier impossible")
      }
    }
    let n = parametres.etablissements
    let travailleurs = max(1, min(ProcessInfo.processInfo.activeProcessorCount, n))
    let etat = WriteState()
    let compteur = ProgressCounter("Génération des registres", total: n, report: progress)
    DispatchQueue.concurrentPerform(iterations: travailleurs) { _ in
      while let index = etat.nextIndex(limite: n) {
        do throws(GenerationError) {
          let octets = try writeOne(index, dans: dossier)
          etat.add(octets: octets)
          compteur.advance()
        } catch {
          etat.fail(error)
          return
        }
      }
    }
    if let erreur = etat.erreur { throw erreur }
    return GenerationSummary(
      etablissements: n, traitements: n * parametres.traitements,
      illisibles: indexIllisibles.sorted().map(fileName), octets: etat.octets)
  }

  /// Writes school `index`; returns the bytes written (XML) or 0 (folder).
  func writeOne(_ index: Int, dans dossier: URL) throws(GenerationError) -> Int {
    var registre = register(index)
    let illisible = indexIllisibles.contains(index)
    // Every other unreadable school is well-formed but invalid (bad UAI), the others are cut.
    let uaiInvalide = illisible && indexIllisibles.filter { $0 < index }.count % 2 == 1
    if uaiInvalide { registre.etablissement.uai = "UAI-\(index)" }
    let cible = dossier.appendingPathComponent(fileName(index))
    switch parametres.format {
    case .xml:
      var donnees: Data
      do {
        donnees = try RegisterXML.xmlData(registre)
      } catch {
        throw .ecriture(chemin: cible.path, detail: "sérialisation XML impossible : \(error)")
      }
      if illisible && !uaiInvalide { donnees = donnees.prefix(donnees.count / 2) }
      try writeFile(donnees, cible)
      return donnees.count
    case .dossier:
      do {
        try RegisterWriter.writeFolder(registre, dans: cible)
      } catch {
        throw .ecriture(chemin: cible.path, detail: "\(error)")
      }
      if illisible && !uaiInvalide, let premier = registre.traitements.first {
        let fichier = cible.appendingPathComponent("traitements/\(premier.id).yaml")
        try writeFile(Data("id: \(premier.id)\nnom: [liste non fermée\n".utf8), fichier, replace: true)
      }
      return 0
    }
  }

  private func writeFile(_ donnees: Data, _ url: URL, replace: Bool = false) throws(GenerationError) {
    do {
      try AtomicFile.write(donnees, to: url, permissions: 0o644, existing: replace ? .replace : .refuse)
    } catch {
      throw .ecriture(chemin: url.path, detail: "\(error)")
    }
  }
}

/// Shared between the writing threads: next index, bytes written, first error.
private final class WriteState: @unchecked Sendable {
  private let verrou = NSLock()
  private var suivant = 0
  private(set) var octets = 0
  private(set) var erreur: GenerationError?

  func nextIndex(limite: Int) -> Int? {
    verrou.lock()
    defer { verrou.unlock() }
    guard erreur == nil, suivant < limite else { return nil }
    suivant += 1
    return suivant - 1
  }

  func add(octets n: Int) {
    verrou.lock()
    octets += n
    verrou.unlock()
  }

  func fail(_ e: GenerationError) {
    verrou.lock()
    if erreur == nil { erreur = e }
    verrou.unlock()
  }
}

