-- 020_lead_number.sql: a number's leads found by the number alone.
-- A look-up's line type belongs to the number, so the sender and the
-- status callbacks (30003/30005/30006) write it to every lead with that
-- number, in any business: without this index each such UPDATE scanned
-- and locked every lead (100,000 rows in the bench, 30-60 ms each),
-- blocking the inbound texts' and the portal's own lead updates meanwhile.
-- Built in place, without a lock.
ALTER TABLE leads ADD INDEX leads_e164 (phone_e164),
	ALGORITHM=INPLACE, LOCK=NONE;
