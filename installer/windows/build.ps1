# The Windows installer: dist\sangdam-<version>-windows-setup.exe
#
#     powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Needs uv and Inno Setup 6 (ISCC.exe on PATH or in its default folder). Signs the
# program and the installer with signtool when SANGDAM_SIGNTOOL_CERT names a .pfx file
# (its password in SANGDAM_SIGNTOOL_PASSWORD); otherwise says signing is skipped.
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root

$version = (uv run python -c "from installer.bundle import version; print(version())").Trim()
uv run pyinstaller installer\sangdam.spec --noconfirm --distpath dist --workpath build
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

function Sign-File([string]$path) {
    if (-not $env:SANGDAM_SIGNTOOL_CERT) { return }
    & signtool sign /f $env:SANGDAM_SIGNTOOL_CERT /p $env:SANGDAM_SIGNTOOL_PASSWORD `
        /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 $path
    if ($LASTEXITCODE -ne 0) { throw "signtool failed on $path" }
}

# The bundle must work before it is packed (windowed: no console, so only the exit code).
$test = Start-Process dist\sangdam\sangdam.exe -ArgumentList "--selftest" -Wait -PassThru
if ($test.ExitCode -ne 0) { throw "sangdam.exe --selftest failed ($($test.ExitCode))" }

if ($env:SANGDAM_SIGNTOOL_CERT) { Sign-File "dist\sangdam\sangdam.exe" }
else { Write-Host "Signing skipped: SANGDAM_SIGNTOOL_CERT is not set." }

$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\windows\sangdam.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }

$setup = "dist\sangdam-$version-windows-setup.exe"
Sign-File $setup
Write-Host "$setup"
