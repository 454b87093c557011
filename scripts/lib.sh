# Shared by scripts/serve and scripts/test: set up what a fresh machine lacks.
# Sourced, not run. Each step is quick when there is nothing to do.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The virtual environment, with the package installed (editable) and the pinned
# dependencies; reinstalled only when pyproject.toml changes.
ensure_venv() {
    local extras="$1" stamp="$VENV/.installed-$1"
    local python="${IROHUB_PYTHON:-python3.11}"
    command -v "$python" >/dev/null 2>&1 || python=python3
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "Creating the virtual environment in .venv ($("$python" --version))"
        "$python" -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    fi
    local want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        say "Installing IRO Hub and its pinned dependencies ($extras)"
        local target="$ROOT"
        [[ "$extras" == "runtime" ]] || target="$ROOT[$extras]"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$target" \
            2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
        echo "$want" >"$stamp"
    fi
}

# A PostgreSQL server on 127.0.0.1:5432 for the tests. This machine normally has one
# running (trust authentication); a fresh machine gets Debian's package, started here,
# with the password "postgres" so the same URL works either way.
ensure_postgres() {
    if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        return
    fi
    if ! command -v pg_ctlcluster >/dev/null 2>&1; then
        say "Installing PostgreSQL (Debian package)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    say "Starting PostgreSQL"
    local version
    version="$(ls /etc/postgresql | sort -V | tail -1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
        || pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL did not start" >&2; exit 1; }
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
}

# Debian's Chromium for the browser tests (Playwright drives it; it cannot download its own).
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then
        return
    fi
    say "Installing Chromium for the browser tests (Debian package)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-liberation2 >/dev/null
}

# What WeasyPrint needs to render PDFs (Pango, HarfBuzz subsetting, a font with Arial's
# metrics) and poppler-utils, which the tests use to read the PDFs back.
ensure_report_libs() {
    if ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset \
        && fc-list 2>/dev/null | grep -qi "Liberation Sans" \
        && { [[ "${1:-}" != "test" ]] || command -v pdftotext >/dev/null 2>&1; }; then
        return
    fi
    say "Installing the PDF libraries (Debian packages)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        libharfbuzz-subset0 fonts-liberation2 fontconfig poppler-utils >/dev/null
}
