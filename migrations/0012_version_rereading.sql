-- A version's page read again by a newer stet (monitor/reread.ts): when (reread_at), the fingerprint it was stored
-- with and its feed GUID keeps (stored_fingerprint), and the encoding its page was decoded with (encoding; unknown,
-- null, for versions stored before).
ALTER TABLE `versions` ADD `reread_at` integer;--> statement-breakpoint
ALTER TABLE `versions` ADD `stored_fingerprint` text;--> statement-breakpoint
ALTER TABLE `versions` ADD `encoding` text;
