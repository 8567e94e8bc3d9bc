"""Native notifications (N1-N7): the server's notification entries become the operating
system's notifications, a click opens that chat, and the tray and dock show my unread
count. `Notifier` decides how to show, `DesktopSink` shows (desktop-notifier), `Tray`
holds the icon, its menu and the badge."""
