#!/usr/bin/env python3
"""The attack of a transplanted timestamp: TARGET.der and DONOR.der are two CMS SignedData, each with a
signature timestamp token (id-aa-signatureTimeStampToken, an unsigned attribute). Writes OUT.der: TARGET with
DONOR's token in place of its own. The signed attributes and the signature value are untouched, so the
signature itself stays correct; only the token no longer stamps this signature's value.

Usage: swap_timestamp.py TARGET.der DONOR.der OUT.der (asn1crypto, installed with pyHanko).
"""
import sys

from asn1crypto import cms


def load(path):
    with open(path, "rb") as handle:
        return cms.ContentInfo.load(handle.read().rstrip(b"\0"), strict=False)


target = load(sys.argv[1])
donor = load(sys.argv[2])
donor_info = donor["content"]["signer_infos"][0]
target_info = target["content"]["signer_infos"][0]
donor_attributes = donor_info["unsigned_attrs"]
if not any(a["type"].native == "signature_time_stamp_token" for a in donor_attributes):
    sys.exit("le CMS donneur n'a pas de jeton d'horodatage")
# Rebuild the target's signer info with the donor's unsigned attributes; every other field keeps its bytes.
rebuilt = cms.SignerInfo({name: target_info[name] for name in target_info if name != "unsigned_attrs"})
rebuilt["unsigned_attrs"] = donor_attributes.copy()
target["content"]["signer_infos"] = cms.SignerInfos([rebuilt])
with open(sys.argv[3], "wb") as handle:
    handle.write(target.dump(force=False))
