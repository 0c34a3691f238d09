#!/usr/bin/env bash
# check_packages.sh DIST_DIR [PACKAGE...]
# Checks the .deb files that `make package` wrote to DIST_DIR (default packages: kedai kedaid):
# each exists once, declares the Qt SQL driver plugins, and holds its files; the server
# package must not pull in Qt Widgets/Gui. Not a ctest test: it needs `cpack` to have run.
set -euo pipefail

dist=${1:?usage: check_packages.sh DIST_DIR [PACKAGE...]}
shift
packages=("$@")
[[ ${#packages[@]} -eq 0 ]] && packages=(kedai kedaid)

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# Set per package below.
name='' info='' contents='' depends=''

depends_on() { grep -qE "(^|[ ,])$1([ ,(]|$)" <<<"$depends"; }
contains() { grep -qE " \./$1$" <<<"$contents"; }

expect_dep() {
  if depends_on "$1"; then pass "$name depends on $1"; else fail "$name does not depend on $1 (Depends: $depends)"; fi
}
expect_no_dep() {
  if depends_on "$1"; then fail "$name depends on $1 (Depends: $depends)"; else pass "$name does not depend on $1"; fi
}
# expect_file REGEX LABEL: a path (without the leading ./) in the package's data.
expect_file() {
  if contains "$1"; then pass "$name contains /${2:-$1}"; else fail "$name lacks /${2:-$1}"; fi
}
expect_no_file() {
  if contains "$1"; then fail "$name also contains /$1"; else pass "$name does not contain /$1"; fi
}

for name in "${packages[@]}"; do
  mapfile -t debs < <(find "$dist" -maxdepth 1 -name "${name}_*.deb" | sort)
  if [[ ${#debs[@]} -ne 1 ]]; then
    fail "expected one ${name}_*.deb in $dist, found ${#debs[@]}"
    continue
  fi
  deb=${debs[0]}
  if ! info=$(dpkg-deb -I "$deb" 2>&1) || ! contents=$(dpkg-deb -c "$deb" 2>&1); then
    fail "dpkg-deb cannot read $deb"
    continue
  fi
  pass "$(basename "$deb"): $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
  if [[ $(dpkg-deb -f "$deb" Package) != "$name" ]]; then
    fail "Package field of $deb is not '$name'"
  fi
  depends=$(dpkg-deb -f "$deb" Depends)

  for dep in libqt6sql6-sqlite libqt6sql6-psql libqt6core6 libqt6network6 libqt6httpserver6; do
    expect_dep "$dep"
  done

  case "$name" in
    kedai)
      expect_file usr/bin/kedai
      expect_file usr/share/applications/kedai.desktop
      expect_file usr/share/icons/hicolor/scalable/apps/kedai.svg
      expect_file usr/share/metainfo/id.kedai.Kedai.metainfo.xml
      expect_no_file usr/bin/kedaid
      expect_dep libqt6widgets6
      expect_dep libqt6svg6
      ;;
    kedaid)
      expect_file usr/bin/kedaid
      expect_file '(usr/)?lib/systemd/system/kedaid\.service' lib/systemd/system/kedaid.service
      expect_no_file usr/bin/kedai
      expect_no_dep libqt6widgets6
      expect_no_dep libqt6gui6
      if grep -qE '^ +[0-9]+ bytes, +[0-9]+ lines +\*? *postinst' <<<"$info"; then
        pass "$name has a postinst"
      else
        fail "$name has no postinst"
      fi
      ;;
  esac
done

if [[ $failures -gt 0 ]]; then
  echo "check_packages: $failures problem(s)"
  exit 1
fi
echo "check_packages: ${packages[*]} look right"
