-- versions.recorded_at: when stet stored the version. SQLite cannot add a NOT NULL column without a default, so
-- the table is made anew (https://sqlite.org/lang_altertable.html#otheralter); no table references versions.
-- Backfilled from the check that stored each version (a confirmed cut is stored by the confirming check, minutes
-- after first_seen_at); where that check is no longer kept (checks are a bounded window), from first_seen_at.
CREATE TABLE `__new_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`fingerprint` text NOT NULL,
	`title` text,
	`byline` text,
	`published_at` text,
	`modified_at` text,
	`latest_modified_at` text,
	`canonical_url` text,
	`lang` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`previous_seen_at` integer,
	`paragraph_hashes` text NOT NULL,
	`blob_hash` text,
	`diff_summary` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blob_hash`) REFERENCES `blobs`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_versions`("id", "article_id", "ordinal", "fingerprint", "title", "byline", "published_at", "modified_at", "latest_modified_at", "canonical_url", "lang", "first_seen_at", "last_seen_at", "recorded_at", "previous_seen_at", "paragraph_hashes", "blob_hash", "diff_summary")
SELECT "id", "article_id", "ordinal", "fingerprint", "title", "byline", "published_at", "modified_at", "latest_modified_at", "canonical_url", "lang", "first_seen_at", "last_seen_at",
	coalesce((select max(c.`at`) from `checks` c where c.`article_id` = `versions`.`article_id` and c.`version_ordinal` = `versions`.`ordinal` and c.`outcome` in ('new-version', 'first-version')), `first_seen_at`),
	"previous_seen_at", "paragraph_hashes", "blob_hash", "diff_summary"
FROM `versions`;
--> statement-breakpoint
DROP TABLE `versions`;
--> statement-breakpoint
ALTER TABLE `__new_versions` RENAME TO `versions`;
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_article_ordinal` ON `versions` (`article_id`,`ordinal`);
--> statement-breakpoint
CREATE INDEX `versions_recorded` ON `versions` (`recorded_at`);
