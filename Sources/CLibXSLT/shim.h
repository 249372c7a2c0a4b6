#ifndef REGISTRE_CLIBXSLT_SHIM_H
#define REGISTRE_CLIBXSLT_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <stdarg.h>
#include <stdio.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include <libxslt/documents.h>
#include <libxslt/variables.h>
#include <libexslt/exslt.h>

// libxslt reports errors through C-variadic callbacks, which Swift cannot
// implement. A sink pairs a plain (non-variadic) callback with its context;
// the forwarder formats the message and hands the text to the callback.
typedef struct {
  void (*receive)(void *context, const char *text);
  void *context;
} registre_message_sink;

static inline void registre_forward_message(void *sink, const char *format, ...) {
  registre_message_sink *target = (registre_message_sink *)sink;
  if (target == NULL || target->receive == NULL || format == NULL) return;
  char buffer[4096];
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(buffer, sizeof buffer, format, arguments);
  va_end(arguments);
  target->receive(target->context, buffer);
}

// Per-transform error channel (xsl:message, runtime errors, security refusals).
static inline void registre_xslt_setTransformErrorSink(xsltTransformContextPtr context,
                                                       registre_message_sink *sink) {
  xsltSetTransformErrorFunc(context, sink, registre_forward_message);
}

// Process-wide channel used by libxslt while compiling a stylesheet; set once.
static inline void registre_xslt_setGenericErrorSink(registre_message_sink *sink) {
  xsltSetGenericErrorFunc(sink, registre_forward_message);
}
#endif
