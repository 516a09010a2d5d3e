# tests/policy/resolver: the rdata decoder alone, then the resolver against
# a real unbound on loopback (resolver.sh starts it and runs test_resolver).
check_PROGRAMS += tests/policy/test_dns_rdata
TESTS += tests/policy/test_dns_rdata
check_PROGRAMS += tests/policy/test_dns_packet
TESTS += tests/policy/test_dns_packet
check_PROGRAMS += tests/policy/test_resolver
TESTS += tests/policy/resolver.sh
dist_check_SCRIPTS += tests/policy/resolver.sh
EXTRA_DIST += tests/policy/resolver.zone tests/lib/dns-server.sh
check_PROGRAMS += tests/policy/test_dns_cache
TESTS += tests/policy/test_dns_cache
