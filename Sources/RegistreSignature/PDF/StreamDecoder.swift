import CSystemZlib
import Foundation

/// Decodes the stream filters a signer needs to read cross-reference and object streams.
enum StreamDecoder {
  /// Refuse to inflate more than this: a zip bomb must not exhaust memory.
  static let maximumDecodedSize = 256 * 1024 * 1024

  static func decode(_ data: [UInt8], dictionary: PDFDictionary) throws(PDFError) -> [UInt8] {
    var filters: [String] = []
    switch dictionary["Filter"] {
    case nil: break
    case .name(let name)?: filters = [name]
    case .array(let items)?:
      for item in items {
        guard let name = item.nameValue else { throw .damaged("filtre de flux invalide") }
        filters.append(name)
      }
    default: throw .damaged("filtre de flux invalide")
    }
    var parameters: [PDFDictionary?] = []
    switch dictionary["DecodeParms"] {
    case .dictionary(let d)?: parameters = [d]
    case .array(let items)?: parameters = items.map { $0.dictionaryValue }
    default: break
    }
    guard filters.count <= 8 else { throw .limitExceeded("trop de filtres sur un flux") }
    var current = data
    for (index, filter) in filters.enumerated() {
      let parms = index < parameters.count ? parameters[index] : nil
      switch filter {
      case "FlateDecode", "Fl":
        current = try inflate(current)
        if let parms { current = try unpredict(current, parameters: parms) }
      default:
        throw .unsupported("filtre \(filter)")
      }
    }
    return current
  }

  static func inflate(_ input: [UInt8]) throws(PDFError) -> [UInt8] {
    var stream = z_stream()
    guard registre_inflate_init(&stream) == Z_OK else { throw .damaged("zlib indisponible") }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    var source = input
    let status: Int32 = source.withUnsafeMutableBufferPointer { inputBuffer -> Int32 in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = uInt(inputBuffer.count)
      while true {
        let result = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> Int32 in
          stream.next_out = chunkBuffer.baseAddress
          stream.avail_out = uInt(chunkBuffer.count)
          return CSystemZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunk.count - Int(stream.avail_out)
        output.append(contentsOf: chunk[0..<produced])
        if output.count > maximumDecodedSize { return Z_MEM_ERROR }
        if result == Z_STREAM_END { return Z_STREAM_END }
        if result != Z_OK {
          // Many writers leave a truncated tail; keep what was decoded when there is some.
          return output.isEmpty ? result : Z_STREAM_END
        }
        if produced == 0 && stream.avail_in == 0 { return Z_STREAM_END }
      }
    }
    if status == Z_MEM_ERROR { throw .limitExceeded("flux décompressé de plus de 256 Mo") }
    guard status == Z_STREAM_END else { throw .damaged("flux compressé illisible") }
    return output
  }

  /// Reverses PNG predictors (10–15), the only kind xref streams use in practice.
  static func unpredict(_ data: [UInt8], parameters: PDFDictionary) throws(PDFError) -> [UInt8] {
    let predictor = parameters["Predictor"]?.integerValue ?? 1
    if predictor <= 1 { return data }
    guard predictor >= 10, predictor <= 15 else { throw .unsupported("prédicteur \(predictor)") }
    let colors = parameters["Colors"]?.integerValue ?? 1
    let bitsPerComponent = parameters["BitsPerComponent"]?.integerValue ?? 8
    let columns = parameters["Columns"]?.integerValue ?? 1
    guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bitsPerComponent),
      (1...1_000_000).contains(columns), colors * bitsPerComponent * columns <= 1 << 24
    else { throw .damaged("paramètres de prédicteur invalides") }
    let bytesPerPixel = max(1, colors * bitsPerComponent / 8)
    let rowLength = (colors * bitsPerComponent * columns + 7) / 8
    var output: [UInt8] = []
    output.reserveCapacity(data.count)
    var previous = [UInt8](repeating: 0, count: rowLength)
    var row = [UInt8](repeating: 0, count: rowLength)
    var index = 0
    while index < data.count {
      let filter = data[index]
      index += 1
      let available = min(rowLength, data.count - index)
      for i in 0..<rowLength { row[i] = i < available ? data[index + i] : 0 }
      index += available
      for i in 0..<rowLength {
        let left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0
        let up = previous[i]
        let upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0
        switch filter {
        case 0: break
        case 1: row[i] = row[i] &+ left
        case 2: row[i] = row[i] &+ up
        case 3: row[i] = row[i] &+ UInt8((Int(left) + Int(up)) / 2)
        case 4:
          let p = Int(left) + Int(up) - Int(upLeft)
          let pa = abs(p - Int(left))
          let pb = abs(p - Int(up))
          let pc = abs(p - Int(upLeft))
          let predicted = (pa <= pb && pa <= pc) ? left : (pb <= pc ? up : upLeft)
          row[i] = row[i] &+ predicted
        default: throw .damaged("prédicteur PNG inconnu (\(filter))")
        }
      }
      output.append(contentsOf: row[0..<available])
      swap(&previous, &row)
    }
    return output
  }
}
