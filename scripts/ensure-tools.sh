#!/usr/bin/env bash
# Installs the real DNS software the integration tests run (BIND's named, named-checkzone,
# named-compilezone, arpaname, dig; dnsperf for the benchmark) when it is missing.
set -euo pipefail
need=()
for tool in named named-checkzone named-compilezone dig arpaname; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "ensure-tools: missing ${need[*]}; installing bind9 bind9-utils bind9-dnsutils" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq bind9 bind9-utils bind9-dnsutils >/dev/null
