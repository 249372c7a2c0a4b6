import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A resolved socket address, copied out of getaddrinfo's list so nothing C-owned escapes.
struct SocketAddress: Sendable {
  var family: Int32
  var storage: sockaddr_storage
  var length: socklen_t

  /// Numeric form (« 127.0.0.1 », « ::1 »), for messages.
  var numericHost: String {
    var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    var copy = storage
    let status = withUnsafePointer(to: &copy) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
      }
    }
    guard status == 0 else { return "?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

/// getaddrinfo has no time-out of its own; it runs on its own thread and the caller stops
/// waiting at the deadline. A late answer is then dropped by that thread.
enum Resolver {
  private final class Box: @unchecked Sendable {
    let lock = NSLock()
    let done = DispatchSemaphore(value: 0)
    var result: Result<[SocketAddress], NetworkFailure>?
  }

  static func resolve(host: String, port: Int, timeout: Duration) -> Result<[SocketAddress], NetworkFailure> {
    let box = Box()
    let thread = Thread {
      let answer = lookUp(host: host, port: port)
      box.lock.lock()
      box.result = answer
      box.lock.unlock()
      box.done.signal()
    }
    thread.start()
    let (seconds, attoseconds) = timeout.components
    let nanoseconds = Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
    if box.done.wait(timeout: .now() + .nanoseconds(max(nanoseconds, 0))) == .timedOut {
      return .failure(.timeout("la résolution du nom « \(host) » n'a pas abouti en \(timeout.frenchSeconds)"))
    }
    box.lock.lock()
    defer { box.lock.unlock() }
    return box.result ?? .failure(.local("résolution interrompue"))
  }

  private static func lookUp(host: String, port: Int) -> Result<[SocketAddress], NetworkFailure> {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    hints.ai_flags = AI_NUMERICSERV
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, String(port), &hints, &list)
    guard status == 0, let first = list else {
      let reason = String(cString: gai_strerror(status))
      return .failure(.unreachable("le nom « \(host) » ne se résout pas (\(reason))"))
    }
    defer { freeaddrinfo(first) }
    var addresses: [SocketAddress] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let entry = cursor {
      let info = entry.pointee
      if let address = info.ai_addr, Int(info.ai_addrlen) <= MemoryLayout<sockaddr_storage>.size {
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
          target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen)))
        }
        addresses.append(SocketAddress(family: info.ai_family, storage: storage, length: info.ai_addrlen))
      }
      cursor = info.ai_next
    }
    if addresses.isEmpty {
      return .failure(.unreachable("le nom « \(host) » n'a aucune adresse"))
    }
    return .success(addresses)
  }
}
