<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Blockhaus::App::RestoreCommand</name>
    <message>
        <source>Restored %1 (%2, schema version %3) into the data folder %4.</source>
        <translation>%1 (%2, Schema-Version %3) wurde in den Datenordner %4 zurückgespielt.</translation>
    </message>
    <message>
        <source>The database it replaced is kept as %1.</source>
        <translation>Die ersetzte Datenbank ist als %1 aufbewahrt.</translation>
    </message>
    <message>
        <source>Start Blockhaus as usual to serve the restored classes and projects.</source>
        <translation>Starte Blockhaus wie gewohnt, dann sind die zurückgespielten Klassen und Projekte wieder da.</translation>
    </message>
    <message>
        <source>--restore puts back a backup of the SQLite database in the data folder. Blockhaus is set to use a PostgreSQL database: restore that with PostgreSQL&apos;s pg_restore (or psql for a plain pg_dump file).</source>
        <translation>--restore stellt eine Sicherung der SQLite-Datenbank im Datenordner wieder her. Blockhaus ist auf eine PostgreSQL-Datenbank eingestellt: Stelle diese mit pg_restore von PostgreSQL wieder her (oder mit psql bei einer einfachen pg_dump-Datei).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::S4sImportCommand</name>
    <message>
        <source>account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>class member</source>
        <translation>Klassenmitglied</translation>
    </message>
    <message>
        <source>project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>backpack item</source>
        <translation>Rucksack-Element</translation>
    </message>
    <message>
        <source>%1 %2 “%3”</source>
        <translation>%1 %2 „%3“</translation>
    </message>
    <message>
        <source>imported %1</source>
        <translation>importiert: %1</translation>
    </message>
    <message>
        <source>already there %1</source>
        <translation>schon da: %1</translation>
    </message>
    <message>
        <source>skipped %1: %2</source>
        <translation>übersprungen: %1: %2</translation>
    </message>
    <message>
        <source>Report of the import from Scratch4School:</source>
        <translation>Bericht über den Import aus Scratch4School:</translation>
    </message>
    <message>
        <source>    %1: %2 imported, %3 already there, %4 skipped</source>
        <translation>    %1: %2 importiert, %3 schon da, %4 übersprungen</translation>
    </message>
    <message>
        <source>Skipped, and why:</source>
        <translation>Übersprungen, und warum:</translation>
    </message>
    <message>
        <source>Imported with a remark:</source>
        <translation>Importiert, mit einem Hinweis:</translation>
    </message>
    <message>
        <source>Not imported, as Blockhaus has no place for them: %1 projects in Scratch4School&apos;s trash, %2 older versions (earlier commits and other users&apos; working copies; each project comes with its newest version), %3 assignments with %4 submissions, %5 shares of projects with users or groups.</source>
        <translation>Nicht importiert, weil Blockhaus keinen Platz dafür hat: %1 Projekte im Papierkorb von Scratch4School, %2 ältere Versionen (frühere Commits und Arbeitskopien anderer Benutzer; jedes Projekt kommt mit seiner neuesten Version), %3 Aufgaben mit %4 Abgaben, %5 Freigaben von Projekten für Benutzer oder Gruppen.</translation>
    </message>
    <message>
        <source>Passwords are not imported: Scratch4School signs people in through the school&apos;s sign-in. The imported accounts cannot sign in to Blockhaus with a password until a teacher sets one (dashboard: the Students tab, a student, Reset password).</source>
        <translation>Passwörter werden nicht importiert: Scratch4School meldet alle über die Anmeldung der Schule an. Die importierten Konten können sich bei Blockhaus erst mit einem Passwort anmelden, wenn eine Lehrkraft eines setzt (Dashboard: Reiter Schüler/innen, ein Kind auswählen, Passwort zurücksetzen).</translation>
    </message>
    <message>
        <source>Everything importable was already there: nothing was changed.</source>
        <translation>Alles Importierbare war schon da: nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Importing from Scratch4School: %1, uploads folder %2</source>
        <translation>Import aus Scratch4School: %1, Upload-Ordner %2</translation>
    </message>
    <message>
        <source>The import stopped early: %1 Run it again to continue where it stopped.</source>
        <translation>Der Import hat vorzeitig aufgehört: %1 Starte ihn noch einmal, dann geht er dort weiter, wo er aufgehört hat.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::SelfCheck</name>
    <message>
        <source>The database does not answer.</source>
        <translation>Die Datenbank antwortet nicht.</translation>
    </message>
    <message>
        <source>Durability is off: the database&apos;s journal mode is “%1”, not WAL, so students&apos; saves block each other and a crash can damage the database.</source>
        <translation>Die Datensicherheit ist aus: Der Journalmodus der Datenbank ist „%1“, nicht WAL, darum blockieren sich die Speichervorgänge der Schüler/innen gegenseitig, und ein Absturz kann die Datenbank beschädigen.</translation>
    </message>
    <message>
        <source>Durability is off: the database&apos;s synchronous setting is “%1”, below FULL, so a save reported as done can be lost when the power fails.</source>
        <translation>Die Datensicherheit ist aus: Die Einstellung synchronous der Datenbank ist „%1“, unter FULL, darum kann ein als fertig gemeldetes Speichern bei einem Stromausfall verloren gehen.</translation>
    </message>
    <message>
        <source>The disk is too slow: it flushed %1 times per second, fewer than %2. Every save waits for a flush, so a class saving together would wait for seconds. Put the data folder on an internal SSD.</source>
        <translation>Der Datenträger ist zu langsam: Er hat %1-mal pro Sekunde geschrieben, weniger als %2. Jedes Speichern wartet darauf, darum würde eine Klasse, die gleichzeitig speichert, sekundenlang warten. Lege den Datenordner auf eine eingebaute SSD.</translation>
    </message>
    <message>
        <source>The students&apos; load could not run: %1</source>
        <translation>Die Last der Schüler/innen konnte nicht laufen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n save(s) reported as done were not read back. This is a bug: please report it.</source>
        <translation>
            <numerusform>%n als fertig gemeldetes Speichern wurde nicht zurückgelesen. Das ist ein Fehler: Bitte melde ihn.</numerusform>
            <numerusform>%n als fertig gemeldete Speichervorgänge wurden nicht zurückgelesen. Das ist ein Fehler: Bitte melde ihn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server failed %n request(s) (5xx). This is a bug: please report it with the log.</source>
        <translation>
            <numerusform>Der Server hat %n Anfrage nicht beantworten können (5xx). Das ist ein Fehler: Bitte melde ihn mit dem Protokoll.</numerusform>
            <numerusform>Der Server hat %n Anfragen nicht beantworten können (5xx). Das ist ein Fehler: Bitte melde ihn mit dem Protokoll.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer serves about %1 students saving at once, fewer than the %2 asked for.</source>
        <translation>Dieser Computer bedient etwa %1 gleichzeitig speichernde Schüler/innen, weniger als die gewünschten %2.</translation>
    </message>
    <message>
        <source>The check&apos;s throwaway class could not be removed: %1</source>
        <translation>Die Wegwerf-Klasse der Prüfung konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>Only %1 are free on the data folder&apos;s disk; a class&apos;s projects and their versions need hundreds of MB.</source>
        <translation>Auf dem Datenträger des Datenordners sind nur %1 frei; die Projekte einer Klasse mit ihren Versionen brauchen Hunderte MB.</translation>
    </message>
    <message>
        <source>The check could not measure the saves: %1</source>
        <translation>Die Prüfung konnte das Speichern nicht messen: %1</translation>
    </message>
    <message>
        <source>This computer can serve about %1 students saving at once.</source>
        <translation>Dieser Computer kann etwa %1 gleichzeitig speichernde Schüler/innen bedienen.</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Datenordner: %1</translation>
    </message>
    <message>
        <source>Database: %1, journal_mode %2, synchronous %3</source>
        <translation>Datenbank: %1, journal_mode %2, synchronous %3</translation>
    </message>
    <message>
        <source>Disk speed: %1 fsync/s (write and flush a small file in the data folder)</source>
        <translation>Geschwindigkeit des Datenträgers: %1 fsync/s (eine kleine Datei im Datenordner schreiben und sichern)</translation>
    </message>
    <message>
        <source>Free disk: %1</source>
        <translation>Freier Speicherplatz: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Load: %1 throwaway students, each saving a %2 project in a loop with If-Match for %3 s, over 127.0.0.1</source>
        <translation>Last: %1 Wegwerf-Schüler/innen, die jeweils ein Projekt von %2 in einer Schleife mit If-Match %3 s lang speichern, über 127.0.0.1</translation>
    </message>
    <message>
        <source>Saves: %1 in %2 s, %3 saves/s</source>
        <translation>Speichervorgänge: %1 in %2 s, %3 pro Sekunde</translation>
    </message>
    <message>
        <source>Latency: p50 %1 ms, p99 %2 ms</source>
        <translation>Antwortzeit: p50 %1 ms, p99 %2 ms</translation>
    </message>
    <message>
        <source>Server errors (5xx): %1</source>
        <translation>Serverfehler (5xx): %1</translation>
    </message>
    <message>
        <source>Lost saves (read back): %1</source>
        <translation>Verlorene Speichervorgänge (zurückgelesen): %1</translation>
    </message>
    <message>
        <source>Throwaway class and accounts removed: %1</source>
        <translation>Wegwerf-Klasse und Zugänge entfernt: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>(Assumed: a student saves at most once every %1 seconds; the editor autosaves every 60 s. Measured over 127.0.0.1: the school&apos;s network is not part of this figure.)</source>
        <translation>(Annahme: Ein Kind speichert höchstens alle %1 Sekunden; der Editor speichert alle 60 s automatisch. Gemessen über 127.0.0.1: Das Schulnetz ist in dieser Zahl nicht enthalten.)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Self-check passed.</source>
        <translation>Selbstprüfung bestanden.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Self-check failed.</source>
        <translation>Selbstprüfung nicht bestanden.</translation>
    </message>
    <message>
        <source>Measuring the disk…</source>
        <translation>Der Datenträger wird gemessen …</translation>
    </message>
    <message>
        <source>Making a throwaway class with %1 students…</source>
        <translation>Eine Wegwerf-Klasse mit %1 Schüler/innen wird angelegt …</translation>
    </message>
    <message>
        <source>%1 students saving for %2 seconds…</source>
        <translation>%1 Schüler/innen speichern %2 Sekunden lang …</translation>
    </message>
    <message>
        <source>Removing the throwaway class…</source>
        <translation>Die Wegwerf-Klasse wird entfernt …</translation>
    </message>
    <message>
        <source>Blockhaus self-check: can this computer handle my class?</source>
        <translation>Blockhaus-Selbstprüfung: Schafft dieser Computer meine Klasse?</translation>
    </message>
    <message>
        <source>Blockhaus is running on this data folder, so the check cannot start its own server there. Use the button “Check this computer…” in the running dashboard&apos;s Health tab, or stop Blockhaus and run blockhaus --self-check again.</source>
        <translation>Blockhaus läuft bereits mit diesem Datenordner, darum kann die Prüfung dort keinen eigenen Server starten. Nutze die Schaltfläche „Diesen Computer prüfen …“ im Reiter „Zustand“ des laufenden Fensters, oder beende Blockhaus und starte blockhaus --self-check erneut.</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>Der Server läuft nicht.</translation>
    </message>
    <message>
        <source>A check is already running.</source>
        <translation>Es läuft bereits eine Prüfung.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::ServerController</name>
    <message>
        <source>Blockhaus cannot create its data folder %1. Check that the drive is connected and that you may write there, or choose another folder.</source>
        <translation>Blockhaus kann seinen Datenordner %1 nicht anlegen. Prüfe, ob das Laufwerk angeschlossen ist und du dort schreiben darfst, oder wähle einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Blockhaus is already running with the data folder %1 (process %2). Close the other Blockhaus first.</source>
        <translation>Blockhaus läuft bereits mit dem Datenordner %1 (Prozess %2). Beende zuerst das andere Blockhaus.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write in its data folder %1. Check that you may write there, or choose another folder.</source>
        <translation>Blockhaus kann nicht in seinen Datenordner %1 schreiben. Prüfe, ob du dort schreiben darfst, oder wähle einen anderen Ordner.</translation>
    </message>
    <message>
        <source>The password library (libsodium) could not start.</source>
        <translation>Die Passwort-Bibliothek (libsodium) konnte nicht starten.</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation>Die Datenbank %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program.</source>
        <translation>Port %1 wird bereits von einem anderen Programm verwendet.</translation>
    </message>
    <message>
        <source>Blockhaus cannot listen on port %1 at %2: %3</source>
        <translation>Blockhaus kann auf Port %1 an der Adresse %2 nicht empfangen: %3</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>Die Datenbank lässt sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>The administrator account could not be created: %1</source>
        <translation>Das Administratorkonto konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>Before updating the database %1 to this version of Blockhaus, a copy of it is kept, and that copy failed: %2</source>
        <translation>Bevor die Datenbank %1 auf diese Version von Blockhaus umgestellt wird, wird eine Kopie von ihr aufbewahrt, und diese Kopie ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Qt&apos;s database driver %1 is not installed, so Blockhaus cannot open its database. Install Blockhaus again (on Debian or Ubuntu, also the package %2).</source>
        <translation>Der Datenbanktreiber %1 von Qt ist nicht installiert, darum kann Blockhaus seine Datenbank nicht öffnen. Installiere Blockhaus erneut (unter Debian oder Ubuntu auch das Paket %2).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::StoreLiveControlService</name>
    <message>
        <source>Blockhaus stopped before this could be done. Please try again.</source>
        <translation>Blockhaus wurde beendet, bevor das erledigt war. Bitte versuche es noch einmal.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::StoreMaintenanceService</name>
    <message>
        <source>A backup is already being restored.</source>
        <translation>Es wird bereits eine Sicherung wiederhergestellt.</translation>
    </message>
    <message>
        <source>Wait until the check of this computer is done, then restore the backup.</source>
        <translation>Warte, bis die Prüfung dieses Computers fertig ist, und stelle die Sicherung dann wieder her.</translation>
    </message>
    <message>
        <source>A backup is being restored. Check again when it is done.</source>
        <translation>Gerade wird eine Sicherung wiederhergestellt. Prüfe erneut, wenn sie fertig ist.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::AssignmentsPanel</name>
    <message>
        <source>Choose a class on the Students tab.</source>
        <translation>Wähle auf der Registerkarte „Schüler/innen“ eine Klasse.</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Abgabe bis</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Abgegeben</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Make and mark assignments in the &amp;browser</source>
        <translation>Aufgaben im &amp;Browser stellen und bewerten</translation>
    </message>
    <message>
        <source>Refresh the assignments</source>
        <translation>Die Aufgaben neu laden</translation>
    </message>
    <message>
        <source>Make and mark assignments on the teacher page</source>
        <translation>Aufgaben auf der Lehrkräfte-Seite stellen und bewerten</translation>
    </message>
    <message>
        <source>Assignments of class %1</source>
        <translation>Aufgaben der Klasse %1</translation>
    </message>
    <message>
        <source>no due time</source>
        <translation>keine Abgabezeit</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>not handed out yet</source>
        <translation>noch nicht ausgeteilt</translation>
    </message>
    <message>
        <source>No assignments in this class yet.</source>
        <translation>In dieser Klasse gibt es noch keine Aufgaben.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::Autostart</name>
    <message>
        <source>Windows did not accept the change.</source>
        <translation>Windows hat die Änderung nicht angenommen.</translation>
    </message>
    <message>
        <source>%1 could not be removed.</source>
        <translation>%1 konnte nicht entfernt werden.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>This is not available on this system.</source>
        <translation>Das ist auf diesem System nicht verfügbar.</translation>
    </message>
</context>
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
    <message>
        <source>Projects</source>
        <translation>Projekte</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Dein Zugang</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Help (%1 waiting)</source>
        <translation>Hilfe (wartend: %1)</translation>
    </message>
    <message>
        <source>Live lesson</source>
        <translation>Unterricht live</translation>
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
    <message>
        <source>Can this computer handle my class?</source>
        <translation>Schafft dieser Computer meine Klasse?</translation>
    </message>
    <message>
        <source>&amp;Students in the check:</source>
        <translation>&amp;Schüler/innen in der Prüfung:</translation>
    </message>
    <message>
        <source>Students in the check</source>
        <translation>Schüler/innen in der Prüfung</translation>
    </message>
    <message>
        <source>&amp;Check this computer…</source>
        <translation>Diesen Computer &amp;prüfen …</translation>
    </message>
    <message>
        <source>Check this computer</source>
        <translation>Diesen Computer prüfen</translation>
    </message>
    <message>
        <source>A throwaway class saves projects on this server for about ten seconds; students working now may notice a slower server meanwhile. The class is removed afterwards.</source>
        <translation>Eine Wegwerf-Klasse speichert etwa zehn Sekunden lang Projekte auf diesem Server; wer gerade arbeitet, merkt vielleicht, dass der Server langsamer ist. Die Klasse wird danach entfernt.</translation>
    </message>
    <message>
        <source>Measures how many students saving at once this computer can serve.</source>
        <translation>Misst, wie viele gleichzeitig speichernde Schüler/innen dieser Computer bedienen kann.</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <source>Checking… This takes about half a minute.</source>
        <translation>Prüfung läuft … Das dauert etwa eine halbe Minute.</translation>
    </message>
    <message>
        <source>The check could not run: %1</source>
        <translation>Die Prüfung konnte nicht laufen: %1</translation>
    </message>
    <message>
        <source>Passed.</source>
        <translation>Bestanden.</translation>
    </message>
    <message>
        <source>Problems found.</source>
        <translation>Probleme gefunden.</translation>
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
    <name>Blockhaus::Ui::HelpModel</name>
    <message>
        <source>less than a minute</source>
        <translation>weniger als eine Minute</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>No project</source>
        <translation>Kein Projekt</translation>
    </message>
    <message>
        <source>No question</source>
        <translation>Keine Frage</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HelpPanel</name>
    <message>
        <source>Students waiting for help</source>
        <translation>Schüler/innen, die auf Hilfe warten</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <source>Take the chosen student out of the queue</source>
        <translation>Die gewählte Person aus der Warteschlange nehmen</translation>
    </message>
    <message>
        <source>&amp;Open read-only</source>
        <translation>Nur zum &amp;Ansehen öffnen</translation>
    </message>
    <message>
        <source>Open the chosen student&apos;s project in the browser, read-only</source>
        <translation>Das Projekt der gewählten Person im Browser nur zum Ansehen öffnen</translation>
    </message>
    <message>
        <source>Nobody is waiting for help.</source>
        <translation>Niemand wartet auf Hilfe.</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) waiting for help.</source>
        <translation>
            <numerusform>%n Schüler/in wartet auf Hilfe.</numerusform>
            <numerusform>%n Schüler/innen warten auf Hilfe.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was helped.</source>
        <translation>%1 wurde geholfen.</translation>
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
    <message>
        <source>Or type: %1 (works on most computers and tablets)</source>
        <translation>Oder tippe: %1 (klappt auf den meisten Computern und Tablets)</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LibraryBox</name>
    <message>
        <source>Scratch library</source>
        <translation>Scratch-Bibliothek</translation>
    </message>
    <message>
        <source>The costumes, sprites, sounds and backdrops students pick in the editor. Downloaded once, they work without the internet.</source>
        <translation>Die Kostüme, Figuren, Klänge und Bühnenbilder, die die Schüler/innen im Editor auswählen. Einmal heruntergeladen, funktionieren sie ohne Internet.</translation>
    </message>
    <message>
        <source>Scratch library on this computer</source>
        <translation>Scratch-Bibliothek auf diesem Computer</translation>
    </message>
    <message>
        <source>Library download progress</source>
        <translation>Fortschritt beim Herunterladen der Bibliothek</translation>
    </message>
    <message>
        <source>Download the Scratch library for offline use</source>
        <translation>Die Scratch-Bibliothek für die Nutzung ohne Internet herunterladen</translation>
    </message>
    <message>
        <source>Library download result</source>
        <translation>Ergebnis des Herunterladens der Bibliothek</translation>
    </message>
    <message>
        <source>Export the library to a file…</source>
        <translation>Die Bibliothek in eine Datei exportieren …</translation>
    </message>
    <message>
        <source>Export the library to a file</source>
        <translation>Die Bibliothek in eine Datei exportieren</translation>
    </message>
    <message>
        <source>Import the library from a file…</source>
        <translation>Die Bibliothek aus einer Datei importieren …</translation>
    </message>
    <message>
        <source>Import the library from a file</source>
        <translation>Die Bibliothek aus einer Datei importieren</translation>
    </message>
    <message>
        <source>Export the Scratch library</source>
        <translation>Die Scratch-Bibliothek exportieren</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>ZIP-Dateien (*.zip)</translation>
    </message>
    <message>
        <source>Import the Scratch library</source>
        <translation>Die Scratch-Bibliothek importieren</translation>
    </message>
    <message>
        <source>Library files saved: %1. Copy the file to another computer and import it there.</source>
        <translation>Gespeicherte Bibliotheksdateien: %1. Kopiere die Datei auf einen anderen Computer und importiere sie dort.</translation>
    </message>
    <message>
        <source>Library files added: %1; already on this computer: %2.</source>
        <translation>Hinzugefügte Bibliotheksdateien: %1; schon auf diesem Computer: %2.</translation>
    </message>
    <message>
        <source>Damaged files skipped: %1.</source>
        <translation>Übersprungene beschädigte Dateien: %1.</translation>
    </message>
    <message>
        <source>This server keeps no copy of the Scratch library.</source>
        <translation>Dieser Server hält keine Kopie der Scratch-Bibliothek.</translation>
    </message>
    <message>
        <source>%1 of %2 library files are on this computer (%3).</source>
        <translation>%1 von %2 Bibliotheksdateien sind auf diesem Computer (%3).</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Pause the download</source>
        <translation>Herunterladen pausieren</translation>
    </message>
    <message>
        <source>Downloading the Scratch library…</source>
        <translation>Die Scratch-Bibliothek wird heruntergeladen …</translation>
    </message>
    <message>
        <source>Resume the download</source>
        <translation>Herunterladen fortsetzen</translation>
    </message>
    <message>
        <source>Paused. %1 of %2 library files are on this computer.</source>
        <translation>Pausiert. %1 von %2 Bibliotheksdateien sind auf diesem Computer.</translation>
    </message>
    <message>
        <source>%1 of %2 library files are on this computer; %3 could not be downloaded: no internet?</source>
        <translation>%1 von %2 Bibliotheksdateien sind auf diesem Computer; %3 konnten nicht heruntergeladen werden: kein Internet?</translation>
    </message>
    <message>
        <source>The whole Scratch library is on this computer: it works without the internet.</source>
        <translation>Die ganze Scratch-Bibliothek ist auf diesem Computer: Sie funktioniert ohne Internet.</translation>
    </message>
    <message>
        <source>No download address is set (Blockhaus was started with --library-upstream none).</source>
        <translation>Es ist keine Download-Adresse eingestellt (Blockhaus wurde mit --library-upstream none gestartet).</translation>
    </message>
    <message>
        <source>Exporting the Scratch library…</source>
        <translation>Die Scratch-Bibliothek wird exportiert …</translation>
    </message>
    <message>
        <source>Importing the Scratch library…</source>
        <translation>Die Scratch-Bibliothek wird importiert …</translation>
    </message>
    <message>
        <source>Left out because the library&apos;s size limit on this computer is reached: %1 (see --library-cache-mb).</source>
        <translation>Ausgelassen, weil die Größengrenze der Bibliothek auf diesem Computer erreicht ist: %1 (siehe --library-cache-mb).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LivePanel</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Klasse:</translation>
    </message>
    <message>
        <source>Pencils down</source>
        <translation>Stifte weg</translation>
    </message>
    <message>
        <source>Pencils down state</source>
        <translation>Zustand von „Stifte weg“</translation>
    </message>
    <message>
        <source>&amp;Pencils down</source>
        <translation>&amp;Stifte weg</translation>
    </message>
    <message>
        <source>Pencils down: pause every student editor of the class</source>
        <translation>Stifte weg: jeden Editor der Schüler/innen dieser Klasse anhalten</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Continue: end the pause</source>
        <translation>Weiter: die Pause beenden</translation>
    </message>
    <message>
        <source>Send my project to everyone</source>
        <translation>Mein Projekt an alle schicken</translation>
    </message>
    <message>
        <source>Project to send</source>
        <translation>Projekt zum Verschicken</translation>
    </message>
    <message>
        <source>&amp;Send my project to everyone…</source>
        <translation>Mein Projekt an alle &amp;schicken…</translation>
    </message>
    <message>
        <source>Send the chosen project to every student of the class</source>
        <translation>Das gewählte Projekt an alle Schüler/innen der Klasse schicken</translation>
    </message>
    <message>
        <source>Collect everyone&apos;s work</source>
        <translation>Die Arbeit aller einsammeln</translation>
    </message>
    <message>
        <source>Co&amp;llect everyone&apos;s work now</source>
        <translation>Die Arbeit aller jetzt ein&amp;sammeln</translation>
    </message>
    <message>
        <source>Collect everyone&apos;s work now</source>
        <translation>Die Arbeit aller jetzt einsammeln</translation>
    </message>
    <message>
        <source>&amp;Export collection…</source>
        <translation>Sammlung &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export the last collection as a zip file</source>
        <translation>Die letzte Sammlung als ZIP-Datei exportieren</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Pencils down is ON: every student editor of this class is paused.</source>
        <translation>„Stifte weg“ ist AN: Jeder Editor der Schüler/innen dieser Klasse ist angehalten.</translation>
    </message>
    <message>
        <source>Pencils down is off: students can work.</source>
        <translation>„Stifte weg“ ist aus: Die Schüler/innen können arbeiten.</translation>
    </message>
    <message>
        <source>You have no projects yet.</source>
        <translation>Du hast noch keine Projekte.</translation>
    </message>
    <message>
        <source>Pencils down: the student editors save and pause.</source>
        <translation>Stifte weg: Die Editoren der Schüler/innen speichern und halten an.</translation>
    </message>
    <message>
        <source>The class can work again.</source>
        <translation>Die Klasse kann wieder arbeiten.</translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n student(s). Each finds the copy in their projects.</source>
        <translation>
            <numerusform>An %n Schüler/in geschickt. Die Kopie steht in den eigenen Projekten.</numerusform>
            <numerusform>An %n Schüler/innen geschickt. Alle finden die Kopie in ihren Projekten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collected %n project(s) at %1. They are kept as copies in your projects; “Export collection…” saves them as one zip.</source>
        <translation>
            <numerusform>%n Projekt um %1 eingesammelt. Es liegt als Kopie in deinen Projekten; „Sammlung exportieren…“ speichert es als eine ZIP-Datei.</numerusform>
            <numerusform>%n Projekte um %1 eingesammelt. Sie liegen als Kopien in deinen Projekten; „Sammlung exportieren…“ speichert sie als eine ZIP-Datei.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n project(s) in %1.</source>
        <translation>
            <numerusform>%n Projekt in %1 gespeichert.</numerusform>
            <numerusform>%n Projekte in %1 gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export collection</source>
        <translation>Sammlung exportieren</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>ZIP (*.zip)</translation>
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
    <name>Blockhaus::Ui::MaintenanceService</name>
    <message>
        <source>This server cannot run the check.</source>
        <translation>Dieser Server kann die Prüfung nicht ausführen.</translation>
    </message>
    <message>
        <source>This server cannot restore a backup.</source>
        <translation>Dieser Server kann keine Sicherung wiederherstellen.</translation>
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
    <name>Blockhaus::Ui::PasswordNotice</name>
    <message>
        <source>Your password</source>
        <translation>Dein Passwort</translation>
    </message>
    <message>
        <source>This is your password for the Blockhaus web pages. It is shown only now: copy it or write it down. On this computer, the Blockhaus window opens the pages for you without it.</source>
        <translation>Das ist dein Passwort für die Blockhaus-Webseiten. Es wird nur jetzt angezeigt: Kopiere es oder schreibe es auf. Auf diesem Computer öffnet das Blockhaus-Fenster die Seiten auch ohne Passwort für dich.</translation>
    </message>
    <message>
        <source>Your username</source>
        <translation>Dein Benutzername</translation>
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
        <source>&amp;Copy the password</source>
        <translation>Passwort &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>Passwort kopieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>Kopierstatus</translation>
    </message>
    <message>
        <source>The password is copied.</source>
        <translation>Das Passwort ist kopiert.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::PortInUseDialog</name>
    <message>
        <source>Blockhaus: port in use</source>
        <translation>Blockhaus: Port belegt</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Blockhaus cannot use port %1 because another program is using it. Students would need a different address.</source>
        <translation>Blockhaus kann Port %1 nicht verwenden, weil ein anderes Programm ihn benutzt. Die Schüler/innen bräuchten eine andere Adresse.</translation>
    </message>
    <message>
        <source>Port %1 is free. Blockhaus can use it now, or from now on at every start.</source>
        <translation>Port %1 ist frei. Blockhaus kann ihn jetzt verwenden oder ab jetzt bei jedem Start.</translation>
    </message>
    <message>
        <source>Port %1 is in use</source>
        <translation>Port %1 ist belegt</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>Port %1 verwenden</translation>
    </message>
    <message>
        <source>Starts Blockhaus on port %1 this time.</source>
        <translation>Startet Blockhaus dieses Mal auf Port %1.</translation>
    </message>
    <message>
        <source>Use port %1 from now on</source>
        <translation>Ab jetzt Port %1 verwenden</translation>
    </message>
    <message>
        <source>Starts Blockhaus on port %1 and saves it in the settings.</source>
        <translation>Startet Blockhaus auf Port %1 und speichert ihn in den Einstellungen.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Closes Blockhaus without starting it.</source>
        <translation>Schließt Blockhaus, ohne es zu starten.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::ProjectModel</name>
    <message>
        <source>In the trash since %1</source>
        <translation>Im Papierkorb seit %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert %1</translation>
    </message>
    <message>
        <source>%1
%2
Version %3</source>
        <translation>%1
%2
Version %3</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
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
    <name>Blockhaus::Ui::ProjectsPanel</name>
    <message>
        <source>S&amp;tudents:</source>
        <translation>Schüler/&amp;innen:</translation>
    </message>
    <message>
        <source>Students of the class</source>
        <translation>Schüler/innen der Klasse</translation>
    </message>
    <message>
        <source>&amp;Export class…</source>
        <translation>Klasse &amp;exportieren …</translation>
    </message>
    <message>
        <source>Export the projects of the whole class</source>
        <translation>Die Projekte der ganzen Klasse exportieren</translation>
    </message>
    <message>
        <source>Choose a student to see their projects.</source>
        <translation>Wähle eine Schülerin oder einen Schüler, um die Projekte zu sehen.</translation>
    </message>
    <message>
        <source>Whose projects are shown</source>
        <translation>Wessen Projekte angezeigt werden</translation>
    </message>
    <message>
        <source>Show t&amp;rash</source>
        <translation>Papie&amp;rkorb zeigen</translation>
    </message>
    <message>
        <source>Show the projects in the trash instead</source>
        <translation>Stattdessen die Projekte im Papierkorb zeigen</translation>
    </message>
    <message>
        <source>Projects of the student</source>
        <translation>Projekte der Schülerin oder des Schülers</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>Im Browser ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the project in the browser</source>
        <translation>Das Projekt im Browser öffnen</translation>
    </message>
    <message>
        <source>Restore from tras&amp;h</source>
        <translation>Aus dem Papierkorb &amp;holen</translation>
    </message>
    <message>
        <source>Restore the project from the trash</source>
        <translation>Das Projekt aus dem Papierkorb wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>&amp;Versionen …</translation>
    </message>
    <message>
        <source>Earlier versions of the project</source>
        <translation>Frühere Versionen des Projekts</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Fortschritt des Exports</translation>
    </message>
    <message>
        <source>%v of %m projects</source>
        <translation>%v von %m Projekten</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Trash of %1</source>
        <translation>Papierkorb von %1</translation>
    </message>
    <message>
        <source>Projects of %1</source>
        <translation>Projekte von %1</translation>
    </message>
    <message>
        <source>The trash of %1 is empty.</source>
        <translation>Der Papierkorb von %1 ist leer.</translation>
    </message>
    <message>
        <source>%1 has no projects yet.</source>
        <translation>%1 hat noch keine Projekte.</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s).</source>
        <translation>
            <numerusform>%n Projekt.</numerusform>
            <numerusform>%n Projekte.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is out of the trash and back among the projects of %2.</source>
        <translation>„%1“ ist aus dem Papierkorb zurück bei den Projekten von %2.</translation>
    </message>
    <message>
        <source>“%1” has the content of version %2 again, saved as the new version %3. The versions in between are still kept.</source>
        <translation>„%1“ hat wieder den Inhalt von Version %2, gespeichert als neue Version %3. Die Versionen dazwischen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Exporting the projects of %1…</source>
        <translation>Die Projekte von %1 werden exportiert …</translation>
    </message>
    <message>
        <source>There are no projects in %1 to export yet.</source>
        <translation>In %1 gibt es noch keine Projekte zum Exportieren.</translation>
    </message>
    <message numerus="yes">
        <source>%n project file(s) saved in the zip file %1.</source>
        <translation>
            <numerusform>%n Projektdatei in der ZIP-Datei %1 gespeichert.</numerusform>
            <numerusform>%n Projektdateien in der ZIP-Datei %1 gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project file(s) saved in the folder %1.</source>
        <translation>
            <numerusform>%n Projektdatei im Ordner %1 gespeichert.</numerusform>
            <numerusform>%n Projektdateien im Ordner %1 gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>Aus dem Papierkorb wiederherstellen</translation>
    </message>
    <message>
        <source>Put “%1” back among the projects of %2?</source>
        <translation>„%1“ wieder zu den Projekten von %2 legen?</translation>
    </message>
    <message>
        <source>Versions of “%1”</source>
        <translation>Versionen von „%1“</translation>
    </message>
    <message>
        <source>Blockhaus keeps the last saved versions. Restoring one saves its content as a new version; nothing is lost.</source>
        <translation>Blockhaus behält die zuletzt gespeicherten Versionen. Wird eine wiederhergestellt, wird ihr Inhalt als neue Version gespeichert; nichts geht verloren.</translation>
    </message>
    <message>
        <source>Saved versions, newest first</source>
        <translation>Gespeicherte Versionen, neueste zuerst</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>&amp;Restore this version…</source>
        <translation>Diese Version &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Restore the chosen version</source>
        <translation>Die gewählte Version wiederherstellen</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Diese Version wiederherstellen</translation>
    </message>
    <message>
        <source>Make version %1 of “%2” the current one? It is saved as a new version; the current one stays in the list.</source>
        <translation>Version %1 von „%2“ zur aktuellen machen? Sie wird als neue Version gespeichert; die aktuelle bleibt in der Liste.</translation>
    </message>
    <message>
        <source>Version %1, saved %2 by %3 (%4)</source>
        <translation>Version %1, gespeichert %2 von %3 (%4)</translation>
    </message>
    <message>
        <source>%1 – current</source>
        <translation>%1 – aktuell</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) kept.</source>
        <translation>
            <numerusform>%n Version behalten.</numerusform>
            <numerusform>%n Versionen behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export class</source>
        <translation>Klasse exportieren</translation>
    </message>
    <message>
        <source>Export every project of the students of %1 as .sb3 files. Where should they go?</source>
        <translation>Jedes Projekt der Schüler/innen von %1 als .sb3-Datei exportieren. Wohin sollen sie?</translation>
    </message>
    <message>
        <source>Into a &amp;folder…</source>
        <translation>In einen &amp;Ordner …</translation>
    </message>
    <message>
        <source>Into one &amp;zip file…</source>
        <translation>In eine &amp;ZIP-Datei …</translation>
    </message>
    <message>
        <source>Export the projects into</source>
        <translation>Die Projekte exportieren nach</translation>
    </message>
    <message>
        <source>Save the projects as</source>
        <translation>Die Projekte speichern als</translation>
    </message>
    <message>
        <source>Projects of %1.zip</source>
        <translation>Projekte von %1.zip</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>ZIP-Dateien (*.zip)</translation>
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
    <message>
        <source>%1 ■ not saved</source>
        <translation>%1 ■ nicht gespeichert</translation>
    </message>
    <message>
        <source>Last save</source>
        <translation>Zuletzt gespeichert</translation>
    </message>
    <message>
        <source>Saves today</source>
        <translation>Heute gespeichert</translation>
    </message>
    <message>
        <source>Failed saves today</source>
        <translation>Heute nicht gespeichert</translation>
    </message>
    <message>
        <source>Conflicts today</source>
        <translation>Konflikte heute</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::SettingsPanel</name>
    <message>
        <source>When Blockhaus starts</source>
        <translation>Wenn Blockhaus startet</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Students type this number after the address. Takes effect after a restart.</source>
        <translation>Die Schüler/innen tippen diese Zahl nach der Adresse. Gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>The usual folder for application data</source>
        <translation>Der übliche Ordner für Programmdaten</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>Ä&amp;ndern …</translation>
    </message>
    <message>
        <source>Change data folder</source>
        <translation>Datenordner ändern</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>Datenordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Datenordner öffnen</translation>
    </message>
    <message>
        <source>Takes effect after a restart; the current data stays where it is. Copy it there with a backup if you want to keep it.</source>
        <translation>Gilt nach einem Neustart; die bisherigen Daten bleiben, wo sie sind. Kopiere sie mit einer Sicherung dorthin, wenn du sie behalten willst.</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Datenordner:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>Applies the next time Blockhaus starts.</source>
        <translation>Gilt beim nächsten Start von Blockhaus.</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Sprache der Oberfläche:</translation>
    </message>
    <message>
        <source>&amp;Start Blockhaus when I log in</source>
        <translation>Blockhaus beim &amp;Anmelden starten</translation>
    </message>
    <message>
        <source>Start Blockhaus when I log in</source>
        <translation>Blockhaus beim Anmelden starten</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>A backup is one file with every class, account and project. Students can keep working while it is made.</source>
        <translation>Eine Sicherung ist eine Datei mit allen Klassen, Zugängen und Projekten. Die Schüler/innen können währenddessen weiterarbeiten.</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>Größe der Datenbank</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>Jetzt &amp;sichern …</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Jetzt sichern</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Fortschritt der Sicherung</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>The database is %1 in size.</source>
        <translation>Die Datenbank ist %1 groß.</translation>
    </message>
    <message>
        <source>Blockhaus will use its usual data folder after a restart. The current data stays where it is.</source>
        <translation>Blockhaus benutzt nach einem Neustart seinen üblichen Datenordner. Die bisherigen Daten bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Blockhaus will use the folder %1 after a restart. The current data stays where it is.</source>
        <translation>Blockhaus benutzt nach einem Neustart den Ordner %1. Die bisherigen Daten bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>The new language applies the next time Blockhaus starts.</source>
        <translation>Die neue Sprache gilt beim nächsten Start von Blockhaus.</translation>
    </message>
    <message>
        <source>Blockhaus will start when you log in.</source>
        <translation>Blockhaus startet, wenn du dich anmeldest.</translation>
    </message>
    <message>
        <source>Blockhaus will no longer start when you log in.</source>
        <translation>Blockhaus startet nicht mehr, wenn du dich anmeldest.</translation>
    </message>
    <message>
        <source>Data folder for Blockhaus</source>
        <translation>Datenordner für Blockhaus</translation>
    </message>
    <message>
        <source>The folder %1 could not be opened.</source>
        <translation>Der Ordner %1 konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Save a backup of Blockhaus</source>
        <translation>Eine Sicherung von Blockhaus speichern</translation>
    </message>
    <message>
        <source>Blockhaus backups (*.sqlite3)</source>
        <translation>Blockhaus-Sicherungen (*.sqlite3)</translation>
    </message>
    <message>
        <source>A backup is already being made.</source>
        <translation>Es wird bereits eine Sicherung erstellt.</translation>
    </message>
    <message>
        <source>Backups need the server to be running.</source>
        <translation>Für Sicherungen muss der Server laufen.</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>Sicherung nach %1 …</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Sicherung gespeichert: %1</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>Aus einer Sicherung &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Replaces the current classes and projects with those in a backup file.</source>
        <translation>Ersetzt die jetzigen Klassen und Projekte durch die aus einer Sicherungsdatei.</translation>
    </message>
    <message>
        <source>Restore in progress</source>
        <translation>Wiederherstellung läuft</translation>
    </message>
    <message>
        <source>Restore a backup of Blockhaus</source>
        <translation>Eine Sicherung von Blockhaus wiederherstellen</translation>
    </message>
    <message>
        <source>Restore from a backup?</source>
        <translation>Aus einer Sicherung wiederherstellen?</translation>
    </message>
    <message>
        <source>Replace the current classes and projects with those in %1?</source>
        <translation>Die jetzigen Klassen und Projekte durch die aus %1 ersetzen?</translation>
    </message>
    <message>
        <source>A copy of the current database is kept first, so nothing is lost.</source>
        <translation>Vorher wird eine Kopie der jetzigen Datenbank aufbewahrt, damit nichts verloren geht.</translation>
    </message>
    <message>
        <source>A copy of the current database is kept first as %1, so nothing is lost.</source>
        <translation>Vorher wird eine Kopie der jetzigen Datenbank als %1 aufbewahrt, damit nichts verloren geht.</translation>
    </message>
    <message>
        <source>DATE-TIME</source>
        <comment>placeholder in a file name</comment>
        <translation>DATUM-UHRZEIT</translation>
    </message>
    <message>
        <source>Every class, account and project Blockhaus has now is replaced by what the backup %1 holds; work saved after that backup was made is no longer shown.</source>
        <translation>Jede Klasse, jeder Zugang und jedes Projekt, das Blockhaus jetzt hat, wird durch den Inhalt der Sicherung %1 ersetzt; Arbeit, die nach dieser Sicherung gespeichert wurde, wird nicht mehr angezeigt.</translation>
    </message>
    <message>
        <source>Students are disconnected for a moment and have to sign in again. Their pages stay open.</source>
        <translation>Die Verbindung der Schüler/innen wird kurz getrennt, und sie müssen sich neu anmelden. Ihre Seiten bleiben offen.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Restoring needs the server to be running.</source>
        <translation>Zum Wiederherstellen muss der Server laufen.</translation>
    </message>
    <message>
        <source>Wait until the backup or restore that runs is done.</source>
        <translation>Warte, bis die laufende Sicherung oder Wiederherstellung fertig ist.</translation>
    </message>
    <message>
        <source>Restoring %1… Students are disconnected for a moment.</source>
        <translation>%1 wird wiederhergestellt … Die Verbindung der Schüler/innen wird kurz getrennt.</translation>
    </message>
    <message>
        <source>Restoring a backup</source>
        <translation>Eine Sicherung wird wiederhergestellt</translation>
    </message>
    <message>
        <source>Restored %1 (%2, schema version %3)</source>
        <translation>%1 wiederhergestellt (%2, Schemaversion %3)</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1; the database it replaced is kept as %2.</source>
        <translation>%1; die ersetzte Datenbank ist als %2 aufbewahrt.</translation>
    </message>
    <message>
        <source>Students sign in again.</source>
        <translation>Die Schüler/innen melden sich neu an.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::SignedInBrowser</name>
    <message>
        <source>No browser could be started. Open a browser and sign in on this computer&apos;s Blockhaus page with your username and password.</source>
        <translation>Es konnte kein Browser gestartet werden. Öffne einen Browser und melde dich auf der Blockhaus-Seite dieses Computers mit Benutzername und Passwort an.</translation>
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
    <message>
        <source>%1 was taken out of the class. Their projects stay theirs.</source>
        <translation>%1 wurde aus der Klasse genommen. Die Projekte gehören weiter ihr oder ihm.</translation>
    </message>
    <message>
        <source>Take %1 out of %2? Their projects stay theirs; they are no longer shared with this class.</source>
        <translation>%1 aus %2 nehmen? Die Projekte gehören weiter ihr oder ihm; mit dieser Klasse sind sie nicht mehr geteilt.</translation>
    </message>
    <message>
        <source>Open the &amp;teacher page</source>
        <translation>&amp;Lehrkraftseite öffnen</translation>
    </message>
    <message>
        <source>Open the teacher page in the browser</source>
        <translation>Die Lehrkraftseite im Browser öffnen</translation>
    </message>
    <message>
        <source>Opens the teacher page in the browser on this computer, already signed in.</source>
        <translation>Öffnet die Lehrkraftseite im Browser dieses Computers, schon angemeldet.</translation>
    </message>
    <message>
        <source>Tea&amp;chers…</source>
        <translation>Lehr&amp;kräfte …</translation>
    </message>
    <message>
        <source>Teacher accounts</source>
        <translation>Zugänge der Lehrkräfte</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::TeachersDialog</name>
    <message>
        <source>Teachers</source>
        <translation>Lehrkräfte</translation>
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
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Teacher accounts</source>
        <translation>Zugänge der Lehrkräfte</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Passwort &amp;zurücksetzen …</translation>
    </message>
    <message>
        <source>Reset the teacher&apos;s password</source>
        <translation>Das Passwort der Lehrkraft zurücksetzen</translation>
    </message>
    <message>
        <source>Name of the new teacher</source>
        <translation>Name der neuen Lehrkraft</translation>
    </message>
    <message>
        <source>for example Ms Weber</source>
        <translation>zum Beispiel Frau Weber</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Username of the new teacher</source>
        <translation>Benutzername der neuen Lehrkraft</translation>
    </message>
    <message>
        <source>letters, digits, dots, dashes</source>
        <translation>Buchstaben, Ziffern, Punkte, Bindestriche</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Add teacher</source>
        <translation>Lehrkraft &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add the teacher</source>
        <translation>Die Lehrkraft hinzufügen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Administrator (this window)</source>
        <translation>Administrator (dieses Fenster)</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Lehrkraft</translation>
    </message>
    <message>
        <source>The account %1 is made.</source>
        <translation>Der Zugang %1 ist angelegt.</translation>
    </message>
    <message>
        <source>%1 has a new password; the old one no longer works.</source>
        <translation>%1 hat ein neues Passwort; das alte funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>Give %1 a new password? The old one stops working at once.</source>
        <translation>%1 ein neues Passwort geben? Das alte funktioniert dann sofort nicht mehr.</translation>
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
    <message>
        <source>Your students will open Blockhaus in their browsers and save their Scratch projects on this computer. Start with your own account and your first class: its code lets the students join.</source>
        <translation>Deine Schüler/innen öffnen Blockhaus im Browser und speichern ihre Scratch-Projekte auf diesem Computer. Beginne mit deinem eigenen Zugang und deiner ersten Klasse: Mit ihrem Code treten die Schüler/innen bei.</translation>
    </message>
    <message>
        <source>Your account for the web pages</source>
        <translation>Dein Zugang für die Webseiten</translation>
    </message>
    <message>
        <source>for example Ms Weber</source>
        <translation>zum Beispiel Frau Weber</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Dein Name</translation>
    </message>
    <message>
        <source>Your na&amp;me:</source>
        <translation>Dein Na&amp;me:</translation>
    </message>
    <message>
        <source>I c&amp;hoose my password</source>
        <translation>Ich &amp;wähle mein Passwort</translation>
    </message>
    <message>
        <source>I choose my password</source>
        <translation>Ich wähle mein Passwort</translation>
    </message>
    <message>
        <source>Ma&amp;ke a password for me (shown once)</source>
        <translation>Ein Passwort für mich &amp;erstellen (wird einmal angezeigt)</translation>
    </message>
    <message>
        <source>Make a password for me</source>
        <translation>Ein Passwort für mich erstellen</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>Wie&amp;derholen:</translation>
    </message>
    <message>
        <source>About the password</source>
        <translation>Zum Passwort</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>Ein Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The two passwords are not the same yet.</source>
        <translation>Die beiden Passwörter sind noch nicht gleich.</translation>
    </message>
    <message>
        <source>The passwords match.</source>
        <translation>Die Passwörter stimmen überein.</translation>
    </message>
    <message>
        <source>Blockhaus makes a password and shows it to you once, with a Copy button.</source>
        <translation>Blockhaus erstellt ein Passwort und zeigt es dir einmal an, mit einer Schaltfläche zum Kopieren.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>Sentence</name>
    <message>
        <source>Blockhaus stopped before the backup was made. Please try again.</source>
        <translation>Blockhaus wurde beendet, bevor die Sicherung fertig war. Bitte noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The request could not be understood.</source>
        <translation>Die Anfrage war nicht verständlich.</translation>
    </message>
    <message>
        <source>Please log in first.</source>
        <translation>Bitte zuerst anmelden.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>Das darfst du nicht.</translation>
    </message>
    <message>
        <source>This was not found.</source>
        <translation>Das wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Someone saved a newer version in the meantime.</source>
        <translation>Inzwischen hat jemand eine neuere Version gespeichert.</translation>
    </message>
    <message>
        <source>This name is already taken.</source>
        <translation>Dieser Name ist schon vergeben.</translation>
    </message>
    <message>
        <source>This is too large to upload.</source>
        <translation>Das ist zu groß zum Hochladen.</translation>
    </message>
    <message>
        <source>This kind of file is not accepted here.</source>
        <translation>Diese Art von Datei wird hier nicht angenommen.</translation>
    </message>
    <message>
        <source>The content is not valid.</source>
        <translation>Der Inhalt ist nicht gültig.</translation>
    </message>
    <message>
        <source>Saving needs the version you started from (If-Match: &quot;N&quot;).</source>
        <translation>Zum Speichern wird die Version gebraucht, von der aus gearbeitet wurde (If-Match: &quot;N&quot;).</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a little and try again.</source>
        <translation>Zu viele Versuche. Bitte kurz warten und es dann noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The server is very busy right now. Please try again in a moment.</source>
        <translation>Der Server ist gerade sehr beschäftigt. Bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The teacher&apos;s computer has no room left to save. Nothing was changed.</source>
        <translation>Auf dem Computer der Lehrkraft ist kein Platz mehr zum Speichern. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Your storage space is full. Delete projects for good to make room. Nothing was changed.</source>
        <translation>Dein Speicherplatz ist voll. Lösche Projekte endgültig, um Platz zu schaffen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Please tell your teacher.</source>
        <translation>Auf dem Server ist etwas schiefgegangen. Bitte sag deiner Lehrkraft Bescheid.</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was changed; please try again, and look at the log if it happens again.</source>
        <translation>Etwas ist schiefgegangen. Es wurde nichts geändert; bitte noch einmal versuchen und, wenn es wieder passiert, ins Protokoll schauen.</translation>
    </message>
    <message>
        <source>There is no room left on the disk for the backup.</source>
        <translation>Auf dem Datenträger ist kein Platz mehr für die Sicherung.</translation>
    </message>
    <message>
        <source>Backing up from Blockhaus works only with its built-in SQLite database. Back up a PostgreSQL database with pg_dump instead.</source>
        <translation>Blockhaus kann nur seine eingebaute SQLite-Datenbank sichern. Eine PostgreSQL-Datenbank bitte mit pg_dump sichern.</translation>
    </message>
    <message>
        <source>The database cannot be backed up from here.</source>
        <translation>Die Datenbank kann von hier aus nicht gesichert werden.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Den Ordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder. Choose a file name for the backup.</source>
        <translation>%1 ist ein Ordner. Bitte einen Dateinamen für die Sicherung wählen.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write in the folder %1: %2</source>
        <translation>Blockhaus kann nicht in den Ordner %1 schreiben: %2</translation>
    </message>
    <message>
        <source>The database cannot be backed up from here: Qt&apos;s SQLite driver and Blockhaus use different SQLite versions.</source>
        <translation>Die Datenbank kann von hier aus nicht gesichert werden: Der SQLite-Treiber von Qt und Blockhaus verwenden verschiedene SQLite-Versionen.</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>Die Sicherung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The backup could not be written: %1</source>
        <translation>Die Sicherung konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The backup could not be saved as %1: %2</source>
        <translation>Die Sicherung konnte nicht als %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The database was written by a newer Blockhaus (schema %1, this build knows %2). Please update Blockhaus.</source>
        <translation>Die Datenbank stammt von einem neueren Blockhaus (Schema %1, diese Version kennt %2). Bitte Blockhaus aktualisieren.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Die Datei %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is not a Blockhaus backup (%2).</source>
        <translation>%1 ist keine Blockhaus-Sicherung (%2).</translation>
    </message>
    <message>
        <source>%1 is damaged (SQLite&apos;s integrity check failed), so it cannot be restored. Try an older backup.</source>
        <translation>%1 ist beschädigt (die Integritätsprüfung von SQLite ist fehlgeschlagen) und kann nicht wiederhergestellt werden. Bitte eine ältere Sicherung versuchen.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not one of Blockhaus.</source>
        <translation>%1 ist eine SQLite-Datenbank, aber keine von Blockhaus.</translation>
    </message>
    <message>
        <source>%1 was written by a newer Blockhaus (schema %2, this one knows %3). Update Blockhaus first.</source>
        <translation>%1 stammt von einem neueren Blockhaus (Schema %2, diese Version kennt %3). Bitte zuerst Blockhaus aktualisieren.</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 gibt es schon.</translation>
    </message>
    <message>
        <source>Blockhaus cannot create the folder %1.</source>
        <translation>Blockhaus kann den Ordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <source>The copy of %1 could not be written: %2</source>
        <translation>Die Kopie von %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The copy could not be saved as %1: %2</source>
        <translation>Die Kopie konnte nicht als %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read or copied to %2.</source>
        <translation>%1 lässt sich nicht lesen oder nicht nach %2 kopieren.</translation>
    </message>
    <message>
        <source>The backup could not be restored: %1. The database was not changed.</source>
        <translation>Die Sicherung konnte nicht wiederhergestellt werden: %1. Die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The backup could not be restored: %1. The database was not changed; a copy of it is at %2.</source>
        <translation>Die Sicherung konnte nicht wiederhergestellt werden: %1. Die Datenbank wurde nicht verändert; eine Kopie davon liegt unter %2.</translation>
    </message>
    <message>
        <source>The file&apos;s content does not match its name (MD5 differs).</source>
        <translation>Der Inhalt der Datei passt nicht zu ihrem Namen (MD5 weicht ab).</translation>
    </message>
    <message>
        <source>limit and offset must be whole numbers of zero or more.</source>
        <translation>limit und offset müssen ganze Zahlen ab null sein.</translation>
    </message>
    <message>
        <source>type must be costume, sound, sprite or script.</source>
        <translation>type muss costume, sound, sprite oder script sein.</translation>
    </message>
    <message>
        <source>The backpack does not accept items of type “%1”.</source>
        <translation>Der Rucksack nimmt keine Dinge vom Typ „%1“ an.</translation>
    </message>
    <message>
        <source>A backpack thumbnail must be a PNG or JPEG picture.</source>
        <translation>Ein Vorschaubild im Rucksack muss ein PNG- oder JPEG-Bild sein.</translation>
    </message>
    <message>
        <source>Only teachers can do this.</source>
        <translation>Das können nur Lehrkräfte.</translation>
    </message>
    <message>
        <source>A class needs a name (at most %1 characters).</source>
        <translation>Eine Klasse braucht einen Namen (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>Enter between 1 and %1 names.</source>
        <translation>Bitte zwischen 1 und %1 Namen eingeben.</translation>
    </message>
    <message>
        <source>Name number %1 is empty. Every student needs a name.</source>
        <translation>Name Nummer %1 ist leer. Jedes Kind braucht einen Namen.</translation>
    </message>
    <message>
        <source>The name “%1…” is too long: a name has at most %2 characters.</source>
        <translation>Der Name „%1…“ ist zu lang: Ein Name hat höchstens %2 Zeichen.</translation>
    </message>
    <message>
        <source>Only an administrator can add accounts.</source>
        <translation>Nur ein Administrator kann Konten anlegen.</translation>
    </message>
    <message>
        <source>A username has 1 to %1 letters, digits, dots, dashes or underscores.</source>
        <translation>Ein Benutzername hat 1 bis %1 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche.</translation>
    </message>
    <message>
        <source>A chosen password needs at least %1 characters.</source>
        <translation>Ein selbst gewähltes Passwort braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>A chosen password has at most %1 characters.</source>
        <translation>Ein selbst gewähltes Passwort hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Please send a username and a password.</source>
        <translation>Bitte Benutzername und Passwort angeben.</translation>
    </message>
    <message>
        <source>Too many wrong class codes. Please wait a little and check the code with your teacher.</source>
        <translation>Zu viele falsche Klassencodes. Bitte kurz warten und den Code mit deiner Lehrkraft prüfen.</translation>
    </message>
    <message>
        <source>This class code is not known or not open.</source>
        <translation>Dieser Klassencode ist unbekannt oder nicht geöffnet.</translation>
    </message>
    <message>
        <source>The administrator account of this Blockhaus is missing or disabled, so classes cannot be managed here.</source>
        <translation>Das Administratorkonto dieses Blockhaus fehlt oder ist gesperrt, darum können hier keine Klassen verwaltet werden.</translation>
    </message>
    <message>
        <source>Only an administrator may back up the database.</source>
        <translation>Nur ein Administrator darf die Datenbank sichern.</translation>
    </message>
    <message>
        <source>Choose a file name for the backup.</source>
        <translation>Bitte einen Dateinamen für die Sicherung wählen.</translation>
    </message>
    <message>
        <source>Name the backup file to restore.</source>
        <translation>Bitte die Sicherungsdatei nennen, die wiederhergestellt werden soll.</translation>
    </message>
    <message>
        <source>Only the owner can change this project.</source>
        <translation>Nur wem das Projekt gehört, kann es ändern.</translation>
    </message>
    <message>
        <source>The file %1 in this .sb3 is damaged (its content does not match its name).</source>
        <translation>Die Datei %1 in dieser .sb3-Datei ist beschädigt (ihr Inhalt passt nicht zu ihrem Namen).</translation>
    </message>
    <message>
        <source>A new title is needed: {&quot;title&quot;: &quot;...&quot;}.</source>
        <translation>Ein neuer Titel wird gebraucht: {&quot;title&quot;: &quot;...&quot;}.</translation>
    </message>
    <message>
        <source>A thumbnail must be a PNG or JPEG picture.</source>
        <translation>Ein Vorschaubild muss ein PNG- oder JPEG-Bild sein.</translation>
    </message>
    <message>
        <source>Only teachers can export a class.</source>
        <translation>Nur Lehrkräfte können eine Klasse exportieren.</translation>
    </message>
    <message>
        <source>There is no such class.</source>
        <translation>Diese Klasse gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such costume or sound here.</source>
        <translation>Dieses Kostüm oder diesen Klang gibt es hier nicht.</translation>
    </message>
    <message>
        <source>There is no such item in your backpack.</source>
        <translation>Das gibt es in deinem Rucksack nicht.</translation>
    </message>
    <message>
        <source>You do not teach this class.</source>
        <translation>Du unterrichtest diese Klasse nicht.</translation>
    </message>
    <message>
        <source>There is already a class called “%1”.</source>
        <translation>Es gibt schon eine Klasse namens „%1“.</translation>
    </message>
    <message>
        <source>There is no user number %1.</source>
        <translation>Es gibt kein Konto mit der Nummer %1.</translation>
    </message>
    <message>
        <source>This person is not in the class.</source>
        <translation>Diese Person ist nicht in der Klasse.</translation>
    </message>
    <message>
        <source>No free username was found.</source>
        <translation>Es wurde kein freier Benutzername gefunden.</translation>
    </message>
    <message>
        <source>There is no such student in your classes.</source>
        <translation>Dieses Kind ist in keiner deiner Klassen.</translation>
    </message>
    <message>
        <source>Only an administrator can change this account.</source>
        <translation>Nur ein Administrator kann dieses Konto ändern.</translation>
    </message>
    <message>
        <source>This student is not in a class you teach.</source>
        <translation>Dieses Kind ist in keiner Klasse, die du unterrichtest.</translation>
    </message>
    <message>
        <source>There is no project with this number.</source>
        <translation>Es gibt kein Projekt mit dieser Nummer.</translation>
    </message>
    <message>
        <source>This project is in the trash.</source>
        <translation>Dieses Projekt liegt im Papierkorb.</translation>
    </message>
    <message>
        <source>This project belongs to someone else.</source>
        <translation>Dieses Projekt gehört jemand anderem.</translation>
    </message>
    <message>
        <source>Someone saved a newer version of this project in the meantime.</source>
        <translation>Inzwischen hat jemand eine neuere Version dieses Projekts gespeichert.</translation>
    </message>
    <message>
        <source>The project uses costumes or sounds that were not uploaded.</source>
        <translation>Das Projekt verwendet Kostüme oder Klänge, die nicht hochgeladen wurden.</translation>
    </message>
    <message>
        <source>Only projects in the trash can be deleted for good. Move it to the trash first.</source>
        <translation>Nur Projekte im Papierkorb können endgültig gelöscht werden. Bitte zuerst in den Papierkorb legen.</translation>
    </message>
    <message>
        <source>You can only share with classes you belong to.</source>
        <translation>Du kannst nur mit Klassen teilen, zu denen du gehörst.</translation>
    </message>
    <message>
        <source>This project has no picture yet.</source>
        <translation>Dieses Projekt hat noch kein Bild.</translation>
    </message>
    <message>
        <source>This version is no longer kept.</source>
        <translation>Diese Version wird nicht mehr aufbewahrt.</translation>
    </message>
    <message>
        <source>Your storage space is full (%1 of %2 MB used). Delete projects for good (trash) to make room. Nothing was changed.</source>
        <translation>Dein Speicherplatz ist voll (%1 von %2 MB belegt). Lösche Projekte endgültig (Papierkorb), um Platz zu schaffen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The username “%1” is taken.</source>
        <translation>Der Benutzername „%1“ ist schon vergeben.</translation>
    </message>
    <message>
        <source>There is no such user.</source>
        <translation>Dieses Konto gibt es nicht.</translation>
    </message>
    <message>
        <source>This server has no Scratch library cache.</source>
        <translation>Dieser Server hat keinen Zwischenspeicher für die Scratch-Bibliothek.</translation>
    </message>
    <message>
        <source>Blockhaus stopped before the library file was done. Please try again.</source>
        <translation>Blockhaus wurde beendet, bevor die Bibliotheksdatei fertig war. Bitte noch einmal versuchen.</translation>
    </message>
    <message>
        <source>Only an administrator can see the teacher accounts.</source>
        <translation>Nur ein Administrator kann die Zugänge der Lehrkräfte sehen.</translation>
    </message>
    <message>
        <source>Your name needs 1 to %1 characters.</source>
        <translation>Dein Name braucht 1 bis %1 Zeichen.</translation>
    </message>
    <message>
        <source>Only an administrator can open the pages for another teacher.</source>
        <translation>Nur ein Administrator kann die Seiten für eine andere Lehrkraft öffnen.</translation>
    </message>
    <message>
        <source>A sign-in link is only for teacher accounts.</source>
        <translation>Ein Anmeldelink ist nur für Zugänge von Lehrkräften.</translation>
    </message>
    <message>
        <source>A sign-in link works only in a browser on the computer that runs Blockhaus.</source>
        <translation>Ein Anmeldelink funktioniert nur in einem Browser auf dem Computer, auf dem Blockhaus läuft.</translation>
    </message>
    <message>
        <source>This sign-in link has been used already or is too old. Open the page again from the Blockhaus window, or sign in with your username and password.</source>
        <translation>Dieser Anmeldelink wurde schon benutzt oder ist zu alt. Öffne die Seite noch einmal aus dem Blockhaus-Fenster, oder melde dich mit Benutzername und Passwort an.</translation>
    </message>
    <message>
        <source>A sign-in link can only lead to a page of this Blockhaus.</source>
        <translation>Ein Anmeldelink kann nur zu einer Seite dieses Blockhaus führen.</translation>
    </message>
    <message>
        <source>Only an administrator may run the capacity check.</source>
        <translation>Nur ein Administrator darf die Kapazitätsprüfung ausführen.</translation>
    </message>
    <message>
        <source>The check runs with 1 to %1 students.</source>
        <translation>Die Prüfung läuft mit 1 bis %1 Schüler/innen.</translation>
    </message>
    <message>
        <source>An account of the check&apos;s class also belongs elsewhere, so nothing was removed.</source>
        <translation>Ein Zugang der Prüfklasse gehört auch woanders hin, darum wurde nichts entfernt.</translation>
    </message>
    <message>
        <source>A backup can only be restored into a running server, one at a time.</source>
        <translation>Eine Sicherung kann nur in einen laufenden Server wiederhergestellt werden, eine nach der anderen.</translation>
    </message>
    <message>
        <source>Blockhaus cannot listen on port %1 again (%2). Quit Blockhaus and start it again.</source>
        <translation>Blockhaus kann nicht wieder auf Port %1 lauschen (%2). Beende Blockhaus und starte es neu.</translation>
    </message>
    <message>
        <source>The backup could not be updated to this version of Blockhaus: %1. The database it replaced is in use again.</source>
        <translation>Die Sicherung konnte nicht auf diese Version von Blockhaus gebracht werden: %1. Die ersetzte Datenbank ist wieder in Gebrauch.</translation>
    </message>
    <message>
        <source>PostgreSQL&apos;s pg_dump was not found (on Debian or Ubuntu it is in the package postgresql-client).</source>
        <translation>PostgreSQLs pg_dump wurde nicht gefunden (unter Debian oder Ubuntu steckt es im Paket postgresql-client).</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 minutes.</source>
        <translation>%1 ist nicht innerhalb von %2 Minuten fertig geworden.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>Die Datei %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>Die Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Its file is missing from the uploads folder (looked for %1).</source>
        <translation>Seine Datei fehlt im Upload-Ordner (gesucht: %1).</translation>
    </message>
    <message>
        <source>Imported as %1: a Blockhaus account already has the name %2.</source>
        <translation>Als %1 importiert: ein Blockhaus-Konto heißt schon %2.</translation>
    </message>
    <message>
        <source>Imported as %1: its teacher already has a class named %2.</source>
        <translation>Als %1 importiert: die Lehrkraft hat schon eine Klasse namens %2.</translation>
    </message>
    <message>
        <source>There is already a class named %1.</source>
        <translation>Es gibt schon eine Klasse namens %1.</translation>
    </message>
    <message>
        <source>Its class was not imported.</source>
        <translation>Seine Klasse wurde nicht importiert.</translation>
    </message>
    <message>
        <source>Its account was not imported.</source>
        <translation>Sein Konto wurde nicht importiert.</translation>
    </message>
    <message>
        <source>Its owner&apos;s account was not imported.</source>
        <translation>Das Konto seines Besitzers wurde nicht importiert.</translation>
    </message>
    <message>
        <source>It has no saved version.</source>
        <translation>Es hat keine gespeicherte Version.</translation>
    </message>
    <message>
        <source>Imported without its thumbnail: the file %1 is missing or cannot be read.</source>
        <translation>Ohne Vorschaubild importiert: die Datei %1 fehlt oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Its .sb3 file %1 cannot be imported: %2</source>
        <translation>Seine .sb3-Datei %1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported without its thumbnail, which is not a PNG or JPEG picture.</source>
        <translation>Ohne Vorschaubild importiert, denn es ist kein PNG- oder JPEG-Bild.</translation>
    </message>
    <message>
        <source>This Blockhaus has no administrator account yet. Start Blockhaus once on it (that makes the account), stop it, and import again.</source>
        <translation>Dieses Blockhaus hat noch kein Administratorkonto. Starte Blockhaus einmal damit (das legt das Konto an), beende es und importiere noch einmal.</translation>
    </message>
    <message>
        <source>The uploads folder %1 does not exist.</source>
        <translation>Den Upload-Ordner %1 gibt es nicht.</translation>
    </message>
    <message>
        <source>This sign-in was used already, took too long or was not started here. Please start the school sign-in again.</source>
        <translation>Diese Anmeldung wurde schon benutzt, hat zu lange gedauert oder wurde nicht hier begonnen. Bitte starte die Anmeldung mit dem Schulkonto noch einmal.</translation>
    </message>
    <message>
        <source>The user name “%1” and its variants are all taken. Please ask the teacher or IT for help.</source>
        <translation>Der Benutzername „%1“ und seine Varianten sind alle vergeben. Bitte frag die Lehrkraft oder die IT.</translation>
    </message>
    <message>
        <source>The Scratch4School database %1 cannot be read: %2</source>
        <translation>Die Scratch4School-Datenbank %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a Scratch4School database: it has no table %2.</source>
        <translation>%1 ist keine Scratch4School-Datenbank: ihr fehlt die Tabelle %2.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write %1.</source>
        <translation>Blockhaus kann %1 nicht schreiben.</translation>
    </message>
    <message>
        <source>This assignment is closed: the project can no longer be changed.</source>
        <translation>Diese Aufgabe ist geschlossen: Das Projekt kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>The %1 may have at most %2 characters.</source>
        <translation>%1 darf höchstens %2 Zeichen haben.</translation>
    </message>
    <message>
        <source>An assignment needs a title (at most %1 characters).</source>
        <translation>Eine Aufgabe braucht einen Titel (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>Cloud variables of a project are shared only within the class of its owner.</source>
        <translation>Cloud-Variablen eines Projekts werden nur in der Klasse seines Besitzers geteilt.</translation>
    </message>
    <message>
        <source>Only the owner and their teachers read the comments on this project.</source>
        <translation>Nur der Besitzer und seine Lehrkräfte lesen die Kommentare zu diesem Projekt.</translation>
    </message>
    <message>
        <source>Only teachers comment on projects.</source>
        <translation>Nur Lehrkräfte kommentieren Projekte.</translation>
    </message>
    <message>
        <source>The comment is empty.</source>
        <translation>Der Kommentar ist leer.</translation>
    </message>
    <message>
        <source>A comment may be at most %1 characters long.</source>
        <translation>Ein Kommentar darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Comments are for the projects of your students.</source>
        <translation>Kommentare sind für die Projekte deiner Schüler/innen.</translation>
    </message>
    <message>
        <source>up_to must be a comment number.</source>
        <translation>up_to muss die Nummer eines Kommentars sein.</translation>
    </message>
    <message>
        <source>A question may be at most %1 characters long.</source>
        <translation>Eine Frage darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Only teachers see the help queue.</source>
        <translation>Nur Lehrkräfte sehen die Hilfe-Warteschlange.</translation>
    </message>
    <message>
        <source>Only students ask for help here.</source>
        <translation>Hier bitten nur Schüler/innen um Hilfe.</translation>
    </message>
    <message>
        <source>You are not in a class, so no teacher would see your request.</source>
        <translation>Du bist in keiner Klasse, also würde keine Lehrkraft deine Bitte sehen.</translation>
    </message>
    <message>
        <source>You can only ask for help with your own projects.</source>
        <translation>Du kannst nur zu deinen eigenen Projekten um Hilfe bitten.</translation>
    </message>
    <message>
        <source>Your teacher has just marked your request done.</source>
        <translation>Deine Lehrkraft hat deine Bitte gerade als erledigt markiert.</translation>
    </message>
    <message>
        <source>This is only for teachers.</source>
        <translation>Das ist nur für Lehrkräfte.</translation>
    </message>
    <message>
        <source>Each press needs its own press_id of 1 to 64 letters or digits.</source>
        <translation>Jeder Klick braucht eine eigene press_id aus 1 bis 64 Buchstaben oder Ziffern.</translation>
    </message>
    <message>
        <source>This collection holds no projects.</source>
        <translation>Diese Sammlung enthält keine Projekte.</translation>
    </message>
    <message>
        <source>There is no such assignment.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such student.</source>
        <translation>Diese Person gibt es nicht.</translation>
    </message>
    <message>
        <source>The starter project must be one of your own projects.</source>
        <translation>Das Startprojekt muss eines deiner eigenen Projekte sein.</translation>
    </message>
    <message>
        <source>Your teacher has already returned this assignment.</source>
        <translation>Deine Lehrkraft hat diese Aufgabe schon zurückgegeben.</translation>
    </message>
    <message>
        <source>This student has no copy of the assignment yet.</source>
        <translation>Diese Person hat noch keine Kopie der Aufgabe.</translation>
    </message>
    <message>
        <source>The due time of this assignment has passed: the project can no longer be changed.</source>
        <translation>Die Abgabezeit dieser Aufgabe ist vorbei: Das Projekt kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>This assignment is handed in or returned: the project can no longer be changed.</source>
        <translation>Diese Aufgabe ist abgegeben oder zurückgegeben: Das Projekt kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>There is no such help request.</source>
        <translation>Diese Bitte um Hilfe gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such project.</source>
        <translation>Dieses Projekt gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such collection.</source>
        <translation>Diese Sammlung gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Close the other program and start Blockhaus again.</source>
        <translation>Beende das andere Programm und starte Blockhaus erneut.</translation>
    </message>
    <message>
        <source>Blockhaus cannot start</source>
        <translation>Blockhaus kann nicht starten</translation>
    </message>
    <message>
        <source>Start again with another port, or with --port 0 to let the system pick a free one.</source>
        <translation>Starte erneut mit einem anderen Port oder mit --port 0, damit das System einen freien wählt.</translation>
    </message>
    <message>
        <source>Port %1 is free: start again with --port %1.</source>
        <translation>Port %1 ist frei: Starte erneut mit --port %1.</translation>
    </message>
</context>
</TS>
