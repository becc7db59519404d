<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Preferences</name>
        <message>
            <source>This computer does not tell whether a connection is metered: this setting cannot work here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown: your server does not tell.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown: your cloud refused the login. Choose Sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown: the server could not be asked now. Try again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking the server…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink this computer…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Space</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 used, no limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 free</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 used (free space unknown)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(signed in through the browser)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 used, %2 free</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync preferences</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the logs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something wrong?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also remove my files from this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For shared computers. Only once everything is safe in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folders to keep…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shared drives…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The class and team spaces of your Cozy to sync here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start cozysync when I log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Takes effect the next time cozysync starts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Look for changes in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause syncing on metered connections</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upload speed limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Download speed limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> KB/s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No limit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your files stay in the cloud. They will be removed from this computer once cozysync has checked that everything is in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your files stay in the cloud and on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A phone's hotspot or a capped mobile plan: syncing waits for another connection.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop syncing “%1” on this computer?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same as the computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every minute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every 5 minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every 15 minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>every hour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxy type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Configuration file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only if your school's network asks for one. Leave the user name empty when the proxy asks for no login.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the system's proxy settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use a proxy configuration file (PAC)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find the proxy automatically (WPAD)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(kept)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>cozysync is already running</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its icon is in the tray: click it to open its menu.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Syncing stopped before deleting files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A word from your cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A file could not be synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A file changed on both sides</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: choose what to do with them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: choose which version to keep.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again to keep syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud is full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free some space on your cloud, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: your cloud refused the login (a new password?). Choose Sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An invitation to a shared folder</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DeletedFiles</name>
        <message>
            <source>%1 is back in your cloud; the sync brings it to this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is back in its folder; the sync sends it to your cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud cannot be reached: %1 will be put back as soon as it can be.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put it back in which folder?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in your cloud's trash (deleted by %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server has no trash cozysync can read: only what cozysync put in this computer's trash is listed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud cannot be reached: only what cozysync put in this computer's trash is listed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud's trash could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>it answered with an error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No deleted file to put back in %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in your cloud's trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in this computer's trash (put there by cozysync)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something else is at its place now: put it back in another folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files and folders deleted lately, newest first. Putting one back never replaces anything: the sync then brings it everywhere again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looking for deleted files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put back in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Desktop</name>
        <message>
            <source>This item is not in a synced folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync cannot do this yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync did not understand the request.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open it from the server's own web page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server does not tell the ids of its files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is synced with a server that has no web app to open it in.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>A file changed in two places</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep mine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the cloud's</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose which version to keep. The other one goes to the trash: it is not lost.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No preview for this kind of file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep both</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Both files stay, side by side, on this computer and in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decide later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; was changed on this computer and in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Until you choose, this computer's version is kept beside it as “%1”. A name ending in “(conflict device date)” is such a copy, on every device.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Modified</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This version is not there any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the folder %1 (synced as %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflict %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DeletionDialog</name>
        <message>
            <source>If you did not mean to delete them, put them back here. If you did, delete them on your cloud too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was deleted on this computer yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was deleted on your cloud yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If your cloud has a problem right now, choose “Decide later” and wait until the files are back there. If you delete them here too, they go to the trash of this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If the folder is on a drive that is not connected, connect it, then choose “Decide later”.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n file(s) were deleted on your cloud.</source>
            <translation>
                <numerusform>%n file was deleted on your cloud.</numerusform>
                <numerusform>%n files were deleted on your cloud.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The folder on this computer is empty: %n file(s) are missing here.</source>
            <translation>
                <numerusform>The folder on this computer is empty: %n file is missing here.</numerusform>
                <numerusform>The folder on this computer is empty: %n files are missing here.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>You deleted %n file(s) here.</source>
            <translation>
                <numerusform>You deleted %n file here.</numerusform>
                <numerusform>You deleted %n files here.</numerusform>
            </translation>
        </message>
        <message>
            <source>Until you choose, this folder is not synced. You can answer later with “Review deletions…”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some of the files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete them here too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put them back on the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>They go to the trash of this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete them on the cloud too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put them back here</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>They are deleted on your cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decide later</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n file(s) are missing from your cloud.</source>
            <translation>
                <numerusform>%n file is missing from your cloud.</numerusform>
                <numerusform>%n files are missing from your cloud.</numerusform>
            </translation>
        </message>
        <message>
            <source>Some of them:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files are missing in %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… and %n more.</source>
            <translation>
                <numerusform>… and %n more.</numerusform>
                <numerusform>… and %n more.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) are missing from the folder %1 on your cloud.</source>
            <translation>
                <numerusform>%n file is missing from the folder %1 on your cloud.</numerusform>
                <numerusform>%n files are missing from the folder %1 on your cloud.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Drives</name>
        <message>
            <source>Shared drives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where to sync the shared drives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>you can edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A drive you untick is no longer synced: its files stay on this computer, and nothing changes in the cloud. In a drive shared with you read-only, your changes stay on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shared drives of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A single file, not a folder: open it in your Cozy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy shares no drive with you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick a drive to sync it on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New drives are synced in: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — shared by %2 (%3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synced in the folder '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy also shares drives with you (class and team spaces). Tick those to sync on this computer; you can change it later in the preferences.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Selective</name>
        <message>
            <source>Folders of your cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A folder you untick is not downloaded to this computer, and it is never deleted in the cloud. Files at the top of your cloud are always kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looking at the folders of your cloud…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders to keep on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A folder you untick leaves this computer: to the trash if everything in it is in the cloud, else it stays here as it is. Ticking it again brings it back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave them out here too</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On your Cozy, another device, or this computer before a reinstall, leaves out: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep these folders on this computer:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud has no folders yet: everything will be kept.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <source>Sharing failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never expires</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create a link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan it with a phone to open the link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>People and groups</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a name: Léa, 3e B…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share with the ones ticked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shared now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop sharing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick the people or groups first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the share to stop first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>Your cloud refused the login of this folder. Nothing is lost: once you are signed in, syncing goes on where it stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you to finish in the browser…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The page did not open? &lt;a href="#"&gt;Open it again&lt;/a&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud refused this password. Check it (capital letters too) and type it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If you changed your password, type the new one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your browser will show your Cozy: log in there, then allow cozysync to use your files again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your browser will show your cloud: log in there, then grant the access. A password is made for this computer: you do not have to create one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with the browser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the password with your cloud…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the login page in your browser…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again to “%1”</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VersionsDialog</name>
        <message>
            <source>Older versions of &lt;b&gt;%1&lt;/b&gt; kept by your cloud. Restoring one makes it the current version there, then the sync brings it to this computer; the version it replaces is kept too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud keeps no older version of this file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore as a copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading the preview…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The preview could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No preview for this kind of file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Versions of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>by %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Wizard</name>
        <message>
            <source>Connecting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep the password in a private file on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your folder is ready</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start cozysync when I log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your files keep syncing without opening cozysync each time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Welcome to cozysync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting to your cloud…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your browser shows your Cozy: log in there, then allow cozysync to use your files. This page goes on by itself once it is done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The page did not open? &lt;a href="#"&gt;Open it again&lt;/a&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer has no password keeper (keyring).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tick the box below to keep the password in a file only you can read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing in the folder is deleted: the first sync sends its files to your cloud and brings the cloud's files here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud's folders could not be listed: everything will be kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder %1 will be kept in sync with %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync cannot reach this address. Check it, and check that this computer is connected to the network.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The secure connection failed: this computer does not trust the server's certificate (or its date is wrong). Check the address; if it is right, ask the server's administrator.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something answers at this address, but it is not a Cozy, a Nextcloud or a WebDAV folder. Check the address (copy it from your cloud's settings).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This address is not a Cozy. Check it, or choose “Nextcloud or another WebDAV server” above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused this user name or password. Check them, fix them above and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server is in maintenance for now. Try again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A Wi-Fi sign-in page answered instead of your cloud: sign in to the Wi-Fi first (open any web page in a browser), then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sign-in was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server offers no sign-in through the browser: type your user name and an app password (made in the server's settings, under Security).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sign-in was not completed in the browser in time. Try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server asks for a user name and a password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a %1 server. Sign in with your browser: %1 then makes a password for this computer. (Or type your user name and an app password.)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate issued by %1, SHA-256 fingerprint %2: your school's IT can compare it with theirs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a file, not a folder. Choose a folder.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>This folder is not empty (%n item(s)). Nothing in it will be deleted: its files will be sent to your cloud, next to what is already there.</source>
            <translation>
                <numerusform>This folder is not empty (%n item). Nothing in it will be deleted: its files will be sent to your cloud, next to what is already there.</numerusform>
                <numerusform>This folder is not empty (%n items). Nothing in it will be deleted: its files will be sent to your cloud, next to what is already there.</numerusform>
            </translation>
        </message>
        <message>
            <source>cozysync cannot open this folder. Choose another one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where is your cloud?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync keeps a folder of this computer in sync with it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My Cozy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nextcloud or another WebDAV server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>App password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the address and the login…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with your browser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxy settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your browser shows your server: log in there and grant the access. This page goes on by itself once it is done.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Which folder of this computer?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything in it will also be in your cloud, and the other way round.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This address is not encrypted (http://): your password and files would cross the network readable by anyone on it. Use https:// if the server offers it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type your Cozy's address. Your browser will then ask you to log in and to allow this computer: cozysync never sees your password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For a Nextcloud, its address is enough: you sign in with your browser. For another WebDAV server, give the folder's address, your user name and your password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On a school or company network, a proxy may be needed:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxy settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At school or at work, connections often go through a proxy. Your IT can tell you which: its address, or its configuration file (PAC).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Something went wrong</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again. If it happens again, the log (Preferences) says more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the folder's settings (cozysync list / cozysync link).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the settings proxy_mode/proxy_secret_store are not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the setting proxy_mode is manual but proxy_url is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the setting proxy_mode is pac but proxy_pac_url is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the excluded folders of {value!r} are not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the settings of the folder {name!r} are not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a folder named {name!r} is already linked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the settings paused/paused_until are not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the setting {name} must be text, not {value!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the settings file {path} is damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a linked folder's settings are incomplete ({exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read {path}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix it by hand, or move it away and link your folders again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot save the settings in {path}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the disk is not full and that you may write there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the setting {name} must be a number of KiB/s, not {value!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the settings file {path} cannot be read ({exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fix it by hand, or delete it to go back to the defaults.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy_mode {mode!r} in the defaults file {path} is not one of {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy_mode is manual in the defaults file {path}, but proxy is not set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy_mode is pac in the defaults file {path}, but proxy_pac_url is not set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy_pac_url in the defaults file {path} must be an http(s) address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read the defaults file {path}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the defaults file {path} is not valid TOML ({exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask your IT team to fix it; see packaging/README.md for its format.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown setting {key!r} in the defaults file {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Known settings: {names}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{key!r} in the defaults file {path} must be a string</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Did you mean {name!r}? </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no linked folder is named {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{maybe}See them with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>two folder names were given, {given!r} and {option!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the folder's name once, after the command.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no folder is linked, so none is named {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link one first: cozysync link DIR URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a pause must last a positive number of seconds, not {for_s!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the duration in seconds, e.g. 3600 for one hour.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{text!r} is not a duration: give e.g. 30m, 1h, 1h30m, 2d or seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no terminal to ask the new password at</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pipe it in with --password-stdin, or run the command in a terminal.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no password on standard input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pipe it in, ending with a newline.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--browser-login takes no --cozy, --user or --password-stdin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The browser login makes the password itself: give only the address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>restore takes the folder's NAME, then what to restore, then where to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put quotes around a name that holds spaces: cozysync restore NAME [REMOTE_PATH] DEST</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--password-stdin needs --user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the user name with --user.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy pac needs the proxy configuration file's address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For example: cozysync proxy pac http://wpad.school.example/proxy.pac</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy {action} takes no address or login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy's password is empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the password your IT gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy set needs the proxy's address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy auto takes no address: it looks for wpad.&lt;domain&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy's password cannot be asked: no terminal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy address {text!r} is not http, https or socks5</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy address must not hold a user name or password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the user with --user and the password with --password-stdin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy address {text!r} needs a host and a port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SOCKS5 proxies need the 'socksio' package, which is not installed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Install it (pip install 'httpx[socks]') or use an HTTP proxy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file's address {text!r} is not an http(s) address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write it in full, e.g. http://wpad.school.example/proxy.pac.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{base_url} is not a WebDAV folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{base_url} redirects to {where}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{base_url} is not a WebDAV folder (no DAV header)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the folder {base_url} is not on the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the folder again with the address it redirects to.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{url!r} is not a server address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give a full address like https://host/dav/</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the address contains a user name or password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{root} is a link to {target}, which is not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link a folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown mode {mode!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose one of: {names}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{value!r} has a port that is not a number from 0 to 65535</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the address with a numeric port (https://host:8443/) or none.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{root} is a link to {link_text}, which does not exist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the folder itself, or repair the link first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no WebDAV folder at {url}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{url} is not a usable WebDAV folder: {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{root} overlaps the linked folder {name!r} ({local_root})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder that is neither inside nor around another linked folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{url} overlaps the server folder of the linked folder {name!r} ({remote_url})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a server folder that is neither inside nor around another linked one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name!r} has no login to renew: its server asks for no password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If the server now asks for one, relink it: cozysync relink NAME URL --user USER</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no password given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type it when asked, or pipe it in with --password-stdin.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>you signed in as {login_name}, but this folder syncs the files of {user}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again as {user}; to sync another account, relink the folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no WebDAV folder at {remote_url} any more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If it moved, relink the folder: cozysync relink NAME URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{local_dest} is a file, not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create the folder {local_dest}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path!r} is not in the folder {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give a file or folder inside {local_path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path!r} is not a file of the folder {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write it as host:port, e.g. http://proxy.school.example:3128.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For example: cozysync proxy set http://proxy.school.example:3128 --user NAME</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{root} is a file, not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a client certificate is not used with a Cozy yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the Cozy without --client-cert.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{wanted!r} cannot be a folder name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a folder named {wanted!r} is already linked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick another --name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no folder is linked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create the folder {root}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>which folder? No LOCAL_DIR given and no default folder is set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give it: cozysync link LOCAL_DIR URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>which server? No URL given and no default server is set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the desktop app is not installed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Install it with: pip install 'cozysync[gui]'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{maybe}See the folders with: cozysync folders {pair}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Did you mean {name!r}? Upper and lower case count in folder names.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no folder named {name!r} at the top of {pair!r}, neither on the server nor on this computer, so nothing was changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot install the desktop files: {strerror} ({filename})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that you may write in your home folder and that the disk is not full.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot write the start-at-login entry: {strerror} ({filename})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot remove {target}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot remove {path}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shortcut {path!r} holds no web address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open it from your Cozy's Drive in the browser.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path!r} is not there</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the name; the file may not be synced yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot open {path!r}: the desktop's '{command}' command is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Install xdg-utils, or open the file from your file manager.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read the shortcut {path!r}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the file is there and that you may read it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot install the file types: {strerror} ({filename})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync journal {path} was made by a newer cozysync (schema {version}, this one knows {known})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update cozysync, or link the folder again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the folder {root_path} is not on your Cozy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{instance_url!r} is not a Cozy address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give https://you.mycozy.cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy {origin} moved to another address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link the folder again with the new address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot open the Cozy tree cache {path}: {exc}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no invitation {sharing_id!r} is waiting on your Cozy (waiting: {listed})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync invitations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{origin} refused to register this computer (not a Cozy, or too many tries)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the address; if it is right, wait an hour and link again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{origin} refused to register this computer: {why}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{server_url} does not answer like a Nextcloud or ownCloud server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the address, or give a user name and password instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{host} refused: {message}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the conflict copy {conflict_path!r} is not there any more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to choose: run cozysync resolve with --keep both to forget this conflict.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the remote check interval must be between {MIN_POLL_S:.0f} s and one day, not {seconds!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a bandwidth limit is a whole number of KiB/s, not {value!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give 0 for no limit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>several folders are linked: choose one with --name ({names})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{target} already exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a new name: nothing is replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{target} already exists and is not an empty folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a new or empty folder: nothing is replaced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot create the folder {parent}: {strerror}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{item_path!r} cannot be copied here: {problem}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{local_dest} overlaps the synced folder {synced_root}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a destination outside the synced folder: it is left untouched.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no {remote_path!r} on the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give its path inside the folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--keep must be local, remote or both, not {keep!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no conflict is waiting for {rel!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See: cozysync conflicts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'{name}' is not synced with a Cozy: it has no invitations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Invitations to shared folders come from a Cozy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For a Cozy, give its address, like https://alice.mycozy.cloud, or add --cozy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{title} (nor does it answer like a Cozy)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{hint} {for_a_cozy}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{raw!r} is not the name of a top-level folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give a folder's name as 'cozysync folders NAME' lists it (no '/').</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{count} files are only on this computer (e.g. {example}), nothing was deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move them elsewhere or delete them yourself, then unlink again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not everything is on the server ({message}); nothing was deleted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync until it is in sync (cozysync sync --once), then unlink again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync journal {path} failed: {exc}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please report this bug.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync journal {path} is locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The sync journal {path} is damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink and link the folder again to rebuild it; your files are not touched.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read or write the sync journal {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the folder holding it exists and that you may write to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot read or write the sync journal {path} ({strerror})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy asks you to accept its new terms of service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy is blocked ({detail})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy is blocked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open {origin} in a browser to see why, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open {link} in a browser, accept them, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nobody to share with was given</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no share {share_id!r} of yours is known</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path!r} is not a file or folder on your Cozy yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the whole Cozy is not a folder on your Cozy yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the secure connection to {host} failed (TLS certificate or protocol)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the server address and its certificate, and this computer's date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{product_name} at {base_url} offers no browser login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give your user name and an app password (made in the server's settings, under Security) instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path!r} is not on {host} yet ({message})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server cannot share: {host} has no sharing API (files_sharing)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file {source} gave no answer for {host}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file {address} is not a valid PAC file ({exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file {address} is not a valid PAC file ({name}: {exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file {source} failed for {host} ({name}: {exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server does not tell the ids of its files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open it from the server's web page; only Nextcloud and ownCloud tell them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{wanted!r} is not among the deleted files of {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync trash {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{to!r} is not a folder inside {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no folder {to!r} in {name!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'{absolute}' is not in a synced folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'{name}' is synced with a server that has no web app cozysync can open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{wanted!r} could be several people or groups: {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no one called {wanted!r} is in your address book</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server has no trash cozysync can read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only what cozysync sent to this computer's trash can be put back here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{rel!r} is no longer in the server's trash: it was not put back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See the deleted files with: cozysync trash {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>there is no folder {to!r} on the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>too many copies of this version of {path!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server keeps no version {version_id!r} of {rel!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See the versions kept now with: cozysync versions PATH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no free name was found for a copy of {rel!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{version_id!r} is not a version's id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See the ids with: cozysync versions PATH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server keeps no old versions of files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a Cozy or a Nextcloud keeps them; a plain WebDAV server does not.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this computer's login to your Cozy cannot read your contacts yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again once: cozysync login (sharing with people needs the permission to read your contacts, which older logins did not ask).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the proxy configuration file {address} cannot be run: the JavaScript engine (dukpy) does not start ({name}: {exc})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server cannot share: {server} has no sharing API (plain WebDAV)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share from the server's own web page, or sync with a Cozy or a Nextcloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{rel!r} is not shared with {who!r}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{rel!r} is not shared</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See what is shared with: cozysync shares</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>something is already at {wanted!r}: nothing was overwritten</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put it back in another folder with --to DIR, or move what is there first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put it back in another folder than {to!r} with --to DIR, or move what is there first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See the synced folders with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the item from the server's own web page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{text!r} is not a whole number of KiB/s (0: no limit)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{text!r} is not a number of items (1 or more)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no share {share_id!r} made with you is known</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync it first (cozysync sync), then share it; the whole Cozy cannot be shared, only what is in it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync it first (cozysync sync), then share it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ask its administrator to enable sharing, or share from its web page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no free name for {name!r} in {parent}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{rel!r} is not shared with you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See what is shared with you: cozysync shares</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the whole name as the address book writes it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the spelling, or add them to your contacts on the server first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync will look for changes by rescanning.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the sync was stopped</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Invitations to shared folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opens your Cozy's page to accept it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sent to the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>received from the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>folder created in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>folder created on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>moved in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>moved on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>deleted in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>moved to the trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>changed on both sides: both kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>changed on both sides: both kept in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a file and a folder had one name: both kept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a file and a folder had one name: both kept in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show it in its folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing synced yet</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Choose between versions (%n)…</source>
            <translation>
                <numerusform>Choose between versions (%n)…</numerusform>
                <numerusform>Choose between versions (%n)…</numerusform>
            </translation>
        </message>
        <message>
            <source>Resume syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link a folder…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open my cloud in the browser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause for one hour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause one folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent activity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preferences…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Problems (%n)</source>
            <translation>
                <numerusform>Problems (%n)</numerusform>
                <numerusform>Problems (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the folder that holds it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause %1 for one hour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again to %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review deletions in %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder to share</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Menu</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Versions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open online</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review deletions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Versions of a file…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problems</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped: deleted files wait for your answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud refused the login of %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncState</name>
        <message numerus="yes">
            <source>%n file(s) left</source>
            <translation>
                <numerusform>%n file left</numerusform>
                <numerusform>%n files left</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a folder to keep in sync with your cloud.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting; they will be sent when the connection is back</source>
            <translation>
                <numerusform>%n change waiting; it will be sent when the connection is back</numerusform>
                <numerusform>%n changes waiting; they will be sent when the connection is back</numerusform>
            </translation>
        </message>
        <message>
            <source>Your changes wait until you resume.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n file(s) synced so far</source>
            <translation>
                <numerusform>%n file synced so far</numerusform>
                <numerusform>%n files synced so far</numerusform>
            </translation>
        </message>
        <message>
            <source>No folder linked yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Up to date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Needs your attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The connection is metered: syncing waits for another one.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent</source>
            <translation>
                <numerusform>%n change waiting to be sent</numerusform>
                <numerusform>%n changes waiting to be sent</numerusform>
            </translation>
        </message>
        <message>
            <source>Looking for changes…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n file(s) changed on both sides</source>
            <translation>
                <numerusform>%n file changed on both sides</numerusform>
                <numerusform>%n files changed on both sides</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n problem(s)</source>
            <translation>
                <numerusform>%n problem</numerusform>
                <numerusform>%n problems</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync at %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync resumes at %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message numerus="yes">
            <source>%n file(s) on the server only</source>
            <translation>
                <numerusform>%n file on the server only</numerusform>
                <numerusform>%n files on the server only</numerusform>
            </translation>
        </message>
        <message>
            <source>two-way sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>download only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes made here go to the cloud, and the cloud's come here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What you create or change here is sent to the cloud; nothing here is ever changed, and what you delete here stays in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud's changes come here; nothing is ever sent to the cloud.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Progress</name>
        <message numerus="yes">
            <source>about %n hour(s) left</source>
            <translation>
                <numerusform>about %n hour left</numerusform>
                <numerusform>about %n hours left</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n file(s)</source>
            <translation>
                <numerusform>%1 of %n file</numerusform>
                <numerusform>%1 of %n files</numerusform>
            </translation>
        </message>
        <message>
            <source>less than a minute left</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>about %n minute(s) left</source>
            <translation>
                <numerusform>about %n minute left</numerusform>
                <numerusform>about %n minutes left</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1%</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ShareRequests</name>
        <message>
            <source>Sharing failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link copied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No link was made</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>VersionsFlow</name>
        <message>
            <source>You are offline: the old version of %1 will be restored as soon as your cloud can be reached. Nothing was changed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The old version of %1 is in your cloud beside it, as %2; the sync brings it to this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The old version of %1 is the current one in your cloud again; the sync brings it to this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Which file's versions?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Old version restored</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Window</name>
        <message>
            <source>cozysync keeps syncing in the background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To see this window again, open cozysync again from your applications menu (or run: cozysync gui). To stop syncing, choose Quit in this window.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <source>cozysync: {what} is shared with you by {who}: leaving it needs --yes (it no longer follows their changes; your files here are kept)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave {what}, shared with you by {who}? It will no longer follow their changes; your files here are kept. [y/N] </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Left {what}, shared with you by {who}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is no longer synced; your files from it are kept on this computer in: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud keeps a copy of it, no longer updated by its owner; the next sync gives it the new name your cloud chose.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bytes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>KB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cozysync app is not running: start it, then try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync it with: cozysync sync --once %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To let this computer sync with your Cozy, open this address in a browser and
approve it (it waits here for 10 minutes):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If your Cozy says it already has the most devices it allows: remove one in the
Cozy's settings (Connected devices); the page reloads by itself, then approve.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync: stopping (press Ctrl-C again to quit at once)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Watching %1 &lt;-&gt; %2 (Ctrl-C to stop)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked %1: %2 &lt;-&gt; %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logged in through the browser: the app password made for this computer is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 does not answer like a Cozy: it is linked as a WebDAV folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced on this computer, as chosen before on your Cozy: %1 (cozysync folders --include NAME to sync one).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On your Cozy, another device, or this computer before a reinstall, leaves out: %1. They are synced here; to leave them out here too: cozysync folders --exclude NAME (or link with --keep-left-out).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder already holds files: the first sync merges them with the server's.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo server: %1 (serving %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Now watching: change files in the demo folder or the server's folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Press Ctrl-C to stop.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo folder: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Restored %n item(s) (%1) into %2.</source>
            <translation>
                <numerusform>Restored %n item (%1) into %2.</numerusform>
                <numerusform>Restored %n items (%1) into %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: still %2 (all folders are paused)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lift the pause of all folders with: cozysync resume</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlinked '%1' and deleted its local files.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlinked '%1'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync: not restored: %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>paused until resumed (cozysync resume)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync: warning: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n file(s) were already there with the same content.</source>
            <translation>
                <numerusform>%n file was already there with the same content.</numerusform>
                <numerusform>%n files were already there with the same content.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>cozysync: ... and %n more not overwritten</source>
            <translation>
                <numerusform>cozysync: ... and %n more not overwritten</numerusform>
                <numerusform>cozysync: ... and %n more not overwritten</numerusform>
            </translation>
        </message>
        <message>
            <source>paused until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: resumed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync: not overwritten (something else is there): %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The shared drive will be synced in %1, as the folder '%2'.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The shared drive '%1' is no longer synced; its files stay here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read-only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>can edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--to and --as go with --add DRIVE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See: cozysync drives --help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy shares no drive with you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>  a single file: open it in your Cozy's Drive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--add needs the folder to sync the drive in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give it with --to DIR, like: cozysync drives --add DRIVE --to ~/Drives/DRIVE</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>  synced as the folder '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' (shared by %2, %3)  id: %4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not in a synced folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See the synced folders with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening %1 with its application</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No browser could be started: open this address yourself:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening %1 in the online editor: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening %1 in the Notes app: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening %1 in the web app, in its folder: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is synced with a server that has no web app cozysync can open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the item from the server's own web page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening the shortcut's address: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server does not tell the ids of its files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open it from the server's web page; only Nextcloud and ownCloud tell them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>server's version:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this computer's version:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>error:</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1 of %n files</source>
            <translation>
                <numerusform>%1 of %n file</numerusform>
                <numerusform>%1 of %n files</numerusform>
            </translation>
        </message>
        <message>
            <source>never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No folder is linked. Link one with: cozysync link DIR URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose with: cozysync resolve PATH --keep local|remote|both</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>less than a minute left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>until you resume (cozysync resume)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n files on the server only (kept after a deletion here, or added there)</source>
            <translation>
                <numerusform>%n file on the server only (kept after a deletion here, or added there)</numerusform>
                <numerusform>%n files on the server only (kept after a deletion here, or added there)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n local changes</source>
            <translation>
                <numerusform>%n local change</numerusform>
                <numerusform>%n local changes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items left out by .cozyignore</source>
            <translation>
                <numerusform>%n item left out by .cozyignore</numerusform>
                <numerusform>%n items left out by .cozyignore</numerusform>
            </translation>
        </message>
        <message>
            <source>(see: cozysync conflicts)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No conflicts.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>… and %n more (cozysync status lists them all)</source>
            <translation>
                <numerusform>… and %n more (cozysync status lists them all)</numerusform>
                <numerusform>… and %n more (cozysync status lists them all)</numerusform>
            </translation>
        </message>
        <message>
            <source>about %1 min left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1%</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>about %1 h %2 min left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>to rename:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>conflict: %1 (both versions kept)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>server:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>last sync:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>held back:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not synced:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>paused:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>backup:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ignored:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>conflicts:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your cloud:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>problem: %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not a choice of %2 (choose %3).%4</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' takes no more arguments, and %2 was left over. Put quotes around a name that holds spaces.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is not a cozysync command.%2 See the commands with: %3 --help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not an option of '%2'.%3 See its options with: %2 --help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something is missing: %1. See what it takes with: %prog --help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 needs a value.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 and %2 cannot be given together: choose one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Did you mean %1?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: off (direct connections)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: system (the environment's HTTPS_PROXY/HTTP_PROXY, or the IT preset's)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: system (the desktop portal answers for each address)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>found by WPAD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: system (the IT preset's: no proxy)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: the configuration file %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: system (the IT preset's: %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(user %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: system (%1's settings: %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>proxy: automatic (the configuration file found by WPAD)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Scan this code with a phone to open the link:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{options}: for a link only, not with --with (share twice)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--expires takes a number of days, like 7d, or of weeks, like 2w</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--password-stdin read no password: give it on standard input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing is shared.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stopped: {share}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this computer (sent to its trash by cozysync)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(its place is taken: use --to DIR)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the server's trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server has no trash cozysync can read: only what cozysync sent to this computer's trash is listed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server cannot be reached: only what cozysync sent to this computer's trash is listed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's trash could not be read (%1): only what cozysync sent to this computer's trash is listed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server answered with an error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is back on the server and in the folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is back on the server: the next sync brings it down.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline: putting back '%1' is kept and will be done as soon as the server can be reached (the next sync). Nothing was changed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the server's trash (deleted by %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No deleted file of %1 to put back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deleted files of %1, newest first:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put one back with: cozysync undelete PATH</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is back in the folder and on the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' is back in the folder: the next sync sends it up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server keeps no old versions of files: only a Cozy or a Nextcloud does. Nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Old versions of %1 on the server, newest first:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server keeps no old version of %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restore one with: cozysync restore-version PATH ID [--as-copy]</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline: the restore of %1 is kept and will be done as soon as the server can be reached (the next sync). Nothing was changed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The old version of %1 was put beside it on the server as %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The old version of %1 is now the current one on the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cozysync already syncing this folder brings it to this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>by %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>up to date</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>offline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>needs attention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>never synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again with the new password: cozysync login. Link this folder again only for another user name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If you meant it, run the sync again with --confirm-deletes; if not, --put-back copies them back where they were deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No keyring service is running. Start one (e.g. gnome-keyring) or link again with --insecure-file-store to keep the password in a file only you can read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server only lets in computers with a certificate from your IT: link the folder again with --client-cert and --client-key (the files IT gave you).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n changes waiting</source>
            <translation>
                <numerusform>%n change waiting</numerusform>
                <numerusform>%n changes waiting</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items could not be synced</source>
            <translation>
                <numerusform>%n item could not be synced</numerusform>
                <numerusform>%n items could not be synced</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflicts waiting (cozysync conflicts)</source>
            <translation>
                <numerusform>%n conflict waiting (cozysync conflicts)</numerusform>
                <numerusform>%n conflicts waiting (cozysync conflicts)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n names to change before they can sync</source>
            <translation>
                <numerusform>%n name to change before it can sync</numerusform>
                <numerusform>%n names to change before they can sync</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items held back</source>
            <translation>
                <numerusform>%n item held back</numerusform>
                <numerusform>%n items held back</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes made</source>
            <translation>
                <numerusform>%n change made</numerusform>
                <numerusform>%n changes made</numerusform>
            </translation>
        </message>
        <message>
            <source>in sync</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n files on the server only</source>
            <translation>
                <numerusform>%n file on the server only</numerusform>
                <numerusform>%n files on the server only</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n local changes not sent yet</source>
            <translation>
                <numerusform>%n local change not sent yet</numerusform>
                <numerusform>%n local changes not sent yet</numerusform>
            </translation>
        </message>
        <message>
            <source>this shared drive is no longer shared with you on your Cozy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove it from this computer with: cozysync drives --remove NAME (its files here are kept).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shared drive '%1' is a single file, not a folder: cozysync syncs folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>several Cozy folders are linked: choose one by its name (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync drives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shared drive '%1' is already synced, as the folder '%2'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the folder '%1' is not linked to a Cozy: it has no shared drives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no folder is linked to a Cozy, so there is no shared drive to list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link your Cozy first: cozysync link DIR https://you.mycozy.cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy shares no drive named '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Its shared drives: %1. See them with: cozysync drives</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See where with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open it in your Cozy's Drive.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no shared drive is synced on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no shared drive '%1' is synced on this computer (synced: %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy shares no drive named '%1': it shares none</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is a file, not a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no linked folder is named '%1'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'%1' cannot be a folder name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick another name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a folder named '%1' is already linked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what}: link ({how})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting for an answer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what}: shared with {who} ({how})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{what}: shared with you by {who} ({how})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, since {date}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this server cannot share: {server} has no sharing API. Share from the server's own web page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>this computer's login to your Cozy cannot read your contacts yet. Sign in again once with: cozysync login (sharing with people needs that permission, which older logins did not ask).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not on the server yet. Sync it first (cozysync sync), then share it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no one called {name} is in your address book. Check the spelling, or add them to your contacts first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} could be several people or groups ({matches}). Give the whole name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not shared that way. See what is shared with: cozysync shares</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>until {date}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Something went wrong with this item</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be tried again at the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This item could not be synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing stopped</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be tried again in a moment.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It changed in the cloud meanwhile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The next sync compares both versions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is being edited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be synced once it stops changing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is not in the cloud any more</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It was moved or deleted in the cloud; the next sync catches up.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone has it open in the cloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It will be tried again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud's antivirus blocked this file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It stays as it is on both sides. Open it in the cloud's web page to see why; it will be tried again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud does not accept this name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rename it on this computer; it stays here until then.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync may not read or change it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that you may read and write it, or close the program using it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The transfer was damaged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server had a problem with it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cloud refused to let cozysync change it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that you may change it in the cloud.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud cannot be reached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your changes are kept and will be sent when the connection is back.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud refused the login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose Sign in again (in the menu, the window or the notification) and give the new password, or approve this computer again on your Cozy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud is full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free some space in your cloud, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer's disk is full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free some space on this computer, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server sent an answer cozysync cannot read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing was changed. It will be tried again later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder is missing or looks emptied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check that the drive holding the folder is connected, then sync again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Many files were deleted on one side: nothing is deleted on the other yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose “Review deletions…” on the folder: put the files back, or delete them on the other side too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A folder looks emptied: nothing is deleted on the other side yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If a drive or your cloud has a problem, wait until it is back. Else choose “Review deletions…” on the folder: put the files back, or delete them on the other side too.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another cozysync is already syncing this folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Stop the other one first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder's settings are not valid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink the folder and link it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The password keeper (keyring) cannot be used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start it (for example gnome-keyring), or link again keeping the password in a file only you can read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing is paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It resumes when you resume it, or when the pause ends.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This name cannot be stored on the other side</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Two names differ only by upper or lower case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rename one of them; both stay where they are until then.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a shortcut (a link): it is not synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cozysync never follows links; the copy on your cloud is kept. Put the real folder or file back here to sync it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is a special system file: it is not synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Devices, pipes and sockets are never synced.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This folder cannot be opened: nothing in it is synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your account is not allowed to read it; the copy on your cloud is kept. Ask whoever manages this computer to give you access, or move it out of the synced folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This name cannot be read: it is not synced</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rename it on this computer, then it syncs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's certificate is not trusted by this computer: ask your school's IT</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificate issued by {issuer}, SHA-256 fingerprint {sha256}. Your IT can compare it with theirs and install their certificate authority on this computer. On a public Wi-Fi, sign in to it first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server asks for a certificate this computer lacks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only computers with a certificate from your IT may sync with it: link the folder again with the certificate and key files they gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in to the Wi-Fi first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A Wi-Fi sign-in page answered instead of your cloud. Open any web page in a browser to sign in: syncing resumes by itself, your changes are kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The proxy refused your login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The proxy of this network wants a user name and password, or refused the ones given: nothing reached your cloud. Check them with your IT, then set them again (cozysync proxy set, or Preferences).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The proxy configuration file cannot be used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This network's automatic proxy settings (its PAC file) are broken: nothing was sent. Ask your IT to check them, or choose the proxy by hand (cozysync proxy set, or Preferences).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something else is at its place: nothing was overwritten</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Put it back in another folder (Put back in…, or --to DIR), or move what is there first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This item is not among the folder's deleted files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>See them with: cozysync trash (or Deleted files… in the app).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no such folder in the synced folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a folder that exists inside the synced folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This server has no trash cozysync can read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only what cozysync put in this computer's trash can be put back here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your cloud cannot be reached to look in its trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again once online; nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This item could not be put back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It is still in this computer's trash: put it back from there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy has a message for you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open your Cozy in a browser to read it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy asks you to accept its new terms of service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open your Cozy in a browser and accept them before their deadline: syncing stops after it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{owner} invites you to share '{title}'</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept or decline it in the window (or with: cozysync invitations). Once accepted, the folder comes down with the next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The app password made for this computer was revoked on {server}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing of it is left on this computer or on the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The app password made for this computer still works on {server}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server could not be reached to revoke it; nothing of it is kept on this computer. To revoke it, open {server} in a browser: Settings, Security, Devices &amp; sessions, and delete cozysync's entry.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Cozy is nearly full</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Free some space on your Cozy (empty its trash) before it is full.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>'{name}' is shared with you read-only by {owner}: your change stays on this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The owner's next update replaces it on your cloud; when the owner changes it, your version is kept here as a copy. Send it to the owner, or save it outside the shared folder.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CLI help</name>
        <message>
            <source>a share someone else made with you: leave it without asking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>usage: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>positional arguments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>options</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show this help message and exit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Two-way sync of a local folder with a WebDAV server, offline first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>exit codes (sync, link, and status for the state it shows):
  0  both sides are in sync (or the command succeeded; status: or syncing now)
  1  errors, conflicts or names waiting for you, or another failure
  2  bad usage
  3  offline: the server cannot be reached (your changes wait, nothing is lost)
  4  the server refused the login
  5  stopped by a safety guard (folder missing or emptied, marker gone, mass deletion)
  6  another cozysync is already syncing this folder
  7  paused (cozysync pause): nothing was synced; cozysync resume lifts it
130  stopped by Ctrl-C (cozysync run ends with 0: Ctrl-C is how it stops)
141  the output was closed early (cozysync status | head -1): nothing more printed

A command that works on a linked folder takes its name after the command
(cozysync status docs) or as --name docs; without it, the only linked folder.

COZYSYNC_HOME=DIR keeps every setting, journal, log and lock under DIR.
</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show program's version number and exit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>link a local folder to a Cozy or a WebDAV folder (no sync yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>forget a linked folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sync once, both ways</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>watch and sync in the foreground until Ctrl-C</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>copy a folder, a file or everything back from the server to any local folder (the synced folder is not touched, nothing is overwritten)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>write a complete copy of the server folder, with a manifest of checksums</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>point a linked folder at another account or server, keeping every local file (nothing is deleted on either side; what the new server lacks is uploaded)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the server's top-level folders and whether each is kept on this computer; --exclude/--include choose (an excluded folder is never downloaded and never deleted on the server; its copy here goes to the trash only if fully synced)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show or set the bandwidth limits in KiB/s, for all transfers of all folders (0: no limit)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>pause syncing of one folder (NAME) or of all, until cozysync resume or for a while (--for 1h); saved: it holds for every cozysync, also after a restart</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>lift a pause: of one folder (NAME), or every pause (no NAME)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open the desktop app (tray icon)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show each folder's state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the conflicts waiting for you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>settle a conflict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the linked folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>try cozysync with a built-in local WebDAV server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add cozysync to your desktop's menu</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>remove what install-desktop added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show the system-wide defaults set by your IT team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sign in again to a linked folder's server (a new password; a Cozy: the browser login), keeping the folder and what was synced as they are; a running cozysync takes it at once</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show what was synced lately (newest first), in one linked folder or in all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the folders other users invite you to share (a Cozy), accept one (its page opens in the browser) or decline one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open a synced file: with its application here, or on the server's web app (--online: the online editor for office documents, the Notes app for notes, else the web app at its folder)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ask the running cozysync app to act on synced items (for file managers)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the shared drives (class and team spaces) of your Cozy, sync one in a folder of this computer (--add DRIVE --to DIR) or stop syncing it (--remove DRIVE)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show or choose the proxy of every connection: set URL (a manual proxy, with an optional login), pac URL (a proxy configuration file), auto (the file found by WPAD), off (connect directly) or system (the environment's, the desktop's or the IT preset's proxy: the default)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list the old versions the server keeps of a file (a Cozy, a Nextcloud)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>bring back an old version of a file: it becomes the current one on the server, then the sync brings it here (--as-copy: a new file beside it instead)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>share a file or folder: a link (printed alone on stdout) or people and groups of the server's address book</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stop sharing a file or folder (its links, or one person or group)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what you share (links, people, groups) and what is shared with you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>list a folder's deleted files: the server's trash and what cozysync sent to this computer's trash</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>put a deleted file or folder back where it was (never over another)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the local folder (default: the defaults file's)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your Cozy's address (https://alice.mycozy.cloud), your Nextcloud's address (https://cloud.example.org: you log in through the browser) or the http(s):// address of a WebDAV folder (default: the defaults file's)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the address is a Cozy (else it is detected)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cozy: leave out here too the folders your Cozy says another device, or this computer before a reinstall, leaves out (link says which)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cozy: print the login address to open on another device instead of opening a browser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>user name on the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read the password from standard input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>name of this link (default: the folder's name)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>two-way (default); backup: this computer to the server only, nothing on the server is ever deleted; download-only: the server to this computer only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>keep the password in a file only you can read, where no keyring exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nextcloud: log in through the browser, which makes an app password for this computer (done by itself when the server is a Nextcloud and no --user is given)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a client certificate (PEM) to show to a server that asks for one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>its private key (PEM), when it is not in the --client-cert file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read the key's passphrase from standard input (after the password, if --password-stdin); it is kept in the keyring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked folder (needed when several are linked)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the same as NAME (older spelling)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>for shared computers: after checking everything is on the server, really delete the local files (not to the trash) and this folder's logs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>one full pass, then exit (default)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>allow a pass that deletes many items</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>after a pass stopped before deleting many items: copy them back to the side that lost them instead of deleting them</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked folder to watch (default: every linked folder)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked folder (needed when several are linked, or when REMOTE_PATH is given), what to restore inside the server folder (default: everything), and the local folder to restore it into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a new (or empty) local folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>write DEST.zip instead of a folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the new Cozy's address, or the http(s):// address of the new WebDAV folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the address is a Cozy (else detected)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cozy: print the login address to open on another device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>user name on the new server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>do not keep this top-level folder on this computer (repeat for more); it must be on the server or here, spelled as 'cozysync folders' lists it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>keep this top-level folder on this computer again (repeat for more), spelled as 'cozysync folders' lists it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>machine-readable output</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>upload limit (0: none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>download limit (0: none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked folder (default: all)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>end the pause by itself after this long: 30m, 1h, 1h30m, 2d</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show a window, not a tray icon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file or its conflict copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>mine: this computer's version; theirs: the cloud's version; both: keep the two files side by side (the words of the tray's conflict window; local and remote still work for mine and theirs)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sync once and exit instead of watching</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>also start the tray app at login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>also open Cozy notes and shortcuts (.url) in the browser with a double-click</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>read the new password from standard input (else asked at the terminal)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nextcloud or ownCloud: sign in through the browser instead (an app password is made for this computer)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cozy, or with --browser: print the login address to open on another device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked folder (default: every linked folder)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show at most N items (default 50)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accept this invitation (in the browser)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>decline this invitation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the invitations as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--accept: print the address to open instead of opening a browser</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file or folder (in a synced folder)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>open it on the server's web app</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>print the address instead of opening it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what would be opened, as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what the app is asked to do</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the items (in synced folders)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the app's answer as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the linked Cozy folder (needed when several are linked)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>sync this drive (its name or id)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stop syncing this drive (its files here are kept)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--add: the folder of this computer to sync it in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--add: the new folder's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the drives as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show (the default), set URL, pac URL, auto, off or system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set: http://host:port or host:port; pac: the PAC file's http(s) address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set, pac, auto: the proxy's user name, when it asks for a login (DOMAIN\user for NTLM)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set, pac, auto: read the proxy's password from stdin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set, pac, auto: keep the password in a file only you can read, where no keyring exists</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file, in a linked folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the version's id (see: cozysync versions)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>keep the file as it is and put the old version beside it, under a new name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>make a public link (the default)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>share with these people or groups ("Léa Martin", "3e B")</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>they can read, not change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a link ends after 7d (days) or 2w (weeks)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>protect the link with a password read from standard input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>also print the link as a QR code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what was made, as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shared file or folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stop its links only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>stop only this one</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what was stopped, as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the shares as JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the path it had (as 'cozysync trash' shows it, or its full path), or its id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>put it in this folder (inside the synced one) when its place is taken</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
