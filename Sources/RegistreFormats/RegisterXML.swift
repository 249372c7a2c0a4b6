public import Foundation
import RegistreSupport
public import RegistreModel
import RegistreXML

/// The canonical XML form of a register: model ⇄ XML, guided by the format
/// descriptor (element names are the YAML keys).
public enum RegisterXML {
  static let racines: [(conteneur: String, element: String, type: RecordType)] = [
    ("traitements", "traitement", Format.traitement),
    ("sous_traitants", "sous_traitant", Format.sousTraitant),
    ("violations", "violation", Format.violation),
    ("actions", "action", Format.action),
    ("demandes", "demande", Format.demande),
  ]

  /// Serialises a register to canonical, deterministic XML bytes.
  public static func xmlData(_ registre: Register) throws -> Data {
    try XMLWriter.data(for: tree(registre))
  }

  /// One record (a tool sheet…) as an XML document whose root is `racine`.
  public static func record<T: Encodable>(_ valeur: T, racine: String, type: RecordType) throws -> Data {
    try XMLWriter.data(for: element(racine, Value.from(valeur, type: type), genre: .objet(type)))
  }

  /// The XML element tree of a register.
  static func tree(_ registre: Register) throws -> XMLElementNode {
    let ns = Format.espaceDeNoms
    var enfants = [element("etablissement", try Value.from(registre.etablissement, type: Format.etablissement), genre: .objet(Format.etablissement))]
    let listes: [[any Encodable]] = [
      registre.traitements, registre.sousTraitants, registre.violations, registre.actions, registre.demandes,
    ]
    for (racine, elements) in zip(racines, listes) where !elements.isEmpty {
      let items = try elements.map { try element(racine.element, Value.from(EncodableBox($0), type: racine.type), genre: .objet(racine.type)) }
      enfants.append(XMLElementNode(name: racine.conteneur, namespace: ns, children: items))
    }
    return XMLElementNode(
      name: "registre", namespace: ns, attributes: [XMLAttribute(name: "version", value: "\(Register.versionFormat)")],
      children: enfants)
  }

  private static func element(_ nom: String, _ valeur: Value, genre: FieldKind) -> XMLElementNode {
    let ns = Format.espaceDeNoms
    switch (valeur, genre) {
    case (.objet(let paires), .objet(let type)):
      let enfants = paires.compactMap { cle, v -> XMLElementNode? in
        guard let champ = type.field(cle) else { return nil }
        return element(cle, v, genre: champ.genre)
      }
      return XMLElementNode(name: nom, namespace: ns, children: enfants)
    case (.liste(let items), .liste(let genreElement, let nomElement)):
      return XMLElementNode(name: nom, namespace: ns, children: items.map { element(nomElement, $0, genre: genreElement) })
    case (.texte(let s), _): return XMLElementNode(name: nom, namespace: ns, text: s)
    case (.entier(let n), _): return XMLElementNode(name: nom, namespace: ns, text: "\(n)")
    case (.booleen(let b), _): return XMLElementNode(name: nom, namespace: ns, text: b ? "true" : "false")
    default: return XMLElementNode(name: nom, namespace: ns)
    }
  }

  /// The XSD bytes, generated once per process from the descriptor.
  private static let xsd = Data(SchemaXSD.text().utf8)
  private static let cleCache = "fr.registre.formats.schema"

  /// The compiled schema, compiled once per thread: a batch loads registers
  /// on several threads, and libxml2 schemas are kept to one thread here
  /// (`XMLSchema` is not `Sendable`). A thread's dictionary dies with it.
  static func schema() throws(XMLError) -> XMLSchema {
    let dictionnaire = Thread.current.threadDictionary
    if let compile = dictionnaire[cleCache] as? XMLSchema { return compile }
    let compile = try XMLSchema(xsd: xsd, name: "registre.xsd")
    dictionnaire[cleCache] = compile
    return compile
  }
}

/// Type-erasing box so that heterogeneous arrays can be encoded.
private struct EncodableBox: Encodable {
  let valeur: any Encodable
  init(_ valeur: any Encodable) { self.valeur = valeur }
  func encode(to encoder: any Encoder) throws { try valeur.encode(to: encoder) }
}

extension RegisterLoading {
  /// Loads a canonical XML register: safe parse (no DTD), XSD validation,
  /// then the same checks as for a folder.
  public static func loadXML(_ url: URL) throws(LoadFailure) -> LoadedRegister {
    let fichier = url.lastPathComponent
    let donnees: Data
    do {
      donnees = try BoundedFile.read(url, limit: XMLDocument.maximumInputSize)
    } catch {
      throw LoadFailure(diagnostics: [Diagnostic(Location(fichier: fichier), RegisterLoading.explanation(error))])
    }
    return try loadXML(donnees, nom: fichier, source: url)
  }

  /// Loads a canonical XML register from bytes (e.g. extracted from a PDF).
  public static func loadXML(_ donnees: Data, nom fichier: String, source: URL) throws(LoadFailure) -> LoadedRegister {
    let document: XMLDocument
    do {
      document = try XMLDocument.parse(data: donnees, name: fichier)
    } catch {
      throw LoadFailure(diagnostics: diagnosticsXML(error, fichier: fichier))
    }
    let problemesSchema: [XMLDiagnostic]
    do {
      problemesSchema = try RegisterXML.schema().validate(document)
    } catch {
      throw LoadFailure(diagnostics: [Diagnostic(Location(fichier: "registre.xsd"), "schéma interne invalide : \(error)")])
    }
    if !problemesSchema.isEmpty {
      throw LoadFailure(diagnostics: problemesSchema.map {
        Diagnostic(
          Location(fichier: fichier, ligne: $0.line, colonne: $0.column, champ: $0.path),
          "non conforme au schéma (registre.xsd) : \(abbreviate($0.message))")
      })
    }
    guard let racine = document.rootElement() else {
      throw LoadFailure(diagnostics: [Diagnostic(Location(fichier: fichier), "document sans élément racine")])
    }
    var lecteur = XMLTreeReader(fichier: fichier)
    let registre = lecteur.register(racine)
    guard let registre, lecteur.diagnostics.isEmpty else {
      throw LoadFailure(diagnostics: lecteur.diagnostics)
    }
    let emplacements = RegisterLocations(table: lecteur.emplacements)
    let problemes = RegisterCheck.check(registre, emplacements: emplacements)
    guard problemes.isEmpty else { throw LoadFailure(diagnostics: problemes) }
    return LoadedRegister(registre: registre, source: source, emplacements: emplacements)
  }

  /// libxml2's XSD messages in French, for the common cases; the list of
  /// allowed values (249 countries…) is left to docs/format.md.
  static func abbreviate(_ message: String) -> String {
    let texte = message.trimmingCharacters(in: .whitespacesAndNewlines)
    let element = firstMatch(texte, #"Element '\{[^}]*\}([^']+)'"#).map { "élément <\($0)> : " } ?? ""
    let valeur = firstMatch(texte, #"The value '([^']*)'"#) ?? firstMatch(texte, #"'([^']*)' is not a valid value"#)
    let attendus = firstMatch(texte, #"Expected is (?:one of )?\( ?([^)]*?) ?\)"#)?
      .replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
    if texte.contains("[facet 'enumeration']"), let valeur {
      return element + "valeur « \(valeur) » non permise (voir docs/format.md)"
    }
    if texte.contains("[facet 'pattern']"), let valeur {
      return element + "valeur « \(valeur) » qui n'a pas la forme attendue (voir docs/format.md)"
    }
    if texte.contains("This element is not expected") {
      return element + "élément inattendu à cet endroit" + (attendus.map { " ; attendu : \($0)" } ?? "")
    }
    if texte.contains("Missing child element") {
      return element + "élément(s) obligatoire(s) manquant(s)" + (attendus.map { " : \($0)" } ?? "")
    }
    if texte.contains("is not a valid value of the atomic type"), let valeur {
      return element + "valeur « \(valeur) » du mauvais type (voir docs/format.md)"
    }
    if texte.contains("[facet 'minLength']") || texte.contains("[facet 'maxLength']") {
      return element + "longueur de texte non permise"
    }
    if texte.contains("No matching global declaration") {
      return "élément racine inconnu (attendu : <registre> dans l'espace de noms \(Format.espaceDeNoms))"
    }
    return texte
  }

  private static func firstMatch(_ texte: String, _ motif: String) -> String? {
    guard let expression = try? NSRegularExpression(pattern: motif),
      let trouve = expression.firstMatch(in: texte, range: NSRange(texte.startIndex..., in: texte)),
      trouve.numberOfRanges > 1, let plage = Range(trouve.range(at: 1), in: texte)
    else { return nil }
    return String(texte[plage])
  }

  static func diagnosticsXML(_ erreur: XMLError, fichier: String) -> [Diagnostic] {
    switch erreur {
    case .emptyInput:
      return [Diagnostic(Location(fichier: fichier), "le fichier est vide", attendu: "un document XML <registre>")]
    case .inputTooLarge(let taille, let limite):
      return [Diagnostic(Location(fichier: fichier), "le fichier est trop grand (\(taille) octets, au plus \(limite))")]
    case .doctypeForbidden(let ligne, let colonne):
      return [Diagnostic(
        Location(fichier: fichier, ligne: ligne, colonne: colonne),
        "déclaration <!DOCTYPE> refusée (entités et DTD sont interdites)", attendu: "un document sans DOCTYPE")]
    case .malformed(let liste):
      let premier = liste.first
      return [Diagnostic(
        Location(fichier: fichier, ligne: premier?.line, colonne: premier?.column),
        "XML mal formé : \(premier?.message.trimmingCharacters(in: .whitespacesAndNewlines) ?? "erreur inconnue")")]
    default:
      return [Diagnostic(Location(fichier: fichier), "XML illisible : \(erreur)")]
    }
  }
}

/// Reads a single XML record (e.g. a tool sheet `<fiche_outil>`) described in
/// the format: safe parse, the schema, then the same value checks as YAML.
public enum XMLFileReading {
  public static func read<T: Decodable>(
    _ donnees: Data, fichier: String, type: RecordType, en modele: T.Type
  ) throws(LoadFailure) -> T {
    let document: XMLDocument
    do {
      document = try XMLDocument.parse(data: donnees, name: fichier)
    } catch {
      throw LoadFailure(diagnostics: RegisterLoading.diagnosticsXML(error, fichier: fichier))
    }
    let problemes: [XMLDiagnostic]
    do {
      problemes = try RegisterXML.schema().validate(document)
    } catch {
      throw LoadFailure(diagnostics: [Diagnostic(Location(fichier: "registre.xsd"), "schéma interne invalide : \(error)")])
    }
    guard problemes.isEmpty else {
      throw LoadFailure(diagnostics: problemes.map {
        Diagnostic(
          Location(fichier: fichier, ligne: $0.line, colonne: $0.column, champ: $0.path),
          "non conforme au schéma (registre.xsd) : \(RegisterLoading.abbreviate($0.message))")
      })
    }
    guard let racine = document.rootElement() else {
      throw LoadFailure(diagnostics: [Diagnostic(Location(fichier: fichier), "document sans élément racine")])
    }
    var lecteur = XMLTreeReader(fichier: fichier)
    let valeur = lecteur.record(racine, type: type)
    var diagnostics = lecteur.diagnostics
    guard diagnostics.isEmpty, let resultat = RegisterLoading.decoder(valeur, T.self, fichier: fichier, into: &diagnostics)
    else { throw LoadFailure(diagnostics: diagnostics) }
    return resultat
  }
}

/// Turns a schema-valid XML tree into model values, recording element lines.
struct XMLTreeReader {
  let fichier: String
  var diagnostics: [Diagnostic] = []
  var emplacements: [String: Location] = [:]

  init(fichier: String) { self.fichier = fichier }

  mutating func register(_ racine: XMLElementNode) -> Register? {
    guard let noeudEtablissement = racine.child(named: "etablissement") else { return nil }
    // Nearly every element gets a location: sized once rather than grown by rehashing.
    emplacements.reserveCapacity(Self.elementCount(racine))
    let vEtablissement = readValue(noeudEtablissement, genre: .objet(Format.etablissement), cle: "etablissement", chemin: "")
    var traitements: [Treatment] = []
    var sousTraitants: [Processor] = []
    var violations: [Breach] = []
    var actions: [PlannedAction] = []
    var demandes: [RightsRequest] = []
    for racineListe in RegisterXML.racines {
      for noeud in racine.child(named: racineListe.conteneur)?.children(named: racineListe.element) ?? [] {
        let id = noeud.child(named: "id")?.text ?? "?"
        let dossier = racineListe.conteneur == "sous_traitants" ? "sous-traitants" : racineListe.conteneur
        let cle = "\(dossier)/\(id)"
        let v = readValue(noeud, genre: .objet(racineListe.type), cle: cle, chemin: "")
        diagnostics += RegisterLoading.markers(v, fichier: fichier, cle: cle, table: emplacements)
        switch racineListe.conteneur {
        case "traitements": RegisterLoading.decoder(v, Treatment.self, fichier: fichier, into: &diagnostics).map { traitements.append($0) }
        case "sous_traitants": RegisterLoading.decoder(v, Processor.self, fichier: fichier, into: &diagnostics).map { sousTraitants.append($0) }
        case "actions": RegisterLoading.decoder(v, PlannedAction.self, fichier: fichier, into: &diagnostics).map { actions.append($0) }
        case "demandes": RegisterLoading.decoder(v, RightsRequest.self, fichier: fichier, into: &diagnostics).map { demandes.append($0) }
        default: RegisterLoading.decoder(v, Breach.self, fichier: fichier, into: &diagnostics).map { violations.append($0) }
        }
      }
    }
    diagnostics += RegisterLoading.markers(vEtablissement, fichier: fichier, cle: "etablissement", table: emplacements)
    guard let etablissement = RegisterLoading.decoder(vEtablissement, School.self, fichier: fichier, into: &diagnostics) else {
      return nil
    }
    return Register(
      etablissement: etablissement, traitements: traitements, sousTraitants: sousTraitants, violations: violations,
      actions: actions, demandes: demandes)
  }

  private static func elementCount(_ noeud: XMLElementNode) -> Int {
    noeud.children.reduce(1) { $0 + elementCount($1) }
  }

  /// One record read on its own (its root element is the record).
  mutating func record(_ noeud: XMLElementNode, type: RecordType) -> Value {
    readValue(noeud, genre: .objet(type), cle: type.nom, chemin: "")
  }

  private mutating func readValue(_ noeud: XMLElementNode, genre: FieldKind, cle: String, chemin: String) -> Value {
    let ici = Location(fichier: fichier, ligne: noeud.line > 0 ? noeud.line : nil, champ: chemin.isEmpty ? nil : chemin)
    emplacements[chemin.isEmpty ? cle : "\(cle)/\(chemin)"] = ici
    switch genre {
    case .objet(let type):
      var paires: [(String, Value)] = []
      for champ in type.champs {
        if let enfant = noeud.child(named: champ.cle) {
          let cheminChamp = chemin.isEmpty ? champ.cle : "\(chemin).\(champ.cle)"
          paires.append((champ.cle, readValue(enfant, genre: champ.genre, cle: cle, chemin: cheminChamp)))
        } else if case .liste = champ.genre {
          paires.append((champ.cle, .liste([])))
        }
      }
      return .objet(paires)
    case .liste(let genreElement, let nomElement):
      return .liste(noeud.children(named: nomElement).enumerated().map {
        readValue($1, genre: genreElement, cle: cle, chemin: "\(chemin)[\($0)]")
      })
    default:
      if case .duree = genre, let duree = TimeSpan(texte: noeud.text) { return .texte(duree.description) }
      if let probleme = YAMLReader.checkScalar(noeud.text, genre: genre) {
        diagnostics.append(Diagnostic(ici, probleme, attendu: genre.attendu))
      }
      switch genre {
      case .entier: return .entier(Int(noeud.text) ?? 0)
      case .booleen: return .booleen(noeud.text == "true")
      case .duree: return .texte(TimeSpan(texte: noeud.text)?.description ?? noeud.text)
      default: return .texte(noeud.text)
      }
    }
  }
}
