// Warm rendering service of Registre (issue 22): one JVM loads Apache FOP once with the
// project's configuration and renders many XSL-FO documents, on a framed protocol over
// stdin/stdout. Driven by WarmFOPRenderer (Sources/RegistreDocuments/Rendering); see
// docs/ARCHITECTURE.md, « Rendu PDF ».
//
// Usage: java -cp FOP_JARS RenderService.java CONFIGURATION SCRATCH
//   CONFIGURATION  fop.xconf (fonts, strict validation), parsed once.
//   SCRATCH        the service's private folder; each document's files are in a folder
//                  inside it (the FO, its attachments, the PDF being written).
//
// Frames, both ways: a 4-byte big-endian length, then that many bytes of UTF-8 text.
// Request: lines « key=value »:
//   id=N            number chosen by the caller, repeated in the response
//   fo=PATH         the XSL-FO file
//   pdf=PATH        where to write the PDF (inside the document's folder)
//   folder=PATH     the document's folder: relative URIs of the FO (embedded files) resolve there
//   profile=PDF/A-2b | PDF/A-3b
//   accessibility=1 | 0   tagged PDF, like `fop -a`
// Response: « id=N », « status=ok » or « status=error », then FOP's messages, one a line.
// An empty request (length 0) or the end of stdin ends the service.
//
// Documents are rendered in parallel, one thread each; the caller bounds how many are in
// flight. SOURCE_DATE_EPOCH is read by FOP from the environment of this JVM, so one service
// serves one creation date. FOP writes nothing on stdout: System.out goes to stderr.

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;

import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.fop.apps.MimeConstants;
import org.apache.fop.events.Event;
import org.apache.fop.events.EventFormatter;
import org.apache.fop.events.model.EventSeverity;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;
import org.apache.fop.apps.io.ResourceResolverFactory;

public final class RenderService {
  /** The folder of the document being rendered on this thread. */
  private static final ThreadLocal<URI> CURRENT = new ThreadLocal<>();

  /**
   * Relative URIs are resolved by FOP against the factory's base URI, PLACEHOLDER; this
   * resolver moves them into the current document's folder, as `fop` run in that folder would.
   */
  static final class PerDocumentResolver implements ResourceResolver {
    private final ResourceResolver standard = ResourceResolverFactory.createDefaultResourceResolver();
    private final String placeholder;

    PerDocumentResolver(URI placeholder) {
      this.placeholder = placeholder.toString();
    }

    private URI moved(URI uri) {
      String text = uri.toString();
      URI folder = CURRENT.get();
      if (folder != null && text.startsWith(placeholder)) {
        return folder.resolve(text.substring(placeholder.length()));
      }
      return uri;
    }

    @Override
    public Resource getResource(URI uri) throws IOException {
      return standard.getResource(moved(uri));
    }

    @Override
    public OutputStream getOutputStream(URI uri) throws IOException {
      return standard.getOutputStream(moved(uri));
    }
  }

  private static DataOutputStream protocolOut;

  public static void main(String[] arguments) throws Exception {
    if (arguments.length != 2) {
      System.err.println("usage: RenderService CONFIGURATION SCRATCH");
      System.exit(2);
    }
    protocolOut = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    File configuration = new File(arguments[0]);
    URI placeholder = new File(arguments[1], "current-document").getAbsoluteFile().toURI();
    if (!placeholder.toString().endsWith("/")) placeholder = URI.create(placeholder + "/");

    // One FopFactory per worker thread: FOP re-reads its configuration (a DOM, which is not
    // safe to read from two threads at once) for every document, and two documents rendered
    // at the same time on one factory failed with a NullPointerException inside it. The
    // classes and the JIT's work are shared; each factory keeps its own fonts.
    final URI base = placeholder;
    ThreadLocal<FopFactory> factories = ThreadLocal.withInitial(() -> {
      try {
        return factory(configuration, base);
      } catch (Exception failure) {
        throw new IllegalStateException(failure.getMessage(), failure);
      }
    });
    ThreadLocal<TransformerFactory> transformers = ThreadLocal.withInitial(TransformerFactory::newInstance);
    // The configuration is read once here, so that a broken one fails the start.
    factory(configuration, base);

    // One warm-up rendering would make the first document faster but costs the same time
    // up front; the caller's first document is the warm-up.
    send("id=0\nstatus=ready\n");

    int processors = Runtime.getRuntime().availableProcessors();
    ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, processors));
    DataInputStream in = new DataInputStream(new FileInputStream(FileDescriptor.in));
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException end) {
        break;
      }
      if (length <= 0 || length > 1 << 20) break;
      byte[] payload = new byte[length];
      in.readFully(payload);
      Map<String, String> request = parse(new String(payload, StandardCharsets.UTF_8));
      workers.execute(() -> render(factories.get(), transformers.get(), request));
    }
    workers.shutdown();
    System.exit(0);
  }

  /** The same reading of the configuration as `fop -c`, with the same base URI rule (the
   * working folder, here the document's folder through the resolver). */
  private static FopFactory factory(File configuration, URI placeholder) throws Exception {
    try (FileInputStream in = new FileInputStream(configuration)) {
      FopConfParser parser = new FopConfParser(in, placeholder, new PerDocumentResolver(placeholder));
      FopFactoryBuilder builder = parser.getFopFactoryBuilder();
      return builder.build();
    }
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) fields.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static void render(FopFactory factory, TransformerFactory transformers, Map<String, String> request) {
    String id = request.getOrDefault("id", "?");
    Set<String> messages = new LinkedHashSet<>();
    boolean ok = false;
    try {
      CURRENT.set(new File(request.get("folder")).getAbsoluteFile().toURI());
      FOUserAgent agent = factory.newFOUserAgent();
      // FOP's own events, worded as `fop` logs them; warnings are kept like the CLI's.
      agent.getEventBroadcaster().addEventListener((Event event) -> {
        EventSeverity severity = event.getSeverity();
        if (severity == EventSeverity.INFO) return;
        String level = severity == EventSeverity.WARN ? "WARN" : severity == EventSeverity.ERROR ? "ERROR" : "FATAL";
        messages.add("[" + level + "] FOUserAgent - " + EventFormatter.format(event));
      });
      agent.getRendererOptions().put("pdf-a-mode", request.getOrDefault("profile", "PDF/A-2b"));
      if ("1".equals(request.get("accessibility"))) agent.setAccessibility(true);
      File pdf = new File(request.get("pdf"));
      try (OutputStream out = new BufferedOutputStream(new FileOutputStream(pdf))) {
        Fop fop = factory.newFop(MimeConstants.MIME_PDF, agent, out);
        Transformer transformer = transformers.newTransformer();
        transformer.transform(new StreamSource(new File(request.get("fo"))), new SAXResult(fop.getDefaultHandler()));
      }
      ok = true;
    } catch (Throwable failure) {
      // The stack goes to the service's log (never to the user), the messages to the caller.
      failure.printStackTrace();
      // The message chain, each once, without Java stack frames.
      List<String> chain = new ArrayList<>();
      for (Throwable cause = failure; cause != null && chain.size() < 6; cause = cause.getCause()) {
        String text = cause.getMessage();
        if (text == null) text = cause.getClass().getName();
        if (!chain.contains(text)) chain.add(text);
        if (cause.getCause() == cause) break;
      }
      for (String text : chain) messages.add("[ERROR] FOP - " + text.replace('\n', ' '));
      if (failure instanceof OutOfMemoryError) {
        respond(id, false, messages);
        System.exit(3);
      }
    } finally {
      CURRENT.remove();
    }
    respond(id, ok, messages);
  }

  private static void respond(String id, boolean ok, Set<String> messages) {
    StringBuilder text = new StringBuilder();
    text.append("id=").append(id).append('\n');
    text.append("status=").append(ok ? "ok" : "error").append('\n');
    int count = 0;
    for (String message : messages) {
      if (count++ == 40) break;
      text.append(message.replace('\n', ' ')).append('\n');
    }
    send(text.toString());
  }

  private static void send(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    synchronized (RenderService.class) {
      try {
        protocolOut.writeInt(bytes.length);
        protocolOut.write(bytes);
        protocolOut.flush();
      } catch (IOException gone) {
        // The caller is gone: nothing to answer to.
        System.exit(0);
      }
    }
  }
}
