-- seed/generate.sql: leads, conversations and messages for one business,
-- for the demo and the benchmark. sp-admin sets, before running it:
--   @business_id, @number_id, @agent_a, @agent_b, @leads (<= 1000000),
--   @per_lead (messages per conversation, <= 50), @phone_base (first
--   local number: 7 digits), @area (3 digits).
-- Lead 50 is a landline (its number ends in 50: a landline in sp-sim too),
-- lead 13 an invalid number (a reserved fictional 555-01XX one) and every
-- 25th lead from the 3rd opted out with STOP; every 97th from the 41st is
-- marked spam.
-- sp-admin then fills messages.reason from each provider code (core_reason).

SET @first_names = 'Olivia,Liam,Emma,Noah,Ava,Elijah,Sophia,James,Isabella,Lucas,Mia,Mateo,Amelia,Levi,Harper,Ethan,Evelyn,Aiden,Luna,Jackson';
SET @last_names = 'Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Gonzalez,Wilson,Anderson,Thomas,Taylor,Moore,Jackson,Martin';
SET @lead_base = (SELECT COALESCE(MAX(id), 0) FROM leads);

INSERT INTO leads (business_id, name, email, phone_raw, phone_e164,
    phone_valid, line_type, opted_out, created_at)
SELECT @business_id,
    CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(@first_names, ',', 1 + seq % 20), ',', -1),
        ' ',
        SUBSTRING_INDEX(SUBSTRING_INDEX(@last_names, ',', 1 + (seq DIV 20) % 20), ',', -1)),
    IF(seq % 3 = 0, NULL, CONCAT('lead', seq, '@example.com')),
    IF(seq = 13, CONCAT('(', @area, ') 555-0113'),
        CONCAT('(', @area, ') ', LPAD((@phone_base + seq) DIV 10000, 3, '0'),
            '-', LPAD((@phone_base + seq) % 10000, 4, '0'))),
    IF(seq = 13, CONCAT('+1', @area, '5550113'),
        CONCAT('+1', @area, LPAD(@phone_base + seq, 7, '0'))),
    IF(seq = 13, 0, 1),
    CASE WHEN seq = 50 THEN 'landline' WHEN seq = 13 THEN NULL
        WHEN seq % 17 = 5 THEN 'nonFixedVoip' ELSE 'mobile' END,
    IF(seq % 25 = 3, 1, 0),
    NOW(3) - INTERVAL 45 DAY
FROM seq_1_to_1000000 WHERE seq <= @leads;

INSERT INTO conversations (business_id, lead_id, sending_number_id,
    last_activity_at, created_at)
SELECT @business_id, l.id, @number_id, l.created_at, l.created_at
FROM leads l WHERE l.business_id = @business_id AND l.id > @lead_base
ORDER BY l.id;

-- One row per message; k is the lead's number within this run (7, 13, ...),
-- h a stable pseudo-random number per message.
INSERT INTO messages (business_id, conversation_id, direction, body, status,
    error_code, provider_sid, agent_id, created_at, updated_at)
SELECT @business_id, x.cid, x.dir,
    IF(x.dir = 'in',
        IF(x.stop, 'STOP',
            ELT(1 + x.h % 10, 'Sounds good, thanks!',
                'Can you come Tuesday instead?', 'How much would that cost?',
                'Yes please', 'Who is this?', 'I''ll stop by tomorrow',
                'Is the quote still valid?', 'Thanks, got it',
                'Can you call me after 5?', 'Not right now, maybe next month')),
        CONCAT('Hi ', x.first, ', ',
            ELT(1 + x.h % 8,
                'this is Sam from ', 'thanks for reaching out to ',
                'a quick follow-up from ', 'your estimate from ',
                'just checking in from ', 'a reminder from ',
                'good news from ', 'one more question from '),
            x.bname, '. ',
            ELT(1 + (x.h DIV 8) % 6,
                'Does Thursday at 10am work for the inspection?',
                'Your quote is ready: https://acme.example/quotes',
                'Would you like us to send the crew next week?',
                'Reply here with any questions.',
                'We can match the price we discussed.',
                'Let us know a good time to call.'))),
    CASE
        WHEN x.dir = 'in' THEN 'received'
        WHEN x.k IN (50, 13) THEN 'failed'
        -- every text here is hours old or more: none is still on its way
        -- (one queued, sending or sent would show "Sending" for weeks,
        -- which no sender leaves it at)
        -- 21xxx codes are the provider's refusals (failed), the rest the
        -- carrier's (undelivered)
        WHEN x.h % 100 >= 88 THEN IF(x.h % 10 < 2, 'failed', 'undelivered')
        ELSE 'delivered' END,
    CASE
        WHEN x.dir = 'in' OR x.k IN (50, 13) THEN NULL
        WHEN x.h % 100 >= 88 THEN ELT(1 + x.h % 10, 21610, 21211, 30003,
            30004, 30005, 30006, 30007, 30007, 30022, 30034)
        ELSE NULL END,
    IF(x.k IN (50, 13), NULL, CONCAT('SM', MD5(CONCAT(x.cid, ':', x.seq)))),
    IF(x.dir = 'in', NULL, IF(x.h % 2 = 0, @agent_a, @agent_b)),
    x.at, x.at
FROM (
    SELECT c.id AS cid, s.seq, l.id - @lead_base AS k,
        CRC32(CONCAT(c.id, ':', s.seq)) AS h,
        l.opted_out AND s.seq = @per_lead AS stop,
        IF(l.opted_out AND s.seq = @per_lead, 'in',
            IF(s.seq % 3 = 0, 'in', 'out')) AS dir,
        SUBSTRING_INDEX(l.name, ' ', 1) AS first,
        b.name AS bname,
        NOW(3) - INTERVAL 30 DAY
            + INTERVAL (CRC32(c.id) % (29 * 24 * 60)) MINUTE
            + INTERVAL (s.seq * 97 + CRC32(CONCAT(c.id, ':', s.seq)) % 60) MINUTE
            - INTERVAL (@per_lead * 97 + 60) MINUTE AS at
    FROM conversations c
    JOIN leads l ON l.id = c.lead_id
    JOIN businesses b ON b.id = c.business_id
    JOIN seq_1_to_50 s ON s.seq <= @per_lead
    WHERE c.business_id = @business_id AND l.id > @lead_base
) x
-- in the order they were written, as a live database numbers them (the
-- delivery list and the thread read the ids' order)
ORDER BY x.at, x.cid, x.seq;

-- What the provider said of each text it took: the sender's hand-over a
-- second after it was written, then the receipts ('sent', then the final
-- one) as their callbacks would have brought them, already applied: the
-- message page's timeline. The provider's own refusals (failed, 21xxx)
-- had no receipts.
UPDATE messages SET sent_at = created_at + INTERVAL 1 SECOND
WHERE business_id = @business_id AND direction = 'out'
    AND provider_sid IS NOT NULL;
INSERT INTO message_events (provider_sid, message_id, status, error_code,
    received_at, applied)
SELECT provider_sid, id, 'sent', 0, created_at + INTERVAL 2 SECOND, 1
FROM messages
WHERE business_id = @business_id AND direction = 'out'
    AND provider_sid IS NOT NULL AND status IN ('delivered', 'undelivered')
UNION ALL
SELECT provider_sid, id, status, COALESCE(error_code, 0),
    created_at + INTERVAL (4 + id % 40) SECOND, 1
FROM messages
WHERE business_id = @business_id AND direction = 'out'
    AND provider_sid IS NOT NULL AND status IN ('delivered', 'undelivered')
ORDER BY 5, 2;

-- Each number's look-up, as the sender cached it before the lead's first
-- text (what the simulator answers for such a number): the message page's
-- "Number look-up" and the dashboard's carriers. The invalid number was
-- never looked up (it fails before any provider call).
INSERT IGNORE INTO number_lookups (e164, valid, line_type, carrier,
    checked_at)
SELECT l.phone_e164, 1, l.line_type,
    CASE l.line_type WHEN 'landline' THEN 'Verizon'
        WHEN 'nonFixedVoip' THEN 'Google (Grand Central) - SVR'
        ELSE ELT(1 + ASCII(RIGHT(l.phone_e164, 1)) % 3, 'T-Mobile USA, Inc.',
            'AT&T Wireless', 'Verizon Wireless') END,
    x.first_out - INTERVAL 1 SECOND
FROM leads l JOIN conversations c ON c.lead_id = l.id
JOIN (SELECT conversation_id, MIN(created_at) AS first_out FROM messages
      WHERE business_id = @business_id AND direction = 'out'
      GROUP BY conversation_id) x ON x.conversation_id = c.id
WHERE l.business_id = @business_id AND l.id > @lead_base
    AND l.phone_valid = 1 AND l.line_type IS NOT NULL;

-- The local checks' failures carry a class, not a provider code.
UPDATE messages m JOIN conversations c ON c.id = m.conversation_id
    JOIN leads l ON l.id = c.lead_id
SET m.reason = IF(l.line_type = 'landline', 'landline', 'invalid_number')
WHERE c.business_id = @business_id AND l.id - @lead_base IN (50, 13)
    AND m.direction = 'out';

UPDATE conversations c
JOIN (SELECT conversation_id, MAX(id) AS mid FROM messages
      WHERE business_id = @business_id GROUP BY conversation_id) x
    ON x.conversation_id = c.id
JOIN messages m ON m.id = x.mid
SET c.last_message_id = x.mid, c.last_activity_at = m.created_at,
    c.last_direction = m.direction, c.last_preview = LEFT(m.body, 160),
    c.last_status = m.status, c.last_reason = m.reason,
    c.last_error_code = m.error_code
WHERE c.business_id = @business_id;

-- Who last texted each lead: the inbox's "by agent" filter.
UPDATE conversations c
JOIN (SELECT conversation_id, MAX(id) AS mid FROM messages
      WHERE business_id = @business_id AND direction = 'out'
      GROUP BY conversation_id) x ON x.conversation_id = c.id
JOIN messages m ON m.id = x.mid
SET c.agent_id = m.agent_id
WHERE c.business_id = @business_id;

-- Every 97th lead from the 41st is marked spam.
UPDATE leads SET is_spam = 1
WHERE business_id = @business_id AND id > @lead_base
    AND (id - @lead_base) % 97 = 41;

-- Two saved templates (once per business).
INSERT IGNORE INTO message_templates (business_id, name, body)
VALUES (@business_id, 'Follow-up',
    'Hi {first_name}, this is {business_name} following up on your quote. Any questions? Reply STOP to opt out.'),
    (@business_id, 'Appointment reminder',
    'Hi {first_name}, a reminder of your appointment with {business_name} tomorrow. Reply to reschedule.');

UPDATE leads l JOIN conversations c ON c.lead_id = l.id
    JOIN messages m ON m.id = c.last_message_id
SET l.opted_out_at = m.created_at
WHERE l.business_id = @business_id AND l.opted_out = 1;

-- The opted-out leads' ledger rows (the consent ledger is append-only),
-- through a temporary table: the ledger's trigger updates leads, which the
-- INSERT may not read itself (017_optout_list.sql).
CREATE TEMPORARY TABLE seed_optouts AS
SELECT l.business_id, l.id AS lead_id,
    COALESCE(l.phone_e164, l.phone_raw) AS e164, n.e164 AS number,
    c.last_message_id AS message_id, l.opted_out_at AS at
FROM leads l JOIN conversations c ON c.lead_id = l.id
JOIN sending_numbers n ON n.id = c.sending_number_id
WHERE l.business_id = @business_id AND l.id > @lead_base AND l.opted_out = 1;
INSERT INTO consent_ledger (business_id, lead_id, e164, sending_number, action,
    keyword, message_id, source, created_at)
SELECT business_id, lead_id, e164, number, 'opt_out', 'STOP', message_id,
    'inbound', at FROM seed_optouts ORDER BY lead_id;
DROP TEMPORARY TABLE seed_optouts;
