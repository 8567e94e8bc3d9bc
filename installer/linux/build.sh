#!/usr/bin/env bash
# The Linux download: dist/sangdam-<version>-linux-<arch>.tgz, holding the PyInstaller
# bundle (sangdam/), sangdam.desktop, the icons and install.sh (into ~/.local).
#
#     installer/linux/build.sh                 build the bundle with PyInstaller, pack it
#     installer/linux/build.sh --bundle DIR    pack a bundle built before
#     installer/linux/build.sh --out DIR       write the .tgz there (default: dist/)
#
# Run from anywhere; it works in the repository root. Needs uv (and binutils: PyInstaller
# strips the libraries with `strip` and reads them with `objdump`).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bundle=""
out="$root/dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --bundle) bundle=$(cd "$2" && pwd); shift 2 ;;
        --out) mkdir -p "$2"; out=$(cd "$2" && pwd); shift 2 ;;
        *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)
if [ -z "$version" ]; then
    echo "build.sh: no version in pyproject.toml" >&2
    exit 1
fi
if [ -z "$bundle" ]; then
    uv run pyinstaller installer/sangdam.spec --noconfirm --distpath dist --workpath build
    bundle="$root/dist/sangdam"
    "$bundle/sangdam" --selftest # offscreen; the bundle works before it is packed
fi
if [ ! -x "$bundle/sangdam" ]; then
    echo "build.sh: $bundle/sangdam is not an executable bundle" >&2
    exit 1
fi

name="sangdam-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/icons"
cp -a "$bundle" "$stage/$name/sangdam"
for size in 16 24 32 48 64 128 256 512; do
    cp resources/icons/sangdam-$size.png "$stage/$name/icons/"
done
cp resources/icons/sangdam.svg "$stage/$name/icons/"
cp installer/linux/sangdam.desktop installer/linux/install.sh "$stage/$name/"
chmod 755 "$stage/$name/install.sh"
mkdir -p "$out"
tar -C "$stage" -czf "$out/$name.tgz" "$name"
echo "$out/$name.tgz ($(du -m "$out/$name.tgz" | cut -f1) MB)"
