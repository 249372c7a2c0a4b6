import CSystemZlib
public import Foundation

/// Writes a zip file in memory with stored (uncompressed) entries, in the order given.
///
/// Stored entries are enough for an OpenDocument file (its `mimetype` must be stored anyway) and keep
/// the writer small; times are fixed so the same content always gives the same bytes.
public struct ZipWriter {
  private var body: [UInt8] = []
  private var central: [UInt8] = []
  private var count = 0

  public init() {}

  public enum ZipError: Error, Equatable, Sendable { case tooLarge, tooManyEntries }

  /// Adds one file.
  public mutating func add(_ name: String, _ data: Data) throws(ZipError) {
    let nameBytes = Array(name.utf8)
    let bytes = [UInt8](data)
    guard bytes.count < Int(UInt32.max) - 1, body.count + bytes.count < Int(UInt32.max) - 1024 else { throw .tooLarge }
    guard count < 65_535 else { throw .tooManyEntries }
    let checksum = bytes.withUnsafeBufferPointer { buffer in
      UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
    let offset = UInt32(body.count)
    let size = UInt32(bytes.count)
    // 1980-01-01 00:00 in MS-DOS format; bit 11 of the flags says names are UTF-8.
    let time: UInt16 = 0
    let date: UInt16 = (0 << 9) | (1 << 5) | 1
    let flags: UInt16 = 1 << 11
    var local: [UInt8] = []
    local.le32(0x0403_4b50)
    local.le16(10)
    local.le16(flags)
    local.le16(0)
    local.le16(time)
    local.le16(date)
    local.le32(checksum)
    local.le32(size)
    local.le32(size)
    local.le16(UInt16(nameBytes.count))
    local.le16(0)
    body += local + nameBytes + bytes
    var entry: [UInt8] = []
    entry.le32(0x0201_4b50)
    entry.le16(0x031E)  // made by: Unix, version 3.0
    entry.le16(10)
    entry.le16(flags)
    entry.le16(0)
    entry.le16(time)
    entry.le16(date)
    entry.le32(checksum)
    entry.le32(size)
    entry.le32(size)
    entry.le16(UInt16(nameBytes.count))
    entry.le16(0)
    entry.le16(0)
    entry.le16(0)
    entry.le16(0)
    entry.le32(0o100644 << 16)
    entry.le32(offset)
    central += entry + nameBytes
    count += 1
  }

  /// The finished archive.
  public func finish() -> Data {
    var end: [UInt8] = []
    end.le32(0x0605_4b50)
    end.le16(0)
    end.le16(0)
    end.le16(UInt16(count))
    end.le16(UInt16(count))
    end.le32(UInt32(central.count))
    end.le32(UInt32(body.count))
    end.le16(0)
    return Data(body + central + end)
  }
}

extension [UInt8] {
  fileprivate mutating func le16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func le32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
