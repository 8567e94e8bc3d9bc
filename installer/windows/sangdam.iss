; Inno Setup 6 script: the Windows installer for Sangdam, for the current user (no
; administrator rights): the bundle into %LOCALAPPDATA%\Programs\Sangdam, a Start-menu
; entry, and the sangdam:// URL protocol under HKCU\Software\Classes\sangdam.
; Built by installer/windows/build.ps1, which passes the version (/DAppVersion=...) from
; pyproject.toml. tests/installer/test_windows.py reads this file.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1C2B8E-5A0D-4C7B-9E3F-2D8A1B7C4E90}
AppName=Sangdam
AppVersion={#AppVersion}
AppVerName=Sangdam {#AppVersion}
AppPublisher=Sangdam
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Sangdam
DefaultGroupName=Sangdam
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=sangdam-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\sangdam.ico
UninstallDisplayIcon={app}\sangdam.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\sangdam\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Sangdam"; Filename: "{app}\sangdam.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Sangdam"; Filename: "{app}\sangdam.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Classes\sangdam"; ValueType: string; ValueName: ""; ValueData: "URL:Sangdam link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\sangdam"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\sangdam\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\sangdam.exe"",0"
Root: HKCU; Subkey: "Software\Classes\sangdam\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\sangdam.exe"" ""%1"""

[Run]
Filename: "{app}\sangdam.exe"; Description: "{cm:LaunchProgram,Sangdam}"; Flags: nowait postinstall skipifsilent
