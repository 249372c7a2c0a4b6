#!/usr/bin/env python3
"""Signs a PDF with pyHanko, as another signing tool would: a certification signature (DocMDP) with the
permission level given, or an approval signature whose field locks every form field (FieldMDP).

Usage: certify.py MODE IN.pdf OUT.pdf KEY CERT CHAIN, MODE one of docmdp1, docmdp2, docmdp3, fieldmdp.
"""
import sys

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

mode, source, target, key, cert, chain = sys.argv[1:7]
signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(chain,), key_passphrase=None)
if mode.startswith("docmdp"):
    metadata = signers.PdfSignatureMetadata(
        field_name="Certification", certify=True, docmdp_permissions=fields.MDPPerm(int(mode[-1])),
        subfilter=fields.SigSeedSubFilter.PADES)
    field = None
elif mode == "fieldmdp":
    metadata = signers.PdfSignatureMetadata(field_name="Verrou", subfilter=fields.SigSeedSubFilter.PADES)
    field = fields.SigFieldSpec(
        "Verrou", field_mdp_spec=fields.FieldMDPSpec(fields.FieldMDPAction.ALL))
else:
    sys.exit(f"mode inconnu : {mode}")
with open(source, "rb") as handle:
    writer = IncrementalPdfFileWriter(handle)
    if field is not None:
        fields.append_signature_field(writer, field)
    with open(target, "wb") as output:
        signers.sign_pdf(writer, metadata, signer=signer, output=output)
