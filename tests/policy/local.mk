# tests/policy: unit tests of libauthpolicy, one fragment per module.
include tests/policy/netaddr.mk
include tests/policy/msgauth.mk
include tests/policy/resolver.mk
include tests/policy/spf.mk
include tests/policy/authres.mk
include tests/policy/dkim.mk
include tests/policy/dmarc.mk
include tests/policy/address.mk
