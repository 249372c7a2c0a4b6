public import Foundation
import RegistreArchive
import RegistreFormats
public import RegistreImport
public import RegistreModel
public import RegistreSupport

/// What `registre importer` did: the folder written, its files, and the report per fiche.
public struct ImportOutcome: Sendable {
  public var folder: URL
  public var files: [String]
  public var report: ImportReport
}

/// `registre importer`: an existing register (CNIL model, MADIS, any spreadsheet with a mapping) into a new
/// register folder of drafts, with « À COMPLÉTER » where the source says nothing or what it says cannot be mapped.
public enum ImportWorkflow {
  /// Reads `input` (and the mapping file, if any) and writes the new folder `output`; never into an existing one.
  /// `progress` (issue 22): the source read, each fiche converted, each file written, n of N.
  public static func run(
    input: URL, output: URL, format: ImportFormat? = nil, mapping: URL? = nil, structure: String? = nil,
    progress: ProgressReport? = nil
  ) throws(WorkflowError) -> ImportOutcome {
    if FileManager.default.fileExists(atPath: output.path) || (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) != nil {
      throw WorkflowError(.failed, "\(output.path) existe déjà : un import écrit toujours un nouveau dossier, jamais dans un registre existant. Rien n'a été écrit.")
    }
    let data: Data
    do {
      data = try BoundedFile.read(input, limit: Importer.maximumFileSize)
    } catch {
      throw WorkflowError(.failed, "\(error.message). Rien n'a été écrit.")
    }
    var mappingText: String?
    if let mapping {
      do {
        let bytes = try BoundedFile.read(mapping, limit: 256 * 1024)
        guard let text = String(data: bytes, encoding: .utf8) else {
          throw WorkflowError(.failed, "\(mapping.path) : la correspondance n'est pas en UTF-8. Rien n'a été écrit.")
        }
        mappingText = text
      } catch let error as WorkflowError {
        throw error
      } catch let error as BoundedReadError {
        throw WorkflowError(.failed, "\(error.message). Rien n'a été écrit.")
      } catch {
        throw WorkflowError(.failed, "\(mapping.path) : illisible. Rien n'a été écrit.")
      }
    }
    let imported: ImportedRegister
    do {
      imported = try Importer.read(
        data, name: input.lastPathComponent, options: Importer.Options(format: format, mapping: mappingText, structure: structure, progress: progress))
    } catch {
      throw WorkflowError(.failed, "\(error.message). Rien n'a été écrit.")
    }
    do {
      let files = try RegisterWriter.writeNewFolder(
        school: imported.school, treatments: imported.treatments, processors: imported.processors, to: output,
        progress: progress)
      return ImportOutcome(folder: output, files: files, report: imported.report)
    } catch .fichierExistant {
      throw WorkflowError(.failed, "\(output.path) existe déjà : rien n'a été écrit.")
    } catch {
      throw WorkflowError(.failed, "\(output.path) : écriture impossible (\(error)). Rien n'a été écrit.")
    }
  }
}

/// `registre convertir --format cnil-ods|csv`: the register as a spreadsheet in the CNIL's layout, the same
/// bytes as the yearly export's `.ods` and `.csv`.
public enum SpreadsheetExportWorkflow {
  public enum Kind: String, Sendable, CaseIterable {
    case cnilODS = "cnil-ods"
    case csv
  }

  public static func data(_ registre: Register, kind: Kind) throws(WorkflowError) -> Data {
    switch kind {
    case .csv: return Spreadsheet.csv(registre)
    case .cnilODS:
      do {
        return try Spreadsheet.ods(registre)
      } catch {
        throw WorkflowError(.failed, "tableur impossible à écrire (\(error)).")
      }
    }
  }
}
