"""One window over one cache file: the reader, the models, the window and the controller,
wired together.

Building it imports only Qt, the models and the views (no SQLAlchemy, no httpx, no
engine), so the window can be painted from the cache before the rest of the app has
even been imported (SPEC Y1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QBoxLayout, QToolButton, QWidget

from desktop.controller.admin import AdminController
from desktop.controller.chat_actions import ChatActions
from desktop.controller.compose import ComposeController
from desktop.controller.files import FilesController
from desktop.controller.panel import PanelPrefs, attach_panel
from desktop.controller.search import SearchController
from desktop.controller.session import SessionController
from desktop.controller.triage import TriageController
from desktop.controller.window_prefs import remember_window
from desktop.models.chat_list import ChatListModel
from desktop.models.choices import open_counts
from desktop.models.directory import Directory
from desktop.models.file_states import FileStates
from desktop.models.messages import MessageListModel
from desktop.models.search_results import SearchRoles
from desktop.models.sidebar import SidebarModel
from desktop.notify.notifier import Notifier
from desktop.notify.sink import Sink
from desktop.sync.reads import CacheReader
from desktop.views.main_window import MainWindow
from desktop.views.triage import TriageUi, step_sidebar


@dataclass
class Ui:
    path: Path
    reader: CacheReader
    directory: Directory
    sidebar: SidebarModel
    chats: ChatListModel
    messages: MessageListModel
    window: MainWindow
    controller: SessionController
    files: FilesController
    triage: TriageUi
    triage_controller: TriageController
    notifier: Notifier | None = None
    chat_actions: ChatActions | None = None  # the header's links, delete, presence (issue 15)
    admin: AdminController | None = None  # the administration window (issue 17)

    def close(self) -> None:
        self.controller.discard_changes()  # no telling after the reader is closed
        self.window.hide()
        self.window.deleteLater()
        self.reader.close()


def build_ui(path: Path, account: str = "", sink: Sink | None = None) -> Ui:
    """`sink`: where native notifications go (the app's one DesktopSink); None shows none
    (a cache opened only to look at it)."""
    reader = CacheReader(path)
    directory = Directory(reader)
    sidebar = SidebarModel(reader, directory)
    chats = ChatListModel(reader)
    messages = MessageListModel(reader, directory)
    file_states = FileStates()
    window = MainWindow(sidebar, chats, messages, directory, account=account, files=file_states)
    for model in (directory, sidebar, chats, messages, file_states):
        model.setParent(window)
    controller = SessionController(reader, window)
    controller.window_active = window.isActiveWindow

    # the engine's news -> the models (the directory first: the others show its names)
    controller.changed.connect(directory.apply_changes)
    controller.changed.connect(sidebar.apply_changes)
    controller.changed.connect(chats.apply_changes)
    controller.changed.connect(messages.apply_changes)
    controller.changed.connect(window.apply_changes)
    controller.statusChanged.connect(window.status_line.set_status)
    controller.refused.connect(window.show_alert)
    controller.problem.connect(window.show_alert)
    controller.olderLoaded.connect(lambda chat_id, more: messages.older_done(chat_id, more=more))
    messages.olderWanted.connect(controller.load_older)
    composer = window.conversation.composer
    controller.availableChanged.connect(composer.set_available)
    # the send path: the text leaves the composer once its outbox row is written
    controller.sendSaved.connect(lambda chat_id, _text: composer.send_saved(chat_id))
    controller.sendFailed.connect(lambda chat_id, _text: composer.send_failed(chat_id))
    # drafts (SPEC M7): stored in the cache, read back when a chat opens
    composer.draft_source = controller.draft
    composer.draftChanged.connect(controller.save_draft)
    # M2-M6: popups, mentions, link buttons, forms, macros
    ComposeController(reader, directory, composer, controller, parent=window)

    # the agent's requests -> the controller
    window.chatOpened.connect(controller.open_chat)
    window.starRequested.connect(controller.star)
    window.stateRequested.connect(lambda chat_id, state: controller.set_state(chat_id, state))
    window.notifyUnassignedRequested.connect(controller.set_notify_unassigned)
    window.mySettingsRequested.connect(controller.set_my_settings)
    # L5: the server's part of a search; the feed keeps found rows current
    SearchController(window.search_model, controller, parent=window)  # kept by its parent
    controller.changed.connect(window.search_model.apply_changes)

    files = _files(file_states, reader, window, controller)
    triage, triage_controller = _triage(reader, window, controller)
    attach_panel(reader, window, controller, triage_controller)  # P1-P8 (kept by window)
    remember_window(window, PanelPrefs(path.with_name(path.name + ".window.json")))
    chat_actions = _chat_actions(reader, window, controller, triage)
    _search_actions(window, triage)
    admin = AdminController(
        controller,
        directory,
        window,
        parent=window,
        more_pages=lambda parent: _workspace_pages(reader, controller, parent),
    )

    notifier = None
    if sink is not None:
        notifier = _notifications(reader, sink, window, controller)
    return Ui(
        path,
        reader,
        directory,
        sidebar,
        chats,
        messages,
        window,
        controller,
        files,
        triage,
        triage_controller,
        notifier,
        chat_actions,
        admin,
    )


def _chat_actions(
    reader: CacheReader, window: MainWindow, controller: SessionController, triage: TriageUi
) -> ChatActions:
    """The header (issue 15): its pickers are triage's; links, delete, presence and the
    stale-reply guard (every reply goes through it) are `ChatActions`."""
    actions = ChatActions(controller, reader, window, parent=window)
    header = window.conversation.header
    header.attach_triage(triage)
    more = window.conversation.findChild(QToolButton, "chatActionsButton")
    if more is not None and more.menu() is not None:
        header.extend_menu(more.menu())
    window.sendRequested.connect(actions.send)
    window.chatOpened.connect(actions.chat_opened)
    return actions


def _search_actions(window: MainWindow, triage: TriageUi) -> None:
    """Actions on search results (L2 works on them too): right-click a result for the
    menu of the selected results (or of that one); the list's bulk bar is for the list,
    so it steps aside while results are shown."""
    view = window.search_results
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu(pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid():
            return
        ids = view.selected_chat_ids()
        clicked = str(index.data(SearchRoles.ID))
        triage.menu_for_ids(ids if clicked in ids else [clicked], view.viewport().mapToGlobal(pos))

    view.customContextMenuRequested.connect(menu)
    window.search_field.textChanged.connect(lambda text: triage.bar.setVisible(not text.strip()))


def _triage(
    reader: CacheReader, window: MainWindow, controller: SessionController
) -> tuple[TriageUi, TriageController]:
    """Actions on one chat or many: menus, keys, pickers, the bulk bar (issue 14)."""
    chats = window.chats
    ui = TriageUi(
        window,
        window.chat_list,
        chats,
        window.directory,
        open_chat=lambda: window.conversation.chat,
        open_counts=lambda: open_counts(reader.counts("open")),
        matching_count=lambda: reader.chat_count(chats.section, chats.state),
        focus_composer=window.conversation.composer.edit.setFocus,
        step_section=lambda step: step_sidebar(window.sidebar, step),
    )
    middle = window.chat_list.parentWidget()
    column = middle.layout() if middle is not None else None
    if isinstance(column, QBoxLayout):  # above the list: the bar, then a bulk report
        at = column.indexOf(window.chat_list)
        column.insertWidget(at, ui.report)
        column.insertWidget(at, ui.bar)
    window.conversation.header_row.addWidget(ui.header_button(window.conversation))
    run = TriageController(controller, reader, parent=window)
    ui.assignRequested.connect(run.assign)
    ui.teamRequested.connect(run.set_team)
    ui.stateRequested.connect(run.set_state)
    ui.followRequested.connect(run.follow)
    ui.tagRequested.connect(run.tag)
    ui.starRequested.connect(run.star)
    ui.readRequested.connect(run.mark_read)
    ui.matchingWanted.connect(lambda: run.matching(chats.section, chats.state))
    run.matchingFound.connect(ui.set_matching)
    for signal in (run.bulkStarted, run.bulkProgress, run.bulkFinished):
        signal.connect(ui.report.show_report)
    return ui, run


def _files(
    states: FileStates, reader: CacheReader, window: MainWindow, controller: SessionController
) -> FilesController:
    """Attaching, uploading and downloading files (SPEC M1, C2)."""
    files = FilesController(states, reader, parent=window)
    controller.message_with_files = lambda chat_id: (
        states.message_id(chat_id) if states.attachments(chat_id) else None
    )
    controller.filesSent.connect(states.sent)
    pane = window.conversation
    pane.attachRequested.connect(files.attach)
    pane.imagePasted.connect(files.paste_image)
    pane.cancelUploadRequested.connect(files.cancel)
    pane.retryUploadRequested.connect(files.retry)
    pane.removeUploadRequested.connect(files.remove)
    pane.viewImageRequested.connect(files.fetch)
    pane.openFileRequested.connect(files.open_file)
    pane.downloadAllRequested.connect(files.download_all)
    pane.openFolderRequested.connect(
        lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
    )
    files.fileReady.connect(lambda ref, path: pane.show_image(ref, path) if ref.is_image else None)
    files.downloadProgress.connect(pane.downloads.progress)
    files.downloadDone.connect(pane.downloads.finished)
    files.downloadFailed.connect(pane.downloads.failed)
    controller.changed.connect(files.on_changed)
    window.chatOpened.connect(files.show_chat)
    files.refused.connect(window.show_alert)
    files.problem.connect(window.show_alert)
    controller.availableChanged.connect(
        lambda on: files.attach_engine(controller.engine if on else None)
    )
    return files


def _notifications(
    reader: CacheReader, sink: Sink, window: MainWindow, controller: SessionController
) -> Notifier:
    def looking_at(chat_id: str) -> bool:
        return (
            window.isActiveWindow()
            and not window.isMinimized()
            and controller.open_chat_id == chat_id
        )

    def open_chat(chat_id: str) -> None:
        window.bring_to_front()
        window.show_chat(chat_id)

    def open_summary(chat_ids: tuple[str, ...]) -> None:
        window.bring_to_front()
        if len(chat_ids) == 1:
            window.show_chat(chat_ids[0])
        else:
            window.show_section("sessions")

    notifier = Notifier(reader, sink, looking_at=looking_at, parent=window)
    controller.changed.connect(notifier.on_changed)  # after the models: the rows are there
    notifier.chatClicked.connect(open_chat)
    notifier.summaryClicked.connect(open_summary)
    notifier.pausedChanged.connect(window.set_paused)
    window.chatOpened.connect(notifier.chat_opened)
    window.pauseRequested.connect(notifier.pause)
    return notifier


def _workspace_pages(
    reader: CacheReader, controller: SessionController, parent: QObject
) -> list[tuple[str, str, str, QWidget]]:
    """The administration window's workspace pages, imported when it is first opened
    (as its Teams and Managers pages are), not at start-up."""
    from desktop.controller.admin_workspace import workspace_pages

    return workspace_pages(reader, controller, parent)
