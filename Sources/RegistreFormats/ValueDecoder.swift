/// A `Decoder` that reads a model value straight from a ``Value`` tree.
///
/// The readers used to go Valeur → JSON bytes → `JSONDecoder`; that round trip
/// cost a third of the load time. Typing follows JSON's: a text decodes only as
/// a `String`, an integer as any integer or floating type that holds it, a
/// boolean only as `Bool`. The tree has no null: a missing key is absent.
/// Errors are `DecodingError`s carrying the coding path, never a trap.
struct ValueDecoder: Decoder {
  let valeur: Value
  /// The path is built only when needed (an error, a nested container): most
  /// leaves never ask for it, and building it costs an allocation.
  private let parent: [any CodingKey]
  private let cle: (any CodingKey)?

  init(_ valeur: Value, codingPath: [any CodingKey] = []) {
    self.valeur = valeur
    self.parent = codingPath
    self.cle = nil
  }

  init(_ valeur: Value, parent: [any CodingKey], cle: any CodingKey) {
    self.valeur = valeur
    self.parent = parent
    self.cle = cle
  }

  var codingPath: [any CodingKey] {
    guard let cle else { return parent }
    return parent + [cle]
  }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .objet(let paires) = valeur else {
      throw ValueDecoder.typeMismatch([String: Any].self, valeur, codingPath)
    }
    return KeyedDecodingContainer(ObjectContainer<Key>(paires: paires, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .liste(let elements) = valeur else {
      throw ValueDecoder.typeMismatch([Any].self, valeur, codingPath)
    }
    return ListContainer(elements: elements, codingPath: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    ScalarContainer(valeur: valeur, decodeur: self)
  }

  // MARK: Shared conversions

  static func nature(_ valeur: Value) -> String {
    switch valeur {
    case .texte: return "a string"
    case .entier: return "an integer"
    case .booleen: return "a boolean"
    case .liste: return "an array"
    case .objet: return "an object"
    }
  }

  static func typeMismatch(_ attendu: Any.Type, _ valeur: Value, _ chemin: [any CodingKey]) -> DecodingError {
    .typeMismatch(
      attendu,
      .init(codingPath: chemin, debugDescription: "Expected to decode \(attendu) but found \(nature(valeur)) instead."))
  }

  static func string(_ valeur: Value, _ chemin: @autoclosure () -> [any CodingKey]) throws -> String {
    guard case .texte(let s) = valeur else { throw typeMismatch(String.self, valeur, chemin()) }
    return s
  }

  static func bool(_ valeur: Value, _ chemin: @autoclosure () -> [any CodingKey]) throws -> Bool {
    guard case .booleen(let b) = valeur else { throw typeMismatch(Bool.self, valeur, chemin()) }
    return b
  }

  static func integer<T: FixedWidthInteger>(_ valeur: Value, _ chemin: @autoclosure () -> [any CodingKey]) throws -> T {
    guard case .entier(let n) = valeur else { throw typeMismatch(T.self, valeur, chemin()) }
    guard let converti = T(exactly: n) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: chemin(), debugDescription: "Number \(n) does not fit in \(T.self)."))
    }
    return converti
  }

  static func floatingPoint<T: BinaryFloatingPoint>(_ valeur: Value, _ chemin: @autoclosure () -> [any CodingKey]) throws -> T {
    guard case .entier(let n) = valeur else { throw typeMismatch(T.self, valeur, chemin()) }
    return T(n)
  }

  /// Decodes `T` from `valeur` found at `cle` under `parent`.
  static func decodeModel<T: Decodable>(
    _ type: T.Type, _ valeur: Value, parent: [any CodingKey], cle: (any CodingKey)?
  ) throws -> T {
    // Leaves skip the boxed decoder and container that `T(from:)` would need.
    if T.self == String.self, let s = try string(valeur, joinedPath(parent, cle)) as? T { return s }
    if T.self == Int.self, let n = try integer(valeur, joinedPath(parent, cle)) as Int as? T { return n }
    if T.self == Bool.self, let b = try bool(valeur, joinedPath(parent, cle)) as? T { return b }
    if let cle { return try T(from: ValueDecoder(valeur, parent: parent, cle: cle)) }
    return try T(from: ValueDecoder(valeur, codingPath: parent))
  }

  static func joinedPath(_ parent: [any CodingKey], _ cle: (any CodingKey)?) -> [any CodingKey] {
    guard let cle else { return parent }
    return parent + [cle]
  }
}

/// An integer index in a coding path.
private struct IndexKey: CodingKey {
  let intValue: Int?
  var stringValue: String { "Index \(intValue ?? 0)" }
  init(_ indice: Int) { intValue = indice }
  init?(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}

private struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let paires: [(String, Value)]
  let codingPath: [any CodingKey]

  var allKeys: [Key] { paires.compactMap { Key(stringValue: $0.0) } }

  func contains(_ key: Key) -> Bool { lookUp(key) != nil }

  private func lookUp(_ key: Key) -> Value? {
    let nom = key.stringValue
    for (cle, valeur) in paires where cle == nom { return valeur }
    return nil
  }

  private func require(_ key: Key) throws -> Value {
    guard let valeur = lookUp(key) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
    }
    return valeur
  }

  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

  private func decodeModel<T: Decodable>(_ type: T.Type, _ valeur: Value, _ key: Key) throws -> T {
    try ValueDecoder.decodeModel(type, valeur, parent: codingPath, cle: key)
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    _ = try require(key)
    return false
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try ValueDecoder.bool(require(key), path(key)) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try ValueDecoder.string(require(key), path(key)) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try ValueDecoder.floatingPoint(require(key), path(key)) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try ValueDecoder.floatingPoint(require(key), path(key)) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try ValueDecoder.integer(require(key), path(key)) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try ValueDecoder.integer(require(key), path(key)) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decodeModel(type, require(key), key)
  }

  // One lookup instead of the default's three (contains, decodeNil, decode).
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try lookUp(key).map { try ValueDecoder.bool($0, path(key)) }
  }

  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try lookUp(key).map { try ValueDecoder.string($0, path(key)) }
  }

  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try lookUp(key).map { try ValueDecoder.integer($0, path(key)) }
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    try lookUp(key).map { try decodeModel(type, $0, key) }
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try ValueDecoder(require(key), parent: codingPath, cle: key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try ValueDecoder(require(key), parent: codingPath, cle: key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    ValueDecoder(try requireName("super"), codingPath: codingPath)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    ValueDecoder(try require(key), parent: codingPath, cle: key)
  }

  private func requireName(_ nom: String) throws -> Value {
    for (cle, valeur) in paires where cle == nom { return valeur }
    throw DecodingError.keyNotFound(
      IndexKey(0), .init(codingPath: codingPath, debugDescription: "No value associated with key \(nom)."))
  }
}

private struct ListContainer: UnkeyedDecodingContainer {
  let elements: [Value]
  let codingPath: [any CodingKey]
  private(set) var currentIndex = 0

  init(elements: [Value], codingPath: [any CodingKey]) {
    self.elements = elements
    self.codingPath = codingPath
  }

  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  private func checkEnd(_ type: Any.Type) throws {
    guard isAtEnd else { return }
    throw DecodingError.valueNotFound(
      type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "Unkeyed container is at end."))
  }

  private mutating func next(_ type: Any.Type) throws -> (Value, [any CodingKey]) {
    try checkEnd(type)
    let chemin = codingPath + [IndexKey(currentIndex)]
    let valeur = elements[currentIndex]
    currentIndex += 1
    return (valeur, chemin)
  }

  mutating func decodeNil() throws -> Bool {
    try checkEnd(Any?.self)
    return false
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, c) = try next(type); return try ValueDecoder.bool(v, c) }
  mutating func decode(_ type: String.Type) throws -> String { let (v, c) = try next(type); return try ValueDecoder.string(v, c) }
  mutating func decode(_ type: Double.Type) throws -> Double { let (v, c) = try next(type); return try ValueDecoder.floatingPoint(v, c) }
  mutating func decode(_ type: Float.Type) throws -> Float { let (v, c) = try next(type); return try ValueDecoder.floatingPoint(v, c) }
  mutating func decode(_ type: Int.Type) throws -> Int { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, c) = try next(type); return try ValueDecoder.integer(v, c) }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try checkEnd(type)
    let indice = currentIndex
    currentIndex += 1
    return try ValueDecoder.decodeModel(type, elements[indice], parent: codingPath, cle: IndexKey(indice))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
    let (v, c) = try next(KeyedDecodingContainer<NestedKey>.self)
    return try ValueDecoder(v, codingPath: c).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (v, c) = try next((any UnkeyedDecodingContainer).self)
    return try ValueDecoder(v, codingPath: c).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (v, c) = try next((any Decoder).self)
    return ValueDecoder(v, codingPath: c)
  }
}

private struct ScalarContainer: SingleValueDecodingContainer {
  let valeur: Value
  let decodeur: ValueDecoder

  var codingPath: [any CodingKey] { decodeur.codingPath }

  func decodeNil() -> Bool { false }
  func decode(_ type: Bool.Type) throws -> Bool { try ValueDecoder.bool(valeur, codingPath) }
  func decode(_ type: String.Type) throws -> String { try ValueDecoder.string(valeur, codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try ValueDecoder.floatingPoint(valeur, codingPath) }
  func decode(_ type: Float.Type) throws -> Float { try ValueDecoder.floatingPoint(valeur, codingPath) }
  func decode(_ type: Int.Type) throws -> Int { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: Int8.Type) throws -> Int8 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: Int16.Type) throws -> Int16 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: UInt.Type) throws -> UInt { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try ValueDecoder.integer(valeur, codingPath) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try ValueDecoder.integer(valeur, codingPath) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try ValueDecoder.decodeModel(type, valeur, parent: codingPath, cle: nil) }
}
