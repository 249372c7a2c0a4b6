#!/bin/sh
# Builds a throw-away test PKI in the folder given as $1: root, intermediate, signer (RSA),
# expired signer, TSA (critical timeStamping EKU), a PKCS#12 and an encrypted PEM key.
# Nothing made here is ever committed.
set -eu
cd "$1"
cat > ext.cnf <<'CNF'
[req]
distinguished_name = dn
[dn]
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[inter_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[server_ext]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,DNS:tsa.test,IP:127.0.0.1
[ca]
default_ca = ca_default
[ca_default]
dir = .
database = index.txt
new_certs_dir = .
serial = ca-serial
default_md = sha256
policy = policy_any
unique_subject = no
[policy_any]
commonName = supplied
CNF
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
openssl req -x509 $ec -keyout root.key -out root.pem -days 3650 -config ext.cnf -extensions root_ext \
  -subj "/C=FR/O=Registre tests/CN=Racine de test" 2>/dev/null
openssl req -new $ec -keyout inter.key -out inter.csr -config ext.cnf \
  -subj "/C=FR/O=Registre tests/CN=Intermediaire de test" 2>/dev/null
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 2 -days 3650 \
  -extfile ext.cnf -extensions inter_ext -out inter.pem 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr -config ext.cnf \
  -subj "/C=FR/O=Lycée de test/CN=Chef d'établissement de test" -utf8 2>/dev/null
openssl x509 -req -in signer.csr -CA inter.pem -CAkey inter.key -set_serial 3 -days 365 \
  -extfile ext.cnf -extensions signer_ext -out signer.pem 2>/dev/null
openssl req -new $ec -keyout other.key -out other.csr -config ext.cnf \
  -subj "/C=FR/O=Lycée de test/CN=DPD de test" -utf8 2>/dev/null
openssl x509 -req -in other.csr -CA inter.pem -CAkey inter.key -set_serial 4 -days 365 \
  -extfile ext.cnf -extensions signer_ext -out other.pem 2>/dev/null
openssl req -new $ec -keyout expired.key -out expired.csr -config ext.cnf \
  -subj "/C=FR/O=Lycée de test/CN=Signataire expire" -utf8 2>/dev/null
: > index.txt
echo 10 > ca-serial
openssl ca -batch -config ext.cnf -cert inter.pem -keyfile inter.key -in expired.csr -out expired.pem \
  -startdate 20200101000000Z -enddate 20210101000000Z -extfile ext.cnf -extensions signer_ext -notext \
  2>/dev/null
openssl req -new $ec -keyout tsa.key -out tsa.csr -config ext.cnf \
  -subj "/C=FR/O=Registre tests/CN=Horodatage de test" 2>/dev/null
openssl x509 -req -in tsa.csr -CA root.pem -CAkey root.key -set_serial 5 -days 3650 \
  -extfile ext.cnf -extensions tsa_ext -out tsa.pem 2>/dev/null
openssl req -new $ec -keyout server.key -out server.csr -config ext.cnf -subj "/CN=localhost" 2>/dev/null
openssl x509 -req -in server.csr -CA root.pem -CAkey root.key -set_serial 6 -days 30 \
  -extfile ext.cnf -extensions server_ext -out server.pem 2>/dev/null
openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile inter.pem -passout pass:secret-p12 \
  -out signer.p12
openssl pkcs12 -export -legacy -inkey signer.key -in signer.pem -certfile inter.pem -passout pass:ancien \
  -out signer-legacy.p12
openssl pkey -in signer.key -aes256 -passout pass:secret-pem -out signer-encrypted.key
cat > tsa.cnf <<CNF
[tsa]
default_tsa = tsa_config1
[tsa_config1]
serial = $1/tsa-serial
crypto_device = builtin
signer_cert = $1/tsa.pem
certs = $1/tsa.pem
signer_key = $1/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
