# tests/policy/dmarc.mk
# tests/policy/dmarc: the DMARC record parser, the evaluator (tree walk,
# alignment, policy) on in-process zones, and the PSL organizational domain.
check_PROGRAMS += tests/policy/test_dmarc_record
TESTS += tests/policy/test_dmarc_record
check_PROGRAMS += tests/policy/test_dmarc
TESTS += tests/policy/test_dmarc
check_PROGRAMS += tests/policy/test_dmarc_align
TESTS += tests/policy/test_dmarc_align
check_PROGRAMS += tests/policy/test_publicsuffix
TESTS += tests/policy/test_publicsuffix
