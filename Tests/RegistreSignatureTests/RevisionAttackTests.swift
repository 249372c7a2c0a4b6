import Foundation
import Testing

@testable import RegistreSignature

/// Appends a hand-written revision to `file`: each of `objects` (number, body) at a new offset, each of
/// `remap` (number, offset) pointing at bytes already in the file, then a classic cross-reference table and
/// a trailer whose `/Prev` is the previous section. This is what an attacker writes with a text editor.
func appendRevision(_ file: [UInt8], objects: [(Int, PDFObject)] = [], remap: [(Int, Int)] = []) throws -> [UInt8] {
  let document = try PDFDocument(bytes: file)
  var output = file
  if output.last != 0x0A { output.append(0x0A) }
  var entries = remap
  for (number, body) in objects {
    entries.append((number, output.count))
    output += Array("\(number) 0 obj\n".utf8) + body.serialized() + Array("\nendobj\n".utf8)
  }
  let xref = output.count
  output += Array("xref\n0 1\n0000000000 65535 f\r\n".utf8)
  for (number, offset) in entries.sorted(by: { $0.0 < $1.0 }) {
    let digits = String(offset)
    output += Array("\(number) 1\n\(String(repeating: "0", count: 10 - digits.count))\(digits) 00000 n\r\n".utf8)
  }
  var trailer = PDFDictionary()
  let size = max(document.trailer["Size"]?.integerValue ?? 0, (entries.map(\.0).max() ?? 0) + 1)
  trailer["Size"] = .integer(size)
  trailer["Root"] = document.trailer["Root"]
  trailer["Info"] = document.trailer["Info"]
  trailer["ID"] = document.trailer["ID"]
  trailer["Prev"] = .integer(document.startXref)
  output += Array("trailer\n".utf8) + PDFObject.dictionary(trailer).serialized()
  output += Array("\nstartxref\n\(xref)\n%%EOF\n".utf8)
  return output
}

/// pyHanko's verdict on a crafted file: `accepted` when its exit status is 0 and its summary has no
/// modification beyond signatures and validation data.
struct PyHankoOpinion {
  var status: Int32
  var output: String
  /// pyHanko's bottom line: it judged every signature valid and the later changes harmless.
  var accepted: Bool { status == 0 && !output.contains("SUSPECT") && !output.contains("INVALID") }
}

func pyhankoOpinion(_ bytes: [UInt8], _ name: String, _ fixtures: Fixtures) throws -> PyHankoOpinion {
  let file = try fixtures.write(Data(bytes), name)
  let result = try fixtures.pyhankoValidate(file)
  // A missing pyHanko must fail the test, never pass it.
  try #require(!result.output.contains("No such file") && !result.output.contains("not found"),
    "pyHanko introuvable (scripts/dependances.sh test) : \(result.output)")
  // REGISTRE_PYHANKO_JOURNAL=file keeps pyHanko's answers, for the table in docs/signatures.md.
  if let journal = ProcessInfo.processInfo.environment["REGISTRE_PYHANKO_JOURNAL"],
    let handle = FileHandle(forWritingAtPath: journal) ?? {
      FileManager.default.createFile(atPath: journal, contents: nil)
      return FileHandle(forWritingAtPath: journal)
    }()
  {
    handle.seekToEndOfFile()
    handle.write(Data("== \(name) (code \(result.status))\n\(result.output)\n".utf8))
    try? handle.close()
  }
  return PyHankoOpinion(status: result.status, output: result.output)
}

/// The object numbers of the first page's content stream(s).
func contentNumbers(_ document: PDFDocument) throws -> [Int] {
  let (_, page) = try document.firstPage()
  if let reference = page["Contents"]?.referenceValue { return [reference.number] }
  return (page["Contents"]?.arrayValue ?? []).compactMap { $0.referenceValue?.number }
}

@Suite("Révisions ajoutées après la signature : analyse des différences (attaques)")
struct RevisionAttackTests {
  /// The verdict every attack must get: not valid, « modifié après signature », the object named.
  func expectModified(
    _ bytes: [UInt8], _ fixtures: Fixtures, object number: Int, reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let report = try verify(Data(bytes), fixtures)
    let signature = try #require(report.signatures.first, sourceLocation: sourceLocation)
    #expect(signature.intact && signature.signatureValid && signature.trusted, sourceLocation: sourceLocation)
    #expect(signature.modifiedAfterSigning == true, "\(signature.laterChanges ?? [])", sourceLocation: sourceLocation)
    #expect(!signature.valid, sourceLocation: sourceLocation)
    #expect(!report.valid, sourceLocation: sourceLocation)
    let problem = signature.problems.first { $0.hasPrefix("modifié après signature") }
    #expect(problem?.contains("objet \(number) 0 (") == true, "\(signature.problems)", sourceLocation: sourceLocation)
    #expect(problem?.contains(reason) == true, "\(signature.problems)", sourceLocation: sourceLocation)
    let change = signature.revisionChanges?.first { $0.number == number }
    #expect(change?.allowed == false, sourceLocation: sourceLocation)
  }

  @Test("Flux de contenu de la page remplacé et déguisé en /Type /Metadata : modifié après signature")
  func contentStreamLabelledMetadata() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let content = try #require(try contentNumbers(PDFDocument(bytes: signedFile)).first)
    let forged = PDFObject.stream(
      PDFDictionary([("Type", .name("Metadata")), ("Subtype", .name("XML"))]),
      Array("q 1 1 1 rg 0 0 612 792 re f Q BT /F1 24 Tf 72 700 Td (Document remplace) Tj ET".utf8))
    let attacked = try appendRevision(signedFile, objects: [(content, forged)])
    try expectModified(attacked, fixtures, object: content, reason: "flux du document signé remplacé")
    let change = try #require(try verify(Data(attacked), fixtures).signatures.first?.revisionChanges?.first { $0.number == content })
    #expect(change.kind == "flux Metadata")
    #expect(change.role?.contains("(Page) sous /Contents") == true, "\(change)")
    let pyhanko = try pyhankoOpinion(attacked, "contenu-metadata.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Attaque « shadow » : un objet signé redirigé par une nouvelle table vers une définition cachée")
  func shadowRemap() throws {
    let fixtures = try Fixtures.get()
    var unsigned = [UInt8](fixtures.classicPDF)
    let content = try #require(try contentNumbers(PDFDocument(bytes: unsigned)).first)
    // The hidden definition lies in the signed bytes, after %%EOF, listed by no cross-reference table.
    let hiddenOffset = unsigned.count
    unsigned += Array("\(content) 0 obj\n".utf8)
      + PDFObject.stream(PDFDictionary(), Array("BT /F1 24 Tf 72 700 Td (Version cachee) Tj ET".utf8)).serialized()
      + Array("\nendobj\n".utf8)
    let signedFile = [UInt8](try signed(Data(unsigned), fixtures))
    #expect(try verify(Data(signedFile), fixtures).valid, "the hidden object alone changes nothing a reader sees")
    // The attack: a revision with only a cross-reference entry, pointing back into the signed bytes.
    let attacked = try appendRevision(signedFile, remap: [(content, hiddenOffset)])
    #expect(attacked.count - signedFile.count < 400)
    try expectModified(attacked, fixtures, object: content, reason: "flux du document signé remplacé")
    let pyhanko = try pyhankoOpinion(attacked, "shadow.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  /// Adds an empty signature field whose widget covers page 1 with `rect` and a white appearance.
  func emptySignatureField(_ signedFile: [UInt8], rect: [Int]) throws -> (bytes: [UInt8], field: Int) {
    let document = try PDFDocument(bytes: signedFile)
    var update = try IncrementalUpdate(document: document)
    let (_, catalog) = try document.catalog()
    let (pageReference, page) = try document.firstPage()
    let appearance = update.allocate()
    let field = update.allocate()
    update.set(appearance, .stream(
      PDFDictionary([("Type", .name("XObject")), ("Subtype", .name("Form")),
        ("BBox", .array(rect.map { .integer($0) }))]),
      Array("1 1 1 rg 0 0 612 792 re f".utf8)))
    update.set(field, .dictionary(PDFDictionary([
      ("FT", .name("Sig")), ("T", .string(Array("Cache".utf8))), ("Type", .name("Annot")),
      ("Subtype", .name("Widget")), ("F", .integer(4)), ("Rect", .array(rect.map { .integer($0) })),
      ("P", .reference(pageReference)), ("AP", .dictionary(PDFDictionary([("N", .reference(appearance))]))),
    ])))
    let formReference = try #require(catalog["AcroForm"]?.referenceValue)
    var form = try #require(try document.resolveDictionary(catalog["AcroForm"]))
    form["Fields"] = .array((try document.resolve(form["Fields"]).arrayValue ?? []) + [.reference(field)])
    update.set(formReference, .dictionary(form))
    var newPage = page
    newPage["Annots"] = .array((try document.resolve(page["Annots"]).arrayValue ?? []) + [.reference(field)])
    update.set(pageReference, .dictionary(newPage))
    return (update.write().bytes, field.number)
  }

  @Test("Champ de signature vide avec un widget visible qui masque la page 1 : modifié après signature")
  func emptyVisibleSignatureField() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let (attacked, field) = try emptySignatureField(signedFile, rect: [0, 0, 612, 792])
    try expectModified(attacked, fixtures, object: field, reason: "champ de signature vide avec une apparence visible")
    let pyhanko = try pyhankoOpinion(attacked, "champ-visible.pdf", fixtures)
    // Disagreement, explained in docs/signatures.md: pyHanko allows new empty signature fields, visible or not.
    #expect(pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Champ de signature vide et invisible (rectangle nul), préparé pour un second signataire : admis")
  func emptyInvisibleSignatureField() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let (prepared, _) = try emptySignatureField(signedFile, rect: [0, 0, 0, 0])
    let report = try verify(Data(prepared), fixtures)
    #expect(report.valid, "\(report.signatures.map(\.problems)) \(report.appendedAfterLastSignature?.objects ?? [])")
    #expect(report.signatures.first?.modifiedAfterSigning == false)
    #expect(report.appendedAfterLastSignature?.onlyValidationData == true)
    let pyhanko = try pyhankoOpinion(prepared, "champ-invisible.pdf", fixtures)
    #expect(pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("registre.xml incorporé remplacé après la signature : modifié après signature")
  func embeddedXMLReplaced() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.embeddedXMLPDF, fixtures))
    let document = try PDFDocument(bytes: signedFile)
    #expect(try document.embeddedFiles().first?.data == Fixtures.embeddedXML)
    // Find the embedded stream: catalog → Names → EmbeddedFiles → Filespec → EF → F.
    let (_, catalog) = try document.catalog()
    let names = try #require(try document.resolveDictionary(catalog["Names"]))
    let tree = try #require(try document.resolveDictionary(names["EmbeddedFiles"]))
    let pairs = try #require(try document.resolve(tree["Names"]).arrayValue)
    let specification = try #require(try document.resolveDictionary(pairs.last))
    let streams = try #require(try document.resolveDictionary(specification["EF"]))
    let stream = try #require(streams["F"]?.referenceValue ?? streams["UF"]?.referenceValue)
    let forgedXML = Array("<registre><traitement id=\"videosurveillance\"/></registre>\n".utf8)
    let attacked = try appendRevision(signedFile, objects: [(stream.number, .stream(
      PDFDictionary([("Type", .name("EmbeddedFile")), ("Subtype", .name("application/octet-stream"))]), forgedXML))])
    // The attack is real: a reader of the attachment now gets the forged XML.
    #expect(try PDFDocument(bytes: attacked).embeddedFiles().first?.data == Data(forgedXML))
    try expectModified(attacked, fixtures, object: stream.number, reason: "fichier joint au document signé remplacé")
    let pyhanko = try pyhankoOpinion(attacked, "xml-remplace.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Catalogue modifié (action à l'ouverture ajoutée) : modifié après signature")
  func catalogChanged() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let document = try PDFDocument(bytes: signedFile)
    let (reference, catalog) = try document.catalog()
    var changed = catalog
    changed["OpenAction"] = .dictionary(PDFDictionary([("S", .name("URI")), ("URI", .string(Array("https://example.invalid/".utf8)))]))
    let attacked = try appendRevision(signedFile, objects: [(reference.number, .dictionary(changed))])
    try expectModified(attacked, fixtures, object: reference.number, reason: "catalogue modifié (/OpenAction)")
    let pyhanko = try pyhankoOpinion(attacked, "catalogue.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Annotation (rectangle blanc) ajoutée sur la page, puis une seconde signature : la première est refusée")
  func annotationThenCountersignature() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.xrefStreamPDF, fixtures))
    let document = try PDFDocument(bytes: signedFile)
    var update = try IncrementalUpdate(document: document)
    let (pageReference, page) = try document.firstPage()
    let square = update.allocate()
    update.set(square, .dictionary(PDFDictionary([
      ("Type", .name("Annot")), ("Subtype", .name("Square")), ("F", .integer(4)),
      ("Rect", .array([.integer(0), .integer(0), .integer(612), .integer(792)])), ("IC", .array([.integer(1), .integer(1), .integer(1)])),
    ])))
    var newPage = page
    newPage["Annots"] = .array((try document.resolve(page["Annots"]).arrayValue ?? []) + [.reference(square)])
    update.set(pageReference, .dictionary(newPage))
    let countersigned = try PDFSigner.sign(bytes: update.write().bytes, credentials: try fixtures.otherSigner())
    let report = try verify(Data(countersigned), fixtures)
    #expect(report.signatures.count == 2)
    #expect(report.signatures.last?.valid == true)
    try expectModified(countersigned, fixtures, object: pageReference.number, reason: "annotation ajoutée sur la page (Square)")
    let pyhanko = try pyhankoOpinion(countersigned, "annotation.pdf", fixtures)
    #expect(!pyhanko.accepted, "\(pyhanko.output)")
  }

  @Test("Nouvelle valeur d'un champ pointant vers l'ancienne signature, widget visible : refusée")
  func oldSignatureReused() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let document = try PDFDocument(bytes: signedFile)
    let (_, catalog) = try document.catalog()
    let form = try #require(try document.resolveDictionary(catalog["AcroForm"]))
    let existing = try #require(try document.resolveDictionary(form["Fields"]?.arrayValue?.first))
    let oldValue = try #require(existing["V"])
    let (prepared, field) = try emptySignatureField(signedFile, rect: [0, 0, 612, 792])
    // The same attack, but the new visible field claims the first signature as its value.
    let reread = try PDFDocument(bytes: prepared)
    var widget = try #require(try reread.object(field).dictionaryValue)
    widget["V"] = oldValue
    let attacked = try appendRevision(prepared, objects: [(field, .dictionary(widget))])
    try expectModified(attacked, fixtures, object: field, reason: "n'est pas une nouvelle signature")
  }

  @Test("Ligne de commande : registre verifier donne « modifié après signature » et le code 1")
  func commandLine() throws {
    let fixtures = try Fixtures.get()
    let signedFile = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let content = try #require(try contentNumbers(PDFDocument(bytes: signedFile)).first)
    let attacked = try appendRevision(signedFile, objects: [(content, .stream(
      PDFDictionary([("Type", .name("Metadata"))]), Array("BT ET".utf8)))])
    let file = try fixtures.write(Data(attacked), "attaque.pdf")
    let result = try register(["verifier", file.path, "--ac", fixtures.url("root.pem").path])
    #expect(result.status == 1, "\(result.output)\(result.errors)")
    #expect(result.output.contains("MODIFIÉ APRÈS SIGNATURE"), "\(result.output)")
    #expect(result.output.contains("modifié après signature : objet \(content) 0 (flux Metadata) modifié"), "\(result.output)")
    #expect(result.output.contains("Résultat : NON VALIDE."))
    let intact = try fixtures.write(Data(signedFile), "intact.pdf")
    let control = try register(["verifier", intact.path, "--ac", fixtures.url("root.pem").path])
    #expect(control.status == 0, "\(control.output)")
  }
}
