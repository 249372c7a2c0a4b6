#ifndef REGISTRE_CLIBXML2_SHIM_H
#define REGISTRE_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its headers clash with Foundation's
// private ICU copy, so the ICU bits are switched off before anything else.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlIO.h>

// xmlFree is a global function-pointer variable, which Swift 6 rejects as
// shared mutable state; this wrapper is a plain function.
static inline void registre_xmlFree(void *pointer) { xmlFree(pointer); }

// xmlStructuredError and its context are per-thread macros in threaded builds;
// these accessors let Swift save and restore the current thread's handler.
static inline xmlStructuredErrorFunc registre_currentStructuredErrorFunc(void) {
  return xmlStructuredError;
}
static inline void *registre_currentStructuredErrorContext(void) {
  return xmlStructuredErrorContext;
}

#endif
