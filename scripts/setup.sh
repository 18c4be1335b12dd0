#!/usr/bin/env bash
# Installs what Candor needs on Debian/Ubuntu, then the npm packages.
#   scripts/setup.sh          the app: capture tools, ffmpeg, build tools
#   scripts/setup.sh --test   also what the tests use: PulseAudio, sox,
#                             espeak-ng, pocketsphinx-testdata (LibriVox
#                             read speech for the timing tests), Chromium, strace
# Needs Node 20+ and npm on PATH. Uses sudo when not run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

pkgs=(build-essential python3 pulseaudio-utils ffmpeg)
[ "$want_tests" = 1 ] && pkgs+=(pulseaudio sox libsox-fmt-all espeak-ng pocketsphinx-testdata chromium strace)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "not a Debian/Ubuntu system: install ${pkgs[*]} with your package manager" >&2
fi

node -e 'const [a]=process.versions.node.split("."); if (+a < 20) { console.error("Candor needs Node 20 or newer, this is " + process.version); process.exit(1) }'

# The CUDA build of onnxruntime is fetched only where CUDA is wanted; the CPU build ships in the package.
export ONNXRUNTIME_NODE_INSTALL_CUDA="${ONNXRUNTIME_NODE_INSTALL_CUDA:-skip}"
# Without a display (a server, CI) the Electron binary is not needed.
if [ "$want_tests" = 1 ] || { [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; }; then
  export ELECTRON_SKIP_BINARY_DOWNLOAD=1
fi
npm ci --no-audit --no-fund
