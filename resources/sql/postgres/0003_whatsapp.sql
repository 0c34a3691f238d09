-- Kedai schema, version 3 (PostgreSQL): WhatsApp channels (Cloud API, WAHA), delivery statuses,
-- conversations with human takeover, and merged customers. Same columns as ../sqlite/0003_whatsapp.sql.

-- The structured form of an interactive message (a list or reply buttons) as JSON; text always
-- holds the numbered plain-text fallback for channels that cannot show it.
ALTER TABLE outbox ADD COLUMN payload text NOT NULL DEFAULT '';
-- What the channel reported after the send: sent | delivered | read | played | failed ('' = nothing yet).
ALTER TABLE outbox ADD COLUMN delivery text NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN delivery_at text COLLATE "C";
-- The channel's error code of the last failure (e.g. 131047), 0 = none.
ALTER TABLE outbox ADD COLUMN error_code integer NOT NULL DEFAULT 0;
-- Who wrote it: '' = the bot, else "staff:<name>" (a reply from the Conversations panel).
ALTER TABLE outbox ADD COLUMN sent_by text NOT NULL DEFAULT '';
-- Which running instance claimed it (status 'sending'): that instance holds an advisory lock
-- named after it while it lives, so a sweeper can tell a dead instance's sends from live ones
-- and queue them again at once instead of after a timeout ('' = unknown: the timeout applies).
ALTER TABLE outbox ADD COLUMN claimed_by text NOT NULL DEFAULT '';
-- Status webhooks find a message by the id the channel gave it.
CREATE INDEX idx_outbox_external ON outbox (channel, external_id);

-- Inbound media: the channel's media id (downloaded when the message is handled) and its type.
ALTER TABLE inbox ADD COLUMN media_id text NOT NULL DEFAULT '';
ALTER TABLE inbox ADD COLUMN media_mime text NOT NULL DEFAULT '';
CREATE INDEX idx_inbox_channel_from ON inbox (channel, from_id, id);

-- Human takeover: the bot says nothing to this customer until then (NULL = not paused).
ALTER TABLE customers ADD COLUMN bot_paused_until text COLLATE "C";
-- A customer merged into another one (their identities, saldo and history moved there).
ALTER TABLE customers ADD COLUMN merged_into bigint REFERENCES customers (id);
