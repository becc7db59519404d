<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>Preferences</name>
        <message>
            <source>This computer does not tell whether a connection is metered: this setting cannot work here.</source>
            <translation>Cet ordinateur n’indique pas si une connexion est limitée : ce réglage ne peut pas fonctionner ici.</translation>
        </message>
        <message>
            <source>Unknown: your server does not tell.</source>
            <translation>Inconnu : votre serveur ne le dit pas.</translation>
        </message>
        <message>
            <source>Unknown: your cloud refused the login. Choose Sign in again.</source>
            <translation>Inconnu : votre cloud a refusé la connexion. Choisissez « Se reconnecter ».</translation>
        </message>
        <message>
            <source>Unknown: the server could not be asked now. Try again later.</source>
            <translation>Inconnu : le serveur n’a pas pu être interrogé. Réessayez plus tard.</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>Compte</translation>
        </message>
        <message>
            <source>Asking the server…</source>
            <translation>Interrogation du serveur…</translation>
        </message>
        <message>
            <source>Sign in again</source>
            <translation>Se reconnecter</translation>
        </message>
        <message>
            <source>Unlink this computer…</source>
            <translation>Dissocier cet ordinateur…</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Utilisateur</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>Espace</translation>
        </message>
        <message>
            <source>%1 used, no limit</source>
            <translation>%1 utilisés, sans limite</translation>
        </message>
        <message>
            <source>%1 free</source>
            <translation>%1 libres</translation>
        </message>
        <message>
            <source>%1 used (free space unknown)</source>
            <translation>%1 utilisés (espace libre inconnu)</translation>
        </message>
        <message>
            <source>(signed in through the browser)</source>
            <translation>(connecté par le navigateur)</translation>
        </message>
        <message>
            <source>%1 used, %2 free</source>
            <translation>%1 utilisés, %2 libres</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>Réseau</translation>
        </message>
        <message>
            <source>cozysync preferences</source>
            <translation>Préférences de cozysync</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Open the logs</source>
            <translation>Ouvrir le journal</translation>
        </message>
        <message>
            <source>Something wrong?</source>
            <translation>Un souci ?</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Add a folder…</source>
            <translation>Ajouter un dossier…</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source>Folders</source>
            <translation>Dossiers</translation>
        </message>
        <message>
            <source>Also remove my files from this computer</source>
            <translation>Supprimer aussi mes fichiers de cet ordinateur</translation>
        </message>
        <message>
            <source>For shared computers. Only once everything is safe in the cloud.</source>
            <translation>Pour les ordinateurs partagés. Seulement une fois que tout est en sécurité dans le cloud.</translation>
        </message>
        <message>
            <source>Choose the folders to keep…</source>
            <translation>Choisir les dossiers à garder…</translation>
        </message>
        <message>
            <source>Shared drives…</source>
            <translation>Drives partagés…</translation>
        </message>
        <message>
            <source>The class and team spaces of your Cozy to sync here</source>
            <translation>Les espaces de classe et d’équipe de votre Cozy à synchroniser ici</translation>
        </message>
        <message>
            <source>Unlink this computer</source>
            <translation>Dissocier cet ordinateur</translation>
        </message>
        <message>
            <source>Unlink</source>
            <translation>Dissocier</translation>
        </message>
        <message>
            <source>Start cozysync when I log in</source>
            <translation>Lancer cozysync à l’ouverture de ma session</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Takes effect the next time cozysync starts.</source>
            <translation>Pris en compte au prochain démarrage de cozysync.</translation>
        </message>
        <message>
            <source>Look for changes in the cloud</source>
            <translation>Chercher les changements dans le cloud</translation>
        </message>
        <message>
            <source>Pause syncing on metered connections</source>
            <translation>Mettre en pause sur les connexions limitées</translation>
        </message>
        <message>
            <source>Upload speed limit</source>
            <translation>Vitesse d’envoi maximale</translation>
        </message>
        <message>
            <source>Download speed limit</source>
            <translation>Vitesse de réception maximale</translation>
        </message>
        <message>
            <source> KB/s</source>
            <translation> Ko/s</translation>
        </message>
        <message>
            <source>No limit</source>
            <translation>Sans limite</translation>
        </message>
        <message>
            <source>Your files stay in the cloud. They will be removed from this computer once cozysync has checked that everything is in the cloud.</source>
            <translation>Vos fichiers restent dans le cloud. Ils seront supprimés de cet ordinateur une fois que cozysync aura vérifié que tout est dans le cloud.</translation>
        </message>
        <message>
            <source>Your files stay in the cloud and on this computer.</source>
            <translation>Vos fichiers restent dans le cloud et sur cet ordinateur.</translation>
        </message>
        <message>
            <source>A phone's hotspot or a capped mobile plan: syncing waits for another connection.</source>
            <translation>Le partage de connexion d’un téléphone ou un forfait mobile limité : la synchronisation attend une autre connexion.</translation>
        </message>
        <message>
            <source>Stop syncing “%1” on this computer?</source>
            <translation>Arrêter de synchroniser « %1 » sur cet ordinateur ?</translation>
        </message>
        <message>
            <source>Same as the computer</source>
            <translation>Celle de l’ordinateur</translation>
        </message>
        <message>
            <source>every minute</source>
            <translation>toutes les minutes</translation>
        </message>
        <message>
            <source>every 5 minutes</source>
            <translation>toutes les 5 minutes</translation>
        </message>
        <message>
            <source>every 15 minutes</source>
            <translation>toutes les 15 minutes</translation>
        </message>
        <message>
            <source>every hour</source>
            <translation>toutes les heures</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>Proxy</translation>
        </message>
        <message>
            <source>Proxy type</source>
            <translation>Type de proxy</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Hôte</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Configuration file</source>
            <translation>Fichier de configuration</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d'utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Only if your school's network asks for one. Leave the user name empty when the proxy asks for no login.</source>
            <translation>Seulement si le réseau de votre établissement en demande un. Laissez le nom d'utilisateur vide quand le proxy ne demande pas d'identifiant.</translation>
        </message>
        <message>
            <source>Use the system's proxy settings</source>
            <translation>Utiliser les réglages de proxy du système</translation>
        </message>
        <message>
            <source>Use this proxy</source>
            <translation>Utiliser ce proxy</translation>
        </message>
        <message>
            <source>Use a proxy configuration file (PAC)</source>
            <translation>Utiliser un fichier de configuration du proxy (PAC)</translation>
        </message>
        <message>
            <source>Find the proxy automatically (WPAD)</source>
            <translation>Trouver le proxy automatiquement (WPAD)</translation>
        </message>
        <message>
            <source>No proxy</source>
            <translation>Aucun proxy</translation>
        </message>
        <message>
            <source>(kept)</source>
            <translation>(conservé)</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>cozysync is already running</source>
            <translation>cozysync est déjà lancé</translation>
        </message>
        <message>
            <source>Its icon is in the tray: click it to open its menu.</source>
            <translation>Son icône est dans la zone de notification : cliquez dessus pour ouvrir son menu.</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message>
            <source>Syncing stopped before deleting files</source>
            <translation>La synchronisation s’est arrêtée avant de supprimer des fichiers</translation>
        </message>
        <message>
            <source>A word from your cloud</source>
            <translation>Un mot de votre cloud</translation>
        </message>
        <message>
            <source>A file could not be synced</source>
            <translation>Un fichier n’a pas pu être synchronisé</translation>
        </message>
        <message>
            <source>A file changed on both sides</source>
            <translation>Un fichier a changé des deux côtés</translation>
        </message>
        <message>
            <source>%1: choose what to do with them.</source>
            <translation>%1 : choisissez ce qu’il faut en faire.</translation>
        </message>
        <message>
            <source>%1: choose which version to keep.</source>
            <translation>%1 : choisissez la version à garder.</translation>
        </message>
        <message>
            <source>Sign in again to keep syncing</source>
            <translation>Reconnectez-vous pour continuer la synchronisation</translation>
        </message>
        <message>
            <source>Your cloud is full</source>
            <translation>Votre cloud est plein</translation>
        </message>
        <message>
            <source>Free some space on your cloud, then sync again.</source>
            <translation>Libérez de la place sur votre cloud, puis synchronisez à nouveau.</translation>
        </message>
        <message>
            <source>Syncing stopped</source>
            <translation>La synchronisation s’est arrêtée</translation>
        </message>
        <message>
            <source>%1: your cloud refused the login (a new password?). Choose Sign in again.</source>
            <translation>%1 : votre cloud a refusé la connexion (un nouveau mot de passe ?). Choisissez « Se reconnecter ».</translation>
        </message>
        <message>
            <source>An invitation to a shared folder</source>
            <translation>Une invitation à un dossier partagé</translation>
        </message>
    </context>
    <context>
        <name>DeletedFiles</name>
        <message>
            <source>%1 is back in your cloud; the sync brings it to this computer.</source>
            <translation>%1 est de retour dans votre cloud ; la synchronisation le ramène sur cet ordinateur.</translation>
        </message>
        <message>
            <source>%1 is back in its folder; the sync sends it to your cloud.</source>
            <translation>%1 est de retour dans son dossier ; la synchronisation l’envoie dans votre cloud.</translation>
        </message>
        <message>
            <source>Your cloud cannot be reached: %1 will be put back as soon as it can be.</source>
            <translation>Votre cloud est injoignable : %1 sera remis en place dès qu’il le sera.</translation>
        </message>
        <message>
            <source>Put it back in which folder?</source>
            <translation>Le remettre dans quel dossier ?</translation>
        </message>
        <message>
            <source>Put back</source>
            <translation>Remettre</translation>
        </message>
        <message>
            <source>in your cloud's trash (deleted by %1)</source>
            <translation>dans la corbeille de votre cloud (supprimé par %1)</translation>
        </message>
        <message>
            <source>This server has no trash cozysync can read: only what cozysync put in this computer's trash is listed.</source>
            <translation>Ce serveur n’a pas de corbeille que cozysync sait lire : seul ce que cozysync a mis dans la corbeille de cet ordinateur est listé.</translation>
        </message>
        <message>
            <source>Your cloud cannot be reached: only what cozysync put in this computer's trash is listed.</source>
            <translation>Votre cloud est injoignable : seul ce que cozysync a mis dans la corbeille de cet ordinateur est listé.</translation>
        </message>
        <message>
            <source>Your cloud's trash could not be read: %1</source>
            <translation>La corbeille de votre cloud n’a pas pu être lue : %1</translation>
        </message>
        <message>
            <source>it answered with an error</source>
            <translation>il a répondu par une erreur</translation>
        </message>
        <message>
            <source>No deleted file to put back in %1.</source>
            <translation>Aucun fichier supprimé à remettre dans %1.</translation>
        </message>
        <message>
            <source>in your cloud's trash</source>
            <translation>dans la corbeille de votre cloud</translation>
        </message>
        <message>
            <source>in this computer's trash (put there by cozysync)</source>
            <translation>dans la corbeille de cet ordinateur (mis là par cozysync)</translation>
        </message>
        <message>
            <source>Something else is at its place now: put it back in another folder.</source>
            <translation>Autre chose est à sa place maintenant : remettez-le dans un autre dossier.</translation>
        </message>
        <message>
            <source>Deleted files</source>
            <translation>Fichiers supprimés</translation>
        </message>
        <message>
            <source>Files and folders deleted lately, newest first. Putting one back never replaces anything: the sync then brings it everywhere again.</source>
            <translation>Fichiers et dossiers supprimés récemment, du plus récent au plus ancien. En remettre un ne remplace jamais rien : la synchronisation le ramène ensuite partout.</translation>
        </message>
        <message>
            <source>Looking for deleted files…</source>
            <translation>Recherche des fichiers supprimés…</translation>
        </message>
        <message>
            <source>Put back in…</source>
            <translation>Remettre dans…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
    </context>
    <context>
        <name>Desktop</name>
        <message>
            <source>This item is not in a synced folder.</source>
            <translation>Cet élément n’est dans aucun dossier synchronisé.</translation>
        </message>
        <message>
            <source>cozysync cannot do this yet.</source>
            <translation>cozysync ne sait pas encore le faire.</translation>
        </message>
        <message>
            <source>cozysync did not understand the request.</source>
            <translation>cozysync n’a pas compris la demande.</translation>
        </message>
        <message>
            <source>Open it from the server's own web page.</source>
            <translation>Ouvrez-le depuis la page web du serveur.</translation>
        </message>
        <message>
            <source>This server does not tell the ids of its files.</source>
            <translation>Ce serveur ne donne pas les identifiants de ses fichiers.</translation>
        </message>
        <message>
            <source>'%1' is synced with a server that has no web app to open it in.</source>
            <translation>« %1 » est synchronisé avec un serveur qui n’a pas d’application web où l’ouvrir.</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>A file changed in two places</source>
            <translation>Un fichier a changé à deux endroits</translation>
        </message>
        <message>
            <source>Keep mine</source>
            <translation>Garder la mienne</translation>
        </message>
        <message>
            <source>Keep the cloud's</source>
            <translation>Garder celle du cloud</translation>
        </message>
        <message>
            <source>Choose which version to keep. The other one goes to the trash: it is not lost.</source>
            <translation>Choisissez la version à garder. L’autre va dans la corbeille : elle n’est pas perdue.</translation>
        </message>
        <message>
            <source>This computer</source>
            <translation>Cet ordinateur</translation>
        </message>
        <message>
            <source>The cloud</source>
            <translation>Le cloud</translation>
        </message>
        <message>
            <source>No preview for this kind of file.</source>
            <translation>Pas d’aperçu pour ce type de fichier.</translation>
        </message>
        <message>
            <source>Keep both</source>
            <translation>Garder les deux</translation>
        </message>
        <message>
            <source>Both files stay, side by side, on this computer and in the cloud.</source>
            <translation>Les deux fichiers restent, côte à côte, sur cet ordinateur et dans le cloud.</translation>
        </message>
        <message>
            <source>Decide later</source>
            <translation>Décider plus tard</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Aperçu</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; was changed on this computer and in the cloud.</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; a été modifié sur cet ordinateur et dans le cloud.</translation>
        </message>
        <message>
            <source>Until you choose, this computer's version is kept beside it as “%1”. A name ending in “(conflict device date)” is such a copy, on every device.</source>
            <translation>Tant que vous n’avez pas choisi, la version de cet ordinateur est gardée à côté sous le nom « %1 ». Un nom finissant par « (conflict appareil date) » est une telle copie, sur chaque appareil.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Taille</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Modifié le</translation>
        </message>
        <message>
            <source>This version is not there any more.</source>
            <translation>Cette version n’existe plus.</translation>
        </message>
        <message>
            <source>This computer (%1)</source>
            <translation>Cet ordinateur (%1)</translation>
        </message>
        <message>
            <source>In the folder %1 (synced as %2)</source>
            <translation>Dans le dossier %1 (synchronisé sous le nom %2)</translation>
        </message>
        <message>
            <source>Conflict %1 of %2</source>
            <translation>Conflit %1 sur %2</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
    </context>
    <context>
        <name>DeletionDialog</name>
        <message>
            <source>If you did not mean to delete them, put them back here. If you did, delete them on your cloud too.</source>
            <translation>Si vous ne vouliez pas les supprimer, remettez-les ici. Sinon, supprimez-les aussi dans votre cloud.</translation>
        </message>
        <message>
            <source>Nothing was deleted on this computer yet.</source>
            <translation>Rien n’a encore été supprimé sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Nothing was deleted on your cloud yet.</source>
            <translation>Rien n’a encore été supprimé dans votre cloud.</translation>
        </message>
        <message>
            <source>If your cloud has a problem right now, choose “Decide later” and wait until the files are back there. If you delete them here too, they go to the trash of this computer.</source>
            <translation>Si votre cloud a un problème en ce moment, choisissez « Décider plus tard » et attendez que les fichiers y reviennent. Si vous les supprimez aussi ici, ils vont dans la corbeille de cet ordinateur.</translation>
        </message>
        <message>
            <source>If the folder is on a drive that is not connected, connect it, then choose “Decide later”.</source>
            <translation>Si le dossier est sur un disque qui n’est pas branché, branchez-le, puis choisissez « Décider plus tard ».</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) were deleted on your cloud.</source>
            <translation>
                <numerusform>%n fichier a été supprimé dans votre cloud.</numerusform>
                <numerusform>%n fichiers ont été supprimés dans votre cloud.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The folder on this computer is empty: %n file(s) are missing here.</source>
            <translation>
                <numerusform>Le dossier de cet ordinateur est vide : %n fichier manque ici.</numerusform>
                <numerusform>Le dossier de cet ordinateur est vide : %n fichiers manquent ici.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>You deleted %n file(s) here.</source>
            <translation>
                <numerusform>Vous avez supprimé %n fichier ici.</numerusform>
                <numerusform>Vous avez supprimé %n fichiers ici.</numerusform>
            </translation>
        </message>
        <message>
            <source>Until you choose, this folder is not synced. You can answer later with “Review deletions…”.</source>
            <translation>Tant que vous n’avez pas choisi, ce dossier n’est pas synchronisé. Vous pourrez répondre plus tard avec « Revoir les suppressions… ».</translation>
        </message>
        <message>
            <source>Some of the files</source>
            <translation>Quelques-uns des fichiers</translation>
        </message>
        <message>
            <source>Delete them here too</source>
            <translation>Les supprimer ici aussi</translation>
        </message>
        <message>
            <source>Put them back on the cloud</source>
            <translation>Les remettre dans le cloud</translation>
        </message>
        <message>
            <source>They go to the trash of this computer.</source>
            <translation>Ils vont dans la corbeille de cet ordinateur.</translation>
        </message>
        <message>
            <source>Delete them on the cloud too</source>
            <translation>Les supprimer aussi dans le cloud</translation>
        </message>
        <message>
            <source>Put them back here</source>
            <translation>Les remettre ici</translation>
        </message>
        <message>
            <source>They are deleted on your cloud.</source>
            <translation>Ils sont supprimés dans votre cloud.</translation>
        </message>
        <message>
            <source>Decide later</source>
            <translation>Décider plus tard</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) are missing from your cloud.</source>
            <translation>
                <numerusform>%n fichier manque dans votre cloud.</numerusform>
                <numerusform>%n fichiers manquent dans votre cloud.</numerusform>
            </translation>
        </message>
        <message>
            <source>Some of them:</source>
            <translation>Quelques-uns d’entre eux :</translation>
        </message>
        <message>
            <source>Files are missing in %1</source>
            <translation>Des fichiers manquent dans %1</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more.</source>
            <translation>
                <numerusform>… et %n autre.</numerusform>
                <numerusform>… et %n autres.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) are missing from the folder %1 on your cloud.</source>
            <translation>
                <numerusform>%n fichier manque dans le dossier %1 de votre cloud.</numerusform>
                <numerusform>%n fichiers manquent dans le dossier %1 de votre cloud.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Drives</name>
        <message>
            <source>Shared drives</source>
            <translation>Drives partagés</translation>
        </message>
        <message>
            <source>yours</source>
            <translation>à vous</translation>
        </message>
        <message>
            <source>Where to sync the shared drives</source>
            <translation>Où synchroniser les drives partagés</translation>
        </message>
        <message>
            <source>read-only</source>
            <translation>en lecture seule</translation>
        </message>
        <message>
            <source>you can edit</source>
            <translation>vous pouvez modifier</translation>
        </message>
        <message>
            <source>Change…</source>
            <translation>Changer…</translation>
        </message>
        <message>
            <source>A drive you untick is no longer synced: its files stay on this computer, and nothing changes in the cloud. In a drive shared with you read-only, your changes stay on this computer.</source>
            <translation>Un drive que vous décochez n’est plus synchronisé : ses fichiers restent sur cet ordinateur, et rien ne change dans le cloud. Dans un drive partagé avec vous en lecture seule, vos modifications restent sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Shared drives of %1</source>
            <translation>Drives partagés de %1</translation>
        </message>
        <message>
            <source>A single file, not a folder: open it in your Cozy.</source>
            <translation>Un seul fichier, pas un dossier : ouvrez-le dans votre Cozy.</translation>
        </message>
        <message>
            <source>Your Cozy shares no drive with you.</source>
            <translation>Votre Cozy ne partage aucun drive avec vous.</translation>
        </message>
        <message>
            <source>Tick a drive to sync it on this computer.</source>
            <translation>Cochez un drive pour le synchroniser sur cet ordinateur.</translation>
        </message>
        <message>
            <source>New drives are synced in: %1</source>
            <translation>Les nouveaux drives sont synchronisés dans : %1</translation>
        </message>
        <message>
            <source>%1 — shared by %2 (%3)</source>
            <translation>%1 — partagé par %2 (%3)</translation>
        </message>
        <message>
            <source>Synced in the folder '%1'</source>
            <translation>Synchronisé dans le dossier « %1 »</translation>
        </message>
        <message>
            <source>Your Cozy also shares drives with you (class and team spaces). Tick those to sync on this computer; you can change it later in the preferences.</source>
            <translation>Votre Cozy partage aussi des drives avec vous (espaces de classe et d’équipe). Cochez ceux à synchroniser sur cet ordinateur ; vous pourrez changer cela plus tard dans les préférences.</translation>
        </message>
    </context>
    <context>
        <name>Selective</name>
        <message>
            <source>Folders of your cloud</source>
            <translation>Dossiers de votre cloud</translation>
        </message>
        <message>
            <source>A folder you untick is not downloaded to this computer, and it is never deleted in the cloud. Files at the top of your cloud are always kept.</source>
            <translation>Un dossier décoché n’est pas téléchargé sur cet ordinateur, et il n’est jamais supprimé dans le cloud. Les fichiers à la racine de votre cloud sont toujours gardés.</translation>
        </message>
        <message>
            <source>Looking at the folders of your cloud…</source>
            <translation>Lecture des dossiers de votre cloud…</translation>
        </message>
        <message>
            <source>Folders to keep on this computer</source>
            <translation>Dossiers à garder sur cet ordinateur</translation>
        </message>
        <message>
            <source>A folder you untick leaves this computer: to the trash if everything in it is in the cloud, else it stays here as it is. Ticking it again brings it back.</source>
            <translation>Un dossier décoché quitte cet ordinateur : il va dans la corbeille si tout ce qu’il contient est dans le cloud, sinon il reste ici tel quel. Le recocher le ramène.</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Leave them out here too</source>
            <translation>Les laisser de côté ici aussi</translation>
        </message>
        <message>
            <source>On your Cozy, another device, or this computer before a reinstall, leaves out: %1.</source>
            <translation>Sur votre Cozy, un autre appareil, ou cet ordinateur avant une réinstallation, laisse de côté : %1.</translation>
        </message>
        <message>
            <source>Keep these folders on this computer:</source>
            <translation>Garder ces dossiers sur cet ordinateur :</translation>
        </message>
        <message>
            <source>Your cloud has no folders yet: everything will be kept.</source>
            <translation>Votre cloud n’a pas encore de dossier : tout sera gardé.</translation>
        </message>
    </context>
    <context>
        <name>ShareDialog</name>
        <message>
            <source>Sharing failed: %1</source>
            <translation>Le partage a échoué : %1</translation>
        </message>
        <message>
            <source>Link</source>
            <translation>Lien</translation>
        </message>
        <message>
            <source>Read-only</source>
            <translation>Lecture seule</translation>
        </message>
        <message>
            <source>never expires</source>
            <translation>n'expire jamais</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Password (optional)</source>
            <translation>Mot de passe (facultatif)</translation>
        </message>
        <message>
            <source>Create a link</source>
            <translation>Créer un lien</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copier</translation>
        </message>
        <message>
            <source>Scan it with a phone to open the link</source>
            <translation>Scannez-le avec un téléphone pour ouvrir le lien</translation>
        </message>
        <message>
            <source>People and groups</source>
            <translation>Personnes et groupes</translation>
        </message>
        <message>
            <source>Type a name: Léa, 3e B…</source>
            <translation>Tapez un nom : Léa, 3e B…</translation>
        </message>
        <message>
            <source>Share with the ones ticked</source>
            <translation>Partager avec les personnes cochées</translation>
        </message>
        <message>
            <source>Shared now</source>
            <translation>Partagé en ce moment</translation>
        </message>
        <message>
            <source>Stop sharing</source>
            <translation>Arrêter le partage</translation>
        </message>
        <message>
            <source>Tick the people or groups first.</source>
            <translation>Cochez d'abord les personnes ou les groupes.</translation>
        </message>
        <message>
            <source>Choose the share to stop first.</source>
            <translation>Choisissez d'abord le partage à arrêter.</translation>
        </message>
        <message>
            <source>Share %1</source>
            <translation>Partager %1</translation>
        </message>
    </context>
    <context>
        <name>SignIn</name>
        <message>
            <source>Your cloud refused the login of this folder. Nothing is lost: once you are signed in, syncing goes on where it stopped.</source>
            <translation>Votre cloud a refusé la connexion de ce dossier. Rien n’est perdu : une fois reconnecté, la synchronisation reprend là où elle s’était arrêtée.</translation>
        </message>
        <message>
            <source>Sign in again</source>
            <translation>Se reconnecter</translation>
        </message>
        <message>
            <source>Server:</source>
            <translation>Serveur :</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>Nom d’utilisateur :</translation>
        </message>
        <message>
            <source>New password:</source>
            <translation>Nouveau mot de passe :</translation>
        </message>
        <message>
            <source>Waiting for you to finish in the browser…</source>
            <translation>En attente de la fin de la connexion dans le navigateur…</translation>
        </message>
        <message>
            <source>The page did not open? &lt;a href="#"&gt;Open it again&lt;/a&gt;</source>
            <translation>La page ne s’est pas ouverte ? &lt;a href="#"&gt;L’ouvrir de nouveau&lt;/a&gt;</translation>
        </message>
        <message>
            <source>Your cloud refused this password. Check it (capital letters too) and type it again.</source>
            <translation>Votre cloud a refusé ce mot de passe. Vérifiez-le (majuscules comprises) et saisissez-le de nouveau.</translation>
        </message>
        <message>
            <source>If you changed your password, type the new one.</source>
            <translation>Si vous avez changé votre mot de passe, saisissez le nouveau.</translation>
        </message>
        <message>
            <source>Your browser will show your Cozy: log in there, then allow cozysync to use your files again.</source>
            <translation>Votre navigateur va afficher votre Cozy : connectez-vous, puis autorisez de nouveau cozysync à utiliser vos fichiers.</translation>
        </message>
        <message>
            <source>Your browser will show your cloud: log in there, then grant the access. A password is made for this computer: you do not have to create one.</source>
            <translation>Votre navigateur va afficher votre cloud : connectez-vous, puis accordez l’accès. Un mot de passe est créé pour cet ordinateur : vous n’avez pas à en créer un.</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Se connecter</translation>
        </message>
        <message>
            <source>Sign in with the browser</source>
            <translation>Se connecter avec le navigateur</translation>
        </message>
        <message>
            <source>Checking the password with your cloud…</source>
            <translation>Vérification du mot de passe auprès de votre cloud…</translation>
        </message>
        <message>
            <source>Opening the login page in your browser…</source>
            <translation>Ouverture de la page de connexion dans votre navigateur…</translation>
        </message>
        <message>
            <source>Sign in again to “%1”</source>
            <translation>Se reconnecter à « %1 »</translation>
        </message>
    </context>
    <context>
        <name>VersionsDialog</name>
        <message>
            <source>Older versions of &lt;b&gt;%1&lt;/b&gt; kept by your cloud. Restoring one makes it the current version there, then the sync brings it to this computer; the version it replaces is kept too.</source>
            <translation>Anciennes versions de &lt;b&gt;%1&lt;/b&gt; gardées par votre cloud. En restaurer une en fait la version actuelle là-bas, puis la synchronisation l’apporte sur cet ordinateur ; la version qu’elle remplace est gardée aussi.</translation>
        </message>
        <message>
            <source>Your cloud keeps no older version of this file.</source>
            <translation>Votre cloud ne garde aucune ancienne version de ce fichier.</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
        <message>
            <source>Restore as a copy</source>
            <translation>Restaurer en copie</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Loading the preview…</source>
            <translation>Chargement de l’aperçu…</translation>
        </message>
        <message>
            <source>The preview could not be read: %1</source>
            <translation>L’aperçu n’a pas pu être lu : %1</translation>
        </message>
        <message>
            <source>No preview for this kind of file.</source>
            <translation>Pas d’aperçu pour ce type de fichier.</translation>
        </message>
        <message>
            <source>Versions of %1</source>
            <translation>Versions de %1</translation>
        </message>
        <message>
            <source>by %1</source>
            <translation>par %1</translation>
        </message>
    </context>
    <context>
        <name>Wizard</name>
        <message>
            <source>Connecting</source>
            <translation>Connexion</translation>
        </message>
        <message>
            <source>Keep the password in a private file on this computer</source>
            <translation>Garder le mot de passe dans un fichier privé sur cet ordinateur</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Your folder is ready</source>
            <translation>Votre dossier est prêt</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Ouvrir le dossier</translation>
        </message>
        <message>
            <source>Start cozysync when I log in</source>
            <translation>Lancer cozysync à l’ouverture de ma session</translation>
        </message>
        <message>
            <source>Your files keep syncing without opening cozysync each time.</source>
            <translation>Vos fichiers restent synchronisés sans ouvrir cozysync à chaque fois.</translation>
        </message>
        <message>
            <source>Welcome to cozysync</source>
            <translation>Bienvenue dans cozysync</translation>
        </message>
        <message>
            <source>Connecting to your cloud…</source>
            <translation>Connexion à votre cloud…</translation>
        </message>
        <message>
            <source>Your browser shows your Cozy: log in there, then allow cozysync to use your files. This page goes on by itself once it is done.</source>
            <translation>Votre navigateur affiche votre Cozy : connectez-vous, puis autorisez cozysync à utiliser vos fichiers. Cette page continue toute seule une fois que c’est fait.</translation>
        </message>
        <message>
            <source>The page did not open? &lt;a href="#"&gt;Open it again&lt;/a&gt;</source>
            <translation>La page ne s’est pas ouverte ? &lt;a href="#"&gt;L’ouvrir à nouveau&lt;/a&gt;</translation>
        </message>
        <message>
            <source>Connected.</source>
            <translation>Connecté.</translation>
        </message>
        <message>
            <source>This computer has no password keeper (keyring).</source>
            <translation>Cet ordinateur n’a pas de trousseau pour les mots de passe.</translation>
        </message>
        <message>
            <source>Tick the box below to keep the password in a file only you can read.</source>
            <translation>Cochez la case ci-dessous pour garder le mot de passe dans un fichier que vous seul pouvez lire.</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Suivant</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Précédent</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Start syncing</source>
            <translation>Lancer la synchronisation</translation>
        </message>
        <message>
            <source>Nothing in the folder is deleted: the first sync sends its files to your cloud and brings the cloud's files here.</source>
            <translation>Rien n’est supprimé dans le dossier : la première synchronisation envoie ses fichiers dans votre cloud et apporte ici ceux du cloud.</translation>
        </message>
        <message>
            <source>The cloud's folders could not be listed: everything will be kept.</source>
            <translation>Les dossiers du cloud n’ont pas pu être lus : tout sera gardé.</translation>
        </message>
        <message>
            <source>The folder %1 will be kept in sync with %2.</source>
            <translation>Le dossier %1 sera synchronisé avec %2.</translation>
        </message>
        <message>
            <source>cozysync cannot reach this address. Check it, and check that this computer is connected to the network.</source>
            <translation>cozysync ne parvient pas à joindre cette adresse. Vérifiez-la, et vérifiez que cet ordinateur est connecté au réseau.</translation>
        </message>
        <message>
            <source>The secure connection failed: this computer does not trust the server's certificate (or its date is wrong). Check the address; if it is right, ask the server's administrator.</source>
            <translation>La connexion sécurisée a échoué : cet ordinateur ne fait pas confiance au certificat du serveur (ou sa date est fausse). Vérifiez l’adresse ; si elle est juste, demandez à l’administrateur du serveur.</translation>
        </message>
        <message>
            <source>Something answers at this address, but it is not a Cozy, a Nextcloud or a WebDAV folder. Check the address (copy it from your cloud's settings).</source>
            <translation>Quelque chose répond à cette adresse, mais ce n’est ni un Cozy, ni un Nextcloud, ni un dossier WebDAV. Vérifiez l’adresse (copiez-la depuis les paramètres de votre cloud).</translation>
        </message>
        <message>
            <source>This address is not a Cozy. Check it, or choose “Nextcloud or another WebDAV server” above.</source>
            <translation>Cette adresse n’est pas un Cozy. Vérifiez-la, ou choisissez « Nextcloud ou un autre serveur WebDAV » plus haut.</translation>
        </message>
        <message>
            <source>The server refused this user name or password. Check them, fix them above and try again.</source>
            <translation>Le serveur a refusé ce nom d’utilisateur ou ce mot de passe. Vérifiez-les, corrigez-les plus haut et réessayez.</translation>
        </message>
        <message>
            <source>The server is in maintenance for now. Try again later.</source>
            <translation>Le serveur est en maintenance pour le moment. Réessayez plus tard.</translation>
        </message>
        <message>
            <source>A Wi-Fi sign-in page answered instead of your cloud: sign in to the Wi-Fi first (open any web page in a browser), then try again.</source>
            <translation>Une page de connexion Wi-Fi a répondu à la place de votre cloud : connectez-vous d'abord au Wi-Fi (ouvrez une page web dans un navigateur), puis réessayez.</translation>
        </message>
        <message>
            <source>The sign-in was cancelled.</source>
            <translation>La connexion a été annulée.</translation>
        </message>
        <message>
            <source>This server offers no sign-in through the browser: type your user name and an app password (made in the server's settings, under Security).</source>
            <translation>Ce serveur ne propose pas de connexion par le navigateur : saisissez votre nom d’utilisateur et un mot de passe d’application (créé dans les paramètres du serveur, rubrique Sécurité).</translation>
        </message>
        <message>
            <source>The sign-in was not completed in the browser in time. Try again.</source>
            <translation>La connexion n’a pas été terminée à temps dans le navigateur. Réessayez.</translation>
        </message>
        <message>
            <source>This server asks for a user name and a password.</source>
            <translation>Ce serveur demande un nom d’utilisateur et un mot de passe.</translation>
        </message>
        <message>
            <source>This is a %1 server. Sign in with your browser: %1 then makes a password for this computer. (Or type your user name and an app password.)</source>
            <translation>C’est un serveur %1. Connectez-vous avec votre navigateur : %1 crée alors un mot de passe pour cet ordinateur. (Ou saisissez votre nom d’utilisateur et un mot de passe d’application.)</translation>
        </message>
        <message>
            <source>Certificate issued by %1, SHA-256 fingerprint %2: your school's IT can compare it with theirs.</source>
            <translation>Certificat émis par %1, empreinte SHA-256 %2 : le service informatique de votre établissement peut la comparer à la sienne.</translation>
        </message>
        <message>
            <source>This is a file, not a folder. Choose a folder.</source>
            <translation>C’est un fichier, pas un dossier. Choisissez un dossier.</translation>
        </message>
        <message numerus="yes">
            <source>This folder is not empty (%n item(s)). Nothing in it will be deleted: its files will be sent to your cloud, next to what is already there.</source>
            <translation>
                <numerusform>Ce dossier n’est pas vide (%n élément). Rien n’y sera supprimé : ses fichiers seront envoyés dans votre cloud, à côté de ce qui s’y trouve déjà.</numerusform>
                <numerusform>Ce dossier n’est pas vide (%n éléments). Rien n’y sera supprimé : ses fichiers seront envoyés dans votre cloud, à côté de ce qui s’y trouve déjà.</numerusform>
            </translation>
        </message>
        <message>
            <source>cozysync cannot open this folder. Choose another one.</source>
            <translation>cozysync ne peut pas ouvrir ce dossier. Choisissez-en un autre.</translation>
        </message>
        <message>
            <source>Where is your cloud?</source>
            <translation>Où est votre cloud ?</translation>
        </message>
        <message>
            <source>cozysync keeps a folder of this computer in sync with it.</source>
            <translation>cozysync garde un dossier de cet ordinateur synchronisé avec lui.</translation>
        </message>
        <message>
            <source>My Cozy</source>
            <translation>Mon Cozy</translation>
        </message>
        <message>
            <source>Nextcloud or another WebDAV server</source>
            <translation>Nextcloud ou un autre serveur WebDAV</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>App password</source>
            <translation>Mot de passe d’application</translation>
        </message>
        <message>
            <source>Checking the address and the login…</source>
            <translation>Vérification de l’adresse et de l’identifiant…</translation>
        </message>
        <message>
            <source>Sign in with your browser</source>
            <translation>Se connecter avec le navigateur</translation>
        </message>
        <message>
            <source>Proxy settings…</source>
            <translation>Réglages du proxy…</translation>
        </message>
        <message>
            <source>Your browser shows your server: log in there and grant the access. This page goes on by itself once it is done.</source>
            <translation>Votre navigateur affiche votre serveur : connectez-vous et autorisez l’accès. Cette page continue d’elle-même une fois que c’est fait.</translation>
        </message>
        <message>
            <source>Signed in.</source>
            <translation>Connecté.</translation>
        </message>
        <message>
            <source>Which folder of this computer?</source>
            <translation>Quel dossier de cet ordinateur ?</translation>
        </message>
        <message>
            <source>Everything in it will also be in your cloud, and the other way round.</source>
            <translation>Tout ce qu’il contient sera aussi dans votre cloud, et inversement.</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>Choose a folder</source>
            <translation>Choisir un dossier</translation>
        </message>
        <message>
            <source>This address is not encrypted (http://): your password and files would cross the network readable by anyone on it. Use https:// if the server offers it.</source>
            <translation>Cette adresse n’est pas chiffrée (http://) : votre mot de passe et vos fichiers traverseraient le réseau lisibles par quiconque s’y trouve. Utilisez https:// si le serveur le propose.</translation>
        </message>
        <message>
            <source>Type your Cozy's address. Your browser will then ask you to log in and to allow this computer: cozysync never sees your password.</source>
            <translation>Tapez l’adresse de votre Cozy. Votre navigateur vous demandera ensuite de vous connecter et d’autoriser cet ordinateur : cozysync ne voit jamais votre mot de passe.</translation>
        </message>
        <message>
            <source>For a Nextcloud, its address is enough: you sign in with your browser. For another WebDAV server, give the folder's address, your user name and your password.</source>
            <translation>Pour un Nextcloud, son adresse suffit : vous vous connectez avec votre navigateur. Pour un autre serveur WebDAV, indiquez l’adresse du dossier, votre nom d’utilisateur et votre mot de passe.</translation>
        </message>
        <message>
            <source>On a school or company network, a proxy may be needed:</source>
            <translation>Sur le réseau d’une école ou d’une entreprise, un proxy peut être nécessaire :</translation>
        </message>
        <message>
            <source>Proxy settings</source>
            <translation>Réglages du proxy</translation>
        </message>
        <message>
            <source>At school or at work, connections often go through a proxy. Your IT can tell you which: its address, or its configuration file (PAC).</source>
            <translation>À l’école ou au travail, les connexions passent souvent par un proxy. Votre service informatique peut vous dire lequel : son adresse, ou son fichier de configuration (PAC).</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Something went wrong</source>
            <translation>Un problème est survenu</translation>
        </message>
        <message>
            <source>Try again. If it happens again, the log (Preferences) says more.</source>
            <translation>Réessayez. Si cela recommence, le journal (Préférences) en dit plus.</translation>
        </message>
        <message>
            <source>Check the folder's settings (cozysync list / cozysync link).</source>
            <translation>Vérifiez les réglages du dossier (cozysync list / cozysync link).</translation>
        </message>
        <message>
            <source>the settings proxy_mode/proxy_secret_store are not valid</source>
            <translation>les réglages proxy_mode/proxy_secret_store ne sont pas valides</translation>
        </message>
        <message>
            <source>the setting proxy_mode is manual but proxy_url is missing</source>
            <translation>le réglage proxy_mode vaut manual mais proxy_url manque</translation>
        </message>
        <message>
            <source>the setting proxy_mode is pac but proxy_pac_url is missing</source>
            <translation>le réglage proxy_mode vaut pac mais proxy_pac_url manque</translation>
        </message>
        <message>
            <source>the excluded folders of {value!r} are not valid</source>
            <translation>les dossiers exclus de « {value} » ne sont pas valides</translation>
        </message>
        <message>
            <source>the settings of the folder {name!r} are not valid</source>
            <translation>les réglages du dossier « {name} » ne sont pas valides</translation>
        </message>
        <message>
            <source>a folder named {name!r} is already linked</source>
            <translation>un dossier nommé « {name} » est déjà lié</translation>
        </message>
        <message>
            <source>the settings paused/paused_until are not valid</source>
            <translation>les réglages paused/paused_until ne sont pas valides</translation>
        </message>
        <message>
            <source>the setting {name} must be text, not {value!r}</source>
            <translation>le réglage {name} doit être du texte, pas {value!r}</translation>
        </message>
        <message>
            <source>the settings file {path} is damaged</source>
            <translation>le fichier de réglages {path} est abîmé</translation>
        </message>
        <message>
            <source>a linked folder's settings are incomplete ({exc})</source>
            <translation>les réglages d’un dossier lié sont incomplets ({exc})</translation>
        </message>
        <message>
            <source>cannot read {path}: {strerror}</source>
            <translation>impossible de lire {path} : {strerror}</translation>
        </message>
        <message>
            <source>Fix it by hand, or move it away and link your folders again.</source>
            <translation>Corrigez-le à la main, ou déplacez-le ailleurs et liez de nouveau vos dossiers.</translation>
        </message>
        <message>
            <source>cannot save the settings in {path}: {strerror}</source>
            <translation>impossible d’enregistrer les réglages dans {path} : {strerror}</translation>
        </message>
        <message>
            <source>Check that the disk is not full and that you may write there.</source>
            <translation>Vérifiez que le disque n’est pas plein et que vous pouvez y écrire.</translation>
        </message>
        <message>
            <source>the setting {name} must be a number of KiB/s, not {value!r}</source>
            <translation>le réglage {name} doit être un nombre de Kio/s, pas {value!r}</translation>
        </message>
        <message>
            <source>the settings file {path} cannot be read ({exc})</source>
            <translation>le fichier de réglages {path} ne peut pas être lu ({exc})</translation>
        </message>
        <message>
            <source>Fix it by hand, or delete it to go back to the defaults.</source>
            <translation>Corrigez-le à la main, ou supprimez-le pour revenir aux réglages par défaut.</translation>
        </message>
        <message>
            <source>proxy_mode {mode!r} in the defaults file {path} is not one of {names}</source>
            <translation>proxy_mode « {mode} » dans le fichier de préréglages {path} ne fait pas partie de : {names}</translation>
        </message>
        <message>
            <source>proxy_mode is manual in the defaults file {path}, but proxy is not set</source>
            <translation>proxy_mode vaut manual dans le fichier de préréglages {path}, mais proxy n’est pas donné</translation>
        </message>
        <message>
            <source>proxy_mode is pac in the defaults file {path}, but proxy_pac_url is not set</source>
            <translation>proxy_mode vaut pac dans le fichier de préréglages {path}, mais proxy_pac_url n’est pas donné</translation>
        </message>
        <message>
            <source>proxy_pac_url in the defaults file {path} must be an http(s) address</source>
            <translation>proxy_pac_url dans le fichier de préréglages {path} doit être une adresse http(s)</translation>
        </message>
        <message>
            <source>cannot read the defaults file {path}: {strerror}</source>
            <translation>impossible de lire le fichier de préréglages {path} : {strerror}</translation>
        </message>
        <message>
            <source>the defaults file {path} is not valid TOML ({exc})</source>
            <translation>le fichier de préréglages {path} n’est pas un TOML valide ({exc})</translation>
        </message>
        <message>
            <source>Ask your IT team to fix it; see packaging/README.md for its format.</source>
            <translation>Demandez à votre service informatique de le corriger ; son format est décrit dans packaging/README.md.</translation>
        </message>
        <message>
            <source>unknown setting {key!r} in the defaults file {path}</source>
            <translation>réglage inconnu « {key} » dans le fichier de préréglages {path}</translation>
        </message>
        <message>
            <source>Known settings: {names}.</source>
            <translation>Réglages connus : {names}.</translation>
        </message>
        <message>
            <source>{key!r} in the defaults file {path} must be a string</source>
            <translation>« {key} » dans le fichier de préréglages {path} doit être du texte</translation>
        </message>
        <message>
            <source>Did you mean {name!r}? </source>
            <translation>Vouliez-vous dire « {name} » ? </translation>
        </message>
        <message>
            <source>no linked folder is named {name!r}</source>
            <translation>aucun dossier lié ne s’appelle « {name} »</translation>
        </message>
        <message>
            <source>{maybe}See them with: cozysync list</source>
            <translation>{maybe}Voyez-les avec : cozysync list</translation>
        </message>
        <message>
            <source>two folder names were given, {given!r} and {option!r}</source>
            <translation>deux noms de dossier ont été donnés, « {given} » et « {option} »</translation>
        </message>
        <message>
            <source>Give the folder's name once, after the command.</source>
            <translation>Donnez le nom du dossier une seule fois, après la commande.</translation>
        </message>
        <message>
            <source>no folder is linked, so none is named {name!r}</source>
            <translation>aucun dossier n’est lié, donc aucun ne s’appelle « {name} »</translation>
        </message>
        <message>
            <source>Link one first: cozysync link DIR URL</source>
            <translation>Liez-en d’abord un : cozysync link DOSSIER URL</translation>
        </message>
        <message>
            <source>a pause must last a positive number of seconds, not {for_s!r}</source>
            <translation>une pause doit durer un nombre positif de secondes, pas {for_s!r}</translation>
        </message>
        <message>
            <source>Give the duration in seconds, e.g. 3600 for one hour.</source>
            <translation>Donnez la durée en secondes, par exemple 3600 pour une heure.</translation>
        </message>
        <message>
            <source>{text!r} is not a duration: give e.g. 30m, 1h, 1h30m, 2d or seconds</source>
            <translation>« {text} » n’est pas une durée : donnez par exemple 30m, 1h, 1h30m, 2d ou un nombre de secondes</translation>
        </message>
        <message>
            <source>no terminal to ask the new password at</source>
            <translation>aucun terminal où demander le nouveau mot de passe</translation>
        </message>
        <message>
            <source>Pipe it in with --password-stdin, or run the command in a terminal.</source>
            <translation>Donnez-le sur l’entrée standard avec --password-stdin, ou lancez la commande dans un terminal.</translation>
        </message>
        <message>
            <source>no password on standard input</source>
            <translation>aucun mot de passe sur l’entrée standard</translation>
        </message>
        <message>
            <source>Pipe it in, ending with a newline.</source>
            <translation>Donnez-le sur l’entrée standard, suivi d’un retour à la ligne.</translation>
        </message>
        <message>
            <source>--browser-login takes no --cozy, --user or --password-stdin</source>
            <translation>--browser-login ne prend ni --cozy, ni --user, ni --password-stdin</translation>
        </message>
        <message>
            <source>The browser login makes the password itself: give only the address.</source>
            <translation>La connexion par le navigateur crée elle-même le mot de passe : donnez seulement l’adresse.</translation>
        </message>
        <message>
            <source>restore takes the folder's NAME, then what to restore, then where to</source>
            <translation>restore prend le NOM du dossier, puis ce qu’il faut restaurer, puis où le mettre</translation>
        </message>
        <message>
            <source>Put quotes around a name that holds spaces: cozysync restore NAME [REMOTE_PATH] DEST</source>
            <translation>Mettez entre guillemets un nom qui contient des espaces : cozysync restore NOM [CHEMIN_DISTANT] DESTINATION</translation>
        </message>
        <message>
            <source>--password-stdin needs --user</source>
            <translation>--password-stdin demande aussi --user</translation>
        </message>
        <message>
            <source>Give the user name with --user.</source>
            <translation>Donnez le nom d’utilisateur avec --user.</translation>
        </message>
        <message>
            <source>proxy pac needs the proxy configuration file's address</source>
            <translation>proxy pac demande l’adresse du fichier de configuration du proxy</translation>
        </message>
        <message>
            <source>For example: cozysync proxy pac http://wpad.school.example/proxy.pac</source>
            <translation>Par exemple : cozysync proxy pac http://wpad.school.example/proxy.pac</translation>
        </message>
        <message>
            <source>proxy {action} takes no address or login</source>
            <translation>proxy {action} ne prend ni adresse ni identifiant</translation>
        </message>
        <message>
            <source>the proxy's password is empty</source>
            <translation>le mot de passe du proxy est vide</translation>
        </message>
        <message>
            <source>Give the password your IT gave you.</source>
            <translation>Donnez le mot de passe que votre service informatique vous a remis.</translation>
        </message>
        <message>
            <source>proxy set needs the proxy's address</source>
            <translation>proxy set demande l’adresse du proxy</translation>
        </message>
        <message>
            <source>proxy auto takes no address: it looks for wpad.&lt;domain&gt;</source>
            <translation>proxy auto ne prend pas d’adresse : il cherche wpad.&lt;domaine&gt;</translation>
        </message>
        <message>
            <source>the proxy's password cannot be asked: no terminal</source>
            <translation>impossible de demander le mot de passe du proxy : aucun terminal</translation>
        </message>
        <message>
            <source>the proxy address {text!r} is not http, https or socks5</source>
            <translation>l’adresse du proxy « {text} » n’est ni en http, ni en https, ni en socks5</translation>
        </message>
        <message>
            <source>the proxy address must not hold a user name or password</source>
            <translation>l’adresse du proxy ne doit contenir ni nom d’utilisateur ni mot de passe</translation>
        </message>
        <message>
            <source>Give the user with --user and the password with --password-stdin.</source>
            <translation>Donnez l’utilisateur avec --user et le mot de passe avec --password-stdin.</translation>
        </message>
        <message>
            <source>the proxy address {text!r} needs a host and a port</source>
            <translation>l’adresse du proxy « {text} » doit avoir un nom d’hôte et un port</translation>
        </message>
        <message>
            <source>SOCKS5 proxies need the 'socksio' package, which is not installed</source>
            <translation>les proxys SOCKS5 ont besoin du paquet « socksio », qui n’est pas installé</translation>
        </message>
        <message>
            <source>Install it (pip install 'httpx[socks]') or use an HTTP proxy.</source>
            <translation>Installez-le (pip install 'httpx[socks]') ou utilisez un proxy HTTP.</translation>
        </message>
        <message>
            <source>the proxy configuration file's address {text!r} is not an http(s) address</source>
            <translation>l’adresse du fichier de configuration du proxy « {text} » n’est pas une adresse http(s)</translation>
        </message>
        <message>
            <source>Write it in full, e.g. http://wpad.school.example/proxy.pac.</source>
            <translation>Écrivez-la en entier, par exemple http://wpad.school.example/proxy.pac.</translation>
        </message>
        <message>
            <source>{base_url} is not a WebDAV folder</source>
            <translation>{base_url} n’est pas un dossier WebDAV</translation>
        </message>
        <message>
            <source>{base_url} redirects to {where}</source>
            <translation>{base_url} renvoie vers {where}</translation>
        </message>
        <message>
            <source>{base_url} is not a WebDAV folder (no DAV header)</source>
            <translation>{base_url} n’est pas un dossier WebDAV (pas d’en-tête DAV)</translation>
        </message>
        <message>
            <source>the folder {base_url} is not on the server</source>
            <translation>le dossier {base_url} n’est pas sur le serveur</translation>
        </message>
        <message>
            <source>Link the folder again with the address it redirects to.</source>
            <translation>Liez de nouveau le dossier avec l’adresse vers laquelle il renvoie.</translation>
        </message>
        <message>
            <source>{url!r} is not a server address</source>
            <translation>« {url} » n’est pas une adresse de serveur</translation>
        </message>
        <message>
            <source>Give a full address like https://host/dav/</source>
            <translation>Donnez une adresse complète comme https://serveur/dav/</translation>
        </message>
        <message>
            <source>the address contains a user name or password</source>
            <translation>l’adresse contient un nom d’utilisateur ou un mot de passe</translation>
        </message>
        <message>
            <source>{root} is a link to {target}, which is not a folder</source>
            <translation>{root} est un lien vers {target}, qui n’est pas un dossier</translation>
        </message>
        <message>
            <source>Link a folder.</source>
            <translation>Liez un dossier.</translation>
        </message>
        <message>
            <source>unknown mode {mode!r}</source>
            <translation>mode inconnu « {mode} »</translation>
        </message>
        <message>
            <source>Choose one of: {names}.</source>
            <translation>Choisissez parmi : {names}.</translation>
        </message>
        <message>
            <source>{value!r} has a port that is not a number from 0 to 65535</source>
            <translation>« {value} » a un port qui n’est pas un nombre de 0 à 65535</translation>
        </message>
        <message>
            <source>Give the address with a numeric port (https://host:8443/) or none.</source>
            <translation>Donnez l’adresse avec un port en chiffres (https://serveur:8443/) ou sans port.</translation>
        </message>
        <message>
            <source>{root} is a link to {link_text}, which does not exist</source>
            <translation>{root} est un lien vers {link_text}, qui n’existe pas</translation>
        </message>
        <message>
            <source>Link the folder itself, or repair the link first.</source>
            <translation>Liez le dossier lui-même, ou réparez d’abord le lien.</translation>
        </message>
        <message>
            <source>there is no WebDAV folder at {url}</source>
            <translation>il n’y a pas de dossier WebDAV à l’adresse {url}</translation>
        </message>
        <message>
            <source>Check the address.</source>
            <translation>Vérifiez l’adresse.</translation>
        </message>
        <message>
            <source>{url} is not a usable WebDAV folder: {title}</source>
            <translation>{url} n’est pas un dossier WebDAV utilisable : {title}</translation>
        </message>
        <message>
            <source>{root} overlaps the linked folder {name!r} ({local_root})</source>
            <translation>{root} chevauche le dossier lié « {name} » ({local_root})</translation>
        </message>
        <message>
            <source>Choose a folder that is neither inside nor around another linked folder.</source>
            <translation>Choisissez un dossier qui n’est ni dans un autre dossier lié, ni autour.</translation>
        </message>
        <message>
            <source>{url} overlaps the server folder of the linked folder {name!r} ({remote_url})</source>
            <translation>{url} chevauche le dossier du serveur du dossier lié « {name} » ({remote_url})</translation>
        </message>
        <message>
            <source>Choose a server folder that is neither inside nor around another linked one.</source>
            <translation>Choisissez un dossier du serveur qui n’est ni dans un autre dossier lié, ni autour.</translation>
        </message>
        <message>
            <source>{name!r} has no login to renew: its server asks for no password</source>
            <translation>« {name} » n’a pas de connexion à renouveler : son serveur ne demande pas de mot de passe</translation>
        </message>
        <message>
            <source>If the server now asks for one, relink it: cozysync relink NAME URL --user USER</source>
            <translation>Si le serveur en demande un maintenant, liez-le de nouveau : cozysync relink NOM URL --user UTILISATEUR</translation>
        </message>
        <message>
            <source>no password given</source>
            <translation>aucun mot de passe donné</translation>
        </message>
        <message>
            <source>Type it when asked, or pipe it in with --password-stdin.</source>
            <translation>Tapez-le quand il est demandé, ou donnez-le sur l’entrée standard avec --password-stdin.</translation>
        </message>
        <message>
            <source>you signed in as {login_name}, but this folder syncs the files of {user}</source>
            <translation>vous vous êtes connecté en tant que {login_name}, mais ce dossier synchronise les fichiers de {user}</translation>
        </message>
        <message>
            <source>Sign in again as {user}; to sync another account, relink the folder.</source>
            <translation>Reconnectez-vous en tant que {user} ; pour synchroniser un autre compte, liez de nouveau le dossier.</translation>
        </message>
        <message>
            <source>there is no WebDAV folder at {remote_url} any more</source>
            <translation>il n’y a plus de dossier WebDAV à l’adresse {remote_url}</translation>
        </message>
        <message>
            <source>If it moved, relink the folder: cozysync relink NAME URL</source>
            <translation>S’il a été déplacé, liez de nouveau le dossier : cozysync relink NOM URL</translation>
        </message>
        <message>
            <source>{local_dest} is a file, not a folder</source>
            <translation>{local_dest} est un fichier, pas un dossier</translation>
        </message>
        <message>
            <source>cannot create the folder {local_dest}: {strerror}</source>
            <translation>impossible de créer le dossier {local_dest} : {strerror}</translation>
        </message>
        <message>
            <source>{path!r} is not in the folder {name!r}</source>
            <translation>« {path} » n’est pas dans le dossier « {name} »</translation>
        </message>
        <message>
            <source>Give a file or folder inside {local_path}.</source>
            <translation>Donnez un fichier ou un dossier qui se trouve dans {local_path}.</translation>
        </message>
        <message>
            <source>{path!r} is not a file of the folder {name!r}</source>
            <translation>« {path} » n’est pas un fichier du dossier « {name} »</translation>
        </message>
        <message>
            <source>Write it as host:port, e.g. http://proxy.school.example:3128.</source>
            <translation>Écrivez-la sous la forme hôte:port, par exemple http://proxy.school.example:3128.</translation>
        </message>
        <message>
            <source>For example: cozysync proxy set http://proxy.school.example:3128 --user NAME</source>
            <translation>Par exemple : cozysync proxy set http://proxy.school.example:3128 --user NOM</translation>
        </message>
        <message>
            <source>{root} is a file, not a folder</source>
            <translation>{root} est un fichier, pas un dossier</translation>
        </message>
        <message>
            <source>a client certificate is not used with a Cozy yet</source>
            <translation>un certificat client ne s’utilise pas encore avec un Cozy</translation>
        </message>
        <message>
            <source>Link the Cozy without --client-cert.</source>
            <translation>Liez le Cozy sans --client-cert.</translation>
        </message>
        <message>
            <source>{wanted!r} cannot be a folder name</source>
            <translation>« {wanted} » ne peut pas être un nom de dossier</translation>
        </message>
        <message>
            <source>a folder named {wanted!r} is already linked</source>
            <translation>un dossier nommé « {wanted} » est déjà lié</translation>
        </message>
        <message>
            <source>Pick another --name.</source>
            <translation>Choisissez un autre --name.</translation>
        </message>
        <message>
            <source>no folder is linked</source>
            <translation>aucun dossier n’est lié</translation>
        </message>
        <message>
            <source>cannot create the folder {root}: {strerror}</source>
            <translation>impossible de créer le dossier {root} : {strerror}</translation>
        </message>
        <message>
            <source>which folder? No LOCAL_DIR given and no default folder is set</source>
            <translation>quel dossier ? Aucun DOSSIER_LOCAL donné et aucun dossier par défaut n’est réglé</translation>
        </message>
        <message>
            <source>Give it: cozysync link LOCAL_DIR URL</source>
            <translation>Donnez-le : cozysync link DOSSIER_LOCAL URL</translation>
        </message>
        <message>
            <source>which server? No URL given and no default server is set</source>
            <translation>quel serveur ? Aucune URL donnée et aucun serveur par défaut n’est réglé</translation>
        </message>
        <message>
            <source>the desktop app is not installed</source>
            <translation>l’application de bureau n’est pas installée</translation>
        </message>
        <message>
            <source>Install it with: pip install 'cozysync[gui]'</source>
            <translation>Installez-la avec : pip install 'cozysync[gui]'</translation>
        </message>
        <message>
            <source>{maybe}See the folders with: cozysync folders {pair}</source>
            <translation>{maybe}Voyez les dossiers avec : cozysync folders {pair}</translation>
        </message>
        <message>
            <source>Did you mean {name!r}? Upper and lower case count in folder names.</source>
            <translation>Vouliez-vous dire « {name} » ? Les majuscules et minuscules comptent dans les noms de dossier.</translation>
        </message>
        <message>
            <source>there is no folder named {name!r} at the top of {pair!r}, neither on the server nor on this computer, so nothing was changed</source>
            <translation>il n’y a pas de dossier nommé « {name} » à la racine de « {pair} », ni sur le serveur ni sur cet ordinateur : rien n’a été changé</translation>
        </message>
        <message>
            <source>cannot install the desktop files: {strerror} ({filename})</source>
            <translation>impossible d’installer les fichiers du bureau : {strerror} ({filename})</translation>
        </message>
        <message>
            <source>Check that you may write in your home folder and that the disk is not full.</source>
            <translation>Vérifiez que vous pouvez écrire dans votre dossier personnel et que le disque n’est pas plein.</translation>
        </message>
        <message>
            <source>cannot write the start-at-login entry: {strerror} ({filename})</source>
            <translation>impossible d’écrire l’entrée de démarrage à l’ouverture de session : {strerror} ({filename})</translation>
        </message>
        <message>
            <source>cannot remove {target}: {strerror}</source>
            <translation>impossible de supprimer {target} : {strerror}</translation>
        </message>
        <message>
            <source>cannot remove {path}: {strerror}</source>
            <translation>impossible de supprimer {path} : {strerror}</translation>
        </message>
        <message>
            <source>the shortcut {path!r} holds no web address</source>
            <translation>le raccourci « {path} » ne contient pas d’adresse web</translation>
        </message>
        <message>
            <source>Open it from your Cozy's Drive in the browser.</source>
            <translation>Ouvrez-le depuis le Drive de votre Cozy, dans le navigateur.</translation>
        </message>
        <message>
            <source>{path!r} is not there</source>
            <translation>« {path} » n’est pas là</translation>
        </message>
        <message>
            <source>Check the name; the file may not be synced yet.</source>
            <translation>Vérifiez le nom ; le fichier n’est peut-être pas encore synchronisé.</translation>
        </message>
        <message>
            <source>cannot open {path!r}: the desktop's '{command}' command is missing</source>
            <translation>impossible d’ouvrir « {path} » : la commande « {command} » du bureau manque</translation>
        </message>
        <message>
            <source>Install xdg-utils, or open the file from your file manager.</source>
            <translation>Installez xdg-utils, ou ouvrez le fichier depuis votre gestionnaire de fichiers.</translation>
        </message>
        <message>
            <source>cannot read the shortcut {path!r}: {strerror}</source>
            <translation>impossible de lire le raccourci « {path} » : {strerror}</translation>
        </message>
        <message>
            <source>Check that the file is there and that you may read it.</source>
            <translation>Vérifiez que le fichier est là et que vous pouvez le lire.</translation>
        </message>
        <message>
            <source>cannot install the file types: {strerror} ({filename})</source>
            <translation>impossible d’installer les types de fichiers : {strerror} ({filename})</translation>
        </message>
        <message>
            <source>The sync journal {path} was made by a newer cozysync (schema {version}, this one knows {known})</source>
            <translation>Le journal de synchronisation {path} a été créé par un cozysync plus récent (schéma {version}, celui-ci connaît {known})</translation>
        </message>
        <message>
            <source>Update cozysync, or link the folder again.</source>
            <translation>Mettez cozysync à jour, ou liez de nouveau le dossier.</translation>
        </message>
        <message>
            <source>the folder {root_path} is not on your Cozy</source>
            <translation>le dossier {root_path} n’est pas sur votre Cozy</translation>
        </message>
        <message>
            <source>{instance_url!r} is not a Cozy address</source>
            <translation>« {instance_url} » n’est pas l’adresse d’un Cozy</translation>
        </message>
        <message>
            <source>Give https://you.mycozy.cloud</source>
            <translation>Donnez https://vous.mycozy.cloud</translation>
        </message>
        <message>
            <source>your Cozy {origin} moved to another address</source>
            <translation>votre Cozy {origin} a changé d’adresse</translation>
        </message>
        <message>
            <source>Link the folder again with the new address.</source>
            <translation>Liez de nouveau le dossier avec la nouvelle adresse.</translation>
        </message>
        <message>
            <source>cannot open the Cozy tree cache {path}: {exc}</source>
            <translation>impossible d’ouvrir le cache de l’arborescence du Cozy {path} : {exc}</translation>
        </message>
        <message>
            <source>no invitation {sharing_id!r} is waiting on your Cozy (waiting: {listed})</source>
            <translation>aucune invitation « {sharing_id} » n’attend sur votre Cozy (en attente : {listed})</translation>
        </message>
        <message>
            <source>See them with: cozysync invitations</source>
            <translation>Voyez-les avec : cozysync invitations</translation>
        </message>
        <message>
            <source>{origin} refused to register this computer (not a Cozy, or too many tries)</source>
            <translation>{origin} a refusé d’enregistrer cet ordinateur (ce n’est pas un Cozy, ou il y a eu trop d’essais)</translation>
        </message>
        <message>
            <source>Check the address; if it is right, wait an hour and link again.</source>
            <translation>Vérifiez l’adresse ; si elle est juste, attendez une heure et liez de nouveau.</translation>
        </message>
        <message>
            <source>{origin} refused to register this computer: {why}</source>
            <translation>{origin} a refusé d’enregistrer cet ordinateur : {why}</translation>
        </message>
        <message>
            <source>{server_url} does not answer like a Nextcloud or ownCloud server</source>
            <translation>{server_url} ne répond pas comme un serveur Nextcloud ou ownCloud</translation>
        </message>
        <message>
            <source>Check the address, or give a user name and password instead.</source>
            <translation>Vérifiez l’adresse, ou donnez plutôt un nom d’utilisateur et un mot de passe.</translation>
        </message>
        <message>
            <source>{host} refused: {message}</source>
            <translation>{host} a refusé : {message}</translation>
        </message>
        <message>
            <source>the conflict copy {conflict_path!r} is not there any more</source>
            <translation>la copie de conflit « {conflict_path} » n’est plus là</translation>
        </message>
        <message>
            <source>Nothing to choose: run cozysync resolve with --keep both to forget this conflict.</source>
            <translation>Rien à choisir : lancez cozysync resolve avec --keep both pour oublier ce conflit.</translation>
        </message>
        <message>
            <source>the remote check interval must be between {MIN_POLL_S:.0f} s and one day, not {seconds!r}</source>
            <translation>l’intervalle de vérification du serveur doit être entre {MIN_POLL_S:.0f} s et un jour, pas {seconds!r}</translation>
        </message>
        <message>
            <source>a bandwidth limit is a whole number of KiB/s, not {value!r}</source>
            <translation>une limite de débit est un nombre entier de Kio/s, pas {value!r}</translation>
        </message>
        <message>
            <source>Give 0 for no limit.</source>
            <translation>Donnez 0 pour aucune limite.</translation>
        </message>
        <message>
            <source>See them with: cozysync list</source>
            <translation>Voyez-les avec : cozysync list</translation>
        </message>
        <message>
            <source>several folders are linked: choose one with --name ({names})</source>
            <translation>plusieurs dossiers sont liés : choisissez-en un avec --name ({names})</translation>
        </message>
        <message>
            <source>{target} already exists</source>
            <translation>{target} existe déjà</translation>
        </message>
        <message>
            <source>Choose a new name: nothing is replaced.</source>
            <translation>Choisissez un nouveau nom : rien n’est remplacé.</translation>
        </message>
        <message>
            <source>{target} already exists and is not an empty folder</source>
            <translation>{target} existe déjà et n’est pas un dossier vide</translation>
        </message>
        <message>
            <source>Choose a new or empty folder: nothing is replaced.</source>
            <translation>Choisissez un dossier nouveau ou vide : rien n’est remplacé.</translation>
        </message>
        <message>
            <source>cannot create the folder {parent}: {strerror}</source>
            <translation>impossible de créer le dossier {parent} : {strerror}</translation>
        </message>
        <message>
            <source>{item_path!r} cannot be copied here: {problem}</source>
            <translation>« {item_path} » ne peut pas être copié ici : {problem}</translation>
        </message>
        <message>
            <source>{local_dest} overlaps the synced folder {synced_root}</source>
            <translation>{local_dest} chevauche le dossier synchronisé {synced_root}</translation>
        </message>
        <message>
            <source>Choose a destination outside the synced folder: it is left untouched.</source>
            <translation>Choisissez une destination hors du dossier synchronisé : il n’est pas modifié.</translation>
        </message>
        <message>
            <source>there is no {remote_path!r} on the server</source>
            <translation>il n’y a pas de « {remote_path} » sur le serveur</translation>
        </message>
        <message>
            <source>Give its path inside the folder.</source>
            <translation>Donnez son chemin dans le dossier.</translation>
        </message>
        <message>
            <source>--keep must be local, remote or both, not {keep!r}</source>
            <translation>--keep doit valoir local, remote ou both, pas {keep!r}</translation>
        </message>
        <message>
            <source>no conflict is waiting for {rel!r}</source>
            <translation>aucun conflit n’attend pour « {rel} »</translation>
        </message>
        <message>
            <source>See: cozysync conflicts</source>
            <translation>Voyez : cozysync conflicts</translation>
        </message>
        <message>
            <source>'{name}' is not synced with a Cozy: it has no invitations</source>
            <translation>« {name} » n’est pas synchronisé avec un Cozy : il n’a pas d’invitations</translation>
        </message>
        <message>
            <source>Invitations to shared folders come from a Cozy.</source>
            <translation>Les invitations à des dossiers partagés viennent d’un Cozy.</translation>
        </message>
        <message>
            <source>For a Cozy, give its address, like https://alice.mycozy.cloud, or add --cozy.</source>
            <translation>Pour un Cozy, donnez son adresse, comme https://alice.mycozy.cloud, ou ajoutez --cozy.</translation>
        </message>
        <message>
            <source>{title} (nor does it answer like a Cozy)</source>
            <translation>{title} (et il ne répond pas non plus comme un Cozy)</translation>
        </message>
        <message>
            <source>{hint} {for_a_cozy}</source>
            <translation>{hint} {for_a_cozy}</translation>
        </message>
        <message>
            <source>{raw!r} is not the name of a top-level folder</source>
            <translation>« {raw} » n’est pas le nom d’un dossier de premier niveau</translation>
        </message>
        <message>
            <source>Give a folder's name as 'cozysync folders NAME' lists it (no '/').</source>
            <translation>Donnez le nom d’un dossier tel que « cozysync folders NOM » l’affiche (sans « / »).</translation>
        </message>
        <message>
            <source>{count} files are only on this computer (e.g. {example}), nothing was deleted</source>
            <translation>{count} fichiers sont seulement sur cet ordinateur (par exemple {example}) : rien n’a été supprimé</translation>
        </message>
        <message>
            <source>Move them elsewhere or delete them yourself, then unlink again.</source>
            <translation>Déplacez-les ailleurs ou supprimez-les vous-même, puis déliez de nouveau.</translation>
        </message>
        <message>
            <source>not everything is on the server ({message}); nothing was deleted</source>
            <translation>tout n’est pas sur le serveur ({message}) : rien n’a été supprimé</translation>
        </message>
        <message>
            <source>Sync until it is in sync (cozysync sync --once), then unlink again.</source>
            <translation>Synchronisez jusqu’à ce que tout soit à jour (cozysync sync --once), puis déliez de nouveau.</translation>
        </message>
        <message>
            <source>The sync journal {path} failed: {exc}</source>
            <translation>Le journal de synchronisation {path} a échoué : {exc}</translation>
        </message>
        <message>
            <source>Please report this bug.</source>
            <translation>Merci de signaler ce bogue.</translation>
        </message>
        <message>
            <source>The sync journal {path} is locked</source>
            <translation>Le journal de synchronisation {path} est verrouillé</translation>
        </message>
        <message>
            <source>The sync journal {path} is damaged</source>
            <translation>Le journal de synchronisation {path} est abîmé</translation>
        </message>
        <message>
            <source>Unlink and link the folder again to rebuild it; your files are not touched.</source>
            <translation>Déliez puis liez de nouveau le dossier pour le reconstruire ; vos fichiers ne sont pas touchés.</translation>
        </message>
        <message>
            <source>Cannot read or write the sync journal {path}</source>
            <translation>Impossible de lire ou d’écrire le journal de synchronisation {path}</translation>
        </message>
        <message>
            <source>Check that the folder holding it exists and that you may write to it.</source>
            <translation>Vérifiez que le dossier qui le contient existe et que vous pouvez y écrire.</translation>
        </message>
        <message>
            <source>Cannot read or write the sync journal {path} ({strerror})</source>
            <translation>Impossible de lire ou d’écrire le journal de synchronisation {path} ({strerror})</translation>
        </message>
        <message>
            <source>your Cozy asks you to accept its new terms of service</source>
            <translation>votre Cozy vous demande d’accepter ses nouvelles conditions d’utilisation</translation>
        </message>
        <message>
            <source>your Cozy is blocked ({detail})</source>
            <translation>votre Cozy est bloqué ({detail})</translation>
        </message>
        <message>
            <source>your Cozy is blocked</source>
            <translation>votre Cozy est bloqué</translation>
        </message>
        <message>
            <source>Open {origin} in a browser to see why, then sync again.</source>
            <translation>Ouvrez {origin} dans un navigateur pour savoir pourquoi, puis synchronisez de nouveau.</translation>
        </message>
        <message>
            <source>Open {link} in a browser, accept them, then sync again.</source>
            <translation>Ouvrez {link} dans un navigateur, acceptez-les, puis synchronisez de nouveau.</translation>
        </message>
        <message>
            <source>nobody to share with was given</source>
            <translation>personne avec qui partager n’a été donné</translation>
        </message>
        <message>
            <source>no share {share_id!r} of yours is known</source>
            <translation>aucun partage « {share_id} » de votre part n’est connu</translation>
        </message>
        <message>
            <source>{path!r} is not a file or folder on your Cozy yet</source>
            <translation>« {path} » n’est pas encore un fichier ou un dossier de votre Cozy</translation>
        </message>
        <message>
            <source>the whole Cozy is not a folder on your Cozy yet</source>
            <translation>le Cozy entier n’est pas encore un dossier de votre Cozy</translation>
        </message>
        <message>
            <source>the secure connection to {host} failed (TLS certificate or protocol)</source>
            <translation>la connexion sécurisée à {host} a échoué (certificat ou protocole TLS)</translation>
        </message>
        <message>
            <source>Check the server address and its certificate, and this computer's date.</source>
            <translation>Vérifiez l’adresse du serveur et son certificat, ainsi que la date de cet ordinateur.</translation>
        </message>
        <message>
            <source>{product_name} at {base_url} offers no browser login</source>
            <translation>{product_name} à l’adresse {base_url} ne propose pas de connexion par le navigateur</translation>
        </message>
        <message>
            <source>Give your user name and an app password (made in the server's settings, under Security) instead.</source>
            <translation>Donnez plutôt votre nom d’utilisateur et un mot de passe d’application (créé dans les paramètres du serveur, rubrique Sécurité).</translation>
        </message>
        <message>
            <source>{path!r} is not on {host} yet ({message})</source>
            <translation>« {path} » n’est pas encore sur {host} ({message})</translation>
        </message>
        <message>
            <source>this server cannot share: {host} has no sharing API (files_sharing)</source>
            <translation>ce serveur ne peut pas partager : {host} n’a pas d’API de partage (files_sharing)</translation>
        </message>
        <message>
            <source>the proxy configuration file {source} gave no answer for {host}</source>
            <translation>le fichier de configuration du proxy {source} n’a pas donné de réponse pour {host}</translation>
        </message>
        <message>
            <source>the proxy configuration file {address} is not a valid PAC file ({exc})</source>
            <translation>le fichier de configuration du proxy {address} n’est pas un fichier PAC valide ({exc})</translation>
        </message>
        <message>
            <source>the proxy configuration file {address} is not a valid PAC file ({name}: {exc})</source>
            <translation>le fichier de configuration du proxy {address} n’est pas un fichier PAC valide ({name} : {exc})</translation>
        </message>
        <message>
            <source>the proxy configuration file {source} failed for {host} ({name}: {exc})</source>
            <translation>le fichier de configuration du proxy {source} a échoué pour {host} ({name} : {exc})</translation>
        </message>
        <message>
            <source>this server does not tell the ids of its files</source>
            <translation>ce serveur ne donne pas les identifiants de ses fichiers</translation>
        </message>
        <message>
            <source>Open it from the server's web page; only Nextcloud and ownCloud tell them.</source>
            <translation>Ouvrez-le depuis la page web du serveur ; seuls Nextcloud et ownCloud les donnent.</translation>
        </message>
        <message>
            <source>{wanted!r} is not among the deleted files of {name!r}</source>
            <translation>« {wanted} » ne fait pas partie des fichiers supprimés de « {name} »</translation>
        </message>
        <message>
            <source>See them with: cozysync trash {name}</source>
            <translation>Voyez-les avec : cozysync trash {name}</translation>
        </message>
        <message>
            <source>{to!r} is not a folder inside {name!r}</source>
            <translation>« {to} » n’est pas un dossier de « {name} »</translation>
        </message>
        <message>
            <source>there is no folder {to!r} in {name!r}</source>
            <translation>il n’y a pas de dossier « {to} » dans « {name} »</translation>
        </message>
        <message>
            <source>'{absolute}' is not in a synced folder</source>
            <translation>« {absolute} » n’est pas dans un dossier synchronisé</translation>
        </message>
        <message>
            <source>'{name}' is synced with a server that has no web app cozysync can open</source>
            <translation>« {name} » est synchronisé avec un serveur qui n’a pas d’application web que cozysync sait ouvrir</translation>
        </message>
        <message>
            <source>{wanted!r} could be several people or groups: {names}</source>
            <translation>« {wanted} » peut désigner plusieurs personnes ou groupes : {names}</translation>
        </message>
        <message>
            <source>no one called {wanted!r} is in your address book</source>
            <translation>personne ne s’appelle « {wanted} » dans votre carnet d’adresses</translation>
        </message>
        <message>
            <source>this server has no trash cozysync can read</source>
            <translation>ce serveur n’a pas de corbeille que cozysync sait lire</translation>
        </message>
        <message>
            <source>Only what cozysync sent to this computer's trash can be put back here.</source>
            <translation>Seul ce que cozysync a mis dans la corbeille de cet ordinateur peut être remis en place ici.</translation>
        </message>
        <message>
            <source>{rel!r} is no longer in the server's trash: it was not put back</source>
            <translation>« {rel} » n’est plus dans la corbeille du serveur : il n’a pas été remis en place</translation>
        </message>
        <message>
            <source>See the deleted files with: cozysync trash {name}</source>
            <translation>Voyez les fichiers supprimés avec : cozysync trash {name}</translation>
        </message>
        <message>
            <source>there is no folder {to!r} on the server</source>
            <translation>il n’y a pas de dossier « {to} » sur le serveur</translation>
        </message>
        <message>
            <source>too many copies of this version of {path!r}</source>
            <translation>trop de copies de cette version de « {path} »</translation>
        </message>
        <message>
            <source>the server keeps no version {version_id!r} of {rel!r}</source>
            <translation>le serveur ne garde pas de version « {version_id} » de « {rel} »</translation>
        </message>
        <message>
            <source>See the versions kept now with: cozysync versions PATH</source>
            <translation>Voyez les versions gardées en ce moment avec : cozysync versions CHEMIN</translation>
        </message>
        <message>
            <source>no free name was found for a copy of {rel!r}</source>
            <translation>aucun nom libre n’a été trouvé pour une copie de « {rel} »</translation>
        </message>
        <message>
            <source>{version_id!r} is not a version's id</source>
            <translation>« {version_id} » n’est pas l’identifiant d’une version</translation>
        </message>
        <message>
            <source>See the ids with: cozysync versions PATH</source>
            <translation>Voyez les identifiants avec : cozysync versions CHEMIN</translation>
        </message>
        <message>
            <source>this server keeps no old versions of files</source>
            <translation>ce serveur ne garde pas d’anciennes versions des fichiers</translation>
        </message>
        <message>
            <source>Only a Cozy or a Nextcloud keeps them; a plain WebDAV server does not.</source>
            <translation>Seuls un Cozy ou un Nextcloud les gardent ; un simple serveur WebDAV, non.</translation>
        </message>
        <message>
            <source>this computer's login to your Cozy cannot read your contacts yet</source>
            <translation>la connexion de cet ordinateur à votre Cozy ne peut pas encore lire vos contacts</translation>
        </message>
        <message>
            <source>Sign in again once: cozysync login (sharing with people needs the permission to read your contacts, which older logins did not ask).</source>
            <translation>Reconnectez-vous une fois : cozysync login (partager avec des personnes demande la permission de lire vos contacts, que les anciennes connexions ne demandaient pas).</translation>
        </message>
        <message>
            <source>the proxy configuration file {address} cannot be run: the JavaScript engine (dukpy) does not start ({name}: {exc})</source>
            <translation>le fichier de configuration du proxy {address} ne peut pas être exécuté : le moteur JavaScript (dukpy) ne démarre pas ({name} : {exc})</translation>
        </message>
        <message>
            <source>this server cannot share: {server} has no sharing API (plain WebDAV)</source>
            <translation>ce serveur ne peut pas partager : {server} n’a pas d’API de partage (simple WebDAV)</translation>
        </message>
        <message>
            <source>Share from the server's own web page, or sync with a Cozy or a Nextcloud.</source>
            <translation>Partagez depuis la page web du serveur, ou synchronisez avec un Cozy ou un Nextcloud.</translation>
        </message>
        <message>
            <source>{rel!r} is not shared with {who!r}</source>
            <translation>« {rel} » n’est pas partagé avec « {who} »</translation>
        </message>
        <message>
            <source>{rel!r} is not shared</source>
            <translation>« {rel} » n’est pas partagé</translation>
        </message>
        <message>
            <source>See what is shared with: cozysync shares</source>
            <translation>Voyez ce qui est partagé avec : cozysync shares</translation>
        </message>
        <message>
            <source>something is already at {wanted!r}: nothing was overwritten</source>
            <translation>quelque chose se trouve déjà à « {wanted} » : rien n’a été écrasé</translation>
        </message>
        <message>
            <source>Put it back in another folder with --to DIR, or move what is there first.</source>
            <translation>Remettez-le dans un autre dossier avec --to DOSSIER, ou déplacez d’abord ce qui s’y trouve.</translation>
        </message>
        <message>
            <source>Put it back in another folder than {to!r} with --to DIR, or move what is there first.</source>
            <translation>Remettez-le dans un autre dossier que « {to} » avec --to DOSSIER, ou déplacez d’abord ce qui s’y trouve.</translation>
        </message>
        <message>
            <source>See the synced folders with: cozysync list</source>
            <translation>Voyez les dossiers synchronisés avec : cozysync list</translation>
        </message>
        <message>
            <source>Open the item from the server's own web page.</source>
            <translation>Ouvrez l’élément depuis la page web du serveur.</translation>
        </message>
        <message>
            <source>{text!r} is not a whole number of KiB/s (0: no limit)</source>
            <translation>« {text} » n’est pas un nombre entier de Kio/s (0 : pas de limite)</translation>
        </message>
        <message>
            <source>{text!r} is not a number of items (1 or more)</source>
            <translation>« {text} » n’est pas un nombre d’éléments (1 ou plus)</translation>
        </message>
        <message>
            <source>no share {share_id!r} made with you is known</source>
            <translation>aucun partage « {share_id} » fait avec vous n’est connu</translation>
        </message>
        <message>
            <source>Sync it first (cozysync sync), then share it; the whole Cozy cannot be shared, only what is in it.</source>
            <translation>Synchronisez-le d’abord (cozysync sync), puis partagez-le ; le Cozy entier ne peut pas être partagé, seulement ce qu’il contient.</translation>
        </message>
        <message>
            <source>Sync it first (cozysync sync), then share it.</source>
            <translation>Synchronisez-le d’abord (cozysync sync), puis partagez-le.</translation>
        </message>
        <message>
            <source>Ask its administrator to enable sharing, or share from its web page.</source>
            <translation>Demandez à son administrateur d’activer le partage, ou partagez depuis sa page web.</translation>
        </message>
        <message>
            <source>no free name for {name!r} in {parent}</source>
            <translation>aucun nom libre pour « {name} » dans {parent}</translation>
        </message>
        <message>
            <source>{rel!r} is not shared with you</source>
            <translation>« {rel} » n’est pas partagé avec vous</translation>
        </message>
        <message>
            <source>See what is shared with you: cozysync shares</source>
            <translation>Voyez ce qui est partagé avec vous : cozysync shares</translation>
        </message>
        <message>
            <source>Give the whole name as the address book writes it.</source>
            <translation>Donnez le nom complet, tel que le carnet d’adresses l’écrit.</translation>
        </message>
        <message>
            <source>Check the spelling, or add them to your contacts on the server first.</source>
            <translation>Vérifiez l’orthographe, ou ajoutez d’abord la personne à vos contacts sur le serveur.</translation>
        </message>
        <message>
            <source>cozysync will look for changes by rescanning.</source>
            <translation>cozysync cherchera les changements en parcourant de nouveau le dossier.</translation>
        </message>
        <message>
            <source>the sync was stopped</source>
            <translation>la synchronisation a été arrêtée</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Invitations to shared folders</source>
            <translation>Invitations à des dossiers partagés</translation>
        </message>
        <message>
            <source>Accept…</source>
            <translation>Accepter…</translation>
        </message>
        <message>
            <source>Opens your Cozy's page to accept it</source>
            <translation>Ouvre la page de votre Cozy pour l'accepter</translation>
        </message>
        <message>
            <source>Decline</source>
            <translation>Refuser</translation>
        </message>
        <message>
            <source>sent to the cloud</source>
            <translation>envoyé dans le cloud</translation>
        </message>
        <message>
            <source>received from the cloud</source>
            <translation>reçu du cloud</translation>
        </message>
        <message>
            <source>folder created in the cloud</source>
            <translation>dossier créé dans le cloud</translation>
        </message>
        <message>
            <source>folder created on this computer</source>
            <translation>dossier créé sur cet ordinateur</translation>
        </message>
        <message>
            <source>moved in the cloud</source>
            <translation>déplacé dans le cloud</translation>
        </message>
        <message>
            <source>moved on this computer</source>
            <translation>déplacé sur cet ordinateur</translation>
        </message>
        <message>
            <source>deleted in the cloud</source>
            <translation>supprimé dans le cloud</translation>
        </message>
        <message>
            <source>moved to the trash</source>
            <translation>mis à la corbeille</translation>
        </message>
        <message>
            <source>changed on both sides: both kept</source>
            <translation>modifié des deux côtés : les deux gardés</translation>
        </message>
        <message>
            <source>changed on both sides: both kept in the cloud</source>
            <translation>modifié des deux côtés : les deux gardés dans le cloud</translation>
        </message>
        <message>
            <source>a file and a folder had one name: both kept</source>
            <translation>un fichier et un dossier avaient le même nom : les deux gardés</translation>
        </message>
        <message>
            <source>a file and a folder had one name: both kept in the cloud</source>
            <translation>un fichier et un dossier avaient le même nom : les deux gardés dans le cloud</translation>
        </message>
        <message>
            <source>Show it in its folder</source>
            <translation>Afficher dans son dossier</translation>
        </message>
        <message>
            <source>Nothing synced yet</source>
            <translation>Rien de synchronisé pour l’instant</translation>
        </message>
        <message numerus="yes">
            <source>Choose between versions (%n)…</source>
            <translation>
                <numerusform>Choisir entre deux versions (%n)…</numerusform>
                <numerusform>Choisir entre deux versions (%n)…</numerusform>
            </translation>
        </message>
        <message>
            <source>Resume syncing</source>
            <translation>Reprendre la synchronisation</translation>
        </message>
        <message>
            <source>Pause syncing</source>
            <translation>Mettre en pause</translation>
        </message>
        <message>
            <source>Link a folder…</source>
            <translation>Relier un dossier…</translation>
        </message>
        <message>
            <source>Open my cloud in the browser</source>
            <translation>Ouvrir mon cloud dans le navigateur</translation>
        </message>
        <message>
            <source>Open the page</source>
            <translation>Ouvrir la page</translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Pause for one hour</source>
            <translation>Mettre en pause une heure</translation>
        </message>
        <message>
            <source>Pause one folder</source>
            <translation>Mettre un dossier en pause</translation>
        </message>
        <message>
            <source>Deleted files…</source>
            <translation>Fichiers supprimés…</translation>
        </message>
        <message>
            <source>Recent activity</source>
            <translation>Activité récente</translation>
        </message>
        <message>
            <source>No problems</source>
            <translation>Aucun problème</translation>
        </message>
        <message>
            <source>Preferences…</source>
            <translation>Préférences…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message numerus="yes">
            <source>Problems (%n)</source>
            <translation>
                <numerusform>Problèmes (%n)</numerusform>
                <numerusform>Problèmes (%n)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… et %n autre</numerusform>
                <numerusform>… et %n autres</numerusform>
            </translation>
        </message>
        <message>
            <source>Open the folder that holds it</source>
            <translation>Ouvrir le dossier qui le contient</translation>
        </message>
        <message>
            <source>Pause %1</source>
            <translation>Mettre %1 en pause</translation>
        </message>
        <message>
            <source>Pause %1 for one hour</source>
            <translation>Mettre %1 en pause une heure</translation>
        </message>
        <message>
            <source>Resume %1</source>
            <translation>Reprendre %1</translation>
        </message>
        <message>
            <source>Open %1</source>
            <translation>Ouvrir %1</translation>
        </message>
        <message>
            <source>Sign in again to %1…</source>
            <translation>Se reconnecter à %1…</translation>
        </message>
        <message>
            <source>Review deletions in %1…</source>
            <translation>Revoir les suppressions dans %1…</translation>
        </message>
        <message>
            <source>Choose the folder to share</source>
            <translation>Choisissez le dossier à partager</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>Menu</translation>
        </message>
        <message>
            <source>Open the folder</source>
            <translation>Ouvrir le dossier</translation>
        </message>
        <message>
            <source>Share…</source>
            <translation>Partager…</translation>
        </message>
        <message>
            <source>Versions…</source>
            <translation>Versions…</translation>
        </message>
        <message>
            <source>Open online</source>
            <translation>Ouvrir en ligne</translation>
        </message>
        <message>
            <source>Review deletions…</source>
            <translation>Revoir les suppressions…</translation>
        </message>
        <message>
            <source>Versions of a file…</source>
            <translation>Versions d’un fichier…</translation>
        </message>
        <message>
            <source>Folders</source>
            <translation>Dossiers</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <source>Stopped: deleted files wait for your answer</source>
            <translation>Arrêté : des fichiers supprimés attendent votre réponse</translation>
        </message>
        <message>
            <source>Your cloud refused the login of %1.</source>
            <translation>Votre cloud a refusé la connexion de %1.</translation>
        </message>
    </context>
    <context>
        <name>SyncState</name>
        <message numerus="yes">
            <source>%n file(s) left</source>
            <translation>
                <numerusform>%n fichier restant</numerusform>
                <numerusform>%n fichiers restants</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a folder to keep in sync with your cloud.</source>
            <translation>Choisissez un dossier à synchroniser avec votre cloud.</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting; they will be sent when the connection is back</source>
            <translation>
                <numerusform>%n modification en attente ; elle sera envoyée au retour de la connexion</numerusform>
                <numerusform>%n modifications en attente ; elles seront envoyées au retour de la connexion</numerusform>
            </translation>
        </message>
        <message>
            <source>Your changes wait until you resume.</source>
            <translation>Vos modifications attendent que vous repreniez.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) synced so far</source>
            <translation>
                <numerusform>%n fichier synchronisé pour l’instant</numerusform>
                <numerusform>%n fichiers synchronisés pour l’instant</numerusform>
            </translation>
        </message>
        <message>
            <source>No folder linked yet</source>
            <translation>Aucun dossier relié pour l’instant</translation>
        </message>
        <message>
            <source>Up to date</source>
            <translation>À jour</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>Hors ligne</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Needs your attention</source>
            <translation>Demande votre attention</translation>
        </message>
        <message>
            <source>The connection is metered: syncing waits for another one.</source>
            <translation>La connexion est limitée : la synchronisation attend une autre connexion.</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) waiting to be sent</source>
            <translation>
                <numerusform>%n modification en attente d’envoi</numerusform>
                <numerusform>%n modifications en attente d’envoi</numerusform>
            </translation>
        </message>
        <message>
            <source>Looking for changes…</source>
            <translation>Recherche des modifications…</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) changed on both sides</source>
            <translation>
                <numerusform>%n fichier modifié des deux côtés</numerusform>
                <numerusform>%n fichiers modifiés des deux côtés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n problem(s)</source>
            <translation>
                <numerusform>%n problème</numerusform>
                <numerusform>%n problèmes</numerusform>
            </translation>
        </message>
        <message>
            <source>Last sync at %1</source>
            <translation>Dernière synchronisation à %1</translation>
        </message>
        <message>
            <source>%1 left</source>
            <translation>%1 restants</translation>
        </message>
        <message>
            <source>Paused: %1</source>
            <translation>En pause : %1</translation>
        </message>
        <message>
            <source>Sync resumes at %1</source>
            <translation>La synchronisation reprend à %1</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message numerus="yes">
            <source>%n file(s) on the server only</source>
            <translation>
                <numerusform>%n fichier seulement sur le serveur</numerusform>
                <numerusform>%n fichiers seulement sur le serveur</numerusform>
            </translation>
        </message>
        <message>
            <source>two-way sync</source>
            <translation>synchronisation dans les deux sens</translation>
        </message>
        <message>
            <source>backup</source>
            <translation>sauvegarde</translation>
        </message>
        <message>
            <source>download only</source>
            <translation>réception seulement</translation>
        </message>
        <message>
            <source>Changes made here go to the cloud, and the cloud's come here.</source>
            <translation>Les modifications faites ici vont dans le cloud, et celles du cloud arrivent ici.</translation>
        </message>
        <message>
            <source>What you create or change here is sent to the cloud; nothing here is ever changed, and what you delete here stays in the cloud.</source>
            <translation>Ce que vous créez ou modifiez ici est envoyé dans le cloud ; rien n’est jamais modifié ici, et ce que vous supprimez ici reste dans le cloud.</translation>
        </message>
        <message>
            <source>The cloud's changes come here; nothing is ever sent to the cloud.</source>
            <translation>Les modifications du cloud arrivent ici ; rien n’est jamais envoyé dans le cloud.</translation>
        </message>
    </context>
    <context>
        <name>Progress</name>
        <message numerus="yes">
            <source>about %n hour(s) left</source>
            <translation>
                <numerusform>environ %n heure restante</numerusform>
                <numerusform>environ %n heures restantes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n file(s)</source>
            <translation>
                <numerusform>%1 sur %n fichier</numerusform>
                <numerusform>%1 sur %n fichiers</numerusform>
            </translation>
        </message>
        <message>
            <source>less than a minute left</source>
            <translation>moins d’une minute restante</translation>
        </message>
        <message numerus="yes">
            <source>about %n minute(s) left</source>
            <translation>
                <numerusform>environ %n minute restante</numerusform>
                <numerusform>environ %n minutes restantes</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 sur %2</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation>%1 %</translation>
        </message>
    </context>
    <context>
        <name>ShareRequests</name>
        <message>
            <source>Sharing failed: %1</source>
            <translation>Le partage a échoué : %1</translation>
        </message>
        <message>
            <source>Link copied</source>
            <translation>Lien copié</translation>
        </message>
        <message>
            <source>No link was made</source>
            <translation>Aucun lien n'a été créé</translation>
        </message>
    </context>
    <context>
        <name>VersionsFlow</name>
        <message>
            <source>You are offline: the old version of %1 will be restored as soon as your cloud can be reached. Nothing was changed yet.</source>
            <translation>Vous êtes hors ligne : l’ancienne version de %1 sera restaurée dès que votre cloud sera joignable. Rien n’a encore été changé.</translation>
        </message>
        <message>
            <source>The old version of %1 is in your cloud beside it, as %2; the sync brings it to this computer.</source>
            <translation>L’ancienne version de %1 est dans votre cloud à côté, sous le nom %2 ; la synchronisation l’apporte sur cet ordinateur.</translation>
        </message>
        <message>
            <source>The old version of %1 is the current one in your cloud again; the sync brings it to this computer.</source>
            <translation>L’ancienne version de %1 est de nouveau la version actuelle dans votre cloud ; la synchronisation l’apporte sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Which file's versions?</source>
            <translation>Les versions de quel fichier ?</translation>
        </message>
        <message>
            <source>Old version restored</source>
            <translation>Ancienne version restaurée</translation>
        </message>
    </context>
    <context>
        <name>Window</name>
        <message>
            <source>cozysync keeps syncing in the background.</source>
            <translation>cozysync continue de synchroniser en arrière-plan.</translation>
        </message>
        <message>
            <source>To see this window again, open cozysync again from your applications menu (or run: cozysync gui). To stop syncing, choose Quit in this window.</source>
            <translation>Pour revoir cette fenêtre, ouvrez de nouveau cozysync depuis le menu des applications (ou lancez : cozysync gui). Pour arrêter la synchronisation, choisissez Quitter dans cette fenêtre.</translation>
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <source>cozysync: {what} is shared with you by {who}: leaving it needs --yes (it no longer follows their changes; your files here are kept)</source>
            <translation>cozysync : {what} est partagé avec vous par {who} : pour le quitter, ajoutez --yes (il ne suivra plus ses modifications ; vos fichiers ici sont gardés)</translation>
        </message>
        <message>
            <source>Leave {what}, shared with you by {who}? It will no longer follow their changes; your files here are kept. [y/N] </source>
            <translation>Quitter {what}, partagé avec vous par {who} ? Il ne suivra plus ses modifications ; vos fichiers ici sont gardés. [o/N] </translation>
        </message>
        <message>
            <source>Nothing was changed.</source>
            <translation>Rien n’a été changé.</translation>
        </message>
        <message>
            <source>Left {what}, shared with you by {who}.</source>
            <translation>Vous avez quitté {what}, partagé avec vous par {who}.</translation>
        </message>
        <message>
            <source>It is no longer synced; your files from it are kept on this computer in: {path}</source>
            <translation>Il n’est plus synchronisé ; ses fichiers sont gardés sur cet ordinateur dans : {path}</translation>
        </message>
        <message>
            <source>Your cloud keeps a copy of it, no longer updated by its owner; the next sync gives it the new name your cloud chose.</source>
            <translation>Votre cloud en garde une copie, que son propriétaire ne met plus à jour ; la prochaine synchro lui donne ici le nouveau nom choisi par votre cloud.</translation>
        </message>
        <message>
            <source>bytes</source>
            <translation>octets</translation>
        </message>
        <message>
            <source>KB</source>
            <translation>ko</translation>
        </message>
        <message>
            <source>MB</source>
            <translation>Mo</translation>
        </message>
        <message>
            <source>GB</source>
            <translation>Go</translation>
        </message>
        <message>
            <source>The cozysync app is not running: start it, then try again.</source>
            <translation>L’app cozysync n’est pas lancée : lancez-la, puis réessayez.</translation>
        </message>
        <message>
            <source>Sync it with: cozysync sync --once %1</source>
            <translation>Synchronisez-le avec : cozysync sync --once %1</translation>
        </message>
        <message>
            <source>To let this computer sync with your Cozy, open this address in a browser and
approve it (it waits here for 10 minutes):</source>
            <translation>Pour que cet ordinateur se synchronise avec votre Cozy, ouvrez cette adresse dans un
navigateur et approuvez-le (il attend ici 10 minutes) :</translation>
        </message>
        <message>
            <source>If your Cozy says it already has the most devices it allows: remove one in the
Cozy's settings (Connected devices); the page reloads by itself, then approve.</source>
            <translation>Si votre Cozy dit qu’il a déjà le nombre maximal d’appareils : retirez-en un dans
ses paramètres (Appareils connectés) ; la page se recharge d’elle-même, puis approuvez.</translation>
        </message>
        <message>
            <source>cozysync: stopping (press Ctrl-C again to quit at once)</source>
            <translation>cozysync: arrêt en cours (appuyez de nouveau sur Ctrl-C pour quitter tout de suite)</translation>
        </message>
        <message>
            <source>Watching %1 &lt;-&gt; %2 (Ctrl-C to stop)</source>
            <translation>Surveillance de %1 &lt;-&gt; %2 (Ctrl-C pour arrêter)</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>Arrêté.</translation>
        </message>
        <message>
            <source>Linked %1: %2 &lt;-&gt; %3</source>
            <translation>Lié %1 : %2 &lt;-&gt; %3</translation>
        </message>
        <message>
            <source>Logged in through the browser: the app password made for this computer is kept.</source>
            <translation>Connecté par le navigateur : le mot de passe d’application créé pour cet ordinateur est gardé.</translation>
        </message>
        <message>
            <source>%1 does not answer like a Cozy: it is linked as a WebDAV folder.</source>
            <translation>%1 ne répond pas comme un Cozy : il est lié comme un dossier WebDAV.</translation>
        </message>
        <message>
            <source>Not synced on this computer, as chosen before on your Cozy: %1 (cozysync folders --include NAME to sync one).</source>
            <translation>Non synchronisés sur cet ordinateur, comme choisi avant sur votre Cozy : %1 (cozysync folders --include NOM pour en synchroniser un).</translation>
        </message>
        <message>
            <source>On your Cozy, another device, or this computer before a reinstall, leaves out: %1. They are synced here; to leave them out here too: cozysync folders --exclude NAME (or link with --keep-left-out).</source>
            <translation>Sur votre Cozy, un autre appareil, ou cet ordinateur avant une réinstallation, laisse de côté : %1. Ils sont synchronisés ici ; pour les laisser de côté ici aussi : cozysync folders --exclude NOM (ou link avec --keep-left-out).</translation>
        </message>
        <message>
            <source>The folder already holds files: the first sync merges them with the server's.</source>
            <translation>Le dossier contient déjà des fichiers : la première synchronisation les fusionne avec ceux du serveur.</translation>
        </message>
        <message>
            <source>Demo server: %1 (serving %2)</source>
            <translation>Serveur de démonstration : %1 (il sert %2)</translation>
        </message>
        <message>
            <source>Now watching: change files in the demo folder or the server's folder.</source>
            <translation>Surveillance en cours : modifiez des fichiers dans le dossier de démonstration ou dans celui du serveur.</translation>
        </message>
        <message>
            <source>Press Ctrl-C to stop.</source>
            <translation>Appuyez sur Ctrl-C pour arrêter.</translation>
        </message>
        <message>
            <source>Demo folder: %1</source>
            <translation>Dossier de démonstration : %1</translation>
        </message>
        <message numerus="yes">
            <source>Restored %n item(s) (%1) into %2.</source>
            <translation>
                <numerusform>%n élément restauré (%1) dans %2.</numerusform>
                <numerusform>%n éléments restaurés (%1) dans %2.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: still %2 (all folders are paused)</source>
            <translation>%1: toujours %2 (tous les dossiers sont en pause)</translation>
        </message>
        <message>
            <source>Lift the pause of all folders with: cozysync resume</source>
            <translation>Levez la pause de tous les dossiers avec : cozysync resume</translation>
        </message>
        <message>
            <source>Unlinked '%1' and deleted its local files.</source>
            <translation>« %1 » n’est plus lié, et ses fichiers locaux sont supprimés.</translation>
        </message>
        <message>
            <source>Unlinked '%1'.</source>
            <translation>« %1 » n’est plus lié.</translation>
        </message>
        <message>
            <source>cozysync: not restored: %1: %2</source>
            <translation>cozysync: pas restauré : %1 : %2</translation>
        </message>
        <message>
            <source>paused until resumed (cozysync resume)</source>
            <translation>en pause jusqu’à la reprise (cozysync resume)</translation>
        </message>
        <message>
            <source>cozysync: warning: %1</source>
            <translation>cozysync: attention : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) were already there with the same content.</source>
            <translation>
                <numerusform>%n fichier était déjà là avec le même contenu.</numerusform>
                <numerusform>%n fichiers étaient déjà là avec le même contenu.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>cozysync: ... and %n more not overwritten</source>
            <translation>
                <numerusform>cozysync: ... et %n autre pas écrasé</numerusform>
                <numerusform>cozysync: ... et %n autres pas écrasés</numerusform>
            </translation>
        </message>
        <message>
            <source>paused until %1</source>
            <translation>en pause jusqu’à %1</translation>
        </message>
        <message>
            <source>%1: resumed</source>
            <translation>%1: synchronisation reprise</translation>
        </message>
        <message>
            <source>cozysync: not overwritten (something else is there): %1</source>
            <translation>cozysync: pas écrasé (autre chose est déjà là) : %1</translation>
        </message>
        <message>
            <source>The shared drive will be synced in %1, as the folder '%2'.</source>
            <translation>Le drive partagé sera synchronisé dans %1, dans le dossier « %2 ».</translation>
        </message>
        <message>
            <source>yours</source>
            <translation>à vous</translation>
        </message>
        <message>
            <source>The shared drive '%1' is no longer synced; its files stay here.</source>
            <translation>Le drive partagé « %1 » n’est plus synchronisé ; ses fichiers restent ici.</translation>
        </message>
        <message>
            <source>read-only</source>
            <translation>en lecture seule</translation>
        </message>
        <message>
            <source>can edit</source>
            <translation>modifiable</translation>
        </message>
        <message>
            <source>--to and --as go with --add DRIVE</source>
            <translation>--to et --as vont avec --add DRIVE</translation>
        </message>
        <message>
            <source>See: cozysync drives --help</source>
            <translation>Voyez : cozysync drives --help</translation>
        </message>
        <message>
            <source>Your Cozy shares no drive with you.</source>
            <translation>Votre Cozy ne partage aucun drive avec vous.</translation>
        </message>
        <message>
            <source>  a single file: open it in your Cozy's Drive</source>
            <translation>  un seul fichier : ouvrez-le dans le Drive de votre Cozy</translation>
        </message>
        <message>
            <source>--add needs the folder to sync the drive in</source>
            <translation>--add a besoin du dossier où synchroniser le drive</translation>
        </message>
        <message>
            <source>Give it with --to DIR, like: cozysync drives --add DRIVE --to ~/Drives/DRIVE</source>
            <translation>Donnez-le avec --to DOSSIER, par exemple : cozysync drives --add DRIVE --to ~/Drives/DRIVE</translation>
        </message>
        <message>
            <source>  synced as the folder '%1'</source>
            <translation>  synchronisé dans le dossier « %1 »</translation>
        </message>
        <message>
            <source>'%1' (shared by %2, %3)  id: %4</source>
            <translation>« %1 » (partagé par %2, %3)  id : %4</translation>
        </message>
        <message>
            <source>'%1' is not in a synced folder</source>
            <translation>« %1 » n’est dans aucun dossier synchronisé</translation>
        </message>
        <message>
            <source>See the synced folders with: cozysync list</source>
            <translation>Voyez les dossiers synchronisés avec : cozysync list</translation>
        </message>
        <message>
            <source>Opening %1 with its application</source>
            <translation>Ouverture de %1 avec son application</translation>
        </message>
        <message>
            <source>No browser could be started: open this address yourself:</source>
            <translation>Aucun navigateur n’a pu être lancé : ouvrez vous-même cette adresse :</translation>
        </message>
        <message>
            <source>Opening %1 in the online editor: %2</source>
            <translation>Ouverture de %1 dans l’éditeur en ligne : %2</translation>
        </message>
        <message>
            <source>Opening %1 in the Notes app: %2</source>
            <translation>Ouverture de %1 dans l’application Notes : %2</translation>
        </message>
        <message>
            <source>Opening %1 in the web app, in its folder: %2</source>
            <translation>Ouverture de %1 dans l’application web, dans son dossier : %2</translation>
        </message>
        <message>
            <source>'%1' is synced with a server that has no web app cozysync can open</source>
            <translation>« %1 » est synchronisé avec un serveur qui n’a pas d’application web que cozysync sait ouvrir</translation>
        </message>
        <message>
            <source>Open the item from the server's own web page.</source>
            <translation>Ouvrez-le depuis la page web du serveur.</translation>
        </message>
        <message>
            <source>Opening the shortcut's address: %1</source>
            <translation>Ouverture de l’adresse du raccourci : %1</translation>
        </message>
        <message>
            <source>this server does not tell the ids of its files</source>
            <translation>ce serveur ne donne pas les identifiants de ses fichiers</translation>
        </message>
        <message>
            <source>Open it from the server's web page; only Nextcloud and ownCloud tell them.</source>
            <translation>Ouvrez-le depuis la page web du serveur ; seuls Nextcloud et ownCloud les donnent.</translation>
        </message>
        <message>
            <source>server's version:</source>
            <translation>version du cloud :</translation>
        </message>
        <message>
            <source>this computer's version:</source>
            <translation>version de cet ordinateur :</translation>
        </message>
        <message>
            <source>error:</source>
            <translation>erreur :</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n files</source>
            <translation>
                <numerusform>%1 sur %n fichier</numerusform>
                <numerusform>%1 sur %n fichiers</numerusform>
            </translation>
        </message>
        <message>
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message>
            <source>No folder is linked. Link one with: cozysync link DIR URL</source>
            <translation>Aucun dossier n’est lié. Liez-en un avec : cozysync link DOSSIER URL</translation>
        </message>
        <message>
            <source>Choose with: cozysync resolve PATH --keep local|remote|both</source>
            <translation>Choisissez avec : cozysync resolve CHEMIN --keep local|remote|both</translation>
        </message>
        <message>
            <source>less than a minute left</source>
            <translation>moins d’une minute restante</translation>
        </message>
        <message>
            <source>until you resume (cozysync resume)</source>
            <translation>jusqu’à ce que vous repreniez (cozysync resume)</translation>
        </message>
        <message numerus="yes">
            <source>%n files on the server only (kept after a deletion here, or added there)</source>
            <translation>
                <numerusform>%n fichier seulement sur le serveur (gardé après une suppression ici, ou ajouté là-bas)</numerusform>
                <numerusform>%n fichiers seulement sur le serveur (gardés après une suppression ici, ou ajoutés là-bas)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n local changes</source>
            <translation>
                <numerusform>%n modification locale</numerusform>
                <numerusform>%n modifications locales</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items left out by .cozyignore</source>
            <translation>
                <numerusform>%n élément laissé de côté par .cozyignore</numerusform>
                <numerusform>%n éléments laissés de côté par .cozyignore</numerusform>
            </translation>
        </message>
        <message>
            <source>(see: cozysync conflicts)</source>
            <translation>(voir : cozysync conflicts)</translation>
        </message>
        <message>
            <source>No conflicts.</source>
            <translation>Aucun conflit.</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more (cozysync status lists them all)</source>
            <translation>
                <numerusform>… et %n autre (cozysync status les liste tous)</numerusform>
                <numerusform>… et %n autres (cozysync status les liste tous)</numerusform>
            </translation>
        </message>
        <message>
            <source>about %1 min left</source>
            <translation>environ %1 min restantes</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>about %1 h %2 min left</source>
            <translation>environ %1 h %2 min restantes</translation>
        </message>
        <message>
            <source>until %1</source>
            <translation>jusqu’au %1</translation>
        </message>
        <message>
            <source>to rename:</source>
            <translation>à renommer :</translation>
        </message>
        <message>
            <source>conflict: %1 (both versions kept)</source>
            <translation>conflit : %1 (les deux versions gardées)</translation>
        </message>
        <message>
            <source>folder:</source>
            <translation>dossier :</translation>
        </message>
        <message>
            <source>server:</source>
            <translation>serveur :</translation>
        </message>
        <message>
            <source>last sync:</source>
            <translation>dernière synchro :</translation>
        </message>
        <message>
            <source>held back:</source>
            <translation>retenu :</translation>
        </message>
        <message>
            <source>not synced:</source>
            <translation>non synchronisé :</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 sur %2</translation>
        </message>
        <message>
            <source>paused:</source>
            <translation>en pause :</translation>
        </message>
        <message>
            <source>backup:</source>
            <translation>sauvegarde :</translation>
        </message>
        <message>
            <source>waiting:</source>
            <translation>en attente :</translation>
        </message>
        <message>
            <source>ignored:</source>
            <translation>ignoré :</translation>
        </message>
        <message>
            <source>conflicts:</source>
            <translation>conflits :</translation>
        </message>
        <message>
            <source>your cloud:</source>
            <translation>votre cloud :</translation>
        </message>
        <message>
            <source>problem: %1 %2</source>
            <translation>problème : %1 %2</translation>
        </message>
        <message>
            <source>'%1' is not a choice of %2 (choose %3).%4</source>
            <translation>« %1 » n’est pas un choix possible pour %2 (choisissez parmi %3).%4</translation>
        </message>
        <message>
            <source>'%1' takes no more arguments, and %2 was left over. Put quotes around a name that holds spaces.</source>
            <translation>« %1 » ne prend pas d’autre argument, et %2 est en trop. Mettez entre guillemets un nom qui contient des espaces.</translation>
        </message>
        <message>
            <source>'%1' is not a cozysync command.%2 See the commands with: %3 --help</source>
            <translation>« %1 » n’est pas une commande de cozysync.%2 Voyez les commandes avec : %3 --help</translation>
        </message>
        <message>
            <source>%1 is not an option of '%2'.%3 See its options with: %2 --help</source>
            <translation>%1 n’est pas une option de « %2 ».%3 Voyez ses options avec : %2 --help</translation>
        </message>
        <message>
            <source>Something is missing: %1. See what it takes with: %prog --help</source>
            <translation>Il manque quelque chose : %1. Voyez ce qu’il faut donner avec : %prog --help</translation>
        </message>
        <message>
            <source>%1 needs a value.</source>
            <translation>%1 a besoin d’une valeur.</translation>
        </message>
        <message>
            <source>%1 and %2 cannot be given together: choose one.</source>
            <translation>%1 et %2 ne peuvent pas être donnés ensemble : choisissez-en un.</translation>
        </message>
        <message>
            <source>Did you mean %1?</source>
            <translation>Vouliez-vous dire %1 ?</translation>
        </message>
        <message>
            <source>proxy: off (direct connections)</source>
            <translation>proxy : aucun (connexions directes)</translation>
        </message>
        <message>
            <source>proxy: system (the environment's HTTPS_PROXY/HTTP_PROXY, or the IT preset's)</source>
            <translation>proxy : système (HTTPS_PROXY/HTTP_PROXY de l’environnement, ou celui du préréglage informatique)</translation>
        </message>
        <message>
            <source>proxy: system (the desktop portal answers for each address)</source>
            <translation>proxy : système (le portail du bureau répond pour chaque adresse)</translation>
        </message>
        <message>
            <source>found by WPAD</source>
            <translation>trouvé par WPAD</translation>
        </message>
        <message>
            <source>proxy: system (the IT preset's: no proxy)</source>
            <translation>proxy : système (celui du préréglage informatique : aucun proxy)</translation>
        </message>
        <message>
            <source>proxy: the configuration file %1</source>
            <translation>proxy : le fichier de configuration %1</translation>
        </message>
        <message>
            <source>proxy: system (the IT preset's: %1)</source>
            <translation>proxy : système (celui du préréglage informatique : %1)</translation>
        </message>
        <message>
            <source>(user %1)</source>
            <translation>(utilisateur %1)</translation>
        </message>
        <message>
            <source>proxy: system (%1's settings: %2)</source>
            <translation>proxy : système (réglages de %1 : %2)</translation>
        </message>
        <message>
            <source>proxy: %1</source>
            <translation>proxy : %1</translation>
        </message>
        <message>
            <source>proxy: automatic (the configuration file found by WPAD)</source>
            <translation>proxy : automatique (le fichier de configuration trouvé par WPAD)</translation>
        </message>
        <message>
            <source>Scan this code with a phone to open the link:</source>
            <translation>Scannez ce code avec un téléphone pour ouvrir le lien :</translation>
        </message>
        <message>
            <source>{options}: for a link only, not with --with (share twice)</source>
            <translation>{options} : pour un lien seulement, pas avec --with (partagez en deux fois)</translation>
        </message>
        <message>
            <source>--expires takes a number of days, like 7d, or of weeks, like 2w</source>
            <translation>--expires prend un nombre de jours, comme 7d, ou de semaines, comme 2w</translation>
        </message>
        <message>
            <source>--password-stdin read no password: give it on standard input</source>
            <translation>--password-stdin n'a lu aucun mot de passe : donnez-le sur l'entrée standard</translation>
        </message>
        <message>
            <source>Nothing is shared.</source>
            <translation>Rien n'est partagé.</translation>
        </message>
        <message>
            <source>Stopped: {share}</source>
            <translation>Arrêté : {share}</translation>
        </message>
        <message>
            <source>this computer (sent to its trash by cozysync)</source>
            <translation>cet ordinateur (mis dans sa corbeille par cozysync)</translation>
        </message>
        <message>
            <source>(its place is taken: use --to DIR)</source>
            <translation>(sa place est prise : utilisez --to DOSSIER)</translation>
        </message>
        <message>
            <source>in the server's trash</source>
            <translation>dans la corbeille du serveur</translation>
        </message>
        <message>
            <source>This server has no trash cozysync can read: only what cozysync sent to this computer's trash is listed.</source>
            <translation>Ce serveur n’a pas de corbeille que cozysync sait lire : seul ce que cozysync a mis dans la corbeille de cet ordinateur est listé.</translation>
        </message>
        <message>
            <source>The server cannot be reached: only what cozysync sent to this computer's trash is listed.</source>
            <translation>Le serveur est injoignable : seul ce que cozysync a mis dans la corbeille de cet ordinateur est listé.</translation>
        </message>
        <message>
            <source>The server's trash could not be read (%1): only what cozysync sent to this computer's trash is listed.</source>
            <translation>La corbeille du serveur n’a pas pu être lue (%1) : seul ce que cozysync a mis dans la corbeille de cet ordinateur est listé.</translation>
        </message>
        <message>
            <source>the server answered with an error</source>
            <translation>le serveur a répondu par une erreur</translation>
        </message>
        <message>
            <source>'%1' is back on the server and in the folder.</source>
            <translation>« %1 » est de retour sur le serveur et dans le dossier.</translation>
        </message>
        <message>
            <source>'%1' is back on the server: the next sync brings it down.</source>
            <translation>« %1 » est de retour sur le serveur : la prochaine synchronisation le ramène ici.</translation>
        </message>
        <message>
            <source>Offline: putting back '%1' is kept and will be done as soon as the server can be reached (the next sync). Nothing was changed yet.</source>
            <translation>Hors ligne : la remise en place de « %1 » est gardée et sera faite dès que le serveur sera joignable (à la prochaine synchronisation). Rien n’a encore été changé.</translation>
        </message>
        <message>
            <source>in the server's trash (deleted by %1)</source>
            <translation>dans la corbeille du serveur (supprimé par %1)</translation>
        </message>
        <message>
            <source>No deleted file of %1 to put back.</source>
            <translation>Aucun fichier supprimé de %1 à remettre.</translation>
        </message>
        <message>
            <source>Deleted files of %1, newest first:</source>
            <translation>Fichiers supprimés de %1, du plus récent au plus ancien :</translation>
        </message>
        <message>
            <source>Put one back with: cozysync undelete PATH</source>
            <translation>Remettez-en un avec : cozysync undelete CHEMIN</translation>
        </message>
        <message>
            <source>'%1' is back in the folder and on the server.</source>
            <translation>« %1 » est de retour dans le dossier et sur le serveur.</translation>
        </message>
        <message>
            <source>'%1' is back in the folder: the next sync sends it up.</source>
            <translation>« %1 » est de retour dans le dossier : la prochaine synchronisation l’envoie sur le serveur.</translation>
        </message>
        <message>
            <source>This server keeps no old versions of files: only a Cozy or a Nextcloud does. Nothing was changed.</source>
            <translation>Ce serveur ne garde pas d’anciennes versions des fichiers : seuls un Cozy ou un Nextcloud le font. Rien n’a été changé.</translation>
        </message>
        <message>
            <source>Old versions of %1 on the server, newest first:</source>
            <translation>Anciennes versions de %1 sur le serveur, de la plus récente à la plus ancienne :</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>The server keeps no old version of %1.</source>
            <translation>Le serveur ne garde aucune ancienne version de %1.</translation>
        </message>
        <message>
            <source>Restore one with: cozysync restore-version PATH ID [--as-copy]</source>
            <translation>Restaurez-en une avec : cozysync restore-version CHEMIN ID [--as-copy]</translation>
        </message>
        <message>
            <source>Offline: the restore of %1 is kept and will be done as soon as the server can be reached (the next sync). Nothing was changed yet.</source>
            <translation>Hors ligne : la restauration de %1 est gardée et sera faite dès que le serveur sera joignable (à la prochaine synchronisation). Rien n’a encore été changé.</translation>
        </message>
        <message>
            <source>The old version of %1 was put beside it on the server as %2.</source>
            <translation>L’ancienne version de %1 a été mise à côté sur le serveur, sous le nom %2.</translation>
        </message>
        <message>
            <source>The old version of %1 is now the current one on the server.</source>
            <translation>L’ancienne version de %1 est maintenant la version actuelle sur le serveur.</translation>
        </message>
        <message>
            <source>The cozysync already syncing this folder brings it to this computer.</source>
            <translation>Le cozysync qui synchronise déjà ce dossier l’apportera sur cet ordinateur.</translation>
        </message>
        <message>
            <source>by %1</source>
            <translation>par %1</translation>
        </message>
        <message>
            <source>up to date</source>
            <translation>à jour</translation>
        </message>
        <message>
            <source>syncing</source>
            <translation>synchronisation en cours</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>hors ligne</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>en pause</translation>
        </message>
        <message>
            <source>needs attention</source>
            <translation>demande votre attention</translation>
        </message>
        <message>
            <source>never synced</source>
            <translation>jamais synchronisé</translation>
        </message>
        <message>
            <source>Sign in again with the new password: cozysync login. Link this folder again only for another user name.</source>
            <translation>Reconnectez-vous avec le nouveau mot de passe : cozysync login. Ne liez de nouveau ce dossier que pour un autre nom d’utilisateur.</translation>
        </message>
        <message>
            <source>If you meant it, run the sync again with --confirm-deletes; if not, --put-back copies them back where they were deleted.</source>
            <translation>Si c’était voulu, relancez la synchronisation avec --confirm-deletes ; sinon, --put-back les remet là où ils ont été supprimés.</translation>
        </message>
        <message>
            <source>No keyring service is running. Start one (e.g. gnome-keyring) or link again with --insecure-file-store to keep the password in a file only you can read.</source>
            <translation>Aucun trousseau de mots de passe ne fonctionne. Démarrez-en un (par exemple gnome-keyring) ou liez de nouveau avec --insecure-file-store pour garder le mot de passe dans un fichier que vous seul pouvez lire.</translation>
        </message>
        <message>
            <source>This server only lets in computers with a certificate from your IT: link the folder again with --client-cert and --client-key (the files IT gave you).</source>
            <translation>Ce serveur n’accepte que les ordinateurs ayant un certificat de votre service informatique : liez de nouveau le dossier avec --client-cert et --client-key (les fichiers qu’il vous a donnés).</translation>
        </message>
        <message numerus="yes">
            <source>%n changes waiting</source>
            <translation>
                <numerusform>%n modification en attente</numerusform>
                <numerusform>%n modifications en attente</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items could not be synced</source>
            <translation>
                <numerusform>%n élément n’a pas pu être synchronisé</numerusform>
                <numerusform>%n éléments n’ont pas pu être synchronisés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflicts waiting (cozysync conflicts)</source>
            <translation>
                <numerusform>%n conflit en attente (cozysync conflicts)</numerusform>
                <numerusform>%n conflits en attente (cozysync conflicts)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n names to change before they can sync</source>
            <translation>
                <numerusform>%n nom à changer avant qu’il puisse se synchroniser</numerusform>
                <numerusform>%n noms à changer avant qu’ils puissent se synchroniser</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items held back</source>
            <translation>
                <numerusform>%n élément retenu</numerusform>
                <numerusform>%n éléments retenus</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes made</source>
            <translation>
                <numerusform>%n modification faite</numerusform>
                <numerusform>%n modifications faites</numerusform>
            </translation>
        </message>
        <message>
            <source>in sync</source>
            <translation>synchronisé</translation>
        </message>
        <message numerus="yes">
            <source>%n files on the server only</source>
            <translation>
                <numerusform>%n fichier seulement sur le serveur</numerusform>
                <numerusform>%n fichiers seulement sur le serveur</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n local changes not sent yet</source>
            <translation>
                <numerusform>%n modification locale pas encore envoyée</numerusform>
                <numerusform>%n modifications locales pas encore envoyées</numerusform>
            </translation>
        </message>
        <message>
            <source>this shared drive is no longer shared with you on your Cozy</source>
            <translation>ce drive n’est plus partagé avec vous sur votre Cozy</translation>
        </message>
        <message>
            <source>Remove it from this computer with: cozysync drives --remove NAME (its files here are kept).</source>
            <translation>Retirez-le de cet ordinateur avec : cozysync drives --remove NOM (ses fichiers ici sont gardés).</translation>
        </message>
        <message>
            <source>the shared drive '%1' is a single file, not a folder: cozysync syncs folders</source>
            <translation>le drive partagé « %1 » est un seul fichier, pas un dossier : cozysync synchronise des dossiers</translation>
        </message>
        <message>
            <source>several Cozy folders are linked: choose one by its name (%1)</source>
            <translation>plusieurs dossiers sont liés à un Cozy : choisissez-en un par son nom (%1)</translation>
        </message>
        <message>
            <source>See them with: cozysync drives</source>
            <translation>Voyez-les avec : cozysync drives</translation>
        </message>
        <message>
            <source>the shared drive '%1' is already synced, as the folder '%2'</source>
            <translation>le drive partagé « %1 » est déjà synchronisé, dans le dossier « %2 »</translation>
        </message>
        <message>
            <source>the folder '%1' is not linked to a Cozy: it has no shared drives</source>
            <translation>le dossier « %1 » n’est pas lié à un Cozy : il n’a pas de drive partagé</translation>
        </message>
        <message>
            <source>no folder is linked to a Cozy, so there is no shared drive to list</source>
            <translation>aucun dossier n’est lié à un Cozy : il n’y a pas de drive partagé à montrer</translation>
        </message>
        <message>
            <source>Link your Cozy first: cozysync link DIR https://you.mycozy.cloud</source>
            <translation>Liez d’abord votre Cozy : cozysync link DOSSIER https://vous.mycozy.cloud</translation>
        </message>
        <message>
            <source>your Cozy shares no drive named '%1'</source>
            <translation>votre Cozy ne partage aucun drive nommé « %1 »</translation>
        </message>
        <message>
            <source>Its shared drives: %1. See them with: cozysync drives</source>
            <translation>Ses drives partagés : %1. Voyez-les avec : cozysync drives</translation>
        </message>
        <message>
            <source>See where with: cozysync list</source>
            <translation>Voyez où avec : cozysync list</translation>
        </message>
        <message>
            <source>Open it in your Cozy's Drive.</source>
            <translation>Ouvrez-le dans le Drive de votre Cozy.</translation>
        </message>
        <message>
            <source>no shared drive is synced on this computer</source>
            <translation>aucun drive partagé n’est synchronisé sur cet ordinateur</translation>
        </message>
        <message>
            <source>no shared drive '%1' is synced on this computer (synced: %2)</source>
            <translation>aucun drive partagé « %1 » n’est synchronisé sur cet ordinateur (synchronisés : %2)</translation>
        </message>
        <message>
            <source>See them with: cozysync list</source>
            <translation>Voyez-les avec : cozysync list</translation>
        </message>
        <message>
            <source>your Cozy shares no drive named '%1': it shares none</source>
            <translation>votre Cozy ne partage aucun drive nommé « %1 » : il n’en partage aucun</translation>
        </message>
        <message>
            <source>%1 is a file, not a folder</source>
            <translation>%1 est un fichier, pas un dossier</translation>
        </message>
        <message>
            <source>no linked folder is named '%1'</source>
            <translation>aucun dossier lié ne s’appelle « %1 »</translation>
        </message>
        <message>
            <source>'%1' cannot be a folder name</source>
            <translation>« %1 » ne peut pas être un nom de dossier</translation>
        </message>
        <message>
            <source>Pick another name.</source>
            <translation>Choisissez un autre nom.</translation>
        </message>
        <message>
            <source>a folder named '%1' is already linked</source>
            <translation>un dossier nommé « %1 » est déjà lié</translation>
        </message>
        <message>
            <source>{what}: link ({how})</source>
            <translation>{what} : lien ({how})</translation>
        </message>
        <message>
            <source>waiting for an answer</source>
            <translation>en attente de réponse</translation>
        </message>
        <message>
            <source>password</source>
            <translation>mot de passe</translation>
        </message>
        <message>
            <source>{what}: shared with {who} ({how})</source>
            <translation>{what} : partagé avec {who} ({how})</translation>
        </message>
        <message>
            <source>{what}: shared with you by {who} ({how})</source>
            <translation>{what} : partagé avec vous par {who} ({how})</translation>
        </message>
        <message>
            <source>, since {date}</source>
            <translation>, depuis le {date}</translation>
        </message>
        <message>
            <source>this server cannot share: {server} has no sharing API. Share from the server's own web page.</source>
            <translation>ce serveur ne sait pas partager : {server} n'a pas d'interface de partage. Partagez depuis la page web du serveur.</translation>
        </message>
        <message>
            <source>this computer's login to your Cozy cannot read your contacts yet. Sign in again once with: cozysync login (sharing with people needs that permission, which older logins did not ask).</source>
            <translation>la connexion de cet ordinateur à votre Cozy ne peut pas encore lire vos contacts. Reconnectez-vous une fois avec : cozysync login (partager avec des personnes demande cette autorisation, que les anciennes connexions ne demandaient pas).</translation>
        </message>
        <message>
            <source>{path} is not on the server yet. Sync it first (cozysync sync), then share it.</source>
            <translation>{path} n'est pas encore sur le serveur. Synchronisez-le d'abord (cozysync sync), puis partagez-le.</translation>
        </message>
        <message>
            <source>no one called {name} is in your address book. Check the spelling, or add them to your contacts first.</source>
            <translation>personne du nom de {name} n'est dans votre carnet d'adresses. Vérifiez l'orthographe, ou ajoutez cette personne à vos contacts d'abord.</translation>
        </message>
        <message>
            <source>{name} could be several people or groups ({matches}). Give the whole name.</source>
            <translation>{name} peut désigner plusieurs personnes ou groupes ({matches}). Donnez le nom complet.</translation>
        </message>
        <message>
            <source>{path} is not shared that way. See what is shared with: cozysync shares</source>
            <translation>{path} n'est pas partagé ainsi. Voyez ce qui est partagé avec : cozysync shares</translation>
        </message>
        <message>
            <source>until {date}</source>
            <translation>jusqu'au {date}</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Something went wrong with this item</source>
            <translation>Un problème est survenu avec cet élément</translation>
        </message>
        <message>
            <source>It will be tried again at the next sync.</source>
            <translation>Ce sera réessayé à la prochaine synchronisation.</translation>
        </message>
        <message>
            <source>This item could not be synced</source>
            <translation>Cet élément n’a pas pu être synchronisé</translation>
        </message>
        <message>
            <source>Syncing stopped</source>
            <translation>La synchronisation s’est arrêtée</translation>
        </message>
        <message>
            <source>It will be tried again in a moment.</source>
            <translation>Ce sera réessayé dans un moment.</translation>
        </message>
        <message>
            <source>It changed in the cloud meanwhile</source>
            <translation>Il a changé dans le cloud entre-temps</translation>
        </message>
        <message>
            <source>The next sync compares both versions.</source>
            <translation>La prochaine synchronisation compare les deux versions.</translation>
        </message>
        <message>
            <source>It is being edited</source>
            <translation>Il est en cours de modification</translation>
        </message>
        <message>
            <source>It will be synced once it stops changing.</source>
            <translation>Il sera synchronisé quand il ne changera plus.</translation>
        </message>
        <message>
            <source>It is not in the cloud any more</source>
            <translation>Il n’est plus dans le cloud</translation>
        </message>
        <message>
            <source>It was moved or deleted in the cloud; the next sync catches up.</source>
            <translation>Il a été déplacé ou supprimé dans le cloud ; la prochaine synchronisation rattrape.</translation>
        </message>
        <message>
            <source>Someone has it open in the cloud</source>
            <translation>Quelqu’un l’a ouvert dans le cloud</translation>
        </message>
        <message>
            <source>It will be tried again.</source>
            <translation>Ce sera réessayé.</translation>
        </message>
        <message>
            <source>The cloud's antivirus blocked this file</source>
            <translation>L’antivirus du cloud a bloqué ce fichier</translation>
        </message>
        <message>
            <source>It stays as it is on both sides. Open it in the cloud's web page to see why; it will be tried again later.</source>
            <translation>Il reste tel quel des deux côtés. Ouvrez-le dans la page web du cloud pour savoir pourquoi ; ce sera réessayé plus tard.</translation>
        </message>
        <message>
            <source>The cloud does not accept this name</source>
            <translation>Le cloud n’accepte pas ce nom</translation>
        </message>
        <message>
            <source>Rename it on this computer; it stays here until then.</source>
            <translation>Renommez-le sur cet ordinateur ; il reste ici en attendant.</translation>
        </message>
        <message>
            <source>cozysync may not read or change it</source>
            <translation>cozysync n’a pas le droit de le lire ou de le modifier</translation>
        </message>
        <message>
            <source>Check that you may read and write it, or close the program using it.</source>
            <translation>Vérifiez que vous pouvez le lire et le modifier, ou fermez le programme qui l’utilise.</translation>
        </message>
        <message>
            <source>The transfer was damaged</source>
            <translation>Le transfert a été abîmé</translation>
        </message>
        <message>
            <source>The server had a problem with it</source>
            <translation>Le serveur a eu un problème avec lui</translation>
        </message>
        <message>
            <source>The cloud refused to let cozysync change it</source>
            <translation>Le cloud a refusé que cozysync le modifie</translation>
        </message>
        <message>
            <source>Check that you may change it in the cloud.</source>
            <translation>Vérifiez que vous avez le droit de le modifier dans le cloud.</translation>
        </message>
        <message>
            <source>Your cloud cannot be reached</source>
            <translation>Votre cloud est injoignable</translation>
        </message>
        <message>
            <source>Your changes are kept and will be sent when the connection is back.</source>
            <translation>Vos modifications sont gardées et seront envoyées quand la connexion reviendra.</translation>
        </message>
        <message>
            <source>Your cloud refused the login</source>
            <translation>Votre cloud a refusé la connexion</translation>
        </message>
        <message>
            <source>Choose Sign in again (in the menu, the window or the notification) and give the new password, or approve this computer again on your Cozy.</source>
            <translation>Choisissez « Se reconnecter » (dans le menu, la fenêtre ou la notification) et donnez le nouveau mot de passe, ou autorisez de nouveau cet ordinateur sur votre Cozy.</translation>
        </message>
        <message>
            <source>Your cloud is full</source>
            <translation>Votre cloud est plein</translation>
        </message>
        <message>
            <source>Free some space in your cloud, then sync again.</source>
            <translation>Libérez de la place dans votre cloud, puis synchronisez à nouveau.</translation>
        </message>
        <message>
            <source>This computer's disk is full</source>
            <translation>Le disque de cet ordinateur est plein</translation>
        </message>
        <message>
            <source>Free some space on this computer, then sync again.</source>
            <translation>Libérez de la place sur cet ordinateur, puis synchronisez à nouveau.</translation>
        </message>
        <message>
            <source>The server sent an answer cozysync cannot read</source>
            <translation>Le serveur a envoyé une réponse que cozysync ne sait pas lire</translation>
        </message>
        <message>
            <source>Nothing was changed. It will be tried again later.</source>
            <translation>Rien n’a été modifié. Ce sera réessayé plus tard.</translation>
        </message>
        <message>
            <source>The folder is missing or looks emptied</source>
            <translation>Le dossier est absent ou semble vidé</translation>
        </message>
        <message>
            <source>Check that the drive holding the folder is connected, then sync again.</source>
            <translation>Vérifiez que le disque qui contient le dossier est branché, puis synchronisez à nouveau.</translation>
        </message>
        <message>
            <source>Many files were deleted on one side: nothing is deleted on the other yet</source>
            <translation>Beaucoup de fichiers ont été supprimés d’un côté : rien n’est encore supprimé de l’autre</translation>
        </message>
        <message>
            <source>Choose “Review deletions…” on the folder: put the files back, or delete them on the other side too.</source>
            <translation>Choisissez « Revoir les suppressions… » sur le dossier : remettez les fichiers, ou supprimez-les aussi de l’autre côté.</translation>
        </message>
        <message>
            <source>A folder looks emptied: nothing is deleted on the other side yet</source>
            <translation>Un dossier semble vidé : rien n’est encore supprimé de l’autre côté</translation>
        </message>
        <message>
            <source>If a drive or your cloud has a problem, wait until it is back. Else choose “Review deletions…” on the folder: put the files back, or delete them on the other side too.</source>
            <translation>Si un disque ou votre cloud a un problème, attendez qu’il revienne. Sinon, choisissez « Revoir les suppressions… » sur le dossier : remettez les fichiers, ou supprimez-les aussi de l’autre côté.</translation>
        </message>
        <message>
            <source>Another cozysync is already syncing this folder</source>
            <translation>Un autre cozysync synchronise déjà ce dossier</translation>
        </message>
        <message>
            <source>Stop the other one first.</source>
            <translation>Arrêtez d’abord l’autre.</translation>
        </message>
        <message>
            <source>The folder's settings are not valid</source>
            <translation>Les réglages du dossier ne sont pas valables</translation>
        </message>
        <message>
            <source>Unlink the folder and link it again.</source>
            <translation>Déliez le dossier, puis reliez-le.</translation>
        </message>
        <message>
            <source>The password keeper (keyring) cannot be used</source>
            <translation>Le trousseau de mots de passe ne peut pas être utilisé</translation>
        </message>
        <message>
            <source>Start it (for example gnome-keyring), or link again keeping the password in a file only you can read.</source>
            <translation>Démarrez-le (par exemple gnome-keyring), ou reliez le dossier en gardant le mot de passe dans un fichier que vous seul pouvez lire.</translation>
        </message>
        <message>
            <source>Syncing is paused</source>
            <translation>La synchronisation est en pause</translation>
        </message>
        <message>
            <source>It resumes when you resume it, or when the pause ends.</source>
            <translation>Elle reprend quand vous la relancez, ou à la fin de la pause.</translation>
        </message>
        <message>
            <source>This name cannot be stored on the other side</source>
            <translation>Ce nom ne peut pas être enregistré de l’autre côté</translation>
        </message>
        <message>
            <source>Two names differ only by upper or lower case</source>
            <translation>Deux noms ne diffèrent que par les majuscules</translation>
        </message>
        <message>
            <source>Rename one of them; both stay where they are until then.</source>
            <translation>Renommez l’un des deux ; ils restent où ils sont en attendant.</translation>
        </message>
        <message>
            <source>This is a shortcut (a link): it is not synced</source>
            <translation>C’est un raccourci (un lien) : il n’est pas synchronisé</translation>
        </message>
        <message>
            <source>cozysync never follows links; the copy on your cloud is kept. Put the real folder or file back here to sync it again.</source>
            <translation>cozysync ne suit jamais les liens ; la copie sur votre cloud est conservée. Remettez ici le vrai dossier ou fichier pour le synchroniser à nouveau.</translation>
        </message>
        <message>
            <source>This is a special system file: it is not synced</source>
            <translation>C’est un fichier spécial du système : il n’est pas synchronisé</translation>
        </message>
        <message>
            <source>Devices, pipes and sockets are never synced.</source>
            <translation>Les périphériques, tubes et sockets ne sont jamais synchronisés.</translation>
        </message>
        <message>
            <source>This folder cannot be opened: nothing in it is synced</source>
            <translation>Ce dossier ne peut pas être ouvert : rien de ce qu’il contient n’est synchronisé</translation>
        </message>
        <message>
            <source>Your account is not allowed to read it; the copy on your cloud is kept. Ask whoever manages this computer to give you access, or move it out of the synced folder.</source>
            <translation>Votre compte n’a pas le droit de le lire ; la copie sur votre cloud est conservée. Demandez à la personne qui gère cet ordinateur de vous y donner accès, ou sortez-le du dossier synchronisé.</translation>
        </message>
        <message>
            <source>This name cannot be read: it is not synced</source>
            <translation>Ce nom est illisible : il n’est pas synchronisé</translation>
        </message>
        <message>
            <source>Rename it on this computer, then it syncs.</source>
            <translation>Renommez-le sur cet ordinateur, il sera alors synchronisé.</translation>
        </message>
        <message>
            <source>The server's certificate is not trusted by this computer: ask your school's IT</source>
            <translation>Le certificat du serveur n'est pas reconnu par cet ordinateur : demandez au service informatique de votre établissement</translation>
        </message>
        <message>
            <source>Certificate issued by {issuer}, SHA-256 fingerprint {sha256}. Your IT can compare it with theirs and install their certificate authority on this computer. On a public Wi-Fi, sign in to it first.</source>
            <translation>Certificat émis par {issuer}, empreinte SHA-256 {sha256}. Votre service informatique peut la comparer à la sienne et installer son autorité de certification sur cet ordinateur. Sur un Wi-Fi public, connectez-vous d'abord à celui-ci.</translation>
        </message>
        <message>
            <source>This server asks for a certificate this computer lacks</source>
            <translation>Ce serveur demande un certificat que cet ordinateur n'a pas</translation>
        </message>
        <message>
            <source>Only computers with a certificate from your IT may sync with it: link the folder again with the certificate and key files they gave you.</source>
            <translation>Seuls les ordinateurs munis d'un certificat de votre service informatique peuvent se synchroniser avec lui : liez à nouveau le dossier avec les fichiers de certificat et de clé qu'il vous a remis.</translation>
        </message>
        <message>
            <source>Sign in to the Wi-Fi first</source>
            <translation>Connectez-vous d'abord au Wi-Fi</translation>
        </message>
        <message>
            <source>A Wi-Fi sign-in page answered instead of your cloud. Open any web page in a browser to sign in: syncing resumes by itself, your changes are kept.</source>
            <translation>Une page de connexion Wi-Fi a répondu à la place de votre cloud. Ouvrez une page web dans un navigateur pour vous connecter : la synchronisation reprend d'elle-même, vos modifications sont gardées.</translation>
        </message>
        <message>
            <source>The proxy refused your login</source>
            <translation>Le proxy a refusé votre identifiant</translation>
        </message>
        <message>
            <source>The proxy of this network wants a user name and password, or refused the ones given: nothing reached your cloud. Check them with your IT, then set them again (cozysync proxy set, or Preferences).</source>
            <translation>Le proxy de ce réseau demande un nom d'utilisateur et un mot de passe, ou a refusé ceux donnés : rien n'a atteint votre cloud. Vérifiez-les avec votre service informatique, puis saisissez-les à nouveau (cozysync proxy set, ou Préférences).</translation>
        </message>
        <message>
            <source>The proxy configuration file cannot be used</source>
            <translation>Le fichier de configuration du proxy ne peut pas être utilisé</translation>
        </message>
        <message>
            <source>This network's automatic proxy settings (its PAC file) are broken: nothing was sent. Ask your IT to check them, or choose the proxy by hand (cozysync proxy set, or Preferences).</source>
            <translation>Les réglages automatiques du proxy de ce réseau (son fichier PAC) sont défectueux : rien n’a été envoyé. Demandez à votre service informatique de les vérifier, ou choisissez le proxy à la main (cozysync proxy set, ou Préférences).</translation>
        </message>
        <message>
            <source>Something else is at its place: nothing was overwritten</source>
            <translation>Autre chose est à sa place : rien n’a été écrasé</translation>
        </message>
        <message>
            <source>Put it back in another folder (Put back in…, or --to DIR), or move what is there first.</source>
            <translation>Remettez-le dans un autre dossier (Remettre dans…, ou --to DOSSIER), ou déplacez d’abord ce qui s’y trouve.</translation>
        </message>
        <message>
            <source>This item is not among the folder's deleted files</source>
            <translation>Cet élément n’est pas parmi les fichiers supprimés du dossier</translation>
        </message>
        <message>
            <source>See them with: cozysync trash (or Deleted files… in the app).</source>
            <translation>Voyez-les avec : cozysync trash (ou Fichiers supprimés… dans l’application).</translation>
        </message>
        <message>
            <source>There is no such folder in the synced folder</source>
            <translation>Ce dossier n’existe pas dans le dossier synchronisé</translation>
        </message>
        <message>
            <source>Choose a folder that exists inside the synced folder.</source>
            <translation>Choisissez un dossier qui existe dans le dossier synchronisé.</translation>
        </message>
        <message>
            <source>This server has no trash cozysync can read</source>
            <translation>Ce serveur n’a pas de corbeille que cozysync sait lire</translation>
        </message>
        <message>
            <source>Only what cozysync put in this computer's trash can be put back here.</source>
            <translation>Seul ce que cozysync a mis dans la corbeille de cet ordinateur peut être remis ici.</translation>
        </message>
        <message>
            <source>Your cloud cannot be reached to look in its trash</source>
            <translation>Votre cloud est injoignable : impossible de regarder dans sa corbeille</translation>
        </message>
        <message>
            <source>Try again once online; nothing was changed.</source>
            <translation>Réessayez une fois en ligne ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This item could not be put back</source>
            <translation>Cet élément n’a pas pu être remis</translation>
        </message>
        <message>
            <source>It is still in this computer's trash: put it back from there.</source>
            <translation>Il est toujours dans la corbeille de cet ordinateur : remettez-le depuis là.</translation>
        </message>
        <message>
            <source>Your Cozy has a message for you</source>
            <translation>Votre Cozy a un message pour vous</translation>
        </message>
        <message>
            <source>Open your Cozy in a browser to read it.</source>
            <translation>Ouvrez votre Cozy dans un navigateur pour le lire.</translation>
        </message>
        <message>
            <source>Your Cozy asks you to accept its new terms of service</source>
            <translation>Votre Cozy vous demande d’accepter ses nouvelles conditions d’utilisation</translation>
        </message>
        <message>
            <source>Open your Cozy in a browser and accept them before their deadline: syncing stops after it.</source>
            <translation>Ouvrez votre Cozy dans un navigateur et acceptez-les avant leur date limite : la synchronisation s’arrête ensuite.</translation>
        </message>
        <message>
            <source>{owner} invites you to share '{title}'</source>
            <translation>{owner} vous invite à partager « {title} »</translation>
        </message>
        <message>
            <source>Accept or decline it in the window (or with: cozysync invitations). Once accepted, the folder comes down with the next sync.</source>
            <translation>Acceptez-la ou refusez-la dans la fenêtre (ou avec : cozysync invitations). Une fois acceptée, le dossier arrive avec la synchronisation suivante.</translation>
        </message>
        <message>
            <source>The app password made for this computer was revoked on {server}</source>
            <translation>Le mot de passe d’application créé pour cet ordinateur a été révoqué sur {server}</translation>
        </message>
        <message>
            <source>Nothing of it is left on this computer or on the server.</source>
            <translation>Il n’en reste rien, ni sur cet ordinateur ni sur le serveur.</translation>
        </message>
        <message>
            <source>The app password made for this computer still works on {server}</source>
            <translation>Le mot de passe d’application créé pour cet ordinateur fonctionne encore sur {server}</translation>
        </message>
        <message>
            <source>The server could not be reached to revoke it; nothing of it is kept on this computer. To revoke it, open {server} in a browser: Settings, Security, Devices &amp; sessions, and delete cozysync's entry.</source>
            <translation>Le serveur n’a pas pu être joint pour le révoquer ; rien n’en est gardé sur cet ordinateur. Pour le révoquer, ouvrez {server} dans un navigateur : Paramètres, Sécurité, Appareils et sessions, puis supprimez l’entrée de cozysync.</translation>
        </message>
        <message>
            <source>Your Cozy is nearly full</source>
            <translation>Votre Cozy est presque plein</translation>
        </message>
        <message>
            <source>Free some space on your Cozy (empty its trash) before it is full.</source>
            <translation>Libérez de la place sur votre Cozy (videz sa corbeille) avant qu’il soit plein.</translation>
        </message>
        <message>
            <source>'{name}' is shared with you read-only by {owner}: your change stays on this computer</source>
            <translation>« {name} » vous est partagé en lecture seule par {owner} : votre modification reste sur cet ordinateur</translation>
        </message>
        <message>
            <source>The owner's next update replaces it on your cloud; when the owner changes it, your version is kept here as a copy. Send it to the owner, or save it outside the shared folder.</source>
            <translation>La prochaine mise à jour de son propriétaire le remplace sur votre cloud ; quand il le modifie, votre version est gardée ici en copie. Envoyez-la-lui, ou enregistrez-la hors du dossier partagé.</translation>
        </message>
    </context>
    <context>
        <name>CLI help</name>
        <message>
            <source>a share someone else made with you: leave it without asking</source>
            <translation>un partage qu’une autre personne a fait avec vous : le quitter sans demander</translation>
        </message>
        <message>
            <source>usage: </source>
            <translation>utilisation : </translation>
        </message>
        <message>
            <source>positional arguments</source>
            <translation>arguments positionnels</translation>
        </message>
        <message>
            <source>options</source>
            <translation>options</translation>
        </message>
        <message>
            <source>show this help message and exit</source>
            <translation>afficher cette aide et quitter</translation>
        </message>
        <message>
            <source>Two-way sync of a local folder with a WebDAV server, offline first.</source>
            <translation>Synchronisation dans les deux sens d’un dossier local avec un serveur WebDAV, d’abord hors ligne.</translation>
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
            <translation>codes de sortie (sync, link, et status pour l’état qu’il montre) :
  0  les deux côtés sont synchronisés (ou la commande a réussi ; status : ou synchronisation en cours)
  1  erreurs, conflits ou noms qui vous attendent, ou un autre échec
  2  mauvaise utilisation
  3  hors ligne : le serveur est injoignable (vos modifications attendent, rien n’est perdu)
  4  le serveur a refusé la connexion
  5  arrêté par une sécurité (dossier absent ou vidé, marqueur disparu, suppression massive)
  6  un autre cozysync synchronise déjà ce dossier
  7  en pause (cozysync pause) : rien n’a été synchronisé ; cozysync resume la lève
130  arrêté par Ctrl-C (cozysync run finit par 0 : Ctrl-C est sa façon de s’arrêter)
141  la sortie a été fermée tôt (cozysync status | head -1) : rien de plus n’est affiché

Une commande qui agit sur un dossier lié prend son nom après la commande
(cozysync status docs) ou avec --name docs ; sans lui, le seul dossier lié.

COZYSYNC_HOME=DOSSIER garde tous les réglages, journaux, logs et verrous dans DOSSIER.
</translation>
        </message>
        <message>
            <source>show program's version number and exit</source>
            <translation>afficher le numéro de version et quitter</translation>
        </message>
        <message>
            <source>link a local folder to a Cozy or a WebDAV folder (no sync yet)</source>
            <translation>lier un dossier local à un Cozy ou à un dossier WebDAV (sans synchroniser encore)</translation>
        </message>
        <message>
            <source>forget a linked folder</source>
            <translation>oublier un dossier lié</translation>
        </message>
        <message>
            <source>sync once, both ways</source>
            <translation>synchroniser une fois, dans les deux sens</translation>
        </message>
        <message>
            <source>watch and sync in the foreground until Ctrl-C</source>
            <translation>surveiller et synchroniser au premier plan jusqu’à Ctrl-C</translation>
        </message>
        <message>
            <source>copy a folder, a file or everything back from the server to any local folder (the synced folder is not touched, nothing is overwritten)</source>
            <translation>recopier un dossier, un fichier ou tout depuis le serveur dans n’importe quel dossier local (le dossier synchronisé n’est pas touché, rien n’est écrasé)</translation>
        </message>
        <message>
            <source>write a complete copy of the server folder, with a manifest of checksums</source>
            <translation>écrire une copie complète du dossier du serveur, avec un manifeste des sommes de contrôle</translation>
        </message>
        <message>
            <source>point a linked folder at another account or server, keeping every local file (nothing is deleted on either side; what the new server lacks is uploaded)</source>
            <translation>faire pointer un dossier lié vers un autre compte ou serveur en gardant chaque fichier local (rien n’est supprimé d’aucun côté ; ce qui manque au nouveau serveur y est envoyé)</translation>
        </message>
        <message>
            <source>list the server's top-level folders and whether each is kept on this computer; --exclude/--include choose (an excluded folder is never downloaded and never deleted on the server; its copy here goes to the trash only if fully synced)</source>
            <translation>lister les dossiers de premier niveau du serveur et si chacun est gardé sur cet ordinateur ; --exclude/--include choisissent (un dossier exclu n’est jamais téléchargé ni supprimé sur le serveur ; sa copie ici va à la corbeille seulement si elle est entièrement synchronisée)</translation>
        </message>
        <message>
            <source>show or set the bandwidth limits in KiB/s, for all transfers of all folders (0: no limit)</source>
            <translation>afficher ou régler les limites de débit en Kio/s, pour tous les transferts de tous les dossiers (0 : sans limite)</translation>
        </message>
        <message>
            <source>pause syncing of one folder (NAME) or of all, until cozysync resume or for a while (--for 1h); saved: it holds for every cozysync, also after a restart</source>
            <translation>mettre en pause la synchronisation d’un dossier (NAME) ou de tous, jusqu’à cozysync resume ou pour un temps (--for 1h) ; enregistrée : elle vaut pour chaque cozysync, même après un redémarrage</translation>
        </message>
        <message>
            <source>lift a pause: of one folder (NAME), or every pause (no NAME)</source>
            <translation>lever une pause : celle d’un dossier (NAME), ou toutes (sans NAME)</translation>
        </message>
        <message>
            <source>open the desktop app (tray icon)</source>
            <translation>ouvrir l’application de bureau (icône dans la zone de notification)</translation>
        </message>
        <message>
            <source>show each folder's state</source>
            <translation>afficher l’état de chaque dossier</translation>
        </message>
        <message>
            <source>list the conflicts waiting for you</source>
            <translation>lister les conflits qui vous attendent</translation>
        </message>
        <message>
            <source>settle a conflict</source>
            <translation>régler un conflit</translation>
        </message>
        <message>
            <source>list the linked folders</source>
            <translation>lister les dossiers liés</translation>
        </message>
        <message>
            <source>try cozysync with a built-in local WebDAV server</source>
            <translation>essayer cozysync avec un serveur WebDAV local intégré</translation>
        </message>
        <message>
            <source>add cozysync to your desktop's menu</source>
            <translation>ajouter cozysync au menu de votre bureau</translation>
        </message>
        <message>
            <source>remove what install-desktop added</source>
            <translation>retirer ce qu’install-desktop a ajouté</translation>
        </message>
        <message>
            <source>show the system-wide defaults set by your IT team</source>
            <translation>afficher les réglages par défaut fixés pour tout le système par votre service informatique</translation>
        </message>
        <message>
            <source>sign in again to a linked folder's server (a new password; a Cozy: the browser login), keeping the folder and what was synced as they are; a running cozysync takes it at once</source>
            <translation>se reconnecter au serveur d’un dossier lié (un nouveau mot de passe ; un Cozy : la connexion dans le navigateur), en gardant le dossier et ce qui a été synchronisé tels quels ; un cozysync en cours la prend aussitôt</translation>
        </message>
        <message>
            <source>show what was synced lately (newest first), in one linked folder or in all</source>
            <translation>afficher ce qui a été synchronisé récemment (le plus récent d’abord), dans un dossier lié ou dans tous</translation>
        </message>
        <message>
            <source>list the folders other users invite you to share (a Cozy), accept one (its page opens in the browser) or decline one</source>
            <translation>lister les dossiers que d’autres vous invitent à partager (un Cozy), en accepter un (sa page s’ouvre dans le navigateur) ou en refuser un</translation>
        </message>
        <message>
            <source>open a synced file: with its application here, or on the server's web app (--online: the online editor for office documents, the Notes app for notes, else the web app at its folder)</source>
            <translation>ouvrir un fichier synchronisé : avec son application ici, ou dans l’application web du serveur (--online : l’éditeur en ligne pour les documents bureautiques, l’application Notes pour les notes, sinon l’application web à son dossier)</translation>
        </message>
        <message>
            <source>ask the running cozysync app to act on synced items (for file managers)</source>
            <translation>demander à l’application cozysync en cours d’agir sur des éléments synchronisés (pour les gestionnaires de fichiers)</translation>
        </message>
        <message>
            <source>list the shared drives (class and team spaces) of your Cozy, sync one in a folder of this computer (--add DRIVE --to DIR) or stop syncing it (--remove DRIVE)</source>
            <translation>lister les drives partagés (espaces de classe et d’équipe) de votre Cozy, en synchroniser un dans un dossier de cet ordinateur (--add DRIVE --to DIR) ou arrêter de le synchroniser (--remove DRIVE)</translation>
        </message>
        <message>
            <source>show or choose the proxy of every connection: set URL (a manual proxy, with an optional login), pac URL (a proxy configuration file), auto (the file found by WPAD), off (connect directly) or system (the environment's, the desktop's or the IT preset's proxy: the default)</source>
            <translation>afficher ou choisir le proxy de toutes les connexions : set URL (un proxy manuel, avec une connexion facultative), pac URL (un fichier de configuration de proxy), auto (le fichier trouvé par WPAD), off (connexion directe) ou system (le proxy de l’environnement, du bureau ou du préréglage informatique : par défaut)</translation>
        </message>
        <message>
            <source>list the old versions the server keeps of a file (a Cozy, a Nextcloud)</source>
            <translation>lister les anciennes versions d’un fichier que garde le serveur (un Cozy, un Nextcloud)</translation>
        </message>
        <message>
            <source>bring back an old version of a file: it becomes the current one on the server, then the sync brings it here (--as-copy: a new file beside it instead)</source>
            <translation>récupérer une ancienne version d’un fichier : elle devient la version actuelle sur le serveur, puis la synchronisation l’apporte ici (--as-copy : un nouveau fichier à côté à la place)</translation>
        </message>
        <message>
            <source>share a file or folder: a link (printed alone on stdout) or people and groups of the server's address book</source>
            <translation>partager un fichier ou un dossier : un lien (affiché seul sur la sortie standard) ou des personnes et groupes du carnet d’adresses du serveur</translation>
        </message>
        <message>
            <source>stop sharing a file or folder (its links, or one person or group)</source>
            <translation>arrêter de partager un fichier ou un dossier (ses liens, ou une personne ou un groupe)</translation>
        </message>
        <message>
            <source>what you share (links, people, groups) and what is shared with you</source>
            <translation>ce que vous partagez (liens, personnes, groupes) et ce qui est partagé avec vous</translation>
        </message>
        <message>
            <source>list a folder's deleted files: the server's trash and what cozysync sent to this computer's trash</source>
            <translation>lister les fichiers supprimés d’un dossier : la corbeille du serveur et ce que cozysync a mis dans la corbeille de cet ordinateur</translation>
        </message>
        <message>
            <source>put a deleted file or folder back where it was (never over another)</source>
            <translation>remettre un fichier ou un dossier supprimé à sa place (jamais par-dessus un autre)</translation>
        </message>
        <message>
            <source>the local folder (default: the defaults file's)</source>
            <translation>le dossier local (par défaut : celui du fichier des réglages par défaut)</translation>
        </message>
        <message>
            <source>your Cozy's address (https://alice.mycozy.cloud), your Nextcloud's address (https://cloud.example.org: you log in through the browser) or the http(s):// address of a WebDAV folder (default: the defaults file's)</source>
            <translation>l’adresse de votre Cozy (https://alice.mycozy.cloud), celle de votre Nextcloud (https://cloud.example.org : vous vous connectez dans le navigateur) ou l’adresse http(s):// d’un dossier WebDAV (par défaut : celle du fichier des réglages par défaut)</translation>
        </message>
        <message>
            <source>the address is a Cozy (else it is detected)</source>
            <translation>l’adresse est celle d’un Cozy (sinon c’est détecté)</translation>
        </message>
        <message>
            <source>Cozy: leave out here too the folders your Cozy says another device, or this computer before a reinstall, leaves out (link says which)</source>
            <translation>Cozy : laisser de côté ici aussi les dossiers que votre Cozy dit laissés de côté par un autre appareil, ou par cet ordinateur avant une réinstallation (link dit lesquels)</translation>
        </message>
        <message>
            <source>Cozy: print the login address to open on another device instead of opening a browser</source>
            <translation>Cozy : afficher l’adresse de connexion à ouvrir sur un autre appareil au lieu d’ouvrir un navigateur</translation>
        </message>
        <message>
            <source>user name on the server</source>
            <translation>nom d’utilisateur sur le serveur</translation>
        </message>
        <message>
            <source>read the password from standard input</source>
            <translation>lire le mot de passe sur l’entrée standard</translation>
        </message>
        <message>
            <source>name of this link (default: the folder's name)</source>
            <translation>nom de ce lien (par défaut : le nom du dossier)</translation>
        </message>
        <message>
            <source>two-way (default); backup: this computer to the server only, nothing on the server is ever deleted; download-only: the server to this computer only</source>
            <translation>dans les deux sens (par défaut) ; backup : de cet ordinateur vers le serveur seulement, rien n’est jamais supprimé sur le serveur ; download-only : du serveur vers cet ordinateur seulement</translation>
        </message>
        <message>
            <source>keep the password in a file only you can read, where no keyring exists</source>
            <translation>garder le mot de passe dans un fichier que vous seul pouvez lire, là où il n’y a pas de trousseau</translation>
        </message>
        <message>
            <source>Nextcloud: log in through the browser, which makes an app password for this computer (done by itself when the server is a Nextcloud and no --user is given)</source>
            <translation>Nextcloud : se connecter dans le navigateur, qui crée un mot de passe d’application pour cet ordinateur (fait tout seul quand le serveur est un Nextcloud et sans --user)</translation>
        </message>
        <message>
            <source>a client certificate (PEM) to show to a server that asks for one</source>
            <translation>un certificat client (PEM) à présenter à un serveur qui en demande un</translation>
        </message>
        <message>
            <source>its private key (PEM), when it is not in the --client-cert file</source>
            <translation>sa clé privée (PEM), quand elle n’est pas dans le fichier --client-cert</translation>
        </message>
        <message>
            <source>read the key's passphrase from standard input (after the password, if --password-stdin); it is kept in the keyring</source>
            <translation>lire la phrase de passe de la clé sur l’entrée standard (après le mot de passe, avec --password-stdin) ; elle est gardée dans le trousseau</translation>
        </message>
        <message>
            <source>the linked folder (needed when several are linked)</source>
            <translation>le dossier lié (nécessaire quand plusieurs sont liés)</translation>
        </message>
        <message>
            <source>the same as NAME (older spelling)</source>
            <translation>la même chose que NAME (ancienne écriture)</translation>
        </message>
        <message>
            <source>for shared computers: after checking everything is on the server, really delete the local files (not to the trash) and this folder's logs</source>
            <translation>pour les ordinateurs partagés : après avoir vérifié que tout est sur le serveur, supprimer vraiment les fichiers locaux (pas dans la corbeille) et les logs de ce dossier</translation>
        </message>
        <message>
            <source>one full pass, then exit (default)</source>
            <translation>un passage complet, puis quitter (par défaut)</translation>
        </message>
        <message>
            <source>allow a pass that deletes many items</source>
            <translation>permettre un passage qui supprime beaucoup d’éléments</translation>
        </message>
        <message>
            <source>after a pass stopped before deleting many items: copy them back to the side that lost them instead of deleting them</source>
            <translation>après un passage arrêté avant de supprimer beaucoup d’éléments : les recopier du côté qui les a perdus au lieu de les supprimer</translation>
        </message>
        <message>
            <source>the linked folder to watch (default: every linked folder)</source>
            <translation>le dossier lié à surveiller (par défaut : chaque dossier lié)</translation>
        </message>
        <message>
            <source>the linked folder (needed when several are linked, or when REMOTE_PATH is given), what to restore inside the server folder (default: everything), and the local folder to restore it into</source>
            <translation>le dossier lié (nécessaire quand plusieurs sont liés, ou quand REMOTE_PATH est donné), ce qu’il faut restaurer dans le dossier du serveur (par défaut : tout), et le dossier local où le restaurer</translation>
        </message>
        <message>
            <source>a new (or empty) local folder</source>
            <translation>un dossier local nouveau (ou vide)</translation>
        </message>
        <message>
            <source>write DEST.zip instead of a folder</source>
            <translation>écrire DEST.zip au lieu d’un dossier</translation>
        </message>
        <message>
            <source>the new Cozy's address, or the http(s):// address of the new WebDAV folder</source>
            <translation>l’adresse du nouveau Cozy, ou l’adresse http(s):// du nouveau dossier WebDAV</translation>
        </message>
        <message>
            <source>the address is a Cozy (else detected)</source>
            <translation>l’adresse est celle d’un Cozy (sinon détecté)</translation>
        </message>
        <message>
            <source>Cozy: print the login address to open on another device</source>
            <translation>Cozy : afficher l’adresse de connexion à ouvrir sur un autre appareil</translation>
        </message>
        <message>
            <source>user name on the new server</source>
            <translation>nom d’utilisateur sur le nouveau serveur</translation>
        </message>
        <message>
            <source>do not keep this top-level folder on this computer (repeat for more); it must be on the server or here, spelled as 'cozysync folders' lists it</source>
            <translation>ne pas garder ce dossier de premier niveau sur cet ordinateur (à répéter pour d’autres) ; il doit être sur le serveur ou ici, écrit comme « cozysync folders » le liste</translation>
        </message>
        <message>
            <source>keep this top-level folder on this computer again (repeat for more), spelled as 'cozysync folders' lists it</source>
            <translation>garder de nouveau ce dossier de premier niveau sur cet ordinateur (à répéter pour d’autres), écrit comme « cozysync folders » le liste</translation>
        </message>
        <message>
            <source>machine-readable output</source>
            <translation>sortie lisible par une machine</translation>
        </message>
        <message>
            <source>upload limit (0: none)</source>
            <translation>limite d’envoi (0 : aucune)</translation>
        </message>
        <message>
            <source>download limit (0: none)</source>
            <translation>limite de téléchargement (0 : aucune)</translation>
        </message>
        <message>
            <source>the linked folder (default: all)</source>
            <translation>le dossier lié (par défaut : tous)</translation>
        </message>
        <message>
            <source>end the pause by itself after this long: 30m, 1h, 1h30m, 2d</source>
            <translation>finir la pause toute seule après cette durée : 30m, 1h, 1h30m, 2d</translation>
        </message>
        <message>
            <source>show a window, not a tray icon</source>
            <translation>afficher une fenêtre, pas une icône dans la zone de notification</translation>
        </message>
        <message>
            <source>the file or its conflict copy</source>
            <translation>le fichier ou sa copie de conflit</translation>
        </message>
        <message>
            <source>mine: this computer's version; theirs: the cloud's version; both: keep the two files side by side (the words of the tray's conflict window; local and remote still work for mine and theirs)</source>
            <translation>mine : la version de cet ordinateur ; theirs : la version du cloud ; both : garder les deux fichiers côte à côte (les mots de la fenêtre des conflits ; local et remote valent toujours pour mine et theirs)</translation>
        </message>
        <message>
            <source>sync once and exit instead of watching</source>
            <translation>synchroniser une fois et quitter au lieu de surveiller</translation>
        </message>
        <message>
            <source>also start the tray app at login</source>
            <translation>lancer aussi l’application de la zone de notification à l’ouverture de session</translation>
        </message>
        <message>
            <source>also open Cozy notes and shortcuts (.url) in the browser with a double-click</source>
            <translation>ouvrir aussi les notes Cozy et les raccourcis (.url) dans le navigateur d’un double-clic</translation>
        </message>
        <message>
            <source>read the new password from standard input (else asked at the terminal)</source>
            <translation>lire le nouveau mot de passe sur l’entrée standard (sinon demandé dans le terminal)</translation>
        </message>
        <message>
            <source>Nextcloud or ownCloud: sign in through the browser instead (an app password is made for this computer)</source>
            <translation>Nextcloud ou ownCloud : se connecter plutôt dans le navigateur (un mot de passe d’application est créé pour cet ordinateur)</translation>
        </message>
        <message>
            <source>Cozy, or with --browser: print the login address to open on another device</source>
            <translation>Cozy, ou avec --browser : afficher l’adresse de connexion à ouvrir sur un autre appareil</translation>
        </message>
        <message>
            <source>the linked folder (default: every linked folder)</source>
            <translation>le dossier lié (par défaut : chaque dossier lié)</translation>
        </message>
        <message>
            <source>show at most N items (default 50)</source>
            <translation>afficher au plus N éléments (50 par défaut)</translation>
        </message>
        <message>
            <source>accept this invitation (in the browser)</source>
            <translation>accepter cette invitation (dans le navigateur)</translation>
        </message>
        <message>
            <source>decline this invitation</source>
            <translation>refuser cette invitation</translation>
        </message>
        <message>
            <source>the invitations as JSON</source>
            <translation>les invitations en JSON</translation>
        </message>
        <message>
            <source>--accept: print the address to open instead of opening a browser</source>
            <translation>--accept : afficher l’adresse à ouvrir au lieu d’ouvrir un navigateur</translation>
        </message>
        <message>
            <source>the file or folder (in a synced folder)</source>
            <translation>le fichier ou le dossier (dans un dossier synchronisé)</translation>
        </message>
        <message>
            <source>open it on the server's web app</source>
            <translation>l’ouvrir dans l’application web du serveur</translation>
        </message>
        <message>
            <source>print the address instead of opening it</source>
            <translation>afficher l’adresse au lieu de l’ouvrir</translation>
        </message>
        <message>
            <source>what would be opened, as JSON</source>
            <translation>ce qui serait ouvert, en JSON</translation>
        </message>
        <message>
            <source>what the app is asked to do</source>
            <translation>ce qu’on demande à l’application</translation>
        </message>
        <message>
            <source>the items (in synced folders)</source>
            <translation>les éléments (dans des dossiers synchronisés)</translation>
        </message>
        <message>
            <source>the app's answer as JSON</source>
            <translation>la réponse de l’application en JSON</translation>
        </message>
        <message>
            <source>the linked Cozy folder (needed when several are linked)</source>
            <translation>le dossier Cozy lié (nécessaire quand plusieurs sont liés)</translation>
        </message>
        <message>
            <source>sync this drive (its name or id)</source>
            <translation>synchroniser ce drive (son nom ou son identifiant)</translation>
        </message>
        <message>
            <source>stop syncing this drive (its files here are kept)</source>
            <translation>arrêter de synchroniser ce drive (ses fichiers ici sont gardés)</translation>
        </message>
        <message>
            <source>--add: the folder of this computer to sync it in</source>
            <translation>--add : le dossier de cet ordinateur où le synchroniser</translation>
        </message>
        <message>
            <source>--add: the new folder's name</source>
            <translation>--add : le nom du nouveau dossier</translation>
        </message>
        <message>
            <source>the drives as JSON</source>
            <translation>les drives en JSON</translation>
        </message>
        <message>
            <source>show (the default), set URL, pac URL, auto, off or system</source>
            <translation>show (par défaut), set URL, pac URL, auto, off ou system</translation>
        </message>
        <message>
            <source>set: http://host:port or host:port; pac: the PAC file's http(s) address</source>
            <translation>set : http://hôte:port ou hôte:port ; pac : l’adresse http(s) du fichier PAC</translation>
        </message>
        <message>
            <source>set, pac, auto: the proxy's user name, when it asks for a login (DOMAIN\user for NTLM)</source>
            <translation>set, pac, auto : le nom d’utilisateur du proxy, quand il demande une connexion (DOMAINE\utilisateur pour NTLM)</translation>
        </message>
        <message>
            <source>set, pac, auto: read the proxy's password from stdin</source>
            <translation>set, pac, auto : lire le mot de passe du proxy sur l’entrée standard</translation>
        </message>
        <message>
            <source>set, pac, auto: keep the password in a file only you can read, where no keyring exists</source>
            <translation>set, pac, auto : garder le mot de passe dans un fichier que vous seul pouvez lire, là où il n’y a pas de trousseau</translation>
        </message>
        <message>
            <source>the file, in a linked folder</source>
            <translation>le fichier, dans un dossier lié</translation>
        </message>
        <message>
            <source>the version's id (see: cozysync versions)</source>
            <translation>l’id de la version (voir : cozysync versions)</translation>
        </message>
        <message>
            <source>keep the file as it is and put the old version beside it, under a new name</source>
            <translation>garder le fichier tel quel et mettre l’ancienne version à côté, sous un nouveau nom</translation>
        </message>
        <message>
            <source>make a public link (the default)</source>
            <translation>créer un lien public (par défaut)</translation>
        </message>
        <message>
            <source>share with these people or groups ("Léa Martin", "3e B")</source>
            <translation>partager avec ces personnes ou groupes (« Léa Martin », « 3e B »)</translation>
        </message>
        <message>
            <source>they can read, not change</source>
            <translation>ils peuvent lire, pas modifier</translation>
        </message>
        <message>
            <source>a link ends after 7d (days) or 2w (weeks)</source>
            <translation>un lien expire après 7d (jours) ou 2w (semaines)</translation>
        </message>
        <message>
            <source>protect the link with a password read from standard input</source>
            <translation>protéger le lien par un mot de passe lu sur l’entrée standard</translation>
        </message>
        <message>
            <source>also print the link as a QR code</source>
            <translation>afficher aussi le lien en code QR</translation>
        </message>
        <message>
            <source>what was made, as JSON</source>
            <translation>ce qui a été créé, en JSON</translation>
        </message>
        <message>
            <source>the shared file or folder</source>
            <translation>le fichier ou le dossier partagé</translation>
        </message>
        <message>
            <source>stop its links only</source>
            <translation>arrêter seulement ses liens</translation>
        </message>
        <message>
            <source>stop only this one</source>
            <translation>arrêter seulement celui-ci</translation>
        </message>
        <message>
            <source>what was stopped, as JSON</source>
            <translation>ce qui a été arrêté, en JSON</translation>
        </message>
        <message>
            <source>the shares as JSON</source>
            <translation>les partages en JSON</translation>
        </message>
        <message>
            <source>the path it had (as 'cozysync trash' shows it, or its full path), or its id</source>
            <translation>le chemin qu’il avait (tel que « cozysync trash » le montre, ou son chemin complet), ou son identifiant</translation>
        </message>
        <message>
            <source>put it in this folder (inside the synced one) when its place is taken</source>
            <translation>le mettre dans ce dossier (à l’intérieur du dossier synchronisé) quand sa place est prise</translation>
        </message>
    </context>
</TS>
