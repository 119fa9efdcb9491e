<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Blockhaus::App::RestoreCommand</name>
    <message>
        <source>Restored %1 (%2, schema version %3) into the data folder %4.</source>
        <translation>Restored %1 (%2, schema version %3) into the data folder %4.</translation>
    </message>
    <message>
        <source>The database it replaced is kept as %1.</source>
        <translation>The database it replaced is kept as %1.</translation>
    </message>
    <message>
        <source>Start Blockhaus as usual to serve the restored classes and projects.</source>
        <translation>Start Blockhaus as usual to serve the restored classes and projects.</translation>
    </message>
    <message>
        <source>--restore puts back a backup of the SQLite database in the data folder. Blockhaus is set to use a PostgreSQL database: restore that with PostgreSQL&apos;s pg_restore (or psql for a plain pg_dump file).</source>
        <translation>--restore puts back a backup of the SQLite database in the data folder. Blockhaus is set to use a PostgreSQL database: restore that with PostgreSQL&apos;s pg_restore (or psql for a plain pg_dump file).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::S4sImportCommand</name>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <source>class</source>
        <translation>class</translation>
    </message>
    <message>
        <source>class member</source>
        <translation>class member</translation>
    </message>
    <message>
        <source>project</source>
        <translation>project</translation>
    </message>
    <message>
        <source>backpack item</source>
        <translation>backpack item</translation>
    </message>
    <message>
        <source>%1 %2 “%3”</source>
        <translation>%1 %2 “%3”</translation>
    </message>
    <message>
        <source>imported %1</source>
        <translation>imported %1</translation>
    </message>
    <message>
        <source>already there %1</source>
        <translation>already there %1</translation>
    </message>
    <message>
        <source>skipped %1: %2</source>
        <translation>skipped %1: %2</translation>
    </message>
    <message>
        <source>Report of the import from Scratch4School:</source>
        <translation>Report of the import from Scratch4School:</translation>
    </message>
    <message>
        <source>    %1: %2 imported, %3 already there, %4 skipped</source>
        <translation>    %1: %2 imported, %3 already there, %4 skipped</translation>
    </message>
    <message>
        <source>Skipped, and why:</source>
        <translation>Skipped, and why:</translation>
    </message>
    <message>
        <source>Imported with a remark:</source>
        <translation>Imported with a remark:</translation>
    </message>
    <message>
        <source>Not imported, as Blockhaus has no place for them: %1 projects in Scratch4School&apos;s trash, %2 older versions (earlier commits and other users&apos; working copies; each project comes with its newest version), %3 assignments with %4 submissions, %5 shares of projects with users or groups.</source>
        <translation>Not imported, as Blockhaus has no place for them: %1 projects in Scratch4School&apos;s trash, %2 older versions (earlier commits and other users&apos; working copies; each project comes with its newest version), %3 assignments with %4 submissions, %5 shares of projects with users or groups.</translation>
    </message>
    <message>
        <source>Passwords are not imported: Scratch4School signs people in through the school&apos;s sign-in. The imported accounts cannot sign in to Blockhaus with a password until a teacher sets one (dashboard: the Students tab, a student, Reset password).</source>
        <translation>Passwords are not imported: Scratch4School signs people in through the school&apos;s sign-in. The imported accounts cannot sign in to Blockhaus with a password until a teacher sets one (dashboard: the Students tab, a student, Reset password).</translation>
    </message>
    <message>
        <source>Everything importable was already there: nothing was changed.</source>
        <translation>Everything importable was already there: nothing was changed.</translation>
    </message>
    <message>
        <source>Importing from Scratch4School: %1, uploads folder %2</source>
        <translation>Importing from Scratch4School: %1, uploads folder %2</translation>
    </message>
    <message>
        <source>The import stopped early: %1 Run it again to continue where it stopped.</source>
        <translation>The import stopped early: %1 Run it again to continue where it stopped.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::SelfCheck</name>
    <message>
        <source>The database does not answer.</source>
        <translation>The database does not answer.</translation>
    </message>
    <message>
        <source>Durability is off: the database&apos;s journal mode is “%1”, not WAL, so students&apos; saves block each other and a crash can damage the database.</source>
        <translation>Durability is off: the database&apos;s journal mode is “%1”, not WAL, so students&apos; saves block each other and a crash can damage the database.</translation>
    </message>
    <message>
        <source>Durability is off: the database&apos;s synchronous setting is “%1”, below FULL, so a save reported as done can be lost when the power fails.</source>
        <translation>Durability is off: the database&apos;s synchronous setting is “%1”, below FULL, so a save reported as done can be lost when the power fails.</translation>
    </message>
    <message>
        <source>The disk is too slow: it flushed %1 times per second, fewer than %2. Every save waits for a flush, so a class saving together would wait for seconds. Put the data folder on an internal SSD.</source>
        <translation>The disk is too slow: it flushed %1 times per second, fewer than %2. Every save waits for a flush, so a class saving together would wait for seconds. Put the data folder on an internal SSD.</translation>
    </message>
    <message>
        <source>The students&apos; load could not run: %1</source>
        <translation>The students&apos; load could not run: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n save(s) reported as done were not read back. This is a bug: please report it.</source>
        <translation>
            <numerusform>%n save(s) reported as done were not read back. This is a bug: please report it.</numerusform>
            <numerusform>%n save(s) reported as done were not read back. This is a bug: please report it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server failed %n request(s) (5xx). This is a bug: please report it with the log.</source>
        <translation>
            <numerusform>The server failed %n request(s) (5xx). This is a bug: please report it with the log.</numerusform>
            <numerusform>The server failed %n request(s) (5xx). This is a bug: please report it with the log.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer serves about %1 students saving at once, fewer than the %2 asked for.</source>
        <translation>This computer serves about %1 students saving at once, fewer than the %2 asked for.</translation>
    </message>
    <message>
        <source>The check&apos;s throwaway class could not be removed: %1</source>
        <translation>The check&apos;s throwaway class could not be removed: %1</translation>
    </message>
    <message>
        <source>Only %1 are free on the data folder&apos;s disk; a class&apos;s projects and their versions need hundreds of MB.</source>
        <translation>Only %1 are free on the data folder&apos;s disk; a class&apos;s projects and their versions need hundreds of MB.</translation>
    </message>
    <message>
        <source>The check could not measure the saves: %1</source>
        <translation>The check could not measure the saves: %1</translation>
    </message>
    <message>
        <source>This computer can serve about %1 students saving at once.</source>
        <translation>This computer can serve about %1 students saving at once.</translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation>Data folder: %1</translation>
    </message>
    <message>
        <source>Database: %1, journal_mode %2, synchronous %3</source>
        <translation>Database: %1, journal_mode %2, synchronous %3</translation>
    </message>
    <message>
        <source>Disk speed: %1 fsync/s (write and flush a small file in the data folder)</source>
        <translation>Disk speed: %1 fsync/s (write and flush a small file in the data folder)</translation>
    </message>
    <message>
        <source>Free disk: %1</source>
        <translation>Free disk: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Load: %1 throwaway students, each saving a %2 project in a loop with If-Match for %3 s, over 127.0.0.1</source>
        <translation>Load: %1 throwaway students, each saving a %2 project in a loop with If-Match for %3 s, over 127.0.0.1</translation>
    </message>
    <message>
        <source>Saves: %1 in %2 s, %3 saves/s</source>
        <translation>Saves: %1 in %2 s, %3 saves/s</translation>
    </message>
    <message>
        <source>Latency: p50 %1 ms, p99 %2 ms</source>
        <translation>Latency: p50 %1 ms, p99 %2 ms</translation>
    </message>
    <message>
        <source>Server errors (5xx): %1</source>
        <translation>Server errors (5xx): %1</translation>
    </message>
    <message>
        <source>Lost saves (read back): %1</source>
        <translation>Lost saves (read back): %1</translation>
    </message>
    <message>
        <source>Throwaway class and accounts removed: %1</source>
        <translation>Throwaway class and accounts removed: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>(Assumed: a student saves at most once every %1 seconds; the editor autosaves every 60 s. Measured over 127.0.0.1: the school&apos;s network is not part of this figure.)</source>
        <translation>(Assumed: a student saves at most once every %1 seconds; the editor autosaves every 60 s. Measured over 127.0.0.1: the school&apos;s network is not part of this figure.)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Self-check passed.</source>
        <translation>Self-check passed.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Self-check failed.</source>
        <translation>Self-check failed.</translation>
    </message>
    <message>
        <source>Measuring the disk…</source>
        <translation>Measuring the disk…</translation>
    </message>
    <message>
        <source>Making a throwaway class with %1 students…</source>
        <translation>Making a throwaway class with %1 students…</translation>
    </message>
    <message>
        <source>%1 students saving for %2 seconds…</source>
        <translation>%1 students saving for %2 seconds…</translation>
    </message>
    <message>
        <source>Removing the throwaway class…</source>
        <translation>Removing the throwaway class…</translation>
    </message>
    <message>
        <source>Blockhaus self-check: can this computer handle my class?</source>
        <translation>Blockhaus self-check: can this computer handle my class?</translation>
    </message>
    <message>
        <source>Blockhaus is running on this data folder, so the check cannot start its own server there. Use the button “Check this computer…” in the running dashboard&apos;s Health tab, or stop Blockhaus and run blockhaus --self-check again.</source>
        <translation>Blockhaus is running on this data folder, so the check cannot start its own server there. Use the button “Check this computer…” in the running dashboard&apos;s Health tab, or stop Blockhaus and run blockhaus --self-check again.</translation>
    </message>
    <message>
        <source>The server is not running.</source>
        <translation>The server is not running.</translation>
    </message>
    <message>
        <source>A check is already running.</source>
        <translation>A check is already running.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::ServerController</name>
    <message>
        <source>Blockhaus cannot create its data folder %1. Check that the drive is connected and that you may write there, or choose another folder.</source>
        <translation>Blockhaus cannot create its data folder %1. Check that the drive is connected and that you may write there, or choose another folder.</translation>
    </message>
    <message>
        <source>Blockhaus is already running with the data folder %1 (process %2). Close the other Blockhaus first.</source>
        <translation>Blockhaus is already running with the data folder %1 (process %2). Close the other Blockhaus first.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write in its data folder %1. Check that you may write there, or choose another folder.</source>
        <translation>Blockhaus cannot write in its data folder %1. Check that you may write there, or choose another folder.</translation>
    </message>
    <message>
        <source>The password library (libsodium) could not start.</source>
        <translation>The password library (libsodium) could not start.</translation>
    </message>
    <message>
        <source>The database %1 cannot be opened: %2</source>
        <translation>The database %1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>Port %1 is already in use by another program.</source>
        <translation>Port %1 is already in use by another program.</translation>
    </message>
    <message>
        <source>Blockhaus cannot listen on port %1 at %2: %3</source>
        <translation>Blockhaus cannot listen on port %1 at %2: %3</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>The database cannot be read: %1</translation>
    </message>
    <message>
        <source>The administrator account could not be created: %1</source>
        <translation>The administrator account could not be created: %1</translation>
    </message>
    <message>
        <source>Before updating the database %1 to this version of Blockhaus, a copy of it is kept, and that copy failed: %2</source>
        <translation>Before updating the database %1 to this version of Blockhaus, a copy of it is kept, and that copy failed: %2</translation>
    </message>
    <message>
        <source>Qt&apos;s database driver %1 is not installed, so Blockhaus cannot open its database. Install Blockhaus again (on Debian or Ubuntu, also the package %2).</source>
        <translation>Qt&apos;s database driver %1 is not installed, so Blockhaus cannot open its database. Install Blockhaus again (on Debian or Ubuntu, also the package %2).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::StoreLiveControlService</name>
    <message>
        <source>Blockhaus stopped before this could be done. Please try again.</source>
        <translation>Blockhaus stopped before this could be done. Please try again.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::App::StoreMaintenanceService</name>
    <message>
        <source>A backup is already being restored.</source>
        <translation>A backup is already being restored.</translation>
    </message>
    <message>
        <source>Wait until the check of this computer is done, then restore the backup.</source>
        <translation>Wait until the check of this computer is done, then restore the backup.</translation>
    </message>
    <message>
        <source>A backup is being restored. Check again when it is done.</source>
        <translation>A backup is being restored. Check again when it is done.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::AssignmentsPanel</name>
    <message>
        <source>Choose a class on the Students tab.</source>
        <translation>Choose a class on the Students tab.</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Handed in</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>Make and mark assignments in the &amp;browser</source>
        <translation>Make and mark assignments in the &amp;browser</translation>
    </message>
    <message>
        <source>Refresh the assignments</source>
        <translation>Refresh the assignments</translation>
    </message>
    <message>
        <source>Make and mark assignments on the teacher page</source>
        <translation>Make and mark assignments on the teacher page</translation>
    </message>
    <message>
        <source>Assignments of class %1</source>
        <translation>Assignments of class %1</translation>
    </message>
    <message>
        <source>no due time</source>
        <translation>no due time</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>not handed out yet</source>
        <translation>not handed out yet</translation>
    </message>
    <message>
        <source>No assignments in this class yet.</source>
        <translation>No assignments in this class yet.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::Autostart</name>
    <message>
        <source>Windows did not accept the change.</source>
        <translation>Windows did not accept the change.</translation>
    </message>
    <message>
        <source>%1 could not be removed.</source>
        <translation>%1 could not be removed.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 could not be written.</translation>
    </message>
    <message>
        <source>This is not available on this system.</source>
        <translation>This is not available on this system.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::ConflictModel</name>
    <message>
        <source>Project %1</source>
        <translation>Project %1</translation>
    </message>
    <message>
        <source>saved from version %1, current was %2</source>
        <translation>saved from version %1, current was %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Student</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Newer version saved by</source>
        <translation>Newer version saved by</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::DashboardWindow</name>
    <message>
        <source>Blockhaus – port %1</source>
        <translation>Blockhaus – port %1</translation>
    </message>
    <message>
        <source>Server status</source>
        <translation>Server status</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Join</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Starting</translation>
    </message>
    <message>
        <source>Waiting for the first figures.</source>
        <translation>Waiting for the first figures.</translation>
    </message>
    <message>
        <source>Find a student</source>
        <translation>Find a student</translation>
    </message>
    <message>
        <source>Who is online</source>
        <translation>Who is online</translation>
    </message>
    <message>
        <source>A conflict is a save from an older version: the student was asked what to do, and nothing was lost.</source>
        <translation>A conflict is a save from an older version: the student was asked what to do, and nothing was lost.</translation>
    </message>
    <message>
        <source>Filter conflicts</source>
        <translation>Filter conflicts</translation>
    </message>
    <message>
        <source>Save conflicts</source>
        <translation>Save conflicts</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>Close Blockhaus?</source>
        <translation>Close Blockhaus?</translation>
    </message>
    <message>
        <source>Stop the server? Students who are working will lose their connection; their saved work stays safe.</source>
        <translation>Stop the server? Students who are working will lose their connection; their saved work stays safe.</translation>
    </message>
    <message>
        <source>Or keep Blockhaus running in the background: it stays in the system tray.</source>
        <translation>Or keep Blockhaus running in the background: it stays in the system tray.</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray</source>
        <translation>&amp;Keep running in the tray</translation>
    </message>
    <message>
        <source>&amp;Stop the server</source>
        <translation>&amp;Stop the server</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Your account</source>
        <translation>Your account</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Help (%1 waiting)</source>
        <translation>Help (%1 waiting)</translation>
    </message>
    <message>
        <source>Live lesson</source>
        <translation>Live lesson</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HealthPanel</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Database connections</source>
        <translation>Database connections</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>Pool size</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Idle</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Wait for a connection (median)</source>
        <translation>Wait for a connection (median)</translation>
    </message>
    <message>
        <source>Wait (slowest 1 %)</source>
        <translation>Wait (slowest 1 %)</translation>
    </message>
    <message>
        <source>Turned away (timeouts)</source>
        <translation>Turned away (timeouts)</translation>
    </message>
    <message>
        <source>Busy retries</source>
        <translation>Busy retries</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>Requests per second</translation>
    </message>
    <message>
        <source>Refused or failed requests per second</source>
        <translation>Refused or failed requests per second</translation>
    </message>
    <message>
        <source>Students online</source>
        <translation>Students online</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>Database size</translation>
    </message>
    <message>
        <source>Free disk space</source>
        <translation>Free disk space</translation>
    </message>
    <message>
        <source>Running for</source>
        <translation>Running for</translation>
    </message>
    <message>
        <source>Database connections, last 5 minutes</source>
        <translation>Database connections, last 5 minutes</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>seconds ago</translation>
    </message>
    <message>
        <source>Chart of database connections in use and waiting</source>
        <translation>Chart of database connections in use and waiting</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Can this computer handle my class?</source>
        <translation>Can this computer handle my class?</translation>
    </message>
    <message>
        <source>&amp;Students in the check:</source>
        <translation>&amp;Students in the check:</translation>
    </message>
    <message>
        <source>Students in the check</source>
        <translation>Students in the check</translation>
    </message>
    <message>
        <source>&amp;Check this computer…</source>
        <translation>&amp;Check this computer…</translation>
    </message>
    <message>
        <source>Check this computer</source>
        <translation>Check this computer</translation>
    </message>
    <message>
        <source>A throwaway class saves projects on this server for about ten seconds; students working now may notice a slower server meanwhile. The class is removed afterwards.</source>
        <translation>A throwaway class saves projects on this server for about ten seconds; students working now may notice a slower server meanwhile. The class is removed afterwards.</translation>
    </message>
    <message>
        <source>Measures how many students saving at once this computer can serve.</source>
        <translation>Measures how many students saving at once this computer can serve.</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Result of the check</translation>
    </message>
    <message>
        <source>Checking… This takes about half a minute.</source>
        <translation>Checking… This takes about half a minute.</translation>
    </message>
    <message>
        <source>The check could not run: %1</source>
        <translation>The check could not run: %1</translation>
    </message>
    <message>
        <source>Passed.</source>
        <translation>Passed.</translation>
    </message>
    <message>
        <source>Problems found.</source>
        <translation>Problems found.</translation>
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
        <translation>The disk is almost full: students&apos; saves will fail. Free some space now.</translation>
    </message>
    <message>
        <source>The database is overloaded: some saves were turned away and are being retried.</source>
        <translation>The database is overloaded: some saves were turned away and are being retried.</translation>
    </message>
    <message>
        <source>Some requests failed inside Blockhaus. If it keeps happening, restart it.</source>
        <translation>Some requests failed inside Blockhaus. If it keeps happening, restart it.</translation>
    </message>
    <message>
        <source>Check soon</source>
        <translation>Check soon</translation>
    </message>
    <message>
        <source>Less than 1 GB of disk space is left.</source>
        <translation>Less than 1 GB of disk space is left.</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Many saves at once: students may wait a moment. Nothing is lost.</source>
        <translation>Many saves at once: students may wait a moment. Nothing is lost.</translation>
    </message>
    <message>
        <source>All good</source>
        <translation>All good</translation>
    </message>
    <message>
        <source>Blockhaus is running. Students online: %1.</source>
        <translation>Blockhaus is running. Students online: %1.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HelpModel</name>
    <message>
        <source>less than a minute</source>
        <translation>less than a minute</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>No project</source>
        <translation>No project</translation>
    </message>
    <message>
        <source>No question</source>
        <translation>No question</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::HelpPanel</name>
    <message>
        <source>Students waiting for help</source>
        <translation>Students waiting for help</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Done</translation>
    </message>
    <message>
        <source>Take the chosen student out of the queue</source>
        <translation>Take the chosen student out of the queue</translation>
    </message>
    <message>
        <source>&amp;Open read-only</source>
        <translation>&amp;Open read-only</translation>
    </message>
    <message>
        <source>Open the chosen student&apos;s project in the browser, read-only</source>
        <translation>Open the chosen student&apos;s project in the browser, read-only</translation>
    </message>
    <message>
        <source>Nobody is waiting for help.</source>
        <translation>Nobody is waiting for help.</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) waiting for help.</source>
        <translation>
            <numerusform>%n student waiting for help.</numerusform>
            <numerusform>%n students waiting for help.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was helped.</source>
        <translation>%1 was helped.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::JoinPanel</name>
    <message>
        <source>Students open:</source>
        <translation>Students open:</translation>
    </message>
    <message>
        <source>Join address</source>
        <translation>Join address</translation>
    </message>
    <message>
        <source>&amp;Address shown:</source>
        <translation>&amp;Address shown:</translation>
    </message>
    <message>
        <source>Address shown to students</source>
        <translation>Address shown to students</translation>
    </message>
    <message>
        <source>This computer is on several networks. Choose the address of the network the students&apos; devices use.</source>
        <translation>This computer is on several networks. Choose the address of the network the students&apos; devices use.</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Class code:</translation>
    </message>
    <message>
        <source>Class join code</source>
        <translation>Class join code</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Show on &amp;projector</source>
        <translation>Show on &amp;projector</translation>
    </message>
    <message>
        <source>Show on projector</source>
        <translation>Show on projector</translation>
    </message>
    <message>
        <source>Shows the address, class code and QR code full screen for the whole class.</source>
        <translation>Shows the address, class code and QR code full screen for the whole class.</translation>
    </message>
    <message>
        <source>Type it into the address bar of the browser.</source>
        <translation>Type it into the address bar of the browser.</translation>
    </message>
    <message>
        <source>No network found</source>
        <translation>No network found</translation>
    </message>
    <message>
        <source>Connect this computer to the school network (Wi-Fi or cable); the address appears here.</source>
        <translation>Connect this computer to the school network (Wi-Fi or cable); the address appears here.</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>Class: %1</translation>
    </message>
    <message>
        <source>No class chosen: students pick their class after opening the address.</source>
        <translation>No class chosen: students pick their class after opening the address.</translation>
    </message>
    <message>
        <source>Or scan this code:</source>
        <translation>Or scan this code:</translation>
    </message>
    <message>
        <source>Or type: %1 (works on most computers and tablets)</source>
        <translation>Or type: %1 (works on most computers and tablets)</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LibraryBox</name>
    <message>
        <source>Scratch library</source>
        <translation>Scratch library</translation>
    </message>
    <message>
        <source>The costumes, sprites, sounds and backdrops students pick in the editor. Downloaded once, they work without the internet.</source>
        <translation>The costumes, sprites, sounds and backdrops students pick in the editor. Downloaded once, they work without the internet.</translation>
    </message>
    <message>
        <source>Scratch library on this computer</source>
        <translation>Scratch library on this computer</translation>
    </message>
    <message>
        <source>Library download progress</source>
        <translation>Library download progress</translation>
    </message>
    <message>
        <source>Download the Scratch library for offline use</source>
        <translation>Download the Scratch library for offline use</translation>
    </message>
    <message>
        <source>Library download result</source>
        <translation>Library download result</translation>
    </message>
    <message>
        <source>Export the library to a file…</source>
        <translation>Export the library to a file…</translation>
    </message>
    <message>
        <source>Export the library to a file</source>
        <translation>Export the library to a file</translation>
    </message>
    <message>
        <source>Import the library from a file…</source>
        <translation>Import the library from a file…</translation>
    </message>
    <message>
        <source>Import the library from a file</source>
        <translation>Import the library from a file</translation>
    </message>
    <message>
        <source>Export the Scratch library</source>
        <translation>Export the Scratch library</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip files (*.zip)</translation>
    </message>
    <message>
        <source>Import the Scratch library</source>
        <translation>Import the Scratch library</translation>
    </message>
    <message>
        <source>Library files saved: %1. Copy the file to another computer and import it there.</source>
        <translation>Library files saved: %1. Copy the file to another computer and import it there.</translation>
    </message>
    <message>
        <source>Library files added: %1; already on this computer: %2.</source>
        <translation>Library files added: %1; already on this computer: %2.</translation>
    </message>
    <message>
        <source>Damaged files skipped: %1.</source>
        <translation>Damaged files skipped: %1.</translation>
    </message>
    <message>
        <source>This server keeps no copy of the Scratch library.</source>
        <translation>This server keeps no copy of the Scratch library.</translation>
    </message>
    <message>
        <source>%1 of %2 library files are on this computer (%3).</source>
        <translation>%1 of %2 library files are on this computer (%3).</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Pause the download</source>
        <translation>Pause the download</translation>
    </message>
    <message>
        <source>Downloading the Scratch library…</source>
        <translation>Downloading the Scratch library…</translation>
    </message>
    <message>
        <source>Resume the download</source>
        <translation>Resume the download</translation>
    </message>
    <message>
        <source>Paused. %1 of %2 library files are on this computer.</source>
        <translation>Paused. %1 of %2 library files are on this computer.</translation>
    </message>
    <message>
        <source>%1 of %2 library files are on this computer; %3 could not be downloaded: no internet?</source>
        <translation>%1 of %2 library files are on this computer; %3 could not be downloaded: no internet?</translation>
    </message>
    <message>
        <source>The whole Scratch library is on this computer: it works without the internet.</source>
        <translation>The whole Scratch library is on this computer: it works without the internet.</translation>
    </message>
    <message>
        <source>No download address is set (Blockhaus was started with --library-upstream none).</source>
        <translation>No download address is set (Blockhaus was started with --library-upstream none).</translation>
    </message>
    <message>
        <source>Exporting the Scratch library…</source>
        <translation>Exporting the Scratch library…</translation>
    </message>
    <message>
        <source>Importing the Scratch library…</source>
        <translation>Importing the Scratch library…</translation>
    </message>
    <message>
        <source>Left out because the library&apos;s size limit on this computer is reached: %1 (see --library-cache-mb).</source>
        <translation>Left out because the library&apos;s size limit on this computer is reached: %1 (see --library-cache-mb).</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LivePanel</name>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Class:</translation>
    </message>
    <message>
        <source>Pencils down</source>
        <translation>Pencils down</translation>
    </message>
    <message>
        <source>Pencils down state</source>
        <translation>Pencils down state</translation>
    </message>
    <message>
        <source>&amp;Pencils down</source>
        <translation>&amp;Pencils down</translation>
    </message>
    <message>
        <source>Pencils down: pause every student editor of the class</source>
        <translation>Pencils down: pause every student editor of the class</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <source>Continue: end the pause</source>
        <translation>Continue: end the pause</translation>
    </message>
    <message>
        <source>Send my project to everyone</source>
        <translation>Send my project to everyone</translation>
    </message>
    <message>
        <source>Project to send</source>
        <translation>Project to send</translation>
    </message>
    <message>
        <source>&amp;Send my project to everyone…</source>
        <translation>&amp;Send my project to everyone…</translation>
    </message>
    <message>
        <source>Send the chosen project to every student of the class</source>
        <translation>Send the chosen project to every student of the class</translation>
    </message>
    <message>
        <source>Collect everyone&apos;s work</source>
        <translation>Collect everyone&apos;s work</translation>
    </message>
    <message>
        <source>Co&amp;llect everyone&apos;s work now</source>
        <translation>Co&amp;llect everyone&apos;s work now</translation>
    </message>
    <message>
        <source>Collect everyone&apos;s work now</source>
        <translation>Collect everyone&apos;s work now</translation>
    </message>
    <message>
        <source>&amp;Export collection…</source>
        <translation>&amp;Export collection…</translation>
    </message>
    <message>
        <source>Export the last collection as a zip file</source>
        <translation>Export the last collection as a zip file</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Last result</translation>
    </message>
    <message>
        <source>Pencils down is ON: every student editor of this class is paused.</source>
        <translation>Pencils down is ON: every student editor of this class is paused.</translation>
    </message>
    <message>
        <source>Pencils down is off: students can work.</source>
        <translation>Pencils down is off: students can work.</translation>
    </message>
    <message>
        <source>You have no projects yet.</source>
        <translation>You have no projects yet.</translation>
    </message>
    <message>
        <source>Pencils down: the student editors save and pause.</source>
        <translation>Pencils down: the student editors save and pause.</translation>
    </message>
    <message>
        <source>The class can work again.</source>
        <translation>The class can work again.</translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n student(s). Each finds the copy in their projects.</source>
        <translation>
            <numerusform>Sent to %n student. They find the copy in their projects.</numerusform>
            <numerusform>Sent to %n students. Each finds the copy in their projects.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collected %n project(s) at %1. They are kept as copies in your projects; “Export collection…” saves them as one zip.</source>
        <translation>
            <numerusform>Collected %n project at %1. It is kept as a copy in your projects; “Export collection…” saves it as one zip.</numerusform>
            <numerusform>Collected %n projects at %1. They are kept as copies in your projects; “Export collection…” saves them as one zip.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n project(s) in %1.</source>
        <translation>
            <numerusform>Saved %n project in %1.</numerusform>
            <numerusform>Saved %n projects in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export collection</source>
        <translation>Export collection</translation>
    </message>
    <message>
        <source>Zip (*.zip)</source>
        <translation>Zip (*.zip)</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::LoginCardsWriter</name>
    <message>
        <source>Class: %1</source>
        <translation>Class: %1</translation>
    </message>
    <message>
        <source>Join: %1</source>
        <translation>Join: %1</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Class code:</translation>
    </message>
    <message>
        <source>There are no students to print login cards for.</source>
        <translation>There are no students to print login cards for.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Could not write %1.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::MaintenanceService</name>
    <message>
        <source>This server cannot run the check.</source>
        <translation>This server cannot run the check.</translation>
    </message>
    <message>
        <source>This server cannot restore a backup.</source>
        <translation>This server cannot restore a backup.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::OnlineModel</name>
    <message>
        <source>teacher</source>
        <translation>teacher</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>student</source>
        <translation>student</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>Project %1</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>none open</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>just now</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Current project</source>
        <translation>Current project</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
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
        <translation>Your password</translation>
    </message>
    <message>
        <source>This is your password for the Blockhaus web pages. It is shown only now: copy it or write it down. On this computer, the Blockhaus window opens the pages for you without it.</source>
        <translation>This is your password for the Blockhaus web pages. It is shown only now: copy it or write it down. On this computer, the Blockhaus window opens the pages for you without it.</translation>
    </message>
    <message>
        <source>Your username</source>
        <translation>Your username</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>&amp;Copy the password</source>
        <translation>&amp;Copy the password</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>Copy the password</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>Copy status</translation>
    </message>
    <message>
        <source>The password is copied.</source>
        <translation>The password is copied.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::PortInUseDialog</name>
    <message>
        <source>Blockhaus: port in use</source>
        <translation>Blockhaus: port in use</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Blockhaus cannot use port %1 because another program is using it. Students would need a different address.</source>
        <translation>Blockhaus cannot use port %1 because another program is using it. Students would need a different address.</translation>
    </message>
    <message>
        <source>Port %1 is free. Blockhaus can use it now, or from now on at every start.</source>
        <translation>Port %1 is free. Blockhaus can use it now, or from now on at every start.</translation>
    </message>
    <message>
        <source>Port %1 is in use</source>
        <translation>Port %1 is in use</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>Use port %1</translation>
    </message>
    <message>
        <source>Starts Blockhaus on port %1 this time.</source>
        <translation>Starts Blockhaus on port %1 this time.</translation>
    </message>
    <message>
        <source>Use port %1 from now on</source>
        <translation>Use port %1 from now on</translation>
    </message>
    <message>
        <source>Starts Blockhaus on port %1 and saves it in the settings.</source>
        <translation>Starts Blockhaus on port %1 and saves it in the settings.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Closes Blockhaus without starting it.</source>
        <translation>Closes Blockhaus without starting it.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::ProjectModel</name>
    <message>
        <source>In the trash since %1</source>
        <translation>In the trash since %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
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
        <translation>Join the class – Blockhaus</translation>
    </message>
    <message>
        <source>Join the class</source>
        <translation>Join the class</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Close the join screen</source>
        <translation>Close the join screen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Open in your browser:</source>
        <translation>Open in your browser:</translation>
    </message>
    <message>
        <source>Join address</source>
        <translation>Join address</translation>
    </message>
    <message>
        <source>No network found</source>
        <translation>No network found</translation>
    </message>
    <message>
        <source>Class code:</source>
        <translation>Class code:</translation>
    </message>
    <message>
        <source>Class join code</source>
        <translation>Class join code</translation>
    </message>
    <message>
        <source>Class: %1</source>
        <translation>Class: %1</translation>
    </message>
    <message>
        <source>Or scan this code with a tablet camera.</source>
        <translation>Or scan this code with a tablet camera.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::ProjectsPanel</name>
    <message>
        <source>S&amp;tudents:</source>
        <translation>S&amp;tudents:</translation>
    </message>
    <message>
        <source>Students of the class</source>
        <translation>Students of the class</translation>
    </message>
    <message>
        <source>&amp;Export class…</source>
        <translation>&amp;Export class…</translation>
    </message>
    <message>
        <source>Export the projects of the whole class</source>
        <translation>Export the projects of the whole class</translation>
    </message>
    <message>
        <source>Choose a student to see their projects.</source>
        <translation>Choose a student to see their projects.</translation>
    </message>
    <message>
        <source>Whose projects are shown</source>
        <translation>Whose projects are shown</translation>
    </message>
    <message>
        <source>Show t&amp;rash</source>
        <translation>Show t&amp;rash</translation>
    </message>
    <message>
        <source>Show the projects in the trash instead</source>
        <translation>Show the projects in the trash instead</translation>
    </message>
    <message>
        <source>Projects of the student</source>
        <translation>Projects of the student</translation>
    </message>
    <message>
        <source>&amp;Open in browser</source>
        <translation>&amp;Open in browser</translation>
    </message>
    <message>
        <source>Open the project in the browser</source>
        <translation>Open the project in the browser</translation>
    </message>
    <message>
        <source>Restore from tras&amp;h</source>
        <translation>Restore from tras&amp;h</translation>
    </message>
    <message>
        <source>Restore the project from the trash</source>
        <translation>Restore the project from the trash</translation>
    </message>
    <message>
        <source>&amp;Versions…</source>
        <translation>&amp;Versions…</translation>
    </message>
    <message>
        <source>Earlier versions of the project</source>
        <translation>Earlier versions of the project</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Export progress</translation>
    </message>
    <message>
        <source>%v of %m projects</source>
        <translation>%v of %m projects</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Trash of %1</source>
        <translation>Trash of %1</translation>
    </message>
    <message>
        <source>Projects of %1</source>
        <translation>Projects of %1</translation>
    </message>
    <message>
        <source>The trash of %1 is empty.</source>
        <translation>The trash of %1 is empty.</translation>
    </message>
    <message>
        <source>%1 has no projects yet.</source>
        <translation>%1 has no projects yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s).</source>
        <translation>
            <numerusform>%n project.</numerusform>
            <numerusform>%n projects.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is out of the trash and back among the projects of %2.</source>
        <translation>“%1” is out of the trash and back among the projects of %2.</translation>
    </message>
    <message>
        <source>“%1” has the content of version %2 again, saved as the new version %3. The versions in between are still kept.</source>
        <translation>“%1” has the content of version %2 again, saved as the new version %3. The versions in between are still kept.</translation>
    </message>
    <message>
        <source>Exporting the projects of %1…</source>
        <translation>Exporting the projects of %1…</translation>
    </message>
    <message>
        <source>There are no projects in %1 to export yet.</source>
        <translation>There are no projects in %1 to export yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n project file(s) saved in the zip file %1.</source>
        <translation>
            <numerusform>%n project file saved in the zip file %1.</numerusform>
            <numerusform>%n project files saved in the zip file %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project file(s) saved in the folder %1.</source>
        <translation>
            <numerusform>%n project file saved in the folder %1.</numerusform>
            <numerusform>%n project files saved in the folder %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore from trash</source>
        <translation>Restore from trash</translation>
    </message>
    <message>
        <source>Put “%1” back among the projects of %2?</source>
        <translation>Put “%1” back among the projects of %2?</translation>
    </message>
    <message>
        <source>Versions of “%1”</source>
        <translation>Versions of “%1”</translation>
    </message>
    <message>
        <source>Blockhaus keeps the last saved versions. Restoring one saves its content as a new version; nothing is lost.</source>
        <translation>Blockhaus keeps the last saved versions. Restoring one saves its content as a new version; nothing is lost.</translation>
    </message>
    <message>
        <source>Saved versions, newest first</source>
        <translation>Saved versions, newest first</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>&amp;Restore this version…</source>
        <translation>&amp;Restore this version…</translation>
    </message>
    <message>
        <source>Restore the chosen version</source>
        <translation>Restore the chosen version</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Restore this version</translation>
    </message>
    <message>
        <source>Make version %1 of “%2” the current one? It is saved as a new version; the current one stays in the list.</source>
        <translation>Make version %1 of “%2” the current one? It is saved as a new version; the current one stays in the list.</translation>
    </message>
    <message>
        <source>Version %1, saved %2 by %3 (%4)</source>
        <translation>Version %1, saved %2 by %3 (%4)</translation>
    </message>
    <message>
        <source>%1 – current</source>
        <translation>%1 – current</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s) kept.</source>
        <translation>
            <numerusform>%n version kept.</numerusform>
            <numerusform>%n versions kept.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export class</source>
        <translation>Export class</translation>
    </message>
    <message>
        <source>Export every project of the students of %1 as .sb3 files. Where should they go?</source>
        <translation>Export every project of the students of %1 as .sb3 files. Where should they go?</translation>
    </message>
    <message>
        <source>Into a &amp;folder…</source>
        <translation>Into a &amp;folder…</translation>
    </message>
    <message>
        <source>Into one &amp;zip file…</source>
        <translation>Into one &amp;zip file…</translation>
    </message>
    <message>
        <source>Export the projects into</source>
        <translation>Export the projects into</translation>
    </message>
    <message>
        <source>Save the projects as</source>
        <translation>Save the projects as</translation>
    </message>
    <message>
        <source>Projects of %1.zip</source>
        <translation>Projects of %1.zip</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip files (*.zip)</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::QrWidget</name>
    <message>
        <source>QR code</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>No address to show yet.</source>
        <translation>No address to show yet.</translation>
    </message>
    <message>
        <source>QR code for %1</source>
        <translation>QR code for %1</translation>
    </message>
    <message>
        <source>Scanning it with a tablet or phone camera opens %1 in the browser.</source>
        <translation>Scanning it with a tablet or phone camera opens %1 in the browser.</translation>
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
        <translation>never</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>Project %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Current project</source>
        <translation>Current project</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>%1 ■ not saved</source>
        <translation>%1 ■ not saved</translation>
    </message>
    <message>
        <source>Last save</source>
        <translation>Last save</translation>
    </message>
    <message>
        <source>Saves today</source>
        <translation>Saves today</translation>
    </message>
    <message>
        <source>Failed saves today</source>
        <translation>Failed saves today</translation>
    </message>
    <message>
        <source>Conflicts today</source>
        <translation>Conflicts today</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::SettingsPanel</name>
    <message>
        <source>When Blockhaus starts</source>
        <translation>When Blockhaus starts</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Takes effect after a restart.</translation>
    </message>
    <message>
        <source>Students type this number after the address. Takes effect after a restart.</source>
        <translation>Students type this number after the address. Takes effect after a restart.</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>The usual folder for application data</source>
        <translation>The usual folder for application data</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>C&amp;hange…</translation>
    </message>
    <message>
        <source>Change data folder</source>
        <translation>Change data folder</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>&amp;Open data folder</translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>Takes effect after a restart; the current data stays where it is. Copy it there with a backup if you want to keep it.</source>
        <translation>Takes effect after a restart; the current data stays where it is. Copy it there with a backup if you want to keep it.</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Data folder:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Applies the next time Blockhaus starts.</source>
        <translation>Applies the next time Blockhaus starts.</translation>
    </message>
    <message>
        <source>&amp;Interface language:</source>
        <translation>&amp;Interface language:</translation>
    </message>
    <message>
        <source>&amp;Start Blockhaus when I log in</source>
        <translation>&amp;Start Blockhaus when I log in</translation>
    </message>
    <message>
        <source>Start Blockhaus when I log in</source>
        <translation>Start Blockhaus when I log in</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>A backup is one file with every class, account and project. Students can keep working while it is made.</source>
        <translation>A backup is one file with every class, account and project. Students can keep working while it is made.</translation>
    </message>
    <message>
        <source>Database size</source>
        <translation>Database size</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Backup progress</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>The database is %1 in size.</source>
        <translation>The database is %1 in size.</translation>
    </message>
    <message>
        <source>Blockhaus will use its usual data folder after a restart. The current data stays where it is.</source>
        <translation>Blockhaus will use its usual data folder after a restart. The current data stays where it is.</translation>
    </message>
    <message>
        <source>Blockhaus will use the folder %1 after a restart. The current data stays where it is.</source>
        <translation>Blockhaus will use the folder %1 after a restart. The current data stays where it is.</translation>
    </message>
    <message>
        <source>The new language applies the next time Blockhaus starts.</source>
        <translation>The new language applies the next time Blockhaus starts.</translation>
    </message>
    <message>
        <source>Blockhaus will start when you log in.</source>
        <translation>Blockhaus will start when you log in.</translation>
    </message>
    <message>
        <source>Blockhaus will no longer start when you log in.</source>
        <translation>Blockhaus will no longer start when you log in.</translation>
    </message>
    <message>
        <source>Data folder for Blockhaus</source>
        <translation>Data folder for Blockhaus</translation>
    </message>
    <message>
        <source>The folder %1 could not be opened.</source>
        <translation>The folder %1 could not be opened.</translation>
    </message>
    <message>
        <source>Save a backup of Blockhaus</source>
        <translation>Save a backup of Blockhaus</translation>
    </message>
    <message>
        <source>Blockhaus backups (*.sqlite3)</source>
        <translation>Blockhaus backups (*.sqlite3)</translation>
    </message>
    <message>
        <source>A backup is already being made.</source>
        <translation>A backup is already being made.</translation>
    </message>
    <message>
        <source>Backups need the server to be running.</source>
        <translation>Backups need the server to be running.</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>Backing up to %1…</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Backup saved: %1</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Replaces the current classes and projects with those in a backup file.</source>
        <translation>Replaces the current classes and projects with those in a backup file.</translation>
    </message>
    <message>
        <source>Restore in progress</source>
        <translation>Restore in progress</translation>
    </message>
    <message>
        <source>Restore a backup of Blockhaus</source>
        <translation>Restore a backup of Blockhaus</translation>
    </message>
    <message>
        <source>Restore from a backup?</source>
        <translation>Restore from a backup?</translation>
    </message>
    <message>
        <source>Replace the current classes and projects with those in %1?</source>
        <translation>Replace the current classes and projects with those in %1?</translation>
    </message>
    <message>
        <source>A copy of the current database is kept first, so nothing is lost.</source>
        <translation>A copy of the current database is kept first, so nothing is lost.</translation>
    </message>
    <message>
        <source>A copy of the current database is kept first as %1, so nothing is lost.</source>
        <translation>A copy of the current database is kept first as %1, so nothing is lost.</translation>
    </message>
    <message>
        <source>DATE-TIME</source>
        <comment>placeholder in a file name</comment>
        <translation>DATE-TIME</translation>
    </message>
    <message>
        <source>Every class, account and project Blockhaus has now is replaced by what the backup %1 holds; work saved after that backup was made is no longer shown.</source>
        <translation>Every class, account and project Blockhaus has now is replaced by what the backup %1 holds; work saved after that backup was made is no longer shown.</translation>
    </message>
    <message>
        <source>Students are disconnected for a moment and have to sign in again. Their pages stay open.</source>
        <translation>Students are disconnected for a moment and have to sign in again. Their pages stay open.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Restoring needs the server to be running.</source>
        <translation>Restoring needs the server to be running.</translation>
    </message>
    <message>
        <source>Wait until the backup or restore that runs is done.</source>
        <translation>Wait until the backup or restore that runs is done.</translation>
    </message>
    <message>
        <source>Restoring %1… Students are disconnected for a moment.</source>
        <translation>Restoring %1… Students are disconnected for a moment.</translation>
    </message>
    <message>
        <source>Restoring a backup</source>
        <translation>Restoring a backup</translation>
    </message>
    <message>
        <source>Restored %1 (%2, schema version %3)</source>
        <translation>Restored %1 (%2, schema version %3)</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1.</translation>
    </message>
    <message>
        <source>%1; the database it replaced is kept as %2.</source>
        <translation>%1; the database it replaced is kept as %2.</translation>
    </message>
    <message>
        <source>Students sign in again.</source>
        <translation>Students sign in again.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::SignedInBrowser</name>
    <message>
        <source>No browser could be started. Open a browser and sign in on this computer&apos;s Blockhaus page with your username and password.</source>
        <translation>No browser could be started. Open a browser and sign in on this computer&apos;s Blockhaus page with your username and password.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::StudentsPanel</name>
    <message>
        <source>&amp;Class:</source>
        <translation>&amp;Class:</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>&amp;New class…</source>
        <translation>&amp;New class…</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>New class</translation>
    </message>
    <message>
        <source>Find a student</source>
        <translation>Find a student</translation>
    </message>
    <message>
        <source>Students of the class</source>
        <translation>Students of the class</translation>
    </message>
    <message>
        <source>&amp;Add students…</source>
        <translation>&amp;Add students…</translation>
    </message>
    <message>
        <source>Add students</source>
        <translation>Add students</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Re&amp;move from class…</source>
        <translation>Re&amp;move from class…</translation>
    </message>
    <message>
        <source>Remove from class</source>
        <translation>Remove from class</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>New accounts</source>
        <translation>New accounts</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (code %2, %n student(s))</source>
        <translation>
            <numerusform>%1 (code %2, %n student)</numerusform>
            <numerusform>%1 (code %2, %n students)</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no class yet. Create one with “New class”.</source>
        <translation>There is no class yet. Create one with “New class”.</translation>
    </message>
    <message>
        <source>Class “%1” created. Its code is %2.</source>
        <translation>Class “%1” created. Its code is %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n student account(s) created.</source>
        <translation>
            <numerusform>%n student account created.</numerusform>
            <numerusform>%n student accounts created.</numerusform>
        </translation>
    </message>
    <message>
        <source>New password for %1: %2</source>
        <translation>New password for %1: %2</translation>
    </message>
    <message>
        <source>Name of the class:</source>
        <translation>Name of the class:</translation>
    </message>
    <message>
        <source>Add students to %1</source>
        <translation>Add students to %1</translation>
    </message>
    <message>
        <source>Names, one per line</source>
        <translation>Names, one per line</translation>
    </message>
    <message>
        <source>Create accounts</source>
        <translation>Create accounts</translation>
    </message>
    <message>
        <source>Give %1 a new password? The old one stops working at once.</source>
        <translation>Give %1 a new password? The old one stops working at once.</translation>
    </message>
    <message>
        <source>The passwords are shown only now. Print the login cards or write them down.</source>
        <translation>The passwords are shown only now. Print the login cards or write them down.</translation>
    </message>
    <message>
        <source>New accounts with their passwords</source>
        <translation>New accounts with their passwords</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Save login cards as &amp;PDF…</source>
        <translation>Save login cards as &amp;PDF…</translation>
    </message>
    <message>
        <source>Save login cards</source>
        <translation>Save login cards</translation>
    </message>
    <message>
        <source>Login cards %1.pdf</source>
        <translation>Login cards %1.pdf</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Login cards</source>
        <translation>Login cards</translation>
    </message>
    <message>
        <source>Paste or type the names, one per line (for example “Anna M.”). Blockhaus makes a username and a password for each.</source>
        <translation>Paste or type the names, one per line (for example “Anna M.”). Blockhaus makes a username and a password for each.</translation>
    </message>
    <message>
        <source>%1 was taken out of the class. Their projects stay theirs.</source>
        <translation>%1 was taken out of the class. Their projects stay theirs.</translation>
    </message>
    <message>
        <source>Take %1 out of %2? Their projects stay theirs; they are no longer shared with this class.</source>
        <translation>Take %1 out of %2? Their projects stay theirs; they are no longer shared with this class.</translation>
    </message>
    <message>
        <source>Open the &amp;teacher page</source>
        <translation>Open the &amp;teacher page</translation>
    </message>
    <message>
        <source>Open the teacher page in the browser</source>
        <translation>Open the teacher page in the browser</translation>
    </message>
    <message>
        <source>Opens the teacher page in the browser on this computer, already signed in.</source>
        <translation>Opens the teacher page in the browser on this computer, already signed in.</translation>
    </message>
    <message>
        <source>Tea&amp;chers…</source>
        <translation>Tea&amp;chers…</translation>
    </message>
    <message>
        <source>Teacher accounts</source>
        <translation>Teacher accounts</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::TeachersDialog</name>
    <message>
        <source>Teachers</source>
        <translation>Teachers</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Teacher accounts</source>
        <translation>Teacher accounts</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>Reset the teacher&apos;s password</source>
        <translation>Reset the teacher&apos;s password</translation>
    </message>
    <message>
        <source>Name of the new teacher</source>
        <translation>Name of the new teacher</translation>
    </message>
    <message>
        <source>for example Ms Weber</source>
        <translation>for example Ms Weber</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Username of the new teacher</source>
        <translation>Username of the new teacher</translation>
    </message>
    <message>
        <source>letters, digits, dots, dashes</source>
        <translation>letters, digits, dots, dashes</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>&amp;Add teacher</source>
        <translation>&amp;Add teacher</translation>
    </message>
    <message>
        <source>Add the teacher</source>
        <translation>Add the teacher</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <source>Administrator (this window)</source>
        <translation>Administrator (this window)</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>The account %1 is made.</source>
        <translation>The account %1 is made.</translation>
    </message>
    <message>
        <source>%1 has a new password; the old one no longer works.</source>
        <translation>%1 has a new password; the old one no longer works.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Give %1 a new password? The old one stops working at once.</source>
        <translation>Give %1 a new password? The old one stops working at once.</translation>
    </message>
</context>
<context>
    <name>Blockhaus::Ui::TrayIcon</name>
    <message>
        <source>Blockhaus is starting</source>
        <translation>Blockhaus is starting</translation>
    </message>
    <message>
        <source>Show the dashboard</source>
        <translation>Show the dashboard</translation>
    </message>
    <message>
        <source>Stop Blockhaus</source>
        <translation>Stop Blockhaus</translation>
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
        <translation>Welcome to Blockhaus</translation>
    </message>
    <message>
        <source>Welcome to Blockhaus!</source>
        <translation>Welcome to Blockhaus!</translation>
    </message>
    <message>
        <source>&amp;Name of your class:</source>
        <translation>&amp;Name of your class:</translation>
    </message>
    <message>
        <source>for example 5b or Coding Club</source>
        <translation>for example 5b or Coding Club</translation>
    </message>
    <message>
        <source>Name of your class</source>
        <translation>Name of your class</translation>
    </message>
    <message>
        <source>Create the class and show the join screen</source>
        <translation>Create the class and show the join screen</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Your students will open Blockhaus in their browsers and save their Scratch projects on this computer. Start with your own account and your first class: its code lets the students join.</source>
        <translation>Your students will open Blockhaus in their browsers and save their Scratch projects on this computer. Start with your own account and your first class: its code lets the students join.</translation>
    </message>
    <message>
        <source>Your account for the web pages</source>
        <translation>Your account for the web pages</translation>
    </message>
    <message>
        <source>for example Ms Weber</source>
        <translation>for example Ms Weber</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Your name</translation>
    </message>
    <message>
        <source>Your na&amp;me:</source>
        <translation>Your na&amp;me:</translation>
    </message>
    <message>
        <source>I c&amp;hoose my password</source>
        <translation>I c&amp;hoose my password</translation>
    </message>
    <message>
        <source>I choose my password</source>
        <translation>I choose my password</translation>
    </message>
    <message>
        <source>Ma&amp;ke a password for me (shown once)</source>
        <translation>Ma&amp;ke a password for me (shown once)</translation>
    </message>
    <message>
        <source>Make a password for me</source>
        <translation>Make a password for me</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repeat it:</translation>
    </message>
    <message>
        <source>About the password</source>
        <translation>About the password</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>A password needs at least %1 characters.</translation>
    </message>
    <message>
        <source>The two passwords are not the same yet.</source>
        <translation>The two passwords are not the same yet.</translation>
    </message>
    <message>
        <source>The passwords match.</source>
        <translation>The passwords match.</translation>
    </message>
    <message>
        <source>Blockhaus makes a password and shows it to you once, with a Copy button.</source>
        <translation>Blockhaus makes a password and shows it to you once, with a Copy button.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
</context>
<context>
    <name>Sentence</name>
    <message>
        <source>Blockhaus stopped before the backup was made. Please try again.</source>
        <translation>Blockhaus stopped before the backup was made. Please try again.</translation>
    </message>
    <message>
        <source>The request could not be understood.</source>
        <translation>The request could not be understood.</translation>
    </message>
    <message>
        <source>Please log in first.</source>
        <translation>Please log in first.</translation>
    </message>
    <message>
        <source>You are not allowed to do this.</source>
        <translation>You are not allowed to do this.</translation>
    </message>
    <message>
        <source>This was not found.</source>
        <translation>This was not found.</translation>
    </message>
    <message>
        <source>Someone saved a newer version in the meantime.</source>
        <translation>Someone saved a newer version in the meantime.</translation>
    </message>
    <message>
        <source>This name is already taken.</source>
        <translation>This name is already taken.</translation>
    </message>
    <message>
        <source>This is too large to upload.</source>
        <translation>This is too large to upload.</translation>
    </message>
    <message>
        <source>This kind of file is not accepted here.</source>
        <translation>This kind of file is not accepted here.</translation>
    </message>
    <message>
        <source>The content is not valid.</source>
        <translation>The content is not valid.</translation>
    </message>
    <message>
        <source>Saving needs the version you started from (If-Match: &quot;N&quot;).</source>
        <translation>Saving needs the version you started from (If-Match: &quot;N&quot;).</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a little and try again.</source>
        <translation>Too many attempts. Please wait a little and try again.</translation>
    </message>
    <message>
        <source>The server is very busy right now. Please try again in a moment.</source>
        <translation>The server is very busy right now. Please try again in a moment.</translation>
    </message>
    <message>
        <source>The teacher&apos;s computer has no room left to save. Nothing was changed.</source>
        <translation>The teacher&apos;s computer has no room left to save. Nothing was changed.</translation>
    </message>
    <message>
        <source>Your storage space is full. Delete projects for good to make room. Nothing was changed.</source>
        <translation>Your storage space is full. Delete projects for good to make room. Nothing was changed.</translation>
    </message>
    <message>
        <source>Something went wrong on the server. Please tell your teacher.</source>
        <translation>Something went wrong on the server. Please tell your teacher.</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing was changed; please try again, and look at the log if it happens again.</source>
        <translation>Something went wrong. Nothing was changed; please try again, and look at the log if it happens again.</translation>
    </message>
    <message>
        <source>There is no room left on the disk for the backup.</source>
        <translation>There is no room left on the disk for the backup.</translation>
    </message>
    <message>
        <source>Backing up from Blockhaus works only with its built-in SQLite database. Back up a PostgreSQL database with pg_dump instead.</source>
        <translation>Backing up from Blockhaus works only with its built-in SQLite database. Back up a PostgreSQL database with pg_dump instead.</translation>
    </message>
    <message>
        <source>The database cannot be backed up from here.</source>
        <translation>The database cannot be backed up from here.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>The folder %1 does not exist.</translation>
    </message>
    <message>
        <source>%1 is a folder. Choose a file name for the backup.</source>
        <translation>%1 is a folder. Choose a file name for the backup.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write in the folder %1: %2</source>
        <translation>Blockhaus cannot write in the folder %1: %2</translation>
    </message>
    <message>
        <source>The database cannot be backed up from here: Qt&apos;s SQLite driver and Blockhaus use different SQLite versions.</source>
        <translation>The database cannot be backed up from here: Qt&apos;s SQLite driver and Blockhaus use different SQLite versions.</translation>
    </message>
    <message>
        <source>The backup was cancelled.</source>
        <translation>The backup was cancelled.</translation>
    </message>
    <message>
        <source>The backup could not be written: %1</source>
        <translation>The backup could not be written: %1</translation>
    </message>
    <message>
        <source>The backup could not be saved as %1: %2</source>
        <translation>The backup could not be saved as %1: %2</translation>
    </message>
    <message>
        <source>The database was written by a newer Blockhaus (schema %1, this build knows %2). Please update Blockhaus.</source>
        <translation>The database was written by a newer Blockhaus (schema %1, this build knows %2). Please update Blockhaus.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>There is no file %1.</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>%1 cannot be opened: %2</translation>
    </message>
    <message>
        <source>%1 is not a Blockhaus backup (%2).</source>
        <translation>%1 is not a Blockhaus backup (%2).</translation>
    </message>
    <message>
        <source>%1 is damaged (SQLite&apos;s integrity check failed), so it cannot be restored. Try an older backup.</source>
        <translation>%1 is damaged (SQLite&apos;s integrity check failed), so it cannot be restored. Try an older backup.</translation>
    </message>
    <message>
        <source>%1 is an SQLite database, but not one of Blockhaus.</source>
        <translation>%1 is an SQLite database, but not one of Blockhaus.</translation>
    </message>
    <message>
        <source>%1 was written by a newer Blockhaus (schema %2, this one knows %3). Update Blockhaus first.</source>
        <translation>%1 was written by a newer Blockhaus (schema %2, this one knows %3). Update Blockhaus first.</translation>
    </message>
    <message>
        <source>%1 exists already.</source>
        <translation>%1 exists already.</translation>
    </message>
    <message>
        <source>Blockhaus cannot create the folder %1.</source>
        <translation>Blockhaus cannot create the folder %1.</translation>
    </message>
    <message>
        <source>The copy of %1 could not be written: %2</source>
        <translation>The copy of %1 could not be written: %2</translation>
    </message>
    <message>
        <source>The copy could not be saved as %1: %2</source>
        <translation>The copy could not be saved as %1: %2</translation>
    </message>
    <message>
        <source>%1 cannot be read or copied to %2.</source>
        <translation>%1 cannot be read or copied to %2.</translation>
    </message>
    <message>
        <source>The backup could not be restored: %1. The database was not changed.</source>
        <translation>The backup could not be restored: %1. The database was not changed.</translation>
    </message>
    <message>
        <source>The backup could not be restored: %1. The database was not changed; a copy of it is at %2.</source>
        <translation>The backup could not be restored: %1. The database was not changed; a copy of it is at %2.</translation>
    </message>
    <message>
        <source>The file&apos;s content does not match its name (MD5 differs).</source>
        <translation>The file&apos;s content does not match its name (MD5 differs).</translation>
    </message>
    <message>
        <source>limit and offset must be whole numbers of zero or more.</source>
        <translation>limit and offset must be whole numbers of zero or more.</translation>
    </message>
    <message>
        <source>type must be costume, sound, sprite or script.</source>
        <translation>type must be costume, sound, sprite or script.</translation>
    </message>
    <message>
        <source>The backpack does not accept items of type “%1”.</source>
        <translation>The backpack does not accept items of type “%1”.</translation>
    </message>
    <message>
        <source>A backpack thumbnail must be a PNG or JPEG picture.</source>
        <translation>A backpack thumbnail must be a PNG or JPEG picture.</translation>
    </message>
    <message>
        <source>Only teachers can do this.</source>
        <translation>Only teachers can do this.</translation>
    </message>
    <message>
        <source>A class needs a name (at most %1 characters).</source>
        <translation>A class needs a name (at most %1 characters).</translation>
    </message>
    <message>
        <source>Enter between 1 and %1 names.</source>
        <translation>Enter between 1 and %1 names.</translation>
    </message>
    <message>
        <source>Name number %1 is empty. Every student needs a name.</source>
        <translation>Name number %1 is empty. Every student needs a name.</translation>
    </message>
    <message>
        <source>The name “%1…” is too long: a name has at most %2 characters.</source>
        <translation>The name “%1…” is too long: a name has at most %2 characters.</translation>
    </message>
    <message>
        <source>Only an administrator can add accounts.</source>
        <translation>Only an administrator can add accounts.</translation>
    </message>
    <message>
        <source>A username has 1 to %1 letters, digits, dots, dashes or underscores.</source>
        <translation>A username has 1 to %1 letters, digits, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>A chosen password needs at least %1 characters.</source>
        <translation>A chosen password needs at least %1 characters.</translation>
    </message>
    <message>
        <source>A chosen password has at most %1 characters.</source>
        <translation>A chosen password has at most %1 characters.</translation>
    </message>
    <message>
        <source>Please send a username and a password.</source>
        <translation>Please send a username and a password.</translation>
    </message>
    <message>
        <source>Too many wrong class codes. Please wait a little and check the code with your teacher.</source>
        <translation>Too many wrong class codes. Please wait a little and check the code with your teacher.</translation>
    </message>
    <message>
        <source>This class code is not known or not open.</source>
        <translation>This class code is not known or not open.</translation>
    </message>
    <message>
        <source>The administrator account of this Blockhaus is missing or disabled, so classes cannot be managed here.</source>
        <translation>The administrator account of this Blockhaus is missing or disabled, so classes cannot be managed here.</translation>
    </message>
    <message>
        <source>Only an administrator may back up the database.</source>
        <translation>Only an administrator may back up the database.</translation>
    </message>
    <message>
        <source>Choose a file name for the backup.</source>
        <translation>Choose a file name for the backup.</translation>
    </message>
    <message>
        <source>Name the backup file to restore.</source>
        <translation>Name the backup file to restore.</translation>
    </message>
    <message>
        <source>Only the owner can change this project.</source>
        <translation>Only the owner can change this project.</translation>
    </message>
    <message>
        <source>The file %1 in this .sb3 is damaged (its content does not match its name).</source>
        <translation>The file %1 in this .sb3 is damaged (its content does not match its name).</translation>
    </message>
    <message>
        <source>A new title is needed: {&quot;title&quot;: &quot;...&quot;}.</source>
        <translation>A new title is needed: {&quot;title&quot;: &quot;...&quot;}.</translation>
    </message>
    <message>
        <source>A thumbnail must be a PNG or JPEG picture.</source>
        <translation>A thumbnail must be a PNG or JPEG picture.</translation>
    </message>
    <message>
        <source>Only teachers can export a class.</source>
        <translation>Only teachers can export a class.</translation>
    </message>
    <message>
        <source>There is no such class.</source>
        <translation>There is no such class.</translation>
    </message>
    <message>
        <source>There is no such costume or sound here.</source>
        <translation>There is no such costume or sound here.</translation>
    </message>
    <message>
        <source>There is no such item in your backpack.</source>
        <translation>There is no such item in your backpack.</translation>
    </message>
    <message>
        <source>You do not teach this class.</source>
        <translation>You do not teach this class.</translation>
    </message>
    <message>
        <source>There is already a class called “%1”.</source>
        <translation>There is already a class called “%1”.</translation>
    </message>
    <message>
        <source>There is no user number %1.</source>
        <translation>There is no user number %1.</translation>
    </message>
    <message>
        <source>This person is not in the class.</source>
        <translation>This person is not in the class.</translation>
    </message>
    <message>
        <source>No free username was found.</source>
        <translation>No free username was found.</translation>
    </message>
    <message>
        <source>There is no such student in your classes.</source>
        <translation>There is no such student in your classes.</translation>
    </message>
    <message>
        <source>Only an administrator can change this account.</source>
        <translation>Only an administrator can change this account.</translation>
    </message>
    <message>
        <source>This student is not in a class you teach.</source>
        <translation>This student is not in a class you teach.</translation>
    </message>
    <message>
        <source>There is no project with this number.</source>
        <translation>There is no project with this number.</translation>
    </message>
    <message>
        <source>This project is in the trash.</source>
        <translation>This project is in the trash.</translation>
    </message>
    <message>
        <source>This project belongs to someone else.</source>
        <translation>This project belongs to someone else.</translation>
    </message>
    <message>
        <source>Someone saved a newer version of this project in the meantime.</source>
        <translation>Someone saved a newer version of this project in the meantime.</translation>
    </message>
    <message>
        <source>The project uses costumes or sounds that were not uploaded.</source>
        <translation>The project uses costumes or sounds that were not uploaded.</translation>
    </message>
    <message>
        <source>Only projects in the trash can be deleted for good. Move it to the trash first.</source>
        <translation>Only projects in the trash can be deleted for good. Move it to the trash first.</translation>
    </message>
    <message>
        <source>You can only share with classes you belong to.</source>
        <translation>You can only share with classes you belong to.</translation>
    </message>
    <message>
        <source>This project has no picture yet.</source>
        <translation>This project has no picture yet.</translation>
    </message>
    <message>
        <source>This version is no longer kept.</source>
        <translation>This version is no longer kept.</translation>
    </message>
    <message>
        <source>Your storage space is full (%1 of %2 MB used). Delete projects for good (trash) to make room. Nothing was changed.</source>
        <translation>Your storage space is full (%1 of %2 MB used). Delete projects for good (trash) to make room. Nothing was changed.</translation>
    </message>
    <message>
        <source>The username “%1” is taken.</source>
        <translation>The username “%1” is taken.</translation>
    </message>
    <message>
        <source>There is no such user.</source>
        <translation>There is no such user.</translation>
    </message>
    <message>
        <source>This server has no Scratch library cache.</source>
        <translation>This server has no Scratch library cache.</translation>
    </message>
    <message>
        <source>Blockhaus stopped before the library file was done. Please try again.</source>
        <translation>Blockhaus stopped before the library file was done. Please try again.</translation>
    </message>
    <message>
        <source>Only an administrator can see the teacher accounts.</source>
        <translation>Only an administrator can see the teacher accounts.</translation>
    </message>
    <message>
        <source>Your name needs 1 to %1 characters.</source>
        <translation>Your name needs 1 to %1 characters.</translation>
    </message>
    <message>
        <source>Only an administrator can open the pages for another teacher.</source>
        <translation>Only an administrator can open the pages for another teacher.</translation>
    </message>
    <message>
        <source>A sign-in link is only for teacher accounts.</source>
        <translation>A sign-in link is only for teacher accounts.</translation>
    </message>
    <message>
        <source>A sign-in link works only in a browser on the computer that runs Blockhaus.</source>
        <translation>A sign-in link works only in a browser on the computer that runs Blockhaus.</translation>
    </message>
    <message>
        <source>This sign-in link has been used already or is too old. Open the page again from the Blockhaus window, or sign in with your username and password.</source>
        <translation>This sign-in link has been used already or is too old. Open the page again from the Blockhaus window, or sign in with your username and password.</translation>
    </message>
    <message>
        <source>A sign-in link can only lead to a page of this Blockhaus.</source>
        <translation>A sign-in link can only lead to a page of this Blockhaus.</translation>
    </message>
    <message>
        <source>Only an administrator may run the capacity check.</source>
        <translation>Only an administrator may run the capacity check.</translation>
    </message>
    <message>
        <source>The check runs with 1 to %1 students.</source>
        <translation>The check runs with 1 to %1 students.</translation>
    </message>
    <message>
        <source>An account of the check&apos;s class also belongs elsewhere, so nothing was removed.</source>
        <translation>An account of the check&apos;s class also belongs elsewhere, so nothing was removed.</translation>
    </message>
    <message>
        <source>A backup can only be restored into a running server, one at a time.</source>
        <translation>A backup can only be restored into a running server, one at a time.</translation>
    </message>
    <message>
        <source>Blockhaus cannot listen on port %1 again (%2). Quit Blockhaus and start it again.</source>
        <translation>Blockhaus cannot listen on port %1 again (%2). Quit Blockhaus and start it again.</translation>
    </message>
    <message>
        <source>The backup could not be updated to this version of Blockhaus: %1. The database it replaced is in use again.</source>
        <translation>The backup could not be updated to this version of Blockhaus: %1. The database it replaced is in use again.</translation>
    </message>
    <message>
        <source>PostgreSQL&apos;s pg_dump was not found (on Debian or Ubuntu it is in the package postgresql-client).</source>
        <translation>PostgreSQL&apos;s pg_dump was not found (on Debian or Ubuntu it is in the package postgresql-client).</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>The folder %1 cannot be created.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 could not be started: %2</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 minutes.</source>
        <translation>%1 did not finish within %2 minutes.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>The file %1 cannot be written.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>The file %1 cannot be read.</translation>
    </message>
    <message>
        <source>Its file is missing from the uploads folder (looked for %1).</source>
        <translation>Its file is missing from the uploads folder (looked for %1).</translation>
    </message>
    <message>
        <source>Imported as %1: a Blockhaus account already has the name %2.</source>
        <translation>Imported as %1: a Blockhaus account already has the name %2.</translation>
    </message>
    <message>
        <source>Imported as %1: its teacher already has a class named %2.</source>
        <translation>Imported as %1: its teacher already has a class named %2.</translation>
    </message>
    <message>
        <source>There is already a class named %1.</source>
        <translation>There is already a class named %1.</translation>
    </message>
    <message>
        <source>Its class was not imported.</source>
        <translation>Its class was not imported.</translation>
    </message>
    <message>
        <source>Its account was not imported.</source>
        <translation>Its account was not imported.</translation>
    </message>
    <message>
        <source>Its owner&apos;s account was not imported.</source>
        <translation>Its owner&apos;s account was not imported.</translation>
    </message>
    <message>
        <source>It has no saved version.</source>
        <translation>It has no saved version.</translation>
    </message>
    <message>
        <source>Imported without its thumbnail: the file %1 is missing or cannot be read.</source>
        <translation>Imported without its thumbnail: the file %1 is missing or cannot be read.</translation>
    </message>
    <message>
        <source>Its .sb3 file %1 cannot be imported: %2</source>
        <translation>Its .sb3 file %1 cannot be imported: %2</translation>
    </message>
    <message>
        <source>Imported without its thumbnail, which is not a PNG or JPEG picture.</source>
        <translation>Imported without its thumbnail, which is not a PNG or JPEG picture.</translation>
    </message>
    <message>
        <source>This Blockhaus has no administrator account yet. Start Blockhaus once on it (that makes the account), stop it, and import again.</source>
        <translation>This Blockhaus has no administrator account yet. Start Blockhaus once on it (that makes the account), stop it, and import again.</translation>
    </message>
    <message>
        <source>The uploads folder %1 does not exist.</source>
        <translation>The uploads folder %1 does not exist.</translation>
    </message>
    <message>
        <source>This sign-in was used already, took too long or was not started here. Please start the school sign-in again.</source>
        <translation>This sign-in was used already, took too long or was not started here. Please start the school sign-in again.</translation>
    </message>
    <message>
        <source>The user name “%1” and its variants are all taken. Please ask the teacher or IT for help.</source>
        <translation>The user name “%1” and its variants are all taken. Please ask the teacher or IT for help.</translation>
    </message>
    <message>
        <source>The Scratch4School database %1 cannot be read: %2</source>
        <translation>The Scratch4School database %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not a Scratch4School database: it has no table %2.</source>
        <translation>%1 is not a Scratch4School database: it has no table %2.</translation>
    </message>
    <message>
        <source>Blockhaus cannot write %1.</source>
        <translation>Blockhaus cannot write %1.</translation>
    </message>
    <message>
        <source>This assignment is closed: the project can no longer be changed.</source>
        <translation>This assignment is closed: the project can no longer be changed.</translation>
    </message>
    <message>
        <source>The %1 may have at most %2 characters.</source>
        <translation>The %1 may have at most %2 characters.</translation>
    </message>
    <message>
        <source>An assignment needs a title (at most %1 characters).</source>
        <translation>An assignment needs a title (at most %1 characters).</translation>
    </message>
    <message>
        <source>Cloud variables of a project are shared only within the class of its owner.</source>
        <translation>Cloud variables of a project are shared only within the class of its owner.</translation>
    </message>
    <message>
        <source>Only the owner and their teachers read the comments on this project.</source>
        <translation>Only the owner and their teachers read the comments on this project.</translation>
    </message>
    <message>
        <source>Only teachers comment on projects.</source>
        <translation>Only teachers comment on projects.</translation>
    </message>
    <message>
        <source>The comment is empty.</source>
        <translation>The comment is empty.</translation>
    </message>
    <message>
        <source>A comment may be at most %1 characters long.</source>
        <translation>A comment may be at most %1 characters long.</translation>
    </message>
    <message>
        <source>Comments are for the projects of your students.</source>
        <translation>Comments are for the projects of your students.</translation>
    </message>
    <message>
        <source>up_to must be a comment number.</source>
        <translation>up_to must be a comment number.</translation>
    </message>
    <message>
        <source>A question may be at most %1 characters long.</source>
        <translation>A question may be at most %1 characters long.</translation>
    </message>
    <message>
        <source>Only teachers see the help queue.</source>
        <translation>Only teachers see the help queue.</translation>
    </message>
    <message>
        <source>Only students ask for help here.</source>
        <translation>Only students ask for help here.</translation>
    </message>
    <message>
        <source>You are not in a class, so no teacher would see your request.</source>
        <translation>You are not in a class, so no teacher would see your request.</translation>
    </message>
    <message>
        <source>You can only ask for help with your own projects.</source>
        <translation>You can only ask for help with your own projects.</translation>
    </message>
    <message>
        <source>Your teacher has just marked your request done.</source>
        <translation>Your teacher has just marked your request done.</translation>
    </message>
    <message>
        <source>This is only for teachers.</source>
        <translation>This is only for teachers.</translation>
    </message>
    <message>
        <source>Each press needs its own press_id of 1 to 64 letters or digits.</source>
        <translation>Each press needs its own press_id of 1 to 64 letters or digits.</translation>
    </message>
    <message>
        <source>This collection holds no projects.</source>
        <translation>This collection holds no projects.</translation>
    </message>
    <message>
        <source>There is no such assignment.</source>
        <translation>There is no such assignment.</translation>
    </message>
    <message>
        <source>There is no such student.</source>
        <translation>There is no such student.</translation>
    </message>
    <message>
        <source>The starter project must be one of your own projects.</source>
        <translation>The starter project must be one of your own projects.</translation>
    </message>
    <message>
        <source>Your teacher has already returned this assignment.</source>
        <translation>Your teacher has already returned this assignment.</translation>
    </message>
    <message>
        <source>This student has no copy of the assignment yet.</source>
        <translation>This student has no copy of the assignment yet.</translation>
    </message>
    <message>
        <source>The due time of this assignment has passed: the project can no longer be changed.</source>
        <translation>The due time of this assignment has passed: the project can no longer be changed.</translation>
    </message>
    <message>
        <source>This assignment is handed in or returned: the project can no longer be changed.</source>
        <translation>This assignment is handed in or returned: the project can no longer be changed.</translation>
    </message>
    <message>
        <source>There is no such help request.</source>
        <translation>There is no such help request.</translation>
    </message>
    <message>
        <source>There is no such project.</source>
        <translation>There is no such project.</translation>
    </message>
    <message>
        <source>There is no such collection.</source>
        <translation>There is no such collection.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Close the other program and start Blockhaus again.</source>
        <translation>Close the other program and start Blockhaus again.</translation>
    </message>
    <message>
        <source>Blockhaus cannot start</source>
        <translation>Blockhaus cannot start</translation>
    </message>
    <message>
        <source>Start again with another port, or with --port 0 to let the system pick a free one.</source>
        <translation>Start again with another port, or with --port 0 to let the system pick a free one.</translation>
    </message>
    <message>
        <source>Port %1 is free: start again with --port %1.</source>
        <translation>Port %1 is free: start again with --port %1.</translation>
    </message>
</context>
</TS>
