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
#include <openssl/provider.h>

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

// MARK: TLS probe helpers (RegistreProbe). These wrap macros Swift cannot import.

static inline int registre_ssl_ctx_set_min_proto_version(SSL_CTX *ctx, int version) {
  return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline int registre_ssl_ctx_set_max_proto_version(SSL_CTX *ctx, int version) {
  return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
static inline int registre_ssl_set_tlsext_host_name(SSL *ssl, const char *name) {
  return (int)SSL_set_tlsext_host_name(ssl, name);
}
static inline void registre_bio_set_mem_eof_return(BIO *bio, int value) {
  (void)BIO_set_mem_eof_return(bio, value);
}
static inline int registre_sk_x509_num(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *registre_sk_x509_value(const STACK_OF(X509) *stack, int index) {
  return sk_X509_value(stack, index);
}

// Writes an X509_NAME as RFC 2253 text, keeping UTF-8; returns the length written (without NUL).
static inline int registre_x509_name_string(const X509_NAME *name, char *buffer, int size) {
  if (size <= 0) return 0;
  BIO *bio = BIO_new(BIO_s_mem());
  if (bio == NULL) return 0;
  int length = 0;
  if (X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
    length = BIO_read(bio, buffer, size - 1);
    if (length < 0) length = 0;
  }
  buffer[length] = 0;
  BIO_free(bio);
  return length;
}
#endif
