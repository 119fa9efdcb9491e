// SPDX-License-Identifier: AGPL-3.0-or-later
// Plain value types that the stores return and the HTTP layer serialises.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Blockhaus::Core {

enum class Role { Student, Teacher, Admin };

Role roleFromString(const QString &text, bool *ok = nullptr);
QString roleToString(Role role);

struct UserRef
{
    qint64 id = 0;
    QString username;
    QString displayName;
};

struct GroupRef
{
    qint64 id = 0;
    QString name;
};

struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Student;
    QList<GroupRef> groups;
};

// Who is making a request; produced by auth/ from a session.
struct Caller
{
    qint64 userId = 0;
    Role role = Role::Student;
    QString username;
    QString displayName;
    QString sessionExpiresAt; // of the session that authenticated this request
    bool isTeacherOrAdmin() const { return role != Role::Student; }
    bool isAdmin() const { return role == Role::Admin; }
    UserRef ref() const { return {userId, username, displayName}; }
    // The caller that acts as user (the one place a caller is made from an account).
    static Caller of(const User &user)
    {
        return {user.id, user.role, user.username, user.displayName, {}};
    }
};

struct ProjectMeta
{
    qint64 id = 0;
    QString title;
    UserRef owner;
    int version = 0;
    QString createdAt;
    QString updatedAt;
    QString deletedAt; // empty unless in the trash
    bool hasThumbnail = false;
    QList<GroupRef> sharedWith;
};

struct ProjectContent
{
    QByteArray body;
    int version = 0;
};

struct VersionInfo
{
    int version = 0;
    QString savedAt;
    UserRef savedBy;
    qint64 size = 0;
};

struct AssetData
{
    QString md5;
    QString format;
    QByteArray data;
};

struct AssetPutResult
{
    qint64 assetId = 0;
    bool created = false;
};

struct Thumbnail
{
    QString mime;
    QByteArray data;
};

struct BackpackItem
{
    QString id;
    QString type;
    QString name;
    QString mime;
    QString bodyMd5ext;
    QString thumbnailMd5ext;
};

struct ClassInfo
{
    qint64 id = 0;
    QString name;
    QString joinCode;
    bool joinOpen = true;
    int studentCount = 0;
};

struct NewAccount
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString password; // shown this once
    Role role = Role::Student;
};

struct StudentRow
{
    UserRef user;
    QList<GroupRef> groups;
    int projectCount = 0;
    QString lastSeen; // from the database; live presence is merged by the caller
};

struct SessionInfo
{
    User user;
    QString expiresAt;
};

// Everything an .sb3 export needs, read from one snapshot.
struct ProjectExport
{
    QString title;
    QByteArray body;
    QList<AssetData> assets;
};

// Assignments (#16): a teacher hands out a starter project to a class; each student works on a
// copy of their own. Times are stored text (timetext.h); empty: none.
struct Assignment
{
    qint64 id = 0;
    GroupRef group;
    QString title;
    QString instructions;
    QString dueAt; // empty: no due time
    bool allowContinue = false; // the default of a return: the student may go on editing
    qint64 starterProjectId = 0; // the project the starter was taken from; 0: empty or gone
    QString createdAt;
    QString handedOutAt; // empty: not handed out yet, students do not see it
    int studentCount = 0; // the students of the class (teacher views)
    int handedInCount = 0; // of them, who have handed in (returned ones included)
};

enum class CopyState { NotStarted, InProgress, HandedIn, Returned };

QString copyStateToString(CopyState state);
CopyState copyStateFromString(const QString &text);

// One student's copy of an assignment; a student without a copy yet is NotStarted with
// projectId 0.
struct AssignmentCopy
{
    UserRef student;
    qint64 projectId = 0;
    CopyState state = CopyState::NotStarted;
    QString handedInAt;
    QString returnedAt;
    QString feedback;
    bool continueAllowed = false;
    bool late = false; // due time passed without a hand-in before it
    bool frozen = false; // the student may not save the copy (handed in, returned, past due)
};

// An assignment as one student sees it.
struct MyAssignment
{
    Assignment assignment;
    AssignmentCopy copy;
};

} // namespace Blockhaus::Core
