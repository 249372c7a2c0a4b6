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
#include <openssl/ec.h>
#include <openssl/rand.h>
#include <openssl/ess.h>

// OPENSSL_free is a macro; Swift needs a real function.
static inline void registre_openssl_free(void *pointer) { OPENSSL_free(pointer); }

// EVP_EC_gen is a variadic macro; Swift cannot call it.
static inline EVP_PKEY *registre_ec_p256_generate(void) { return EVP_EC_gen("P-256"); }

// OPENSSL_malloc is a macro; the timestamp verifier takes ownership of such a buffer.
static inline void *registre_openssl_malloc(size_t size) { return OPENSSL_malloc(size); }

// OPENSSL_cleanse exists as a function, but keep the call site uniform.
static inline void registre_openssl_cleanse(void *pointer, size_t size) { OPENSSL_cleanse(pointer, size); }

// XN_FLAG_RFC2253 is a compound macro; keep UTF-8 readable instead of escaping it.
static inline unsigned long registre_name_print_flags(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }
#endif
