<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/views/actions.py" line="59"/>
        <source>Assign…</source>
        <translation>담당자 배정…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="61"/>
        <source>Assign to me</source>
        <translation>나에게 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="63"/>
        <source>Team…</source>
        <translation>팀 지정…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="65"/>
        <source>Follow</source>
        <translation>팔로우</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="67"/>
        <source>Unfollow</source>
        <translation>팔로우 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="69"/>
        <source>Reopen</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="71"/>
        <source>Snooze…</source>
        <translation>보류…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="73"/>
        <source>Close</source>
        <translation>상담 종료</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="75"/>
        <source>Tags…</source>
        <translation>태그…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="77"/>
        <source>Star</source>
        <translation>즐겨찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="79"/>
        <source>Unstar</source>
        <translation>즐겨찾기 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="81"/>
        <source>Mark as read</source>
        <translation>읽음으로 표시</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="83"/>
        <source>Mark as unread</source>
        <translation>안 읽음으로 표시</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="108"/>
        <source>Your operator seat is off: turn it on to change a chat&apos;s state or tags.</source>
        <translation>오퍼레이터 시트가 꺼져 있습니다. 상담 상태나 태그를 바꾸려면 시트를 켜세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="114"/>
        <source>Bulk actions need your operator seat on.</source>
        <translation>일괄 작업은 오퍼레이터 시트가 켜져 있어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="156"/>
        <source>Your operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>오퍼레이터 시트가 꺼져 있습니다. 시트가 켜진 매니저만 담당자로 배정할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="171"/>
        <source>Next chat</source>
        <translation>다음 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="172"/>
        <source>Previous chat</source>
        <translation>이전 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="173"/>
        <source>Extend the selection</source>
        <translation>선택 범위 늘리기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="174"/>
        <source>Select or unselect the chat</source>
        <translation>상담 선택 / 선택 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="175"/>
        <source>Select all loaded chats</source>
        <translation>불러온 상담 모두 선택</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="176"/>
        <source>Clear the selection</source>
        <translation>선택 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="177"/>
        <source>Open the chat</source>
        <translation>상담 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="178"/>
        <source>Reply: go to the composer</source>
        <translation>답장: 입력창으로 이동</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="179"/>
        <source>Next section</source>
        <translation>다음 섹션</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="180"/>
        <source>Previous section</source>
        <translation>이전 섹션</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="181"/>
        <source>Go to sections / chat list / composer</source>
        <translation>섹션 / 상담 목록 / 입력창으로 이동</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="182"/>
        <source>Next or previous chat from anywhere</source>
        <translation>어디서든 다음 / 이전 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="183"/>
        <source>Actions on the selected chats</source>
        <translation>선택한 상담에 대한 작업</translation>
    </message>
    <message>
        <location filename="../../desktop/views/actions.py" line="184"/>
        <source>Show this help</source>
        <translation>이 도움말 보기</translation>
    </message>
</context>
<context>
    <name>Admin</name>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="68"/>
        <source>Media</source>
        <translation>연동 서비스</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="69"/>
        <source>Macros</source>
        <translation>자주 쓰는 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="70"/>
        <source>Profile fields</source>
        <translation>고객 정보 항목</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="73"/>
        <source>Workspace</source>
        <translation>워크스페이스</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="106"/>
        <source>The medium was not saved</source>
        <translation>연동 서비스를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="113"/>
        <source>The medium was not disconnected</source>
        <translation>연동을 해제하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="125"/>
        <source>The field was not saved</source>
        <translation>항목을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="130"/>
        <source>Deleted; the customers&apos; values are kept.</source>
        <translation>삭제했습니다. 고객의 값은 그대로 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="132"/>
        <source>The field was not deleted</source>
        <translation>항목을 삭제하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="142"/>
        <source>Order saved.</source>
        <translation>순서를 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="144"/>
        <source>The order was not saved</source>
        <translation>순서를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="153"/>
        <source>The workspace was not saved</source>
        <translation>워크스페이스 설정을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="162"/>
        <source>The macro was not saved</source>
        <translation>자주 쓰는 답변을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="169"/>
        <source>The macro was not deleted</source>
        <translation>자주 쓰는 답변을 삭제하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="181"/>
        <source>{what}: not connected yet.</source>
        <translation>{what}: 아직 서버에 연결되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_workspace.py" line="188"/>
        <source>{what}: you are no longer logged in.</source>
        <translation>{what}: 로그인이 만료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="105"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="67"/>
        <source>Teams</source>
        <translation>팀</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="106"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="101"/>
        <source>Managers</source>
        <translation>매니저</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="122"/>
        <source>The team was not created</source>
        <translation>팀을 만들지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="129"/>
        <source>The team was not renamed</source>
        <translation>팀 이름을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="136"/>
        <source>The team was not deleted</source>
        <translation>팀을 삭제하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="143"/>
        <source>Automatic assignment was not changed</source>
        <translation>자동 배정을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="150"/>
        <source>The member was not added</source>
        <translation>멤버를 추가하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="157"/>
        <source>The member was not removed</source>
        <translation>멤버를 제외하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="164"/>
        <source>The rota was not changed</source>
        <translation>배정 순번을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="171"/>
        <source>The maximum of chats was not changed</source>
        <translation>최대 상담 수를 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="182"/>
        <source>The role was not changed</source>
        <translation>역할을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="189"/>
        <source>The permissions were not changed</source>
        <translation>권한을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="196"/>
        <source>The operator seat was not changed</source>
        <translation>오퍼레이터 시트을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="203"/>
        <source>The manager was not deactivated</source>
        <translation>매니저를 비활성화하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="210"/>
        <source>The manager was not reactivated</source>
        <translation>매니저를 다시 활성화하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="220"/>
        <source>The invitation was not made</source>
        <translation>초대를 만들지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="226"/>
        <source>The invitations could not be read</source>
        <translation>초대 목록을 읽지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="233"/>
        <source>The invitation was not withdrawn</source>
        <translation>초대를 취소하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin.py" line="250"/>
        <source>{what}: not connected to the server yet.</source>
        <translation>{what}: 아직 서버에 연결되지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/admin_calls.py" line="35"/>
        <source>{what}: the server cannot be reached now.</source>
        <translation>{what}: 지금은 서버에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="34"/>
        <source>Owner</source>
        <translation>소유자</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="36"/>
        <source>Admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="37"/>
        <source>Manager</source>
        <translation>매니저</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="82"/>
        <source>assigns automatically</source>
        <translation>자동 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="84"/>
        <source>no automatic assignment</source>
        <translation>자동 배정 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="86"/>
        <source>{n} members, {auto}</source>
        <translation>멤버 {n}명, {auto}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="129"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="233"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="130"/>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="131"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="139"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="154"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="192"/>
        <source>Role</source>
        <translation>역할</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="132"/>
        <source>Operator seat</source>
        <translation>오퍼레이터 시트</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="156"/>
        <location filename="../../desktop/views/admin/managers_page.py" line="282"/>
        <location filename="../../desktop/views/admin/teams_page.py" line="245"/>
        <source>{name} (deactivated)</source>
        <translation>{name} (비활성)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="166"/>
        <source>On</source>
        <translation>켜짐</translation>
    </message>
    <message>
        <location filename="../../desktop/models/people.py" line="168"/>
        <source>Off</source>
        <translation>꺼짐</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="47"/>
        <source>Delete chats</source>
        <translation>상담 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="49"/>
        <source>Manage macros</source>
        <translation>매크로 관리</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="50"/>
        <source>Manage the workspace</source>
        <translation>워크스페이스 관리</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="149"/>
        <source>Operator seat (answers chats)</source>
        <translation>오퍼레이터 시트 (상담에 답변)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="157"/>
        <source>Permissions</source>
        <translation>권한</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="164"/>
        <source>Choose a manager.</source>
        <translation>매니저를 선택하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="187"/>
        <source>Invite a manager</source>
        <translation>매니저 초대</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="190"/>
        <source>Email address</source>
        <translation>이메일 주소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="195"/>
        <source>Invite</source>
        <translation>초대</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="204"/>
        <source>Invitation link</source>
        <translation>초대 링크</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="205"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="212"/>
        <source>The invitation link as a QR code</source>
        <translation>초대 링크 QR 코드</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="213"/>
        <source>Pending invitations</source>
        <translation>대기 중인 초대</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="217"/>
        <source>Withdraw</source>
        <translation>초대 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="293"/>
        <source>You cannot deactivate yourself.</source>
        <translation>자기 자신은 비활성화할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="296"/>
        <source>Reactivate</source>
        <translation>다시 활성화</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="299"/>
        <source>Deactivate…</source>
        <translation>비활성화…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="309"/>
        <source>Send this link to {email}: it works once, for 7 days. Opening it in Sangdam asks their name and a password.</source>
        <translation>이 링크를 {email}에게 보내세요. 7일 동안 한 번만 쓸 수 있습니다. Sangdam에서 열면 이름과 비밀번호를 묻습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="325"/>
        <source>{email} — {role}, until {until}</source>
        <translation>{email} — {role}, {until}까지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="364"/>
        <source>Deactivate {name}?</source>
        <translation>{name} 님을 비활성화할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="365"/>
        <source>{name} is signed out everywhere and can no longer log in. Their open chats go back to routing; their messages, notes and history stay theirs. You can reactivate them later.</source>
        <translation>{name} 님은 모든 기기에서 로그아웃되고 더 이상 로그인할 수 없습니다. 진행 중인 상담은 다시 배정 규칙에 따라 돌아가고, 메시지와 메모, 기록은 그대로 남습니다. 나중에 다시 활성화할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/managers_page.py" line="381"/>
        <source>Link copied.</source>
        <translation>링크를 복사했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="70"/>
        <source>Teams receive chats; a team that assigns automatically gives each new chat to a member in its rota who has room.</source>
        <translation>팀은 상담을 받습니다. 자동 배정 팀은 새 상담을 여유가 있는 배정 순번의 멤버에게 줍니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="86"/>
        <source>New team&apos;s name</source>
        <translation>새 팀 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="88"/>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="125"/>
        <source>Team name</source>
        <translation>팀 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="126"/>
        <source>Rename</source>
        <translation>이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="129"/>
        <source>Delete…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="131"/>
        <source>Assign new chats automatically</source>
        <translation>새 상담 자동 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="133"/>
        <source>Members</source>
        <translation>멤버</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="144"/>
        <source>Manager to add</source>
        <translation>추가할 매니저</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="145"/>
        <source>Add member</source>
        <translation>멤버 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="147"/>
        <source>Choose a team, or create one.</source>
        <translation>팀을 선택하거나 새로 만드세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="234"/>
        <source>In the rota</source>
        <translation>배정 순번</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="235"/>
        <source>Maximum chats</source>
        <translation>최대 상담 수</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="250"/>
        <source>{name} in the rota</source>
        <translation>{name} 배정 순번 포함</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="261"/>
        <source>The most chats assigned to them automatically, in any team</source>
        <translation>모든 팀을 통틀어 자동으로 배정받는 최대 상담 수</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="270"/>
        <source>Remove from the team</source>
        <translation>팀에서 제외</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="280"/>
        <source>No members yet.</source>
        <translation>아직 멤버가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="313"/>
        <source>Delete {name}?</source>
        <translation>{name} 팀을 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/teams_page.py" line="314"/>
        <source>The team {name} is deleted. Its chats stay, without a team, and no one loses a message.</source>
        <translation>{name} 팀이 삭제됩니다. 팀의 상담은 팀 없이 그대로 남고, 메시지는 하나도 사라지지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/window.py" line="33"/>
        <source>Administration</source>
        <translation>관리</translation>
    </message>
</context>
<context>
    <name>AdminFields</name>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="40"/>
        <source>Choice (select)</source>
        <translation>선택 목록</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="53"/>
        <source>Edit profile field</source>
        <translation>고객 정보 항목 편집</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="55"/>
        <source>New profile field</source>
        <translation>새 고객 정보 항목</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="58"/>
        <source>e.g. plan (letters, digits, _)</source>
        <translation>영문 소문자, 숫자, _ 로 된 키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="60"/>
        <source>e.g. Plan</source>
        <translation>예: 요금제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="65"/>
        <source>One option a line</source>
        <translation>한 줄에 선택지 하나</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="67"/>
        <source>Options</source>
        <translation>선택지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="75"/>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="76"/>
        <source>Label</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="77"/>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="82"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="113"/>
        <source>A field needs a key and a label.</source>
        <translation>항목에는 키와 이름이 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="117"/>
        <source>A select field needs at least one option.</source>
        <translation>선택 목록에는 선택지가 하나 이상 필요합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="142"/>
        <source>Profile fields</source>
        <translation>고객 정보 항목</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="143"/>
        <source>What agents keep about each customer, in the side panel&apos;s order. Deleting a field hides it; the customers&apos; values are kept.</source>
        <translation>상담원이 고객마다 기록하는 정보입니다. 사이드 패널에 이 순서로 표시됩니다. 항목을 삭제하면 숨겨지고, 고객의 값은 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="153"/>
        <source>Add field</source>
        <translation>항목 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="156"/>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="159"/>
        <location filename="../../desktop/views/admin/fields_page.py" line="259"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="162"/>
        <source>Move up</source>
        <translation>위로</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="164"/>
        <source>Move down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="174"/>
        <source>No profile fields yet: add the first.</source>
        <translation>아직 고객 정보 항목이 없습니다. 첫 항목을 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="251"/>
        <source>Delete the field “{label}”?</source>
        <translation>“{label}” 항목을 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="254"/>
        <source>It leaves every agent&apos;s side panel. The customers&apos; values are kept: a field made again with the key “{key}” shows them.</source>
        <translation>모든 상담원의 사이드 패널에서 사라집니다. 고객의 값은 보관되며, 키 “{key}”로 항목을 다시 만들면 다시 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/fields_page.py" line="276"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
</context>
<context>
    <name>AdminMacros</name>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="44"/>
        <source>Macros</source>
        <translation>자주 쓰는 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="45"/>
        <source>Saved replies every agent inserts by typing # in the composer.</source>
        <translation>모든 상담원이 입력창에 #을 입력해 넣는 저장된 답변입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="55"/>
        <source>New macro</source>
        <translation>새 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="58"/>
        <source>Name, e.g. Greeting</source>
        <translation>이름, 예: 첫인사</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="61"/>
        <source>The reply. Variables are filled in when it is inserted.</source>
        <translation>답변 내용. 변수는 넣을 때 채워집니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="64"/>
        <source>Variables:</source>
        <translation>변수:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="67"/>
        <source>{customer} is the chat&apos;s customer; {manager} and {email} the agent who inserts it; {team} the chat&apos;s team.</source>
        <translation>{customer}은 상담의 고객, {manager}과 {email}은 답변을 넣는 상담원, {team}은 상담의 팀입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="81"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="84"/>
        <location filename="../../desktop/views/admin/macros_page.py" line="177"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="91"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="93"/>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="175"/>
        <source>Delete the macro “{name}”?</source>
        <translation>“{name}” 답변을 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="176"/>
        <source>It is removed for everyone in the workspace.</source>
        <translation>워크스페이스의 모든 사람에게서 삭제됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="186"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/macros_page.py" line="190"/>
        <source>Deleted.</source>
        <translation>삭제했습니다.</translation>
    </message>
</context>
<context>
    <name>AdminMedia</name>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="45"/>
        <source>Phone number (E.164, e.g. +8215881234)</source>
        <translation>전화번호 (E.164, 예: +8215881234)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="46"/>
        <source>Inbound address</source>
        <translation>수신 주소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="47"/>
        <source>SMTP server</source>
        <translation>SMTP 서버</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="48"/>
        <source>SMTP port</source>
        <translation>SMTP 포트</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="49"/>
        <source>SMTP user</source>
        <translation>SMTP 사용자</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="50"/>
        <source>Use STARTTLS</source>
        <translation>STARTTLS 사용</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="51"/>
        <source>Channel ID</source>
        <translation>채널 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="52"/>
        <source>Page ID</source>
        <translation>페이지 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="53"/>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="54"/>
        <source>Partner ID</source>
        <translation>파트너 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="55"/>
        <source>Webhook secret</source>
        <translation>웹훅 시크릿</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="56"/>
        <source>SMTP password</source>
        <translation>SMTP 비밀번호</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="57"/>
        <source>REST API key</source>
        <translation>REST API 키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="58"/>
        <source>Sender key</source>
        <translation>발신 프로필 키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="59"/>
        <source>App secret</source>
        <translation>앱 시크릿</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="60"/>
        <source>Page access token</source>
        <translation>페이지 액세스 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="61"/>
        <source>Webhook verify token</source>
        <translation>웹훅 확인 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="62"/>
        <source>Authorization key</source>
        <translation>인증 키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="63"/>
        <source>Channel secret</source>
        <translation>채널 시크릿</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="64"/>
        <source>Channel access token</source>
        <translation>채널 액세스 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="88"/>
        <source>Edit {medium}</source>
        <translation>{medium} 설정 편집</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="90"/>
        <source>Connect {medium}</source>
        <translation>{medium} 연결</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="119"/>
        <source>Optional</source>
        <translation>선택 사항</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="124"/>
        <source>Secrets</source>
        <translation>비밀 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="132"/>
        <source>Set: leave empty to keep</source>
        <translation>설정됨: 비워 두면 유지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="134"/>
        <source>Required</source>
        <translation>필수</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="140"/>
        <source>Secrets are sealed on the server and never shown again, here or anywhere.</source>
        <translation>비밀 정보는 서버에 암호화되어 보관되며, 여기서도 어디서도 다시 표시되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="151"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="151"/>
        <location filename="../../desktop/views/admin/media_page.py" line="254"/>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="209"/>
        <location filename="../../desktop/views/admin/media_page.py" line="347"/>
        <source>Disconnect</source>
        <translation>연결 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="231"/>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="233"/>
        <source>Not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="246"/>
        <source>Secrets set: {names}</source>
        <translation>설정된 비밀 정보: {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="251"/>
        <source>Connect it to answer its chats in Sangdam.</source>
        <translation>연결하면 이 채널의 상담을 Sangdam에서 답할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="254"/>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="273"/>
        <source>Media</source>
        <translation>연동 서비스</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="274"/>
        <source>The messengers your customers write from. Connected media&apos;s chats arrive in every agent&apos;s app; disconnecting keeps the chats already there.</source>
        <translation>고객이 문의하는 메신저입니다. 연결된 서비스의 상담은 모든 상담원의 앱으로 들어오며, 연결을 해제해도 이미 있는 상담은 남습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="323"/>
        <source>{medium} saved.</source>
        <translation>{medium} 설정을 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="328"/>
        <source>{medium} disconnected.</source>
        <translation>{medium} 연결을 해제했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="341"/>
        <source>Disconnect {medium}?</source>
        <translation>{medium} 연결을 해제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/media_page.py" line="342"/>
        <source>New messages from {medium} stop arriving and its secrets are erased. Its chats stay, with their history.</source>
        <translation>{medium}의 새 메시지가 더 이상 들어오지 않고 비밀 정보가 삭제됩니다. 상담과 그 기록은 남습니다.</translation>
    </message>
</context>
<context>
    <name>AdminWorkspace</name>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="44"/>
        <source>Monday</source>
        <translation>월요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="45"/>
        <source>Tuesday</source>
        <translation>화요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="46"/>
        <source>Wednesday</source>
        <translation>수요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="47"/>
        <source>Thursday</source>
        <translation>목요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="48"/>
        <source>Friday</source>
        <translation>금요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="49"/>
        <source>Saturday</source>
        <translation>토요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="50"/>
        <source>Sunday</source>
        <translation>일요일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="78"/>
        <source>Closed</source>
        <translation>휴무</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="110"/>
        <source>Workspace</source>
        <translation>워크스페이스</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="111"/>
        <source>Its name, the time zone its hours are in, and when the team answers.</source>
        <translation>워크스페이스 이름, 운영 시간의 기준 시간대, 팀이 응대하는 시간입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="129"/>
        <source>Search, e.g. Seoul</source>
        <translation>시간대를 영문 이름으로 검색</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="132"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="133"/>
        <source>Time zone</source>
        <translation>시간대</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="135"/>
        <source>Business hours</source>
        <translation>운영 시간</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="152"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="154"/>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/workspace_page.py" line="206"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/controller/flow.py" line="104"/>
        <source>Wrong email or password.</source>
        <translation>이메일 또는 비밀번호가 올바르지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="106"/>
        <source>Cannot reach the server at {server}. Check the address and your network.</source>
        <translation>{server} 서버에 연결할 수 없습니다. 주소와 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="111"/>
        <source>That is not a server address: {detail}</source>
        <translation>올바른 서버 주소가 아닙니다: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="116"/>
        <source>Too many failed attempts. Try again in {n} s.</source>
        <translation>로그인 실패가 너무 많습니다. {n}초 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="119"/>
        <source>Too many failed attempts. Try again later.</source>
        <translation>로그인 실패가 너무 많습니다. 잠시 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="121"/>
        <source>The server is busy with other logins. Try again in a moment.</source>
        <translation>서버가 다른 로그인을 처리하느라 바쁩니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="123"/>
        <source>Your login has expired. Please log in again.</source>
        <translation>로그인이 만료되었습니다. 다시 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="125"/>
        <source>Your login was ended (logged out elsewhere). Please log in again.</source>
        <translation>로그인이 종료되었습니다(다른 곳에서 로그아웃됨). 다시 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="129"/>
        <source>The server no longer knows this login. Please log in again.</source>
        <translation>서버에서 이 로그인 정보를 찾을 수 없습니다. 다시 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="131"/>
        <source>Check the email address.</source>
        <translation>이메일 주소를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="132"/>
        <source>The server could not log you in: {detail}</source>
        <translation>서버에 로그인하지 못했습니다: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="230"/>
        <source>Sangdam is not connected yet. Try again in a moment.</source>
        <translation>Sangdam이 아직 서버에 연결되지 않았습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="239"/>
        <source>Sangdam cannot show notifications on this desktop ({why}). New messages still appear here and in the tray&apos;s count.</source>
        <translation>이 데스크톱에서는 Sangdam 알림을 표시할 수 없습니다({why}). 새 메시지는 이 창과 트레이 아이콘의 숫자로 계속 확인할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="285"/>
        <source>Demo workspace</source>
        <translation>데모 워크스페이스</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="335"/>
        <source>The system keyring did not answer, so your saved login could not be read. Please log in.</source>
        <translation>시스템 키링이 응답하지 않아 저장된 로그인 정보를 읽지 못했습니다. 다시 로그인해 주세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="474"/>
        <source>Starting the demo workspace… (the first start takes a while)</source>
        <translation>데모 워크스페이스를 시작하는 중… (처음에는 시간이 조금 걸립니다)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="477"/>
        <source>Starting the demo server…</source>
        <translation>데모 서버를 시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="488"/>
        <source>Sangdam demo</source>
        <translation>Sangdam 데모</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="489"/>
        <source>The demo could not start: {reason}</source>
        <translation>데모를 시작하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="516"/>
        <source>Sangdam</source>
        <translation>Sangdam</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="561"/>
        <source>the system keyring did not answer within {n} s</source>
        <translation>시스템 키링이 {n}초 안에 응답하지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="565"/>
        <source>Sangdam cannot remember your login on this computer: {reason}. You will be asked to log in again next time.</source>
        <translation>이 컴퓨터에 로그인 정보를 저장할 수 없습니다: {reason}. 다음에 실행할 때 다시 로그인해야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="663"/>
        <source>You have logged out.</source>
        <translation>로그아웃했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/flow.py" line="672"/>
        <source>The server no longer accepts this login. Please log in again.</source>
        <translation>서버가 이 로그인을 더 이상 허용하지 않습니다. 다시 로그인하세요.</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../desktop/views/attachments.py" line="63"/>
        <source>Cancel this upload</source>
        <translation>이 업로드 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="66"/>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="67"/>
        <source>Upload this file again</source>
        <translation>이 파일을 다시 업로드</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="71"/>
        <source>Remove</source>
        <translation>빼기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="72"/>
        <source>Take this file off the message</source>
        <translation>이 파일을 메시지에서 빼기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/attachments.py" line="213"/>
        <source>Attached: {n} of {max} files · {size}</source>
        <translation>첨부: 파일 {n}/{max}개 · {size}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../desktop/views/status.py" line="133"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>ChatDelegate</name>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="43"/>
        <source>Snoozed</source>
        <translation>보류중</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="44"/>
        <source>Closed</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="65"/>
        <source>Unassigned</source>
        <translation>담당자 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_delegate.py" line="63"/>
        <source>Assigned</source>
        <translation>배정됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_delegate.py" line="67"/>
        <location filename="../../desktop/views/search_view.py" line="106"/>
        <source>(no name)</source>
        <translation>(이름 없음)</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="117"/>
        <source>Manager link copied: for your teammates, it opens this chat in Sangdam.</source>
        <translation>매니저용 링크를 복사했어요. 팀원에게 공유하면 Sangdam에서 이 상담이 열려요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="123"/>
        <source>The manager link could not be copied</source>
        <translation>매니저용 링크를 복사하지 못했어요</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="135"/>
        <source>Customer link for {name} copied: only for {name}. The link made before no longer works.</source>
        <translation>{name} 고객용 링크를 복사했어요. {name} 고객에게만 보내세요. 전에 만든 링크는 더 이상 열리지 않아요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="142"/>
        <source>The customer link could not be made</source>
        <translation>고객용 링크를 만들지 못했어요</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="153"/>
        <source>The chat was not deleted</source>
        <translation>상담을 삭제하지 못했어요</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="177"/>
        <source>{what}: the server cannot be reached now.</source>
        <translation>{what}: 지금 서버에 연결할 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="297"/>
        <source>{name} wrote again while you were typing.</source>
        <translation>입력하는 동안 {name} 고객이 새 메시지를 보냈어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="301"/>
        <source>{name} replied while you were typing.</source>
        <translation>입력하는 동안 {name} 님이 답장했어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="304"/>
        <source>{name} started typing in this chat too.</source>
        <translation>{name} 님도 이 상담에서 입력하고 있어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="71"/>
        <source>{name} is typing…</source>
        <translation>{name} 님이 입력 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="74"/>
        <source>{names} and {last} are typing…</source>
        <translation>{names}, {last} 님이 입력 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="79"/>
        <source>{name} is viewing</source>
        <translation>{name} 님이 보는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="82"/>
        <source>{names} and {last} are viewing</source>
        <translation>{names}, {last} 님이 보는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="191"/>
        <source>Snooze…</source>
        <translation>보류…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="201"/>
        <location filename="../../desktop/views/chat_header.py" line="342"/>
        <source>Copy a link to this chat</source>
        <translation>이 상담의 링크 복사</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="209"/>
        <source>Copy the manager link (for teammates)</source>
        <translation>매니저용 링크 복사 (팀원 공유용)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="213"/>
        <source>For your teammates: opens this chat in Sangdam. Customers cannot open it.</source>
        <translation>팀원용: Sangdam에서 이 상담을 열어요. 고객은 열 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="225"/>
        <source>Delete permanently…</source>
        <translation>상담 영구 삭제…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="287"/>
        <source>Snoozed until {when}</source>
        <translation>{when}까지 보류</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="302"/>
        <source>Assignee: {name}. Click to change who answers.</source>
        <translation>담당자: {name}. 클릭하면 담당자를 바꿀 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="306"/>
        <source>Team: {name}. Click to change it.</source>
        <translation>팀: {name}. 클릭하면 팀을 바꿀 수 있어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="307"/>
        <source>No team</source>
        <translation>팀 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="310"/>
        <source>Snooze: the chat opens again when it ends</source>
        <translation>보류: 보류 기간이 끝나면 상담이 다시 열려요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="329"/>
        <source>Copy a new customer link (only for {name})…</source>
        <translation>새 고객용 링크 복사 ({name} 고객 전용)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="332"/>
        <source>For {name} only: opens their own chat page and nothing else. Making a new one stops the previous link from working.</source>
        <translation>{name} 고객 전용: 이 고객의 상담 페이지만 열려요. 새로 만들면 이전 링크는 더 이상 열리지 않아요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="339"/>
        <source>Needs a connection to the server.</source>
        <translation>서버에 연결되어 있어야 해요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="347"/>
        <source>Delete this chat, its messages and files for good</source>
        <translation>이 상담과 메시지, 파일을 영구히 삭제해요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="411"/>
        <source>Make a new link for {name}?</source>
        <translation>{name} 고객용 링크를 새로 만들까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="412"/>
        <source>The new link opens {name}&apos;s own chat page, and nothing else. Any customer link sent before for this chat stops working.</source>
        <translation>새 링크는 {name} 고객의 상담 페이지만 열어요. 이 상담에 전에 보낸 고객용 링크는 더 이상 열리지 않아요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="417"/>
        <source>Make and copy the link</source>
        <translation>링크 만들고 복사</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="431"/>
        <source>Delete the chat with {name} permanently?</source>
        <translation>{name} 고객과의 상담을 영구 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="432"/>
        <source>The chat with {name}, all its messages and files are deleted for everyone. This cannot be undone.</source>
        <translation>{name} 고객과의 상담과 모든 메시지, 파일이 모두에게서 삭제돼요. 삭제한 상담은 복구할 수 없어요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="437"/>
        <source>Delete permanently</source>
        <translation>영구 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="492"/>
        <source>Send your reply anyway?</source>
        <translation>그래도 답장을 보낼까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="493"/>
        <source>Send anyway</source>
        <translation>그래도 보내기</translation>
    </message>
</context>
<context>
    <name>ComposeDialogs</name>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="70"/>
        <source>Send a link button</source>
        <translation>링크 버튼 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="73"/>
        <source>e.g. Track my order</source>
        <translation>예: 주문 조회</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="91"/>
        <source>Colour {color}</source>
        <translation>색상 {color}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="96"/>
        <source>Other…</source>
        <translation>다른 색…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="107"/>
        <source>Button text</source>
        <translation>버튼 문구</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="108"/>
        <source>Web address</source>
        <translation>웹 주소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="109"/>
        <source>Colour</source>
        <translation>색상</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="110"/>
        <source>The customer sees:</source>
        <translation>고객에게 보이는 모습:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="116"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="284"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="144"/>
        <source>Give the button a text.</source>
        <translation>버튼 문구를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="147"/>
        <source>Enter a web address such as https://example.com</source>
        <translation>https://example.com 과 같은 웹 주소를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="151"/>
        <source>This web address is not valid.</source>
        <translation>올바른 웹 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="161"/>
        <source>Button</source>
        <translation>버튼</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="180"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="434"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="181"/>
        <source>Number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="182"/>
        <source>Yes / no</source>
        <translation>예 / 아니요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="183"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="197"/>
        <source>Question, e.g. Email</source>
        <translation>질문, 예: 이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="202"/>
        <source>Not saved</source>
        <translation>저장 안 함</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="208"/>
        <source>The customer profile field this answer is saved to</source>
        <translation>이 답변을 저장할 고객 프로필 항목</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="214"/>
        <source>Remove this field</source>
        <translation>이 항목 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="250"/>
        <source>Send a form</source>
        <translation>설문 양식 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="253"/>
        <source>The customer fills in these fields in the chat. An answer can be saved to their profile.</source>
        <translation>고객이 상담 화면에서 이 항목들을 입력합니다. 답변은 고객 프로필에 저장할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="265"/>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="266"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="267"/>
        <source>Save to profile</source>
        <translation>프로필에 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="276"/>
        <source>Add a field</source>
        <translation>항목 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="336"/>
        <source>Add at least one field.</source>
        <translation>항목을 하나 이상 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="338"/>
        <source>Every field needs a question.</source>
        <translation>모든 항목에 질문을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="341"/>
        <source>Two fields save to the same profile field.</source>
        <translation>두 항목이 같은 프로필 항목에 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="389"/>
        <source>Macros</source>
        <translation>자주 쓰는 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="394"/>
        <source>Search macros</source>
        <translation>자주 쓰는 답변 검색</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="407"/>
        <source>Name, e.g. Greeting</source>
        <translation>이름, 예: 첫인사</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="410"/>
        <source>The reply. Variables are filled in when inserted.</source>
        <translation>답변 내용. 변수는 넣을 때 채워집니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="413"/>
        <source>Variables:</source>
        <translation>변수:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="415"/>
        <source>New</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="416"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="419"/>
        <location filename="../../desktop/views/compose_dialogs.py" line="553"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="421"/>
        <source>Insert</source>
        <translation>넣기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="422"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="432"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="485"/>
        <source>You need the “manage macros” permission to change macros: ask an admin.</source>
        <translation>자주 쓰는 답변을 바꾸려면 ‘자주 쓰는 답변 관리’ 권한이 필요합니다. 관리자에게 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="520"/>
        <source>Give the macro a name.</source>
        <translation>이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="522"/>
        <source>Write the macro&apos;s text.</source>
        <translation>답변 내용을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="549"/>
        <source>Delete this macro?</source>
        <translation>이 매크로를 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/compose_dialogs.py" line="550"/>
        <source>“{name}” is removed for everyone in the workspace.</source>
        <translation>“{name}” 매크로가 워크스페이스의 모든 사람에게서 삭제됩니다.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop/views/composer.py" line="242"/>
        <source>Reply</source>
        <translation>고객 응대</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="243"/>
        <source>A reply the customer sees</source>
        <translation>고객에게 보내는 메시지입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="245"/>
        <source>Internal note</source>
        <translation>내부 대화</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="246"/>
        <source>A note only managers in this chat see</source>
        <translation>이 상담에 참여한 매니저들만 보는 메시지입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="272"/>
        <source>Attach</source>
        <translation>첨부</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="276"/>
        <source>Attach files (up to 10, 1 GiB each); you can also drop or paste them</source>
        <translation>파일 첨부 (최대 10개, 각 1 GiB). 끌어다 놓거나 붙여 넣어도 됩니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="280"/>
        <location filename="../../desktop/views/composer.py" line="558"/>
        <source>Attach files</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="290"/>
        <source>Insert an emoji (or type : and a word)</source>
        <translation>이모지 넣기 (또는 : 뒤에 단어 입력)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="295"/>
        <source>Macros</source>
        <translation>자주 쓰는 답변</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="296"/>
        <source>Insert a saved reply (or type #); manage the macros</source>
        <translation>자주 쓰는 답변 넣기 (또는 # 입력) · 관리</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="301"/>
        <source>Link button</source>
        <translation>링크 버튼</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="302"/>
        <location filename="../../desktop/views/composer.py" line="646"/>
        <source>Send the customer a button that opens a web address</source>
        <translation>웹 주소를 여는 버튼을 고객에게 보냅니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="307"/>
        <source>Form</source>
        <translation>설문 양식</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="308"/>
        <location filename="../../desktop/views/composer.py" line="648"/>
        <source>Send the customer a form to fill in</source>
        <translation>고객이 입력할 설문 양식을 보냅니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="313"/>
        <source>Send</source>
        <translation>전송</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="630"/>
        <source>Internal note: only managers see it. Enter sends, Shift+Enter: new line</source>
        <translation>내부 대화: 매니저들만 볼 수 있어요. Enter로 전송, Shift+Enter로 줄바꿈</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="638"/>
        <source>Reply to the customer. Enter sends, Shift+Enter: new line</source>
        <translation>고객에게 보낼 메시지를 입력하세요. Enter로 전송, Shift+Enter로 줄바꿈</translation>
    </message>
    <message>
        <location filename="../../desktop/views/composer.py" line="652"/>
        <source>Only in a reply: switch from the internal note to Reply</source>
        <translation>고객 응대에서만 보낼 수 있습니다. 내부 대화에서 고객 응대로 바꾸세요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="216"/>
        <source>↑↓ to move · Enter or Tab to insert · Esc to close</source>
        <translation>↑↓ 이동 · Enter 또는 Tab 넣기 · Esc 닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="300"/>
        <source>Mention a manager or a team</source>
        <translation>상담사 또는 팀 멘션</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="302"/>
        <source>Insert a macro</source>
        <translation>자주 쓰는 답변 넣기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="304"/>
        <location filename="../../desktop/views/composer.py" line="289"/>
        <source>Emoji</source>
        <translation>이모지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="310"/>
        <source>No macros yet: add them with the macros button.</source>
        <translation>자주 쓰는 답변이 아직 없습니다. 자주 쓰는 답변 버튼에서 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/completion_popup.py" line="311"/>
        <source>Nothing matches “{query}”.</source>
        <translation>“{query}”와(과) 일치하는 항목이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../desktop/controller/compose.py" line="51"/>
        <location filename="../../desktop/controller/session.py" line="41"/>
        <source>Your message was not sent</source>
        <translation>메시지를 보내지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/compose.py" line="59"/>
        <source>The macro was not saved</source>
        <translation>자주 쓰는 답변을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/compose.py" line="67"/>
        <source>The macro was not deleted</source>
        <translation>자주 쓰는 답변을 삭제하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="44"/>
        <source>Closing the chat was not done</source>
        <translation>상담을 종료하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="45"/>
        <source>Snoozing the chat was not done</source>
        <translation>상담을 보류하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="46"/>
        <source>Reopening the chat was not done</source>
        <translation>상담을 다시 열지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="49"/>
        <source>Changing the chat&apos;s state was not done</source>
        <translation>상담 상태를 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="52"/>
        <source>Assigning the chat was not done</source>
        <translation>담당자를 배정하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="54"/>
        <source>Changing the chat&apos;s team was not done</source>
        <translation>담당 팀을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="56"/>
        <source>Starring the chat was not done</source>
        <translation>즐겨찾기하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="58"/>
        <source>Following the chat was not changed</source>
        <translation>팔로우 상태를 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="60"/>
        <source>Marking the chat read or unread was not done</source>
        <translation>읽음 / 안 읽음으로 표시하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="62"/>
        <source>Changing the tags was not done</source>
        <translation>상담 태그를 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="64"/>
        <source>Changing the description was not done</source>
        <translation>상담 설명을 바꾸지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="66"/>
        <source>Changing the customer&apos;s profile was not done</source>
        <translation>고객 프로필을 변경하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="68"/>
        <source>Your change was not done</source>
        <translation>변경하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="208"/>
        <source>Your message could not be saved, so it was not sent: {reason}. It is back in the editor.</source>
        <translation>메시지를 저장하지 못해 보내지 않았습니다: {reason}. 입력창에 그대로 남아 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="206"/>
        <source>stopped</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="253"/>
        <source>The draft could not be saved</source>
        <translation>임시 저장 글을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="277"/>
        <source>The notification setting was not changed (offline?)</source>
        <translation>알림 설정을 바꾸지 못했습니다(오프라인 상태인가요?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="287"/>
        <source>Your seat or away setting was not changed (offline?)</source>
        <translation>시트 또는 자리 비움 설정을 바꾸지 못했습니다 (오프라인인가요?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/session.py" line="304"/>
        <source>Older messages could not be loaded now (offline?)</source>
        <translation>이전 메시지를 불러오지 못했습니다(오프라인 상태인가요?)</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="333"/>
        <location filename="../../desktop/controller/session.py" line="325"/>
        <source>Not connected yet: try again in a moment.</source>
        <translation>아직 연결되지 않았습니다. 잠시 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="349"/>
        <location filename="../../desktop/controller/session.py" line="348"/>
        <source>That did not work</source>
        <translation>실패했습니다</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="54"/>
        <source>Web</source>
        <translation>웹</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="55"/>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="56"/>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="57"/>
        <source>Kakao</source>
        <translation>카카오 상담톡</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="58"/>
        <source>Instagram DM</source>
        <translation>인스타그램 DM</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="59"/>
        <source>Naver TalkTalk</source>
        <translation>네이버 톡톡</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="60"/>
        <source>LINE</source>
        <translation>라인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="300"/>
        <source>Star this chat</source>
        <translation>즐겨찾기에 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="97"/>
        <source>Details</source>
        <translation>상세 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="156"/>
        <source>Choose a chat from the list</source>
        <translation>목록에서 상담을 선택하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/chat_actions.py" line="189"/>
        <location filename="../../desktop/views/chat_header.py" line="269"/>
        <location filename="../../desktop/views/chat_header.py" line="401"/>
        <source>(no name)</source>
        <translation>(이름 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="280"/>
        <source>Assignee: {name}</source>
        <translation>담당자: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="282"/>
        <location filename="../../desktop/views/chat_header.py" line="303"/>
        <source>Unassigned</source>
        <translation>담당자 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="298"/>
        <source>Unstar</source>
        <translation>즐겨찾기 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="315"/>
        <source>Reopen</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="315"/>
        <source>Close</source>
        <translation>상담 종료</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="324"/>
        <source>Open this chat again</source>
        <translation>이 상담을 다시 진행중으로 바꿉니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/chat_header.py" line="326"/>
        <source>Close this chat</source>
        <translation>이 상담을 종료합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="222"/>
        <source>Hide the details</source>
        <translation>상세 정보 숨기기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="224"/>
        <source>Show the details</source>
        <translation>상세 정보 보기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="307"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="308"/>
        <source>Save to folder…</source>
        <translation>폴더에 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="319"/>
        <source>Cancel the upload</source>
        <translation>업로드 취소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="324"/>
        <source>Retry the upload</source>
        <translation>업로드 다시 시도</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="328"/>
        <source>Remove it from the message</source>
        <translation>메시지에서 빼기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="343"/>
        <source>Download all files to…</source>
        <translation>모든 파일을 다운로드할 폴더…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/conversation.py" line="345"/>
        <source>Save the file to…</source>
        <translation>파일을 저장할 폴더…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="29"/>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="31"/>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <location filename="../../desktop/views/downloads.py" line="30"/>
        <source>Open folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="36"/>
        <source>Hide</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="61"/>
        <source>Downloading {n} files ({size})…</source>
        <translation>파일 {n}개 다운로드 중 ({size})…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="76"/>
        <source>Saved {n} files to {folder}</source>
        <translation>파일 {n}개를 {folder}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/downloads.py" line="85"/>
        <source>Download failed: {reason}</source>
        <translation>다운로드 실패: {reason}</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <location filename="../../desktop/views/drop_zone.py" line="48"/>
        <source>{n} files: each is checked before anything is sent</source>
        <translation>파일 {n}개: 보내기 전에 하나씩 확인합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/drop_zone.py" line="52"/>
        <source>1 file: it is checked before anything is sent</source>
        <translation>파일 1개: 보내기 전에 확인합니다</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/controller/errors.py" line="17"/>
        <source>It was changed by someone else meanwhile.</source>
        <translation>그사이 다른 사람이 변경했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="19"/>
        <source>Turn your operator seat on to change a chat&apos;s state, tags or description.</source>
        <translation>상담 상태, 태그, 설명을 바꾸려면 오퍼레이터 시트를 켜세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="24"/>
        <source>Only managers with their operator seat on can be assigned.</source>
        <translation>오퍼레이터 시트가 켜진 매니저만 담당자로 배정할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="26"/>
        <source>You do not have the permission this needs.</source>
        <translation>이 작업에 필요한 권한이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="28"/>
        <source>Only an admin or the owner can do this.</source>
        <translation>관리자 또는 소유자만 할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="30"/>
        <source>Only an owner can make or unmake an owner.</source>
        <translation>소유자만 다른 사람을 소유자로 지정하거나 해제할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="32"/>
        <source>The workspace&apos;s last owner stays an owner: make someone else an owner first.</source>
        <translation>워크스페이스의 마지막 소유자는 소유자로 남아야 합니다. 먼저 다른 사람을 소유자로 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="37"/>
        <source>This invitation link is not valid. Ask for a new one.</source>
        <translation>유효하지 않은 초대 링크입니다. 새 초대를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="39"/>
        <source>This invitation was already used or withdrawn. Log in, or ask for a new one.</source>
        <translation>이미 사용되었거나 취소된 초대입니다. 로그인하거나 새 초대를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="44"/>
        <source>This invitation has expired. Ask for a new one.</source>
        <translation>만료된 초대입니다. 새 초대를 요청하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="46"/>
        <source>You may not do this.</source>
        <translation>이 작업을 할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/errors.py" line="48"/>
        <source>It is no longer there (deleted meanwhile?).</source>
        <translation>더 이상 존재하지 않습니다(그사이 삭제되었나요?).</translation>
    </message>
</context>
<context>
    <name>Events</name>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="52"/>
        <source>someone</source>
        <translation>누군가</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="61"/>
        <source>Assigned to {name} automatically</source>
        <translation>{name}님에게 자동 배정되었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="65"/>
        <source>The snooze ended: the chat is open again</source>
        <translation>보류가 끝나 상담이 다시 진행 중입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="66"/>
        <source>Sangdam</source>
        <translation>상담</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="70"/>
        <source>{actor} took this chat</source>
        <translation>{actor}님이 상담을 맡았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="71"/>
        <source>{actor} assigned this chat to {name}</source>
        <translation>{actor}님이 {name}님을 담당자로 배정했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="75"/>
        <source>{actor} unassigned {name}</source>
        <translation>{actor}님이 {name}님의 담당을 해제했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="79"/>
        <source>{actor} set the team to {team}</source>
        <translation>{actor}님이 담당 팀을 {team}(으)로 지정했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="80"/>
        <source>a team</source>
        <translation>팀</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="83"/>
        <source>{actor} removed the team</source>
        <translation>{actor}님이 담당 팀을 해제했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="85"/>
        <source>{actor} snoozed this chat until {when}</source>
        <translation>{actor}님이 {when}까지 상담을 보류했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="89"/>
        <source>{actor} closed this chat</source>
        <translation>{actor}님이 상담을 종료했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="91"/>
        <source>{actor} reopened this chat</source>
        <translation>{actor}님이 상담을 다시 열었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="93"/>
        <source>{actor} added the tag {tag}</source>
        <translation>{actor}님이 {tag} 태그를 추가했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="95"/>
        <source>{actor} removed the tag {tag}</source>
        <translation>{actor}님이 {tag} 태그를 삭제했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="96"/>
        <source>{actor} changed this chat</source>
        <translation>{actor}님이 상담을 변경했습니다</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../desktop/controller/files.py" line="103"/>
        <source>Pasted image {time}</source>
        <translation>붙여 넣은 이미지 {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="166"/>
        <source>Not connected yet: attach the files again in a moment.</source>
        <translation>아직 연결되지 않았습니다. 잠시 후 다시 첨부해 주세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="172"/>
        <source>The files could not be attached</source>
        <translation>파일을 첨부하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="183"/>
        <source>the image could not be written</source>
        <translation>이미지를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="186"/>
        <source>The pasted image could not be attached: {reason}</source>
        <translation>붙여 넣은 이미지를 첨부하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="285"/>
        <source>The file could not be downloaded</source>
        <translation>파일을 다운로드하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="303"/>
        <source>The file could not be opened</source>
        <translation>파일을 열지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/files.py" line="309"/>
        <source>not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="120"/>
        <source>{n} B</source>
        <translation>{n} B</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="125"/>
        <source>{size}/s</source>
        <translation>초당 {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="131"/>
        <source>{n} s left</source>
        <translation>{n}초 남음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="133"/>
        <source>{n} min left</source>
        <translation>{n}분 남음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="134"/>
        <source>{h} h {m} min left</source>
        <translation>{h}시간 {m}분 남음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="144"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="155"/>
        <source>Over 1 GiB: too large to send</source>
        <translation>1 GiB 초과: 너무 커서 보낼 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="157"/>
        <source>More than 10 files for one message</source>
        <translation>한 메시지에 파일이 10개를 넘습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="151"/>
        <source>Not finished within the 5-minute limit, so the server dropped it. Retry?</source>
        <translation>5분 안에 끝나지 않아 서버가 업로드를 버렸습니다. 다시 시도할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="159"/>
        <source>The file changed while it was sent. Retry?</source>
        <translation>보내는 동안 파일이 바뀌었습니다. 다시 시도할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="161"/>
        <source>The file is gone from the disk</source>
        <translation>디스크에서 파일이 사라졌습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="163"/>
        <source>Upload failed</source>
        <translation>업로드 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="171"/>
        <source>Uploaded · {size}</source>
        <translation>업로드 완료 · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="175"/>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="177"/>
        <source>Waiting · {size}</source>
        <translation>대기 중 · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="179"/>
        <source>Connection lost, trying again… ({sent} of {size})</source>
        <translation>연결이 끊겨 다시 시도하는 중… ({size} 중 {sent})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="183"/>
        <source>{sent} of {size}</source>
        <translation>{size} 중 {sent}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="206"/>
        <source>more than {n} files for one message</source>
        <translation>한 메시지에 {n}개 초과</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="210"/>
        <source>over 1 GiB ({size})</source>
        <translation>1 GiB 초과 ({size})</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="212"/>
        <source>a folder, not a file</source>
        <translation>파일이 아닌 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="214"/>
        <source>cannot be read (permissions?)</source>
        <translation>읽을 수 없음 (권한 확인)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="216"/>
        <source>no longer exists</source>
        <translation>더 이상 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="218"/>
        <source>empty (0 bytes)</source>
        <translation>빈 파일 (0바이트)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="226"/>
        <source>{name}: {reason}</source>
        <translation>{name}: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="230"/>
        <source>and {n} more</source>
        <translation>외 {n}개</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="231"/>
        <source>Not attached ({n}):</source>
        <translation>첨부하지 않은 파일 ({n}개):</translation>
    </message>
    <message>
        <location filename="../../desktop/models/files.py" line="236"/>
        <source>Drop to attach up to {n} files, {size} each</source>
        <translation>놓으면 첨부됩니다 (최대 {n}개, 각 {size})</translation>
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
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="46"/>
        <source>Single keys work while the chat list has the focus (Ctrl+2), so typing a reply never triggers them.</source>
        <translation>한 글자 단축키는 상담 목록에 포커스가 있을 때만 동작합니다(Ctrl+2). 답장을 입력하는 중에는 실행되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="61"/>
        <source>Actions on chats</source>
        <translation>상담 작업</translation>
    </message>
    <message>
        <location filename="../../desktop/views/help_overlay.py" line="61"/>
        <source>Moving around</source>
        <translation>이동</translation>
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
        <translation>폴더에 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/image_viewer.py" line="67"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../../desktop/controller/flow.py" line="433"/>
        <source>The server {server} cannot be reached.</source>
        <translation>서버 {server}에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="20"/>
        <source>Join a workspace</source>
        <translation>워크스페이스 참여</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="21"/>
        <source>Join the workspace on {server}</source>
        <translation>{server}의 워크스페이스에 참여</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="28"/>
        <source>You were invited to answer chats in Sangdam. Choose the name your teammates see and a password of at least {n} characters.</source>
        <translation>Sangdam에서 상담에 답변하도록 초대받았습니다. 팀원에게 보일 이름과 {n}자 이상의 비밀번호를 정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="44"/>
        <source>Your name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="45"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="46"/>
        <source>Password again</source>
        <translation>비밀번호 확인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="22"/>
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="60"/>
        <source>Enter your name.</source>
        <translation>이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="65"/>
        <source>The password needs at least {n} characters.</source>
        <translation>비밀번호는 {n}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/invite_dialog.py" line="72"/>
        <source>The two passwords are not the same.</source>
        <translation>두 비밀번호가 같지 않습니다.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../desktop/i18n.py" line="103"/>
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="125"/>
        <source>The new language is used when Sangdam starts again.</source>
        <translation>바꾼 언어는 Sangdam을 다시 시작하면 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>LinkConfirm</name>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="20"/>
        <source>Open this link?</source>
        <translation>링크를 열까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="22"/>
        <source>This link opens in your browser:</source>
        <translation>다음 주소가 브라우저에서 열립니다:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/link_confirm.py" line="28"/>
        <source>Open link</source>
        <translation>링크 열기</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="53"/>
        <source>Sangdam only opens chat links (sangdam://chat/…)</source>
        <translation>Sangdam은 상담 링크(sangdam://chat/…)만 열 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="55"/>
        <source>the chat id in it is not valid</source>
        <translation>링크의 상담 ID가 올바르지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="57"/>
        <source>it does not say which server the chat is on</source>
        <translation>상담이 있는 서버가 링크에 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="59"/>
        <source>the server address in it is not valid</source>
        <translation>링크의 서버 주소가 올바르지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="61"/>
        <source>the workspace id in it is not valid</source>
        <translation>링크의 워크스페이스 ID가 올바르지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="63"/>
        <source>the invitation in it is incomplete</source>
        <translation>초대 정보가 완전하지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="65"/>
        <source>it is not a Sangdam link</source>
        <translation>Sangdam 링크가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="66"/>
        <source>This link cannot be opened: {why}. Link: {link}</source>
        <translation>이 링크를 열 수 없습니다: {why}. 링크: {link}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="164"/>
        <source>This link is for a chat on {server}, but Sangdam is logged in to {current}. To open it, log out and log in to {server}.</source>
        <translation>이 링크는 {server}의 상담이지만, Sangdam은 {current}에 로그인되어 있습니다. 열려면 로그아웃한 뒤 {server}에 로그인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="170"/>
        <source>This link is for a chat in another workspace than the one you are logged in to on {server}.</source>
        <translation>이 링크는 {server}에서 지금 로그인한 워크스페이스가 아닌 다른 워크스페이스의 상담입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="197"/>
        <source>The chat in this link is not on this computer, and the server cannot be reached now ({reason}). Try the link again when Sangdam is online.</source>
        <translation>이 링크의 상담이 이 컴퓨터에 없고, 지금은 서버에 연결할 수 없습니다({reason}). Sangdam이 온라인이 되면 링크를 다시 열어 주세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="201"/>
        <source>offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="237"/>
        <source>The chat in this link could not be opened: {reason}</source>
        <translation>이 링크의 상담을 열 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/open_link.py" line="243"/>
        <source>The chat in this link was not found: it was deleted, or it is not in your workspace.</source>
        <translation>이 링크의 상담을 찾을 수 없습니다. 삭제되었거나 내 워크스페이스의 상담이 아닙니다.</translation>
    </message>
</context>
<context>
    <name>ListHold</name>
    <message>
        <location filename="../../desktop/views/hold.py" line="39"/>
        <source>Show the chats that changed while you were aiming</source>
        <translation>목록을 가리키는 동안 바뀐 상담 보기</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/hold.py" line="43"/>
        <source>%n new</source>
        <translation>
            <numerusform>새 소식 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="24"/>
        <source>Log in to Sangdam</source>
        <translation>Sangdam 로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="25"/>
        <source>Log in to your team&apos;s inbox</source>
        <translation>팀 수신함에 로그인하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="41"/>
        <source>you@company.com</source>
        <translation>name@company.com</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="45"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="46"/>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="47"/>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="26"/>
        <location filename="../../desktop/views/login_dialog.py" line="63"/>
        <source>Log in</source>
        <translation>로그인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="63"/>
        <source>Logging in…</source>
        <translation>로그인하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="76"/>
        <source>Enter the server address, your email and your password.</source>
        <translation>서버 주소, 이메일, 비밀번호를 모두 입력하세요.</translation>
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
        <translation>설정 (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="95"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="105"/>
        <source>Notify me of
unassigned chats</source>
        <translation>담당자 없는 채팅
알림 받기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="108"/>
        <source>New chats and messages with no assignee notify you, and join My sessions</source>
        <translation>담당자 없는 상담이 시작되거나 새 메시지가 오면 알림을 받고, 내 세션에서 모아볼 수 있어요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="122"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="127"/>
        <source>Open</source>
        <translation>진행중</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="128"/>
        <source>Snoozed</source>
        <translation>보류중</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="129"/>
        <source>Closed</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="132"/>
        <source>Show open, snoozed or closed chats</source>
        <translation>상태별로 상담 보기: 진행중, 보류중, 종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="134"/>
        <source>Newest first</source>
        <translation>최신 순</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="135"/>
        <source>Oldest first</source>
        <translation>오래된 순</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>That chat is no longer in the inbox.</source>
        <translation>이 상담은 더 이상 수신함에 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="391"/>
        <location filename="../../desktop/views/main_window.py" line="402"/>
        <source>Log out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="394"/>
        <source>Log out of Sangdam on this computer?</source>
        <translation>이 컴퓨터의 Sangdam에서 로그아웃할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="396"/>
        <source>You can also delete the inbox copy kept on this computer (the local cache).</source>
        <translation>이 컴퓨터에 보관된 수신함 사본(로컬 캐시)도 함께 삭제할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="405"/>
        <source>Log out and delete local data</source>
        <translation>로그아웃하고 로컬 데이터 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="422"/>
        <source>&amp;Sangdam</source>
        <translation>Sangdam(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="423"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="429"/>
        <source>Administration…</source>
        <translation>관리…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="434"/>
        <source>Log out…</source>
        <translation>로그아웃…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="438"/>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="443"/>
        <source>&amp;Notifications</source>
        <translation>알림(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="445"/>
        <source>Notify me of unassigned chats</source>
        <translation>담당자 없는 채팅 알림 받기</translation>
    </message>
</context>
<context>
    <name>Medium</name>
    <message>
        <location filename="../../desktop/models/format.py" line="144"/>
        <source>Web chat</source>
        <translation>웹 채팅</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="145"/>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="146"/>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="147"/>
        <source>Kakao</source>
        <translation>카카오 상담톡</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="148"/>
        <source>Instagram DM</source>
        <translation>인스타그램 DM</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="149"/>
        <source>Naver TalkTalk</source>
        <translation>네이버 톡톡</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="150"/>
        <source>LINE</source>
        <translation>라인</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="213"/>
        <source>Internal note</source>
        <translation>내부 대화</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="216"/>
        <source>Not sent: {reason}</source>
        <translation>전송 안 됨: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="220"/>
        <source>Sending…</source>
        <translation>전송 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="223"/>
        <source>Waiting: a file did not upload. Click it to retry or remove.</source>
        <translation>대기 중: 업로드하지 못한 파일이 있습니다. 파일을 눌러 다시 시도하거나 빼세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_delegate.py" line="228"/>
        <source>Sent once its files are up ({n} uploading)…</source>
        <translation>파일 업로드가 끝나면 전송됩니다 ({n}개 업로드 중)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/file_cards.py" line="99"/>
        <source>Download all</source>
        <translation>모두 다운로드</translation>
    </message>
    <message>
        <location filename="../../desktop/views/file_cards.py" line="218"/>
        <source>{percent}% of {size}</source>
        <translation>{size} 중 {percent}%</translation>
    </message>
</context>
<context>
    <name>MessageParts</name>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="151"/>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="151"/>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="204"/>
        <source>Form answered</source>
        <translation>폼 응답 완료</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="205"/>
        <source>Form · waiting for the answer</source>
        <translation>폼 · 응답 대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="323"/>
        <source>Delivered</source>
        <translation>전달됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="333"/>
        <source>Not delivered</source>
        <translation>전달 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="340"/>
        <source>The messenger did not take this reply: {reason}</source>
        <translation>메신저가 이 답변을 받지 않았습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="344"/>
        <source>Read by the customer</source>
        <translation>고객이 읽었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/message_parts.py" line="346"/>
        <source>Delivered to the messenger (its read state is unknown)</source>
        <translation>메신저로 전달됨 (읽음 여부는 알 수 없음)</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <location filename="../../desktop/views/lists.py" line="318"/>
        <source>Conversation</source>
        <translation>대화</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/models/messages.py" line="531"/>
        <source>Bot</source>
        <translation>봇</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../desktop/notify/content.py" line="41"/>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="52"/>
        <source>You were mentioned</source>
        <translation>누군가 나를 멘션했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="54"/>
        <source>Assigned to you</source>
        <translation>나에게 배정되었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="56"/>
        <source>Snooze ended</source>
        <translation>보류 기간이 끝났습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="59"/>
        <source>New chat, no assignee</source>
        <translation>담당자 없는 새 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="60"/>
        <source>New message, no assignee</source>
        <translation>담당자 없는 상담의 새 메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="68"/>
        <source>Internal note: {text}</source>
        <translation>내부 대화: {text}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="80"/>
        <location filename="../../desktop/notify/content.py" line="93"/>
        <source>%Ln new messages</source>
        <translation>
            <numerusform>새 메시지 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="95"/>
        <source>{messages} and %Ln other updates</source>
        <translation>
            <numerusform>{messages}, 그 밖의 변경 %Ln건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/content.py" line="98"/>
        <source>{what} in %Ln chats</source>
        <translation>
            <numerusform>상담 %Ln개에 {what}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/notify/content.py" line="99"/>
        <source>While you were away</source>
        <translation>자리를 비운 동안</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/sink.py" line="119"/>
        <source>the notification service failed</source>
        <translation>알림 서비스에 오류가 발생했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/sink.py" line="127"/>
        <source>no notification service answered</source>
        <translation>알림 서비스가 응답하지 않습니다</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../desktop/controller/panel.py" line="165"/>
        <source>The description could not be saved</source>
        <translation>상담 설명을 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/panel.py" line="173"/>
        <source>The profile could not be changed</source>
        <translation>고객 프로필을 변경하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="233"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="428"/>
        <source>Open</source>
        <translation>진행중</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="236"/>
        <source>(no messages)</source>
        <translation>(메시지 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="269"/>
        <source>From the customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <location filename="../../desktop/models/panel.py" line="271"/>
        <source>From the team</source>
        <translation>팀</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="163"/>
        <source>Customer</source>
        <translation>고객 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="221"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="597"/>
        <source>Team</source>
        <translation>담당팀</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="120"/>
        <source>Remove the tag {tag}</source>
        <translation>{tag} 태그 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="162"/>
        <source>Chat info</source>
        <translation>상담 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="164"/>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="165"/>
        <source>Chats</source>
        <translation>상담 목록</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="166"/>
        <source>Sent messages</source>
        <translation>보낸 메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="167"/>
        <source>Files and links</source>
        <translation>파일, 웹 링크</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="211"/>
        <source>Add followers</source>
        <translation>팔로워 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="220"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="588"/>
        <source>Assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="222"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="622"/>
        <source>Followers</source>
        <translation>팔로워</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="223"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="224"/>
        <source>Came from</source>
        <translation>유입 경로</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="225"/>
        <source>Goal</source>
        <translation>상담 목표</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="241"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="636"/>
        <source>Tags</source>
        <translation>상담 태그</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="242"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="472"/>
        <source>Add a tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="250"/>
        <source>No tags</source>
        <translation>태그 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="255"/>
        <source>Description</source>
        <translation>상담 설명</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="257"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="442"/>
        <source>Edit the description</source>
        <translation>상담 설명 편집</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="275"/>
        <source>Notes about this chat; #hashtags make it easy to find</source>
        <translation>상담에 대한 기록을 남겨 주세요. #해시태그로 쉽게 찾을 수 있어요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="283"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="284"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="299"/>
        <source>Choose the profile fields shown</source>
        <translation>표시할 고객 정보 선택</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="317"/>
        <source>Chat started on</source>
        <translation>상담을 시작한 페이지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="321"/>
        <source>Pages visited</source>
        <translation>방문한 페이지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="323"/>
        <source>No page visits</source>
        <translation>방문 기록 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="332"/>
        <source>No other chats</source>
        <translation>다른 상담 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="333"/>
        <source>No follow-ups or marketing messages sent</source>
        <translation>보낸 팔로업·마케팅 메시지 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="334"/>
        <source>No files or links yet</source>
        <translation>주고받은 파일이나 링크 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="413"/>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="415"/>
        <source>Unassigned</source>
        <translation>담당자 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="417"/>
        <source>Change the assignee</source>
        <translation>담당자 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="418"/>
        <source>No team</source>
        <translation>담당팀 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="419"/>
        <source>Change the team</source>
        <translation>담당팀 변경</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="424"/>
        <source>Snoozed until {when}</source>
        <translation>{when}까지 보류</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="437"/>
        <source>No description</source>
        <translation>상담 설명 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="447"/>
        <source>Not known</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="467"/>
        <source>Tags ({n}/{max})</source>
        <translation>상담 태그 ({n}/{max})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="488"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="735"/>
        <source>(no name)</source>
        <translation>(이름 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="502"/>
        <source>The workspace has no profile fields</source>
        <translation>정의된 고객 정보 항목이 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="504"/>
        <source>No fields chosen: use the tune button</source>
        <translation>선택한 항목 없음: 설정 버튼으로 고르세요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="532"/>
        <source>YYYY-MM-DD</source>
        <translation>연-월-일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="532"/>
        <location filename="../../desktop/views/panel/side_panel.py" line="561"/>
        <source>Empty</source>
        <translation>비어 있음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="547"/>
        <source>This field takes a number.</source>
        <translation>숫자만 입력할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="613"/>
        <source>me</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="639"/>
        <source>Find or create a tag</source>
        <translation>태그 검색 또는 새로 만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="704"/>
        <source>Profile fields shown</source>
        <translation>표시할 고객 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="741"/>
        <source>Chats with #{tag}</source>
        <translation>#{tag} 상담</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/panel/side_panel.py" line="744"/>
        <source>%n chats</source>
        <translation>
            <numerusform>상담 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="770"/>
        <source>Open the link?</source>
        <translation>링크를 열까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="771"/>
        <source>Open this address in your browser?

{url}</source>
        <translation>이 주소를 브라우저에서 열까요?

{url}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="782"/>
        <source>Campaign: {name}</source>
        <translation>캠페인: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="784"/>
        <source>Workflow: {name}</source>
        <translation>워크플로우: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="785"/>
        <source>Directly (no campaign or workflow)</source>
        <translation>직접 유입 (캠페인·워크플로우 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="792"/>
        <source>No goal</source>
        <translation>목표 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="794"/>
        <source>{goal} · reached ✓</source>
        <translation>{goal} · 달성 ✓</translation>
    </message>
    <message>
        <location filename="../../desktop/views/panel/side_panel.py" line="795"/>
        <source>{goal} · not reached yet</source>
        <translation>{goal} · 미달성</translation>
    </message>
</context>
<context>
    <name>Pause</name>
    <message>
        <location filename="../../desktop/notify/pause.py" line="26"/>
        <source>Notifications paused until {time}</source>
        <translation>{time}까지 알림 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="47"/>
        <source>Pause notifications for 1 hour</source>
        <translation>1시간 동안 알림 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="48"/>
        <source>Pause notifications until tomorrow</source>
        <translation>내일 아침까지 알림 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/pause.py" line="49"/>
        <source>Resume notifications</source>
        <translation>알림 다시 받기</translation>
    </message>
</context>
<context>
    <name>Pickers</name>
    <message>
        <location filename="../../desktop/models/choices.py" line="138"/>
        <source>{n} / {max} open</source>
        <translation>진행중 {n} / {max}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="141"/>
        <source>seat off</source>
        <translation>시트 꺼짐</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="143"/>
        <source>away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="151"/>
        <source>Assign to me</source>
        <translation>나에게 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="152"/>
        <source>Unassigned</source>
        <translation>담당자 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="168"/>
        <source>Your operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>오퍼레이터 시트가 꺼져 있습니다. 시트가 켜진 매니저만 담당자로 배정할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="172"/>
        <source>{name}&apos;s operator seat is off: only managers with their seat on can be assigned.</source>
        <translation>{name} 님의 오퍼레이터 시트가 꺼져 있습니다. 시트가 켜진 매니저만 담당자로 배정할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="180"/>
        <source>No team</source>
        <translation>팀 없음</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/models/choices.py" line="183"/>
        <source>%n members</source>
        <translation>
            <numerusform>멤버 %n명</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="185"/>
        <source>auto-assign</source>
        <translation>자동 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="216"/>
        <source>A chat has at most {n} tags: remove one first.</source>
        <translation>상담 하나에 태그는 최대 {n}개입니다. 먼저 하나를 지우세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="236"/>
        <source>In 1 hour</source>
        <translation>1시간 후</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="237"/>
        <source>Tomorrow at 9:00</source>
        <translation>내일 오전 9:00</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="238"/>
        <source>Next Monday at 9:00</source>
        <translation>다음 주 월요일 오전 9:00</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="242"/>
        <source>Pick a date and time…</source>
        <translation>날짜와 시간 선택…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="250"/>
        <source>Pick a time in the future.</source>
        <translation>지금 이후의 시간을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/choices.py" line="252"/>
        <source>A chat can be snoozed for at most {n} days.</source>
        <translation>상담은 최대 {n}일까지 보류할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="154"/>
        <source>Type to filter</source>
        <translation>입력해서 찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="298"/>
        <source>Snooze until</source>
        <translation>보류 종료 시각</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="306"/>
        <source>yyyy-MM-dd HH:mm</source>
        <comment>a QLocale date format</comment>
        <translation>yyyy. M. d. HH:mm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pickers.py" line="319"/>
        <source>The chat opens again then, and its assignee is notified.</source>
        <translation>그때 상담이 다시 열리고 담당자에게 알림이 갑니다.</translation>
    </message>
</context>
<context>
    <name>Preview</name>
    <message>
        <location filename="../../desktop/models/format.py" line="113"/>
        <source>Internal note: {text}</source>
        <translation>내부 대화: {text}</translation>
    </message>
</context>
<context>
    <name>Relaunch</name>
    <message>
        <location filename="../../desktop/controller/relaunch.py" line="38"/>
        <source>Sangdam is already running, logged in to your account, so the demo was not started. To try the demo, quit Sangdam (Sangdam &gt; Quit) and start it again with --demo.</source>
        <translation>Sangdam이 이미 내 계정으로 실행 중이어서 데모를 시작하지 않았습니다. 데모를 사용하려면 Sangdam을 끝내고(Sangdam &gt; 끝내기) --demo로 다시 시작하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/relaunch.py" line="47"/>
        <source>The Sangdam demo is running, so Sangdam was not started again. To log in to your own server, quit the demo (Sangdam &gt; Quit) and start Sangdam again.</source>
        <translation>Sangdam 데모가 실행 중이어서 Sangdam을 다시 시작하지 않았습니다. 내 서버에 로그인하려면 데모를 끝내고(Sangdam &gt; 끝내기) Sangdam을 다시 시작하세요.</translation>
    </message>
</context>
<context>
    <name>RowLabels</name>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="30"/>
        <source>tomorrow {time}</source>
        <translation>내일 {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="33"/>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="37"/>
        <source>until {when}</source>
        <translation>{when}까지</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="62"/>
        <source>Queue · {team}</source>
        <translation>대기열 · {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="64"/>
        <source>Unassigned · {team}</source>
        <translation>담당자 없음 · {team}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="73"/>
        <source>Searching the server for “{query}”…</source>
        <translation>서버에서 “{query}” 검색 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="74"/>
        <source>No chats or messages match “{query}”</source>
        <translation>“{query}”와(과) 일치하는 상담이나 메시지가 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="76"/>
        <source>Only this computer&apos;s copy was searched: the server cannot be reached.</source>
        <translation>서버에 연결할 수 없어 이 컴퓨터에 저장된 내용만 검색했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="86"/>
        <source>No snoozed chats in {section}</source>
        <translation>{section}에 보류중인 상담이 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="88"/>
        <source>No closed chats in {section}</source>
        <translation>{section}에 종료된 상담이 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/models/row_labels.py" line="90"/>
        <source>No open chats in {section}</source>
        <translation>{section}에 진행중인 상담이 없습니다</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../desktop/views/search_view.py" line="67"/>
        <source>Search names, messages, tags (Ctrl+F)</source>
        <translation>이름, 메시지, 태그 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="68"/>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="221"/>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/controller/settings.py" line="33"/>
        <source>1 unsent message was kept.</source>
        <translation>보내지 않은 메시지 1개를 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="35"/>
        <source>{n} unsent messages were kept.</source>
        <translation>보내지 않은 메시지 {n}개를 보관했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="71"/>
        <source>The demo server on this computer</source>
        <translation>이 컴퓨터의 데모 서버</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="127"/>
        <source>Sangdam could not change this: {reason}</source>
        <translation>이 설정을 바꿀 수 없습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="154"/>
        <source>Clearing the cache…</source>
        <translation>캐시를 지우는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="165"/>
        <source>The cache was not cleared: {reason}</source>
        <translation>캐시를 지우지 못했습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="174"/>
        <source>Cleared. Downloading your inbox again…</source>
        <translation>지웠습니다. 상담 내역을 다시 내려받는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/settings.py" line="184"/>
        <source>Your inbox was downloaded again.</source>
        <translation>상담 내역을 다시 내려받았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="57"/>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="98"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="118"/>
        <location filename="../../desktop/views/settings_dialog.py" line="171"/>
        <source>Account</source>
        <translation>계정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="123"/>
        <location filename="../../desktop/views/settings_dialog.py" line="208"/>
        <source>Notifications</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="128"/>
        <location filename="../../desktop/views/settings_dialog.py" line="262"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="133"/>
        <location filename="../../desktop/views/settings_dialog.py" line="307"/>
        <source>Start at login</source>
        <translation>로그인 시 시작</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="138"/>
        <location filename="../../desktop/views/settings_dialog.py" line="336"/>
        <source>Local cache</source>
        <translation>로컬 캐시</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="179"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="180"/>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="184"/>
        <source>Log out…</source>
        <translation>로그아웃…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="191"/>
        <source>Logging out ends your login on this computer. You can also delete the copy of the inbox kept here.</source>
        <translation>로그아웃하면 이 컴퓨터에서의 로그인이 끝납니다. 이 컴퓨터에 저장된 상담 내역 사본도 함께 지울 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="197"/>
        <source>The demo workspace logs you in by itself: there is nothing to log out of.</source>
        <translation>데모 워크스페이스는 자동으로 로그인되므로 로그아웃할 계정이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="210"/>
        <source>Notify me of unassigned chats</source>
        <translation>담당자 없는 채팅 알림 받기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="216"/>
        <source>New chats and messages with no assignee notify you, and join My sessions</source>
        <translation>담당자가 없는 새 상담과 메시지를 알리고, 내 세션에 포함합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="224"/>
        <source>Play a sound with notifications</source>
        <translation>알림 소리 켜기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="232"/>
        <source>Pause notifications</source>
        <translation>알림 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="243"/>
        <source>Pause for 1 hour</source>
        <translation>1시간 동안 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="246"/>
        <source>Pause until tomorrow</source>
        <translation>내일 아침까지 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="248"/>
        <source>Resume</source>
        <translation>다시 받기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="267"/>
        <source>System default ({language})</source>
        <translation>시스템 기본값 ({language})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="283"/>
        <source>Language of Sangdam</source>
        <translation>Sangdam 언어</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="287"/>
        <source>The new language applies after Sangdam restarts.</source>
        <translation>새 언어는 Sangdam을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="297"/>
        <source>Restart now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="309"/>
        <source>Start Sangdam when I log in to this computer</source>
        <translation>이 컴퓨터에 로그인하면 Sangdam 시작</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="319"/>
        <source>Sangdam opens its window and notifies you from the start of your day.</source>
        <translation>하루를 시작할 때부터 Sangdam 창이 열리고 알림을 받습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="339"/>
        <source>Sangdam keeps a copy of your inbox on this computer, so it opens at once and works offline.</source>
        <translation>Sangdam은 상담 내역 사본을 이 컴퓨터에 저장해 바로 열리고 오프라인에서도 동작합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="350"/>
        <source>Size on disk</source>
        <translation>디스크 사용량</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="356"/>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="360"/>
        <source>Clear cache…</source>
        <translation>캐시 지우기…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="366"/>
        <source>Clearing deletes the copy and downloads your inbox again from the server. Messages not sent yet are kept and sent.</source>
        <translation>캐시를 지우면 사본을 삭제하고 서버에서 상담 내역을 다시 내려받습니다. 아직 보내지 않은 메시지는 보관했다가 전송합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="396"/>
        <source>Notifications are on.</source>
        <translation>알림을 받고 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="422"/>
        <location filename="../../desktop/views/settings_dialog.py" line="467"/>
        <source>Clear cache</source>
        <translation>캐시 지우기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="426"/>
        <source>Delete the local copy of your inbox and download it again?</source>
        <translation>이 컴퓨터의 상담 내역 사본을 삭제하고 다시 내려받을까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="434"/>
        <source>1 unsent message will be kept and sent.</source>
        <translation>보내지 않은 메시지 1개는 보관했다가 전송합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="437"/>
        <source>{n} unsent messages will be kept and sent.</source>
        <translation>보내지 않은 메시지 {n}개는 보관했다가 전송합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="443"/>
        <source>1 change not yet sent will be kept and sent.</source>
        <translation>아직 보내지 않은 변경 1건은 보관했다가 전송합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="446"/>
        <source>{n} changes not yet sent will be kept and sent.</source>
        <translation>아직 보내지 않은 변경 {n}건은 보관했다가 전송합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="452"/>
        <source>1 message the server refused will be kept.</source>
        <translation>서버가 거부한 메시지 1개는 보관합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="455"/>
        <source>{n} messages the server refused will be kept.</source>
        <translation>서버가 거부한 메시지 {n}개는 보관합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="463"/>
        <source>Everything in it is on the server.</source>
        <translation>모든 내용이 서버에 있습니다.</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="81"/>
        <source>All</source>
        <translation>전체</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="82"/>
        <source>My chats</source>
        <translation>내 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="83"/>
        <source>Unread</source>
        <translation>안 읽은 메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="84"/>
        <source>Starred</source>
        <translation>즐겨찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="85"/>
        <source>My sessions</source>
        <translation>내 세션</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="86"/>
        <source>Unassigned</source>
        <translation>담당자 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="101"/>
        <source>Queue</source>
        <translation>대기열</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="106"/>
        <source>Assignees</source>
        <translation>담당자</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="119"/>
        <source>Integrations</source>
        <translation>연동 서비스</translation>
    </message>
    <message>
        <location filename="../../desktop/models/sidebar.py" line="126"/>
        <source>Tags</source>
        <translation>상담 태그</translation>
    </message>
</context>
<context>
    <name>SidebarFooter</name>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="27"/>
        <source>Operator seat</source>
        <translation>오퍼레이터 시트</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="30"/>
        <source>On: chats can be assigned to you, by hand or by auto-assignment, and you can change a chat&apos;s state, tags and description.
Off: no chat is assigned to you and auto-assignment passes you by; you can still read, reply and star.</source>
        <translation>켜짐: 직접 배정이나 자동 배정으로 상담을 맡을 수 있고, 상담의 상태·태그·설명을 바꿀 수 있습니다.
꺼짐: 상담이 배정되지 않고 자동 배정에서도 빠집니다. 읽기, 답장, 즐겨찾기는 계속할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="38"/>
        <source>Away</source>
        <translation>자리 비움</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sidebar_footer.py" line="41"/>
        <source>While you are away, auto-assignment gives you no new chats (you keep the ones you have; others can still assign you by hand).
When you come back, chats waiting in your teams&apos; queues come to you.</source>
        <translation>자리 비움 중에는 자동 배정으로 새 상담을 받지 않습니다 (맡은 상담은 그대로이며, 다른 사람이 직접 배정할 수는 있습니다).
돌아오면 팀 대기열에서 기다리던 상담이 배정됩니다.</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../desktop/views/status.py" line="23"/>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="25"/>
        <source>Loading chats… {n}</source>
        <translation>상담을 불러오는 중… {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="27"/>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="29"/>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="31"/>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="33"/>
        <source>Offline, reconnecting in {n} s</source>
        <translation>오프라인, {n}초 후 다시 연결</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="37"/>
        <source>Signed out: log in again</source>
        <translation>로그아웃됨: 다시 로그인하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="39"/>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="41"/>
        <source>{n} waiting to send</source>
        <translation>전송 대기 {n}건</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="45"/>
        <source>(sending failed: {reason})</source>
        <translation>(전송 실패: {reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/status.py" line="80"/>
        <source>Opening the inbox…</source>
        <translation>수신함을 여는 중…</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <location filename="../../desktop/models/format.py" line="52"/>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <location filename="../../desktop/models/conversation_text.py" line="42"/>
        <location filename="../../desktop/models/format.py" line="56"/>
        <location filename="../../desktop/models/row_labels.py" line="35"/>
        <source>MMM d</source>
        <comment>a QLocale date format</comment>
        <translation>M월 d일</translation>
    </message>
    <message>
        <location filename="../../desktop/models/format.py" line="68"/>
        <source>tomorrow {time}</source>
        <translation>내일 {time}</translation>
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
        <translation>Sangdam 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="82"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="83"/>
        <source>Quit Sangdam</source>
        <translation>Sangdam 끝내기</translation>
    </message>
    <message>
        <location filename="../../desktop/notify/tray.py" line="116"/>
        <source>Sangdam: no unread chats</source>
        <translation>Sangdam: 안 읽은 상담 없음</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/notify/tray.py" line="118"/>
        <source>Sangdam: %Ln unread chats</source>
        <translation>
            <numerusform>Sangdam: 안 읽은 상담 %Ln개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Triage</name>
    <message>
        <location filename="../../desktop/controller/triage.py" line="67"/>
        <source>Assign</source>
        <translation>담당자 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="67"/>
        <source>Unassign</source>
        <translation>담당자 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="72"/>
        <source>Set the team</source>
        <translation>팀 지정</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="77"/>
        <source>Follow</source>
        <translation>팔로우</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="80"/>
        <source>Unfollow</source>
        <translation>팔로우 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="87"/>
        <source>Reopen</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="88"/>
        <source>Snooze</source>
        <translation>보류</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="89"/>
        <source>Close</source>
        <translation>상담 종료</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="103"/>
        <source>Add the tag {tag}</source>
        <translation>태그 {tag} 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="106"/>
        <source>Remove the tag {tag}</source>
        <translation>태그 {tag} 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="110"/>
        <source>Star</source>
        <translation>즐겨찾기</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="110"/>
        <source>Unstar</source>
        <translation>즐겨찾기 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="115"/>
        <source>Mark as read</source>
        <translation>읽음으로 표시</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="118"/>
        <source>Mark as unread</source>
        <translation>안 읽음으로 표시</translation>
    </message>
    <message>
        <location filename="../../desktop/controller/triage.py" line="195"/>
        <source>A chat no longer in the inbox</source>
        <translation>더 이상 받은 편지함에 없는 상담</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="196"/>
        <source>Actions on this chat (Shift+F10)</source>
        <translation>이 상담에 대한 작업 (Shift+F10)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="197"/>
        <source>Actions on this chat</source>
        <translation>이 상담에 대한 작업</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="300"/>
        <source>Assign to</source>
        <translation>담당자 배정</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="306"/>
        <source>Team</source>
        <translation>팀</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="311"/>
        <source>Snooze until</source>
        <translation>보류 종료 시각</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="344"/>
        <source>At most {n} tags per chat.</source>
        <translation>상담 하나에 태그는 최대 {n}개입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="346"/>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="349"/>
        <source>Find or create a tag</source>
        <translation>태그 찾기 또는 새로 만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage.py" line="420"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
</context>
<context>
    <name>TriageBar</name>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="62"/>
        <source>Select all loaded chats (Ctrl+A)</source>
        <translation>불러온 상담 모두 선택 (Ctrl+A)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="63"/>
        <source>Select all loaded chats</source>
        <translation>불러온 상담 모두 선택</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="104"/>
        <source>Clear the selection (Esc)</source>
        <translation>선택 해제 (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="105"/>
        <source>Clear the selection</source>
        <translation>선택 해제</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="138"/>
        <source>All {n} chats that match are selected</source>
        <translation>조건에 맞는 상담 {n}개가 모두 선택되었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="143"/>
        <source>{n} selected</source>
        <translation>{n}개 선택됨</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="145"/>
        <source>Select chats to act on several at once</source>
        <translation>여러 상담을 선택해 한 번에 처리하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="151"/>
        <source>Select all {n} chats that match</source>
        <translation>조건에 맞는 상담 {n}개 모두 선택</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="185"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="201"/>
        <source>{what}: done for {done} of {total} chats.</source>
        <translation>{what}: 상담 {total}개 중 {done}개 완료.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/triage_bar.py" line="205"/>
        <source>{what}: {done} of {total} chats done, {waiting} waiting to send…</source>
        <translation>{what}: 상담 {total}개 중 {done}개 완료, {waiting}개 전송 대기 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/triage_bar.py" line="211"/>
        <source>%n not done:</source>
        <translation>
            <numerusform>%n개는 처리되지 않았습니다:</numerusform>
        </translation>
    </message>
</context>
</TS>
