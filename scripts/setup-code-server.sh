#!/usr/bin/env bash
# Installs what the end-to-end tests drive: code-server 4.100.3 (VS Code 1.100.3 for the browser, the
# last release that runs on Node 20) into ~/.cache/klaxon/code-server (shared by clones), plus Debian's chromium, ripgrep and the
# Kerberos headers that VS Code's native kerberos module compiles against.
# code-server's own postinstall downloads ripgrep from GitHub and prompts for node-gyp, so the
# install runs without scripts and rebuilds the native modules itself. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.100.3
prefix="${KLAXON_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/klaxon/code-server}"
marker="$prefix/.installed-$version"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f "$marker" ] && [ -x "$prefix/node_modules/.bin/code-server" ]; then
  echo "code-server $version already installed in $prefix"
  exit 0
fi

echo "installing code-server $version into $prefix"
rm -rf "$prefix"
mkdir -p "$prefix"
echo '{ "private": true }' > "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts "code-server@$version"
(cd "$prefix" && npm rebuild argon2)

vscode="$prefix/node_modules/code-server/lib/vscode"
(
  cd "$vscode"
  npm install --no-audit --no-fund --omit=dev --ignore-scripts
  # @vscode/ripgrep's postinstall skips its GitHub download when bin/ already exists.
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # node-pty's install step runs `npx node-gyp`, which otherwise waits for a yes.
  npm_config_yes=true npm rebuild
  cd extensions
  npm install --no-audit --no-fund --omit=dev
)

touch "$marker"
echo "code-server $version installed: $prefix/node_modules/.bin/code-server"
