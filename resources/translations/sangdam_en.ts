<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/views/actions.py" line="59"/>
        <source>Assign…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="61"/>
        <source>Assign to me</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="63"/>
        <source>Team…</source>
        <translation>Team…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="65"/>
        <source>Follow</source>
        <translation>Follow</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="67"/>
        <source>Unfollow</source>
        <translation>Unfollow</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="69"/>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="71"/>
        <source>Snooze…</source>
        <translation>Snooze…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="73"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="75"/>
        <source>Tags…</source>
        <translation>Tags…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="77"/>
        <source>Star</source>
        <translation>Star</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="79"/>
        <source>Unstar</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="81"/>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="83"/>
        <source>Mark as unread</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="108"/>
        <source>Your operator seat is off: turn it on to change a chat&apos;s state or tags.</source>
        <translation>Your operator seat is off: turn it on to change a chat&apos;s state or tags.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="114"/>
        <source>Bulk actions need your operator seat on.</source>
        <translation>Bulk actions need your operator seat on.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="156"/>
        <source>Your operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>Your operator seat is off: only managers with their seat on can be assigned.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="171"/>
        <source>Next chat</source>
        <translation>Next chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="172"/>
        <source>Previous chat</source>
        <translation>Previous chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="173"/>
        <source>Extend the selection</source>
        <translation>Extend the selection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="174"/>
        <source>Select or unselect the chat</source>
        <translation>Select or unselect the chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="175"/>
        <source>Select all loaded chats</source>
        <translation>Select all loaded chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="176"/>
        <source>Clear the selection</source>
        <translation>Clear the selection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="177"/>
        <source>Open the chat</source>
        <translation>Open the chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="178"/>
        <source>Reply: go to the composer</source>
        <translation>Reply: go to the composer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="179"/>
        <source>Next section</source>
        <translation>Next section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="180"/>
        <source>Previous section</source>
        <translation>Previous section</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="181"/>
        <source>Go to sections / chat list / composer</source>
        <translation>Go to sections / chat list / composer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="182"/>
        <source>Next or previous chat from anywhere</source>
        <translation>Next or previous chat from anywhere</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="183"/>
        <source>Actions on the selected chats</source>
        <translation>Actions on the selected chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="184"/>
        <source>Show this help</source>
        <translation>Show this help</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="68"/>
        <source>Media</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="69"/>
        <source>Macros</source>
        <translation>Macros</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="70"/>
        <source>Profile fields</source>
        <translation>Profile fields</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="73"/>
        <source>Workspace</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="106"/>
        <source>The medium was not saved</source>
        <translation>The medium was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="113"/>
        <source>The medium was not disconnected</source>
        <translation>The medium was not disconnected</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="125"/>
        <source>The field was not saved</source>
        <translation>The field was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="130"/>
        <source>Deleted; the customers&apos; values are kept.</source>
        <translation>Deleted; the customers&apos; values are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="132"/>
        <source>The field was not deleted</source>
        <translation>The field was not deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="142"/>
        <source>Order saved.</source>
        <translation>Order saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="144"/>
        <source>The order was not saved</source>
        <translation>The order was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="153"/>
        <source>The workspace was not saved</source>
        <translation>The workspace was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="162"/>
        <source>The macro was not saved</source>
        <translation>The macro was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="169"/>
        <source>The macro was not deleted</source>
        <translation>The macro was not deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="181"/>
        <source>{what}: not connected yet.</source>
        <translation>{what}: not connected yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="188"/>
        <source>{what}: you are no longer logged in.</source>
        <translation>{what}: you are no longer logged in.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="105"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="67"/>
        <source>Teams</source>
        <translation>Teams</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="106"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="101"/>
        <source>Managers</source>
        <translation>Managers</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="122"/>
        <source>The team was not created</source>
        <translation>The team was not created</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="129"/>
        <source>The team was not renamed</source>
        <translation>The team was not renamed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="136"/>
        <source>The team was not deleted</source>
        <translation>The team was not deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="143"/>
        <source>Automatic assignment was not changed</source>
        <translation>Automatic assignment was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="150"/>
        <source>The member was not added</source>
        <translation>The member was not added</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="157"/>
        <source>The member was not removed</source>
        <translation>The member was not removed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="164"/>
        <source>The rota was not changed</source>
        <translation>The rota was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="171"/>
        <source>The maximum of chats was not changed</source>
        <translation>The maximum of chats was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="182"/>
        <source>The role was not changed</source>
        <translation>The role was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="189"/>
        <source>The permissions were not changed</source>
        <translation>The permissions were not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="196"/>
        <source>The operator seat was not changed</source>
        <translation>The operator seat was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="203"/>
        <source>The manager was not deactivated</source>
        <translation>The manager was not deactivated</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="210"/>
        <source>The manager was not reactivated</source>
        <translation>The manager was not reactivated</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="220"/>
        <source>The invitation was not made</source>
        <translation>The invitation was not made</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="226"/>
        <source>The invitations could not be read</source>
        <translation>The invitations could not be read</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="233"/>
        <source>The invitation was not withdrawn</source>
        <translation>The invitation was not withdrawn</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="250"/>
        <source>{what}: not connected to the server yet.</source>
        <translation>{what}: not connected to the server yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_calls.py" line="35"/>
        <source>{what}: the server cannot be reached now.</source>
        <translation>{what}: the server cannot be reached now.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="34"/>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="36"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="37"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="82"/>
        <source>assigns automatically</source>
        <translation>assigns automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="84"/>
        <source>no automatic assignment</source>
        <translation>no automatic assignment</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="86"/>
        <source>{n} members, {auto}</source>
        <translation>{n} members, {auto}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="129"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="233"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="130"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="131"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="139"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="154"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="192"/>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="132"/>
        <source>Operator seat</source>
        <translation>Operator seat</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="156"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="282"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="245"/>
        <source>{name} (deactivated)</source>
        <translation>{name} (deactivated)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="166"/>
        <source>On</source>
        <translation>On</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="168"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="47"/>
        <source>Delete chats</source>
        <translation>Delete chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="49"/>
        <source>Manage macros</source>
        <translation>Manage macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="50"/>
        <source>Manage the workspace</source>
        <translation>Manage the workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="149"/>
        <source>Operator seat (answers chats)</source>
        <translation>Operator seat (answers chats)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="157"/>
        <source>Permissions</source>
        <translation>Permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="164"/>
        <source>Choose a manager.</source>
        <translation>Choose a manager.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="187"/>
        <source>Invite a manager</source>
        <translation>Invite a manager</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="190"/>
        <source>Email address</source>
        <translation>Email address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="195"/>
        <source>Invite</source>
        <translation>Invite</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="204"/>
        <source>Invitation link</source>
        <translation>Invitation link</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="205"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="212"/>
        <source>The invitation link as a QR code</source>
        <translation>The invitation link as a QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="213"/>
        <source>Pending invitations</source>
        <translation>Pending invitations</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="217"/>
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="293"/>
        <source>You cannot deactivate yourself.</source>
        <translation>You cannot deactivate yourself.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="296"/>
        <source>Reactivate</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="299"/>
        <source>Deactivate…</source>
        <translation>Deactivate…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="309"/>
        <source>Send this link to {email}: it works once, for 7 days. Opening it in Sangdam asks their name and a password.</source>
        <translation>Send this link to {email}: it works once, for 7 days. Opening it in Sangdam asks their name and a password.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="325"/>
        <source>{email} — {role}, until {until}</source>
        <translation>{email} — {role}, until {until}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="364"/>
        <source>Deactivate {name}?</source>
        <translation>Deactivate {name}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="365"/>
        <source>{name} is signed out everywhere and can no longer log in. Their open chats go back to routing; their messages, notes and history stay theirs. You can reactivate them later.</source>
        <translation>{name} is signed out everywhere and can no longer log in. Their open chats go back to routing; their messages, notes and history stay theirs. You can reactivate them later.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="381"/>
        <source>Link copied.</source>
        <translation>Link copied.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="70"/>
        <source>Teams receive chats; a team that assigns automatically gives each new chat to a member in its rota who has room.</source>
        <translation>Teams receive chats; a team that assigns automatically gives each new chat to a member in its rota who has room.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="86"/>
        <source>New team&apos;s name</source>
        <translation>New team&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="88"/>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="125"/>
        <source>Team name</source>
        <translation>Team name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="126"/>
        <source>Rename</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="129"/>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="131"/>
        <source>Assign new chats automatically</source>
        <translation>Assign new chats automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="133"/>
        <source>Members</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="144"/>
        <source>Manager to add</source>
        <translation>Manager to add</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="145"/>
        <source>Add member</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="147"/>
        <source>Choose a team, or create one.</source>
        <translation>Choose a team, or create one.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="234"/>
        <source>In the rota</source>
        <translation>In the rota</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="235"/>
        <source>Maximum chats</source>
        <translation>Maximum chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="250"/>
        <source>{name} in the rota</source>
        <translation>{name} in the rota</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="261"/>
        <source>The most chats assigned to them automatically, in any team</source>
        <translation>The most chats assigned to them automatically, in any team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="270"/>
        <source>Remove from the team</source>
        <translation>Remove from the team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="280"/>
        <source>No members yet.</source>
        <translation>No members yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="313"/>
        <source>Delete {name}?</source>
        <translation>Delete {name}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="314"/>
        <source>The team {name} is deleted. Its chats stay, without a team, and no one loses a message.</source>
        <translation>The team {name} is deleted. Its chats stay, without a team, and no one loses a message.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/window.py" line="33"/>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>AdminFields</name>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="40"/>
        <source>Choice (select)</source>
        <translation>Choice (select)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="53"/>
        <source>Edit profile field</source>
        <translation>Edit profile field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="55"/>
        <source>New profile field</source>
        <translation>New profile field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="58"/>
        <source>e.g. plan (letters, digits, _)</source>
        <translation>e.g. plan (letters, digits, _)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="60"/>
        <source>e.g. Plan</source>
        <translation>e.g. Plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="65"/>
        <source>One option a line</source>
        <translation>One option a line</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="67"/>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="75"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="76"/>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="77"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="82"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="113"/>
        <source>A field needs a key and a label.</source>
        <translation>A field needs a key and a label.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="117"/>
        <source>A select field needs at least one option.</source>
        <translation>A select field needs at least one option.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="142"/>
        <source>Profile fields</source>
        <translation>Profile fields</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="143"/>
        <source>What agents keep about each customer, in the side panel&apos;s order. Deleting a field hides it; the customers&apos; values are kept.</source>
        <translation>What agents keep about each customer, in the side panel&apos;s order. Deleting a field hides it; the customers&apos; values are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="153"/>
        <source>Add field</source>
        <translation>Add field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="156"/>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="159"/>
        <location filename="../../desktop/views/admin/fields_page.py" line="259"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="162"/>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="164"/>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="174"/>
        <source>No profile fields yet: add the first.</source>
        <translation>No profile fields yet: add the first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="251"/>
        <source>Delete the field “{label}”?</source>
        <translation>Delete the field “{label}”?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="254"/>
        <source>It leaves every agent&apos;s side panel. The customers&apos; values are kept: a field made again with the key “{key}” shows them.</source>
        <translation>It leaves every agent&apos;s side panel. The customers&apos; values are kept: a field made again with the key “{key}” shows them.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="276"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>AdminMacros</name>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="44"/>
        <source>Macros</source>
        <translation>Macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="45"/>
        <source>Saved replies every agent inserts by typing # in the composer.</source>
        <translation>Saved replies every agent inserts by typing # in the composer.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="55"/>
        <source>New macro</source>
        <translation>New macro</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="58"/>
        <source>Name, e.g. Greeting</source>
        <translation>Name, e.g. Greeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="61"/>
        <source>The reply. Variables are filled in when it is inserted.</source>
        <translation>The reply. Variables are filled in when it is inserted.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="64"/>
        <source>Variables:</source>
        <translation>Variables:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="67"/>
        <source>{customer} is the chat&apos;s customer; {manager} and {email} the agent who inserts it; {team} the chat&apos;s team.</source>
        <translation>{customer} is the chat&apos;s customer; {manager} and {email} the agent who inserts it; {team} the chat&apos;s team.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="81"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="84"/>
        <location filename="../../desktop/views/admin/macros_page.py" line="177"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="91"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="93"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="175"/>
        <source>Delete the macro “{name}”?</source>
        <translation>Delete the macro “{name}”?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="176"/>
        <source>It is removed for everyone in the workspace.</source>
        <translation>It is removed for everyone in the workspace.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="186"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="190"/>
        <source>Deleted.</source>
        <translation>Deleted.</translation>
    </message>
</context>
<context>
    <name>AdminMedia</name>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="45"/>
        <source>Phone number (E.164, e.g. +8215881234)</source>
        <translation>Phone number (E.164, e.g. +8215881234)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="46"/>
        <source>Inbound address</source>
        <translation>Inbound address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="47"/>
        <source>SMTP server</source>
        <translation>SMTP server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="48"/>
        <source>SMTP port</source>
        <translation>SMTP port</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="49"/>
        <source>SMTP user</source>
        <translation>SMTP user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="50"/>
        <source>Use STARTTLS</source>
        <translation>Use STARTTLS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="51"/>
        <source>Channel ID</source>
        <translation>Channel ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="52"/>
        <source>Page ID</source>
        <translation>Page ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="53"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="54"/>
        <source>Partner ID</source>
        <translation>Partner ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="55"/>
        <source>Webhook secret</source>
        <translation>Webhook secret</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="56"/>
        <source>SMTP password</source>
        <translation>SMTP password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="57"/>
        <source>REST API key</source>
        <translation>REST API key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="58"/>
        <source>Sender key</source>
        <translation>Sender key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="59"/>
        <source>App secret</source>
        <translation>App secret</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="60"/>
        <source>Page access token</source>
        <translation>Page access token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="61"/>
        <source>Webhook verify token</source>
        <translation>Webhook verify token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="62"/>
        <source>Authorization key</source>
        <translation>Authorization key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="63"/>
        <source>Channel secret</source>
        <translation>Channel secret</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="64"/>
        <source>Channel access token</source>
        <translation>Channel access token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="88"/>
        <source>Edit {medium}</source>
        <translation>Edit {medium}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="90"/>
        <source>Connect {medium}</source>
        <translation>Connect {medium}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="119"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="124"/>
        <source>Secrets</source>
        <translation>Secrets</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="132"/>
        <source>Set: leave empty to keep</source>
        <translation>Set: leave empty to keep</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="134"/>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="140"/>
        <source>Secrets are sealed on the server and never shown again, here or anywhere.</source>
        <translation>Secrets are sealed on the server and never shown again, here or anywhere.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="151"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="151"/>
        <location filename="../../desktop/views/admin/media_page.py" line="254"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="209"/>
        <location filename="../../desktop/views/admin/media_page.py" line="347"/>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="231"/>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="233"/>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="246"/>
        <source>Secrets set: {names}</source>
        <translation>Secrets set: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="251"/>
        <source>Connect it to answer its chats in Sangdam.</source>
        <translation>Connect it to answer its chats in Sangdam.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="254"/>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="273"/>
        <source>Media</source>
        <translation>Media</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="274"/>
        <source>The messengers your customers write from. Connected media&apos;s chats arrive in every agent&apos;s app; disconnecting keeps the chats already there.</source>
        <translation>The messengers your customers write from. Connected media&apos;s chats arrive in every agent&apos;s app; disconnecting keeps the chats already there.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="323"/>
        <source>{medium} saved.</source>
        <translation>{medium} saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="328"/>
        <source>{medium} disconnected.</source>
        <translation>{medium} disconnected.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="341"/>
        <source>Disconnect {medium}?</source>
        <translation>Disconnect {medium}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="342"/>
        <source>New messages from {medium} stop arriving and its secrets are erased. Its chats stay, with their history.</source>
        <translation>New messages from {medium} stop arriving and its secrets are erased. Its chats stay, with their history.</translation>
    </message>
</context>
<context>
    <name>AdminWorkspace</name>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="44"/>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="45"/>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="46"/>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="47"/>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="48"/>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="49"/>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="50"/>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="78"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="110"/>
        <source>Workspace</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="111"/>
        <source>Its name, the time zone its hours are in, and when the team answers.</source>
        <translation>Its name, the time zone its hours are in, and when the team answers.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="129"/>
        <source>Search, e.g. Seoul</source>
        <translation>Search, e.g. Seoul</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="132"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="133"/>
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="135"/>
        <source>Business hours</source>
        <translation>Business hours</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="152"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="154"/>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="206"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/controller/flow.py" line="104"/>
        <source>Wrong email or password.</source>
        <translation>Wrong email or password.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="106"/>
        <source>Cannot reach the server at {server}. Check the address and your network.</source>
        <translation>Cannot reach the server at {server}. Check the address and your network.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="111"/>
        <source>That is not a server address: {detail}</source>
        <translation>That is not a server address: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="116"/>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>Too many failed attempts. Try again in {n} s.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="119"/>
        <source>Too many failed attempts. Try again later.</source>
        <translation>Too many failed attempts. Try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="121"/>
        <source>The server is busy with other logins. Try again in a moment.</source>
        <translation>The server is busy with other logins. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="123"/>
        <source>Your login has expired. Please log in again.</source>
        <translation>Your login has expired. Please log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="125"/>
        <source>Your login was ended (logged out elsewhere). Please log in again.</source>
        <translation>Your login was ended (logged out elsewhere). Please log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="129"/>
        <source>The server no longer knows this login. Please log in again.</source>
        <translation>The server no longer knows this login. Please log in again.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="131"/>
        <source>Check the email address.</source>
        <translation>Check the email address.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="132"/>
        <source>The server could not log you in: {detail}</source>
        <translation>The server could not log you in: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="230"/>
        <source>Sangdam is not connected yet. Try again in a moment.</source>
        <translation>Sangdam is not connected yet. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="239"/>
        <source>Sangdam cannot show notifications on this desktop ({why}). New messages still appear here and in the tray&apos;s count.</source>
        <translation>Sangdam cannot show notifications on this desktop ({why}). New messages still appear here and in the tray&apos;s count.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="285"/>
        <source>Demo workspace</source>
        <translation>Demo workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="335"/>
        <source>The system keyring did not answer, so your saved login could not be read. Please log in.</source>
        <translation>The system keyring did not answer, so your saved login could not be read. Please log in.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="474"/>
        <source>Starting the demo workspace… (the first start takes a while)</source>
        <translation>Starting the demo workspace… (the first start takes a while)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="477"/>
        <source>Starting the demo server…</source>
        <translation>Starting the demo server…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="488"/>
        <source>Sangdam demo</source>
        <translation>Sangdam demo</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="489"/>
        <source>The demo could not start: {reason}</source>
        <translation>The demo could not start: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="516"/>
        <source>Sangdam</source>
        <translation>Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="561"/>
        <source>the system keyring did not answer within {n} s</source>
        <translation>the system keyring did not answer within {n} s</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="565"/>
        <source>Sangdam cannot remember your login on this computer: {reason}. You will be asked to log in again next time.</source>
        <translation>Sangdam cannot remember your login on this computer: {reason}. You will be asked to log in again next time.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="663"/>
        <source>You have logged out.</source>
        <translation>You have logged out.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="672"/>
        <source>The server no longer accepts this login. Please log in again.</source>
        <translation>The server no longer accepts this login. Please log in again.</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../desktop/views/attachments.py" line="63"/>
        <source>Cancel this upload</source>
        <translation>Cancel this upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="66"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="67"/>
        <source>Upload this file again</source>
        <translation>Upload this file again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="71"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="72"/>
        <source>Take this file off the message</source>
        <translation>Take this file off the message</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="213"/>
        <source>Attached: {n} of {max} files · {size}</source>
        <translation>Attached: {n} of {max} files · {size}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../desktop/views/status.py" line="133"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>ChatDelegate</name>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="43"/>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="44"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="65"/>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_delegate.py" line="63"/>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_delegate.py" line="67"/>
        <location filename="../../desktop/views/search_view.py" line="106"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="117"/>
        <source>Manager link copied: for your teammates, it opens this chat in Sangdam.</source>
        <translation>Manager link copied: for your teammates, it opens this chat in Sangdam.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="123"/>
        <source>The manager link could not be copied</source>
        <translation>The manager link could not be copied</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="135"/>
        <source>Customer link for {name} copied: only for {name}. The link made before no longer works.</source>
        <translation>Customer link for {name} copied: only for {name}. The link made before no longer works.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="142"/>
        <source>The customer link could not be made</source>
        <translation>The customer link could not be made</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="153"/>
        <source>The chat was not deleted</source>
        <translation>The chat was not deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="177"/>
        <source>{what}: the server cannot be reached now.</source>
        <translation>{what}: the server cannot be reached now.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="297"/>
        <source>{name} wrote again while you were typing.</source>
        <translation>{name} wrote again while you were typing.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="301"/>
        <source>{name} replied while you were typing.</source>
        <translation>{name} replied while you were typing.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="304"/>
        <source>{name} started typing in this chat too.</source>
        <translation>{name} started typing in this chat too.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="71"/>
        <source>{name} is typing…</source>
        <translation>{name} is typing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="74"/>
        <source>{names} and {last} are typing…</source>
        <translation>{names} and {last} are typing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="79"/>
        <source>{name} is viewing</source>
        <translation>{name} is viewing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="82"/>
        <source>{names} and {last} are viewing</source>
        <translation>{names} and {last} are viewing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="191"/>
        <source>Snooze…</source>
        <translation>Snooze…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="201"/>
        <location filename="../../desktop/views/chat_header.py" line="342"/>
        <source>Copy a link to this chat</source>
        <translation>Copy a link to this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="209"/>
        <source>Copy the manager link (for teammates)</source>
        <translation>Copy the manager link (for teammates)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="213"/>
        <source>For your teammates: opens this chat in Sangdam. Customers cannot open it.</source>
        <translation>For your teammates: opens this chat in Sangdam. Customers cannot open it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="225"/>
        <source>Delete permanently…</source>
        <translation>Delete permanently…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="287"/>
        <source>Snoozed until {when}</source>
        <translation>Snoozed until {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="302"/>
        <source>Assignee: {name}. Click to change who answers.</source>
        <translation>Assignee: {name}. Click to change who answers.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="306"/>
        <source>Team: {name}. Click to change it.</source>
        <translation>Team: {name}. Click to change it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="307"/>
        <source>No team</source>
        <translation>No team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="310"/>
        <source>Snooze: the chat opens again when it ends</source>
        <translation>Snooze: the chat opens again when it ends</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="329"/>
        <source>Copy a new customer link (only for {name})…</source>
        <translation>Copy a new customer link (only for {name})…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="332"/>
        <source>For {name} only: opens their own chat page and nothing else. Making a new one stops the previous link from working.</source>
        <translation>For {name} only: opens their own chat page and nothing else. Making a new one stops the previous link from working.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="339"/>
        <source>Needs a connection to the server.</source>
        <translation>Needs a connection to the server.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="347"/>
        <source>Delete this chat, its messages and files for good</source>
        <translation>Delete this chat, its messages and files for good</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="411"/>
        <source>Make a new link for {name}?</source>
        <translation>Make a new link for {name}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="412"/>
        <source>The new link opens {name}&apos;s own chat page, and nothing else. Any customer link sent before for this chat stops working.</source>
        <translation>The new link opens {name}&apos;s own chat page, and nothing else. Any customer link sent before for this chat stops working.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="417"/>
        <source>Make and copy the link</source>
        <translation>Make and copy the link</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="431"/>
        <source>Delete the chat with {name} permanently?</source>
        <translation>Delete the chat with {name} permanently?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="432"/>
        <source>The chat with {name}, all its messages and files are deleted for everyone. This cannot be undone.</source>
        <translation>The chat with {name}, all its messages and files are deleted for everyone. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="437"/>
        <source>Delete permanently</source>
        <translation>Delete permanently</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="492"/>
        <source>Send your reply anyway?</source>
        <translation>Send your reply anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="493"/>
        <source>Send anyway</source>
        <translation>Send anyway</translation>
    </message>
</context>
<context>
    <name>ComposeDialogs</name>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="70"/>
        <source>Send a link button</source>
        <translation>Send a link button</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="73"/>
        <source>e.g. Track my order</source>
        <translation>e.g. Track my order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="91"/>
        <source>Colour {color}</source>
        <translation>Colour {color}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="96"/>
        <source>Other…</source>
        <translation>Other…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="107"/>
        <source>Button text</source>
        <translation>Button text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="108"/>
        <source>Web address</source>
        <translation>Web address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="109"/>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="110"/>
        <source>The customer sees:</source>
        <translation>The customer sees:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="116"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="284"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="144"/>
        <source>Give the button a text.</source>
        <translation>Give the button a text.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="147"/>
        <source>Enter a web address such as https://example.com</source>
        <translation>Enter a web address such as https://example.com</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="151"/>
        <source>This web address is not valid.</source>
        <translation>This web address is not valid.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="161"/>
        <source>Button</source>
        <translation>Button</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="180"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="434"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="181"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="182"/>
        <source>Yes / no</source>
        <translation>Yes / no</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="183"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="197"/>
        <source>Question, e.g. Email</source>
        <translation>Question, e.g. Email</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="202"/>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="208"/>
        <source>The customer profile field this answer is saved to</source>
        <translation>The customer profile field this answer is saved to</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="214"/>
        <source>Remove this field</source>
        <translation>Remove this field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="250"/>
        <source>Send a form</source>
        <translation>Send a form</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="253"/>
        <source>The customer fills in these fields in the chat. An answer can be saved to their profile.</source>
        <translation>The customer fills in these fields in the chat. An answer can be saved to their profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="265"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="266"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="267"/>
        <source>Save to profile</source>
        <translation>Save to profile</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="276"/>
        <source>Add a field</source>
        <translation>Add a field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="336"/>
        <source>Add at least one field.</source>
        <translation>Add at least one field.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="338"/>
        <source>Every field needs a question.</source>
        <translation>Every field needs a question.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="341"/>
        <source>Two fields save to the same profile field.</source>
        <translation>Two fields save to the same profile field.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="389"/>
        <source>Macros</source>
        <translation>Macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="394"/>
        <source>Search macros</source>
        <translation>Search macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="407"/>
        <source>Name, e.g. Greeting</source>
        <translation>Name, e.g. Greeting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="410"/>
        <source>The reply. Variables are filled in when inserted.</source>
        <translation>The reply. Variables are filled in when inserted.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="413"/>
        <source>Variables:</source>
        <translation>Variables:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="415"/>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="416"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="419"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="553"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="421"/>
        <source>Insert</source>
        <translation>Insert</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="422"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="432"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="485"/>
        <source>You need the “manage macros” permission to change macros: ask an admin.</source>
        <translation>You need the “manage macros” permission to change macros: ask an admin.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="520"/>
        <source>Give the macro a name.</source>
        <translation>Give the macro a name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="522"/>
        <source>Write the macro&apos;s text.</source>
        <translation>Write the macro&apos;s text.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="549"/>
        <source>Delete this macro?</source>
        <translation>Delete this macro?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="550"/>
        <source>“{name}” is removed for everyone in the workspace.</source>
        <translation>“{name}” is removed for everyone in the workspace.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/views/composer.py" line="242"/>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="243"/>
        <source>A reply the customer sees</source>
        <translation>A reply the customer sees</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="245"/>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="246"/>
        <source>A note only managers in this chat see</source>
        <translation>A note only managers in this chat see</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="272"/>
        <source>Attach</source>
        <translation>Attach</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="276"/>
        <source>Attach files (up to 10, 1 GiB each); you can also drop or paste them</source>
        <translation>Attach files (up to 10, 1 GiB each); you can also drop or paste them</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="280"/>
        <location filename="../../desktop/views/composer.py" line="558"/>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="290"/>
        <source>Insert an emoji (or type : and a word)</source>
        <translation>Insert an emoji (or type : and a word)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="295"/>
        <source>Macros</source>
        <translation>Macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="296"/>
        <source>Insert a saved reply (or type #); manage the macros</source>
        <translation>Insert a saved reply (or type #); manage the macros</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="301"/>
        <source>Link button</source>
        <translation>Link button</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="302"/>
        <location filename="../../desktop/views/composer.py" line="646"/>
        <source>Send the customer a button that opens a web address</source>
        <translation>Send the customer a button that opens a web address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="307"/>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="308"/>
        <location filename="../../desktop/views/composer.py" line="648"/>
        <source>Send the customer a form to fill in</source>
        <translation>Send the customer a form to fill in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="313"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="630"/>
        <source>Internal note: only managers see it. Enter sends, Shift+Enter: new line</source>
        <translation>Internal note: only managers see it. Enter sends, Shift+Enter: new line</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="638"/>
        <source>Reply to the customer. Enter sends, Shift+Enter: new line</source>
        <translation>Reply to the customer. Enter sends, Shift+Enter: new line</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="652"/>
        <source>Only in a reply: switch from the internal note to Reply</source>
        <translation>Only in a reply: switch from the internal note to Reply</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="216"/>
        <source>↑↓ to move · Enter or Tab to insert · Esc to close</source>
        <translation>↑↓ to move · Enter or Tab to insert · Esc to close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="300"/>
        <source>Mention a manager or a team</source>
        <translation>Mention a manager or a team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="302"/>
        <source>Insert a macro</source>
        <translation>Insert a macro</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="304"/>
        <location filename="../../desktop/views/composer.py" line="289"/>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="310"/>
        <source>No macros yet: add them with the macros button.</source>
        <translation>No macros yet: add them with the macros button.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="311"/>
        <source>Nothing matches “{query}”.</source>
        <translation>Nothing matches “{query}”.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../desktop/controller/compose.py" line="51"/>
        <location filename="../../desktop/controller/session.py" line="41"/>
        <source>Your message was not sent</source>
        <translation>Your message was not sent</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/compose.py" line="59"/>
        <source>The macro was not saved</source>
        <translation>The macro was not saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/compose.py" line="67"/>
        <source>The macro was not deleted</source>
        <translation>The macro was not deleted</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="44"/>
        <source>Closing the chat was not done</source>
        <translation>Closing the chat was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="45"/>
        <source>Snoozing the chat was not done</source>
        <translation>Snoozing the chat was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="46"/>
        <source>Reopening the chat was not done</source>
        <translation>Reopening the chat was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="49"/>
        <source>Changing the chat&apos;s state was not done</source>
        <translation>Changing the chat&apos;s state was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="52"/>
        <source>Assigning the chat was not done</source>
        <translation>Assigning the chat was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="54"/>
        <source>Changing the chat&apos;s team was not done</source>
        <translation>Changing the chat&apos;s team was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="56"/>
        <source>Starring the chat was not done</source>
        <translation>Starring the chat was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="58"/>
        <source>Following the chat was not changed</source>
        <translation>Following the chat was not changed</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="60"/>
        <source>Marking the chat read or unread was not done</source>
        <translation>Marking the chat read or unread was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="62"/>
        <source>Changing the tags was not done</source>
        <translation>Changing the tags was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="64"/>
        <source>Changing the description was not done</source>
        <translation>Changing the description was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="66"/>
        <source>Changing the customer&apos;s profile was not done</source>
        <translation>Changing the customer&apos;s profile was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="68"/>
        <source>Your change was not done</source>
        <translation>Your change was not done</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="208"/>
        <source>Your message could not be saved, so it was not sent: {reason}. It is back in the editor.</source>
        <translation>Your message could not be saved, so it was not sent: {reason}. It is back in the editor.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="206"/>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="253"/>
        <source>The draft could not be saved</source>
        <translation>The draft could not be saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="277"/>
        <source>The notification setting was not changed (offline?)</source>
        <translation>The notification setting was not changed (offline?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="287"/>
        <source>Your seat or away setting was not changed (offline?)</source>
        <translation>Your seat or away setting was not changed (offline?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="304"/>
        <source>Older messages could not be loaded now (offline?)</source>
        <translation>Older messages could not be loaded now (offline?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="333"/>
        <location filename="../../desktop/controller/session.py" line="325"/>
        <source>Not connected yet: try again in a moment.</source>
        <translation>Not connected yet: try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="349"/>
        <location filename="../../desktop/controller/session.py" line="348"/>
        <source>That did not work</source>
        <translation>That did not work</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="54"/>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="55"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="56"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="57"/>
        <source>Kakao</source>
        <translation>Kakao</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="58"/>
        <source>Instagram DM</source>
        <translation>Instagram DM</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="59"/>
        <source>Naver TalkTalk</source>
        <translation>Naver TalkTalk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="60"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="300"/>
        <source>Star this chat</source>
        <translation>Star this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="97"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="156"/>
        <source>Choose a chat from the list</source>
        <translation>Choose a chat from the list</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="189"/>
        <location filename="../../desktop/views/chat_header.py" line="269"/>
        <location filename="../../desktop/views/chat_header.py" line="401"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="280"/>
        <source>Assignee: {name}</source>
        <translation>Assignee: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="282"/>
        <location filename="../../desktop/views/chat_header.py" line="303"/>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="298"/>
        <source>Unstar</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="315"/>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="315"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="324"/>
        <source>Open this chat again</source>
        <translation>Open this chat again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="326"/>
        <source>Close this chat</source>
        <translation>Close this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="222"/>
        <source>Hide the details</source>
        <translation>Hide the details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="224"/>
        <source>Show the details</source>
        <translation>Show the details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="307"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="308"/>
        <source>Save to folder…</source>
        <translation>Save to folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="319"/>
        <source>Cancel the upload</source>
        <translation>Cancel the upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="324"/>
        <source>Retry the upload</source>
        <translation>Retry the upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="328"/>
        <source>Remove it from the message</source>
        <translation>Remove it from the message</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="343"/>
        <source>Download all files to…</source>
        <translation>Download all files to…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="345"/>
        <source>Save the file to…</source>
        <translation>Save the file to…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="29"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="31"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <location filename="../../desktop/views/downloads.py" line="30"/>
        <source>Open folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="36"/>
        <source>Hide</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="61"/>
        <source>Downloading {n} files ({size})…</source>
        <translation>Downloading {n} files ({size})…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="76"/>
        <source>Saved {n} files to {folder}</source>
        <translation>Saved {n} files to {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="85"/>
        <source>Download failed: {reason}</source>
        <translation>Download failed: {reason}</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../desktop/views/drop_zone.py" line="48"/>
        <source>{n} files: each is checked before anything is sent</source>
        <translation>{n} files: each is checked before anything is sent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/drop_zone.py" line="52"/>
        <source>1 file: it is checked before anything is sent</source>
        <translation>1 file: it is checked before anything is sent</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/controller/errors.py" line="17"/>
        <source>It was changed by someone else meanwhile.</source>
        <translation>It was changed by someone else meanwhile.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="19"/>
        <source>Turn your operator seat on to change a chat&apos;s state, tags or description.</source>
        <translation>Turn your operator seat on to change a chat&apos;s state, tags or description.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="24"/>
        <source>Only managers with their operator seat on can be assigned.</source>
        <translation>Only managers with their operator seat on can be assigned.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="26"/>
        <source>You do not have the permission this needs.</source>
        <translation>You do not have the permission this needs.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="28"/>
        <source>Only an admin or the owner can do this.</source>
        <translation>Only an admin or the owner can do this.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="30"/>
        <source>Only an owner can make or unmake an owner.</source>
        <translation>Only an owner can make or unmake an owner.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="32"/>
        <source>The workspace&apos;s last owner stays an owner: make someone else an owner first.</source>
        <translation>The workspace&apos;s last owner stays an owner: make someone else an owner first.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="37"/>
        <source>This invitation link is not valid. Ask for a new one.</source>
        <translation>This invitation link is not valid. Ask for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="39"/>
        <source>This invitation was already used or withdrawn. Log in, or ask for a new one.</source>
        <translation>This invitation was already used or withdrawn. Log in, or ask for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="44"/>
        <source>This invitation has expired. Ask for a new one.</source>
        <translation>This invitation has expired. Ask for a new one.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="46"/>
        <source>You may not do this.</source>
        <translation>You may not do this.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="48"/>
        <source>It is no longer there (deleted meanwhile?).</source>
        <translation>It is no longer there (deleted meanwhile?).</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="52"/>
        <source>someone</source>
        <translation>someone</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="61"/>
        <source>Assigned to {name} automatically</source>
        <translation>Assigned to {name} automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="65"/>
        <source>The snooze ended: the chat is open again</source>
        <translation>The snooze ended: the chat is open again</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="66"/>
        <source>Sangdam</source>
        <translation>Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="70"/>
        <source>{actor} took this chat</source>
        <translation>{actor} took this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="71"/>
        <source>{actor} assigned this chat to {name}</source>
        <translation>{actor} assigned this chat to {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="75"/>
        <source>{actor} unassigned {name}</source>
        <translation>{actor} unassigned {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="79"/>
        <source>{actor} set the team to {team}</source>
        <translation>{actor} set the team to {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="80"/>
        <source>a team</source>
        <translation>a team</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="83"/>
        <source>{actor} removed the team</source>
        <translation>{actor} removed the team</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="85"/>
        <source>{actor} snoozed this chat until {when}</source>
        <translation>{actor} snoozed this chat until {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="89"/>
        <source>{actor} closed this chat</source>
        <translation>{actor} closed this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="91"/>
        <source>{actor} reopened this chat</source>
        <translation>{actor} reopened this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="93"/>
        <source>{actor} added the tag {tag}</source>
        <translation>{actor} added the tag {tag}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="95"/>
        <source>{actor} removed the tag {tag}</source>
        <translation>{actor} removed the tag {tag}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="96"/>
        <source>{actor} changed this chat</source>
        <translation>{actor} changed this chat</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../desktop/controller/files.py" line="103"/>
        <source>Pasted image {time}</source>
        <translation>Pasted image {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="166"/>
        <source>Not connected yet: attach the files again in a moment.</source>
        <translation>Not connected yet: attach the files again in a moment.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="172"/>
        <source>The files could not be attached</source>
        <translation>The files could not be attached</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="183"/>
        <source>the image could not be written</source>
        <translation>the image could not be written</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="186"/>
        <source>The pasted image could not be attached: {reason}</source>
        <translation>The pasted image could not be attached: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="285"/>
        <source>The file could not be downloaded</source>
        <translation>The file could not be downloaded</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="303"/>
        <source>The file could not be opened</source>
        <translation>The file could not be opened</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="309"/>
        <source>not connected</source>
        <translation>not connected</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="120"/>
        <source>{n} B</source>
        <translation>{n} B</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="125"/>
        <source>{size}/s</source>
        <translation>{size}/s</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="131"/>
        <source>{n} s left</source>
        <translation>{n} s left</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="133"/>
        <source>{n} min left</source>
        <translation>{n} min left</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="134"/>
        <source>{h} h {m} min left</source>
        <translation>{h} h {m} min left</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="144"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="155"/>
        <source>Over 1 GiB: too large to send</source>
        <translation>Over 1 GiB: too large to send</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="157"/>
        <source>More than 10 files for one message</source>
        <translation>More than 10 files for one message</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="151"/>
        <source>Not finished within the 5-minute limit, so the server dropped it. Retry?</source>
        <translation>Not finished within the 5-minute limit, so the server dropped it. Retry?</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="159"/>
        <source>The file changed while it was sent. Retry?</source>
        <translation>The file changed while it was sent. Retry?</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="161"/>
        <source>The file is gone from the disk</source>
        <translation>The file is gone from the disk</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="163"/>
        <source>Upload failed</source>
        <translation>Upload failed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="171"/>
        <source>Uploaded · {size}</source>
        <translation>Uploaded · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="175"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="177"/>
        <source>Waiting · {size}</source>
        <translation>Waiting · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="179"/>
        <source>Connection lost, trying again… ({sent} of {size})</source>
        <translation>Connection lost, trying again… ({sent} of {size})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="183"/>
        <source>{sent} of {size}</source>
        <translation>{sent} of {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="206"/>
        <source>more than {n} files for one message</source>
        <translation>more than {n} files for one message</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="210"/>
        <source>over 1 GiB ({size})</source>
        <translation>over 1 GiB ({size})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="212"/>
        <source>a folder, not a file</source>
        <translation>a folder, not a file</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="214"/>
        <source>cannot be read (permissions?)</source>
        <translation>cannot be read (permissions?)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="216"/>
        <source>no longer exists</source>
        <translation>no longer exists</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="218"/>
        <source>empty (0 bytes)</source>
        <translation>empty (0 bytes)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="226"/>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="230"/>
        <source>and {n} more</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="231"/>
        <source>Not attached ({n}):</source>
        <translation>Not attached ({n}):</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="236"/>
        <source>Drop to attach up to {n} files, {size} each</source>
        <translation>Drop to attach up to {n} files, {size} each</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="237"/>
        <source>1 GiB</source>
        <translation>1 GiB</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="40"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="46"/>
        <source>Single keys work while the chat list has the focus (Ctrl+2), so typing a reply never triggers them.</source>
        <translation>Single keys work while the chat list has the focus (Ctrl+2), so typing a reply never triggers them.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="61"/>
        <source>Actions on chats</source>
        <translation>Actions on chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="61"/>
        <source>Moving around</source>
        <translation>Moving around</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../desktop/views/image_viewer.py" line="58"/>
        <source>{name} · {width}×{height} · {size}</source>
        <translation>{name} · {width}×{height} · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/image_viewer.py" line="65"/>
        <source>Save to folder…</source>
        <translation>Save to folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/image_viewer.py" line="67"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../../desktop/controller/flow.py" line="433"/>
        <source>The server {server} cannot be reached.</source>
        <translation>The server {server} cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="20"/>
        <source>Join a workspace</source>
        <translation>Join a workspace</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="21"/>
        <source>Join the workspace on {server}</source>
        <translation>Join the workspace on {server}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="28"/>
        <source>You were invited to answer chats in Sangdam. Choose the name your teammates see and a password of at least {n} characters.</source>
        <translation>You were invited to answer chats in Sangdam. Choose the name your teammates see and a password of at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="44"/>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="45"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="46"/>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="22"/>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="60"/>
        <source>Enter your name.</source>
        <translation>Enter your name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="65"/>
        <source>The password needs at least {n} characters.</source>
        <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="72"/>
        <source>The two passwords are not the same.</source>
        <translation>The two passwords are not the same.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../desktop/i18n.py" line="103"/>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="125"/>
        <source>The new language is used when Sangdam starts again.</source>
        <translation>The new language is used when Sangdam starts again.</translation>
    </message>
</context>
<context>
    <name>LinkConfirm</name>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="20"/>
        <source>Open this link?</source>
        <translation>Open this link?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="22"/>
        <source>This link opens in your browser:</source>
        <translation>This link opens in your browser:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="28"/>
        <source>Open link</source>
        <translation>Open link</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="53"/>
        <source>Sangdam only opens chat links (sangdam://chat/…)</source>
        <translation>Sangdam only opens chat links (sangdam://chat/…)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="55"/>
        <source>the chat id in it is not valid</source>
        <translation>the chat id in it is not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="57"/>
        <source>it does not say which server the chat is on</source>
        <translation>it does not say which server the chat is on</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="59"/>
        <source>the server address in it is not valid</source>
        <translation>the server address in it is not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="61"/>
        <source>the workspace id in it is not valid</source>
        <translation>the workspace id in it is not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="63"/>
        <source>the invitation in it is incomplete</source>
        <translation>the invitation in it is incomplete</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="65"/>
        <source>it is not a Sangdam link</source>
        <translation>it is not a Sangdam link</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="66"/>
        <source>This link cannot be opened: {why}. Link: {link}</source>
        <translation>This link cannot be opened: {why}. Link: {link}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="164"/>
        <source>This link is for a chat on {server}, but Sangdam is logged in to {current}. To open it, log out and log in to {server}.</source>
        <translation>This link is for a chat on {server}, but Sangdam is logged in to {current}. To open it, log out and log in to {server}.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="170"/>
        <source>This link is for a chat in another workspace than the one you are logged in to on {server}.</source>
        <translation>This link is for a chat in another workspace than the one you are logged in to on {server}.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="197"/>
        <source>The chat in this link is not on this computer, and the server cannot be reached now ({reason}). Try the link again when Sangdam is online.</source>
        <translation>The chat in this link is not on this computer, and the server cannot be reached now ({reason}). Try the link again when Sangdam is online.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="201"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="237"/>
        <source>The chat in this link could not be opened: {reason}</source>
        <translation>The chat in this link could not be opened: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="243"/>
        <source>The chat in this link was not found: it was deleted, or it is not in your workspace.</source>
        <translation>The chat in this link was not found: it was deleted, or it is not in your workspace.</translation>
    </message>
</context>
<context>
    <name>ListHold</name>
    <message>
        <location filename="../../desktop/views/hold.py" line="39"/>
        <source>Show the chats that changed while you were aiming</source>
        <translation>Show the chats that changed while you were aiming</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/hold.py" line="43"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="24"/>
        <source>Log in to Sangdam</source>
        <translation>Log in to Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="25"/>
        <source>Log in to your team&apos;s inbox</source>
        <translation>Log in to your team&apos;s inbox</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="41"/>
        <source>you@company.com</source>
        <translation>you@company.com</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="45"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="46"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="47"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="26"/>
        <location filename="../../desktop/views/login_dialog.py" line="63"/>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="63"/>
        <source>Logging in…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="76"/>
        <source>Enter the server address, your email and your password.</source>
        <translation>Enter the server address, your email and your password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="72"/>
        <location filename="../../desktop/views/main_window.py" line="81"/>
        <source>Sangdam</source>
        <translation>Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="94"/>
        <source>Settings (Ctrl+,)</source>
        <translation>Settings (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="95"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="105"/>
        <source>Notify me of
unassigned chats</source>
        <translation>Notify me of
unassigned chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="108"/>
        <source>New chats and messages with no assignee notify you, and join My sessions</source>
        <translation>New chats and messages with no assignee notify you, and join My sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="122"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="127"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="128"/>
        <source>Snoozed</source>
        <translation>Snoozed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="129"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="132"/>
        <source>Show open, snoozed or closed chats</source>
        <translation>Show open, snoozed or closed chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="134"/>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="135"/>
        <source>Oldest first</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>That chat is no longer in the inbox.</source>
        <translation>That chat is no longer in the inbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="391"/>
        <location filename="../../desktop/views/main_window.py" line="402"/>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="394"/>
        <source>Log out of Sangdam on this computer?</source>
        <translation>Log out of Sangdam on this computer?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="396"/>
        <source>You can also delete the inbox copy kept on this computer (the local cache).</source>
        <translation>You can also delete the inbox copy kept on this computer (the local cache).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="405"/>
        <source>Log out and delete local data</source>
        <translation>Log out and delete local data</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="422"/>
        <source>&amp;Sangdam</source>
        <translation>&amp;Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="423"/>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="429"/>
        <source>Administration…</source>
        <translation>Administration…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="434"/>
        <source>Log out…</source>
        <translation>Log out…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="438"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="443"/>
        <source>&amp;Notifications</source>
        <translation>&amp;Notifications</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="445"/>
        <source>Notify me of unassigned chats</source>
        <translation>Notify me of unassigned chats</translation>
    </message>
</context>
<context>
    <name>Medium</name>
    <message>
        <location filename="../../desktop/models/format.py" line="144"/>
        <source>Web chat</source>
        <translation>Web chat</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="145"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="146"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="147"/>
        <source>Kakao</source>
        <translation>Kakao</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="148"/>
        <source>Instagram DM</source>
        <translation>Instagram DM</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="149"/>
        <source>Naver TalkTalk</source>
        <translation>Naver TalkTalk</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="150"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="213"/>
        <source>Internal note</source>
        <translation>Internal note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="216"/>
        <source>Not sent: {reason}</source>
        <translation>Not sent: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="220"/>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="223"/>
        <source>Waiting: a file did not upload. Click it to retry or remove.</source>
        <translation>Waiting: a file did not upload. Click it to retry or remove.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="228"/>
        <source>Sent once its files are up ({n} uploading)…</source>
        <translation>Sent once its files are up ({n} uploading)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/file_cards.py" line="99"/>
        <source>Download all</source>
        <translation>Download all</translation>
    </message>
    <message>
        <location filename="../../desktop/views/file_cards.py" line="218"/>
        <source>{percent}% of {size}</source>
        <translation>{percent}% of {size}</translation>
    </message>
</context>
<context>
    <name>MessageParts</name>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="151"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="151"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="204"/>
        <source>Form answered</source>
        <translation>Form answered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="205"/>
        <source>Form · waiting for the answer</source>
        <translation>Form · waiting for the answer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="323"/>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="333"/>
        <source>Not delivered</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="340"/>
        <source>The messenger did not take this reply: {reason}</source>
        <translation>The messenger did not take this reply: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="344"/>
        <source>Read by the customer</source>
        <translation>Read by the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="346"/>
        <source>Delivered to the messenger (its read state is unknown)</source>
        <translation>Delivered to the messenger (its read state is unknown)</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../desktop/views/lists.py" line="318"/>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/models/messages.py" line="531"/>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../desktop/notify/content.py" line="41"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="52"/>
        <source>You were mentioned</source>
        <translation>You were mentioned</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="54"/>
        <source>Assigned to you</source>
        <translation>Assigned to you</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="56"/>
        <source>Snooze ended</source>
        <translation>Snooze ended</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="59"/>
        <source>New chat, no assignee</source>
        <translation>New chat, no assignee</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="60"/>
        <source>New message, no assignee</source>
        <translation>New message, no assignee</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="68"/>
        <source>Internal note: {text}</source>
        <translation>Internal note: {text}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="80"/>
        <location filename="../../desktop/notify/content.py" line="93"/>
        <source>%Ln new messages</source>
        <translation>
            <numerusform>%Ln new message</numerusform>
            <numerusform>%Ln new messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="95"/>
        <source>{messages} and %Ln other updates</source>
        <translation>
            <numerusform>{messages} and %Ln other update</numerusform>
            <numerusform>{messages} and %Ln other updates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="98"/>
        <source>{what} in %Ln chats</source>
        <translation>
            <numerusform>{what} in %Ln chat</numerusform>
            <numerusform>{what} in %Ln chats</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="99"/>
        <source>While you were away</source>
        <translation>While you were away</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/sink.py" line="119"/>
        <source>the notification service failed</source>
        <translation>the notification service failed</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/sink.py" line="127"/>
        <source>no notification service answered</source>
        <translation>no notification service answered</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../desktop/controller/panel.py" line="165"/>
        <source>The description could not be saved</source>
        <translation>The description could not be saved</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/panel.py" line="173"/>
        <source>The profile could not be changed</source>
        <translation>The profile could not be changed</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="233"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="428"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="236"/>
        <source>(no messages)</source>
        <translation>(no messages)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="269"/>
        <source>From the customer</source>
        <translation>From the customer</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="271"/>
        <source>From the team</source>
        <translation>From the team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="163"/>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="221"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="597"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="120"/>
        <source>Remove the tag {tag}</source>
        <translation>Remove the tag {tag}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="162"/>
        <source>Chat info</source>
        <translation>Chat info</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="164"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="165"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="166"/>
        <source>Sent messages</source>
        <translation>Sent messages</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="167"/>
        <source>Files and links</source>
        <translation>Files and links</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="211"/>
        <source>Add followers</source>
        <translation>Add followers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="220"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="588"/>
        <source>Assignee</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="222"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="622"/>
        <source>Followers</source>
        <translation>Followers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="223"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="224"/>
        <source>Came from</source>
        <translation>Came from</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="225"/>
        <source>Goal</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="241"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="636"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="242"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="472"/>
        <source>Add a tag</source>
        <translation>Add a tag</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="250"/>
        <source>No tags</source>
        <translation>No tags</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="255"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="257"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="442"/>
        <source>Edit the description</source>
        <translation>Edit the description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="275"/>
        <source>Notes about this chat; #hashtags make it easy to find</source>
        <translation>Notes about this chat; #hashtags make it easy to find</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="283"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="284"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="299"/>
        <source>Choose the profile fields shown</source>
        <translation>Choose the profile fields shown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="317"/>
        <source>Chat started on</source>
        <translation>Chat started on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="321"/>
        <source>Pages visited</source>
        <translation>Pages visited</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="323"/>
        <source>No page visits</source>
        <translation>No page visits</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="332"/>
        <source>No other chats</source>
        <translation>No other chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="333"/>
        <source>No follow-ups or marketing messages sent</source>
        <translation>No follow-ups or marketing messages sent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="334"/>
        <source>No files or links yet</source>
        <translation>No files or links yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="413"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="415"/>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="417"/>
        <source>Change the assignee</source>
        <translation>Change the assignee</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="418"/>
        <source>No team</source>
        <translation>No team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="419"/>
        <source>Change the team</source>
        <translation>Change the team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="424"/>
        <source>Snoozed until {when}</source>
        <translation>Snoozed until {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="437"/>
        <source>No description</source>
        <translation>No description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="447"/>
        <source>Not known</source>
        <translation>Not known</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="467"/>
        <source>Tags ({n}/{max})</source>
        <translation>Tags ({n}/{max})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="488"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="735"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="502"/>
        <source>The workspace has no profile fields</source>
        <translation>The workspace has no profile fields</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="504"/>
        <source>No fields chosen: use the tune button</source>
        <translation>No fields chosen: use the tune button</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="532"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="532"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="561"/>
        <source>Empty</source>
        <translation>Empty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="547"/>
        <source>This field takes a number.</source>
        <translation>This field takes a number.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="613"/>
        <source>me</source>
        <translation>me</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="639"/>
        <source>Find or create a tag</source>
        <translation>Find or create a tag</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="704"/>
        <source>Profile fields shown</source>
        <translation>Profile fields shown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="741"/>
        <source>Chats with #{tag}</source>
        <translation>Chats with #{tag}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/panel/side_panel.py" line="744"/>
        <source>%n chats</source>
        <translation>
            <numerusform>%n chat</numerusform>
            <numerusform>%n chats</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="770"/>
        <source>Open the link?</source>
        <translation>Open the link?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="771"/>
        <source>Open this address in your browser?

{url}</source>
        <translation>Open this address in your browser?

{url}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="782"/>
        <source>Campaign: {name}</source>
        <translation>Campaign: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="784"/>
        <source>Workflow: {name}</source>
        <translation>Workflow: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="785"/>
        <source>Directly (no campaign or workflow)</source>
        <translation>Directly (no campaign or workflow)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="792"/>
        <source>No goal</source>
        <translation>No goal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="794"/>
        <source>{goal} · reached ✓</source>
        <translation>{goal} · reached ✓</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="795"/>
        <source>{goal} · not reached yet</source>
        <translation>{goal} · not reached yet</translation>
    </message>
</context>
<context>
    <name>Pause</name>
    <message>
        <location filename="../../desktop/notify/pause.py" line="26"/>
        <source>Notifications paused until {time}</source>
        <translation>Notifications paused until {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="47"/>
        <source>Pause notifications for 1 hour</source>
        <translation>Pause notifications for 1 hour</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="48"/>
        <source>Pause notifications until tomorrow</source>
        <translation>Pause notifications until tomorrow</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="49"/>
        <source>Resume notifications</source>
        <translation>Resume notifications</translation>
    </message>
</context>
<context>
    <name>Pickers</name>
    <message>
        <location filename="../../desktop/models/choices.py" line="138"/>
        <source>{n} / {max} open</source>
        <translation>{n} / {max} open</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="141"/>
        <source>seat off</source>
        <translation>seat off</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="143"/>
        <source>away</source>
        <translation>away</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="151"/>
        <source>Assign to me</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="152"/>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="168"/>
        <source>Your operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>Your operator seat is off: only managers with their seat on can be assigned.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="172"/>
        <source>{name}&apos;s operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>{name}&apos;s operator seat is off: only managers with their seat on can be assigned.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="180"/>
        <source>No team</source>
        <translation>No team</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/models/choices.py" line="183"/>
        <source>%n members</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="185"/>
        <source>auto-assign</source>
        <translation>auto-assign</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="216"/>
        <source>A chat has at most {n} tags: remove one first.</source>
        <translation>A chat has at most {n} tags: remove one first.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="236"/>
        <source>In 1 hour</source>
        <translation>In 1 hour</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="237"/>
        <source>Tomorrow at 9:00</source>
        <translation>Tomorrow at 9:00</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="238"/>
        <source>Next Monday at 9:00</source>
        <translation>Next Monday at 9:00</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="242"/>
        <source>Pick a date and time…</source>
        <translation>Pick a date and time…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="250"/>
        <source>Pick a time in the future.</source>
        <translation>Pick a time in the future.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="252"/>
        <source>A chat can be snoozed for at most {n} days.</source>
        <translation>A chat can be snoozed for at most {n} days.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="154"/>
        <source>Type to filter</source>
        <translation>Type to filter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="298"/>
        <source>Snooze until</source>
        <translation>Snooze until</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="306"/>
        <source>yyyy-MM-dd HH:mm</source>
        <comment>a QLocale date format</comment>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="319"/>
        <source>The chat opens again then, and its assignee is notified.</source>
        <translation>The chat opens again then, and its assignee is notified.</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../../desktop/models/format.py" line="113"/>
        <source>Internal note: {text}</source>
        <translation>Internal note: {text}</translation>
    </message>
</context>
<context>
    <name>Relaunch</name>
    <message>
        <location filename="../../desktop/controller/relaunch.py" line="38"/>
        <source>Sangdam is already running, logged in to your account, so the demo was not started. To try the demo, quit Sangdam (Sangdam &gt; Quit) and start it again with --demo.</source>
        <translation>Sangdam is already running, logged in to your account, so the demo was not started. To try the demo, quit Sangdam (Sangdam &gt; Quit) and start it again with --demo.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/relaunch.py" line="47"/>
        <source>The Sangdam demo is running, so Sangdam was not started again. To log in to your own server, quit the demo (Sangdam &gt; Quit) and start Sangdam again.</source>
        <translation>The Sangdam demo is running, so Sangdam was not started again. To log in to your own server, quit the demo (Sangdam &gt; Quit) and start Sangdam again.</translation>
    </message>
</context>
<context>
    <name>RowLabels</name>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="30"/>
        <source>tomorrow {time}</source>
        <translation>tomorrow {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="33"/>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="37"/>
        <source>until {when}</source>
        <translation>until {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="62"/>
        <source>Queue · {team}</source>
        <translation>Queue · {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="64"/>
        <source>Unassigned · {team}</source>
        <translation>Unassigned · {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="73"/>
        <source>Searching the server for “{query}”…</source>
        <translation>Searching the server for “{query}”…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="74"/>
        <source>No chats or messages match “{query}”</source>
        <translation>No chats or messages match “{query}”</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="76"/>
        <source>Only this computer&apos;s copy was searched: the server cannot be reached.</source>
        <translation>Only this computer&apos;s copy was searched: the server cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="86"/>
        <source>No snoozed chats in {section}</source>
        <translation>No snoozed chats in {section}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="88"/>
        <source>No closed chats in {section}</source>
        <translation>No closed chats in {section}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="90"/>
        <source>No open chats in {section}</source>
        <translation>No open chats in {section}</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../desktop/views/search_view.py" line="67"/>
        <source>Search names, messages, tags (Ctrl+F)</source>
        <translation>Search names, messages, tags (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="68"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="221"/>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/controller/settings.py" line="33"/>
        <source>1 unsent message was kept.</source>
        <translation>1 unsent message was kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="35"/>
        <source>{n} unsent messages were kept.</source>
        <translation>{n} unsent messages were kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="71"/>
        <source>The demo server on this computer</source>
        <translation>The demo server on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="127"/>
        <source>Sangdam could not change this: {reason}</source>
        <translation>Sangdam could not change this: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="154"/>
        <source>Clearing the cache…</source>
        <translation>Clearing the cache…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="165"/>
        <source>The cache was not cleared: {reason}</source>
        <translation>The cache was not cleared: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="174"/>
        <source>Cleared. Downloading your inbox again…</source>
        <translation>Cleared. Downloading your inbox again…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="184"/>
        <source>Your inbox was downloaded again.</source>
        <translation>Your inbox was downloaded again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="57"/>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="98"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="118"/>
        <location filename="../../desktop/views/settings_dialog.py" line="171"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="123"/>
        <location filename="../../desktop/views/settings_dialog.py" line="208"/>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="128"/>
        <location filename="../../desktop/views/settings_dialog.py" line="262"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="133"/>
        <location filename="../../desktop/views/settings_dialog.py" line="307"/>
        <source>Start at login</source>
        <translation>Start at login</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="138"/>
        <location filename="../../desktop/views/settings_dialog.py" line="336"/>
        <source>Local cache</source>
        <translation>Local cache</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="179"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="180"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="184"/>
        <source>Log out…</source>
        <translation>Log out…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="191"/>
        <source>Logging out ends your login on this computer. You can also delete the copy of the inbox kept here.</source>
        <translation>Logging out ends your login on this computer. You can also delete the copy of the inbox kept here.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="197"/>
        <source>The demo workspace logs you in by itself: there is nothing to log out of.</source>
        <translation>The demo workspace logs you in by itself: there is nothing to log out of.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="210"/>
        <source>Notify me of unassigned chats</source>
        <translation>Notify me of unassigned chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="216"/>
        <source>New chats and messages with no assignee notify you, and join My sessions</source>
        <translation>New chats and messages with no assignee notify you, and join My sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="224"/>
        <source>Play a sound with notifications</source>
        <translation>Play a sound with notifications</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="232"/>
        <source>Pause notifications</source>
        <translation>Pause notifications</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="243"/>
        <source>Pause for 1 hour</source>
        <translation>Pause for 1 hour</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="246"/>
        <source>Pause until tomorrow</source>
        <translation>Pause until tomorrow</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="248"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="267"/>
        <source>System default ({language})</source>
        <translation>System default ({language})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="283"/>
        <source>Language of Sangdam</source>
        <translation>Language of Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="287"/>
        <source>The new language applies after Sangdam restarts.</source>
        <translation>The new language applies after Sangdam restarts.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="297"/>
        <source>Restart now</source>
        <translation>Restart now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="309"/>
        <source>Start Sangdam when I log in to this computer</source>
        <translation>Start Sangdam when I log in to this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="319"/>
        <source>Sangdam opens its window and notifies you from the start of your day.</source>
        <translation>Sangdam opens its window and notifies you from the start of your day.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="339"/>
        <source>Sangdam keeps a copy of your inbox on this computer, so it opens at once and works offline.</source>
        <translation>Sangdam keeps a copy of your inbox on this computer, so it opens at once and works offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="350"/>
        <source>Size on disk</source>
        <translation>Size on disk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="356"/>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="360"/>
        <source>Clear cache…</source>
        <translation>Clear cache…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="366"/>
        <source>Clearing deletes the copy and downloads your inbox again from the server. Messages not sent yet are kept and sent.</source>
        <translation>Clearing deletes the copy and downloads your inbox again from the server. Messages not sent yet are kept and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="396"/>
        <source>Notifications are on.</source>
        <translation>Notifications are on.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="422"/>
        <location filename="../../desktop/views/settings_dialog.py" line="467"/>
        <source>Clear cache</source>
        <translation>Clear cache</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="426"/>
        <source>Delete the local copy of your inbox and download it again?</source>
        <translation>Delete the local copy of your inbox and download it again?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="434"/>
        <source>1 unsent message will be kept and sent.</source>
        <translation>1 unsent message will be kept and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="437"/>
        <source>{n} unsent messages will be kept and sent.</source>
        <translation>{n} unsent messages will be kept and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="443"/>
        <source>1 change not yet sent will be kept and sent.</source>
        <translation>1 change not yet sent will be kept and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="446"/>
        <source>{n} changes not yet sent will be kept and sent.</source>
        <translation>{n} changes not yet sent will be kept and sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="452"/>
        <source>1 message the server refused will be kept.</source>
        <translation>1 message the server refused will be kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="455"/>
        <source>{n} messages the server refused will be kept.</source>
        <translation>{n} messages the server refused will be kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="463"/>
        <source>Everything in it is on the server.</source>
        <translation>Everything in it is on the server.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="81"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="82"/>
        <source>My chats</source>
        <translation>My chats</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="83"/>
        <source>Unread</source>
        <translation>Unread</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="84"/>
        <source>Starred</source>
        <translation>Starred</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="85"/>
        <source>My sessions</source>
        <translation>My sessions</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="86"/>
        <source>Unassigned</source>
        <translation>Unassigned</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="101"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="106"/>
        <source>Assignees</source>
        <translation>Assignees</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="119"/>
        <source>Integrations</source>
        <translation>Integrations</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="126"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>SidebarFooter</name>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="27"/>
        <source>Operator seat</source>
        <translation>Operator seat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="30"/>
        <source>On: chats can be assigned to you, by hand or by auto-assignment, and you can change a chat&apos;s state, tags and description.
Off: no chat is assigned to you and auto-assignment passes you by; you can still read, reply and star.</source>
        <translation>On: chats can be assigned to you, by hand or by auto-assignment, and you can change a chat&apos;s state, tags and description.
Off: no chat is assigned to you and auto-assignment passes you by; you can still read, reply and star.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="38"/>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="41"/>
        <source>While you are away, auto-assignment gives you no new chats (you keep the ones you have; others can still assign you by hand).
When you come back, chats waiting in your teams&apos; queues come to you.</source>
        <translation>While you are away, auto-assignment gives you no new chats (you keep the ones you have; others can still assign you by hand).
When you come back, chats waiting in your teams&apos; queues come to you.</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../desktop/views/status.py" line="23"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="25"/>
        <source>Loading chats… {n}</source>
        <translation>Loading chats… {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="27"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="29"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="31"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="33"/>
        <source>Offline, reconnecting in {n} s</source>
        <translation>Offline, reconnecting in {n} s</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="37"/>
        <source>Signed out: log in again</source>
        <translation>Signed out: log in again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="39"/>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="41"/>
        <source>{n} waiting to send</source>
        <translation>{n} waiting to send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="45"/>
        <source>(sending failed: {reason})</source>
        <translation>(sending failed: {reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="80"/>
        <source>Opening the inbox…</source>
        <translation>Opening the inbox…</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../desktop/models/format.py" line="52"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="42"/>
        <location filename="../../desktop/models/format.py" line="56"/>
        <location filename="../../desktop/models/row_labels.py" line="35"/>
        <source>MMM d</source>
        <comment>a QLocale date format</comment>
        <translation>MMM d</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="68"/>
        <source>tomorrow {time}</source>
        <translation>tomorrow {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="70"/>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../desktop/notify/tray.py" line="79"/>
        <source>Open Sangdam</source>
        <translation>Open Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="82"/>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="83"/>
        <source>Quit Sangdam</source>
        <translation>Quit Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="116"/>
        <source>Sangdam: no unread chats</source>
        <translation>Sangdam: no unread chats</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/tray.py" line="118"/>
        <source>Sangdam: %Ln unread chats</source>
        <translation>
            <numerusform>Sangdam: %Ln unread chat</numerusform>
            <numerusform>Sangdam: %Ln unread chats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message>
        <location filename="../../desktop/controller/triage.py" line="67"/>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="67"/>
        <source>Unassign</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="72"/>
        <source>Set the team</source>
        <translation>Set the team</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="77"/>
        <source>Follow</source>
        <translation>Follow</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="80"/>
        <source>Unfollow</source>
        <translation>Unfollow</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="87"/>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="88"/>
        <source>Snooze</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="89"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="103"/>
        <source>Add the tag {tag}</source>
        <translation>Add the tag {tag}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="106"/>
        <source>Remove the tag {tag}</source>
        <translation>Remove the tag {tag}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="110"/>
        <source>Star</source>
        <translation>Star</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="110"/>
        <source>Unstar</source>
        <translation>Unstar</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="115"/>
        <source>Mark as read</source>
        <translation>Mark as read</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="118"/>
        <source>Mark as unread</source>
        <translation>Mark as unread</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="195"/>
        <source>A chat no longer in the inbox</source>
        <translation>A chat no longer in the inbox</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="196"/>
        <source>Actions on this chat (Shift+F10)</source>
        <translation>Actions on this chat (Shift+F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="197"/>
        <source>Actions on this chat</source>
        <translation>Actions on this chat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="300"/>
        <source>Assign to</source>
        <translation>Assign to</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="306"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="311"/>
        <source>Snooze until</source>
        <translation>Snooze until</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="344"/>
        <source>At most {n} tags per chat.</source>
        <translation>At most {n} tags per chat.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="346"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="349"/>
        <source>Find or create a tag</source>
        <translation>Find or create a tag</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="420"/>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
</context>
<context>
    <name>TriageBar</name>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="62"/>
        <source>Select all loaded chats (Ctrl+A)</source>
        <translation>Select all loaded chats (Ctrl+A)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="63"/>
        <source>Select all loaded chats</source>
        <translation>Select all loaded chats</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="104"/>
        <source>Clear the selection (Esc)</source>
        <translation>Clear the selection (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="105"/>
        <source>Clear the selection</source>
        <translation>Clear the selection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="138"/>
        <source>All {n} chats that match are selected</source>
        <translation>All {n} chats that match are selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="143"/>
        <source>{n} selected</source>
        <translation>{n} selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="145"/>
        <source>Select chats to act on several at once</source>
        <translation>Select chats to act on several at once</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="151"/>
        <source>Select all {n} chats that match</source>
        <translation>Select all {n} chats that match</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="185"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="201"/>
        <source>{what}: done for {done} of {total} chats.</source>
        <translation>{what}: done for {done} of {total} chats.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="205"/>
        <source>{what}: {done} of {total} chats done, {waiting} waiting to send…</source>
        <translation>{what}: {done} of {total} chats done, {waiting} waiting to send…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/triage_bar.py" line="211"/>
        <source>%n not done:</source>
        <translation>
            <numerusform>%n was not done:</numerusform>
            <numerusform>%n were not done:</numerusform>
        </translation>
    </message>
</context>
</TS>
