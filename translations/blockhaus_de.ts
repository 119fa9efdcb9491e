<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Blockhaus::Ui::ConflictModel</name>
    <message>
        <source>Project %1</source>
        <translation>Projekt %1</translation>
    </message>
    <message>
        <source>saved from version %1, current was %2</source>
        <translation>gespeichert von Version %1, aktuell war %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Schüler/in</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>Newer version saved by</source>
        <translation>Neuere Version gespeichert von</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::DashboardWindow</name>
    <message>
        <source>Blockhaus – port %1</source>
        <translation>Blockhaus – Port %1</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Serverstatus</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Beitreten</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Waiting for the first figures.</source>
        <translation>Warte auf die ersten Zahlen.</translation>
    </message>
    <message>
        <source>Find a student</source>
        <translation>Schüler/in suchen</translation>
    </message>
    <message>
        <source>Who is online</source>
        <translation>Wer online ist</translation>
    </message>
    <message>
        <source>A conflict is a save from an older version: the student was asked what to do, and nothing was lost.</source>
        <translation>Ein Konflikt ist ein Speichern von einer älteren Version aus: Die Schülerin oder der Schüler wurde gefragt, was passieren soll, und nichts ging verloren.</translation>
    </message>
    <message>
        <source>Filter conflicts</source>
        <translation>Konflikte filtern</translation>
    </message>
    <message>
        <source>Save conflicts</source>
        <translation>Speicherkonflikte</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Konflikte (%1)</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Schüler/innen</translation>
    </message>
    <message>
        <source>Close Blockhaus?</source>
        <translation>Blockhaus schließen?</translation>
    </message>
    <message>
        <source>Stop the server? Students who are working will lose their connection; their saved work stays safe.</source>
        <translation>Den Server anhalten? Schüler/innen, die gerade arbeiten, verlieren die Verbindung; ihre gespeicherte Arbeit bleibt sicher.</translation>
    </message>
    <message>
        <source>Or keep Blockhaus running in the background: it stays in the system tray.</source>
        <translation>Oder Blockhaus im Hintergrund weiterlaufen lassen: Es bleibt im Infobereich der Taskleiste.</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray</source>
        <translation>&amp;Im Hintergrund weiterlaufen lassen</translation>
    </message>
    <message>
        <source>&amp;Stop the server</source>
        <translation>Server &amp;anhalten</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HealthPanel</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Database connections</source>
        <translation>Datenbankverbindungen</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>Anzahl Verbindungen</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In Benutzung</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Wait for a connection (median)</source>
        <translation>Wartezeit auf eine Verbindung (Median)</translation>
    </message>
    <message>
        <source>Wait (slowest 1 %)</source>
        <translation>Wartezeit (langsamstes 1 %)</translation>
    </message>
    <message>
        <source>Turned away (timeouts)</source>
        <translation>Abgewiesen (Zeitüberschreitung)</translation>
    </message>
    <message>
        <source>Busy retries</source>
        <translation>Wiederholungen wegen Belegung</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>Refused or failed requests per second</source>
        <translation>Abgelehnte oder fehlgeschlagene Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>Students online</source>
        <translation>Schüler/innen online</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>Größe der Datenbank</translation>
    </message>
    <message>
        <source>Free disk space</source>
        <translation>Freier Speicherplatz</translation>
    </message>
    <message>
        <source>Running for</source>
        <translation>Läuft seit</translation>
    </message>
    <message>
        <source>Database connections, last 5 minutes</source>
        <translation>Datenbankverbindungen, letzte 5 Minuten</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Benutzung</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>vor Sekunden</translation>
    </message>
    <message>
        <source>Chart of database connections in use and waiting</source>
        <translation>Diagramm der benutzten und wartenden Datenbankverbindungen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HealthSummary</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>The disk is almost full: students&apos; saves will fail. Free some space now.</source>
        <translation>Der Speicher ist fast voll: Das Speichern der Schüler/innen wird scheitern. Bitte jetzt Platz schaffen.</translation>
    </message>
    <message>
        <source>The database is overloaded: some saves were turned away and are being retried.</source>
        <translation>Die Datenbank ist überlastet: Einige Speichervorgänge wurden abgewiesen und werden wiederholt.</translation>
    </message>
    <message>
        <source>Some requests failed inside Blockhaus. If it keeps happening, restart it.</source>
        <translation>Einige Anfragen sind in Blockhaus fehlgeschlagen. Wenn das weiter passiert, Blockhaus neu starten.</translation>
    </message>
    <message>
        <source>Check soon</source>
        <translation>Bald prüfen</translation>
    </message>
    <message>
        <source>Less than 1 GB of disk space is left.</source>
        <translation>Es ist weniger als 1 GB Speicherplatz frei.</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Viel los</translation>
    </message>
    <message>
        <source>Many saves at once: students may wait a moment. Nothing is lost.</source>
        <translation>Viele Speichervorgänge gleichzeitig: Die Schüler/innen warten vielleicht kurz. Nichts geht verloren.</translation>
    </message>
    <message>
        <source>All good</source>
        <translation>Alles in Ordnung</translation>
    </message>
    <message>
        <source>Blockhaus is running. Students online: %1.</source>
        <translation>Blockhaus läuft. Schüler/innen online: %1.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::JoinPanel</name>
    <message>
        <source>Students open:</source>
        <translation>Die Schüler/innen öffnen:</translation>
    </message>
    <message>
        <source>Join address</source>
        <translation>Adresse zum Beitreten</translation>
    </message>
    <message>
        <source>&amp;Address shown:</source>
        <translation>&amp;Angezeigte Adresse:</translation>
    </message>
    <message>
        <source>Address shown to students</source>
        <translation>Adresse, die die Schüler/innen sehen</translation>
    </message>
    <message>
        <source>This computer is on several networks. Choose the address of the network the students&apos; devices use.</source>
        <translation>Dieser Computer ist in mehreren Netzwerken. Wähle die Adresse des Netzwerks, das die Geräte der Schüler/innen benutzen.</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Klassencode:</translation>
    </message>
    <message>
        <source>Class join code</source>
        <translation>Klassencode zum Beitreten</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Show on &amp;projector</source>
        <translation>Am &amp;Beamer zeigen</translation>
    </message>
    <message>
        <source>Show on projector</source>
        <translation>Am Beamer zeigen</translation>
    </message>
    <message>
        <source>Shows the address, class code and QR code full screen for the whole class.</source>
        <translation>Zeigt Adresse, Klassencode und QR-Code im Vollbild für die ganze Klasse.</translation>
    </message>
    <message>
        <source>Type it into the address bar of the browser.</source>
        <translation>In die Adresszeile des Browsers tippen.</translation>
    </message>
    <message>
        <source>No network found</source>
        <translation>Kein Netzwerk gefunden</translation>
    </message>
    <message>
        <source>Connect this computer to the school network (Wi-Fi or cable); the address appears here.</source>
        <translation>Verbinde diesen Computer mit dem Schulnetz (WLAN oder Kabel); dann erscheint hier die Adresse.</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>Klasse: %1</translation>
    </message>
    <message>
        <source>No class chosen: students pick their class after opening the address.</source>
        <translation>Keine Klasse gewählt: Die Schüler/innen wählen ihre Klasse, nachdem sie die Adresse geöffnet haben.</translation>
    </message>
    <message>
        <source>Or scan this code:</source>
        <translation>Oder diesen Code scannen:</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LoginCardsWriter</name>
    <message>
        <source>Class: %1</source>
        <translation>Klasse: %1</translation>
    </message>
    <message>
        <source>Join: %1</source>
        <translation>Beitreten: %1</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Klassencode:</translation>
    </message>
    <message>
        <source>There are no students to print login cards for.</source>
        <translation>Es gibt keine Schüler/innen, für die Zugangskarten gedruckt werden können.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::OnlineModel</name>
    <message>
        <source>teacher</source>
        <translation>Lehrkraft</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>Administrator/in</translation>
    </message>
    <message>
        <source>student</source>
        <translation>Schüler/in</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>Projekt %1</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>keins geöffnet</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Current project</source>
        <translation>Aktuelles Projekt</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Computer</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::ProjectorWindow</name>
    <message>
        <source>Join the class – Blockhaus</source>
        <translation>Der Klasse beitreten – Blockhaus</translation>
    </message>
    <message>
        <source>Join the class</source>
        <translation>Der Klasse beitreten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the join screen</source>
        <translation>Beitrittsbildschirm schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Open in your browser:</source>
        <translation>Im Browser öffnen:</translation>
    </message>
    <message>
        <source>Join address</source>
        <translation>Adresse zum Beitreten</translation>
    </message>
    <message>
        <source>No network found</source>
        <translation>Kein Netzwerk gefunden</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Klassencode:</translation>
    </message>
    <message>
        <source>Class join code</source>
        <translation>Klassencode zum Beitreten</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>Klasse: %1</translation>
    </message>
    <message>
        <source>Or scan this code with a tablet camera.</source>
        <translation>Oder diesen Code mit der Kamera des Tablets scannen.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::QrWidget</name>
    <message>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <source>No address to show yet.</source>
        <translation>Noch keine Adresse zum Anzeigen.</translation>
    </message>
    <message>
        <source>QR code for %1</source>
        <translation>QR-Code für %1</translation>
    </message>
    <message>
        <source>Scanning it with a tablet or phone camera opens %1 in the browser.</source>
        <translation>Mit der Kamera eines Tablets oder Handys gescannt, öffnet er %1 im Browser.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::RosterModel</name>
    <message>
        <source>● online</source>
        <translation>● online</translation>
    </message>
    <message>
        <source>○ offline</source>
        <translation>○ offline</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>Projekt %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Current project</source>
        <translation>Aktuelles Projekt</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::StudentsPanel</name>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Klasse:</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>&amp;New class…</source>
        <translation>&amp;Neue Klasse …</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>Neue Klasse</translation>
    </message>
    <message>
        <source>Find a student</source>
        <translation>Schüler/in suchen</translation>
    </message>
    <message>
        <source>Students of the class</source>
        <translation>Schüler/innen der Klasse</translation>
    </message>
    <message>
        <source>&amp;Add students…</source>
        <translation>Schüler/innen &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Add students</source>
        <translation>Schüler/innen hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Passwort &amp;zurücksetzen …</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Re&amp;move from class…</source>
        <translation>Aus der Klasse &amp;entfernen …</translation>
    </message>
    <message>
        <source>Remove from class</source>
        <translation>Aus der Klasse entfernen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>New accounts</source>
        <translation>Neue Zugänge</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (code %2, %n student(s))</source>
        <translation>
            <numerusform>%1 (Code %2, %n Schüler/in)</numerusform>
            <numerusform>%1 (Code %2, %n Schüler/innen)</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no class yet. Create one with “New class”.</source>
        <translation>Es gibt noch keine Klasse. Lege eine mit „Neue Klasse“ an.</translation>
    </message>
    <message>
        <source>Class “%1” created. Its code is %2.</source>
        <translation>Klasse „%1“ angelegt. Ihr Code ist %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n student account(s) created.</source>
        <translation>
            <numerusform>%n Zugang angelegt.</numerusform>
            <numerusform>%n Zugänge angelegt.</numerusform>
        </translation>
    </message>
    <message>
        <source>New password for %1: %2</source>
        <translation>Neues Passwort für %1: %2</translation>
    </message>
    <message>
        <source>%1 was taken out of the class. Their projects are in their trash.</source>
        <translation>%1 wurde aus der Klasse genommen. Die Projekte liegen im Papierkorb.</translation>
    </message>
    <message>
        <source>Name of the class:</source>
        <translation>Name der Klasse:</translation>
    </message>
    <message>
        <source>Add students to %1</source>
        <translation>Schüler/innen zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Names, one per line</source>
        <translation>Namen, einer pro Zeile</translation>
    </message>
    <message>
        <source>Create accounts</source>
        <translation>Zugänge anlegen</translation>
    </message>
    <message>
        <source>Give %1 a new password? The old one stops working at once.</source>
        <translation>%1 ein neues Passwort geben? Das alte funktioniert dann sofort nicht mehr.</translation>
    </message>
    <message>
        <source>Take %1 out of %2? Their projects move to their trash, where they can be restored.</source>
        <translation>%1 aus %2 nehmen? Die Projekte kommen in den Papierkorb und können wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>The passwords are shown only now. Print the login cards or write them down.</source>
        <translation>Die Passwörter werden nur jetzt angezeigt. Drucke die Zugangskarten oder schreibe sie auf.</translation>
    </message>
    <message>
        <source>New accounts with their passwords</source>
        <translation>Neue Zugänge mit ihren Passwörtern</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Save login cards as &amp;PDF…</source>
        <translation>Zugangskarten als &amp;PDF speichern …</translation>
    </message>
    <message>
        <source>Save login cards</source>
        <translation>Zugangskarten speichern</translation>
    </message>
    <message>
        <source>Login cards %1.pdf</source>
        <translation>Zugangskarten %1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Login cards</source>
        <translation>Zugangskarten</translation>
    </message>
    <message>
        <source>Paste or type the names, one per line (for example “Anna M.”). Blockhaus makes a username and a password for each.</source>
        <translation>Füge die Namen ein oder tippe sie, einen pro Zeile (zum Beispiel „Anna M.“). Blockhaus erstellt für jeden einen Benutzernamen und ein Passwort.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::TrayIcon</name>
    <message>
        <source>Blockhaus is starting</source>
        <translation>Blockhaus startet</translation>
    </message>
    <message>
        <source>Show the dashboard</source>
        <translation>Übersicht anzeigen</translation>
    </message>
    <message>
        <source>Stop Blockhaus</source>
        <translation>Blockhaus beenden</translation>
    </message>
    <message>
        <source>Blockhaus</source>
        <translation>Blockhaus</translation>
    </message>
    <message>
        <source>Blockhaus: %1 – %2</source>
        <translation>Blockhaus: %1 – %2</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::WelcomeDialog</name>
    <message>
        <source>Welcome to Blockhaus</source>
        <translation>Willkommen bei Blockhaus</translation>
    </message>
    <message>
        <source>Welcome to Blockhaus!</source>
        <translation>Willkommen bei Blockhaus!</translation>
    </message>
    <message>
        <source>Your students will open Blockhaus in their browsers and save their Scratch projects on this computer. Start with your first class: its code lets the students join.</source>
        <translation>Deine Schüler/innen öffnen Blockhaus im Browser und speichern ihre Scratch-Projekte auf diesem Computer. Beginne mit deiner ersten Klasse: Mit ihrem Code treten die Schüler/innen bei.</translation>
    </message>
    <message>
        <source>&amp;Name of your class:</source>
        <translation>&amp;Name deiner Klasse:</translation>
    </message>
    <message>
        <source>for example 5b or Coding Club</source>
        <translation>zum Beispiel 5b oder Programmier-AG</translation>
    </message>
    <message>
        <source>Name of your class</source>
        <translation>Name deiner Klasse</translation>
    </message>
    <message>
        <source>Create the class and show the join screen</source>
        <translation>Klasse anlegen und Beitrittsbildschirm zeigen</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
</TS>
