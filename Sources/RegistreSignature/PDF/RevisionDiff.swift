import Foundation

/// One object that the revisions after a signature added, changed or removed, and the judgement on it.
public struct RevisionChange: Codable, Equatable, Sendable {
  public var number: Int
  public var generation: Int
  /// What the object is: its `/Type` (or `champ de signature`, `flux`, `dictionnaire`…).
  public var kind: String
  /// Where the signed revision used it, e.g. « référencé par l'objet 7 0 (Page) sous /Contents ».
  public var role: String?
  /// `ajouté`, `modifié` or `supprimé`.
  public var change: String
  /// True when this is what adding a signature or validation data writes.
  public var allowed: Bool
  /// Why the change is not allowed (French), when it is not.
  public var reason: String?

  /// « objet 12 0 (Page) modifié — référencé par … : raison ».
  public var text: String {
    var line = "objet \(number) \(generation) (\(kind)) \(change)"
    if let role { line += " — \(role)" }
    if let reason { line += " : \(reason)" }
    return line
  }
}

/// Difference analysis between a signed revision and a later state of the same file, in the manner of
/// pyHanko's `difference_analysis` and EU DSS's: every object whose definition differs between the two
/// (whatever the revision or the cross-reference entry that brought it, including an entry of a new
/// section pointing back into the signed bytes — the « shadow » attacks) is compared with its signed
/// version and judged. Allowed: what a further signature writes (its signature dictionary, its field and
/// widget, their appearance, the form's `/Fields` and `/SigFlags`, the page's `/Annots` gaining that
/// widget), a document timestamp, validation data (`/DSS`, `/VRI`), the XMP metadata stream and the Info
/// dictionary's `/Producer` and `/ModDate`. Anything else is a modification after signing.
struct RevisionDiff {
  /// The state the signer saw, and the state a reader sees now.
  let earlier: PDFDocument
  let later: PDFDocument
  private(set) var changes: [RevisionChange] = []
  /// The signed revision cannot be read on its own: nothing can be allowed.
  private(set) var failure: String?

  static let maximumChangedObjects = 20_000
  static let maximumIndexedObjects = 500_000

  var allowed: Bool { failure == nil && changes.allSatisfy(\.allowed) }

  /// Lines for reports: the refused changes first, then the allowed ones.
  var descriptions: [String] {
    var lines: [String] = []
    if let failure { lines.append(failure) }
    lines += changes.filter { !$0.allowed }.map(\.text)
    lines += changes.filter(\.allowed).map(\.text)
    return lines
  }

  /// Compares the file cut at `signedEnd` (the signed revision) with `document` cut at `end`.
  static func analyze(_ document: PDFDocument, signedEnd: Int, until end: Int) -> RevisionDiff {
    let bytes = document.bytes
    let later: PDFDocument
    if end >= bytes.count {
      later = document
    } else if let cut = try? PDFDocument(bytes: Array(bytes[0..<max(0, end)])) {
      later = cut
    } else {
      later = document
    }
    guard signedEnd > 0, signedEnd <= bytes.count, let earlier = try? PDFDocument(bytes: Array(bytes[0..<signedEnd]))
    else {
      var diff = RevisionDiff(earlier: later, later: later)
      diff.failure = "la révision signée ne peut pas être relue seule : modifications impossibles à analyser"
      return diff
    }
    var diff = RevisionDiff(earlier: earlier, later: later)
    diff.run()
    return diff
  }

  private init(earlier: PDFDocument, later: PDFDocument) {
    self.earlier = earlier
    self.later = later
  }

  // MARK: Context shared by the rules

  /// For each object number of the signed revision, the objects of that revision that reference it.
  private var referrers: [Int: [(number: Int, key: String)]] = [:]
  /// Numbers that did not exist (or were free) in the signed revision.
  private var addedNumbers: Set<Int> = []
  private var earlierRoot: Int?
  private var laterRoot: Int?
  private var earlierCatalog = PDFDictionary()
  private var laterCatalog = PDFDictionary()
  private var earlierInfo: Int?
  /// Verdict on the interactive form, computed once (the catalog, the form and its `/Fields` array share it).
  private var formVerdict: String??

  private mutating func run() {
    // Every object number whose cross-reference entry differs between the two states.
    var candidates: Set<Int> = []
    for (number, entry) in later.xref where number != 0 && Self.normalized(entry) != Self.normalized(earlier.xref[number]) {
      candidates.insert(number)
    }
    for (number, entry) in earlier.xref where number != 0 && later.xref[number] == nil && Self.normalized(entry) != .free {
      candidates.insert(number)
    }
    // An object stream of the signed revision that was redefined changes every object it holds.
    for (number, entry) in earlier.xref {
      if case .compressed(let stream, _) = entry, candidates.contains(stream) { candidates.insert(number) }
    }
    guard candidates.count <= Self.maximumChangedObjects else {
      failure = "plus de \(Self.maximumChangedObjects) objets modifiés après la signature"
      return
    }
    earlierRoot = earlier.trailer["Root"]?.referenceValue?.number
    laterRoot = later.trailer["Root"]?.referenceValue?.number
    earlierCatalog = (try? earlier.catalog().1) ?? PDFDictionary()
    laterCatalog = (try? later.catalog().1) ?? PDFDictionary()
    earlierInfo = earlier.trailer["Info"]?.referenceValue?.number
    indexReferences()

    var pending: [(Int, PDFObject, PDFObject)] = []
    for number in candidates.sorted() {
      let before = (try? earlier.object(number)) ?? .null
      let after = (try? later.object(number)) ?? .null
      if before == after { continue }
      if before == .null { addedNumbers.insert(number) }
      pending.append((number, before, after))
    }
    if earlierRoot != laterRoot {
      changes.append(RevisionChange(number: laterRoot ?? 0, generation: 0, kind: "catalogue", role: nil,
        change: "substitué", allowed: false, reason: "le trailer désigne un autre catalogue (/Root) que la révision signée"))
    }
    for (number, before, after) in pending {
      let judged = judge(number, before: before, after: after)
      changes.append(judged)
    }
  }

  static func normalized(_ entry: XrefEntry?) -> XrefEntry {
    guard let entry else { return .free }
    return entry
  }

  /// Builds `referrers` from every object of the signed revision (bounded).
  private mutating func indexReferences() {
    var count = 0
    for (number, entry) in earlier.xref where number != 0 {
      if case .free = entry { continue }
      count += 1
      guard count <= Self.maximumIndexedObjects, let object = try? earlier.object(number) else { continue }
      Self.collectReferences(object, key: "", into: &referrers, from: number, depth: 0)
    }
  }

  private static func collectReferences(
    _ object: PDFObject, key: String, into map: inout [Int: [(number: Int, key: String)]], from number: Int, depth: Int
  ) {
    guard depth < 64 else { return }
    switch object {
    case .reference(let reference):
      map[reference.number, default: []].append((number, key))
    case .array(let items):
      for item in items { collectReferences(item, key: key, into: &map, from: number, depth: depth + 1) }
    case .dictionary(let dictionary), .stream(let dictionary, _):
      for (entryKey, value) in dictionary.entries {
        collectReferences(value, key: entryKey, into: &map, from: number, depth: depth + 1)
      }
    default: break
    }
  }

  // MARK: Judgement

  private mutating func judge(_ number: Int, before: PDFObject, after: PDFObject) -> RevisionChange {
    let generation = generationOf(number)
    let kind = Self.kind(of: after == .null ? before : after)
    let change = before == .null ? "ajouté" : after == .null ? "supprimé" : "modifié"
    var result = RevisionChange(number: number, generation: generation, kind: kind, role: role(of: number),
      change: change, allowed: false, reason: nil)
    result.reason = refusal(number, before: before, after: after)
    result.allowed = result.reason == nil
    return result
  }

  private func generationOf(_ number: Int) -> Int {
    if case .offset(_, let generation)? = later.xref[number] { return generation }
    if case .offset(_, let generation)? = earlier.xref[number] { return generation }
    return 0
  }

  /// Nil when the change is allowed, else why not (French).
  private mutating func refusal(_ number: Int, before: PDFObject, after: PDFObject) -> String? {
    if after == .null {
      return "objet du document signé supprimé"
    }
    // The catalog.
    if number == earlierRoot || number == laterRoot {
      return catalogRefusal()
    }
    // The interactive form dictionary and its /Fields array, direct or not.
    if isFormObject(number) {
      return formRefusal()
    }
    if before == .null {
      return addedRefusal(number, after)
    }
    // The catalog's XMP metadata stream.
    if number == earlierCatalog["Metadata"]?.referenceValue?.number,
      case .stream(let dictionary, _) = after, dictionary["Type"]?.nameValue == "Metadata"
    {
      return nil
    }
    if case .stream(let dictionary, _) = before {
      let type = dictionary["Type"]?.nameValue
      if type == "ObjStm" { return "flux d'objets de la révision signée redéfini" }
      if type == "EmbeddedFile" { return "fichier joint au document signé remplacé" }
      return "flux du document signé remplacé (seules les métadonnées XMP du catalogue peuvent l'être)"
    }
    if case .array(let previous) = before, case .array(let current) = after {
      // An indirect /Annots array.
      return annotationsRefusal(previous: previous, current: current)
    }
    guard let old = before.dictionaryValue, let new = after.dictionaryValue else {
      return "valeur du document signé remplacée"
    }
    if old["Type"]?.nameValue == "Page" || new["Type"]?.nameValue == "Page" {
      guard Self.sameEntries(old, new, ignoring: ["Annots"]) else {
        return "page modifiée (\(Self.differingKeys(old, new, ignoring: ["Annots"]).joined(separator: ", ")))"
      }
      let previous = (try? earlier.resolve(old["Annots"]).arrayValue) ?? []
      let current = (try? later.resolve(new["Annots"]).arrayValue) ?? []
      return annotationsRefusal(previous: previous, current: current)
    }
    if old["FT"]?.nameValue == "Sig" {
      // An empty signature field of the signed revision, now signed.
      if old["V"] != nil, old["V"] != new["V"] { return "signature existante remplacée" }
      guard Self.sameEntries(old, new, ignoring: ["V", "AP", "AS", "Lock", "SV"]) else {
        return "champ de signature modifié (\(Self.differingKeys(old, new, ignoring: ["V", "AP", "AS", "Lock", "SV"]).joined(separator: ", ")))"
      }
      return signedByNewSignature(new) ? nil : "champ de signature modifié sans nouvelle signature"
    }
    if number == earlierInfo {
      return Self.sameEntries(old, new, ignoring: ["Producer", "ModDate"])
        ? nil : "dictionnaire d'information modifié au-delà de /Producer et /ModDate"
    }
    if let type = old["Type"]?.nameValue ?? old["Subtype"]?.nameValue {
      return "objet \(type) du document signé modifié"
    }
    return "objet du document signé modifié"
  }

  /// An object that did not exist in the signed revision.
  private func addedRefusal(_ number: Int, _ object: PDFObject) -> String? {
    if let users = referrers[number], let first = users.first {
      // A dangling reference of the signed revision now filled: it changes what the signed objects show.
      return "comble une référence du document signé (objet \(first.number) sous /\(first.key))"
    }
    guard let dictionary = object.dictionaryValue else { return nil }
    let type = dictionary["Type"]?.nameValue
    if dictionary["FT"]?.nameValue == "Sig" || isSignatureWidget(dictionary) {
      return signatureFieldRefusal(dictionary)
    }
    switch type {
    case "Page"?, "Pages"?: return "nouvelle page ou nouveau nœud de l'arbre des pages"
    case "Catalog"?: return "nouveau catalogue"
    case "EmbeddedFile"?, "Filespec"?: return "nouveau fichier joint"
    case "Annot"?: return "nouvelle annotation (\(dictionary["Subtype"]?.nameValue ?? "sans sous-type"))"
    default: break
    }
    if dictionary["Subtype"]?.nameValue == "Widget" || dictionary["FT"] != nil {
      return "nouveau champ de formulaire qui n'est pas une signature"
    }
    // Anything else is unreachable except through the objects judged above (appearances, DSS, fonts…).
    return nil
  }

  /// Is `number` the old or new catalog's `/AcroForm`, or the old or new form's `/Fields` array?
  private func isFormObject(_ number: Int) -> Bool {
    for (document, catalog) in [(earlier, earlierCatalog), (later, laterCatalog)] {
      if catalog["AcroForm"]?.referenceValue?.number == number { return true }
      if let form = try? document.resolveDictionary(catalog["AcroForm"]),
        form["Fields"]?.referenceValue?.number == number
      {
        return true
      }
    }
    return false
  }

  private mutating func catalogRefusal() -> String? {
    let ignored: Set<String> = ["AcroForm", "DSS", "Extensions", "Version", "Metadata"]
    guard Self.sameEntries(earlierCatalog, laterCatalog, ignoring: ignored) else {
      return "catalogue modifié (\(Self.differingKeys(earlierCatalog, laterCatalog, ignoring: ignored).joined(separator: ", ")))"
    }
    if earlierCatalog["Metadata"] != laterCatalog["Metadata"] {
      guard case .stream(let metadata, _)? = try? later.resolve(laterCatalog["Metadata"]),
        metadata["Type"]?.nameValue == "Metadata"
      else { return "/Metadata du catalogue remplacé par autre chose qu'un flux de métadonnées" }
    }
    return formRefusal()
  }

  /// The form may only gain signature fields.
  private mutating func formRefusal() -> String? {
    if let verdict = formVerdict { return verdict }
    let verdict = computeFormRefusal()
    formVerdict = .some(verdict)
    return verdict
  }

  private func computeFormRefusal() -> String? {
    let old = (try? earlier.resolveDictionary(earlierCatalog["AcroForm"])) ?? nil
    let new = (try? later.resolveDictionary(laterCatalog["AcroForm"])) ?? nil
    guard let new else { return old == nil ? nil : "formulaire (/AcroForm) supprimé" }
    let ignored: Set<String> = ["Fields", "SigFlags", "NeedAppearances", "DR", "DA"]
    guard Self.sameEntries(old ?? PDFDictionary(), new, ignoring: ignored) else {
      return "formulaire modifié (\(Self.differingKeys(old ?? PDFDictionary(), new, ignoring: ignored).joined(separator: ", ")))"
    }
    if new["NeedAppearances"] == .bool(true), old?["NeedAppearances"] != .bool(true) {
      return "/NeedAppearances activé : les lecteurs redessineraient les champs du document signé"
    }
    let previous = (try? earlier.resolve(old?["Fields"]).arrayValue) ?? []
    let current = (try? later.resolve(new["Fields"]).arrayValue) ?? []
    guard previous.allSatisfy({ current.contains($0) }) else { return "champ retiré du formulaire" }
    for field in current where !previous.contains(field) {
      guard let dictionary = try? later.resolveDictionary(field) else { return "champ ajouté illisible" }
      guard dictionary["FT"]?.nameValue == "Sig" else {
        return "champ ajouté au formulaire qui n'est pas une signature (\(dictionary["FT"]?.nameValue ?? "sans type"))"
      }
      if field.referenceValue.map({ !addedNumbers.contains($0.number) }) ?? false {
        // An existing object put in the form: judged as that object, but it must be a signature field.
        continue
      }
      if let reason = signatureFieldRefusal(dictionary) { return reason }
    }
    return nil
  }

  /// A new signature field (or its widget): signed by a new signature, or without any visible appearance.
  private func signatureFieldRefusal(_ dictionary: PDFDictionary) -> String? {
    let field: PDFDictionary
    if dictionary["FT"]?.nameValue == "Sig" {
      field = dictionary
    } else if let parent = try? later.resolveDictionary(dictionary["Parent"]) {
      field = parent
    } else {
      field = dictionary
    }
    if signedByNewSignature(field) { return nil }
    if field["V"] != nil { return "champ de signature dont la valeur n'est pas une nouvelle signature" }
    var widgets: [PDFDictionary] = []
    if field["Subtype"]?.nameValue == "Widget" { widgets.append(field) }
    if dictionary["Subtype"]?.nameValue == "Widget", dictionary != field { widgets.append(dictionary) }
    for kid in ((try? later.resolve(field["Kids"]).arrayValue) ?? []).prefix(1000) {
      if let widget = try? later.resolveDictionary(kid) { widgets.append(widget) }
    }
    if widgets.contains(where: Self.isVisible) {
      return "champ de signature vide avec une apparence visible sur la page"
    }
    return nil
  }

  /// The field's `/V` is a signature dictionary added after the analysed signature (not a copy of an old one).
  private func signedByNewSignature(_ field: PDFDictionary) -> Bool {
    guard let reference = field["V"]?.referenceValue, addedNumbers.contains(reference.number),
      let value = try? later.resolveDictionary(field["V"])
    else { return false }
    let type = value["Type"]?.nameValue
    return type == "Sig" || type == "DocTimeStamp" || (type == nil && value["ByteRange"] != nil)
  }

  private func isSignatureWidget(_ dictionary: PDFDictionary) -> Bool {
    guard dictionary["Subtype"]?.nameValue == "Widget" else { return false }
    if dictionary["FT"]?.nameValue == "Sig" { return true }
    return (try? later.resolveDictionary(dictionary["Parent"]))?["FT"]?.nameValue == "Sig"
  }

  /// A page's annotations may only gain signature widgets that are signed or invisible.
  private func annotationsRefusal(previous: [PDFObject], current: [PDFObject]) -> String? {
    guard previous.allSatisfy({ current.contains($0) }) else { return "annotation retirée de la page" }
    for annotation in current where !previous.contains(annotation) {
      guard let dictionary = try? later.resolveDictionary(annotation) else { return "annotation ajoutée illisible" }
      guard isSignatureWidget(dictionary) else {
        return "annotation ajoutée sur la page (\(dictionary["Subtype"]?.nameValue ?? "sans sous-type"))"
      }
      if annotation.referenceValue.map({ !addedNumbers.contains($0.number) }) ?? false {
        return "annotation existante ajoutée sur la page"
      }
      if let reason = signatureFieldRefusal(dictionary) { return reason }
    }
    return nil
  }

  /// A widget with a non-empty rectangle that is neither hidden nor « no view » (ISO 32000-1 §12.5.3).
  static func isVisible(_ widget: PDFDictionary) -> Bool {
    let flags = widget["F"]?.integerValue ?? 0
    if flags & 2 != 0 || flags & 32 != 0 { return false }
    guard let rect = widget["Rect"]?.arrayValue, rect.count == 4 else { return false }
    let values = rect.map { item -> Double in
      switch item {
      case .integer(let value): return Double(value)
      case .real(let value): return value
      default: return 0
      }
    }
    return abs(values[2] - values[0]) > 0 && abs(values[3] - values[1]) > 0
  }

  // MARK: Descriptions

  static func kind(of object: PDFObject) -> String {
    let dictionary = object.dictionaryValue
    let type = dictionary?["Type"]?.nameValue
    switch object {
    case .stream:
      return "flux" + (type.map { " \($0)" } ?? dictionary?["Subtype"]?.nameValue.map { " \($0)" } ?? "")
    case .dictionary(let value):
      if let type { return type }
      if value["FT"]?.nameValue == "Sig" { return "champ de signature" }
      if value["FT"] != nil { return "champ de formulaire" }
      if value["Fields"] != nil { return "AcroForm" }
      return "dictionnaire"
    case .array: return "tableau"
    case .null: return "vide"
    default: return "valeur"
    }
  }

  private func role(of number: Int) -> String? {
    guard let first = referrers[number]?.first else { return nil }
    let referrer = (try? earlier.object(first.number)) ?? .null
    return "référencé par l'objet \(first.number) (\(Self.kind(of: referrer))) sous /\(first.key)"
  }

  static func sameEntries(_ lhs: PDFDictionary, _ rhs: PDFDictionary, ignoring: Set<String>) -> Bool {
    differingKeys(lhs, rhs, ignoring: ignoring).isEmpty
  }

  static func differingKeys(_ lhs: PDFDictionary, _ rhs: PDFDictionary, ignoring: Set<String>) -> [String] {
    var keys: [String] = []
    for (key, value) in lhs.entries where !ignoring.contains(key) && rhs[key] != value { keys.append("/\(key)") }
    for (key, _) in rhs.entries where !ignoring.contains(key) && lhs[key] == nil { keys.append("/\(key)") }
    return keys
  }
}
