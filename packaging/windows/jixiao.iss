; Inno Setup script: per-user installer of the self-contained jixiao for Windows (no administrator).
; Built on a Windows runner by .github/workflows/windows.yml after PyInstaller (packaging/jixiao.spec)
; has made dist\jixiao\ with jixiao.exe (console: the command line) and jixiao-gui.exe (no console):
;     iscc /DAppVersion=0.1.0 packaging\windows\jixiao.iss
; It cannot be built or run on the Linux development machines.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B1E2C4A-7D3F-4E8B-9A51-2F0C8D7E6A13}
AppName=绩效自评助手
AppVersion={#AppVersion}
AppPublisher=jixiao developers
AppVerName=绩效自评助手 {#AppVersion}
DefaultDirName={localappdata}\Programs\jixiao
DefaultGroupName=绩效自评助手
; per user, never asks for administrator rights
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=jixiao-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\jixiao.ico
UninstallDisplayIcon={app}\jixiao-gui.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\jixiao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\绩效自评助手"; Filename: "{app}\jixiao-gui.exe"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\绩效自评助手"; Filename: "{app}\jixiao-gui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\jixiao-gui.exe"; Description: "{cm:LaunchProgram,绩效自评助手}"; Flags: nowait postinstall skipifsilent

; The clerk's data (%LOCALAPPDATA%\jixiao) is not part of the installation: uninstalling keeps it.
