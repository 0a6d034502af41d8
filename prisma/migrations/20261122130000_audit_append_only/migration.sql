-- The audit log is append-only in the database too, not only in the app: an
-- UPDATE or DELETE of an audit row changes nothing. (Rules rather than a
-- trigger: the migration runner splits statements at every semicolon, so it
-- cannot carry a plpgsql body.)
CREATE RULE "AuditEvent_no_update" AS ON UPDATE TO "AuditEvent" DO INSTEAD NOTHING;

CREATE RULE "AuditEvent_no_delete" AS ON DELETE TO "AuditEvent" DO INSTEAD NOTHING;
