#!/usr/bin/env bash
# The macOS download: dist/Sangdam.app (PyInstaller's BUNDLE in installer/sangdam.spec,
# its Info.plist from installer/bundle.py: sangdam:// links, identifier, version, icon)
# packed into dist/sangdam-<version>-macos.dmg.
#
#     installer/macos/build.sh
#
# Needs uv and Xcode's command line tools. Signs when SANGDAM_CODESIGN_IDENTITY names a
# "Developer ID Application" identity in the keychain, and notarises when
# SANGDAM_NOTARY_PROFILE names a `xcrun notarytool store-credentials` profile; without
# them it says which step is skipped.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ "$(uname -s)" != "Darwin" ]; then
    echo "build.sh: this builds the macOS app and needs macOS (hdiutil, codesign)" >&2
    exit 2
fi
version=$(uv run python -c 'from installer.bundle import version; print(version())')
uv run pyinstaller installer/sangdam.spec --noconfirm --distpath dist --workpath build
app="dist/Sangdam.app"
plutil -lint "$app/Contents/Info.plist"
"$app/Contents/MacOS/sangdam" --selftest  # the bundle works before it is packed

identity=${SANGDAM_CODESIGN_IDENTITY:-}
if [ -n "$identity" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$identity" "$app"
    codesign --verify --deep --strict "$app"
else
    echo "Signing skipped: SANGDAM_CODESIGN_IDENTITY is not set."
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"  # drag Sangdam onto it to install
dmg="dist/sangdam-$version-macos.dmg"
hdiutil create -volname "Sangdam $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
if [ -n "$identity" ]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
fi

if [ -n "$identity" ] && [ -n "${SANGDAM_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$SANGDAM_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
else
    echo "Notarising skipped: SANGDAM_NOTARY_PROFILE and SANGDAM_CODESIGN_IDENTITY are not both set."
fi
echo "$dmg"
