// RegistreXML: the only module that touches libxml2 and libxslt pointers.
//
// - `XMLDocument.parse(data:name:)` reads untrusted XML safely (no DOCTYPE, no entity
//   expansion, no network, size and depth limits) and reports `XMLError` with lines
//   and columns; `rootElement()` turns it into a pure Swift `XMLElementNode` tree.
// - `XMLDocument(root:)` / `XMLWriter.data(for:)` go the other way, deterministically.
// - `XMLSchema` compiles an XSD from memory and validates documents into `XMLDiagnostic`s.
// - `XSLTStylesheet` compiles a template from a templates directory and runs it in a
//   sandbox (reads inside that directory only, no writes, no network).
//
// Threading: none of these classes is Sendable; each instance stays in one task.
// Errors are captured per operation (per-thread libxml2 handler, per-context schema
// and XSLT handlers), so different instances may be used on different threads at
// once. xmlInitParser runs once; xmlCleanupParser never does.
