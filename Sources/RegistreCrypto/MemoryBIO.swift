import COpenSSL

/// An owned `BIO*` over memory.
package final class MemoryBIO {
  package let pointer: OpaquePointer

  package init() throws(CryptoError) {
    guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.drainOpenSSLErrors("BIO_new") }
    pointer = bio
  }

  package convenience init(bytes: [UInt8]) throws(CryptoError) {
    try self.init()
    let written = bytes.withUnsafeBytes { raw in BIO_write(pointer, raw.baseAddress, Int32(raw.count)) }
    guard written == bytes.count || bytes.isEmpty else { throw CryptoError.drainOpenSSLErrors("BIO_write") }
  }

  /// A BIO holding key material: its buffer is wiped before being freed.
  package convenience init(secret bytes: [UInt8]) throws(CryptoError) {
    try self.init(bytes: bytes)
    wipeOnRelease = true
  }

  private var wipeOnRelease = false

  package var contents: [UInt8] {
    var data: UnsafeMutablePointer<CChar>?
    let length = BIO_ctrl(pointer, BIO_CTRL_INFO, 0, &data)
    guard let data, length > 0 else { return [] }
    return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
  }

  deinit {
    if wipeOnRelease {
      var data: UnsafeMutablePointer<CChar>?
      let length = BIO_ctrl(pointer, BIO_CTRL_INFO, 0, &data)
      if let data, length > 0 { registre_openssl_cleanse(data, length) }
    }
    BIO_free(pointer)
  }
}
