#!/usr/bin/env bash
# check_no_widgets.sh BINARY [LIBRARY...]
# Fails when BINARY loads Qt Widgets or Qt Gui (or the libraries given): the server must run
# on a machine without a display stack (ARCHITECTURE.md: "kedaid must not load libQt6Widgets").
set -euo pipefail

bin=${1:?usage: check_no_widgets.sh BINARY [LIBRARY...]}
shift
forbidden=("$@")
[[ ${#forbidden[@]} -eq 0 ]] && forbidden=(libQt6Widgets libQt6Gui)

[[ -x $bin ]] || { echo "FAIL: $bin is not an executable"; exit 1; }

if ! deps=$(ldd "$bin" 2>&1); then
  echo "FAIL: ldd $bin failed:"
  echo "$deps"
  exit 1
fi
# Guard against a check that cannot fail: the binary must be a dynamically linked Qt program.
if ! grep -q 'libQt6Core\.so' <<<"$deps"; then
  echo "FAIL: ldd shows no libQt6Core for $bin; cannot judge its Qt dependencies:"
  echo "$deps"
  exit 1
fi
if grep -q 'not found' <<<"$deps"; then
  echo "FAIL: unresolved libraries:"
  grep 'not found' <<<"$deps"
  exit 1
fi

status=0
for lib in "${forbidden[@]}"; do
  if grep -q -- "$lib\.so" <<<"$deps"; then
    echo "FAIL: $(basename "$bin") loads $lib:"
    grep -- "$lib\.so" <<<"$deps"
    status=1
  fi
done
if [[ $status -eq 0 ]]; then
  echo "PASS: $(basename "$bin") loads none of: ${forbidden[*]} ($(grep -c '=>' <<<"$deps") libraries)"
fi
exit $status
