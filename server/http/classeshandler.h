// SPDX-License-Identifier: AGPL-3.0-or-later
// ClassesHandler serves the teachers' part: /api/v1/teacher/..., /api/v1/classes, /api/v1/users.
#pragma once

#include "server/http/router.h"
#include "server/http/services.h"
#include "server/service/classroom.h"

namespace Blockhaus::Http {

class ClassesHandler
{
public:
    explicit ClassesHandler(const Services &services)
        : m_services(services)
    {
    }
    void registerRoutes(Router &router) const;

private:
    using Caller = Core::Caller;
    Result<Reply> students(const RequestContext &context, const Caller &caller,
                           Service::Work &db) const;
    Result<Reply> studentProjects(const RequestContext &context, const Caller &caller,
                                  Service::Work &db) const;
    Result<Reply> listClasses(const RequestContext &context, const Caller &caller,
                              Service::Work &db) const;
    Result<Reply> createClass(const RequestContext &context, const Caller &caller,
                              Service::Work &db) const;
    Result<Reply> patchClass(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> addMembers(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;
    Result<Reply> removeMember(const RequestContext &context, const Caller &caller,
                               Service::Work &db) const;
    Result<Reply> addStudents(const RequestContext &context, const Caller &caller,
                              Service::Work &db) const;
    Result<Reply> resetPassword(const RequestContext &context, const Caller &caller,
                                Service::Work &db) const;
    Result<Reply> createUser(const RequestContext &context, const Caller &caller,
                             Service::Work &db) const;

    Service::Classroom classroom() const;

    const Services &m_services;
};

} // namespace Blockhaus::Http
