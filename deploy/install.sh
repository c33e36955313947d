#!/usr/bin/env bash
# Installs or upgrades the platform into PREFIX, as the user who will run it (not root):
#   PREFIX/app            the release in use (PREFIX/app.previous: the one before, for a rollback)
#   PREFIX/parindex.env   the settings (made from deploy/parindex.env.example on first install)
#   PREFIX/data           the embedded database, evidence files, the audit trail's key and anchors
#   PREFIX/backups        a backup taken before each upgrade's migrations
#
#   deploy/install.sh [--source DIR] PREFIX     install, or upgrade to the release in DIR
#   deploy/install.sh --rollback PREFIX         back to the previous release and its backup
#
# With two PostgreSQL roles (docs/van-hanh.md), give the owner's address for the backup and the
# migrations: PARINDEX_MIGRATE_DATABASE_URL=postgres://parindex_owner:…@host/db deploy/install.sh …
#
# Stop the service first on an upgrade (systemctl stop parindex); start it after.
set -euo pipefail

source_dir="$(cd "$(dirname "$0")/.." && pwd)"
rollback=0
while [ $# -gt 1 ]; do
  case "$1" in
    --source) source_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --rollback) rollback=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: deploy/install.sh [--source DIR] PREFIX | --rollback PREFIX" >&2; exit 2; }
prefix="$1"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
env_file="$prefix/parindex.env"

say() { printf '%s\n' "$*"; }
# The installed command line, with the installation's settings.
parindex() { (cd "$prefix/app" && set -a && . "$env_file" && set +a && ./node_modules/.bin/node src/cli/main.ts "$@"); }
# Backups and migrations as the tables' owner where the server runs as a least-privilege role
# (PARINDEX_MIGRATE_DATABASE_URL, given on the command line, never stored).
as_owner() {
  (
    cd "$prefix/app"
    set -a; . "$env_file"; set +a
    if [ -n "${PARINDEX_MIGRATE_DATABASE_URL:-}" ]; then export DATABASE_URL="$PARINDEX_MIGRATE_DATABASE_URL"; fi
    ./node_modules/.bin/node src/cli/main.ts "$@"
  )
}

if [ "$rollback" = 1 ]; then
  [ -d "$prefix/app.previous" ] || { say "no previous release in $prefix/app.previous" >&2; exit 1; }
  backup="$(ls -1t "$prefix"/backups/*.backup 2>/dev/null | head -n 1 || true)"
  [ -n "$backup" ] || { say "no backup in $prefix/backups to restore" >&2; exit 1; }
  mv "$prefix/app" "$prefix/app.failed.$(date +%Y%m%d%H%M%S)"
  mv "$prefix/app.previous" "$prefix/app"
  as_owner restore "$backup" --force
  say "rolled back to $(parindex --version) with $backup"
  exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null || { say "Node.js (20 or newer) and npm are needed" >&2; exit 1; }
[ "$(id -u)" != 0 ] || say "warning: installing as root; run the service as its own user (see docs/van-hanh.md)" >&2

# 1. The release's files (a git checkout: its tracked files; otherwise the folder without local state).
next="$prefix/app.next"
rm -rf "$next"
mkdir -p "$next"
if git -C "$source_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$source_dir" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$next"
else
  tar -C "$source_dir" --exclude=./node_modules --exclude=./.git --exclude=./.parindex --exclude=./test-output -cf - . | tar -xf - -C "$next"
fi

# 2. Its dependencies (no development tools) and the browser app, built once here. An upgrade
#    whose lock file is the installed one's takes the installed packages (hard links: the
#    previous release keeps its own copy untouched for a rollback).
if [ -d "$prefix/app/node_modules" ] && cmp -s "$prefix/app/package-lock.json" "$next/package-lock.json"; then
  cp -al "$prefix/app/node_modules" "$next/node_modules"
else
  (cd "$next" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error)
fi
# An upgrade whose app is unchanged takes the installed build (same sources and lock file).
reuse=()
[ ! -d "$prefix/app/web/dist" ] || reuse=(--reuse "$prefix/app")
(cd "$next" && ./node_modules/.bin/node scripts/build-web.ts --force "${reuse[@]}" >/dev/null)
# The command line prebuilt for a quick start (bin/parindex.js; the service runs src itself).
(cd "$next" && ./node_modules/.bin/node scripts/build-cli.ts 2>/dev/null) || say "warning: the command line was not prebuilt; it runs from src" >&2

# 3. Settings and data, kept across upgrades.
mkdir -p "$prefix/data" "$prefix/backups"
chmod 700 "$prefix/data" "$prefix/backups"
if [ ! -f "$env_file" ]; then
  sed "s|@DATA_DIR@|$prefix/data|" "$next/deploy/parindex.env.example" > "$env_file"
  chmod 600 "$env_file"
  say "settings written to $env_file: set DATABASE_URL there (or leave it unset for the embedded database)"
fi

# 4. An upgrade: a backup of the database before its migrations, then the migrations.
if [ -d "$prefix/app" ]; then
  stamp="$(date +%Y%m%d-%H%M%S)"
  as_owner backup --out "$prefix/backups/before-upgrade-$stamp.backup"
fi
mv_previous() { rm -rf "$prefix/app.previous"; [ ! -d "$prefix/app" ] || mv "$prefix/app" "$prefix/app.previous"; mv "$next" "$prefix/app"; }
mv_previous
as_owner migrate
say "installed $(parindex --version) in $prefix/app"
