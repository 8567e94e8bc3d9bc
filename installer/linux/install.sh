#!/bin/sh
# Install Sangdam for this user, into ~/.local (no root needed), or remove it again.
#
#     ./install.sh              install (or update) from this folder
#     ./install.sh --uninstall  remove the program, its menu entry, icons and link handler
#
# The program goes to ~/.local/lib/sangdam, a link to it to ~/.local/bin/sangdam, the menu
# entry to ~/.local/share/applications/sangdam.desktop and the icons to the hicolor theme.
# `sangdam://` links open Sangdam (xdg-mime), where xdg-mime is installed. Your inbox data
# and settings (~/.local/share/sangdam, ~/.config/sangdam) are never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
lib=$HOME/.local/lib/sangdam
bin=$HOME/.local/bin
apps=$data/applications
icons=$data/icons/hicolor
sizes="16 24 32 48 64 128 256 512"

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$apps" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$icons" || true
    fi
}

uninstall() {
    rm -rf "$lib"
    if [ -L "$bin/sangdam" ]; then rm -f "$bin/sangdam"; fi
    rm -f "$apps/sangdam.desktop"
    for size in $sizes; do rm -f "$icons/${size}x${size}/apps/sangdam.png"; done
    rm -f "$icons/scalable/apps/sangdam.svg"
    mimeapps=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
    if [ -f "$mimeapps" ]; then
        sed -i '/^x-scheme-handler\/sangdam=sangdam\.desktop;\{0,1\}$/d' "$mimeapps"
    fi
    refresh
    echo "Sangdam is removed (your data in $data/sangdam is kept)."
}

install() {
    if [ ! -x "$here/sangdam/sangdam" ]; then
        echo "install.sh: no sangdam/sangdam next to this script; run it from the unpacked archive" >&2
        exit 1
    fi
    mkdir -p "$lib" "$bin" "$apps"
    # Replace the old program as a whole: files a new version no longer has must go.
    rm -rf "$lib.new"
    cp -R "$here/sangdam" "$lib.new"
    rm -rf "$lib"
    mv "$lib.new" "$lib"
    ln -sfn "$lib/sangdam" "$bin/sangdam"
    for size in $sizes; do
        mkdir -p "$icons/${size}x${size}/apps"
        cp "$here/icons/sangdam-$size.png" "$icons/${size}x${size}/apps/sangdam.png"
    done
    mkdir -p "$icons/scalable/apps"
    cp "$here/icons/sangdam.svg" "$icons/scalable/apps/sangdam.svg"
    # The menu entry runs the program by its full path: ~/.local/bin is not on every
    # desktop session's PATH.
    sed "s|^Exec=sangdam |Exec=\"$lib/sangdam\" |" "$here/sangdam.desktop" >"$apps/sangdam.desktop"
    chmod 644 "$apps/sangdam.desktop"
    refresh
    if command -v xdg-mime >/dev/null 2>&1; then
        xdg-mime default sangdam.desktop x-scheme-handler/sangdam
        echo "sangdam:// links now open Sangdam."
    else
        echo "xdg-mime is not installed: sangdam:// links are not registered (skipped)."
    fi
    echo "Sangdam is installed: run 'sangdam' or find it in your applications menu."
    case ":$PATH:" in
        *":$bin:"*) ;;
        *) echo "Note: $bin is not on your PATH; the menu entry works anyway." ;;
    esac
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' ;;
    *)
        echo "install.sh: unknown option $1 (try --help)" >&2
        exit 2
        ;;
esac
