-- SPDX-License-Identifier: AGPL-3.0-or-later
-- Blockhaus schema migration 0006 (PostgreSQL), the twin of schema/sqlite/0006: school sign-in
-- through OpenID Connect (issue #15, step 4). Numbered 0006: 0005 belongs to the several-processes
-- work written at the same time.
-- Pending sign-ins live here, not in memory, so that any Blockhaus process behind the same address
-- can finish a sign-in another one started. Only the SHA-256 of the state is stored, as for
-- session tokens; a row is deleted when its callback arrives (one use) or once it has expired.

CREATE TABLE oidc_pending_logins (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX oidc_pending_logins_expiry ON oidc_pending_logins(expires_at);

-- Who a school account is: the provider (issuer) and its stable subject, never the user name.
-- user_id is filled in the transaction that inserted the row (insert-or-ignore, then read).
CREATE TABLE external_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identities_user ON external_identities(user_id);

-- The class a group of the provider (the groups claim) became; filled like external_identities.
-- Deleting the class deletes the mapping: the next sign-in of a member makes the class again.
CREATE TABLE external_groups (
    issuer TEXT NOT NULL,
    name TEXT NOT NULL,
    group_id BIGINT REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (issuer, name)
);
CREATE INDEX external_groups_group ON external_groups(group_id);
