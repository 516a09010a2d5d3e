# policy/address: the RFC 5322 address-list parser for From fields.
libauthpolicy_a_SOURCES += policy/address.c policy/address.h
