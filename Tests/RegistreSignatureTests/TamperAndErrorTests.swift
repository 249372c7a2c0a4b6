import Foundation
import Testing

@testable import RegistreSignature

@Suite("Falsifications détectées")
struct TamperTests {
  @Test("Un octet modifié dans la plage signée : contenu signalé comme modifié")
  func oneByteChanged() throws {
    let fixtures = try Fixtures.get()
    var bytes = [UInt8](try signed(fixtures.classicPDF, fixtures))
    let streamStart = try #require(PDFDocument.find(Array("stream\n".utf8), in: bytes, range: 0..<bytes.count))
    bytes[streamStart + 20] ^= 0x01
    let report = try verify(Data(bytes), fixtures)
    let signature = try #require(report.signatures.first)
    #expect(!signature.intact)
    #expect(!signature.valid)
    #expect(!report.valid)
    #expect(signature.problems.contains { $0.contains("modifié") })
    let pdfsig = try fixtures.pdfsig(try fixtures.write(Data(bytes), "tampered.pdf"))
    #expect(!pdfsig.output.contains("Signature is Valid"), "\(pdfsig.output)")
  }

  @Test("Une page ajoutée après la signature : ajout signalé, avec les objets concernés")
  func pageAppended() throws {
    let fixtures = try Fixtures.get()
    let signedFile = try signed(fixtures.xrefStreamPDF, fixtures)
    let document = try PDFDocument(data: signedFile)
    var update = try IncrementalUpdate(document: document)
    let (_, catalog) = try document.catalog()
    let pagesReference = try #require(catalog["Pages"]?.referenceValue)
    var pages = try #require(try document.resolveDictionary(.reference(pagesReference)))
    let (_, firstPage) = try document.firstPage()
    var newPage = firstPage
    newPage["Annots"] = nil
    let newReference = update.allocate()
    update.set(newReference, .dictionary(newPage))
    pages["Kids"] = .array((pages["Kids"]?.arrayValue ?? []) + [.reference(newReference)])
    pages["Count"] = .integer((pages["Count"]?.integerValue ?? 0) + 1)
    update.set(pagesReference, .dictionary(pages))
    let modified = Data(update.write().bytes)

    let report = try verify(modified, fixtures)
    let signature = try #require(report.signatures.first)
    #expect(signature.intact && signature.coversRevision)
    #expect(!signature.coversWholeFile)
    let appended = try #require(report.appendedAfterLastSignature)
    #expect(appended.bytes > 0)
    #expect(appended.objects.contains { $0.contains("Page)") }, "\(appended.objects)")
    #expect(appended.objects.contains { $0.contains("Pages)") }, "\(appended.objects)")
    #expect(!appended.onlyValidationData)
    #expect(!report.valid)
    let pdfsig = try fixtures.pdfsig(try fixtures.write(modified, "appended.pdf"))
    #expect(!pdfsig.output.contains("Total document signed"), "\(pdfsig.output)")
  }

  @Test("Page modifiée entre deux signatures : la première signature n'est plus valide")
  func pageChangedBetweenSignatures() throws {
    let fixtures = try Fixtures.get()
    let first = try signed(fixtures.classicPDF, fixtures)
    let document = try PDFDocument(data: first)
    var update = try IncrementalUpdate(document: document)
    let (pageReference, page) = try document.firstPage()
    var changed = page
    changed["MediaBox"] = .array([.integer(0), .integer(0), .integer(300), .integer(300)])
    update.set(pageReference, .dictionary(changed))
    let modified = Data(update.write().bytes)
    let second = try PDFSigner.sign(modified, credentials: try fixtures.otherSigner())
    let report = try verify(second, fixtures)
    #expect(report.signatures.count == 2)
    let earlier = try #require(report.signatures.first)
    #expect(earlier.intact)
    #expect(earlier.laterChangesOnlySignatures == false)
    #expect(earlier.laterChanges?.contains { $0.contains("(Page) modifié") } == true, "\(earlier.laterChanges ?? [])")
    #expect(!earlier.valid)
    #expect(report.signatures.last?.valid == true)
    #expect(!report.valid)
  }

  @Test("Flux de contenu remplacé entre deux signatures : la première signature n'est plus valide")
  func contentChangedBetweenSignatures() throws {
    let fixtures = try Fixtures.get()
    let first = try signed(fixtures.classicPDF, fixtures)
    let document = try PDFDocument(data: first)
    var update = try IncrementalUpdate(document: document)
    let (_, page) = try document.firstPage()
    let contents = try #require(page["Contents"]?.referenceValue ?? page["Contents"]?.arrayValue?.first?.referenceValue)
    update.set(contents, .stream(PDFDictionary(), Array("BT /F1 12 Tf (Faux) Tj ET".utf8)))
    let second = try PDFSigner.sign(Data(update.write().bytes), credentials: try fixtures.otherSigner())
    let report = try verify(second, fixtures)
    #expect(report.signatures.first?.laterChangesOnlySignatures == false)
    #expect(report.signatures.first?.valid == false)
    #expect(!report.valid)
  }

  @Test("Une signature copiée depuis un autre fichier : contenu signalé comme modifié")
  func signatureCopied() throws {
    let fixtures = try Fixtures.get()
    let donor = [UInt8](try signed(fixtures.classicPDF, fixtures))
    var target = [UInt8](try signed(fixtures.xrefStreamPDF, fixtures))
    let donorRange = try #require(try verify(Data(donor), fixtures).signatures.first?.byteRange)
    let targetRange = try #require(try verify(Data(target), fixtures).signatures.first?.byteRange)
    let donorGap = Array(donor[donorRange[1]..<donorRange[2]])
    try #require(donorGap.count == targetRange[2] - targetRange[1])
    target.replaceSubrange(targetRange[1]..<targetRange[2], with: donorGap)
    let report = try verify(Data(target), fixtures)
    let signature = try #require(report.signatures.first)
    #expect(!signature.intact)
    #expect(!report.valid)
  }

  @Test("Certificat d'autorité (usage de clé sans signature) : signature non valide")
  func wrongKeyUsage() throws {
    let fixtures = try Fixtures.get()
    let authority = try SigningCredentials.pem(key: fixtures.data("root.key"), certificate: fixtures.data("root.pem"))
    let report = try verify(try PDFSigner.sign(fixtures.classicPDF, credentials: authority), fixtures)
    let signature = try #require(report.signatures.first)
    #expect(signature.intact && signature.trusted)
    #expect(signature.problems.contains { $0.contains("usage de clé") })
    #expect(!signature.valid)
  }

  @Test("Sans autorité de confiance : signature intacte mais non reconnue")
  func untrusted() throws {
    let fixtures = try Fixtures.get()
    let report = try PDFVerifier.verify(try signed(fixtures.classicPDF, fixtures), trustAnchors: [])
    let signature = try #require(report.signatures.first)
    #expect(signature.intact && signature.signatureValid)
    #expect(!signature.trusted)
    #expect(!report.valid)
  }

  @Test("PDF sans signature : aucune signature, non valide")
  func unsigned() throws {
    let fixtures = try Fixtures.get()
    let report = try verify(fixtures.classicPDF, fixtures)
    #expect(report.signatures.isEmpty)
    #expect(!report.valid)
  }
}

@Suite("Erreurs claires, rien d'écrit")
struct CredentialErrorTests {
  @Test("PKCS#12 : bon mot de passe accepté, mauvais refusé")
  func pkcs12() throws {
    let fixtures = try Fixtures.get()
    let p12 = try fixtures.data("signer.p12")
    #expect(throws: SignatureError.wrongPassword) {
      try SigningCredentials.pkcs12(p12, password: SecretPassword("mauvais"))
    }
    #expect(!SignatureError.wrongPassword.description.contains("mauvais"))
    let credentials = try SigningCredentials.pkcs12(p12, password: SecretPassword("secret-p12"))
    #expect(credentials.chain.count == 1)
    let output = try PDFSigner.sign(fixtures.classicPDF, credentials: credentials)
    #expect(try verify(output, fixtures).valid)
  }

  @Test("PKCS#12 à l'ancienne (RC2, fournisseur « legacy » d'OpenSSL 3) : accepté")
  func legacyPKCS12() throws {
    let fixtures = try Fixtures.get()
    let p12 = try fixtures.data("signer-legacy.p12")
    #expect(throws: SignatureError.wrongPassword) {
      try SigningCredentials.pkcs12(p12, password: SecretPassword("mauvais"))
    }
    let credentials = try SigningCredentials.pkcs12(p12, password: SecretPassword("ancien"))
    #expect(credentials.certificate.info.serialNumber == "03")
  }

  @Test("Clé PEM chiffrée : mot de passe requis, mauvais mot de passe refusé, bon accepté")
  func encryptedPEM() throws {
    let fixtures = try Fixtures.get()
    let key = try fixtures.data("signer-encrypted.key")
    let certificate = try fixtures.data("signer.pem")
    #expect(throws: SignatureError.passwordRequired) {
      try SigningCredentials.pem(key: key, certificate: certificate)
    }
    #expect(throws: SignatureError.wrongPassword) {
      try SigningCredentials.pem(key: key, certificate: certificate, password: SecretPassword("faux"))
    }
    let credentials = try SigningCredentials.pem(key: key, certificate: certificate, password: SecretPassword("secret-pem"))
    #expect(credentials.certificate.info.serialNumber == "03")
  }

  @Test("Clé qui ne correspond pas au certificat : refusée")
  func mismatchedKey() throws {
    let fixtures = try Fixtures.get()
    #expect(throws: SignatureError.keyDoesNotMatchCertificate) {
      try SigningCredentials.pem(key: fixtures.data("other.key"), certificate: fixtures.data("signer.pem"))
    }
  }

  @Test("Certificat expiré : refusé sauf si forcé")
  func expiredCertificate() throws {
    let fixtures = try Fixtures.get()
    let credentials = try SigningCredentials.pem(
      key: fixtures.data("expired.key"), certificate: fixtures.data("expired.pem"), chain: fixtures.data("inter.pem"))
    let error = caughtError { try PDFSigner.sign(fixtures.classicPDF, credentials: credentials) }
    guard case .certificateExpired? = error as? SignatureError else {
      Issue.record("expected certificateExpired, got \(String(describing: error))")
      return
    }
    #expect("\(error.map { "\($0)" } ?? "")".contains("expiré"))
    let forced = try PDFSigner.sign(fixtures.classicPDF, credentials: credentials,
      options: SignatureOptions(allowInvalidCertificate: true))
    let signature = try #require(try verify(forced, fixtures).signatures.first)
    #expect(signature.intact)
    #expect(!signature.trusted)
    #expect(signature.problems.contains { $0.contains("expiré") }, "\(signature.problems)")
  }

  @Test("Certificat pas encore valide : refusé")
  func notYetValid() throws {
    let fixtures = try Fixtures.get()
    let credentials = try fixtures.signer()
    let error = caughtError {
      try PDFSigner.sign(fixtures.classicPDF, credentials: credentials,
        options: SignatureOptions(signingTime: Date(timeIntervalSince1970: 0)))
    }
    guard case .certificateNotYetValid? = error as? SignatureError else {
      Issue.record("expected certificateNotYetValid, got \(String(describing: error))")
      return
    }
  }

  @Test("PDF chiffré : refusé à la signature et à la vérification")
  func encryptedPDF() throws {
    let fixtures = try Fixtures.get()
    let source = try fixtures.write(fixtures.classicPDF, "clair.pdf")
    let target = fixtures.url("\(UUID().uuidString)-chiffre.pdf")
    let qpdf = try runTool("qpdf", ["--encrypt", "u", "o", "256", "--", source.path, target.path])
    try #require(qpdf.status == 0, "\(qpdf.output)")
    let encrypted = try Data(contentsOf: target)
    #expect(throws: SignatureError.pdf(.encrypted)) {
      try PDFSigner.sign(encrypted, credentials: try fixtures.signer())
    }
    #expect(throws: PDFError.encrypted) { try PDFVerifier.verify(encrypted) }
  }

  @Test("PDF endommagé ou qui n'en est pas un : erreur claire")
  func damagedPDF() throws {
    let fixtures = try Fixtures.get()
    let truncated = fixtures.classicPDF.prefix(fixtures.classicPDF.count / 2)
    let credentials = try fixtures.signer()
    let error = caughtError { try PDFSigner.sign(truncated, credentials: credentials) } as? SignatureError
    guard case .pdf(.damaged)? = error else {
      Issue.record("expected a damaged-PDF error, got \(String(describing: error))")
      return
    }
    #expect(error?.description.hasPrefix("PDF endommagé") == true)
    #expect(throws: PDFError.notAPDF) { try PDFVerifier.verify(Data("bonjour".utf8)) }
  }
}

/// The error `body` throws, if any.
func caughtError<T>(_ body: () throws -> T) -> (any Error)? {
  do {
    _ = try body()
    return nil
  } catch {
    return error
  }
}
