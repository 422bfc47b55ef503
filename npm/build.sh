#!/usr/bin/env bash
# Builds connlint's npm packages the way esbuild and Biome ship native tools:
# one package per platform holding the binary (@connlint/<os>-<cpu>, with
# "os" and "cpu" so npm installs only the matching one) and the thin
# `connlint` package whose launcher runs it. Every package is packed with
# `npm pack` into the output folder, ready for `npm publish <tarball>`.
#
#   npm/build.sh [--out DIR] [--version X.Y.Z] [--platforms "linux-x64 win32-x64 ..."]
#
# The TS/JS engine uses cgo (tree-sitter), so each platform needs a C
# cross-compiler. On Debian: gcc (linux-x64), gcc-aarch64-linux-gnu and
# libc6-dev-arm64-cross (linux-arm64), gcc-mingw-w64-x86-64 (win32-x64).
# macOS binaries need Apple's SDK, which Debian does not package: build
# those on a macOS machine with this same script. A platform that cannot be
# built is skipped with the reason, and left out of the launcher's
# optionalDependencies, so that no release names a package it lacks.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/dist/npm"
version=""
platforms="linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64"

while [ $# -gt 0 ]; do
	case "$1" in
	--out) out=$2; shift 2 ;;
	--version) version=$2; shift 2 ;;
	--platforms) platforms=$2; shift 2 ;;
	-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
	*) echo "build.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done

# A tagged commit gives its version; anything else a dev prerelease that
# names the commit ("g" keeps the identifier from being numeric).
if [ -z "$version" ]; then
	if tag=$(git -C "$root" describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null); then
		version=${tag#v}
	else
		version="0.0.0-dev.g$(git -C "$root" rev-parse --short=12 HEAD)"
	fi
fi

host_os=$(go env GOHOSTOS)
host_arch=$(go env GOHOSTARCH)

# goos goarch cc for a platform, or the reason it cannot be built here.
toolchain() {
	case "$1" in
	linux-x64) echo "linux amd64 $( [ "$host_os/$host_arch" = linux/amd64 ] && echo gcc || echo x86_64-linux-gnu-gcc)" ;;
	linux-arm64) echo "linux arm64 $( [ "$host_os/$host_arch" = linux/arm64 ] && echo gcc || echo aarch64-linux-gnu-gcc)" ;;
	win32-x64) echo "windows amd64 x86_64-w64-mingw32-gcc" ;;
	darwin-x64|darwin-arm64)
		if [ "$host_os" = darwin ]; then
			echo "darwin $( [ "$1" = darwin-x64 ] && echo amd64 || echo arm64) clang"
		else
			echo "skip: cgo to macOS needs Apple's SDK; run npm/build.sh --platforms $1 on a Mac"
		fi ;;
	*) echo "skip: unknown platform (known: linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64)" ;;
	esac
}

mkdir -p "$out"
built=()
for platform in $platforms; do
	read -r goos goarch cc <<<"$(toolchain "$platform")"
	if [ "$goos" = "skip:" ]; then
		echo "skip $platform: $goarch $cc" >&2
		continue
	fi
	if ! command -v "$cc" >/dev/null; then
		echo "skip $platform: C compiler $cc not found (see the comment at the top of npm/build.sh)" >&2
		continue
	fi
	exe=connlint
	[ "$goos" = windows ] && exe=connlint.exe
	pkgdir="$out/connlint-$platform"
	rm -rf "$pkgdir"
	mkdir -p "$pkgdir/bin"

	# Linux binaries are linked statically (glibc's resolver left out with
	# netgo/osusergo) so they run on any distribution, musl ones included.
	tags="" ldflags="-s -w"
	case "$goos" in
	linux) tags="netgo,osusergo"; ldflags="$ldflags -linkmode external -extldflags -static" ;;
	windows) ldflags="$ldflags -extldflags -static" ;;
	esac
	echo "build $platform ($goos/$goarch, $cc)" >&2
	(cd "$root" && CGO_ENABLED=1 GOOS=$goos GOARCH=$goarch CC=$cc \
		go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$pkgdir/bin/$exe" ./cmd/connlint)

	node - "$pkgdir" "$platform" "$version" "$exe" <<'EOF'
const fs = require("node:fs");
const [dir, platform, version, exe] = process.argv.slice(2);
const [os, cpu] = platform.split("-");
const pkg = {
  name: `@connlint/${platform}`,
  version,
  description: `The connlint binary for ${os} ${cpu}; install the "connlint" package, which picks this one.`,
  homepage: "https://github.com/connlint/connlint#readme",
  repository: { type: "git", url: "git+https://github.com/connlint/connlint.git" },
  os: [os],
  cpu: [cpu],
  files: [`bin/${exe}`],
  preferUnplugged: true,
};
fs.writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
fs.writeFileSync(`${dir}/README.md`, `# ${pkg.name}\n\n${pkg.description}\n`);
EOF
	built+=("$platform")
done

if [ ${#built[@]} -eq 0 ]; then
	echo "build.sh: no platform could be built" >&2
	exit 1
fi

# The launcher package lists exactly the platforms built above.
main="$out/connlint"
rm -rf "$main"
mkdir -p "$main/bin"
cp "$root/npm/connlint/bin/connlint.js" "$main/bin/"
cp "$root/npm/connlint/README.md" "$main/"
node - "$root/npm/connlint/package.json" "$main/package.json" "$version" "${built[@]}" <<'EOF'
const fs = require("node:fs");
const [src, dst, version, ...platforms] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(src, "utf8"));
pkg.version = version;
pkg.optionalDependencies = Object.fromEntries(platforms.map((p) => [`@connlint/${p}`, version]));
fs.writeFileSync(dst, JSON.stringify(pkg, null, 2) + "\n");
EOF

for dir in "${built[@]/#/$out/connlint-}" "$main"; do
	(cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done
echo "version $version; packed into $out:" >&2
ls -1 "$out"/*.tgz
