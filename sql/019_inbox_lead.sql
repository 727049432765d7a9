-- 019_inbox_lead.sql: the inbox index holds each conversation's lead.
-- A search by a common name walks the inbox in order and tests each
-- conversation's lead: with lead_id in the index the walk reads the index
-- alone for the page's ids, then only the page's conversations' rows (a
-- name 5,000 of 100,000 leads have passed over 1,672 conversations for
-- its 50). Same name, so the statements that name it are unchanged;
-- built in place, without a lock.
ALTER TABLE conversations DROP INDEX conversations_inbox,
	ADD INDEX conversations_inbox (business_id, last_activity_at, id, lead_id),
	ALGORITHM=INPLACE, LOCK=NONE;
