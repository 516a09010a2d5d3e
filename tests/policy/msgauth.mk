check_PROGRAMS += tests/policy/test_msgauth
TESTS += tests/policy/test_msgauth
check_PROGRAMS += tests/policy/test_verdict
TESTS += tests/policy/test_verdict
