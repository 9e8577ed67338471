CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`canonical_url` text,
	`title` text,
	`state` text DEFAULT 'active' NOT NULL,
	`interval_minutes` integer NOT NULL,
	`created_at` integer NOT NULL,
	`next_check_at` integer NOT NULL,
	`last_checked_at` integer,
	`last_changed_at` integer,
	`etag` text,
	`last_modified` text,
	`last_body_hash` text,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_url_unique` ON `articles` (`url`);--> statement-breakpoint
CREATE INDEX `articles_due` ON `articles` (`state`,`next_check_at`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`hash` text PRIMARY KEY NOT NULL,
	`encoding` text NOT NULL,
	`size` integer NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL,
	`status` integer,
	`duration_ms` integer NOT NULL,
	`error` text,
	`version_ordinal` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checks_article_at` ON `checks` (`article_id`,`at`);--> statement-breakpoint
CREATE INDEX `checks_at` ON `checks` (`at`);--> statement-breakpoint
CREATE TABLE `paragraphs` (
	`hash` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `versions` (
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
	`previous_seen_at` integer,
	`paragraph_hashes` text NOT NULL,
	`blob_hash` text,
	`diff_summary` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`blob_hash`) REFERENCES `blobs`(`hash`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `versions_article_ordinal` ON `versions` (`article_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `versions_first_seen` ON `versions` (`first_seen_at`);