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
        <source>The disk is almost full: students' saves will fail. Free some space now.</source>
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
        <source>This computer is on several networks. Choose the address of the network the students' devices use.</source>
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
            <numerusform>vor %n Min.</numerusform><numerusform>vor %n Min.</numerusform></translation>
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
    <name>QObject</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
</TS>