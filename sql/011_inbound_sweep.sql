-- The sender's sweep of the provider's message list for texts whose
-- webhook never got through (the portal was down, the database
-- restarting): when each number was last swept, so that several senders
-- share the work instead of each listing every number.
ALTER TABLE sending_numbers
	ADD COLUMN inbound_swept_at DATETIME(3) NULL;
