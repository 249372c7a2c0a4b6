import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A non-blocking TCP socket that owns its descriptor. Every wait is a `poll` bounded by a
/// deadline, and writes use MSG_NOSIGNAL so a peer that hangs up cannot kill the process.
final class TCPConnection {
  let descriptor: Int32
  /// The address actually connected to.
  let address: SocketAddress

  private init(descriptor: Int32, address: SocketAddress) {
    self.descriptor = descriptor
    self.address = address
  }

  deinit {
    close(descriptor)
  }

  /// Tries each address in turn until one accepts, within the deadline.
  static func open(to addresses: [SocketAddress], deadline: Deadline) -> Result<TCPConnection, NetworkFailure> {
    var lastFailure = NetworkFailure.unreachable("aucune adresse")
    for address in addresses {
      switch connectOne(address, deadline: deadline) {
      case .success(let connection):
        return .success(connection)
      case .failure(let failure):
        lastFailure = failure
        if case .timeout = failure { return .failure(failure) }
      }
    }
    return .failure(lastFailure)
  }

  private static func connectOne(_ address: SocketAddress, deadline: Deadline) -> Result<TCPConnection, NetworkFailure> {
    #if canImport(Glibc)
      let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
      let type = SOCK_STREAM
    #endif
    let descriptor = socket(address.family, type, 0)
    guard descriptor >= 0 else {
      return .failure(.local("création de socket impossible (\(String(cString: strerror(errno))))"))
    }
    // Owning the descriptor from here on closes it on every failure path.
    let connection = TCPConnection(descriptor: descriptor, address: address)
    let flags = fcntl(descriptor, F_GETFL, 0)
    guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else {
      return .failure(.local("socket non bloquante impossible"))
    }
    var storage = address.storage
    let status = withUnsafePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, address.length) }
    }
    if status != 0 {
      let code = errno
      guard code == EINPROGRESS || code == EINTR else {
        return .failure(connectFailure(code, address))
      }
      switch connection.wait(for: Int16(POLLOUT), deadline: deadline) {
      case .ready:
        break
      case .timedOut:
        return .failure(.timeout("pas de réponse de \(address.numericHost) (connexion TCP)"))
      case .failed(let code):
        return .failure(connectFailure(code, address))
      }
      var socketError: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0 else {
        return .failure(.local("état de la socket illisible"))
      }
      if socketError != 0 {
        return .failure(connectFailure(socketError, address))
      }
    }
    return .success(connection)
  }

  private static func connectFailure(_ code: Int32, _ address: SocketAddress) -> NetworkFailure {
    let host = address.numericHost
    switch code {
    case ECONNREFUSED:
      return .unreachable("connexion refusée par \(host) (aucun service sur ce port)")
    case ETIMEDOUT:
      return .timeout("pas de réponse de \(host) (connexion TCP)")
    default:
      return .unreachable("connexion à \(host) impossible (\(String(cString: strerror(code))))")
    }
  }

  enum WaitResult {
    case ready
    case timedOut
    case failed(Int32)
  }

  /// Waits until the socket is ready for `events` or the deadline passes.
  func wait(for events: Int16, deadline: Deadline) -> WaitResult {
    while true {
      let milliseconds = deadline.remainingMilliseconds
      if milliseconds == 0 { return .timedOut }
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      let count = poll(&entry, 1, milliseconds)
      if count < 0 {
        if errno == EINTR { continue }
        return .failed(errno)
      }
      if count == 0 { return .timedOut }
      // POLLHUP/POLLERR are reported as ready: the following read or write tells what happened.
      return .ready
    }
  }

  /// Sends all of `bytes` before the deadline.
  func write(_ bytes: [UInt8], deadline: Deadline) -> Result<Void, NetworkFailure> {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes.withUnsafeBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if sent > 0 {
        offset += sent
        continue
      }
      let code = errno
      if sent < 0 && (code == EAGAIN || code == EWOULDBLOCK || code == EINTR) {
        switch wait(for: Int16(POLLOUT), deadline: deadline) {
        case .ready: continue
        case .timedOut: return .failure(.timeout("envoi bloqué jusqu'au délai"))
        case .failed(let code): return .failure(.closed("envoi impossible (\(String(cString: strerror(code))))"))
        }
      }
      return .failure(.closed("connexion fermée par le serveur pendant l'envoi"))
    }
    return .success(())
  }

  /// Receives up to `limit` bytes; an empty array means the peer closed the connection.
  func read(limit: Int, deadline: Deadline) -> Result<[UInt8], NetworkFailure> {
    var buffer = [UInt8](repeating: 0, count: limit)
    while true {
      let count = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return recv(descriptor, base, limit, 0)
      }
      if count >= 0 {
        return .success(Array(buffer.prefix(count)))
      }
      let code = errno
      if code == EAGAIN || code == EWOULDBLOCK || code == EINTR {
        switch wait(for: Int16(POLLIN), deadline: deadline) {
        case .ready: continue
        case .timedOut: return .failure(.timeout("le serveur ne répond pas"))
        case .failed(let code): return .failure(.closed("réception impossible (\(String(cString: strerror(code))))"))
        }
      }
      if code == ECONNRESET {
        return .failure(.closed("connexion réinitialisée par le serveur"))
      }
      return .failure(.closed("réception impossible (\(String(cString: strerror(code))))"))
    }
  }
}
