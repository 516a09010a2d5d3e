# tests/policy/address: the From address-list parser (libopendmarc's
# From vectors, an ordinary and hostile table, the CVE rows, the bounds).
check_PROGRAMS += tests/policy/test_address
TESTS += tests/policy/test_address

# tests/policy/domain: names into the A-label form DMARC judges.
check_PROGRAMS += tests/policy/test_domain
TESTS += tests/policy/test_domain
