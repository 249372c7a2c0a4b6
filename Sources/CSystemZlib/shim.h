#ifndef REGISTRE_CZLIB_SHIM_H
#define REGISTRE_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit is a macro that passes the library version and struct size.
static inline int registre_inflate_init(z_stream *stream) { return inflateInit(stream); }
// Raw deflate (no zlib header), as zip entries store it.
static inline int registre_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }
#endif
