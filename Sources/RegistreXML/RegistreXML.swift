import CLibXML2
import CLibXSLT
import Foundation

enum RegistreXMLModule {
  static let version = LIBXML_DOTTED_VERSION
}
