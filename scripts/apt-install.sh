# Sourced by the scripts that need a Debian package (chromium.sh, postgres.sh, bubblewrap.sh).
#
#   apt_install "what it is for" package…
#
# Installs the packages as root with apt-get, waiting for dpkg's lock when another install holds it.
# Not root: says the command to run and exits 2. Output goes to stderr; stdout stays the caller's.
apt_install() {
  local what="$1"
  shift
  if [[ "$(id -u)" != 0 ]]; then
    echo "$what is not installed; run 'sudo apt-get install -y $*' and try again." >&2
    exit 2
  fi
  echo "$what: installing the Debian package(s) $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "$@" >&2
}
