<#
.SYNOPSIS
    Makes a Windows PC a CryoViewer kiosk: the local account "kiosk" gets the viewer as its
    shell, in place of Explorer, through Shell Launcher.

.DESCRIPTION
    Shell Launcher is a feature of Windows 10 and 11 Enterprise, Education and IoT Enterprise
    (not Home, not Pro). When the kiosk account signs in, Windows starts
        cryoviewer.exe --kiosk --kiosk-config <file>
    and nothing else: no taskbar, no Start menu, no desktop. When the viewer exits, Shell
    Launcher starts it again (DefaultAction 0, "restart the shell"), except when staff chose
    Quit on the viewer's admin screen (exit status 64: "do nothing").
    Every other account, administrators included, keeps the ordinary Explorer desktop.

    What this script does, in order:
      1. checks that this Windows may use Shell Launcher and turns the feature on;
      2. optionally creates the local standard account (-CreateUser);
      3. configures Shell Launcher through its WMI class WESL_UserSetting
         (namespace root\standardcimv2\embedded), as Microsoft documents it;
      4. turns off the touch screen's edge swipes (unless -KeepEdgeSwipes) and the privacy
         questions of a new account's first sign-in;
      5. optionally signs the kiosk account in automatically at start-up (-AutoLogon);
      6. optionally blocks keys with Keyboard Filter (-KeyboardFilter).
    -Remove undoes 3 and 5.

    Before running it (docs/kiosk.md, "Windows"):
      - install Python 3.11 or later for all users (python.org installer, "Install for all
        users"), so that the kiosk account can run it;
      - install the viewer where only administrators can change it:
          py -3 -m venv "C:\Program Files\CryoViewer"
          & "C:\Program Files\CryoViewer\Scripts\pip.exe" install <project folder or wheel>
      - put the settings file in C:\ProgramData\CryoViewer\kiosk.toml (see
        resources/kiosk/example.toml; make the PIN line with cryoviewer.exe --make-pin-hash).
    Run it from an elevated Windows PowerShell 5.1 (not PowerShell 7: the [wmiclass] type it
    uses is only in Windows PowerShell). Changes take effect at the account's next sign-in.

.PARAMETER KioskUser
    The local account that shows the kiosk. Must not be an administrator.
.PARAMETER ViewerPath
    cryoviewer.exe, as pip installed it in the virtual environment.
.PARAMETER ConfigPath
    The kiosk's settings file (TOML).
.PARAMETER CreateUser
    Create KioskUser as a local standard account (asks for its password).
.PARAMETER AutoLogon
    Sign KioskUser in automatically at start-up (asks for its password). Windows keeps that
    password in the registry, readable by administrators: the account has no rights, but use
    Sysinternals Autologon instead if your policy forbids it.
.PARAMETER KeyboardFilter
    Turn on Keyboard Filter and block the keys that leave a program (see the list below). The
    first run turns the feature on and asks for a restart; run the script again after it.
.PARAMETER KeepEdgeSwipes
    Leave the touch screen's edge swipes alone (they are turned off by default).
.PARAMETER Remove
    Give KioskUser the ordinary desktop again and stop signing it in automatically.

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\install-shell-launcher.ps1 -CreateUser -AutoLogon

.EXAMPLE
    powershell.exe -ExecutionPolicy Bypass -File .\install-shell-launcher.ps1 -KeyboardFilter

.LINK
    https://learn.microsoft.com/windows/configuration/shell-launcher/wesl-usersetting
#>

#Requires -RunAsAdministrator
#Requires -PSEdition Desktop

[CmdletBinding()]
param(
    [string]$KioskUser = 'kiosk',
    [string]$ViewerPath = 'C:\Program Files\CryoViewer\Scripts\cryoviewer.exe',
    [string]$ConfigPath = 'C:\ProgramData\CryoViewer\kiosk.toml',
    [switch]$CreateUser,
    [switch]$AutoLogon,
    [switch]$KeyboardFilter,
    [switch]$KeepEdgeSwipes,
    [switch]$Remove
)

$ErrorActionPreference = 'Stop'

# What Shell Launcher does when the shell exits (DefaultAction, CustomReturnCodesAction).
$RestartShell = 0
$RestartDevice = 1
$ShutDownDevice = 2
$DoNothing = 3

# The viewer's exit status when staff choose Quit on its admin screen: Shell Launcher then does
# nothing, and the administrator signs the kiosk account out (Ctrl+Alt+Del, Sign out) to service
# the PC. Every other exit (a crash, too many errors in a minute) restarts the viewer.
$StaffQuit = 64

# BUILTIN\Administrators and BUILTIN\Users, by their well-known SIDs (the names are translated
# on non-English Windows; the SIDs are not).
$AdministratorsSid = 'S-1-5-32-544'
$UsersSid = 'S-1-5-32-545'

# Where the Shell Launcher and Keyboard Filter WMI classes live.
$Namespace = 'root\standardcimv2\embedded'

# Keys Keyboard Filter blocks with -KeyboardFilter (WEKF_PredefinedKey ids, Microsoft's
# "Predefined key combinations"). The viewer itself ignores Alt+F4, Ctrl+Q, Ctrl+W, Escape and
# F11; these belong to Windows and reach it before any program.
$BlockedKeys = @(
    'Ctrl+Alt+Del',          # the Windows Security screen (lock, sign out, Task Manager)
    'Shift+Ctrl+Esc',        # Task Manager
    'Win+L',                 # lock the PC
    'Windows',               # both Windows logo keys: Start and every Win+ shortcut
    'Ctrl+Esc',              # Start
    'Alt+Tab',               # switch programs (also Alt+Shift+Tab)
    'Ctrl+Tab',
    'Win+Tab',               # Task View
    'Alt+Space',             # the window menu (Close, Move)
    'Alt+F4',                # close the program (the viewer refuses it anyway)
    'Win+D', 'Win+E', 'Win+R', 'Win+I', 'Win+U', 'Win+P',
    'LShift+LAlt+PrintScrn', # High Contrast
    'LShift+LAlt+NumLock'    # Mouse Keys
)
# Alt+Esc (cycle windows) is not predefined: it is added as a custom key (WEKF_CustomKey).
$BlockedCustomKeys = @('Alt+Esc')


function Test-ShellLauncherLicense {
    # Whether this edition of Windows is licensed for Shell Launcher (Enterprise, Education,
    # IoT Enterprise), asked of the licensing service as Microsoft's sample script does.
    $source = @'
using System.Runtime.InteropServices;
public static class CryoViewerShellLauncherLicense {
    [DllImport("Slc.dll", CharSet = CharSet.Unicode)]
    static extern int SLGetWindowsInformationDWORD(string name, out int value);
    public static bool Enabled() {
        int value;
        return SLGetWindowsInformationDWORD("EmbeddedFeature-ShellLauncher-Enabled", out value) == 0
            && value != 0;
    }
}
'@
    if (-not ('CryoViewerShellLauncherLicense' -as [type])) {
        Add-Type -TypeDefinition $source
    }
    return [CryoViewerShellLauncherLicense]::Enabled()
}

function Get-AccountSid([string]$Name) {
    # Shell Launcher identifies accounts by SID only, never by name.
    $account = New-Object System.Security.Principal.NTAccount($Name)
    return $account.Translate([System.Security.Principal.SecurityIdentifier]).Value
}

function Assert-WmiSuccess($Result, [string]$What) {
    # A WMI method answers with an object whose ReturnValue is 0 on success, else an HRESULT.
    if ($null -ne $Result -and $Result.ReturnValue -ne 0) {
        throw ('{0} failed with 0x{1:X8}' -f $What, $Result.ReturnValue)
    }
}

function Enable-Feature([string]$Name) {
    # Turns an optional Windows feature on; returns $true when Windows must restart first.
    try {
        $feature = Get-WindowsOptionalFeature -Online -FeatureName $Name
    } catch {
        $feature = $null
    }
    if ($null -eq $feature) {
        throw "This Windows has no feature $Name (Enterprise, Education or IoT Enterprise needed)."
    }
    if ($feature.State -eq 'Enabled') {
        return $false
    }
    Write-Host "Turning on the Windows feature $Name..."
    $result = Enable-WindowsOptionalFeature -Online -FeatureName $Name -All -NoRestart
    return [bool]$result.RestartNeeded
}

function Set-PolicyValue([string]$Key, [string]$Name, [int]$Value) {
    # A DWORD policy value. The key is created only when missing: New-Item -Force on an
    # existing registry key would replace it, and the other values in it with it.
    if (-not (Test-Path -LiteralPath $Key)) {
        New-Item -Path $Key -Force | Out-Null
    }
    New-ItemProperty -LiteralPath $Key -Name $Name -PropertyType DWord -Value $Value -Force |
        Out-Null
}

function Read-Password([string]$Prompt) {
    return Read-Host -AsSecureString -Prompt $Prompt
}

function ConvertTo-PlainText([Security.SecureString]$Secure) {
    $pointer = [Runtime.InteropServices.Marshal]::SecureStringToBSTR($Secure)
    try {
        return [Runtime.InteropServices.Marshal]::PtrToStringBSTR($pointer)
    } finally {
        [Runtime.InteropServices.Marshal]::ZeroFreeBSTR($pointer)
    }
}

function Remove-CustomShellQuietly($ShellLauncher, [string]$Sid) {
    # SetCustomShell refuses an account that already has a shell: remove it first. Removing
    # one that is not there is an error we do not care about.
    try {
        $ShellLauncher.RemoveCustomShell($Sid) | Out-Null
    } catch {
    }
}

function Block-PredefinedKey([string]$Id) {
    $key = Get-WmiObject -Namespace $Namespace -Class WEKF_PredefinedKey |
        Where-Object { $_.Id -eq $Id }
    if ($null -eq $key) {
        Write-Warning "Keyboard Filter has no predefined key '$Id'; skipped."
        return
    }
    $key.Enabled = $true
    $key.Put() | Out-Null
    Write-Host "  blocked $Id"
}

function Block-CustomKey([string]$Id) {
    $key = Get-WmiObject -Namespace $Namespace -Class WEKF_CustomKey |
        Where-Object { $_.Id -eq $Id }
    if ($null -ne $key) {
        $key.Enabled = $true
        $key.Put() | Out-Null
    } else {
        $class = [wmiclass]"\\localhost\${Namespace}:WEKF_CustomKey"
        Assert-WmiSuccess ($class.Add($Id)) "Blocking $Id"
    }
    Write-Host "  blocked $Id"
}

function Set-KeyboardFilterSetting([string]$Name, [string]$Value) {
    $setting = Get-WmiObject -Namespace $Namespace -Class WEKF_Settings |
        Where-Object { $_.Name -eq $Name }
    if ($null -ne $setting) {
        $setting.Value = $Value
        $setting.Put() | Out-Null
    }
}


# -- 1. Is Shell Launcher available? ----------------------------------------------------------

if (-not (Test-ShellLauncherLicense)) {
    throw ('This edition of Windows cannot use Shell Launcher (it needs Enterprise, Education ' +
           'or IoT Enterprise). On Pro, see "Assigned Access" in docs/kiosk.md.')
}
if (Enable-Feature 'Client-EmbeddedShellLauncher') {
    Write-Warning 'Restart Windows, then run this script again to configure Shell Launcher.'
    return
}

# The class whose static methods configure Shell Launcher.
try {
    $ShellLauncher = [wmiclass]"\\localhost\${Namespace}:WESL_UserSetting"
} catch {
    throw "Shell Launcher's WMI class is not available ($($_.Exception.Message)). Restart Windows and try again."
}


# -- Undo ---------------------------------------------------------------------------------------

if ($Remove) {
    $sid = Get-AccountSid $KioskUser
    Remove-CustomShellQuietly $ShellLauncher $sid
    Write-Host "$KioskUser gets the ordinary desktop at its next sign-in."
    $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    if ((Get-ItemProperty -Path $winlogon).DefaultUserName -eq $KioskUser) {
        Set-ItemProperty -Path $winlogon -Name AutoAdminLogon -Value '0'
        Remove-ItemProperty -Path $winlogon -Name DefaultPassword -ErrorAction SilentlyContinue
        Write-Host 'Automatic sign-in turned off.'
    }
    Write-Host ('Shell Launcher stays on for other accounts. To turn it off entirely: ' +
                '([wmiclass]"\\localhost\root\standardcimv2\embedded:WESL_UserSetting").SetEnabled($false)')
    return
}


# -- 2. The kiosk account ----------------------------------------------------------------------

if (-not (Test-Path -LiteralPath $ViewerPath -PathType Leaf)) {
    throw "No viewer at $ViewerPath. Install it first (see the description: Get-Help $PSCommandPath)."
}
if (-not (Test-Path -LiteralPath $ConfigPath -PathType Leaf)) {
    Write-Warning ("No settings file at ${ConfigPath}: the kiosk will run on its defaults, and " +
                   'without an admin PIN its hidden exit stays closed.')
}

$password = $null
if (-not (Get-LocalUser -Name $KioskUser -ErrorAction SilentlyContinue)) {
    if (-not $CreateUser) {
        throw "There is no local account $KioskUser. Create it, or run again with -CreateUser."
    }
    $password = Read-Password "Password for the new account $KioskUser"
    New-LocalUser -Name $KioskUser -Password $password -FullName 'CryoViewer kiosk' `
        -Description 'Shows the CryoViewer kiosk; no other use' `
        -PasswordNeverExpires -UserMayNotChangePassword | Out-Null
    try {
        Add-LocalGroupMember -SID $UsersSid -Member $KioskUser
    } catch {
        # already a member
    }
    Write-Host "Created the standard account $KioskUser."
}
$sid = Get-AccountSid $KioskUser
# (net localgroup rather than Get-LocalGroupMember, which fails on groups that hold the SID of
# a deleted account.)
$administrators = (New-Object System.Security.Principal.SecurityIdentifier($AdministratorsSid)).Translate(
    [System.Security.Principal.NTAccount]).Value.Split('\')[-1]
$members = & net.exe localgroup $administrators
if ($members -contains $KioskUser) {
    # An administrator would match the Administrators rule below too, and Keyboard Filter
    # does not apply to administrators.
    throw "$KioskUser is an administrator; a kiosk account must be a standard account."
}


# -- 3. Shell Launcher -------------------------------------------------------------------------

# Everyone without a rule of their own keeps Explorer (restarted if it closes).
Assert-WmiSuccess ($ShellLauncher.SetDefaultShell('explorer.exe', $RestartShell)) 'SetDefaultShell'

# Administrators: Explorer, explicitly, so that servicing the PC is never locked out.
Remove-CustomShellQuietly $ShellLauncher $AdministratorsSid
Assert-WmiSuccess ($ShellLauncher.SetCustomShell($AdministratorsSid, 'explorer.exe', $null, $null,
                                                 $RestartShell)) 'SetCustomShell (Administrators)'

# The kiosk account: the viewer. The whole line is what Windows runs; the paths are quoted
# because "Program Files" has a space. pip's cryoviewer.exe is a launcher that starts Python
# and waits for it, passing on its exit status, as Shell Launcher needs (a shell that starts
# another program and exits at once would be restarted in a loop).
# CustomReturnCodes / CustomReturnCodesAction: exit status 64 (staff quit) -> do nothing.
# DefaultAction: any other exit -> restart the shell.
$shell = '"{0}" --kiosk --kiosk-config "{1}"' -f $ViewerPath, $ConfigPath
Remove-CustomShellQuietly $ShellLauncher $sid
Assert-WmiSuccess ($ShellLauncher.SetCustomShell($sid, $shell, [int[]]@($StaffQuit),
                                                 [int[]]@($DoNothing), $RestartShell)) `
    "SetCustomShell ($KioskUser)"

Assert-WmiSuccess ($ShellLauncher.SetEnabled($true)) 'SetEnabled'

$configured = $ShellLauncher.GetCustomShell($sid)
$actions = ('  exit status {0} -> action {1}; any other exit -> action {2} ' +
            '(0 restart the shell, 3 do nothing)') -f ($configured.CustomReturnCodes -join ','),
           ($configured.CustomReturnCodesAction -join ','), $configured.DefaultAction
Write-Host "Shell for ${KioskUser}: $($configured.Shell)"
Write-Host $actions
Write-Host "Shell Launcher enabled: $($ShellLauncher.IsEnabled().Enabled)"


# -- 4. Touch: no edge swipes; no first sign-in questions ------------------------------------

# Swiping in from a screen edge opens Windows' own panels (notifications, widgets, task view).
# This is the "Allow edge swipe" policy (Windows Components > Edge UI), for the whole PC.
if (-not $KeepEdgeSwipes) {
    Set-PolicyValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\EdgeUI' 'AllowEdgeSwipe' 0
    Write-Host 'Edge swipes turned off (policy AllowEdgeSwipe = 0).'
}

# A new account's first sign-in shows Windows' privacy questions before any shell; nobody at a
# kiosk would answer them. Policy "Don't launch privacy settings experience on user logon".
Set-PolicyValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\OOBE' 'DisablePrivacyExperience' 1


# -- 5. Automatic sign-in ----------------------------------------------------------------------

if ($AutoLogon) {
    if ($null -eq $password) {
        $password = Read-Password "Password of $KioskUser (for the automatic sign-in)"
    }
    $winlogon = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon'
    Set-ItemProperty -Path $winlogon -Name AutoAdminLogon -Value '1'
    Set-ItemProperty -Path $winlogon -Name DefaultUserName -Value $KioskUser
    Set-ItemProperty -Path $winlogon -Name DefaultDomainName -Value $env:COMPUTERNAME
    Set-ItemProperty -Path $winlogon -Name DefaultPassword -Value (ConvertTo-PlainText $password)
    Write-Host "$KioskUser is signed in automatically at start-up."
}


# -- 6. Keyboard Filter ------------------------------------------------------------------------

if ($KeyboardFilter) {
    if (Enable-Feature 'Client-KeyboardFilter') {
        Write-Warning 'Keyboard Filter was turned on: restart Windows, then run this script again with -KeyboardFilter.'
        return
    }
    Write-Host 'Keyboard Filter (applies to standard accounts, not to administrators):'
    foreach ($id in $BlockedKeys) {
        Block-PredefinedKey $id
    }
    foreach ($id in $BlockedCustomKeys) {
        Block-CustomKey $id
    }
    # Sticky Keys and the other Ease of Access shortcuts can get round the filter.
    Set-KeyboardFilterSetting 'ForceOffAccessibility' 'true'
    # Administrators are not filtered (the default, kept).
    Set-KeyboardFilterSetting 'DisableKeyboardFilterForAdministrators' 'true'
    Write-Host ('To service the PC, press the left Windows key five times, slowly: Keyboard ' +
                "Filter's breakout key returns to the sign-in screen.")
}

Write-Host "Done. Sign out, or restart, to see the kiosk on $KioskUser."


# -- Notes --------------------------------------------------------------------------------------
#
# Shell Launcher v1 and v2. Windows 10 1809 and later, and Windows 11, have Shell Launcher v2
# (the shell runs through customshellhost.exe, full screen). This script uses the WMI class
# WESL_UserSetting, the interface Microsoft documents for scripts; the other way is an XML
# file given to the ShellLauncher node of the AssignedAccess configuration service provider
# (Intune / MDM, or a provisioning package), which also turns the feature on.
#
# Assigned Access. The other kiosk feature of Windows (also on Pro). It cannot be combined with
# Shell Launcher on the same PC. Single-app Assigned Access runs a Microsoft Store (UWP) app or
# Edge, not a desktop program such as CryoViewer; a multi-app "restricted user experience" can
# start it automatically but leaves Windows' own shell around it. Use Shell Launcher when the
# edition allows it.
#
# Ctrl+Alt+Del. Windows always lets Ctrl+Alt+Del through to its Security screen unless Keyboard
# Filter blocks it (-KeyboardFilter). Without the filter, trim that screen with Group Policy,
# for the kiosk account (gpedit.msc on "Non-Administrators", or the account's own policies):
#   User Configuration > Administrative Templates > System > Ctrl+Alt+Del Options:
#     Remove Task Manager, Remove Lock Computer, Remove Change Password, Remove Logoff: Enabled
#   (registry, the kiosk account's HKCU\Software\Microsoft\Windows\CurrentVersion\Policies:
#    System\DisableTaskMgr=1, System\DisableLockWorkstation=1, System\DisableChangePassword=1,
#    Explorer\NoLogoff=1)
#   Computer Configuration > Administrative Templates > System > Logon >
#     Hide entry points for Fast User Switching: Enabled
# Keep a way in for staff: with the filter, the breakout key (left Windows key, five times).
#
# Windows key, Alt+Tab, Alt+Esc. With Explorer replaced there is no Start menu or taskbar for
# them to open, but Windows still handles some Win+ shortcuts; -KeyboardFilter blocks them.
#
# A frozen viewer. Shell Launcher restarts the viewer when it exits, not when it hangs: there
# is no watchdog on Windows as systemd's on Linux. The viewer resets itself after repeated
# errors; a nightly restart of the PC (Task Scheduler) is a simple further safeguard.
#
# Logs: %LOCALAPPDATA%\CryoViewer\CryoViewer\logs of the kiosk account
# (C:\Users\kiosk\AppData\Local\CryoViewer\CryoViewer\logs), or the settings' log_folder.
