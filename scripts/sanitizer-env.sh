# Sourced by scripts/sanitize.sh and scripts/test.sh: how a sanitized binary reacts.
# detect_leaks: the tests own every allocation they make, so a leak is a bug too.
# abort_on_error: a report kills the process, so the test (or the server under test) fails.
# print_stacktrace: UBSan names the line, not only the kind of error.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Leaks of other projects' process-long caches (fontconfig) are listed in lsan.supp.
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lsan.supp"
