import COpenSSL
import Foundation

enum RegistreSignatureModule {
  static func version() -> UInt { OpenSSL_version_num() }
}
