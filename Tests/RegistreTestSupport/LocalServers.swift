public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Loopback servers for the probe's tests. Each helper starts its server, waits until it
/// accepts connections, runs the body, and stops the server whatever happens.
public enum LocalServers {
  /// Runs `openssl s_server` with `options` on `host`, serving `identity`.
  public static func withOpenSSLServer<T>(
    _ identity: TestPKI.Identity, options: [String], host: String = "127.0.0.1",
    body: (Int) throws -> T
  ) throws -> T {
    let (server, port) = try startOpenSSLServer(identity, options: options, host: host)
    defer { server.kill() }
    return try body(port)
  }

  /// Starts `openssl s_server` and returns once it accepts; the caller kills it.
  public static func startOpenSSLServer(
    _ identity: TestPKI.Identity, options: [String], host: String = "127.0.0.1"
  ) throws -> (server: ChildProcess, port: Int) {
    let port = try freePort(host: host)
    let accept = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    let arguments =
      ["openssl", "s_server", "-accept", accept, "-cert", identity.certificate.path, "-key", identity.key.path,
       "-www", "-quiet"] + options
    return (try start(arguments, host: host, port: port), port)
  }

  /// Runs a Python HTTPS server that sends `Strict-Transport-Security`.
  public static func withHSTSServer<T>(_ identity: TestPKI.Identity, body: (Int) throws -> T) throws -> T {
    let pki = try TestPKI.get()
    let script = pki.folder.appendingPathComponent("hsts_server.py")
    try Data(hstsServerScript.utf8).write(to: script)
    let port = try freePort(host: "127.0.0.1")
    return try withProcess(
      ["python3", script.path, String(port), identity.certificate.path, identity.key.path],
      host: "127.0.0.1", port: port, body: body)
  }

  /// Runs a small HTTP proxy on loopback (`CONNECT` tunnels and absolute-form requests), as a
  /// school's filtering proxy would be: any host ending in `.test` is reached at 127.0.0.1;
  /// with `credentials` (`user:password`) it answers 407 to a request without them. Each request
  /// line it receives is appended to `log`. The body gets the proxy's port.
  public static func withProxy<T>(credentials: String? = nil, log: URL, body: (Int) throws -> T) throws -> T {
    let pki = try TestPKI.get()
    let script = pki.folder.appendingPathComponent("proxy.py")
    try Data(proxyScript.utf8).write(to: script)
    let port = try freePort(host: "127.0.0.1")
    return try withProcess(
      ["python3", script.path, String(port), log.path, credentials ?? ""], host: "127.0.0.1", port: port, body: body)
  }

  /// A socket that listens but never accepts nor answers: the kernel completes the TCP
  /// handshake and the ClientHello is never read.
  public static func withSilentListener<T>(body: (Int) throws -> T) throws -> T {
    let descriptor = try listeningSocket(host: "127.0.0.1", port: 0)
    defer { close(descriptor) }
    return try body(try boundPort(descriptor))
  }

  /// A port on which nothing listens (taken from the kernel, then released).
  public static func closedPort() throws -> Int {
    try freePort(host: "127.0.0.1")
  }

  private static func withProcess<T>(
    _ arguments: [String], host: String, port: Int, body: (Int) throws -> T
  ) throws -> T {
    let child = try start(arguments, host: host, port: port)
    defer { child.kill() }
    return try body(port)
  }

  private static func start(_ arguments: [String], host: String, port: Int) throws -> ChildProcess {
    let pki = try TestPKI.get()
    let log = pki.folder.appendingPathComponent("server-\(port).log")
    let child = try ChildProcess(arguments, errorLog: log)
    do {
      try waitUntilAccepting(
        host: host, port: port, child: child, name: arguments.prefix(2).joined(separator: " "), log: log)
    } catch {
      child.kill()
      throw error
    }
    return child
  }

  /// Readiness wait, not a timing assertion: polls until the server accepts (at most 15 s).
  private static func waitUntilAccepting(host: String, port: Int, child: ChildProcess, name: String, log: URL) throws {
    for _ in 0..<300 {
      guard child.isRunning else {
        let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw FixtureError(description: "\(name) s'est arrêté avant d'écouter sur le port \(port) : \(message)")
      }
      if canConnect(host: host, port: port) { return }
      usleep(50_000)
    }
    throw FixtureError(description: "\(name) n'écoute toujours pas sur le port \(port)")
  }

  private static func canConnect(host: String, port: Int) -> Bool {
    var storage = sockaddr_storage()
    guard let length = fill(&storage, host: host, port: port) else { return false }
    let descriptor = socket(Int32(storage.ss_family), socketStream, 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let status = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, length) }
    }
    return status == 0
  }

  private static var socketStream: Int32 {
    #if canImport(Glibc)
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
      SOCK_STREAM
    #endif
  }

  private static func freePort(host: String) throws -> Int {
    let descriptor = try listeningSocket(host: host, port: 0)
    defer { close(descriptor) }
    return try boundPort(descriptor)
  }

  public static func listeningSocket(host: String, port: Int) throws -> Int32 {
    var storage = sockaddr_storage()
    guard let length = fill(&storage, host: host, port: port) else {
      throw FixtureError(description: "adresse de test invalide \(host)")
    }
    let descriptor = socket(Int32(storage.ss_family), socketStream, 0)
    guard descriptor >= 0 else { throw FixtureError(description: "socket impossible") }
    let bound = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    guard bound == 0, listen(descriptor, 8) == 0 else {
      close(descriptor)
      throw FixtureError(description: "écoute impossible sur \(host)")
    }
    return descriptor
  }

  public static func boundPort(_ descriptor: Int32) throws -> Int {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let status = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard status == 0 else { throw FixtureError(description: "getsockname impossible") }
    if Int32(storage.ss_family) == AF_INET6 {
      return withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
      }
    }
    return withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
    }
  }

  private static func fill(_ storage: inout sockaddr_storage, host: String, port: Int) -> socklen_t? {
    if host.contains(":") {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = UInt16(port).bigEndian
      guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { return nil }
      withUnsafeMutableBytes(of: &storage) { target in
        withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
      }
      return socklen_t(MemoryLayout<sockaddr_in6>.size)
    }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
    withUnsafeMutableBytes(of: &storage) { target in
      withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
    }
    return socklen_t(MemoryLayout<sockaddr_in>.size)
  }

  private static let proxyScript = """
    import base64, socket, socketserver, sys, threading

    port, log, credentials = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    expected = "Basic " + base64.b64encode(credentials.encode()).decode() if credentials else None
    lock = threading.Lock()

    def target_address(host, port):
        return ("127.0.0.1" if host.endswith(".test") else host, port)

    def pipe(source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            try: sink.shutdown(socket.SHUT_WR)
            except OSError: pass

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            client = self.request
            head = b""
            while b"\\r\\n\\r\\n" not in head:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            head, rest = head.split(b"\\r\\n\\r\\n", 1)
            lines = head.decode("latin-1").split("\\r\\n")
            with lock, open(log, "a") as f:
                f.write(lines[0] + "\\n")
            headers = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
            if expected and headers.get("proxy-authorization") != expected:
                client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\\r\\nProxy-Authenticate: Basic realm=\\"test\\"\\r\\nContent-Length: 0\\r\\n\\r\\n")
                return
            method, target, _ = lines[0].split(" ", 2)
            if method == "CONNECT":
                host, _, p = target.rpartition(":")
                try:
                    upstream = socket.create_connection(target_address(host.strip("[]"), int(p)), timeout=10)
                except OSError:
                    client.sendall(b"HTTP/1.1 502 Bad Gateway\\r\\nContent-Length: 0\\r\\n\\r\\n")
                    return
                client.sendall(b"HTTP/1.1 200 Connection established\\r\\n\\r\\n")
                if rest:
                    upstream.sendall(rest)
            else:
                # Absolute form: http://host:port/path
                address = target.split("://", 1)[1]
                hostport, _, path = address.partition("/")
                host, _, p = hostport.partition(":")
                upstream = socket.create_connection(target_address(host, int(p or 80)), timeout=10)
                kept = [l for l in lines[1:] if not l.lower().startswith("proxy-")]
                upstream.sendall((" ".join([method, "/" + path, "HTTP/1.1"]) + "\\r\\n" + "\\r\\n".join(kept) + "\\r\\n\\r\\n").encode("latin-1") + rest)
            other = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
            other.start()
            pipe(client, upstream)
            other.join(15)
            upstream.close()

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True

    Server(("127.0.0.1", port), Handler).serve_forever()
    """

  private static let hstsServerScript = """
    import http.server
    import ssl
    import sys

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, body):
            self.send_response(200)
            self.send_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.send_header("Connection", "close")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")

        def do_GET(self):
            self.answer(True)

        def do_HEAD(self):
            self.answer(False)

        def log_message(self, *arguments):
            pass

    port, certificate, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
    """
}
