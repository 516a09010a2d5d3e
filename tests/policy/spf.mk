# tests/policy/spf: the SPF macro expander, record parser and evaluator.
check_PROGRAMS += tests/policy/test_spf_macro
TESTS += tests/policy/test_spf_macro
check_PROGRAMS += tests/policy/test_spf_record
TESTS += tests/policy/test_spf_record
check_PROGRAMS += tests/policy/test_spf
TESTS += tests/policy/test_spf
