import COpenSSL
public import Foundation
import RegistreCrypto

/// The verdict on one signature. JSON keys are English; `problems` are French sentences.
public struct SignatureVerification: Codable, Equatable, Sendable {
  /// The signature field's name (`/T`).
  public var fieldName: String?
  public var subFilter: String?
  /// `PAdES-B-B`, `PAdES-B-T`, or nil when the SubFilter is not `ETSI.CAdES.detached`.
  public var level: String?
  public var byteRange: [Int]
  /// The bytes the signature covers hash to the signed message digest.
  public var intact: Bool
  /// The signer's signature over the signed attributes is correct.
  public var signatureValid: Bool
  /// The byte range starts at 0, skips exactly `/Contents` and ends at the end of a revision.
  public var coversRevision: Bool
  /// The byte range reaches the end of the file.
  public var coversWholeFile: Bool
  public var signer: CertificateInfo?
  /// `/M`: the time the signer claims.
  public var claimedSigningTime: Date?
  public var name: String?
  public var reason: String?
  public var location: String?
  public var contactInfo: String?
  public var timestamp: TimestampVerification?
  /// The chain from the signer's certificate reaches a trust anchor.
  public var trusted: Bool
  /// The time at which the chain was checked: the timestamp's time when valid, else now.
  public var chainCheckedAt: Date
  public var problems: [String]
  /// Objects that the revisions after this signature's added, changed or removed (nil when nothing follows).
  public var laterChanges: [String]?
  /// False when a later revision changed something other than what adding a signature or validation data
  /// writes (see `RevisionDiff`); the signature is then not valid: « modifié après signature ».
  public var laterChangesOnlySignatures: Bool?
  /// Intact, signature correct, covering its revision, trusted, timestamp (if any) valid, admitted algorithms,
  /// nothing but signatures and validation data written afterwards.
  public var valid: Bool
  /// Each object written after this signature's revision, with its verdict.
  public var revisionChanges: [RevisionChange]? = nil
  /// True when a later revision changed what the signer signed.
  public var modifiedAfterSigning: Bool? = nil
  /// SHA-256 of the signer's DER certificate (lower-case hexadecimal).
  public var signerFingerprint: String? = nil
  /// For a certification signature (`/Reference` with `/TransformMethod /DocMDP`): its permission level
  /// `/P`, 1 (no change), 2 (form filling and signing) or 3 (also annotations). Nil for an approval signature.
  public var certificationPermissions: Int? = nil
}

/// An RFC 3161 signature timestamp and its check.
public struct TimestampVerification: Codable, Equatable, Sendable {
  public var time: Date?
  /// Token signature, imprint over the signature value and TSA chain all check out.
  public var valid: Bool
  public var authority: String?
  public var problem: String?
  /// The time-stamping authority's certificate (not encoded: `authority` carries its subject).
  var authorityInfo: CertificateInfo?

  enum CodingKeys: String, CodingKey {
    case time, valid, authority, problem
  }
}

/// What was added after the last signature.
public struct AppendedContent: Codable, Equatable, Sendable {
  public var bytes: Int
  /// Objects added or changed by the unsigned revisions, e.g. « objet 12 (Page) ».
  public var objects: [String]
  /// True when the unsigned revisions only add what signers add after signing (validation data — DSS —,
  /// metadata, invisible empty signature fields): the document stays valid, as PAdES B-LT and B-LTA expect.
  public var onlyValidationData: Bool
  /// The same objects with their verdict.
  public var changes: [RevisionChange] = []
}

/// The verdict on a file.
public struct DocumentVerification: Codable, Equatable, Sendable {
  public var file: String?
  public var signatures: [SignatureVerification]
  public var appendedAfterLastSignature: AppendedContent?
  /// At least one signature, every signature valid, nothing unsigned appended.
  public var valid: Bool
}

/// Verifies the PAdES signatures of a PDF.
public enum PDFVerifier {
  /// How many certificates a trust-anchor file (PEM, or a single DER certificate) holds.
  public static func certificateCount(in data: Data) -> Int {
    (try? Certificate.all(fromPEMOrDER: [UInt8](data)).count) ?? 0
  }

  /// Checks every signature of `pdf`.
  ///
  /// - Parameters:
  ///   - trustAnchors: PEM (or DER) files' contents, each with one or more certificates.
  ///   - useSystemStore: also trust the system's certificate store.
  /// - Throws: `PDFError` when the file cannot be read (damaged, encrypted, not a PDF).
  public static func verify(
    _ pdf: Data, trustAnchors: [Data] = [], useSystemStore: Bool = false, file: String? = nil, now: Date = Date()
  ) throws(PDFError) -> DocumentVerification {
    try verify(bytes: [UInt8](pdf), trustAnchors: trustAnchors, useSystemStore: useSystemStore, file: file, now: now)
  }

  /// The same as `verify(_:trustAnchors:useSystemStore:file:now:)` for a file already read as bytes,
  /// without copying it.
  public static func verify(
    bytes pdf: [UInt8], trustAnchors: [Data] = [], useSystemStore: Bool = false, file: String? = nil,
    now: Date = Date()
  ) throws(PDFError) -> DocumentVerification {
    let document = try PDFDocument(bytes: pdf)
    var anchors: [Certificate] = []
    for anchor in trustAnchors {
      anchors += (try? Certificate.all(fromPEMOrDER: [UInt8](anchor))) ?? []
    }
    let store = try? TrustStore(anchors: anchors, useSystemStore: useSystemStore)
    let revisionEnds = revisionEnds(document.bytes)
    var results: [SignatureVerification] = []
    var transforms: [Transforms] = []
    for (name, dictionary) in try signatureFields(document) {
      var result = verifySignature(dictionary, fieldName: name, document: document, revisionEnds: revisionEnds,
        store: store, now: now)
      let found = Transforms(dictionary, document: document)
      if let problem = found.problem {
        result.problems.append(problem)
        result.valid = false
      }
      result.certificationPermissions = found.docMDP
      transforms.append(found)
      results.append(result)
    }
    // Difference analysis: for each signature, everything written after its revision.
    var contentEnd = document.bytes.count
    while contentEnd > 0, PDFLexer.isWhitespace(document.bytes[contentEnd - 1]) { contentEnd -= 1 }
    for index in results.indices {
      guard results[index].coversRevision, let end = rangeEnd(results[index].byteRange), end < contentEnd else {
        continue
      }
      let diff = RevisionDiff.analyze(document, signedEnd: end, until: document.bytes.count)
      // What the signer's own permissions (DocMDP P = 1, FieldMDP locks) forbid beyond the analysis.
      let forbidden = permissionRefusals(transforms[index], signedEnd: end, document: document, diff: diff,
        later: results.filter { (rangeEnd($0.byteRange) ?? 0) > end })
      if !forbidden.isEmpty {
        results[index].problems += forbidden
        results[index].valid = false
      }
      results[index].laterChanges = diff.descriptions
      results[index].revisionChanges = diff.changes
      results[index].laterChangesOnlySignatures = diff.allowed
      results[index].modifiedAfterSigning = !diff.allowed
      if !diff.allowed {
        let refused = (diff.failure.map { [$0] } ?? []) + diff.changes.filter { !$0.allowed }.map(\.text)
        let shown = refused.prefix(5).joined(separator: " ; ") + (refused.count > 5 ? " ; …" : "")
        results[index].problems.append("modifié après signature : \(shown)")
        results[index].valid = false
      }
    }
    var appended: AppendedContent?
    if let lastEnd = results.compactMap({ rangeEnd($0.byteRange) }).max(), contentEnd > lastEnd {
      let diff = RevisionDiff.analyze(document, signedEnd: lastEnd, until: document.bytes.count)
      appended = AppendedContent(
        bytes: document.bytes.count - lastEnd, objects: diff.descriptions, onlyValidationData: diff.allowed,
        changes: diff.changes)
    }
    let valid = !results.isEmpty && results.allSatisfy(\.valid) && (appended?.onlyValidationData ?? true)
    return DocumentVerification(file: file, signatures: results, appendedAfterLastSignature: appended, valid: valid)
  }

  /// The transforms a signature dictionary declares in `/Reference` (ISO 32000-1 §12.8.2): DocMDP, which makes
  /// it a certification signature with permission level `/P`, and FieldMDP, which locks form fields.
  struct Transforms {
    var docMDP: Int?
    var fieldMDP = false
    /// A malformed declaration: the signature cannot be judged against permissions it does not state clearly.
    var problem: String?

    init(_ dictionary: PDFDictionary, document: PDFDocument) {
      guard let references = try? document.resolve(dictionary["Reference"]).arrayValue else { return }
      for item in references.prefix(16) {
        guard let reference = try? document.resolveDictionary(item) else { continue }
        switch reference["TransformMethod"]?.nameValue {
        case "DocMDP"?:
          let parameters = try? document.resolveDictionary(reference["TransformParams"])
          // ISO 32000-1 Table 254: /P defaults to 2.
          let level = parameters?["P"].map { $0.integerValue ?? 0 } ?? 2
          if (1...3).contains(level) {
            docMDP = level
          } else {
            problem = "permissions DocMDP illisibles (/P doit valoir 1, 2 ou 3) : signature de certification non vérifiée"
          }
        case "FieldMDP"?:
          fieldMDP = true
        default:
          continue
        }
      }
    }
  }

  /// Why the revisions after a signature break the permissions it declared; empty when they do not.
  ///
  /// The difference analysis already refuses whatever is not a signature, a document timestamp or validation
  /// data, which is stricter than DocMDP levels 2 and 3 allow. What remains to refuse is what level 1 forbids
  /// on top of it (a later signature, an empty signature field), keeping what PAdES adds for long-term
  /// validation (DSS and document timestamps, ETSI EN 319 142-1 §5.4); and FieldMDP locks, which are not
  /// checked: a later revision makes such a signature « non entièrement vérifiée ».
  static func permissionRefusals(
    _ transforms: Transforms, signedEnd: Int, document: PDFDocument, diff: RevisionDiff,
    later: [SignatureVerification]
  ) -> [String] {
    var refusals: [String] = []
    if transforms.docMDP == 1 {
      let rule = "la signature de certification n'admet aucune modification (DocMDP, P = 1)"
      for signature in later where signature.subFilter != "ETSI.RFC3161" {
        let name = signature.fieldName.map { "« \($0) »" } ?? "sans nom"
        refusals.append("modifié après certification : signature \(name) ajoutée alors que \(rule)")
      }
      for change in diff.changes where change.change == "ajouté" {
        guard let field = try? document.resolveDictionary(.reference(PDFReference(number: change.number, generation: change.generation))),
          field["FT"]?.nameValue == "Sig", field["V"] == nil
        else { continue }
        refusals.append("modifié après certification : champ de signature vide ajouté (objet \(change.number) \(change.generation)) alors que \(rule)")
      }
    }
    if transforms.fieldMDP {
      refusals.append("verrouillage de champs (FieldMDP) non vérifié par Registre alors que des révisions suivent : "
        + "signature non entièrement vérifiée")
    }
    return refusals
  }

  /// Signature fields (`/FT /Sig` with a value), depth-first through `/Kids`.
  static func signatureFields(_ document: PDFDocument) throws(PDFError) -> [(String?, PDFDictionary)] {
    let (_, catalog) = try document.catalog()
    guard let acroForm = try document.resolveDictionary(catalog["AcroForm"]),
      let fields = try document.resolve(acroForm["Fields"]).arrayValue
    else { return [] }
    var result: [(String?, PDFDictionary)] = []
    var seen: Set<Int> = []
    var pending: [(PDFObject, Int)] = fields.reversed().map { ($0, 0) }
    var values: Set<Int> = []
    // Each signature hashes the file: bound their number so a hostile file cannot make this run for hours.
    while let (item, depth) = pending.popLast(), result.count < 100 {
      if let reference = item.referenceValue {
        guard !seen.contains(reference.number) else { continue }
        seen.insert(reference.number)
      }
      guard depth < 16, let field = try? document.resolveDictionary(item) else { continue }
      if field["FT"]?.nameValue == "Sig", let value = try? document.resolveDictionary(field["V"]),
        field["V"]?.referenceValue.map({ values.insert($0.number).inserted }) ?? true
      {
        result.append((field["T"]?.stringValue.map(PDFObject.decodeText), value))
      }
      if let kids = try? document.resolve(field["Kids"]).arrayValue {
        pending += kids.reversed().map { ($0, depth + 1) }
      }
    }
    // Oldest revision first: order by where each signature's covered range ends.
    return result.sorted { lhs, rhs in
      let left = rangeEnd(lhs.1["ByteRange"]?.arrayValue?.compactMap(\.integerValue) ?? []) ?? 0
      let right = rangeEnd(rhs.1["ByteRange"]?.arrayValue?.compactMap(\.integerValue) ?? []) ?? 0
      return left < right
    }
  }

  /// Where a `/ByteRange` ends, or nil when it is malformed (values come from the file: no overflow).
  static func rangeEnd(_ range: [Int]) -> Int? {
    guard range.count == 4, range[2] >= 0, range[3] >= 0 else { return nil }
    let (sum, overflow) = range[2].addingReportingOverflow(range[3])
    return overflow ? nil : sum
  }

  /// Offsets just after each `%%EOF` marker (with and without its end-of-line).
  static func revisionEnds(_ bytes: [UInt8]) -> Set<Int> {
    var ends: Set<Int> = []
    var start = 0
    let marker = Array("%%EOF".utf8)
    while let found = PDFDocument.find(marker, in: bytes, range: start..<bytes.count) {
      var end = found + marker.count
      ends.insert(end)
      if end < bytes.count, bytes[end] == 0x0D { end += 1; ends.insert(end) }
      if end < bytes.count, bytes[end] == 0x0A { end += 1; ends.insert(end) }
      start = found + marker.count
    }
    return ends
  }

  static func verifySignature(
    _ dictionary: PDFDictionary, fieldName: String?, document: PDFDocument, revisionEnds: Set<Int>,
    store: TrustStore?, now: Date
  ) -> SignatureVerification {
    let bytes = document.bytes
    var problems: [String] = []
    let subFilter = dictionary["SubFilter"]?.nameValue
    let text = { (key: String) in dictionary[key]?.stringValue.map(PDFObject.decodeText) }
    var result = SignatureVerification(
      fieldName: fieldName, subFilter: subFilter, level: nil,
      byteRange: dictionary["ByteRange"]?.arrayValue?.compactMap(\.integerValue) ?? [], intact: false,
      signatureValid: false, coversRevision: false, coversWholeFile: false, signer: nil,
      claimedSigningTime: text("M").flatMap(parsePDFDate), name: text("Name"), reason: text("Reason"),
      location: text("Location"), contactInfo: text("ContactInfo"), timestamp: nil, trusted: false,
      chainCheckedAt: now, problems: [], laterChanges: nil, laterChangesOnlySignatures: nil, valid: false)
    let range = result.byteRange
    guard range.count == 4, range[0] == 0, range[1] > 0, range[2] > range[1], range[3] >= 0,
      range[2] <= bytes.count, range[3] <= bytes.count - range[2]
    else {
      result.problems = ["/ByteRange invalide"]
      return result
    }
    let gap = range[1]..<range[2]
    var gapLexer = PDFLexer(bytes: bytes, position: gap.lowerBound)
    let gapIsContents: Bool
    if bytes[gap.lowerBound] == UInt8(ascii: "<"), bytes[gap.upperBound - 1] == UInt8(ascii: ">"),
      case .string(let hex)? = try? gapLexer.parseObject(), gapLexer.position == gap.upperBound,
      hex == dictionary["Contents"]?.stringValue
    {
      gapIsContents = true
    } else {
      gapIsContents = false
      problems.append("la partie non signée n'est pas exactement la valeur /Contents de la signature")
    }
    let end = range[2] + range[3]
    result.coversRevision = gapIsContents && revisionEnds.contains(end)
    if gapIsContents && !revisionEnds.contains(end) {
      problems.append("la signature ne couvre pas une révision complète du fichier")
    }
    result.coversWholeFile = end == bytes.count
      || (end < bytes.count && bytes[end...].allSatisfy(PDFLexer.isWhitespace))
    if subFilter == "ETSI.RFC3161" {
      return verifyDocumentTimestamp(
        result, dictionary: dictionary, covered: [bytes[0..<range[1]], bytes[range[2]..<end]], problems: problems,
        store: store)
    }
    if subFilter != "ETSI.CAdES.detached" && subFilter != "adbe.pkcs7.detached" {
      problems.append("format de signature non pris en charge (\(subFilter ?? "aucun"))")
      result.problems = problems
      return result
    }
    guard let contents = dictionary["Contents"]?.stringValue, let cms = CMSContainer(der: contents),
      let signerInfo = cms.signerInfos.first
    else {
      problems.append("conteneur CMS illisible")
      result.problems = problems
      return result
    }
    if cms.signerInfos.count != 1 { problems.append("le CMS doit contenir exactement un signataire") }
    let covered = [bytes[0..<range[1]], bytes[range[2]..<end]]

    // Integrity: the message digest against the covered bytes.
    var digestAlgorithm: UnsafeMutablePointer<X509_ALGOR>?
    CMS_SignerInfo_get0_algs(signerInfo, nil, nil, &digestAlgorithm, nil)
    var object: OpaquePointer?
    if let digestAlgorithm { X509_ALGOR_get0(&object, nil, nil, digestAlgorithm) }
    let digestNID = OBJ_obj2nid(object)
    let messageDigest = CMS_signed_get0_data_by_OBJ(signerInfo, OBJ_nid2obj(NID_pkcs9_messageDigest), -3,
      V_ASN1_OCTET_STRING)
    // One pass over the covered bytes serves both the digest below and OpenSSL's own content check.
    let hashed = CMSContentDigest(cms, covered)
    if let md = EVP_get_digestbyname(OBJ_nid2sn(digestNID)), let messageDigest {
      // A SignedData that does not announce the signer's algorithm gets no digest BIO for it: hash again.
      let computed = hashed.digest(nid: EVP_MD_get_type(md)) ?? (try? Digest.compute(md: md, over: covered)) ?? []
      result.intact = !computed.isEmpty
        && computed == asn1Bytes(UnsafePointer(messageDigest.assumingMemoryBound(to: ASN1_STRING.self)))
    }
    if !result.intact { problems.append("le contenu signé a été modifié (empreinte différente)") }

    // The signer's signature over the signed attributes.
    CMS_set1_signers_certs(cms.pointer, nil, 0)
    var signerPointer: OpaquePointer?
    CMS_SignerInfo_get0_algs(signerInfo, nil, &signerPointer, nil, nil)
    let certificates = cms.certificates
    if let signerPointer {
      let signer = Certificate(retaining: signerPointer)
      result.signer = signer.info
      result.signerFingerprint = signer.sha256Fingerprint
      // Digests, signature algorithm and key size: refused below what ETSI TS 119 312 admits.
      problems += AlgorithmPolicy.refusals(signerInfo: signerInfo, signer: signer)
      result.signatureValid = CMS_SignerInfo_verify(signerInfo) == 1
      if !result.signatureValid { problems.append("signature cryptographique invalide") }
      if result.intact && result.signatureValid && !hashed.verifyContent(signerInfo) {
        ERR_clear_error()
        result.signatureValid = false
        problems.append("structure CMS incohérente")
      }
      // A certificate whose key usage excludes signing was not issued for signatures.
      let usage = X509_get_key_usage(signer.pointer)
      if usage != UInt32.max && usage & UInt32(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0 {
        problems.append("le certificat du signataire n'est pas prévu pour signer (usage de clé)")
      }
      if !essCertificateMatches(signerInfo, certificate: signer) {
        problems.append("l'attribut signing-certificate ne désigne pas le certificat du signataire")
      }
      if subFilter == "ETSI.CAdES.detached" {
        if CMS_signed_get_attr_by_NID(signerInfo, NID_pkcs9_signingTime, -1) >= 0 {
          problems.append("attribut signing-time présent, interdit par PAdES")
        }
        if CMS_signed_get_attr_by_NID(signerInfo, NID_id_smime_aa_signingCertificateV2, -1) < 0
          && CMS_signed_get_attr_by_NID(signerInfo, NID_id_smime_aa_signingCertificate, -1) < 0
        {
          problems.append("attribut signing-certificate(-v2) absent, requis par PAdES")
        }
      }

      // Signature timestamp (B-T).
      let signatureValue = asn1Bytes(UnsafePointer(CMS_SignerInfo_get0_signature(signerInfo)))
      let index = CMS_unsigned_get_attr_by_NID(signerInfo, NID_id_smime_aa_timeStampToken, -1)
      if index >= 0 {
        result.timestamp = verifyTimestamp(CMS_unsigned_get_attr(signerInfo, index), over: signatureValue, store: store)
        if let timestamp = result.timestamp, !timestamp.valid {
          problems.append("horodatage invalide : \(timestamp.problem ?? "raison inconnue")")
        }
      }
      if let time = result.timestamp?.time, result.timestamp?.valid == true { result.chainCheckedAt = time }

      // Chain to a trust anchor.
      if let store {
        let (trusted, problem) = verifyChain(signer, untrusted: certificates, store: store, at: result.chainCheckedAt)
        result.trusted = trusted
        if let problem { problems.append("certificat non reconnu : \(problem)") }
      } else {
        problems.append("aucune autorité de confiance disponible")
      }
    } else {
      problems.append("certificat du signataire absent du CMS")
    }
    if subFilter == "ETSI.CAdES.detached" {
      result.level = result.timestamp?.valid == true ? "PAdES-B-T" : "PAdES-B-B"
    }
    result.problems = problems
    result.valid = result.intact && result.signatureValid && result.coversRevision && result.trusted
      && (result.timestamp?.valid ?? true) && problems.isEmpty
    return result
  }

  /// True when the ESS signing-certificate(-v2) attribute is absent or holds the signer's certificate hash.
  static func essCertificateMatches(_ signerInfo: OpaquePointer, certificate: Certificate) -> Bool {
    let der = certificate.der
    for nid in [NID_id_smime_aa_signingCertificateV2, NID_id_smime_aa_signingCertificate] {
      guard let value = CMS_signed_get0_data_by_OBJ(signerInfo, OBJ_nid2obj(nid), -3, V_ASN1_SEQUENCE) else {
        continue
      }
      let attribute = asn1Bytes(UnsafePointer(value.assumingMemoryBound(to: ASN1_STRING.self)))
      // The ESSCertID(v2) holds the certificate's hash as an OCTET STRING; look for it.
      for algorithm in [DigestAlgorithm.sha256, .sha384, .sha512, .sha1] {
        guard let hash = try? Digest.compute(algorithm, over: [der[...]]) else { continue }
        let needle = [0x04, UInt8(hash.count)] + hash
        if PDFDocument.find(needle, in: attribute, range: 0..<attribute.count) != nil { return true }
      }
      return false
    }
    return true
  }

  static func verifyChain(_ certificate: Certificate, untrusted: [Certificate], store: TrustStore, at date: Date)
    -> (Bool, String?)
  {
    let verification = store.verify(certificate, untrusted: untrusted, at: date)
    return (verification.trusted, verification.reason)
  }

  static func verifyTimestamp(_ attribute: OpaquePointer?, over signatureValue: [UInt8], store: TrustStore?)
    -> TimestampVerification
  {
    let unreadable = TimestampVerification(time: nil, valid: false, authority: nil, problem: "jeton d'horodatage illisible")
    guard let attribute, let type = X509_ATTRIBUTE_get0_type(attribute, 0), ASN1_TYPE_get(type) == V_ASN1_SEQUENCE else {
      return unreadable
    }
    var output: UnsafeMutablePointer<UInt8>?
    let length = i2d_ASN1_TYPE(type, &output)
    guard length > 0, let output else { return unreadable }
    let der = Array(UnsafeBufferPointer(start: output, count: Int(length)))
    registre_openssl_free(output)
    return verifyTimestampToken(der, over: [signatureValue[...]], store: store)
  }

  /// A document timestamp (`/Type /DocTimeStamp`, PAdES B-LTA): a bare RFC 3161 token over the byte range.
  static func verifyDocumentTimestamp(
    _ partial: SignatureVerification, dictionary: PDFDictionary, covered: [ArraySlice<UInt8>], problems: [String],
    store: TrustStore?
  ) -> SignatureVerification {
    var result = partial
    var problems = problems
    result.level = "horodatage de document"
    let token = verifyTimestampToken(dictionary["Contents"]?.stringValue ?? [], over: covered, store: store)
    result.timestamp = token
    result.intact = token.valid
    result.signatureValid = token.valid
    result.trusted = token.valid
    result.signer = token.authorityInfo
    if let time = token.time { result.chainCheckedAt = time }
    if !token.valid { problems.append("horodatage de document invalide : \(token.problem ?? "raison inconnue")") }
    result.problems = problems
    result.valid = token.valid && result.coversRevision && problems.isEmpty
    return result
  }

  /// Checks an RFC 3161 token (DER `ContentInfo`): its signature, the TSA's chain at the current time, and
  /// that its imprint is the hash of `data` (the parts concatenated).
  static func verifyTimestampToken(_ der: [UInt8], over data: [ArraySlice<UInt8>], store: TrustStore?)
    -> TimestampVerification
  {
    var result = TimestampVerification(time: nil, valid: false, authority: nil, problem: nil)
    let parsed: UnsafeMutablePointer<PKCS7>? = der.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_PKCS7(nil, &cursor, buffer.count)
    }
    guard let token = parsed else {
      ERR_clear_error()
      result.problem = "jeton d'horodatage illisible"
      return result
    }
    defer { PKCS7_free(token) }
    guard let info = PKCS7_to_TS_TST_INFO(token) else {
      ERR_clear_error()
      result.problem = "jeton d'horodatage illisible (pas de TSTInfo)"
      return result
    }
    result.time = Certificate.date(asn1Time: TS_TST_INFO_get_time(info).map { UnsafeRawPointer($0) })
    // The imprint, checked here rather than left to OpenSSL's TS_VFY_DATA alone: a token taken from another
    // signature (or another document) must be refused with a reason the user can read.
    let imprintProblem = imprintRefusal(info, over: data)
    TS_TST_INFO_free(info)
    if let imprintProblem {
      ERR_clear_error()
      result.problem = imprintProblem
      return result
    }
    if let signers = PKCS7_get0_signers(token, nil, 0) {
      if OPENSSL_sk_num(signers) > 0, let first = OPENSSL_sk_value(signers, 0) {
        let certificate = Certificate(retaining: OpaquePointer(first))
        result.authority = certificate.subject
        result.authorityInfo = certificate.info
      }
      OPENSSL_sk_free(signers)
    }
    ERR_clear_error()
    guard let store else {
      result.problem = "aucune autorité de confiance disponible"
      return result
    }
    var joined: [UInt8] = []
    joined.reserveCapacity(data.reduce(0) { $0 + $1.count })
    for part in data { joined += part }
    guard let context = TS_VERIFY_CTX_new(), let data = try? MemoryBIO(bytes: joined) else {
      result.problem = "mémoire insuffisante"
      return result
    }
    defer { TS_VERIFY_CTX_free(context) }
    // The context frees what it is given: hand it its own references.
    BIO_up_ref(data.pointer)
    TS_VERIFY_CTX_set_data(context, data.pointer)
    X509_STORE_up_ref(store.pointer)
    TS_VERIFY_CTX_set_store(context, store.pointer)
    TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA | TS_VFY_SIGNER))
    if TS_RESP_verify_token(context, token) == 1 {
      result.valid = true
    } else {
      var messages: [String] = []
      while case let code = ERR_get_error(), code != 0 {
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
      }
      result.problem = messages.last ?? "jeton non vérifiable"
    }
    return result
  }

  /// Nil when the token's message imprint is the hash of `data` with an admitted algorithm; else why not (French).
  static func imprintRefusal(_ info: OpaquePointer, over data: [ArraySlice<UInt8>]) -> String? {
    guard let imprint = TS_TST_INFO_get_msg_imprint(info), let algorithm = TS_MSG_IMPRINT_get_algo(imprint) else {
      return "jeton d'horodatage sans empreinte (messageImprint)"
    }
    let nid = AlgorithmPolicy.nid(of: algorithm)
    if let refusal = AlgorithmPolicy.digestRefusal(nid, what: "algorithme d'empreinte du jeton d'horodatage") {
      return refusal
    }
    guard let md = EVP_get_digestbyname(OBJ_nid2sn(nid)), let computed = try? Digest.compute(md: md, over: data)
    else { return "empreinte du jeton d'horodatage incalculable" }
    let stamped = asn1Bytes(UnsafePointer(TS_MSG_IMPRINT_get_msg(imprint)))
    guard stamped == computed else {
      return "le jeton d'horodatage porte sur d'autres données : son empreinte n'est pas celle de la valeur "
        + "signée qu'il doit horodater (jeton repris d'une autre signature ou d'un autre document)"
    }
    return nil
  }

  /// Parses `D:YYYYMMDDHHmmSS` with an optional `Z` or `+HH'mm'` offset.
  static func parsePDFDate(_ text: String) -> Date? {
    var digits = Substring(text)
    if digits.hasPrefix("D:") { digits = digits.dropFirst(2) }
    let numeric = digits.prefix { $0.isASCII && $0.isNumber }
    guard numeric.count >= 4 else { return nil }
    func part(_ offset: Int, _ length: Int, _ defaultValue: Int) -> Int {
      let characters = Array(numeric)
      guard characters.count >= offset + length else { return defaultValue }
      return Int(String(characters[offset..<(offset + length)])) ?? defaultValue
    }
    var components = DateComponents()
    components.year = part(0, 4, 1970)
    components.month = part(4, 2, 1)
    components.day = part(6, 2, 1)
    components.hour = part(8, 2, 0)
    components.minute = part(10, 2, 0)
    components.second = part(12, 2, 0)
    var offsetSeconds = 0
    let rest = digits.dropFirst(numeric.count)
    if let sign = rest.first, sign == "+" || sign == "-" {
      let numbers = rest.dropFirst().split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
      let hours = min(max(numbers.first ?? 0, 0), 23)
      let minutes = numbers.count > 1 ? min(max(numbers[1], 0), 59) : 0
      offsetSeconds = (hours * 3600 + minutes * 60) * (sign == "+" ? 1 : -1)
    }
    // timegm rather than a Foundation Calendar, whose first use costs more than the whole signature check
    // of a small file; each field is at most four digits, so nothing overflows.
    var parts = tm()
    parts.tm_year = Int32(components.year ?? 1970) - 1900
    parts.tm_mon = Int32(components.month ?? 1) - 1
    parts.tm_mday = Int32(components.day ?? 1)
    parts.tm_hour = Int32(components.hour ?? 0)
    parts.tm_min = Int32(components.minute ?? 0)
    parts.tm_sec = Int32(components.second ?? 0)
    let seconds = timegm(&parts)
    return Date(timeIntervalSince1970: TimeInterval(seconds) - TimeInterval(offsetSeconds))
  }

}

/// The covered bytes of a signature, run once through the digest BIOs that OpenSSL sets up for a SignedData
/// (`CMS_dataInit`): it gives both the digest to compare with the message digest and what `CMS_verify`
/// checks of the content, without copying the file nor hashing it twice.
final class CMSContentDigest {
  private let chain: OpaquePointer?

  init(_ cms: CMSContainer, _ covered: [ArraySlice<UInt8>]) {
    var chain = CMS_dataInit(cms.pointer, nil)
    if let opened = chain, !CMSSigner.writeAll(covered, to: opened) {
      BIO_free_all(opened)
      chain = nil
    }
    if let chain { _ = BIO_ctrl(chain, BIO_CTRL_FLUSH, 0, nil) }
    ERR_clear_error()
    self.chain = chain
  }

  deinit { if let chain { BIO_free_all(chain) } }

  /// The digest with this algorithm, or nil when the chain has none (or could not be built).
  func digest(_ algorithm: DigestAlgorithm) -> [UInt8]? { digest(nid: algorithm.nid) }

  /// The digest with the algorithm of this OpenSSL NID, or nil when the chain has none (or could not be built).
  func digest(nid: Int32) -> [UInt8]? {
    var bio = chain
    while let current = bio {
      var context: OpaquePointer?
      // Only digest BIOs answer this request; the null sink at the end leaves `context` nil.
      if BIO_ctrl(current, BIO_C_GET_MD_CTX, 0, &context) == 1, let context,
        let md = EVP_MD_CTX_get0_md(context), EVP_MD_get_type(md) == nid
      {
        guard let copy = EVP_MD_CTX_new() else { return nil }
        defer { EVP_MD_CTX_free(copy) }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_MD_CTX_copy_ex(copy, context) == 1, EVP_DigestFinal_ex(copy, &output, &length) == 1 else {
          ERR_clear_error()
          return nil
        }
        return Array(output.prefix(Int(length)))
      }
      bio = BIO_next(current)
    }
    return nil
  }

  /// OpenSSL's check of the content against the signer info (`CMS_SignerInfo_verify_content`).
  func verifyContent(_ signerInfo: OpaquePointer) -> Bool {
    guard let chain else { return false }
    return CMS_SignerInfo_verify_content(signerInfo, chain) == 1
  }
}
