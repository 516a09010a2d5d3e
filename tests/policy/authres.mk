# tests/policy/authres: formatting, quoting, injection, and the reader's
# table of hostile existing fields.
check_PROGRAMS += tests/policy/test_authres
TESTS += tests/policy/test_authres
