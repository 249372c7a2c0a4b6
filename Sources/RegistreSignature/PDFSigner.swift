public import Foundation
import RegistreCrypto

/// What goes in the signature dictionary, and how to sign.
public struct SignatureOptions: Sendable {
  /// Signer's name (`/Name`).
  public var name: String?
  /// Why the document is signed (`/Reason`), e.g. « Registre des activités de traitement 2026 ».
  public var reason: String?
  /// Where it is signed (`/Location`).
  public var location: String?
  /// How to reach the signer (`/ContactInfo`).
  public var contactInfo: String?
  /// The claimed signing time, written in `/M`.
  public var signingTime: Date
  /// RFC 3161 time-stamping authority (http:// or https://); when set the signature is PAdES B-T.
  public var timestampURL: URL?
  /// PEM certificates trusted for an https:// time-stamping authority, besides the system store.
  public var timestampTLSAnchors: [Data] = []
  /// Sign even with a certificate that is expired or not yet valid.
  public var allowInvalidCertificate: Bool

  public init(
    name: String? = nil, reason: String? = nil, location: String? = nil, contactInfo: String? = nil,
    signingTime: Date = Date(), timestampURL: URL? = nil, allowInvalidCertificate: Bool = false
  ) {
    self.name = name
    self.reason = reason
    self.location = location
    self.contactInfo = contactInfo
    self.signingTime = signingTime
    self.timestampURL = timestampURL
    self.allowInvalidCertificate = allowInvalidCertificate
  }
}

/// Signs PDF files with PAdES baseline signatures (B-B, or B-T with a time-stamping authority).
public enum PDFSigner {
  /// Signs `pdf` and returns the signed file: the original bytes followed by an incremental update.
  ///
  /// Nothing is written to disk; the caller writes the result (with `AtomicFile.write`).
  public static func sign(
    _ pdf: Data, credentials: SigningCredentials, options: SignatureOptions = SignatureOptions()
  ) throws(SignatureError) -> Data {
    Data(try sign(bytes: [UInt8](pdf), credentials: credentials, options: options))
  }

  /// Signs a PDF already in memory as bytes; the same as `sign(_:credentials:options:)` without the
  /// conversions to and from `Data`, which cost a copy of the whole file each.
  public static func sign(
    bytes pdf: [UInt8], credentials: SigningCredentials, options: SignatureOptions = SignatureOptions()
  ) throws(SignatureError) -> [UInt8] {
    var output = pdf
    try sign(appendingTo: &output, credentials: credentials, options: options)
    return output
  }

  /// Signs `pdf` in place: the signed revision is appended to the array, which is otherwise left as it
  /// was when signing fails. With spare capacity in the array (a file read with room to grow), the
  /// signed file is never copied.
  public static func sign(
    appendingTo pdf: inout [UInt8], credentials: SigningCredentials, options: SignatureOptions = SignatureOptions()
  ) throws(SignatureError) {
    // The document (which shares the array's storage) ends with this call, so that the append below
    // finds the storage unshared and does not copy it.
    let tail = try signedRevision(of: pdf, credentials: credentials, options: options)
    let originalCount = pdf.count
    pdf.append(contentsOf: tail)
    // Read the result back before handing it out: a writer bug must not produce a broken signed file.
    guard let check = try? PDFVerifier.verify(bytes: pdf).signatures.last, check.intact, check.signatureValid,
      check.coversWholeFile
    else {
      pdf.removeSubrange(originalCount...)
      throw .cryptography("la relecture du fichier signé a échoué ; rien n'a été écrit")
    }
  }

  /// The incremental update that signs `pdf`, with its `/Contents` filled in.
  static func signedRevision(
    of pdf: [UInt8], credentials: SigningCredentials, options: SignatureOptions
  ) throws(SignatureError) -> [UInt8] {
    if !options.allowInvalidCertificate { try credentials.checkValidity(at: options.signingTime) }
    // Never produce what the verifier refuses: a key below the sizes AlgorithmPolicy admits.
    if let weak = AlgorithmPolicy.keyRefusals(credentials.certificate).first { throw .cryptography(weak) }
    let document: PDFDocument
    do { document = try PDFDocument(bytes: pdf) } catch { throw .pdf(error) }
    if certifiedWithoutChanges(document) { throw .certifiedWithoutChanges }
    var tlsAnchors: [Certificate] = []
    for anchor in options.timestampTLSAnchors { tlsAnchors += try crypto { () throws(CryptoError) in try Certificate.all(fromPEMOrDER: [UInt8](anchor)) }
    }
    // A dry run gives the CMS size; the time-stamp token's size is only known after the fact.
    let estimate = try CMSSigner.sign(content: [], credentials: credentials).count
    var reserve = estimate + 2048 + (options.timestampURL == nil ? 0 : 12_288)
    for attempt in 0..<2 {
      var prepared: PreparedSignature
      do { prepared = try prepare(document, options: options, contentsBytes: reserve) } catch { throw .pdf(error) }
      // The original bytes stay where they are: only the appended revision is copied around.
      let base = document.bytes.count
      let lower = prepared.contents.lowerBound - base
      let upper = prepared.contents.upperBound - base
      let cms = try CMSSigner.sign(
        parts: [document.bytes[...], prepared.tail[..<lower], prepared.tail[upper...]], credentials: credentials,
        timestampURL: options.timestampURL, tlsAnchors: tlsAnchors)
      if cms.count > reserve {
        guard attempt == 0 else { throw .signatureTooLarge }
        reserve = cms.count + 4096
        continue
      }
      writeHex(cms, into: &prepared.tail, at: lower + 1)
      return prepared.tail
    }
    throw .signatureTooLarge
  }

  /// Whether the catalog's `/Perms /DocMDP` names a certification signature of level 1 (no change at all).
  static func certifiedWithoutChanges(_ document: PDFDocument) -> Bool {
    guard let (_, catalog) = try? document.catalog(),
      let permissions = try? document.resolveDictionary(catalog["Perms"]),
      let signature = try? document.resolveDictionary(permissions["DocMDP"])
    else { return false }
    return PDFVerifier.Transforms(signature, document: document).docMDP == 1
  }

  /// Upper-case hexadecimal of `bytes`, written over `buffer` from `offset` (the zeros of `/Contents`).
  static func writeHex(_ bytes: [UInt8], into buffer: inout [UInt8], at offset: Int) {
    let digits = Array("0123456789ABCDEF".utf8)
    var position = offset
    for byte in bytes where position + 1 < buffer.count {
      buffer[position] = digits[Int(byte >> 4)]
      buffer[position + 1] = digits[Int(byte & 0x0F)]
      position += 2
    }
  }

  struct PreparedSignature {
    /// The new revision, to append to the original file.
    var tail: [UInt8]
    /// From `<` to just after `>` of `/Contents`, as offsets in the whole new file: the only bytes the
    /// signature does not cover.
    var contents: Range<Int>
  }

  static let byteRangeWidth = 60

  /// Builds the signed revision with a zero-filled `/Contents` and the final `/ByteRange`.
  static func prepare(_ document: PDFDocument, options: SignatureOptions, contentsBytes: Int) throws(PDFError)
    -> PreparedSignature
  {
    var update = try IncrementalUpdate(document: document)
    let (catalogReference, catalogDictionary) = try document.catalog()
    let (pageReference, pageDictionary) = try document.firstPage()
    let signatureReference = update.allocate()
    let fieldReference = update.allocate()

    // AcroForm: keep existing fields, add ours.
    var acroForm = try document.resolveDictionary(catalogDictionary["AcroForm"]) ?? PDFDictionary()
    var fields = try document.resolve(acroForm["Fields"]).arrayValue ?? []
    var names: Set<String> = []
    for field in fields.prefix(10_000) {
      if let title = try? document.resolveDictionary(field)?["T"]?.stringValue {
        names.insert(PDFObject.decodeText(title))
      }
    }
    var counter = 1
    while names.contains("Signature\(counter)") { counter += 1 }
    fields.append(.reference(fieldReference))
    acroForm["Fields"] = .array(fields)
    acroForm["SigFlags"] = .integer(3)
    acroForm["NeedAppearances"] = nil  // PDF/A forbids it (6.4.1).
    let acroFormReference: PDFReference
    if let existing = catalogDictionary["AcroForm"]?.referenceValue {
      acroFormReference = existing
    } else {
      acroFormReference = update.allocate()
    }
    update.set(acroFormReference, .dictionary(acroForm))

    var catalog = catalogDictionary
    catalog["AcroForm"] = .reference(acroFormReference)
    update.set(catalogReference, .dictionary(catalog))

    var page = pageDictionary
    var annotations = try document.resolve(page["Annots"]).arrayValue ?? []
    annotations.append(.reference(fieldReference))
    page["Annots"] = .array(annotations)
    if pageReference != catalogReference { update.set(pageReference, .dictionary(page)) }

    // The field merged with its widget; zero rectangle and Print + Locked for PDF/A.
    let field = PDFDictionary([
      ("FT", .name("Sig")), ("T", PDFObject.textString("Signature\(counter)")),
      ("V", .reference(signatureReference)), ("Type", .name("Annot")), ("Subtype", .name("Widget")),
      ("F", .integer(132)), ("Rect", .array([.integer(0), .integer(0), .integer(0), .integer(0)])),
      ("P", .reference(pageReference)),
    ])
    update.set(fieldReference, .dictionary(field))

    var head = PDFDictionary([
      ("Type", .name("Sig")), ("Filter", .name("Adobe.PPKLite")), ("SubFilter", .name("ETSI.CAdES.detached")),
      ("M", .string(Array(pdfDate(options.signingTime).utf8))),
    ])
    if let name = options.name { head["Name"] = PDFObject.textString(name) }
    if let reason = options.reason { head["Reason"] = PDFObject.textString(reason) }
    if let location = options.location { head["Location"] = PDFObject.textString(location) }
    if let contact = options.contactInfo { head["ContactInfo"] = PDFObject.textString(contact) }
    var body = PDFObject.dictionary(head).serialized()
    body.removeLast(2)  // reopen the dictionary to add the placeholders
    body += Array("/ByteRange ".utf8)
    let byteRangeStart = body.count
    body += [UInt8](repeating: 0x20, count: byteRangeWidth)
    body += Array("/Contents ".utf8)
    let contentsStart = body.count
    body += [UInt8(ascii: "<")] + [UInt8](repeating: 0x30, count: contentsBytes * 2) + [UInt8(ascii: ">")]
    body += Array(">>".utf8)
    update.setRaw(signatureReference, body)

    var (tail, offsets) = update.appendedBytes()
    let base = document.bytes.count
    let total = base + tail.count
    guard let signatureOffset = offsets[signatureReference] else { throw .damaged("objet de signature perdu") }
    let lower = signatureOffset + contentsStart
    let upper = lower + contentsBytes * 2 + 2
    let byteRange = "[0 \(lower) \(upper) \(total - upper)]"
    var rangeBytes = Array(byteRange.utf8)
    guard rangeBytes.count <= byteRangeWidth else { throw .limitExceeded("fichier trop grand") }
    rangeBytes += [UInt8](repeating: 0x20, count: byteRangeWidth - rangeBytes.count)
    let rangeOffset = signatureOffset + byteRangeStart - base
    tail.replaceSubrange(rangeOffset..<(rangeOffset + byteRangeWidth), with: rangeBytes)
    return PreparedSignature(tail: tail, contents: lower..<upper)
  }

  /// `D:YYYYMMDDHHmmSSZ` in UTC, from the C library's `gmtime_r`: a `DateFormatter` loads ICU's locale data
  /// and even a Foundation `Calendar` costs more than the rest of the signature's dictionary.
  static func pdfDate(_ date: Date) -> String {
    let interval = date.timeIntervalSince1970.rounded(.down)
    // time_t(_:) traps outside its range: keep to years a PDF date can write anyway.
    guard interval.isFinite, abs(interval) < 1e13 else { return "D:19700101000000Z" }
    var seconds = time_t(interval)
    var parts = tm()
    guard gmtime_r(&seconds, &parts) != nil else { return "D:19700101000000Z" }
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let year = String(Int(parts.tm_year) + 1900)
    let paddedYear = String(repeating: "0", count: max(0, 4 - year.count)) + year
    return "D:\(paddedYear)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))\(two(parts.tm_hour))"
      + "\(two(parts.tm_min))\(two(parts.tm_sec))Z"
  }
}
