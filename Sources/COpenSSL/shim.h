#ifndef REGISTRE_COPENSSL_SHIM_H
#define REGISTRE_COPENSSL_SHIM_H
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/crypto.h>

// OPENSSL_free is a macro; Swift needs a real function.
static inline void registre_openssl_free(void *pointer) { OPENSSL_free(pointer); }
#endif
