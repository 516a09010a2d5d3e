check_PROGRAMS += tests/policy/test_netaddr
TESTS += tests/policy/test_netaddr
